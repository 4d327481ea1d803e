// Engine-vs-engine whole-program benchmarks: the same .wat module run by wasmlet (compiled from text
// by our API) and by Node's own WebAssembly (from the binary our watToBinary produces). Reports the
// time per run of each and the ratio wasmlet/native. Plain timing loops with warm-up; no assertions
// on time, only on results (both engines must agree).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, instantiate, invoke, watToBinary, fromRaw } from '../interpreter/index.js';

export interface EngineCase {
  name: string;
  /** File in bench/wat/. */
  wat: string;
  /** Exported function to call. */
  fn: string;
  /** Arguments (i32 only, so raw and JS values agree). */
  args: number[];
  /** Result type, to compare wasmlet's raw result with the native one. */
  result: 'i32' | 'f64';
}

export const CASES: EngineCase[] = [
  { name: 'fib', wat: 'fib.wat', fn: 'fib', args: [27], result: 'i32' },
  { name: 'sieve', wat: 'sieve.wat', fn: 'sieve', args: [1 << 20], result: 'i32' },
  { name: 'matmul', wat: 'matmul.wat', fn: 'matmul', args: [100], result: 'f64' },
];

/** The .wat file: looked up under the working directory, then beside the source tree of this file. */
export function watPath(file: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(process.cwd(), 'bench', 'wat', file),
    resolve(here, 'wat', file),             // running from source layout
    resolve(here, '..', '..', 'bench', 'wat', file), // running from dist/bench/
  ];
  for (const p of candidates) if (existsSync(p)) return p;
  throw new Error(`bench: cannot find ${file} (looked in ${candidates.join(', ')})`);
}

/** Node's WebAssembly, typed just enough for this file (no DOM lib here). */
interface NativeWasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports?: object) => { exports: Record<string, (...a: number[]) => unknown> };
}
const native = (globalThis as unknown as { WebAssembly: NativeWasm }).WebAssembly;

export interface Timing { perRunMs: number; runs: number; result: unknown; }

/** Warm up, then run until at least `minMs` have passed (and at least `minRuns` runs). */
export function time(run: () => unknown, warmups: number, minMs: number, minRuns: number): Timing {
  let result: unknown;
  for (let i = 0; i < warmups; i++) result = run();
  let runs = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (runs < minRuns || elapsed < minMs) {
    result = run();
    runs++;
    elapsed = performance.now() - t0;
  }
  return { perRunMs: elapsed / runs, runs, result };
}

export interface EngineResult { name: string; wasmlet: Timing; native: Timing; ratio: number; }

export function runEngineCase(c: EngineCase, minMs = 1000): EngineResult {
  const text = readFileSync(watPath(c.wat), 'utf8');
  const inst = instantiate(compile(text));
  const ours = time(() => fromRaw(c.result, invoke(inst, c.fn, c.args)[0]), 1, minMs, 3);

  const nat = new native.Instance(new native.Module(watToBinary(text)));
  const f = nat.exports[c.fn];
  const theirs = time(() => f(...c.args), 5, minMs, 10);

  if (ours.result !== theirs.result) {
    throw new Error(`bench ${c.name}: wasmlet returned ${String(ours.result)}, native ${String(theirs.result)}`);
  }
  return { name: c.name, wasmlet: ours, native: theirs, ratio: ours.perRunMs / theirs.perRunMs };
}

export function formatResult(r: EngineResult): string {
  const ms = (t: Timing) => `${t.perRunMs.toFixed(3)} ms/run (${t.runs} runs)`;
  return `${r.name.padEnd(8)} wasmlet ${ms(r.wasmlet).padEnd(28)} native ${ms(r.native).padEnd(28)} ratio ${r.ratio.toFixed(1)}x  result ${String(r.wasmlet.result)}`;
}

// `wasmlet invoke --store DIR USER FUNCTION [--input TEXT | --input-file PATH] [--cmdline ARGS]
// [--repeat N] [--dir …] [--env …] [--fuel N] [--quiet] [--verbose]`: binds USER/FUNCTION from the
// function store, runs it N times with a reset in between, writes each invocation's output data, and
// reports the time per invocation and per reset, next to what a full copy of the memory costs.
import { readFileSync } from 'node:fs';
import { RuntimeError, CompileError, LinkError } from '../interpreter/index.js';
import { WasmModule, formatTrap } from './module/wasm-module.js';
import { createMessage } from './module/message.js';
import { DirectoryFunctionStore } from './module/function-store.js';
import { processStdout, processStderr } from './module/output-capture.js';
import { emptyOptions, parseCommonOption } from './cli-options.js';
import type { RunIo } from './run-command.js';

export const INVOKE_USAGE = `usage: wasmlet invoke --store DIR USER FUNCTION [--input TEXT | --input-file PATH]
         [--cmdline ARGS] [--repeat N] [--dir HOST::GUEST] [--mem-dir GUEST] [--env K=V] [--fuel N]
         [--quiet] [--verbose]
  Runs DIR/USER/FUNCTION/function.wasm N times (default 1) with a reset to its zygote in between
  (in-memory directories go back to their zygote state too; host directories are the host's).
  The program's stdout/stderr go to the terminal (--quiet drops them); its output data is written to
  stdout after each invocation. Timing goes to stderr (per invocation with --verbose).`;

interface Stats { mean: number; median: number; min: number; max: number; }
function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), median: s[s.length >> 1] ?? 0, min: s[0] ?? 0, max: s[s.length - 1] ?? 0 };
}
const ms = (x: number): string => x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(3)} ms`;
const fmt = (s: Stats): string => `mean ${ms(s.mean)}, median ${ms(s.median)}, min ${ms(s.min)}, max ${ms(s.max)}`;

/** Time (ms, best of a few) to copy `bytes` bytes: what restoring a snapshot by full copy costs. */
export function fullCopyMs(bytes: number, rounds = 5): number {
  const src = new Uint8Array(bytes), dst = new Uint8Array(bytes);
  src[bytes - 1] = 1;
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    dst.set(src);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export function invokeCommand(args: string[], io: RunIo): number {
  const o = emptyOptions();
  let store: string | null = null, input: Uint8Array = new Uint8Array(0), cmdline = '', repeat = 1;
  let quiet = false, verbose = false;
  const positional: string[] = [];
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const used = parseCommonOption(args, i, o);
      if (used > 0) { i += used - 1; continue; }
      const value = (): string => { const v = args[++i]; if (v === undefined) throw new Error(`${a} needs a value`); return v; };
      if (a === '--store') store = value();
      else if (a === '--input') input = new TextEncoder().encode(value());
      else if (a === '--input-file') input = readFileSync(value());
      else if (a === '--cmdline') cmdline = value();
      else if (a === '--repeat') {
        const v = value();
        repeat = Number(v);
        if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`bad --repeat "${v}"`);
      } else if (a === '--quiet') quiet = true;
      else if (a === '--verbose') verbose = true;
      else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
      else positional.push(a);
    }
    if (store === null) throw new Error('missing --store DIR');
    if (positional.length !== 2) throw new Error('expected USER FUNCTION');
  } catch (e) {
    io.err.write(`wasmlet invoke: ${(e as Error).message}\n${INVOKE_USAGE}\n`);
    return 2;
  }
  const [user, fn] = positional;
  const wm = new WasmModule({
    store: new DirectoryFunctionStore(store), dirs: o.dirs, env: o.env, fuel: o.fuel, captureStdout: quiet,
    threads: { seed: o.seed, threads: o.threads },
    stdout: io.stdout ?? processStdout, stderr: io.stderr ?? processStderr,
  });
  const execMs: number[] = [], resetMs: number[] = [], resetPages: number[] = [];
  let firstFailure = 0;
  try {
    const t0 = performance.now();
    wm.bindToFunction({ user, function: fn });
    const bindMs = performance.now() - t0;
    for (let k = 1; k <= repeat; k++) {
      const msg = createMessage(user, fn, { inputData: input, cmdline, env: o.env });
      const code = wm.executeFunction(msg);
      if (msg.outputData.length > 0) (io.stdout ?? processStdout)(msg.outputData);
      if (msg.error !== null) io.err.write(`wasmlet: invocation ${k}: ${msg.error}\n`);
      if (code !== 0 && firstFailure === 0) firstFailure = code;
      wm.reset(msg);
      execMs.push(msg.executionMs);
      resetMs.push(wm.stats.lastResetMs);
      resetPages.push(wm.stats.lastResetPages);
      if (verbose) io.err.write(`#${k}: exit ${code}, execute ${ms(msg.executionMs)}, reset ${ms(wm.stats.lastResetMs)} (${wm.stats.lastResetPages} pages)\n`);
    }
    const memBytes = wm.getMemorySizeBytes();
    const copy = fullCopyMs(memBytes);
    const pages = stats(resetPages);
    io.err.write(`wasmlet: ${user}/${fn}: bind ${ms(bindMs)}; ${repeat} invocation(s)\n`);
    io.err.write(`  execute: ${fmt(stats(execMs))}\n`);
    io.err.write(`  reset:   ${fmt(stats(resetMs))}; ${pages.mean.toFixed(1)} of ${memBytes / 4096} pages copied on average\n`);
    io.err.write(`  a full copy of the ${(memBytes / 1048576).toFixed(1)} MiB memory: ${ms(copy)}\n`);
    return firstFailure;
  } catch (e) {
    if (e instanceof RuntimeError) io.err.write(`wasmlet: trap: ${formatTrap(e)}\n`);
    else if (e instanceof CompileError || e instanceof LinkError) io.err.write(`wasmlet: ${user}/${fn}: ${e.name}: ${e.message}\n`);
    else io.err.write(`wasmlet: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

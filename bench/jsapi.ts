// `npm run bench -- jsapi`: the real JS API clients (test/clients: the sql.js workload with 10,000 rows,
// and quickjs-emscripten) run unmodified in child processes on five WebAssembly implementations:
// under --jitless wasmlet (wasmlet/polyfill) and polywasm, and with the JIT wasmlet, polywasm and
// Node's native WebAssembly. Prints load and workload times (measured inside the child, without Node's
// startup), whether the output matches native, and the ratios, all from one run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url)); // dist/bench
const clients = resolve(here, '..', 'test', 'clients');

/** The package root (the nearest package.json named wasmlet): `wasmlet/polyfill` resolves from there. */
function packageRoot(): string {
  for (let d = here; ; d = dirname(d)) {
    const p = join(d, 'package.json');
    if (existsSync(p) && JSON.parse(readFileSync(p, 'utf8')).name === 'wasmlet') return d;
    if (dirname(d) === d) throw new Error('no wasmlet package.json above ' + here);
  }
}

interface Engine { name: string; jit: boolean; args: string[]; }

const ENGINES: Engine[] = [
  { name: 'wasmlet', jit: false, args: ['--jitless', '--import', 'wasmlet/polyfill'] },
  { name: 'polywasm', jit: false, args: ['--jitless', '--import', join(here, 'jsapi-use-polywasm.js')] },
  { name: 'wasmlet', jit: true, args: ['--import', join(here, 'jsapi-use-wasmlet.js')] },
  { name: 'polywasm', jit: true, args: ['--import', join(here, 'jsapi-use-polywasm.js')] },
  { name: 'native', jit: true, args: [] },
];

interface Client { name: string; script: string; args: string[]; }

const CLIENTS: Client[] = [
  { name: 'sql.js, 10,000 rows', script: 'sqljs-app.js', args: ['10000'] },
  { name: 'quickjs-emscripten', script: 'quickjs-app.js', args: [] },
];

interface Result { loadMs: number; workMs: number; totalMs: number; stdout: string; error: string | null; runs: number; }

/** One child run; null timing when it failed. */
function runOnce(e: Engine, c: Client): Result {
  const r = spawnSync(process.execPath, [...e.args, join(clients, c.script), ...c.args],
    { cwd: packageRoot(), encoding: 'utf8', maxBuffer: 64 << 20 });
  const m = /timing (\{.*\})/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) {
    const why = (r.stderr ?? '').split('\n').filter(l => l.trim() && !l.includes('--expose_wasm')).slice(-3).join(' | ');
    return { loadMs: NaN, workMs: NaN, totalMs: NaN, stdout: r.stdout ?? '', error: `exit ${r.status}: ${why}`, runs: 1 };
  }
  const t = JSON.parse(m[1]) as { loadMs: number; workMs: number };
  return { loadMs: t.loadMs, workMs: t.workMs, totalMs: t.loadMs + t.workMs, stdout: r.stdout, error: null, runs: 1 };
}

/** Runs until minMs of child time has passed (at most 5 runs, at least 1); keeps the fastest. */
function measure(e: Engine, c: Client, minMs: number): Result {
  let best = runOnce(e, c);
  let spent = best.totalMs, runs = 1;
  while (best.error === null && spent < minMs && runs < 5) {
    const r = runOnce(e, c);
    runs++;
    spent += r.totalMs;
    if (r.error === null && r.totalMs < best.totalMs) best = r;
  }
  return { ...best, runs };
}

function differingLines(a: string, b: string): number {
  const x = a.trim().split('\n'), y = b.trim().split('\n');
  let n = Math.abs(x.length - y.length);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) n++;
  return n;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0).padStart(8) : '       –');
const ratio = (a: Result, b: Result) => (a.error || b.error ? 'n/a' : `${(a.totalMs / b.totalMs).toFixed(2)}x`);

export function runJsapiBench(minMs: number): void {
  for (const c of CLIENTS) {
    console.log(`jsapi ${c.name}: load and workload ms inside the child (fastest of up to 5 runs within ${minMs} ms)`);
    const results = ENGINES.map(e => measure(e, c, minMs));
    const native = results[ENGINES.findIndex(e => e.name === 'native')];
    ENGINES.forEach((e, i) => {
      const r = results[i];
      const mode = e.jit ? 'JIT      ' : '--jitless';
      let note: string;
      if (r.error) note = `FAILED ${r.error}`;
      else if (native.error) note = 'native failed: output not compared';
      else {
        const d = differingLines(r.stdout, native.stdout);
        note = d === 0 ? 'output = native' : `OUTPUT DIFFERS from native in ${d} of ${native.stdout.trim().split('\n').length} lines`;
      }
      console.log(`  ${mode} ${e.name.padEnd(9)} load ${ms(r.loadMs)}  work ${ms(r.workMs)}  total ${ms(r.totalMs)}  (${r.runs} run${r.runs > 1 ? 's' : ''})  ${note}`);
    });
    const [wl, pl, wj, pj, nj] = results;
    console.log(`  ratios (total): --jitless wasmlet/polywasm ${ratio(wl, pl)};  JIT wasmlet/polywasm ${ratio(wj, pj)}, wasmlet/native ${ratio(wj, nj)}, polywasm/native ${ratio(pj, nj)};  wasmlet --jitless/JIT ${ratio(wl, wj)}`);
  }
}

// OpenMP benchmark: the overhead of `parallel for` against the same loop run sequentially in the same
// module and invocation (test/fixtures/omp_bench.c `both N R`: an N-iteration loop, static schedule,
// + reduction, run R times each way after a first region has made the team's thread stacks, timed
// with omp_get_wtime). The figure is the ratio par/seq (median over invocations) for several loop
// lengths and team sizes, and the cost of one empty region (fork, static split, reduction, join;
// the fastest and the median invocation).
// The interpreter runs one thread at a time, so the ideal ratio is 1.0.
import { readFileSync } from 'node:fs';
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import { fixture } from '../test/fixtures/locate.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (s: number): string => (s < 1e-3 ? `${(s * 1e6).toFixed(0)} µs` : `${(s * 1e3).toFixed(2)} ms`);

/** Median seq and par seconds, and the median ratio, of `both n reps` on a team of `threads`. */
export function measureOpenMp(n: number, reps: number, threads: number, minMs: number): { seq: number; par: number; ratio: number; minPar: number } {
  const store = new MapFunctionStore().set('bench', 'omp', readFileSync(fixture('omp_bench.wasm')));
  const m = new WasmModule({ store, captureStdout: true, threads: { threads } });
  m.bindToFunction(createMessage('bench', 'omp'));
  const seq: number[] = [], par: number[] = [], ratio: number[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < minMs || i < 4; i++) {
    const msg = createMessage('bench', 'omp', { cmdline: `both ${n} ${reps}` });
    const code = m.executeFunction(msg);
    if (code !== 0) throw new Error(`omp_bench both ${n} ${reps} failed (${code}): ${msg.stdout}${msg.error ?? ''}`);
    m.reset(msg);
    if (i === 0) continue; // warm-up: lazy compilation
    const [s, p] = msg.stdout.trim().split(' ').map(Number);
    seq.push(s); par.push(p); ratio.push(p / s);
  }
  return { seq: median(seq), par: median(par), ratio: median(ratio), minPar: Math.min(...par) };
}

export function runOpenMpBench(minMs: number): void {
  console.log('openmp: `parallel for` (static, + reduction) against the same loop run sequentially, same module and invocation');
  const each = Math.max(200, minMs / 3);
  for (const threads of [1, 4, 16]) {
    const empty = measureOpenMp(0, 200, threads, each);
    // An empty region: the sequential side is an empty loop; the fastest round is the least disturbed.
    const parts = [`${String(threads).padStart(2)} threads: empty region ${fmt(empty.minPar / 200)} (median ${fmt(empty.par / 200)})`];
    for (const [n, reps] of [[1000, 25], [100_000, 1], [1_000_000, 1]]) {
      const r = measureOpenMp(n, reps, threads, each);
      parts.push(`${n} iterations par/seq ${r.ratio.toFixed(2)}`);
    }
    console.log('  ' + parts.join('; '));
  }
}

// `npm run bench -- snapshot`: snapshot, restore and diff of a 256 MiB memory with 1, 16 and 1,024 dirty
// 4 KiB pages, against a full-copy baseline (copy the whole memory, copy it back, compare it all).
// Prints median times per operation and the ratios, and ends with the line
// `snapshot restore 1 page vs full copy: <ratio>x`.
import { createMemory, type Memory } from '../interpreter/index.js';
import { SnapshotRegistry, diffWithSnapshot, type SnapshotTarget } from '../src/snapshot/index.js';

const PAGES = 4096;                 // 256 MiB in 64 KiB wasm pages
const HOST_PAGE = 4096;
const DIRTY_COUNTS = [1, 16, 1024];

function nowMs(): number { return Number(process.hrtime.bigint()) / 1e6; }

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Time op() `runs` times (prepare() before each, not timed); median ms. */
function timeOp(runs: number, prepare: () => void, op: () => unknown): number {
  const xs: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    prepare();
    const t0 = nowMs();
    op();
    const t = nowMs() - t0;
    if (i >= 2) xs.push(t);                 // two warm-ups
  }
  return median(xs);
}

/** Runs needed to fill about minMs for an operation of about `estMs` each (between 5 and 2000). */
function runsFor(minMs: number, estMs: number): number {
  return Math.max(5, Math.min(2000, Math.round(minMs / Math.max(estMs, 0.001))));
}

/** Full-copy baseline diff: compare every word of memory with the copy, then bytes inside changed words. */
function fullDiff(cur: Uint8Array, copy: Uint8Array): number {
  const a = new Int32Array(cur.buffer, cur.byteOffset, cur.length >>> 2);
  const b = new Int32Array(copy.buffer, copy.byteOffset, copy.length >>> 2);
  let changed = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) for (let k = i * 4; k < i * 4 + 4; k++) if (cur[k] !== copy[k]) changed++;
  }
  return changed;
}

function fmt(ms: number): string { return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`; }
function ratio(a: number, b: number): string { return (a / b).toFixed(a / b >= 100 ? 0 : 1); }

export function runSnapshotBench(minMs = 1000): void {
  const mem: Memory = createMemory(PAGES, PAGES);
  const u8 = mem.u8;
  for (let i = 0; i < u8.length; i += 64) u8[i] = (i >>> 6) & 0xff;      // some content in every page
  const target: SnapshotTarget = { memory: mem, globals: [], tables: [], funcs: [] };
  const reg = new SnapshotRegistry();
  let t0 = nowMs();
  const key = reg.snapshot(target, { key: 'bench' });
  const firstMs = nowMs() - t0;
  /** Change one byte in each of n pages spread over the memory (through the dirty-marking write path). */
  const touch = (n: number) => {
    const stride = Math.floor((u8.length / HOST_PAGE) / n);
    for (let p = 0; p < n; p++) {
      const at = p * stride * HOST_PAGE + 100;
      mem.write(at, Uint8Array.of(u8[at] ^ 0xff));
    }
  };

  // Full-copy baseline (independent of the number of dirty pages).
  t0 = nowMs();
  let copy = u8.slice();
  const copyEst = nowMs() - t0;
  const baseRuns = runsFor(minMs / 3, copyEst);
  const fullSnap = timeOp(baseRuns, () => {}, () => { copy = u8.slice(); });
  const fullRestore = timeOp(baseRuns, () => touch(1), () => u8.set(copy));
  const fullDiffMs = timeOp(Math.max(5, Math.round(baseRuns / 2)), () => touch(16), () => fullDiff(u8, copy));
  reg.restore(key, target);

  console.log(`snapshot bench: 256 MiB memory (${PAGES} wasm pages, ${u8.length / HOST_PAGE} host pages); median per operation`);
  console.log(`first snapshot (full copy into the registry): ${fmt(firstMs)}`);
  console.log(`full-copy baseline: snapshot ${fmt(fullSnap)}, restore ${fmt(fullRestore)}, diff ${fmt(fullDiffMs)}`);
  console.log('');
  console.log('dirty pages | snapshot   | restore    | diff       | vs full: snapshot | restore | diff');
  let restore1 = 0;
  for (const n of DIRTY_COUNTS) {
    const runs = runsFor(minMs / 3, n <= 16 ? 0.05 : 2);
    const snapMs = timeOp(runs, () => touch(n), () => reg.snapshot(target, { key: 'bench' }));
    const restoreMs = timeOp(runs, () => touch(n), () => reg.restore(key, target));
    let diffs = 0;
    const diffMs = timeOp(runs, () => { reg.restore(key, target); touch(n); }, () => { diffs = diffWithSnapshot(reg.get(key), mem).length; });
    reg.restore(key, target);
    if (diffs !== n) throw new Error(`bench: expected ${n} diffs, got ${diffs}`);
    if (n === 1) restore1 = restoreMs;
    console.log(`${String(n).padStart(11)} | ${fmt(snapMs).padEnd(10)} | ${fmt(restoreMs).padEnd(10)} | ${fmt(diffMs).padEnd(10)} | ` +
      `${(ratio(fullSnap, snapMs) + 'x').padStart(17)} | ${(ratio(fullRestore, restoreMs) + 'x').padStart(7)} | ${ratio(fullDiffMs, diffMs)}x`);
  }
  console.log('');
  console.log(`snapshot restore 1 page vs full copy: ${ratio(fullRestore, restore1)}x`);
}

// Property test of diffs and merge regions: K simulated workers start from the same snapshot, make
// random changes (sums, differences, products, max / min, raw writes in their own slices, writes to
// an ignored region, memory growth), each is diffed against the snapshot, all diffs are merged into
// the main copy (in a shuffled order), and the result must equal running the workers one after another
// on one memory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemory, type Memory } from '../interpreter/index.js';
import { SnapshotRegistry, SnapshotDataType as T, SnapshotMergeOperation as Op, type SnapshotDiff } from '../src/snapshot/index.js';
import { memTarget, put, get, type Kind } from './snapshot-util.js';

interface Area { offset: number; count: number; dt: T; op: Op; kind: Kind; size: number; }

const AREAS: Area[] = [
  { offset: 4093, count: 64, dt: T.Int, op: Op.Sum, kind: 'i32', size: 4 },
  { offset: 20001, count: 16, dt: T.Long, op: Op.Subtract, kind: 'i64', size: 8 },
  { offset: 30002, count: 8, dt: T.Int, op: Op.Product, kind: 'i32', size: 4 },
  { offset: 40003, count: 4, dt: T.Long, op: Op.Product, kind: 'i64', size: 8 },
  { offset: 50001, count: 8, dt: T.Double, op: Op.Max, kind: 'f64', size: 8 },
  { offset: 60003, count: 8, dt: T.Float, op: Op.Min, kind: 'f32', size: 4 },
  { offset: 65530, count: 4, dt: T.Float, op: Op.Sum, kind: 'f32', size: 4 },
  { offset: 70001, count: 8, dt: T.Double, op: Op.Sum, kind: 'f64', size: 8 },
  { offset: 80000, count: 8, dt: T.Int, op: Op.Max, kind: 'i32', size: 4 },
  { offset: 80100, count: 8, dt: T.Long, op: Op.Min, kind: 'i64', size: 8 },
  { offset: 90000, count: 8, dt: T.Double, op: Op.Product, kind: 'f64', size: 8 },
];
const IGNORED = { offset: 100000, length: 4096 };
const RAW_BASE = 110000, RAW_SLICE = 3000;
const PAGES = 3, MAX = 6;

type Step = (m: Memory) => void;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  return { int: (n: number) => next() % n, big: () => (BigInt(next()) << 32n) | BigInt(next()) };
}

/** The random program of worker k (a list of steps that can run on any memory). */
function program(k: number, r: ReturnType<typeof rng>): Step[] {
  const steps: Step[] = [];
  const n = 20 + r.int(40);
  for (let i = 0; i < n; i++) {
    const choice = r.int(10);
    if (choice < 6) {
      const a = AREAS[r.int(AREAS.length)];
      const at = a.offset + r.int(a.count) * a.size;
      switch (a.op) {
        case Op.Sum:
          if (a.kind === 'i32') { const d = r.int(2 ** 32) | 0; steps.push(m => put(m, at, 'i32', ((get(m, at, 'i32') as number) + d) | 0)); }
          else { const d = r.int(200) - 100; steps.push(m => put(m, at, a.kind, (get(m, at, a.kind) as number) + d)); }
          break;
        case Op.Subtract: {
          const d = BigInt.asIntN(64, r.big());           // far past 2^53, wrapping
          steps.push(m => put(m, at, 'i64', BigInt.asIntN(64, (get(m, at, 'i64') as bigint) - d)));
          break;
        }
        case Op.Product:
          if (a.kind === 'i32') { const f = r.int(2 ** 32) | 0; steps.push(m => put(m, at, 'i32', Math.imul(get(m, at, 'i32') as number, f))); }
          else if (a.kind === 'i64') { const f = r.big(); steps.push(m => put(m, at, 'i64', BigInt.asIntN(64, (get(m, at, 'i64') as bigint) * f))); }
          else { const f = [0.5, 2, 4, -1, 8, 0.25][r.int(6)]; steps.push(m => put(m, at, 'f64', (get(m, at, 'f64') as number) * f)); }
          break;
        case Op.Max: case Op.Min: {
          const pick = a.op === Op.Max ? (x: number | bigint, y: number | bigint) => (y > x ? y : x) : (x: number | bigint, y: number | bigint) => (y < x ? y : x);
          const v: number | bigint = a.kind === 'i64' ? BigInt.asIntN(64, r.big()) : a.kind === 'i32' ? r.int(2 ** 32) | 0 : (r.int(2000) - 1000) / 8;
          steps.push(m => put(m, at, a.kind, pick(get(m, at, a.kind), v)));
          break;
        }
      }
    } else if (choice < 8) {
      // Raw bytes in this worker's own slice (any alignment, sometimes across pages).
      const len = 1 + r.int(choice === 7 ? 600 : 8);
      const at = RAW_BASE + k * RAW_SLICE + r.int(RAW_SLICE - len);
      const b = new Uint8Array(len); for (let j = 0; j < len; j++) b[j] = r.int(256);
      steps.push(m => m.write(at, b));
    } else if (choice < 9) {
      const at = IGNORED.offset + r.int(IGNORED.length - 4);
      const v = r.int(2 ** 31);
      steps.push(m => put(m, at, 'i32', v));                // ignored: must not reach the main copy
    } else {
      // Grow to some size and write in this worker's slice of the grown part.
      const pages = PAGES + 1 + r.int(MAX - PAGES);
      const at = PAGES * 65536 + k * 1000 + r.int(900);
      const v = 1 + r.int(255);
      steps.push(m => { if (m.pages < pages) m.grow(pages - m.pages); m.u8[at] !== v && m.write(at, Uint8Array.of(v)); });
    }
  }
  return steps;
}

function initial(m: Memory, r: ReturnType<typeof rng>): void {
  for (const a of AREAS) {
    for (let i = 0; i < a.count; i++) {
      const at = a.offset + i * a.size;
      if (a.kind === 'i64') put(m, at, 'i64', a.op === Op.Product ? r.big() | 1n : BigInt.asIntN(64, r.big()));
      else if (a.kind === 'i32') put(m, at, 'i32', a.op === Op.Product ? (r.int(2 ** 32) | 1) : r.int(2 ** 32) | 0);
      else put(m, at, a.kind, (r.int(2000) - 1000) / 4);
    }
  }
  const b = new Uint8Array(8 * RAW_SLICE); for (let i = 0; i < b.length; i++) b[i] = r.int(256);
  m.write(RAW_BASE, b);
}

function runProperty(seed: number, K: number): void {
  const r = rng(seed);
  const main = createMemory(PAGES, MAX);
  initial(main, r);
  const seq = createMemory(PAGES, MAX);
  seq.u8.set(main.u8);
  const reg = new SnapshotRegistry();
  const key = reg.snapshot(memTarget(main));
  const snap = reg.get(key);
  for (const a of AREAS) snap.addMergeRegion(a.offset, a.count * a.size, a.dt, a.op);
  snap.addMergeRegion(IGNORED.offset, IGNORED.length, T.Raw, Op.Ignore);

  const all: SnapshotDiff[][] = [];
  for (let k = 0; k < K; k++) {
    const steps = program(k, r);
    const w = createMemory(PAGES, MAX);
    reg.restore(key, memTarget(w));
    for (const s of steps) s(w);
    all.push(reg.diffWithSnapshot(key, memTarget(w)));
    for (const s of steps) s(seq);                          // the sequential run
  }
  // The ignored region keeps the main copy's bytes.
  seq.u8.set(main.u8.subarray(IGNORED.offset, IGNORED.offset + IGNORED.length), IGNORED.offset);
  // Merge in a shuffled order, some queued together.
  const order = all.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = r.int(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
  for (const i of order) {
    if (r.int(2) === 0) reg.applyDiffs(key, all[i]); else reg.queueDiffs(key, all[i]);
  }
  reg.writeQueuedDiffs(key);
  reg.restore(key, memTarget(main));
  assert.is(main.pages, seq.pages, `seed ${seed}: pages`);
  for (let i = 0; i < seq.u8.length; i++) {
    if (main.u8[i] !== seq.u8[i]) {
      const a = AREAS.find(x => i >= x.offset && i < x.offset + x.count * x.size);
      assert.unreachable(`seed ${seed}: byte ${i} is ${main.u8[i]}, sequential ${seq.u8[i]} (${a ? `${T[a.dt]} ${Op[a.op]}` : 'raw'})`);
    }
  }
}

test('K workers merged equal the sequential run (8 workers, 40 seeds)', () => {
  for (let seed = 1; seed <= 40; seed++) runProperty(seed * 7919, 8);
});

test('K from 1 to 16 workers', () => {
  for (let K = 1; K <= 16; K++) runProperty(1000 + K, K);
});

test('8 workers adding 1 to one shared Int counter 1,000 times each sum to 8,000', () => {
  const main = createMemory(1);
  const reg = new SnapshotRegistry();
  const key = reg.snapshot(memTarget(main), { mergeRegions: [{ offset: 12, length: 4, dataType: T.Int, operation: Op.Sum }] });
  for (let k = 0; k < 8; k++) {
    const w = createMemory(1);
    reg.restore(key, memTarget(w));
    for (let i = 0; i < 1000; i++) put(w, 12, 'i32', (get(w, 12, 'i32') as number) + 1);
    reg.queueDiffs(key, reg.diffWithSnapshot(key, memTarget(w)));
  }
  reg.writeQueuedDiffs(key);
  reg.restore(key, memTarget(main));
  assert.is(get(main, 12, 'i32'), 8000);
});

test.run();

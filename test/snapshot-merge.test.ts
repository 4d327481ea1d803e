// Merge regions and diffs: every data type × operation (Long past 2^53, Float/Double with NaN and -0),
// unaligned offsets, regions at the end of memory, memory grown after the snapshot, byte-exact diffs,
// and the checks made when regions are added or diffs applied.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemory } from '../interpreter/index.js';
import {
  SnapshotDataType as T, SnapshotMergeOperation as Op, MergeRegionError, DATA_TYPE_SIZE, MergeRegions, unsupportedReason,
  type SnapshotDiff,
} from '../src/snapshot/index.js';
import { setup, worker, put, get, bits, memTarget, type Kind } from './snapshot-util.js';

type V = number | bigint;
const KIND: Partial<Record<T, Kind>> = { [T.Int]: 'i32', [T.Long]: 'i64', [T.Float]: 'f32', [T.Double]: 'f64', [T.Bool]: 'i8', [T.Raw]: 'i8' };

/** Original value o at addr in a region (dt, op); each worker writes its value; returns the merged value. */
function merge(dt: T, op: Op, addr: number, o: V, updates: V[], pages = 1): { value: V; diffs: SnapshotDiff[][]; main: ReturnType<typeof setup> } {
  const kind = KIND[dt]!;
  const s = setup(pages, (m) => put(m, addr, kind, o));
  s.reg.get(s.key).addMergeRegion(addr, DATA_TYPE_SIZE[dt], dt, op);
  const diffs = updates.map(u => worker(s.reg, s.key, (m) => put(m, addr, kind, u)));
  for (const d of diffs) s.reg.applyDiffs(s.key, d);
  s.reg.restore(s.key, memTarget(s.main));
  return { value: get(s.main, addr, kind), diffs, main: s };
}

// Int (i32, signed, wrapping)
test('Int: Sum, Subtract, Product, Max, Min, Overwrite, Ignore', () => {
  assert.is(merge(T.Int, Op.Sum, 100, 10, [15, 7]).value, 12);
  assert.is(merge(T.Int, Op.Subtract, 100, 10, [4, 9]).value, 3);
  assert.is(merge(T.Int, Op.Product, 100, 3, [6, 15]).value, 30);
  assert.is(merge(T.Int, Op.Max, 100, 5, [9, 7]).value, 9);
  assert.is(merge(T.Int, Op.Max, 100, 5, [-9, 7]).value, 7);
  assert.is(merge(T.Int, Op.Min, 100, 5, [-3, 2]).value, -3);
  assert.is(merge(T.Int, Op.Overwrite, 100, 5, [9]).value, 9);
  assert.is(merge(T.Int, Op.Ignore, 100, 5, [9]).value, 5);
});

test('Int: wrapping sums and products, factors modulo 2^32', () => {
  assert.is(merge(T.Int, Op.Sum, 8, 0x7fffffff, [0x7fffffff | 0, (0x7fffffff + 2) | 0]).value, (0x7fffffff + 2) | 0);
  // 3 * 0x55555556 wraps to 2: the factor is recovered modulo 2^32.
  assert.is(merge(T.Int, Op.Product, 8, 3, [Math.imul(3, 0x55555556), Math.imul(3, 7)]).value, Math.imul(Math.imul(3, 0x55555556), 7));
  // Even original with wrap: 6 * 0x40000001 = 0x80000006 (mod 2^32); merged with a second factor 3.
  const u1 = Math.imul(6, 0x40000001);
  assert.is(merge(T.Int, Op.Product, 8, 6, [u1, 18]).value, Math.imul(u1, 3));
  // Negative factor.
  assert.is(merge(T.Int, Op.Product, 8, -4, [12, -8]).value, Math.imul(-4, Math.imul(-3, 2)));
  assert.is(merge(T.Int, Op.Subtract, 8, -2147483648, [2147483647]).value, 2147483647);
});

test('Int Product: no factor exists → MergeRegionError at diff time', () => {
  assert.throws(() => merge(T.Int, Op.Product, 8, 0, [5]), (e: unknown) => e instanceof MergeRegionError && /not the original 0 times/.test((e as Error).message));
  assert.throws(() => merge(T.Int, Op.Product, 8, 4, [6]), (e: unknown) => e instanceof MergeRegionError);
  // 0 → 0 is unchanged (no diff), 4 → 0 has the factor 0.
  assert.is(merge(T.Int, Op.Product, 8, 4, [0, 12]).value, 0);
});

// Long (i64, exact past 2^53)
test('Long past 2^53: Sum, Subtract, Product, Max, Min exactly', () => {
  const o = 2n ** 53n + 1n;
  assert.is(merge(T.Long, Op.Sum, 40, o, [o + 2n ** 60n + 3n, o - 2n ** 55n]).value, o + 2n ** 60n + 3n - 2n ** 55n);
  assert.is(merge(T.Long, Op.Sum, 40, 2n ** 63n - 1n, [2n ** 63n - 1n + 0n, -(2n ** 63n)]).value, -(2n ** 63n));
  assert.is(merge(T.Long, Op.Sum, 40, 2n ** 63n - 1n, [2n ** 63n - 3n, -(2n ** 63n)]).value, 2n ** 63n - 2n);   // -2, then +1 across the wrap
  assert.is(merge(T.Long, Op.Sum, 40, 2n ** 63n - 1n, [BigInt.asIntN(64, 2n ** 63n)]).value, -(2n ** 63n));
  assert.is(merge(T.Long, Op.Subtract, 40, o, [o - 5n, o + 2n ** 54n]).value, o - 5n + 2n ** 54n);
  assert.is(merge(T.Long, Op.Product, 40, 3n, [3n * (2n ** 40n + 1n), 21n]).value, BigInt.asIntN(64, 3n * (2n ** 40n + 1n) * 7n));
  const odd = 2n ** 62n + 1n;                             // wraps: the factor is found modulo 2^64
  const w = BigInt.asIntN(64, odd * 5n);
  assert.is(merge(T.Long, Op.Product, 40, odd, [w, BigInt.asIntN(64, odd * 3n)]).value, BigInt.asIntN(64, odd * 15n));
  assert.is(merge(T.Long, Op.Max, 40, o, [o + 1n, 2n ** 62n]).value, 2n ** 62n);
  assert.is(merge(T.Long, Op.Max, 40, 2n ** 63n - 2n, [2n ** 63n - 1n, -(2n ** 63n)]).value, 2n ** 63n - 1n);
  assert.is(merge(T.Long, Op.Min, 40, o, [o - 1n, -(2n ** 63n)]).value, -(2n ** 63n));
  assert.is(merge(T.Long, Op.Overwrite, 40, o, [o + 1n]).value, o + 1n);
  assert.is(merge(T.Long, Op.Ignore, 40, o, [o + 1n]).value, o);
  assert.throws(() => merge(T.Long, Op.Product, 40, 0n, [1n]), (e: unknown) => e instanceof MergeRegionError);
});

test('Long Sum: 8 workers each adding past 2^53 equal the sequential sum', () => {
  const s = setup(1, (m) => put(m, 16, 'i64', 2n ** 53n));
  s.reg.get(s.key).addMergeRegion(16, 8, T.Long, Op.Sum);
  let expect = 2n ** 53n;
  const diffs: SnapshotDiff[] = [];
  for (let k = 1; k <= 8; k++) {
    const add = BigInt(k) * (2n ** 53n) + BigInt(k);
    expect += add;
    diffs.push(...worker(s.reg, s.key, (m) => put(m, 16, 'i64', 2n ** 53n + add)));
  }
  s.reg.queueDiffs(s.key, diffs);
  s.reg.writeQueuedDiffs(s.key);
  s.reg.restore(s.key, memTarget(s.main));
  assert.is(get(s.main, 16, 'i64'), expect);
});

// Float / Double
test('Float and Double: Sum, Subtract, Product, Max, Min', () => {
  for (const dt of [T.Float, T.Double]) {
    assert.is(merge(dt, Op.Sum, 64, 1.5, [3.75, 1]).value, 3.25);
    assert.is(merge(dt, Op.Subtract, 64, 10, [7.5, 9]).value, 6.5);
    assert.is(merge(dt, Op.Product, 64, 2, [8, 1]).value, 4);
    assert.is(merge(dt, Op.Max, 64, 1, [-4, 2.5]).value, 2.5);
    assert.is(merge(dt, Op.Min, 64, 1, [-4, 2.5]).value, -4);
    assert.is(merge(dt, Op.Overwrite, 64, 1, [2]).value, 2);
    assert.is(merge(dt, Op.Ignore, 64, 1, [2]).value, 1);
  }
  // Float sums round to f32 like the C operation.
  assert.is(merge(T.Float, Op.Sum, 64, 1, [1 + 2 ** -23]).value, Math.fround(1 + 2 ** -23));
});

test('Float and Double: NaN', () => {
  for (const [dt, size] of [[T.Float, 4], [T.Double, 8]] as const) {
    const canon = size === 4 ? '7fc00000' : '7ff8000000000000';
    // Arithmetic producing NaN stores the canonical quiet NaN.
    let r = merge(dt, Op.Sum, 64, 1, [NaN, 3]);
    assert.ok(Number.isNaN(r.value));
    assert.is(bits(r.main.main, 64, size), canon);
    r = merge(dt, Op.Product, 64, 0, [5]);              // factor 5/0 = Infinity; 0 * Infinity = NaN
    assert.is(bits(r.main.main, 64, size), canon);
    // NaN → NaN is no change (no diff), even with another payload.
    r = merge(dt, Op.Sum, 64, NaN, [NaN]);
    assert.is(r.diffs[0].length, 0);
  }
  // Max / Min keep the NaN's bits (payload preserved), whichever order the workers merge in.
  for (const order of [[0, 1], [1, 0]]) {
    const s = setup(1, (m) => put(m, 64, 'f32', 1));
    s.reg.get(s.key).addMergeRegion(64, 4, T.Float, Op.Max);
    const ws = [
      worker(s.reg, s.key, (m) => put(m, 64, 'u32', 0x7fa00001)),   // a signalling NaN with a payload
      worker(s.reg, s.key, (m) => put(m, 64, 'f32', 5)),
    ];
    for (const i of order) s.reg.applyDiffs(s.key, ws[i]);
    s.reg.restore(s.key, memTarget(s.main));
    assert.is(bits(s.main, 64, 4), '7fa00001');
  }
  for (const order of [[0, 1], [1, 0]]) {
    const s = setup(1, (m) => put(m, 64, 'f64', 1));
    s.reg.get(s.key).addMergeRegion(64, 8, T.Double, Op.Min);
    const ws = [
      worker(s.reg, s.key, (m) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, 0xfff0000000000abcn, true); m.write(64, b); }),
      worker(s.reg, s.key, (m) => put(m, 64, 'f64', -5)),
    ];
    for (const i of order) s.reg.applyDiffs(s.key, ws[i]);
    s.reg.restore(s.key, memTarget(s.main));
    assert.is(bits(s.main, 64, 8), 'fff0000000000abc');
  }
});

test('Float and Double: negative zero', () => {
  for (const [dt, kind] of [[T.Float, 'f32'], [T.Double, 'f64']] as const) {
    // Max orders -0 below +0, Min +0 above -0.
    assert.ok(Object.is(merge(dt, Op.Max, 64, -1, [-0, 0]).value, 0));
    assert.ok(Object.is(merge(dt, Op.Max, 64, -1, [0, -0]).value, 0));
    assert.ok(Object.is(merge(dt, Op.Min, 64, 1, [0, -0]).value, -0));
    assert.ok(Object.is(merge(dt, Op.Min, 64, 1, [-0, 0]).value, -0));
    // +0 → -0 equals by value: no diff for arithmetic regions; Overwrite keeps the exact bytes.
    const r = merge(dt, Op.Sum, 64, 0, [-0]);
    assert.is(r.diffs[0].length, 0);
    assert.ok(Object.is(r.value, 0));
    assert.ok(Object.is(merge(dt, Op.Overwrite, 64, 0, [-0]).value, -0));
    // Sums through -0: -0 + (+3) then back: IEEE values.
    assert.is(merge(dt, Op.Sum, 64, -0, [3, -2]).value, 1);
    void kind;
  }
});

test('Bool and Raw: Overwrite and Ignore', () => {
  assert.is(merge(T.Bool, Op.Overwrite, 7, 0, [1]).value, 1);
  assert.is(merge(T.Bool, Op.Ignore, 7, 0, [1]).value, 0);
  assert.is(merge(T.Raw, Op.Overwrite, 7, 3, [200]).value, 200);
  assert.is(merge(T.Raw, Op.Ignore, 7, 3, [200]).value, 3);
});

test('unsupported data type × operation rejected when added', () => {
  const regions = new MergeRegions();
  for (const dt of [T.Raw, T.Bool]) {
    for (const op of [Op.Sum, Op.Subtract, Op.Product, Op.Max, Op.Min]) {
      assert.throws(() => regions.add(0, 8, dt, op), (e: unknown) => e instanceof MergeRegionError && /is not supported for/.test((e as Error).message));
      assert.ok(unsupportedReason(dt, op) !== null);
    }
  }
  for (const dt of [T.Int, T.Long, T.Float, T.Double]) {
    for (const op of [Op.Overwrite, Op.Ignore, Op.Sum, Op.Subtract, Op.Product, Op.Max, Op.Min]) assert.is(unsupportedReason(dt, op), null);
  }
  assert.throws(() => regions.add(0, 6, T.Int, Op.Sum), /whole number of Int elements/);
  assert.throws(() => regions.add(-1, 4, T.Int, Op.Sum), (e: unknown) => e instanceof MergeRegionError);
  assert.throws(() => regions.add(0, 4, 9 as T, Op.Sum), /unknown merge data type/);
  assert.throws(() => regions.add(0, 4, T.Int, 42 as Op), /unknown merge operation/);
  assert.is(regions.size, 0);
});

test('regions: sorted, same offset needs overwrite, overlaps rejected, clear', () => {
  const r = new MergeRegions();
  r.add(100, 8, T.Long, Op.Sum);
  r.add(10, 4, T.Int, Op.Max);
  r.add(50, 0 + 16, T.Raw, Op.Overwrite);
  assert.equal(r.get().map(x => x.offset), [10, 50, 100]);
  assert.throws(() => r.add(100, 8, T.Long, Op.Min), /already exists at offset 100/);
  r.add(100, 8, T.Long, Op.Min, true);
  assert.is(r.get()[2].operation, Op.Min);
  assert.throws(() => r.add(12, 4, T.Int, Op.Sum), /overlaps/);
  assert.throws(() => r.add(96, 8, T.Int, Op.Sum), /overlaps/);
  assert.throws(() => r.add(0, 0, T.Int, Op.Sum), /overlaps/);       // to the end of memory
  r.add(200, 0, T.Int, Op.Sum);
  assert.throws(() => r.add(1000, 4, T.Int, Op.Sum), /overlaps/);
  r.clear();
  assert.is(r.get().length, 0);
});

test('unaligned offsets: elements across a 4 KiB page and a 64 KiB chunk boundary', () => {
  for (const [addr, dt, kind, o, us, want] of [
    [4093, T.Int, 'i32', 100, [150, 90], 140],
    [65533, T.Long, 'i64', 2n ** 60n, [2n ** 60n + 7n, 2n ** 60n - 2n], 2n ** 60n + 5n],
    [4094, T.Double, 'f64', 2, [6, 4], 12],
    [65535 - 1, T.Float, 'f32', 1, [7, -9], -9],
  ] as [number, T, Kind, V, V[], V][]) {
    const s = setup(2, (m) => put(m, addr, kind, o));
    const op = dt === T.Float ? Op.Min : dt === T.Double ? Op.Product : Op.Sum;
    s.reg.get(s.key).addMergeRegion(addr, dt === T.Long || dt === T.Double ? 8 : 4, dt, op);
    const all = us.map(u => worker(s.reg, s.key, (m) => put(m, addr, kind, u)));
    for (const d of all) {
      assert.is(d.length, 1);
      assert.is(d[0].offset, addr);
      s.reg.applyDiffs(s.key, d);
    }
    s.reg.restore(s.key, memTarget(s.main));
    assert.is(get(s.main, addr, kind), want, `${T[dt]} at ${addr}`);
  }
});

test('regions at the end of memory, including to-the-end regions with a part element', () => {
  const end = 65536;
  // A whole Int at the very end.
  assert.is(merge(T.Int, Op.Sum, end - 4, 10, [11, 13]).value, 14);
  assert.is(merge(T.Long, Op.Max, end - 8, 1n, [2n ** 62n, 3n]).value, 2n ** 62n);
  // To the end from end-20: Longs at end-20 and end-12, then [end-4, end) is a part element merged as Overwrite.
  const s = setup(1, (m) => put(m, end - 20, 'i64', 5n));
  const snap = s.reg.get(s.key);
  snap.addMergeRegion(end - 20, 0, T.Long, Op.Sum);
  assert.throws(() => snap.addMergeRegion(end - 4, 4, T.Int, Op.Sum), /overlaps/);
  const d1 = worker(s.reg, s.key, (m) => { put(m, end - 20, 'i64', 7n); put(m, end - 12, 'i64', 100n); put(m, end - 4, 'i32', 11); });
  const d2 = worker(s.reg, s.key, (m) => { put(m, end - 20, 'i64', 9n); put(m, end - 4, 'i32', 12); });
  assert.equal(d1.map(x => [x.offset, x.bytes.length, x.dataType, x.operation]), [[end - 20, 16, T.Long, Op.Sum], [end - 4, 1, T.Raw, Op.Overwrite]]);
  s.reg.applyDiffs(s.key, d1);
  s.reg.applyDiffs(s.key, d2);
  s.reg.restore(s.key, memTarget(s.main));
  assert.is(get(s.main, end - 20, 'i64'), 11n);
  assert.is(get(s.main, end - 12, 'i64'), 100n);
  assert.is(get(s.main, end - 4, 'i32'), 12);
});

test('diffs are byte-exact: identical bytes give nothing; runs are exact', () => {
  const s = setup(2, (m) => { m.write(5000, Uint8Array.of(1, 2, 3, 4, 5)); });
  // Rewriting the same bytes dirties the page but yields no diff.
  assert.equal(worker(s.reg, s.key, (m) => m.write(5000, Uint8Array.of(1, 2, 3, 4, 5))), []);
  // Two changed bytes with an unchanged one between: two runs.
  const d = worker(s.reg, s.key, (m) => m.write(5000, Uint8Array.of(9, 2, 9, 4, 5)));
  assert.equal(d.map(x => [x.offset, [...x.bytes], x.dataType, x.operation]), [[5000, [9], T.Raw, Op.Overwrite], [5002, [9], T.Raw, Op.Overwrite]]);
  // A run across a page and a chunk boundary is one diff.
  const d2 = worker(s.reg, s.key, (m) => m.write(65534, Uint8Array.of(7, 7, 7, 7)));
  assert.equal(d2.map(x => [x.offset, x.bytes.length]), [[65534, 4]]);
  // Arithmetic regions: adjacent changed elements share one diff; unchanged ones are left out.
  s.reg.get(s.key).addMergeRegion(8000, 16, T.Int, Op.Sum);
  const d3 = worker(s.reg, s.key, (m) => { put(m, 8000, 'i32', 1); put(m, 8004, 'i32', 2); put(m, 8012, 'i32', 0); });
  assert.equal(d3.map(x => [x.offset, x.bytes.length, x.operation]), [[8000, 8, Op.Sum]]);
});

test('memory grown after the snapshot: diffs beyond it, applyDiffs grows the main copy, restore grows memory', () => {
  const s = setup(1, (m) => put(m, 100, 'i32', 1), 10);
  s.reg.get(s.key).addMergeRegion(100, 4, T.Int, Op.Sum);
  const d = worker(s.reg, s.key, (m) => {
    assert.is(m.grow(2), 1);
    put(m, 100, 'i32', 3);
    put(m, 70000, 'i32', 0x01020304);
  });
  assert.equal(d.map(x => [x.offset, x.bytes.length, x.operation]), [[100, 4, Op.Sum], [70000, 4, Op.Overwrite], [3 * 65536, 0, Op.Overwrite]]);
  // A worker that only grew: just the size marker.
  const d2 = worker(s.reg, s.key, (m) => { m.grow(1); });
  assert.equal(d2.map(x => [x.offset, x.bytes.length]), [[2 * 65536, 0]]);
  s.reg.applyDiffs(s.key, d);
  s.reg.applyDiffs(s.key, d2);
  assert.is(s.reg.get(s.key).pages, 3);
  const rep = s.reg.restore(s.key, memTarget(s.main));
  assert.is(rep.grownPages, 2);
  assert.is(s.main.pages, 3);
  assert.is(get(s.main, 100, 'i32'), 3);
  assert.is(get(s.main, 70000, 'i32'), 0x01020304);
  // Diffs past the maximum are refused before anything is written.
  const big = [{ offset: 11 * 65536, bytes: new Uint8Array(1), dataType: T.Raw, operation: Op.Overwrite }];
  assert.throws(() => s.reg.applyDiffs(s.key, big), /beyond the memory's maximum/);
  assert.is(s.reg.get(s.key).pages, 3);
});

test('applyDiffs checks every diff before writing any', () => {
  const s = setup(1, (m) => put(m, 0, 'i32', 1));
  const good = { offset: 0, bytes: Uint8Array.of(9), dataType: T.Raw, operation: Op.Overwrite };
  assert.throws(() => s.reg.applyDiffs(s.key, [good, { offset: 8, bytes: new Uint8Array(4), dataType: T.Raw, operation: Op.Sum }]), /Sum is not supported for Raw/);
  assert.throws(() => s.reg.applyDiffs(s.key, [good, { offset: 8, bytes: new Uint8Array(6), dataType: T.Long, operation: Op.Sum }]), /whole number/);
  s.reg.restore(s.key, memTarget(s.main));
  assert.is(get(s.main, 0, 'i32'), 1);
});

test('explicit regions passed to diffWithSnapshot override the snapshot’s', () => {
  const s = setup(1, (m) => put(m, 0, 'i32', 5));
  const mem = createMemory(1);
  s.reg.restore(s.key, memTarget(mem));
  put(mem, 0, 'i32', 8);
  const own = s.reg.diffWithSnapshot(s.key, mem);
  assert.is(own[0].operation, Op.Overwrite);
  const sum = s.reg.diffWithSnapshot(s.key, mem, { regions: [{ offset: 0, length: 4, dataType: T.Int, operation: Op.Sum }] });
  assert.is(sum[0].operation, Op.Sum);
  assert.equal([...sum[0].bytes], [3, 0, 0, 0]);
  assert.equal(s.reg.diffWithSnapshot(s.key, mem, { regions: [{ offset: 0, length: 0, dataType: T.Raw, operation: Op.Ignore }] }), []);
});

test.run();

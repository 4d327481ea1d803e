// Snapshot data and the registry: capturing and restoring a real instance's memory, globals and tables
// (function references as indices), restoring into a second instance, the registry's keys, and the
// serialised form: round trip, zero pages left out, and a clear error on corruption.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compile, instantiate, invoke, getMemory, createMemory, createGlobal, createTable, hostFunction, getGlobalValue,
  type Instance, type Table, type Global,
} from '../interpreter/index.js';
import {
  SnapshotRegistry, SnapshotError, SnapshotFormatError, InMemoryRemoteStore, serialiseSnapshot, deserialiseSnapshot,
  takeSnapshot, crc32, crc32js, SnapshotDataType as T, SnapshotMergeOperation as Op, SNAPSHOT_FORMAT_VERSION, OPAQUE_REF,
} from '../src/snapshot/index.js';
import { memTarget, put, get } from './snapshot-util.js';

const WAT = `(module
  (memory (export "mem") 1 8)
  (global $g32 (export "g32") (mut i32) (i32.const 7))
  (global $g64 (export "g64") (mut i64) (i64.const 0x123456789abcdef0))
  (global $gf (export "gf") (mut f64) (f64.const 1.5))
  (global $gr (export "gr") (mut funcref) (ref.func $a))
  (global $k (export "k") i32 (i32.const 99))
  (table $t (export "tab") 4 10 funcref)
  (elem (table $t) (i32.const 0) func $a $b)
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
  (func (export "mutate")
    (drop (memory.grow (i32.const 1)))
    (i32.store (i32.const 100) (i32.const 0xdeadbeef))
    (i32.store (i32.const 70000) (i32.const 5))
    (global.set $g32 (i32.const -1))
    (global.set $g64 (i64.const -2))
    (global.set $gf (f64.const -0.0))
    (global.set $gr (ref.null func))
    (table.set $t (i32.const 0) (ref.func $b))
    (table.set $t (i32.const 1) (ref.null func))
    (drop (table.grow $t (ref.func $a) (i32.const 3)))
    (i32.store (i32.const 65540) (i32.const 77)))
  (func (export "read") (param i32) (result i32) (i32.load (local.get 0)))
)`;

function make(): Instance {
  return instantiate(compile(WAT));
}

function state(inst: Instance) {
  const mem = getMemory(inst);
  return {
    pages: mem.pages,
    m100: invoke(inst, 'read', [100])[0],
    m65540: mem.pages > 1 ? invoke(inst, 'read', [65540])[0] : null,
    g32: getGlobalValue(inst.exports.get('g32') as Global),
    g64: getGlobalValue(inst.exports.get('g64') as Global),
    gf: getGlobalValue(inst.exports.get('gf') as Global),
    gr: (inst.exports.get('gr') as Global).ref === null ? null : inst.funcs.indexOf((inst.exports.get('gr') as Global).ref as never),
    table: (inst.exports.get('tab') as Table).elements.map(e => (e === null ? null : inst.funcs.indexOf(e as never))),
  };
}

test('restore puts memory, mutable globals and tables back (same instance)', () => {
  const inst = make();
  const reg = new SnapshotRegistry();
  const before = state(inst);
  const key = reg.snapshot(inst);
  invoke(inst, 'mutate', []);
  const after = state(inst);
  assert.is.not(after.g32, before.g32);
  assert.equal(after.table.length, 7);
  const rep = reg.restore(key, inst);
  const back = state(inst);
  // Memory cannot shrink: it stays at 2 pages, zero beyond the snapshot, and the report says so.
  assert.is(rep.excessBytes, 65536);
  assert.is(rep.snapshotSize, 65536);
  assert.is(rep.mode, 'pages');
  assert.is(back.m65540, 0);
  assert.equal({ ...back, pages: 1, m65540: null }, before);
  assert.is(invoke(inst, 'call', [0])[0], 1);
  assert.is(invoke(inst, 'call', [1])[0], 2);
});

test('restore into a second instance of the same module (function references by index)', () => {
  const a = make(), b = make();
  invoke(a, 'mutate', []);
  const reg = new SnapshotRegistry();
  const key = reg.snapshot(a);
  const rep = reg.restore(key, b);
  assert.is(rep.mode, 'full');
  assert.is(rep.grownPages, 1);
  assert.equal(state(b), state(a));
  assert.is(invoke(b, 'call', [0])[0], 2);
  assert.is((b.exports.get('tab') as Table).elements[0], b.funcs[(a.funcs.indexOf((a.exports.get('tab') as Table).elements[0] as never))]);
});

test('restore checks the shape before writing anything', () => {
  const inst = make();
  const reg = new SnapshotRegistry();
  const key = reg.snapshot(inst);
  const other = instantiate(compile('(module (memory 1) (global (mut i32) (i32.const 0)))'));
  put(getMemory(other), 0, 'i32', 42);
  assert.throws(() => reg.restore(key, other), (e: unknown) => e instanceof SnapshotError && /globals/.test((e as Error).message));
  assert.is(get(getMemory(other), 0, 'i32'), 42);
  assert.throws(() => reg.restore('nope', inst), /no snapshot with key "nope"/);
  // A function index the target does not have: refused before memory is touched.
  const f0 = hostFunction({ params: [], results: [] }, () => {}), f1 = hostFunction({ params: [], results: [] }, () => {});
  const t1 = createTable('funcref', 1); t1.elements[0] = f1;
  const k2 = reg.snapshot({ memory: createMemory(1), globals: [], tables: [t1], funcs: [f0, f1] });
  const m2 = createMemory(1); put(m2, 0, 'i32', 7);
  assert.throws(() => reg.restore(k2, { memory: m2, globals: [], tables: [createTable('funcref', 1)], funcs: [f0] }), /table 0 element 0: function index 1 is outside the instance's 1 functions/);
  assert.is(get(m2, 0, 'i32'), 7);
});

test('registry: keys, list, delete, replace, clear', () => {
  const mem = createMemory(1);
  const reg = new SnapshotRegistry();
  const k1 = reg.snapshot(memTarget(mem));
  const k2 = reg.snapshot(memTarget(mem), { key: 'zygote' });
  const k3 = reg.snapshot(memTarget(mem));
  assert.is(k1, 'snapshot-1');
  assert.is(k2, 'zygote');
  assert.is(k3, 'snapshot-2');
  assert.equal(reg.list().sort(), ['snapshot-1', 'snapshot-2', 'zygote']);
  put(mem, 0, 'i32', 5);
  reg.snapshot(memTarget(mem), { key: 'zygote' });         // replaces
  put(mem, 0, 'i32', 6);
  reg.restore('zygote', memTarget(mem));
  assert.is(get(mem, 0, 'i32'), 5);
  assert.ok(reg.delete(k1));
  assert.not.ok(reg.delete(k1));
  assert.not.ok(reg.has(k1));
  reg.clear();
  assert.equal(reg.list(), []);
});

test('references with no function index: kept in-process, refused by serialisation unless nulled', () => {
  const host = hostFunction({ params: [], results: ['i32'] }, () => 3);
  const table = createTable('funcref', 2);
  table.elements[0] = host;
  const ext = createTable('externref', 1);
  const obj = { some: 'object' };
  ext.elements[0] = obj;
  const g = createGlobal('externref', true, obj);
  const target = { memory: null, globals: [g], tables: [table, ext], funcs: [] };
  const reg = new SnapshotRegistry();
  const key = reg.snapshot(target);
  const snap = reg.get(key);
  assert.is(snap.tables[0].refs[0], OPAQUE_REF);
  table.elements[0] = null; ext.elements[0] = null; g.ref = null;
  reg.restore(key, target);
  assert.is(table.elements[0], host);
  assert.is(ext.elements[0], obj);
  assert.is(g.ref, obj);
  assert.throws(() => serialiseSnapshot(snap), /cannot serialise global 0: it holds a reference with no function index/);
  const back = deserialiseSnapshot(serialiseSnapshot(snap, { opaqueRefs: 'null' }));
  assert.is(back.tables[0].refs[0], -1);
  assert.is(back.globals[0].ref, -1);
  assert.not.ok(back.hasMemory);
});

test('serialisation round trip: memory, size, max, globals, tables, merge regions, threads', () => {
  const inst = make();
  invoke(inst, 'mutate', []);
  const snap = takeSnapshot(inst, { threads: [{ id: 3, bytes: Uint8Array.of(1, 2, 3) }], locallyRestorable: false });
  snap.addMergeRegion(16, 8, T.Long, Op.Sum);
  snap.addMergeRegion(4093, 0, T.Int, Op.Max);
  const bytes = serialiseSnapshot(snap);
  // Only the two non-zero pages are stored.
  assert.ok(bytes.length < 2 * 65536 + 400, `${bytes.length} bytes`);
  const back = deserialiseSnapshot(bytes);
  assert.equal(back.getMemoryBytes(), snap.getMemoryBytes());
  assert.is(back.pages, 2);
  assert.is(back.maxPages, 8);
  assert.equal(back.globals, snap.globals.map(g => ({ type: g.type, mutable: g.mutable, lo: g.lo, hi: g.hi, ref: g.ref })));
  assert.equal(back.tables.map(t => [t.elemType, t.max, [...t.refs]]), snap.tables.map(t => [t.elemType, t.max, [...t.refs]]));
  assert.equal(back.getMergeRegions(), snap.getMergeRegions());
  assert.equal(back.threads, [{ id: 3, bytes: Uint8Array.of(1, 2, 3) }]);
  // Serialising again gives the same bytes.
  assert.equal(serialiseSnapshot(back), bytes);
  // And it restores into a fresh instance.
  const fresh = make();
  const reg = new SnapshotRegistry();
  reg.register('x', back);
  reg.restore('x', fresh);
  assert.equal(state(fresh), state(inst));
});

test('corruption is detected: checksum, version, magic, truncation, trailing bytes', () => {
  const mem = createMemory(2, null);
  put(mem, 12345, 'i32', 0x5eed);
  const bytes = serialiseSnapshot(takeSnapshot(memTarget(mem)));
  const fails = (b: Uint8Array, re: RegExp) =>
    assert.throws(() => deserialiseSnapshot(b), (e: unknown) => e instanceof SnapshotFormatError && re.test((e as Error).message), String(re));
  for (const at of [30, 100, bytes.length - 1, 24 + 12 + 1 + 100]) {
    const bad = bytes.slice(); bad[at] ^= 0x40;
    fails(bad, /checksum mismatch/);
  }
  const badCrc = bytes.slice(); badCrc[12] ^= 1;
  fails(badCrc, /checksum mismatch/);
  const v2 = bytes.slice(); new DataView(v2.buffer).setUint32(8, SNAPSHOT_FORMAT_VERSION + 1, true);
  fails(v2, /unsupported snapshot format version 2 \(this build reads version 1\)/);
  const magic = bytes.slice(); magic[0] = 0;
  fails(magic, /bad magic/);
  fails(bytes.subarray(0, 10), /truncated snapshot: 10 bytes, the header alone is 24/);
  fails(bytes.subarray(0, bytes.length - 1), /truncated snapshot: the header says \d+ body bytes, \d+ present/);
  const longer = new Uint8Array(bytes.length + 3); longer.set(bytes);
  fails(longer, /3 bytes after its body/);
  assert.is(deserialiseSnapshot(bytes).readBytes(12345, 2)[0], 0xed);
});

test('remote store: push and pull through the serialised form', async () => {
  const remote = new InMemoryRemoteStore();
  const a = new SnapshotRegistry(remote), b = new SnapshotRegistry(remote);
  const mem = createMemory(1);
  put(mem, 8, 'f64', Math.PI);
  a.snapshot(memTarget(mem), { key: 'k' });
  await a.push('k');
  assert.equal(await remote.list(), ['k']);
  await b.pull('k');
  const m2 = createMemory(1);
  b.restore('k', memTarget(m2));
  assert.is(get(m2, 8, 'f64'), Math.PI);
  try { await b.pull('missing'); assert.unreachable(); } catch (e) { assert.instance(e, SnapshotError); }
  try { await new SnapshotRegistry().push('k'); assert.unreachable(); } catch (e) { assert.match(String(e), /no remote snapshot store|no snapshot/); }
});

test('zygote: 1,000 invocations, each after a restore, see no state from the one before', () => {
  const inst = instantiate(compile(`(module
    (memory 4)
    (global $n (mut i32) (i32.const 0))
    (global $x (mut i64) (i64.const 1))
    (table 2 funcref)
    (elem declare func $f)
    (func $f (result i32) (i32.const 1))
    (func (export "run") (result i32)
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (global.set $x (i64.mul (global.get $x) (i64.const 3)))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 5)))
      (i32.store (i32.mul (global.get $n) (i32.const 70000)) (i32.const 1))
      (if (i32.eqz (ref.is_null (table.get (i32.const 1)))) (then (return (i32.const -1))))
      (table.set (i32.const 1) (ref.func $f))
      (i32.add (i32.add (global.get $n) (i32.load (i32.const 0))) (i32.wrap_i64 (global.get $x)))))`));
  const reg = new SnapshotRegistry();
  const zygote = reg.snapshot(inst, { key: 'zygote' });
  const first = invoke(inst, 'run', [])[0];
  assert.is(first, 1 + 5 + 3);
  for (let i = 0; i < 1000; i++) {
    const rep = reg.restore(zygote, inst);
    assert.is(rep.mode, 'pages');
    assert.is(rep.copiedPages, 2);
    assert.is(invoke(inst, 'run', [])[0], first);
  }
});

test('crc32 matches the standard check value', () => {
  assert.is(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
  assert.is(crc32(new Uint8Array(0)), 0);
  const big = new Uint8Array(1000).map((_, i) => i * 7);
  assert.is(crc32(big.subarray(500), crc32(big.subarray(0, 500))), crc32(big));
  for (const n of [0, 1, 7, 8, 9, 63, 1000]) assert.is(crc32js(big.subarray(0, n)), crc32(big.subarray(0, n)));
  assert.is(crc32js(big.subarray(3), crc32js(big.subarray(0, 3))), crc32(big));
});

test.run();

// Tests for snapshots through WasmModule: reset(msg, key) with a zygote over 1,000 invocations of the
// zygote fixture (no leaks in globals, heap, static buffers, data segments, environment or files),
// getSnapshotData, getDirtyRegions, diffWithSnapshot, merge regions for the next threads, ranges kept
// out of diffs (ignoreThreadStacksInSnapshot), and a thread-style round trip through the registry.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import { coalesceRanges, withIgnoredRanges } from '../src/module/module-merge.js';
import {
  SnapshotRegistry, SnapshotDataType as T, SnapshotMergeOperation as Op, MergeRegionError, SnapshotData,
} from '../src/snapshot/index.js';
import { FuncInst } from '../interpreter/index.js';
import { fixture } from './fixtures/locate.js';

const store = new MapFunctionStore()
  .set('demo', 'zygote', readFileSync(fixture('zygote.wasm')))
  .set('demo', 'memapi', readFileSync(fixture('memapi.wasm')))
  .set('demo', 'wat', `(module
    (import "env" "reset_me" (func $reset_me))
    (memory (export "memory") 1)
    (func (export "_start") (call $reset_me)))`);

function bound(fn: string, opts: ConstructorParameters<typeof WasmModule>[0] = {}): WasmModule {
  const m = new WasmModule({ store, captureStdout: true, ...opts });
  m.bindToFunction(createMessage('demo', fn));
  return m;
}
const call = (m: WasmModule, name: string, ...args: number[]): number => m.invokeExport(name, args)[0] as number;
const i32At = (m: WasmModule, addr: number): number => new DataView(m.getMemoryView().buffer).getInt32(addr, true);

test('zygote fixture: 1,000 invocations with reset see exactly the zygote state', () => {
  const m = bound('zygote', { dirs: [{ guest: '/data' }] });
  const mem = m.instance.mems[0];
  const zygoteBytes = mem.u8.slice();
  const zygoteGlobals = m.instance.globals.map((g) => [g.cell[0], g.cell[1]]);
  const zygoteBrk = m.getCurrentBrk();
  const N = 1000;
  let first = '';
  let resetMs = 0, resetPages = 0, grownCalls = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const msg = createMessage('demo', 'zygote', { inputData: `call ${i}` });
    const code = m.executeFunction(msg);
    if (code !== 0) assert.unreachable(`invocation ${i} exited ${code}: ${msg.stdout}${msg.error ?? ''}`);
    const line = msg.stdout.replace(/input=call \d+\n$/, '');
    if (i === 0) first = line;
    else if (line !== first) assert.unreachable(`invocation ${i} saw ${line}, the first saw ${first}`);
    if (mem.pages > zygoteBytes.length / 65536) grownCalls++;
    m.reset(msg);
    resetMs += m.stats.lastResetMs;
    resetPages += m.stats.lastResetPages;
    if (m.getCurrentBrk() !== zygoteBrk) assert.unreachable(`brk after reset ${i}`);
  }
  const totalMs = performance.now() - t0;
  assert.match(first, /^leaks=0 heap=0x[0-9a-f]+ argc=1 $/);
  assert.is(mem.u8.length, zygoteBytes.length, 'memory back to the zygote size');
  assert.ok(mem.u8.every((b, i) => b === zygoteBytes[i]), 'memory bytes equal the zygote');
  assert.equal(m.instance.globals.map((g) => [g.cell[0], g.cell[1]]), zygoteGlobals);
  assert.is(grownCalls, N, 'every invocation grew memory (200 KB malloc), every reset shrank it back');
  console.log(`  zygote fixture: ${N} invocations + resets in ${totalMs.toFixed(0)} ms (${(totalMs / N).toFixed(2)} ms each); ` +
    `reset ${(resetMs / N * 1000).toFixed(0)} µs on average, ${(resetPages / N).toFixed(1)} pages of 4 KiB per reset`);
});

test('zygote fixture: without reset, or resetting memory only, the leaks are seen', () => {
  const m = bound('zygote', { dirs: [{ guest: '/data' }] });
  m.executeFunction(createMessage('demo', 'zygote'));
  const again = createMessage('demo', 'zygote');
  assert.is(m.executeFunction(again), 3);
  for (const what of ['zygote_runs', 'calls', 'table', 'zygote_heap', 'static_buffer', 'data_segment', 'heap_pointer', 'environment', 'zygote_file', 'call_file']) {
    assert.ok(again.stdout.includes(` ${what}`), `${what} leak seen: ${again.stdout}`);
  }
  // restore() puts memory back but leaves the files: only the file leaks remain.
  m.restore(m.getZygoteKey());
  const filesOnly = createMessage('demo', 'zygote');
  assert.is(m.executeFunction(filesOnly), 3);
  assert.match(filesOnly.stdout, /^leaks=2 zygote_file call_file heap=/);
  m.reset(filesOnly);
  const clean = createMessage('demo', 'zygote');
  assert.is(m.executeFunction(clean), 0, clean.stdout);
});

test('reset: checks the message, refuses to run during an invocation, clears merge regions', () => {
  let m: WasmModule | null = null;
  const resetHost = FuncInst.host({ params: [], results: [] }, () => { m!.reset(); }, 'test.reset_me');
  m = new WasmModule({ store, captureStdout: true, imports: (mod, name) => (mod === 'env' && name === 'reset_me' ? resetHost : undefined) });
  m.bindToFunction(createMessage('demo', 'wat'));
  assert.throws(() => m!.executeFunction(createMessage('demo', 'wat')), /reset during an invocation/);
  assert.throws(() => m!.reset(createMessage('demo', 'other')), /bound to demo\/wat/);
  m.addMergeRegionForNextThreads(0, 8, T.Long, Op.Sum);
  assert.is(m.getMergeRegions().length, 1);
  m.reset(createMessage('demo', 'wat'));
  assert.is(m.getMergeRegions().length, 0, 'reset clears the merge regions');
});

test('getSnapshotData: a detached copy of memory, globals and tables; dirty tracking untouched', () => {
  const m = bound('memapi');
  const heap = call(m, 'alloc', 64);
  call(m, 'poke', heap, 1234);
  const dirtyBefore = m.getDirtyRegions();
  assert.ok(dirtyBefore.some((r) => heap >= r.offset && heap < r.offset + r.length), 'the poke is dirty');
  const keys = m.snapshots.list();
  const data = m.getSnapshotData();
  assert.ok(data instanceof SnapshotData);
  assert.is(data.size, m.getMemorySizeBytes());
  assert.equal(data.getMemoryBytes(), m.getMemoryView().slice());
  assert.is(data.globals.length, m.instance.globals.length);
  assert.is(data.tables.length, m.instance.tables.length);
  assert.equal(m.snapshots.list(), keys, 'not registered');
  assert.equal(m.getDirtyRegions(), dirtyBefore, 'dirty regions unchanged');
  call(m, 'poke', heap, 99);
  assert.is(new DataView(data.readBytes(heap, 4).buffer).getInt32(0, true), 1234, 'a copy, not a view');
});

test('diffWithSnapshot through the module: byte-exact, merge regions of the snapshot or given ones', () => {
  const m = bound('memapi');
  const a = call(m, 'alloc', 64);
  const key = m.snapshot();
  assert.equal(m.getDirtyRegions(), [], 'a snapshot rebases dirty tracking');
  call(m, 'poke', a, 5);
  call(m, 'poke', a + 8, 0); // same bytes as before: no diff
  let diffs = m.diffWithSnapshot(key);
  assert.is(diffs.length, 1);
  assert.is(diffs[0].offset, a);
  assert.equal([...diffs[0].bytes], [5]);
  assert.is(diffs[0].operation, Op.Overwrite);
  diffs = m.diffWithSnapshot(key, [{ offset: a, length: 4, dataType: T.Int, operation: Op.Sum }]);
  assert.is(diffs[0].operation, Op.Sum);
  assert.is(diffs[0].dataType, T.Int);
  assert.equal([...diffs[0].bytes], [5, 0, 0, 0]);
  m.ignoreRangesInSnapshot(key, [{ offset: a, length: 16 }]);
  assert.equal(m.diffWithSnapshot(key), [], 'an ignored range gives no diff');
  m.deleteSnapshot(key);
  assert.not.ok(m.snapshots.has(key));
  assert.throws(() => m.deleteSnapshot(m.getZygoteKey()), /zygote/);
});

test('merge regions for the next threads: checked when added, sorted, cleared', () => {
  const m = bound('memapi');
  m.addMergeRegionForNextThreads(64, 8, T.Long, Op.Sum);
  m.addMergeRegionForNextThreads(16, 4, T.Int, Op.Max);
  assert.equal(m.getMergeRegions().map((r) => r.offset), [16, 64]);
  assert.throws(() => m.addMergeRegionForNextThreads(16, 4, T.Int, Op.Min), (e: unknown) => e instanceof MergeRegionError);
  m.addMergeRegionForNextThreads(16, 4, T.Int, Op.Min, true);
  assert.is(m.getMergeRegions()[0].operation, Op.Min);
  assert.throws(() => m.addMergeRegionForNextThreads(128, 4, T.Raw, Op.Sum), /not supported for Raw/);
  assert.throws(() => m.addMergeRegionForNextThreads(60, 8, T.Int, Op.Sum), /overlaps/);
  m.clearMergeRegions();
  assert.equal(m.getMergeRegions(), []);
});

test('excluded ranges: joined, one Ignore region each; regions inside replaced, partial overlap refused', () => {
  assert.equal(coalesceRanges([{ offset: 100, length: 10 }, { offset: 0, length: 50 }, { offset: 50, length: 5 }, { offset: 7, length: 0 }]),
    [{ offset: 0, length: 55 }, { offset: 100, length: 10 }]);
  const regions = [
    { offset: 0, length: 4, dataType: T.Int, operation: Op.Sum },
    { offset: 1000, length: 8, dataType: T.Double, operation: Op.Max },
  ];
  const out = withIgnoredRanges(regions, [{ offset: 996, length: 20 }]);
  assert.equal(out.map((r) => [r.offset, r.length, r.operation]), [[0, 4, Op.Sum], [996, 20, Op.Ignore]]);
  assert.throws(() => withIgnoredRanges(regions, [{ offset: 1004, length: 100 }]), /partly overlaps/);
  assert.throws(() => withIgnoredRanges([{ offset: 0, length: 0, dataType: T.Raw, operation: Op.Overwrite }], [{ offset: 10, length: 1 }]), /partly overlaps/);

  const m = bound('memapi');
  const key = m.snapshot();
  const snap = m.snapshots.get(key);
  snap.addMergeRegion(4096, 8, T.Long, Op.Sum);
  assert.throws(() => m.ignoreRangesInSnapshot(key, [{ offset: 4100, length: 4096 }]), (e: unknown) => e instanceof MergeRegionError);
  assert.is(snap.getMergeRegions().length, 1, 'left as it was after the error');
  m.excludeFromSnapshotDiffs(8192, 4096);
  m.excludeFromSnapshotDiffs(12288, 4096);
  assert.equal(m.getExcludedRanges(), [{ offset: 8192, length: 8192 }]);
  m.ignoreThreadStacksInSnapshot(key);
  assert.equal(snap.getMergeRegions().map((r) => [r.offset, r.length, r.dataType, r.operation]),
    [[4096, 8, T.Long, Op.Sum], [8192, 8192, T.Raw, Op.Ignore]]);
  m.ignoreThreadStacksInSnapshot(key);
  assert.is(snap.getMergeRegions().length, 2, 'idempotent');
});

test('thread-style round trip: snapshotForThreads, workers diff (stacks ignored), Sum merged back', () => {
  const registry = new SnapshotRegistry();
  const main = bound('memapi', { snapshots: registry });
  const counter = call(main, 'alloc', 16);
  const total = counter + 8;
  call(main, 'poke', counter, 1000);
  call(main, 'poke', total, 7);
  const stack = main.mmapMemory(65536);
  main.addMergeRegionForNextThreads(counter, 4, T.Int, Op.Sum);
  main.addMergeRegionForNextThreads(total, 4, T.Int, Op.Max);
  main.excludeFromSnapshotDiffs(stack, 65536);
  const key = main.snapshotForThreads();
  assert.equal(registry.get(key).getMergeRegions().map((r) => r.operation), [Op.Sum, Op.Max, Op.Ignore]);
  const WORKERS = 6;
  for (let w = 1; w <= WORKERS; w++) {
    const worker = bound('memapi', { snapshots: registry });
    worker.restore(key);
    assert.is(i32At(worker, counter), 1000);
    call(worker, 'poke', counter, 1000 + w * 10);
    call(worker, 'poke', total, 7 + w);
    call(worker, 'fill', stack, w, 4096); // its "thread stack": never merged
    const diffs = worker.diffWithSnapshot(key);
    assert.ok(diffs.every((d) => d.offset < stack || d.offset >= stack + 65536), 'no diff inside the stack range');
    registry.queueDiffs(key, diffs);
  }
  registry.writeQueuedDiffs(key);
  call(main, 'poke', counter, -5); // the main copy is what the snapshot holds, not this
  main.restore(key);
  assert.is(i32At(main, counter), 1000 + 10 * (WORKERS * (WORKERS + 1)) / 2);
  assert.is(i32At(main, total), 7 + WORKERS);
  assert.is(main.getMemoryView()[stack], 0, 'stack bytes of the workers never merged');
  // Overlap between a merge region and an excluded range is refused and leaves no snapshot behind.
  main.addMergeRegionForNextThreads(stack - 4, 8, T.Int, Op.Sum);
  const before = registry.list().length;
  assert.throws(() => main.snapshotForThreads(), /partly overlaps/);
  assert.is(registry.list().length, before);
});

test.run();

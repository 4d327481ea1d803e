// Dirty tracking, restore and incremental snapshots: getDirtyRegions and its reset, restores that copy
// only written pages (and pages the snapshot gained from merged diffs), memory grown since the
// snapshot, several snapshots of one memory, copy-on-write sharing between snapshots, and a random
// sequence of writes / grows / snapshots / restores / merges checked against plain copies.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMemory, type Memory } from '../interpreter/index.js';
import {
  SnapshotRegistry, getDirtyRegions, trackerFor, takeSnapshot, MAX_BASELINES, noteMemoryResized, SnapshotDataType as T,
  SnapshotMergeOperation as Op,
} from '../src/snapshot/index.js';
import { memTarget, put, get } from './snapshot-util.js';

function bytesEqualPadded(mem: Memory, expected: Uint8Array): boolean {
  const u8 = mem.u8;
  if (u8.length < expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (u8[i] !== expected[i]) return false;
  for (let i = expected.length; i < u8.length; i++) if (u8[i] !== 0) return false;
  return true;
}

test('getDirtyRegions: coalesced 4 KiB pages written since the last snapshot, reset by snapshot and restore', () => {
  const mem = createMemory(2);
  const reg = new SnapshotRegistry();
  put(mem, 0, 'i32', 1);
  const k = reg.snapshot(memTarget(mem));
  assert.equal(getDirtyRegions(mem), []);
  put(mem, 5000, 'i32', 1);
  mem.write(9000, new Uint8Array(100));
  mem.write(65534, new Uint8Array(4));
  assert.equal(reg.getDirtyRegions(memTarget(mem)), [{ offset: 4096, length: 8192 }, { offset: 61440, length: 8192 }]);
  // A detached snapshot leaves the map alone.
  reg.snapshot(memTarget(mem), { locallyRestorable: false });
  assert.is(getDirtyRegions(mem).length, 2);
  const rep = reg.restore(k, memTarget(mem));
  assert.is(rep.mode, 'pages');
  assert.is(rep.copiedPages, 4);
  assert.equal(getDirtyRegions(mem), []);
});

test('restore copies only the pages written since, and the bytes are right', () => {
  const mem = createMemory(16);
  for (let i = 0; i < mem.u8.length; i += 997) mem.u8[i] = i & 0xff;
  const expected = mem.u8.slice();
  const reg = new SnapshotRegistry();
  const k = reg.snapshot(memTarget(mem));
  mem.write(123456, Uint8Array.of(1, 2, 3));
  mem.write(4095, Uint8Array.of(9, 9));
  const rep = reg.restore(k, memTarget(mem));
  assert.is(rep.copiedPages, 3);
  assert.is(rep.zeroedPages, 0);
  assert.ok(bytesEqualPadded(mem, expected));
  // Nothing written: nothing copied.
  assert.is(reg.restore(k, memTarget(mem)).copiedPages, 0);
});

test('memory grown after the snapshot: pages beyond are zeroed, size mismatch reported, memory keeps its size', () => {
  const mem = createMemory(1, 4);
  put(mem, 10, 'i32', 3);
  const reg = new SnapshotRegistry();
  const k = reg.snapshot(memTarget(mem));
  mem.grow(2);
  put(mem, 70000, 'i32', 5);
  put(mem, 150000, 'i32', 6);
  put(mem, 10, 'i32', 4);
  const rep = reg.restore(k, memTarget(mem));
  assert.equal(rep, { mode: 'pages', copiedPages: 1, zeroedPages: 2, grownPages: 0, snapshotSize: 65536, memorySize: 3 * 65536, excessBytes: 2 * 65536 });
  assert.is(mem.pages, 3);
  assert.is(get(mem, 10, 'i32'), 3);
  assert.is(get(mem, 70000, 'i32'), 0);
  assert.is(get(mem, 150000, 'i32'), 0);
  // Still in step: a write beyond the snapshot is zeroed again by the next restore.
  put(mem, 131072, 'i32', 8);
  assert.is(reg.restore(k, memTarget(mem)).zeroedPages, 1);
  assert.is(get(mem, 131072, 'i32'), 0);
  // A snapshot larger than the memory grows it; beyond the maximum is an error.
  const big = createMemory(3, 4);
  put(big, 196000, 'i32', 1);
  const kb = reg.snapshot(memTarget(big));
  const small = createMemory(1, 2);
  assert.throws(() => reg.restore(kb, memTarget(small)), /cannot grow from 1 to 3 pages/);
  const r2 = reg.restore(kb, memTarget(createMemory(1, 4)));
  assert.is(r2.grownPages, 2);
});

test('several snapshots of one memory: each restores by pages, with exact bytes', () => {
  const mem = createMemory(4);
  const reg = new SnapshotRegistry();
  put(mem, 0, 'i32', 1);
  const a = reg.snapshot(memTarget(mem));
  const bytesA = mem.u8.slice();
  put(mem, 70000, 'i32', 2);
  const b = reg.snapshot(memTarget(mem));
  const bytesB = mem.u8.slice();
  put(mem, 140000, 'i32', 3);
  put(mem, 0, 'i32', 9);
  let rep = reg.restore(a, memTarget(mem));
  assert.is(rep.mode, 'pages');
  assert.is(rep.copiedPages, 3);                 // 0 (both), 70000 (before b), 140000 (after b)
  assert.ok(bytesEqualPadded(mem, bytesA));
  rep = reg.restore(b, memTarget(mem));
  assert.is(rep.mode, 'pages');
  assert.is(rep.copiedPages, 3);                 // every page written since b, the restore of a included
  assert.ok(bytesEqualPadded(mem, bytesB));
  // The incremental snapshot b shares a's unchanged chunks.
  const sa = reg.get(a).memory, sb = reg.get(b).memory;
  assert.is(sb.chunk(0), sa.chunk(0));
  assert.is.not(sb.chunk(1), sa.chunk(1));
  assert.is(sb.chunk(2), sa.chunk(2));
});

test('diffs written into a snapshot reach memories in step with it (stamped pages)', () => {
  const mem = createMemory(2);
  const reg = new SnapshotRegistry();
  const k = reg.snapshot(memTarget(mem), { mergeRegions: [{ offset: 0, length: 4, dataType: T.Int, operation: Op.Sum }] });
  reg.applyDiffs(k, [
    { offset: 0, bytes: Uint8Array.of(5, 0, 0, 0), dataType: T.Int, operation: Op.Sum },
    { offset: 80000, bytes: Uint8Array.of(7), dataType: T.Raw, operation: Op.Overwrite },
  ]);
  put(mem, 40000, 'i32', 1);
  // The diff against the changed snapshot sees the stamped pages too.
  const d = reg.diffWithSnapshot(k, memTarget(mem));
  assert.equal(d.map(x => [x.offset, x.operation]), [[0, Op.Sum], [40000, Op.Overwrite], [80000, Op.Overwrite]]);
  const rep = reg.restore(k, memTarget(mem));
  assert.is(rep.mode, 'pages');
  assert.is(rep.copiedPages, 3);
  assert.is(get(mem, 0, 'i32'), 5);
  assert.is(mem.u8[80000], 7);
  assert.is(get(mem, 40000, 'i32'), 0);
  // A snapshot taken from the memory now is unaffected by later merges into k (copy-on-write).
  const k2 = reg.snapshot(memTarget(mem));
  reg.applyDiffs(k, [{ offset: 0, bytes: Uint8Array.of(1, 0, 0, 0), dataType: T.Int, operation: Op.Sum }]);
  assert.is(new DataView(reg.get(k2).readBytes(0, 4).buffer).getInt32(0, true), 5);
  assert.is(new DataView(reg.get(k).readBytes(0, 4).buffer).getInt32(0, true), 6);
});

test('beyond MAX_BASELINES snapshots, the oldest restores by full copy; deleted snapshots are forgotten', () => {
  const mem = createMemory(1);
  const reg = new SnapshotRegistry();
  const keys: string[] = [];
  for (let i = 0; i < MAX_BASELINES + 3; i++) { put(mem, i * 4, 'i32', i + 1); keys.push(reg.snapshot(memTarget(mem))); }
  const rep = reg.restore(keys[0], memTarget(mem));
  assert.is(rep.mode, 'full');
  assert.is(get(mem, 4, 'i32'), 0);
  assert.is(reg.restore(keys[keys.length - 1], memTarget(mem)).mode, 'pages');
  assert.is(get(mem, 4, 'i32'), 2);
  const last = keys[keys.length - 1];
  assert.ok(trackerFor(mem).tracks(reg.get(last)));
  const snap = reg.get(last);
  reg.delete(last);
  assert.not.ok(trackerFor(mem).tracks(snap));
  // A detached snapshot is never a baseline.
  const detached = takeSnapshot(memTarget(mem), { locallyRestorable: false });
  assert.not.ok(trackerFor(mem).tracks(detached));
});

/** Shrink a memory the way a host does (reallocation keeping the dirty bits of kept pages). */
function shrink(mem: Memory, pages: number): void {
  const bytes = pages * 65536;
  const buf = new ArrayBuffer(bytes);
  new Uint8Array(buf).set(mem.u8.subarray(0, bytes));
  mem.buffer = buf; mem.u8 = new Uint8Array(buf); mem.dv = new DataView(buf);
  mem.dirty = mem.dirty.slice(0, bytes / 4096); mem.pages = pages; mem.generation++;
}

test('memory shrunk by the host: pages cut off are restored from every snapshot that had them', () => {
  const mem = createMemory(1, 8);
  const reg = new SnapshotRegistry();
  const z = reg.snapshot(memTarget(mem));
  mem.grow(2);
  put(mem, 70000, 'i32', 11);
  put(mem, 140000, 'i32', 22);
  const m = reg.snapshot(memTarget(mem));            // 3 pages, current
  // Reset to the zygote the way a module does: shrink first, then restore.
  shrink(mem, 1);
  assert.is(reg.restore(z, memTarget(mem)).mode, 'pages');
  // Back to the bigger snapshot: it grows the memory and must copy the pages that were cut off.
  const rep = reg.restore(m, memTarget(mem));
  assert.is(rep.mode, 'pages');
  assert.is(get(mem, 70000, 'i32'), 11);
  assert.is(get(mem, 140000, 'i32'), 22);
  // Shrunk, then straight back to the same (bigger) snapshot: restore looks at the size before growing.
  shrink(mem, 1);
  assert.is(reg.restore(m, memTarget(mem)).grownPages, 2);
  assert.is(get(mem, 140000, 'i32'), 22);
  // Shrink and grow again before the next restore: noteMemoryResized keeps the tracker right.
  shrink(mem, 2);
  noteMemoryResized(mem);
  mem.grow(1);
  assert.is(get(mem, 140000, 'i32'), 0);
  assert.is(reg.diffWithSnapshot(m, memTarget(mem)).length, 1);   // the cut-off value shows in diffs
  reg.restore(m, memTarget(mem));
  assert.is(get(mem, 140000, 'i32'), 22);
  // Shrinking below the current snapshot then snapshotting again captures the zeros.
  shrink(mem, 2);
  noteMemoryResized(mem);
  mem.grow(1);
  const m2 = reg.snapshot(memTarget(mem));
  assert.is(new DataView(reg.get(m2).readBytes(140000, 4).buffer).getInt32(0, true), 0);
  assert.is(new DataView(reg.get(m).readBytes(140000, 4).buffer).getInt32(0, true), 22);
});

test('random writes, grows, host shrinks, snapshots, restores and merges agree with plain copies', () => {
  let seed = 12345;
  const rnd = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  for (let round = 0; round < 12; round++) {
    const mem = createMemory(2, 9);
    const reg = new SnapshotRegistry();
    const expected = new Map<string, Uint8Array>();
    const keys: string[] = [];
    const snap = () => { const k = reg.snapshot(memTarget(mem)); keys.push(k); expected.set(k, mem.u8.slice()); };
    snap();
    for (let step = 0; step < 300; step++) {
      const r = rnd(100);
      if (r < 60) {
        const len = 1 + rnd(r < 5 ? 9000 : 16);
        const at = rnd(mem.u8.length - len);
        const b = new Uint8Array(len); for (let i = 0; i < len; i++) b[i] = rnd(256);
        mem.write(at, b);
      } else if (r < 63) {
        if (mem.pages < 8) mem.grow(1 + rnd(2));
      } else if (r < 66) {
        if (mem.pages > 1) { shrink(mem, 1 + rnd(mem.pages - 1)); noteMemoryResized(mem); }
      } else if (r < 76) {
        snap();
      } else if (r < 92) {
        const k = keys[rnd(keys.length)];
        reg.restore(k, memTarget(mem));
        assert.ok(bytesEqualPadded(mem, expected.get(k)!), `round ${round} step ${step}: restore ${k}`);
      } else {
        // Merge an Overwrite diff into a random snapshot and into its expected copy.
        const k = keys[rnd(keys.length)];
        const exp = expected.get(k)!;
        const at = rnd(Math.min(exp.length + 65536, 9 * 65536) - 8);
        const b = Uint8Array.of(rnd(256), rnd(256), rnd(256));
        reg.applyDiffs(k, [{ offset: at, bytes: b, dataType: T.Raw, operation: Op.Overwrite }]);
        let e = exp;
        if (at + 3 > e.length) { e = new Uint8Array(Math.ceil((at + 3) / 65536) * 65536); e.set(exp); }
        e.set(b, at);
        expected.set(k, e);
      }
    }
    for (const k of keys) {
      assert.equal(reg.get(k).getMemoryBytes(), expected.get(k)!, `round ${round}: snapshot ${k} bytes unchanged by sharing`);
      reg.restore(k, memTarget(mem));
      assert.ok(bytesEqualPadded(mem, expected.get(k)!));
    }
  }
});

test.run();

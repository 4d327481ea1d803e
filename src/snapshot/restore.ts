// Restoring a snapshot's memory bytes into a Memory. When the memory is in step with the snapshot (it
// was taken from it or last restored to it, see dirty.ts), only the 4 KiB pages written since (and
// pages the snapshot gained by merged diffs) are copied; otherwise the whole memory is. Wasm memories
// cannot shrink: a memory larger than the snapshot keeps its size, its bytes beyond the snapshot are
// zero, and the report says so (excessBytes > 0). A smaller memory grows to the snapshot's size.
import { HOST_PAGE, type Memory } from '../../interpreter/index.js';
import { trackerFor } from './dirty.js';
import { forEachRun } from './page-map.js';
import { CHUNK_SHIFT, CHUNK_SIZE, ZERO_CHUNK } from './page-store.js';
import type { SnapshotData } from './snapshot-data.js';
import { SnapshotError } from './types.js';

export interface RestoreReport {
  /** 'pages': only pages changed since the memory was in step with the snapshot; 'full': everything. */
  mode: 'pages' | 'full';
  /** 4 KiB pages copied from the snapshot. */
  copiedPages: number;
  /** 4 KiB pages beyond the snapshot's size set to zero. */
  zeroedPages: number;
  /** Wasm pages the memory grew by to hold the snapshot. */
  grownPages: number;
  /** Snapshot memory size in bytes. */
  snapshotSize: number;
  /** Memory size in bytes after the restore. */
  memorySize: number;
  /**
   * memorySize - snapshotSize: > 0 when the memory was larger than the snapshot and could not shrink
   * (its bytes beyond the snapshot's size are now zero; a module should move its brk back to
   * snapshotSize). Never negative.
   */
  excessBytes: number;
}

/** Copy bytes [from, to) of the snapshot into memory at the same offsets. */
function copyRange(u8: Uint8Array, snap: SnapshotData, from: number, to: number): void {
  const store = snap.memory;
  let at = from;
  while (at < to) {
    const c = at >>> CHUNK_SHIFT, o = at & (CHUNK_SIZE - 1);
    const n = Math.min(to - at, CHUNK_SIZE - o);
    const chunk = store.chunk(c);
    if (chunk === ZERO_CHUNK) u8.fill(0, at, at + n); else u8.set(chunk.subarray(o, o + n), at);
    at += n;
  }
}

/** Make memory's bytes equal to the snapshot's (zero beyond it). */
export function restoreMemory(mem: Memory, snap: SnapshotData): RestoreReport {
  const snapSize = snap.size;
  const tracker = trackerFor(mem);
  tracker.observe();                       // before growing: a shrunk memory's cut-off pages must be copied
  let grownPages = 0;
  if (snapSize > mem.byteLength) {
    const need = snap.pages - mem.pages;
    if (mem.grow(need) < 0) {
      throw new SnapshotError(`cannot restore: memory cannot grow from ${mem.pages} to ${snap.pages} pages (maximum ${mem.max ?? 'none'}, host limit ${mem.hostLimit})`);
    }
    grownPages = need;
  }
  const changed = tracker.changedPages(snap);
  const u8 = mem.u8;
  let copiedPages = 0, zeroedPages = 0;
  if (changed !== null) {
    const dirty = mem.dirty;
    forEachRun(changed, (a, b) => {
      const from = a * HOST_PAGE, to = Math.min(b * HOST_PAGE, u8.length);
      const split = Math.min(Math.max(from, snapSize), to);
      if (split > from) { copyRange(u8, snap, from, split); copiedPages += (split - from) / HOST_PAGE; }
      if (to > split) { u8.fill(0, split, to); zeroedPages += (to - split) / HOST_PAGE; }
      if (changed !== dirty) dirty.fill(1, a, b);   // so that the other baselines learn of these pages
    });
  } else {
    copyRange(u8, snap, 0, snapSize);
    u8.fill(0, snapSize);
    copiedPages = snapSize / HOST_PAGE;
    zeroedPages = (u8.length - snapSize) / HOST_PAGE;
    mem.dirty.fill(1);
  }
  tracker.sync(snap);
  return {
    mode: changed !== null ? 'pages' : 'full', copiedPages, zeroedPages, grownPages,
    snapshotSize: snapSize, memorySize: u8.length, excessBytes: u8.length - snapSize,
  };
}

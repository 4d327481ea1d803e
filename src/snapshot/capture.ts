// Taking a snapshot of a target (an engine Instance, or memory + globals + tables). When the memory is
// in step with its current snapshot, the new snapshot shares that snapshot's unchanged 64 KiB chunks and
// copies only chunks holding dirty pages, so the cost grows with the pages written, not memory size.
// A locally restorable snapshot (the default) becomes the memory's current baseline: the dirty map is
// reset, and later restores and diffs against it visit only pages written since.
import { forEachRun } from './page-map.js';
import { trackerFor } from './dirty.js';
import { CHUNK_SHIFT, CHUNK_SIZE, PageStore } from './page-store.js';
import { SnapshotData, type ThreadState } from './snapshot-data.js';
import { captureGlobals, captureTables, targetOf, type SnapshotSource } from './instance-state.js';
import type { MergeRegion } from './types.js';
import type { Memory } from '../../interpreter/index.js';

export interface SnapshotOptions {
  /**
   * True (default): the memory's dirty tracking is re-based on this snapshot (getDirtyRegions() restarts
   * from empty; restoring it into this memory copies only pages written since). False: a detached copy
   * (e.g. to ship elsewhere); the memory's dirty map is left as it was.
   */
  locallyRestorable?: boolean;
  /** Thread states to keep with the snapshot. */
  threads?: ThreadState[];
  /** Merge regions to give the snapshot. */
  mergeRegions?: readonly MergeRegion[];
}

const PAGES_PER_CHUNK_SHIFT = CHUNK_SHIFT - 12;

/** The memory's bytes as a store, sharing what it can with the memory's current snapshot. */
function captureMemory(mem: Memory): PageStore {
  const tracker = trackerFor(mem);
  const base = tracker.current;
  const changed = base !== null ? tracker.changedPages(base) : null;
  if (base === null || changed === null) return PageStore.copyOf(mem.u8);
  const chunks = mem.pages;
  const chunkDirty = new Uint8Array(chunks);
  forEachRun(changed, (a, b) => { chunkDirty.fill(1, a >>> PAGES_PER_CHUNK_SHIFT, ((b - 1) >>> PAGES_PER_CHUNK_SHIFT) + 1); });
  const u8 = mem.u8;
  return base.memory.derive(chunks, (c) => (chunkDirty[c] ? u8.slice(c * CHUNK_SIZE, (c + 1) * CHUNK_SIZE) : null));
}

/** Snapshot memory (bytes, size, maximum), globals and tables of the target. */
export function takeSnapshot(src: SnapshotSource, opts: SnapshotOptions = {}): SnapshotData {
  const target = targetOf(src);
  const mem = target.memory;
  const snap = new SnapshotData({
    memory: mem !== null ? captureMemory(mem) : PageStore.zeros(0),
    hasMemory: mem !== null,
    maxPages: mem !== null ? mem.max : null,
    globals: captureGlobals(target),
    tables: captureTables(target),
    threads: opts.threads ? opts.threads.map(t => ({ id: t.id, bytes: t.bytes.slice() })) : [],
    mergeRegions: opts.mergeRegions,
  });
  if (mem !== null && opts.locallyRestorable !== false) trackerFor(mem).sync(snap);
  return snap;
}

// Dirty tracking on top of the engine's page map (Memory.dirty, one byte per 4 KiB page, set by every
// write path). One DirtyTracker per Memory records which snapshots the memory is "in step" with: the
// one it was last made equal to (`current`, whose changes are Memory.dirty itself, reset at every
// snapshot and restore) and up to MAX_BASELINES earlier ones, whose changed pages it accumulates from
// Memory.dirty at each reset. In step with S means: outside the recorded pages, memory equals S's bytes,
// and zero beyond S's size.
import type { Memory } from '../../interpreter/index.js';
import { dirtyPages, dirtyRegions, extendedCopy, orInto } from './page-map.js';
import type { SnapshotData, SnapshotLink } from './snapshot-data.js';
import type { DirtyRegion } from './types.js';

/** Earlier snapshots a memory stays in step with, besides the current one (oldest dropped first). */
export const MAX_BASELINES = 16;

interface Baseline { map: Uint8Array; version: number; }

export class DirtyTracker implements SnapshotLink {
  /** The snapshot the memory was last made equal to, or null. */
  current: SnapshotData | null = null;
  /** current.version when the memory was made equal to it. */
  currentVersion = 0;
  private readonly others = new Map<SnapshotData, Baseline>();

  constructor(readonly memory: Memory) {}

  /** Byte ranges of the pages written since the last snapshot or restore of this memory. */
  getDirtyRegions(): DirtyRegion[] { return dirtyRegions(this.memory.dirty); }

  /** True when the memory is in step with snap. */
  tracks(snap: SnapshotData): boolean { return this.current === snap || this.others.has(snap); }

  /**
   * A page map (one byte per 4 KiB page of the memory, read-only: it may be Memory.dirty itself) of the
   * pages that may differ from snap — written since, or changed in snap by diffs since — or null when the
   * memory is not in step with snap.
   */
  changedPages(snap: SnapshotData): Uint8Array | null {
    const dirty = this.memory.dirty;
    if (this.current === snap) {
      if (snap.version === this.currentVersion) return dirty;
      const map = dirty.slice();
      snap.markChangedSince(this.currentVersion, map);
      return map;
    }
    const b = this.others.get(snap);
    if (b === undefined) return null;
    const map = extendedCopy(b.map, dirty.length);
    orInto(map, dirty);
    snap.markChangedSince(b.version, map);
    return map;
  }

  /**
   * The memory has just been made equal to snap (taken from it, or restored with every page it wrote
   * marked in Memory.dirty): carry Memory.dirty into the other baselines, make snap current, reset
   * Memory.dirty.
   */
  sync(snap: SnapshotData): void {
    const dirty = this.memory.dirty;
    const pages = this.others.size > 0 || (this.current !== null && this.current !== snap) ? dirtyPages(dirty) : null;
    if (pages !== null) {
      for (const [s, b] of this.others) {
        if (s === snap) continue;
        if (b.map.length < dirty.length) b.map = extendedCopy(b.map, dirty.length);
        for (const p of pages) b.map[p] = 1;
      }
    }
    const prev = this.current;
    if (prev !== null && prev !== snap) this.others.set(prev, { map: dirty.slice(), version: this.currentVersion });
    this.others.delete(snap);
    this.current = snap;
    this.currentVersion = snap.version;
    snap.links.add(this);
    while (this.others.size > MAX_BASELINES) {
      const oldest = this.others.keys().next().value as SnapshotData;
      this.others.delete(oldest);
      oldest.links.delete(this);
    }
    if (pages !== null && pages.length < (dirty.length >>> 6)) for (const p of pages) dirty[p] = 0;
    else this.memory.clearDirty();
  }

  /** Stop tracking snap (it was deleted). */
  forget(snap: SnapshotData): void {
    if (this.current === snap) this.current = null;
    this.others.delete(snap);
    snap.links.delete(this);
  }
}

const trackers = new WeakMap<Memory, DirtyTracker>();

/** The tracker of a memory (created on first use). */
export function trackerFor(memory: Memory): DirtyTracker {
  let t = trackers.get(memory);
  if (t === undefined) { t = new DirtyTracker(memory); trackers.set(memory, t); }
  return t;
}

/** Byte ranges of the pages of memory written since its last snapshot or restore. */
export function getDirtyRegions(memory: Memory): DirtyRegion[] { return dirtyRegions(memory.dirty); }

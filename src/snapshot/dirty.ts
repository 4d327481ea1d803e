// Dirty tracking on top of the engine's page map (Memory.dirty, one byte per 4 KiB page, set by every
// write path). One DirtyTracker per Memory records which snapshots the memory is "in step" with: the
// one it was last made equal to (`current`, whose changes are Memory.dirty itself, reset at every
// snapshot and restore) and up to MAX_BASELINES earlier ones, whose changed pages it accumulates from
// Memory.dirty at each reset. In step with S means: outside the recorded pages, memory equals S's bytes,
// and zero beyond S's size. The engine's memories only grow, but a host may shrink one (a module reset
// reallocates it to the zygote's size): pages cut off and grown back read as zero without being dirty.
// So each baseline also keeps the smallest memory size seen since it was in step (`valid`, wasm pages);
// its pages at and above that count as changed. The tracker sees the size whenever it is used (restore
// looks before growing); a host that shrinks a memory and lets it grow again before the next snapshot,
// restore or diff must call noteMemoryResized(memory) right after shrinking.
import { WASM_PAGE, type Memory } from '../../interpreter/index.js';
import { dirtyPages, dirtyRegions, extendedCopy, orInto } from './page-map.js';
import type { SnapshotData, SnapshotLink } from './snapshot-data.js';
import type { DirtyRegion } from './types.js';

/** Earlier snapshots a memory stays in step with, besides the current one (oldest dropped first). */
export const MAX_BASELINES = 16;

interface Baseline { map: Uint8Array; version: number; valid: number; }

const PAGE_MAP_PER_WASM_PAGE = WASM_PAGE >>> 12;

export class DirtyTracker implements SnapshotLink {
  /** The snapshot the memory was last made equal to, or null. */
  current: SnapshotData | null = null;
  /** current.version when the memory was made equal to it. */
  currentVersion = 0;
  /** Smallest memory size (wasm pages) seen since the memory was made equal to current. */
  currentValid = Infinity;
  private readonly others = new Map<SnapshotData, Baseline>();

  constructor(readonly memory: Memory) {}

  /** Byte ranges of the pages written since the last snapshot or restore of this memory. */
  getDirtyRegions(): DirtyRegion[] { return dirtyRegions(this.memory.dirty); }

  /** Record the memory's size now: pages a shrink cut off no longer match any baseline. */
  observe(): void {
    const pages = this.memory.pages;
    if (pages < this.currentValid) this.currentValid = pages;
    for (const b of this.others.values()) if (pages < b.valid) b.valid = pages;
  }

  /** True when the memory is in step with snap. */
  tracks(snap: SnapshotData): boolean { return this.current === snap || this.others.has(snap); }

  /**
   * A page map (one byte per 4 KiB page of the memory, read-only: it may be Memory.dirty itself) of the
   * pages that may differ from snap — written since, or changed in snap by diffs since — or null when the
   * memory is not in step with snap.
   */
  changedPages(snap: SnapshotData): Uint8Array | null {
    this.observe();
    const dirty = this.memory.dirty;
    if (this.current === snap) {
      const cut = this.cutPages(snap, this.currentValid);
      if (snap.version === this.currentVersion && cut === null) return dirty;
      const map = dirty.slice();
      snap.markChangedSince(this.currentVersion, map);
      if (cut !== null) map.fill(1, cut[0], cut[1]);
      return map;
    }
    const b = this.others.get(snap);
    if (b === undefined) return null;
    const map = extendedCopy(b.map, dirty.length);
    orInto(map, dirty);
    snap.markChangedSince(b.version, map);
    const cut = this.cutPages(snap, b.valid);
    if (cut !== null) map.fill(1, cut[0], cut[1]);
    return map;
  }

  /** The page-map range of snap's pages that a shrink to `valid` wasm pages cut off (and the memory has again), or null. */
  private cutPages(snap: SnapshotData, valid: number): [number, number] | null {
    const end = Math.min(snap.pages, this.memory.pages);
    return valid < end ? [valid * PAGE_MAP_PER_WASM_PAGE, end * PAGE_MAP_PER_WASM_PAGE] : null;
  }

  /**
   * The memory has just been made equal to snap (taken from it, or restored with every page it wrote
   * marked in Memory.dirty): carry Memory.dirty into the other baselines, make snap current, reset
   * Memory.dirty.
   */
  sync(snap: SnapshotData): void {
    this.observe();
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
    if (prev !== null && prev !== snap) this.others.set(prev, { map: dirty.slice(), version: this.currentVersion, valid: this.currentValid });
    this.others.delete(snap);
    this.current = snap;
    this.currentVersion = snap.version;
    this.currentValid = Infinity;
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

/**
 * Tell the snapshot layer that a host shrank memory (e.g. by reallocating it smaller): call right after
 * the shrink, before the memory can grow again. Cheap; a no-op for memories never snapshotted.
 */
export function noteMemoryResized(memory: Memory): void { trackers.get(memory)?.observe(); }

/** The tracker of a memory (created on first use). */
export function trackerFor(memory: Memory): DirtyTracker {
  let t = trackers.get(memory);
  if (t === undefined) { t = new DirtyTracker(memory); trackers.set(memory, t); }
  return t;
}

/** Byte ranges of the pages of memory written since its last snapshot or restore. */
export function getDirtyRegions(memory: Memory): DirtyRegion[] { return dirtyRegions(memory.dirty); }

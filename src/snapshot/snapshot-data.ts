// SnapshotData: everything needed to put a module instance back as it was — memory bytes, size and
// maximum, globals, table contents, merge regions and (on request) thread states — plus the change
// record (version, per-page stamps) that lets memories in step with it restore only what changed.
import { HOST_PAGE, WASM_PAGE, type RefType, type ValType } from '../../interpreter/index.js';
import { PageStore } from './page-store.js';
import { MergeRegions } from './merge-regions.js';
import type { MergeRegion, SnapshotDataType, SnapshotDiff, SnapshotMergeOperation } from './types.js';

/** A captured reference: a function index (>= 0), ref.null, or a value that has no index (kept in-process only). */
export const NULL_REF = -1;
export const OPAQUE_REF = -2;

/** A global's value: raw bits (lo, hi: i32/f32 in lo; i64/f64 as two halves) or a reference. */
export interface GlobalState {
  type: ValType;
  mutable: boolean;
  lo: number;
  hi: number;
  /** For reference globals: function index, NULL_REF or OPAQUE_REF. */
  ref: number;
  /** The value itself when ref is OPAQUE_REF (in-process snapshots only). */
  opaque?: unknown;
}

/** A table's contents: one captured reference per element. */
export interface TableState {
  elemType: RefType;
  max: number | null;
  refs: Int32Array;
  /** Values of the OPAQUE_REF elements by index (in-process snapshots only), or null when none. */
  opaque: Map<number, unknown> | null;
}

/** State of a thread the caller wants kept with the snapshot (e.g. a serialised context), as bytes. */
export interface ThreadState { id: number; bytes: Uint8Array; }

/** Something that must hear when a snapshot goes away (the dirty trackers holding it as a baseline). */
export interface SnapshotLink { forget(snapshot: SnapshotData): void; }

export class SnapshotData {
  /** Memory bytes, 64 KiB chunks. */
  memory: PageStore;
  /** False when the instance had no memory. */
  hasMemory: boolean;
  /** The memory's maximum in wasm pages, or null. */
  maxPages: number | null;
  globals: GlobalState[];
  tables: TableState[];
  threads: ThreadState[];
  mergeRegions = new MergeRegions();
  /** Bumped each time diffs are written into this snapshot. */
  version = 0;
  /** Per 4 KiB page, the version that last changed it by diffs (null until the first write). */
  stamps: Uint32Array | null = null;
  /** Diffs queued by queueDiffs, written by writeQueuedDiffs. */
  queued: SnapshotDiff[] = [];
  /** Trackers that hold this snapshot as a baseline. */
  readonly links = new Set<SnapshotLink>();

  constructor(init: {
    memory: PageStore; hasMemory: boolean; maxPages: number | null;
    globals?: GlobalState[]; tables?: TableState[]; threads?: ThreadState[]; mergeRegions?: readonly MergeRegion[];
  }) {
    this.memory = init.memory;
    this.hasMemory = init.hasMemory;
    this.maxPages = init.maxPages;
    this.globals = init.globals ?? [];
    this.tables = init.tables ?? [];
    this.threads = init.threads ?? [];
    if (init.mergeRegions) for (const r of init.mergeRegions) this.addMergeRegion(r.offset, r.length, r.dataType, r.operation);
  }

  /** Memory size in bytes. */
  get size(): number { return this.memory.byteLength; }
  /** Memory size in wasm pages. */
  get pages(): number { return this.memory.byteLength / WASM_PAGE; }

  /** A copy of [offset, offset + length) of the memory (zero past the end). */
  readBytes(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    this.memory.read(offset, out);
    return out;
  }

  /** The whole memory as one array (a copy). */
  getMemoryBytes(): Uint8Array { return this.memory.toBytes(); }

  addMergeRegion(offset: number, length: number, dataType: SnapshotDataType, operation: SnapshotMergeOperation, overwrite = false): void {
    this.mergeRegions.add(offset, length, dataType, operation, overwrite);
  }
  getMergeRegions(): readonly MergeRegion[] { return this.mergeRegions.get(); }
  clearMergeRegions(): void { this.mergeRegions.clear(); }

  /** Record that bytes [offset, offset + length) changed in version `version`. */
  stamp(offset: number, length: number, version: number): void {
    const hostPages = this.memory.byteLength / HOST_PAGE;
    if (this.stamps === null || this.stamps.length < hostPages) {
      const s = new Uint32Array(hostPages);
      if (this.stamps !== null) s.set(this.stamps);
      this.stamps = s;
    }
    if (length <= 0) return;
    const first = Math.floor(offset / HOST_PAGE), last = Math.floor((offset + length - 1) / HOST_PAGE);
    this.stamps.fill(version, first, last + 1);
  }

  /** Mark in `map` (one byte per 4 KiB page) every page changed by diffs after version `since`. */
  markChangedSince(since: number, map: Uint8Array): void {
    if (this.version === since || this.stamps === null) return;
    const s = this.stamps;
    const n = Math.min(s.length, map.length);
    for (let p = 0; p < n; p++) if (s[p] > since) map[p] = 1;
  }

  /** Tell every tracker holding this snapshot to drop it (called when the snapshot is deleted). */
  dispose(): void {
    for (const l of [...this.links]) l.forget(this);
    this.links.clear();
  }
}

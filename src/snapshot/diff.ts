// diffWithSnapshot: the changes of a memory against a snapshot, as SnapshotDiffs, visiting only the
// pages that may differ (dirty since the memory was in step with the snapshot, or changed in the
// snapshot by merged diffs since; every page when the memory is not in step). Byte-exact: a page
// rewritten with the same bytes yields nothing. Merge regions decide what a change becomes: Overwrite
// (and gaps between regions) gives the changed byte runs, Ignore nothing, arithmetic operations one
// value per changed element (runs of adjacent elements share one diff). Bytes beyond the snapshot's
// size (memory grown since) are diffed as Raw Overwrite against zero, whatever the regions say, and an
// empty Overwrite diff at the memory's end records the new size when no diff reaches it. The part of
// a snapshot beyond a smaller memory gives no diff (diffs never shrink the main copy).
import { HOST_PAGE, type Memory } from '../../interpreter/index.js';
import { trackerFor } from './dirty.js';
import { forEachRun } from './page-map.js';
import { CHUNK_SIZE, ZERO_CHUNK, type PageStore } from './page-store.js';
import { MergeRegions, regionEnd } from './merge-regions.js';
import { diffValue } from './merge-values.js';
import type { SnapshotData } from './snapshot-data.js';
import {
  DATA_TYPE_SIZE, SnapshotDataType, SnapshotMergeOperation, type MergeRegion, type SnapshotDiff,
} from './types.js';

export interface DiffOptions {
  /** Merge regions to use instead of the snapshot's own. */
  regions?: readonly MergeRegion[];
}

/** Collects diffs in ascending offset order, joining adjacent runs of the same kind. */
class DiffBuilder {
  readonly out: SnapshotDiff[] = [];
  private start = -1;
  private end = -1;
  private dataType = SnapshotDataType.Raw;
  private op = SnapshotMergeOperation.Overwrite;
  private values: Uint8Array = new Uint8Array(64);
  constructor(private readonly u8: Uint8Array) {}

  overwrite(start: number, end: number, dataType: SnapshotDataType): void {
    if (this.start >= 0 && this.end === start && this.op === SnapshotMergeOperation.Overwrite && this.dataType === dataType) {
      this.end = end;
      return;
    }
    this.flush();
    this.start = start; this.end = end; this.dataType = dataType; this.op = SnapshotMergeOperation.Overwrite;
  }

  element(offset: number, size: number, dataType: SnapshotDataType, op: SnapshotMergeOperation, value: Uint8Array): void {
    if (!(this.start >= 0 && this.end === offset && this.op === op && this.dataType === dataType)) {
      this.flush();
      this.start = offset; this.end = offset; this.dataType = dataType; this.op = op;
    }
    const at = this.end - this.start;
    if (at + size > this.values.length) {
      const grown = new Uint8Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    for (let i = 0; i < size; i++) this.values[at + i] = value[i];
    this.end += size;
  }

  flush(): void {
    if (this.start < 0) return;
    const bytes = this.op === SnapshotMergeOperation.Overwrite
      ? this.u8.slice(this.start, this.end)
      : this.values.slice(0, this.end - this.start);
    this.out.push({ offset: this.start, bytes, dataType: this.dataType, operation: this.op });
    this.start = -1;
  }
}

function int32View(a: Uint8Array): Int32Array | null {
  return (a.byteOffset & 3) === 0 ? new Int32Array(a.buffer, a.byteOffset, a.length >>> 2) : null;
}

/**
 * Report runs where cur[curOff + i] !== orig[origOff + i] for i in [0, n) as emit(i0, i1). Equal
 * stretches are skipped a word at a time where both sides are word-aligned.
 */
function compareBytes(cur: Uint8Array, curOff: number, orig: Uint8Array, origOff: number, n: number, emit: (s: number, e: number) => void): void {
  const aligned = ((curOff - origOff) & 3) === 0 ? 1 : 0;
  const cw = aligned ? int32View(cur) : null, ow = aligned ? int32View(orig) : null;
  let i = 0;
  while (i < n) {
    if (cw !== null && ow !== null) {
      while (i < n && ((curOff + i) & 3) !== 0 && cur[curOff + i] === orig[origOff + i]) i++;
      while (i + 4 <= n && ((curOff + i) & 3) === 0 && cw[(curOff + i) >>> 2] === ow[(origOff + i) >>> 2]) i += 4;
    }
    while (i < n && cur[curOff + i] === orig[origOff + i]) i++;
    if (i >= n) return;
    const s = i;
    while (i < n && cur[curOff + i] !== orig[origOff + i]) i++;
    emit(s, i);
  }
}

/** Overwrite runs of [from, to) against the store's bytes (zero where store is null or past its end). */
function compareRange(b: DiffBuilder, u8: Uint8Array, store: PageStore | null, from: number, to: number, dataType: SnapshotDataType): void {
  let at = from;
  while (at < to) {
    const c = Math.floor(at / CHUNK_SIZE), o = at % CHUNK_SIZE;
    const n = Math.min(to - at, CHUNK_SIZE - o);
    const orig = store !== null && c < store.chunkCount ? store.chunk(c) : ZERO_CHUNK;
    const base = at;
    compareBytes(u8, at, orig, o, n, (s, e) => b.overwrite(base + s, base + e, dataType));
    at += n;
  }
}

const ORIG = new Uint8Array(8);
const VALUE = new Uint8Array(8);

/** Diffs for [x, y) of region r (x, y inside the snapshot's size). */
function diffRegion(b: DiffBuilder, u8: Uint8Array, snap: SnapshotData, r: MergeRegion, x: number, y: number, memSize: number): void {
  const op = r.operation;
  if (op === SnapshotMergeOperation.Ignore) return;
  if (op === SnapshotMergeOperation.Overwrite) { compareRange(b, u8, snap.memory, x, y, r.dataType); return; }
  const size = DATA_TYPE_SIZE[r.dataType];
  const limit = Math.min(regionEnd(r, memSize), snap.size, memSize);
  const whole = Math.max(0, Math.floor((limit - r.offset) / size));
  const elemsEnd = r.offset + whole * size;
  const orig = ORIG.subarray(0, size);
  for (let k = Math.floor((x - r.offset) / size); k < whole; k++) {
    const off = r.offset + k * size;
    if (off >= y) break;
    snap.memory.read(off, orig);
    if (diffValue(r.dataType, op, orig, 0, u8, off, VALUE, 0, off)) b.element(off, size, r.dataType, op, VALUE);
  }
  // A trailing part-element (region to the end of memory, or cut by the snapshot's end): bytes as they are.
  if (y > elemsEnd) compareRange(b, u8, snap.memory, Math.max(x, elemsEnd), y, SnapshotDataType.Raw);
}

/** The diffs of memory against snap (see the file comment). */
export function diffWithSnapshot(snap: SnapshotData, memory: Memory, opts: DiffOptions = {}): SnapshotDiff[] {
  const regions = opts.regions !== undefined ? new MergeRegions(opts.regions).get() : snap.getMergeRegions();
  const u8 = memory.u8;
  const memSize = u8.length, snapSize = snap.size;
  let changed = trackerFor(memory).changedPages(snap);
  if (changed === null) changed = new Uint8Array(memory.dirty.length).fill(1);
  const b = new DiffBuilder(u8);
  let ri = 0;
  forEachRun(changed, (pa, pb) => {
    const A = pa * HOST_PAGE, B = Math.min(pb * HOST_PAGE, memSize);
    const inEnd = Math.min(B, snapSize);
    let x = A;
    while (x < inEnd) {
      while (ri < regions.length && regionEnd(regions[ri], memSize) <= x) ri++;
      const r = ri < regions.length ? regions[ri] : null;
      if (r === null || r.offset > x) {
        const y = r === null ? inEnd : Math.min(r.offset, inEnd);
        compareRange(b, u8, snap.memory, x, y, SnapshotDataType.Raw);
        x = y;
      } else {
        const y = Math.min(regionEnd(r, memSize), inEnd);
        diffRegion(b, u8, snap, r, x, y, memSize);
        x = y;
      }
    }
    const grownFrom = Math.max(A, snapSize);
    if (B > grownFrom) compareRange(b, u8, null, grownFrom, B, SnapshotDataType.Raw);
  });
  b.flush();
  if (memSize > snapSize) {
    const last = b.out.length > 0 ? b.out[b.out.length - 1] : null;
    if (last === null || last.offset + last.bytes.length < memSize) {
      b.out.push({ offset: memSize, bytes: new Uint8Array(0), dataType: SnapshotDataType.Raw, operation: SnapshotMergeOperation.Overwrite });
    }
  }
  return b.out;
}

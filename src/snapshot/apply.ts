// Writing diffs into a snapshot (the main copy): applyDiffs checks every diff first (supported data
// type × operation, whole elements, inside the memory's maximum) and then writes them all, growing the
// snapshot's memory in wasm pages to hold diffs past its end. Overwrite copies the bytes, Ignore is
// skipped, arithmetic operations combine element by element (merge-values.ts). The diffs of N workers
// against the same snapshot can be queued and written together; for Sum, Subtract, Product, Max and Min
// the order does not matter. Each write bumps the snapshot's version and stamps the pages it changed,
// so memories in step with the snapshot restore those pages too.
import { MAX_PAGES, WASM_PAGE } from '../../interpreter/index.js';
import { applyValue } from './merge-values.js';
import type { SnapshotData } from './snapshot-data.js';
import {
  DATA_TYPE_SIZE, MergeRegionError, SnapshotError, SnapshotMergeOperation, dataTypeName, unsupportedReason,
  type SnapshotDiff,
} from './types.js';

/** Throws MergeRegionError when the diff cannot be applied. */
export function checkDiff(d: SnapshotDiff, maxBytes: number): void {
  const why = unsupportedReason(d.dataType, d.operation);
  if (why !== null) throw new MergeRegionError(`diff at ${d.offset}: ${why}`);
  if (!(d.bytes instanceof Uint8Array)) throw new MergeRegionError(`diff at ${d.offset}: bytes must be a Uint8Array`);
  if (!Number.isInteger(d.offset) || d.offset < 0) throw new MergeRegionError(`diff offset ${d.offset} is not a memory offset`);
  const size = DATA_TYPE_SIZE[d.dataType];
  if (d.operation !== SnapshotMergeOperation.Overwrite && d.operation !== SnapshotMergeOperation.Ignore && d.bytes.length % size !== 0) {
    throw new MergeRegionError(`diff at ${d.offset}: ${d.bytes.length} bytes is not a whole number of ${dataTypeName(d.dataType)} elements`);
  }
  if (d.operation !== SnapshotMergeOperation.Ignore && d.offset + d.bytes.length > maxBytes) {
    throw new MergeRegionError(`diff at ${d.offset} (${d.bytes.length} bytes) is beyond the memory's maximum of ${maxBytes} bytes`);
  }
}

const MAIN = new Uint8Array(8);

/** Merge diffs into the snapshot's memory (all checked before any is written). */
export function applyDiffs(snap: SnapshotData, diffs: readonly SnapshotDiff[]): void {
  if (diffs.length === 0) return;
  if (!snap.hasMemory) throw new SnapshotError('cannot apply diffs: the snapshot has no memory');
  const maxBytes = Math.min(snap.maxPages ?? MAX_PAGES, MAX_PAGES) * WASM_PAGE;
  let need = snap.size;
  for (const d of diffs) {
    checkDiff(d, maxBytes);
    if (d.operation !== SnapshotMergeOperation.Ignore) need = Math.max(need, d.offset + d.bytes.length);
  }
  const store = snap.memory;
  if (need > snap.size) store.grow(Math.ceil(need / WASM_PAGE));
  const v = ++snap.version;
  snap.stamp(0, 0, v);   // size the stamps to the (grown) memory
  for (const d of diffs) {
    const op = d.operation, len = d.bytes.length;
    if (op === SnapshotMergeOperation.Ignore || len === 0) continue;
    if (op === SnapshotMergeOperation.Overwrite) {
      store.write(d.offset, d.bytes);
    } else {
      const size = DATA_TYPE_SIZE[d.dataType];
      const main = MAIN.subarray(0, size);
      for (let at = 0; at < len; at += size) {
        store.read(d.offset + at, main);
        applyValue(d.dataType, op, main, 0, d.bytes, at);
        store.write(d.offset + at, main);
      }
    }
    snap.stamp(d.offset, len, v);
  }
}

/** Queue diffs (of one worker) to be written with writeQueuedDiffs. */
export function queueDiffs(snap: SnapshotData, diffs: readonly SnapshotDiff[]): void {
  for (const d of diffs) snap.queued.push(d);
}

/** Write every queued diff into the snapshot (all or nothing) and empty the queue. */
export function writeQueuedDiffs(snap: SnapshotData): void {
  const q = snap.queued;
  applyDiffs(snap, q);
  snap.queued = [];
}

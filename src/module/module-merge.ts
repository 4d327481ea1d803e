// A module's merge regions for its next threads (Faasm's addMergeRegionForNextThreads /
// getMergeRegions / clearMergeRegions: checked like any merge region, cleared by reset), the address
// ranges it keeps out of snapshot diffs (thread stacks: Faasm's ignoreThreadStacksInSnapshot), and
// putting both onto a snapshot. An excluded range becomes one Raw Ignore merge region on the snapshot
// (faasm-semantics §5: "thread stacks are excluded this way"); touching ranges are joined first.
import {
  MergeRegions, MergeRegionError, SnapshotDataType, SnapshotMergeOperation, type MergeRegion, type SnapshotData,
} from '../snapshot/index.js';

/** A byte range of linear memory. */
export interface AddressRange { offset: number; length: number; }

const MAX_ADDRESS = 2 ** 32;
const endOf = (r: MergeRegion): number => (r.length === 0 ? MAX_ADDRESS : r.offset + r.length);

/** Sorted ranges with touching or overlapping ones joined; empty ones dropped. */
export function coalesceRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = ranges.filter((r) => r.length > 0).map((r) => ({ ...r })).sort((a, b) => a.offset - b.offset);
  const out: AddressRange[] = [];
  for (const r of sorted) {
    if (!Number.isInteger(r.offset) || !Number.isInteger(r.length) || r.offset < 0 || r.offset + r.length > MAX_ADDRESS) {
      throw new MergeRegionError(`excluded range ${r.offset}+${r.length} is not inside 32-bit memory`);
    }
    const last = out.length > 0 ? out[out.length - 1] : null;
    if (last !== null && r.offset <= last.offset + last.length) {
      last.length = Math.max(last.length, r.offset + r.length - last.offset);
    } else out.push(r);
  }
  return out;
}

/**
 * The regions with the ranges kept out of diffs: each range becomes a Raw Ignore region, replacing
 * regions that lie wholly inside it. A region that partly overlaps a range is a MergeRegionError.
 */
export function withIgnoredRanges(regions: readonly MergeRegion[], ranges: readonly AddressRange[]): readonly MergeRegion[] {
  const ignore = coalesceRanges(ranges);
  if (ignore.length === 0) return regions;
  const kept: MergeRegion[] = [];
  for (const r of regions) {
    const rEnd = endOf(r);
    const host = ignore.find((x) => r.offset < x.offset + x.length && rEnd > x.offset);
    if (host === undefined) { kept.push(r); continue; }
    if (r.offset >= host.offset && rEnd <= host.offset + host.length) continue;
    throw new MergeRegionError(`the ${SnapshotDataType[r.dataType]} ${SnapshotMergeOperation[r.operation]} merge region at ${r.offset} (length ${r.length || 'to the end'}) partly overlaps the excluded range ${host.offset}+${host.length}`);
  }
  const next = new MergeRegions(kept);
  for (const x of ignore) next.add(x.offset, x.length, SnapshotDataType.Raw, SnapshotMergeOperation.Ignore);
  return next.get();
}

/** Replaces the snapshot's merge regions (checked first: on an error they are left as they were). */
export function setSnapshotMergeRegions(snap: SnapshotData, regions: readonly MergeRegion[]): void {
  const checked = new MergeRegions(regions).get();
  snap.clearMergeRegions();
  for (const r of checked) snap.addMergeRegion(r.offset, r.length, r.dataType, r.operation);
}

/** Keeps the ranges out of the snapshot's diffs (see withIgnoredRanges). */
export function ignoreRangesInSnapshot(snap: SnapshotData, ranges: readonly AddressRange[]): void {
  setSnapshotMergeRegions(snap, withIgnoredRanges(snap.getMergeRegions(), ranges));
}

export class ModuleMergeRegions {
  /** Merge regions for the next threads (cleared by reset). */
  readonly regions = new MergeRegions();
  private ignored: AddressRange[] = [];

  add(offset: number, length: number, dataType: SnapshotDataType, operation: SnapshotMergeOperation, overwrite = false): void {
    this.regions.add(offset, length, dataType, operation, overwrite);
  }
  get(): readonly MergeRegion[] { return this.regions.get(); }
  clear(): void { this.regions.clear(); }

  /** Ranges kept out of diffs of every snapshot prepared for threads (kept across resets). */
  ignore(offset: number, length: number): void { this.ignored = coalesceRanges([...this.ignored, { offset, length }]); }
  ignoredRanges(): AddressRange[] { return this.ignored.map((r) => ({ ...r })); }
  clearIgnored(): void { this.ignored = []; }

  /** Gives the snapshot the next threads' merge regions (replacing its own), then the ignored ranges. */
  applyTo(snap: SnapshotData): void {
    setSnapshotMergeRegions(snap, withIgnoredRanges(this.get(), this.ignored));
  }
}

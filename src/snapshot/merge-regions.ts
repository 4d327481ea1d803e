// The merge regions of a snapshot (or of a module, for its next threads): kept sorted by offset, never
// overlapping, each checked when added (supported data type × operation, whole elements). Bytes outside
// every region merge as Overwrite.
import {
  DATA_TYPE_SIZE, MergeRegionError, SnapshotDataType, SnapshotMergeOperation, dataTypeName, operationName,
  unsupportedReason, type MergeRegion,
} from './types.js';

const MAX_ADDRESS = 2 ** 32;

/** End of a region (exclusive) for a memory of memorySize bytes (length 0 = to the end). */
export function regionEnd(r: MergeRegion, memorySize: number): number {
  return r.length === 0 ? Math.max(memorySize, r.offset) : r.offset + r.length;
}

function describe(r: MergeRegion): string {
  return `${dataTypeName(r.dataType)} ${operationName(r.operation)} region at ${r.offset} (length ${r.length || 'to the end'})`;
}

/** Throws MergeRegionError when the region cannot be used. */
export function checkRegion(r: MergeRegion): void {
  const why = unsupportedReason(r.dataType, r.operation);
  if (why !== null) throw new MergeRegionError(`merge region at ${r.offset}: ${why}`);
  if (!Number.isInteger(r.offset) || r.offset < 0 || r.offset >= MAX_ADDRESS) {
    throw new MergeRegionError(`merge region offset ${r.offset} is not an address in 32-bit memory`);
  }
  if (!Number.isInteger(r.length) || r.length < 0 || r.offset + r.length > MAX_ADDRESS) {
    throw new MergeRegionError(`merge region at ${r.offset}: length ${r.length} is not a byte count inside 32-bit memory`);
  }
  const size = DATA_TYPE_SIZE[r.dataType];
  if (r.length % size !== 0) {
    throw new MergeRegionError(`merge region at ${r.offset}: length ${r.length} is not a whole number of ${dataTypeName(r.dataType)} elements (${size} bytes each)`);
  }
}

export class MergeRegions {
  private regions: MergeRegion[] = [];

  constructor(regions: readonly MergeRegion[] = []) {
    for (const r of regions) this.add(r.offset, r.length, r.dataType, r.operation);
  }

  /**
   * Add a region. A region already at the same offset is an error unless `overwrite` is true (then it is
   * replaced); a region overlapping another one is always an error.
   */
  add(offset: number, length: number, dataType: SnapshotDataType, operation: SnapshotMergeOperation, overwrite = false): void {
    const r: MergeRegion = Object.freeze({ offset, length, dataType, operation });
    checkRegion(r);
    const list = this.regions;
    let i = 0;
    while (i < list.length && list[i].offset < offset) i++;
    const replacing = i < list.length && list[i].offset === offset;
    if (replacing && !overwrite) {
      throw new MergeRegionError(`a merge region already exists at offset ${offset} (${describe(list[i])}); pass overwrite to replace it`);
    }
    const end = regionEnd(r, MAX_ADDRESS);
    const before = i > 0 ? list[i - 1] : null;
    if (before !== null && regionEnd(before, MAX_ADDRESS) > offset) {
      throw new MergeRegionError(`merge region at ${offset} overlaps the ${describe(before)}`);
    }
    const after = replacing ? (i + 1 < list.length ? list[i + 1] : null) : (i < list.length ? list[i] : null);
    if (after !== null && after.offset < end) {
      throw new MergeRegionError(`merge region at ${offset} (length ${length || 'to the end'}) overlaps the ${describe(after)}`);
    }
    list.splice(i, replacing ? 1 : 0, r);
  }

  /** The regions, sorted by offset. */
  get(): readonly MergeRegion[] { return this.regions; }

  get size(): number { return this.regions.length; }

  clear(): void { this.regions = []; }

  clone(): MergeRegions {
    const c = new MergeRegions();
    c.regions = this.regions.slice();
    return c;
  }
}

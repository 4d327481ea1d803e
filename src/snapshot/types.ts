// Snapshot vocabulary shared by every file in src/snapshot/: merge data types and operations (Faasm's
// SnapshotDataType / SnapshotMergeOperation), diffs, merge regions, dirty regions and the error classes.

/** How the bytes of a merge region are read: raw bytes, C bool (1 byte), int (i32), long (i64), float, double. */
export enum SnapshotDataType { Raw = 0, Bool = 1, Int = 2, Long = 3, Float = 4, Double = 5 }

/** How a worker's change to a merge region is merged back into the main copy. */
export enum SnapshotMergeOperation { Overwrite = 0, Ignore = 1, Sum = 2, Subtract = 3, Product = 4, Max = 5, Min = 6 }

/** Size in bytes of one element of each data type (Raw and Bool: one byte). */
export const DATA_TYPE_SIZE: Readonly<Record<SnapshotDataType, number>> = {
  [SnapshotDataType.Raw]: 1, [SnapshotDataType.Bool]: 1, [SnapshotDataType.Int]: 4,
  [SnapshotDataType.Long]: 8, [SnapshotDataType.Float]: 4, [SnapshotDataType.Double]: 8,
};

/**
 * One changed byte range of a memory against a snapshot. Overwrite: `bytes` are the new bytes.
 * Sum: per element `updated - original`; Subtract: `original - updated`; Product: the factor
 * `updated / original`; Max / Min: the updated value. Arithmetic diffs hold one or more consecutive
 * elements (bytes.length is a multiple of the element size), little-endian like wasm memory.
 * An empty Overwrite diff at offset N means "the memory is at least N bytes" (memory grew).
 */
export interface SnapshotDiff {
  offset: number;
  bytes: Uint8Array;
  dataType: SnapshotDataType;
  operation: SnapshotMergeOperation;
}

/** A merge region: [offset, offset + length) of memory (length 0 = to the end of memory). */
export interface MergeRegion {
  readonly offset: number;
  readonly length: number;
  readonly dataType: SnapshotDataType;
  readonly operation: SnapshotMergeOperation;
}

/** A byte range of memory (dirty pages, coalesced). */
export interface DirtyRegion { offset: number; length: number; }

/** Anything wrong with using a snapshot: unknown key, mismatched instance, uncapturable value… */
export class SnapshotError extends Error {
  constructor(message: string) { super(message); this.name = 'SnapshotError'; }
}

/** Serialised snapshot bytes that cannot be read: bad magic, unknown version, truncated, bad checksum. */
export class SnapshotFormatError extends SnapshotError {
  constructor(message: string) { super(message); this.name = 'SnapshotFormatError'; }
}

/** A merge region or diff that is not allowed (unsupported type × operation, overlap, no factor…). */
export class MergeRegionError extends SnapshotError {
  constructor(message: string) { super(message); this.name = 'MergeRegionError'; }
}

export function dataTypeName(t: SnapshotDataType): string { return SnapshotDataType[t] ?? `dataType ${t}`; }
export function operationName(op: SnapshotMergeOperation): string { return SnapshotMergeOperation[op] ?? `operation ${op}`; }

/** True for the operations that combine values (Sum, Subtract, Product, Max, Min). */
export function isArithmetic(op: SnapshotMergeOperation): boolean {
  return op === SnapshotMergeOperation.Sum || op === SnapshotMergeOperation.Subtract ||
    op === SnapshotMergeOperation.Product || op === SnapshotMergeOperation.Max || op === SnapshotMergeOperation.Min;
}

/** True for the numeric data types that arithmetic operations accept. */
export function isNumeric(t: SnapshotDataType): boolean {
  return t === SnapshotDataType.Int || t === SnapshotDataType.Long ||
    t === SnapshotDataType.Float || t === SnapshotDataType.Double;
}

/** Why a data type × operation pair is not supported, or null when it is. */
export function unsupportedReason(t: SnapshotDataType, op: SnapshotMergeOperation): string | null {
  if (!(t in DATA_TYPE_SIZE) || typeof t !== 'number') return `unknown merge data type ${String(t)}`;
  if (SnapshotMergeOperation[op] === undefined || typeof op !== 'number') return `unknown merge operation ${String(op)}`;
  if (isArithmetic(op) && !isNumeric(t)) {
    return `${operationName(op)} is not supported for ${dataTypeName(t)} data (arithmetic operations need Int, Long, Float or Double)`;
  }
  return null;
}

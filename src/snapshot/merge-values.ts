// Per-element arithmetic of merge regions: what a diff carries for one changed value (delta, factor or
// updated value) and how it is combined into the main copy, for Int (i32), Long (i64, BigInt, exact
// past 2^53), Float (f32) and Double (f64). Integers wrap like C's fixed-width types; Int and Long
// compare signed. Float rules (docs/DECISIONS.md): values equal by `===` or both NaN give no diff;
// Sum/Subtract/Product round like the C operation; a NaN result is stored as the canonical quiet NaN;
// Max/Min keep a NaN already in the main copy, else take a NaN from the diff, and order -0 below +0.
import { MergeRegionError, SnapshotDataType, SnapshotMergeOperation, DATA_TYPE_SIZE } from './types.js';

const S = new DataView(new ArrayBuffer(16));   // scratch: [0,8) first operand, [8,16) second

function load(src: Uint8Array, off: number, n: number, at: number): void {
  for (let i = 0; i < n; i++) S.setUint8(at + i, src[off + i]);
}
function store(dst: Uint8Array, off: number, n: number, at: number): void {
  for (let i = 0; i < n; i++) dst[off + i] = S.getUint8(at + i);
}

const CANONICAL_NAN32 = 0x7fc00000;
const CANONICAL_NAN64_HI = 0x7ff80000;

function setF32(at: number, v: number): void {
  if (v !== v) S.setUint32(at, CANONICAL_NAN32, true); else S.setFloat32(at, v, true);
}
function setF64(at: number, v: number): void {
  if (v !== v) { S.setUint32(at, 0, true); S.setUint32(at + 4, CANONICAL_NAN64_HI, true); } else S.setFloat64(at, v, true);
}

/** The factor g with original * g ≡ updated (mod 2^32), or a MergeRegionError when there is none. */
export function intFactor(o: number, u: number, where: number): number {
  if (o !== 0 && u % o === 0) return (u / o) | 0;
  if (o === 0) throw noFactor(where, String(o), String(u));
  const k = 31 - Math.clz32(o & -o);            // trailing zero bits of o
  const low = k === 0 ? 0 : -1 >>> (32 - k);
  if ((u & low) !== 0) throw noFactor(where, String(o), String(u));
  const oo = o >> k, uu = u >> k;
  let inv = oo;                                    // Newton: bits correct 3 → 6 → 12 → 24 → 48
  for (let i = 0; i < 4; i++) inv = Math.imul(inv, 2 - Math.imul(oo, inv));
  const g = Math.imul(uu, inv);
  if (Math.imul(o, g) !== u) throw noFactor(where, String(o), String(u));
  return g;
}

/** The factor g with original * g ≡ updated (mod 2^64), or a MergeRegionError when there is none. */
export function longFactor(o: bigint, u: bigint, where: number): bigint {
  if (o !== 0n && u % o === 0n) return BigInt.asIntN(64, u / o);
  if (o === 0n) throw noFactor(where, String(o), String(u));
  let k = 0n;
  while (((o >> k) & 1n) === 0n) k++;
  if ((u & ((1n << k) - 1n)) !== 0n) throw noFactor(where, String(o), String(u));
  const oo = o >> k, uu = u >> k;
  let inv = BigInt.asUintN(64, oo);              // Newton: 3 → 6 → 12 → 24 → 48 → 96 bits
  for (let i = 0; i < 5; i++) inv = BigInt.asUintN(64, inv * (2n - oo * inv));
  const g = BigInt.asIntN(64, uu * inv);
  if (BigInt.asIntN(64, o * g) !== u) throw noFactor(where, String(o), String(u));
  return g;
}

function noFactor(where: number, o: string, u: string): MergeRegionError {
  return new MergeRegionError(`Product merge region, value at ${where}: updated value ${u} is not the original ${o} times any integer factor`);
}

/**
 * The diff of one element: reads the original at orig[oOff] and the updated value at upd[uOff], writes
 * what the diff carries to out[outOff] and returns true, or returns false when the value counts as
 * unchanged. `where` (the element's memory offset) is for error messages.
 */
export function diffValue(
  dt: SnapshotDataType, op: SnapshotMergeOperation,
  orig: Uint8Array, oOff: number, upd: Uint8Array, uOff: number, out: Uint8Array, outOff: number, where: number,
): boolean {
  const n = DATA_TYPE_SIZE[dt];
  load(orig, oOff, n, 0);
  load(upd, uOff, n, 8);
  switch (dt) {
    case SnapshotDataType.Int: {
      const o = S.getInt32(0, true), u = S.getInt32(8, true);
      if (o === u) return false;
      let v: number;
      if (op === SnapshotMergeOperation.Sum) v = (u - o) | 0;
      else if (op === SnapshotMergeOperation.Subtract) v = (o - u) | 0;
      else if (op === SnapshotMergeOperation.Product) v = intFactor(o, u, where);
      else v = u;
      S.setInt32(0, v, true);
      break;
    }
    case SnapshotDataType.Long: {
      const o = S.getBigInt64(0, true), u = S.getBigInt64(8, true);
      if (o === u) return false;
      let v: bigint;
      if (op === SnapshotMergeOperation.Sum) v = BigInt.asIntN(64, u - o);
      else if (op === SnapshotMergeOperation.Subtract) v = BigInt.asIntN(64, o - u);
      else if (op === SnapshotMergeOperation.Product) v = longFactor(o, u, where);
      else v = u;
      S.setBigInt64(0, v, true);
      break;
    }
    case SnapshotDataType.Float: {
      const o = S.getFloat32(0, true), u = S.getFloat32(8, true);
      if (o === u || (o !== o && u !== u)) return false;
      if (op === SnapshotMergeOperation.Sum) setF32(0, Math.fround(u - o));
      else if (op === SnapshotMergeOperation.Subtract) setF32(0, Math.fround(o - u));
      else if (op === SnapshotMergeOperation.Product) setF32(0, Math.fround(u / o));
      else S.setUint32(0, S.getUint32(8, true), true);          // Max/Min: the updated bits
      break;
    }
    case SnapshotDataType.Double: {
      const o = S.getFloat64(0, true), u = S.getFloat64(8, true);
      if (o === u || (o !== o && u !== u)) return false;
      if (op === SnapshotMergeOperation.Sum) setF64(0, u - o);
      else if (op === SnapshotMergeOperation.Subtract) setF64(0, o - u);
      else if (op === SnapshotMergeOperation.Product) setF64(0, u / o);
      else S.setBigUint64(0, S.getBigUint64(8, true), true);
      break;
    }
    default:
      throw new MergeRegionError(`no arithmetic for data type ${dt}`);
  }
  store(out, outOff, n, 0);
  return true;
}

/** True when a (first) should give way to b in Max (greater = true) or Min, by the rules above. */
function floatWins(m: number, d: number, greater: boolean): boolean {
  if (m !== m) return false;                 // keep a NaN already in the main copy
  if (d !== d) return true;                  // else take the diff's NaN (bits preserved)
  if (m === d) return m === 0 && (greater ? Object.is(m, -0) && Object.is(d, 0) : Object.is(m, 0) && Object.is(d, -0));
  return greater ? d > m : d < m;
}

/** Combine one diff element (diff[dOff]) into the main copy's value at main[mOff], in place. */
export function applyValue(dt: SnapshotDataType, op: SnapshotMergeOperation, main: Uint8Array, mOff: number, diff: Uint8Array, dOff: number): void {
  const n = DATA_TYPE_SIZE[dt];
  load(main, mOff, n, 0);
  load(diff, dOff, n, 8);
  switch (dt) {
    case SnapshotDataType.Int: {
      const m = S.getInt32(0, true), d = S.getInt32(8, true);
      let v: number;
      switch (op) {
        case SnapshotMergeOperation.Sum: v = (m + d) | 0; break;
        case SnapshotMergeOperation.Subtract: v = (m - d) | 0; break;
        case SnapshotMergeOperation.Product: v = Math.imul(m, d); break;
        case SnapshotMergeOperation.Max: v = d > m ? d : m; break;
        default: v = d < m ? d : m; break;
      }
      S.setInt32(0, v, true);
      break;
    }
    case SnapshotDataType.Long: {
      const m = S.getBigInt64(0, true), d = S.getBigInt64(8, true);
      let v: bigint;
      switch (op) {
        case SnapshotMergeOperation.Sum: v = BigInt.asIntN(64, m + d); break;
        case SnapshotMergeOperation.Subtract: v = BigInt.asIntN(64, m - d); break;
        case SnapshotMergeOperation.Product: v = BigInt.asIntN(64, m * d); break;
        case SnapshotMergeOperation.Max: v = d > m ? d : m; break;
        default: v = d < m ? d : m; break;
      }
      S.setBigInt64(0, v, true);
      break;
    }
    case SnapshotDataType.Float: {
      const m = S.getFloat32(0, true), d = S.getFloat32(8, true);
      switch (op) {
        case SnapshotMergeOperation.Sum: setF32(0, Math.fround(m + d)); break;
        case SnapshotMergeOperation.Subtract: setF32(0, Math.fround(m - d)); break;
        case SnapshotMergeOperation.Product: setF32(0, Math.fround(m * d)); break;
        default:
          if (floatWins(m, d, op === SnapshotMergeOperation.Max)) S.setUint32(0, S.getUint32(8, true), true);
      }
      break;
    }
    case SnapshotDataType.Double: {
      const m = S.getFloat64(0, true), d = S.getFloat64(8, true);
      switch (op) {
        case SnapshotMergeOperation.Sum: setF64(0, m + d); break;
        case SnapshotMergeOperation.Subtract: setF64(0, m - d); break;
        case SnapshotMergeOperation.Product: setF64(0, m * d); break;
        default:
          if (floatWins(m, d, op === SnapshotMergeOperation.Max)) S.setBigUint64(0, S.getBigUint64(8, true), true);
      }
      break;
    }
    default:
      throw new MergeRegionError(`no arithmetic for data type ${dt}`);
  }
  store(main, mOff, n, 0);
}

// v128 literals: a shape (i8x16 … f64x2) and its lane literals, to 16 little-endian bytes.
import { parseIntN } from './literals.js';
import { parseF32, parseF64 } from './float-literal.js';

export interface Shape { readonly lanes: number; readonly bits: number; readonly float: boolean; }

export const SHAPES: Readonly<Record<string, Shape>> = {
  i8x16: { lanes: 16, bits: 8, float: false }, i16x8: { lanes: 8, bits: 16, float: false },
  i32x4: { lanes: 4, bits: 32, float: false }, i64x2: { lanes: 2, bits: 64, float: false },
  f32x4: { lanes: 4, bits: 32, float: true }, f64x2: { lanes: 2, bits: 64, float: true },
};

/**
 * Writes lane `i` of `shape` from literal `t` into `dv`; false when `t` is not a literal of the lane
 * type. Throws RangeFail for an out-of-range literal.
 */
export function writeLane(dv: DataView, shape: Shape, i: number, t: string): boolean {
  if (shape.float) {
    if (shape.bits === 32) {
      const b = parseF32(t);
      if (b === null) return false;
      dv.setUint32(i * 4, b, true);
    } else {
      const b = parseF64(t);
      if (b === null) return false;
      dv.setBigUint64(i * 8, b, true);
    }
    return true;
  }
  const v = parseIntN(t, shape.bits);
  if (v === null) return false;
  const off = i * (shape.bits / 8);
  switch (shape.bits) {
    case 8: dv.setInt8(off, Number(v)); break;
    case 16: dv.setInt16(off, Number(v), true); break;
    case 32: dv.setInt32(off, Number(v), true); break;
    default: dv.setBigInt64(off, v, true);
  }
  return true;
}

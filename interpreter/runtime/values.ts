// Raw values (the host-boundary convention) and their conversions: to and from global cells, and to
// and from JS-friendly values. Raw: i32 number (int32), i64 bigint (signed), f32 number (uint32 bit
// pattern), f64 bigint (uint64 bit pattern), references as JS values: null is ref.null and nothing
// else is (an externref may be undefined); undefined given for a funcref is taken as null.
import { ValType, valTypeByName } from '../types.js';
import type { Global } from './global.js';

/** A value type, by binary encoding or by text name ('i32', 'f64', 'funcref', …). */
export type TypeLike = ValType | string;

export function asValType(t: TypeLike): ValType {
  if (typeof t === 'number') return t;
  const v = valTypeByName(t === 'func' ? 'funcref' : t === 'extern' ? 'externref' : t);
  if (v === undefined) throw new TypeError(`unknown value type ${t}`);
  return v;
}

/** The raw bits of an int32 pair (lo, hi) as a signed 64-bit bigint. */
export function pairToI64(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}
/** The raw bits of an int32 pair (lo, hi) as an unsigned 64-bit bigint. */
export function pairToU64(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}
/** Low int32 half of a 64-bit bigint (signed or unsigned). */
export function i64Lo(v: bigint): number { return Number(BigInt.asIntN(32, v)); }
/** High int32 half of a 64-bit bigint (signed or unsigned). */
export function i64Hi(v: bigint): number { return Number(BigInt.asIntN(32, v >> 32n)); }

/** The default (zero) raw value of a type. */
export function defaultRaw(t: ValType): unknown {
  switch (t) {
    case ValType.I32: case ValType.F32: return 0;
    case ValType.I64: case ValType.F64: return 0n;
    default: return null;
  }
}

/** A global's current value, raw. */
export function readGlobal(g: Global): unknown {
  const c = g.cell;
  switch (g.type.type) {
    case ValType.I32: return c[0];
    case ValType.F32: return c[0] >>> 0;
    case ValType.I64: return pairToI64(c[0], c[1]);
    case ValType.F64: return pairToU64(c[0], c[1]);
    default: return g.ref;
  }
}

/** Set a global's value from a raw value (no mutability check: the caller decides). */
/** A reference as stored (tables, globals, the value stack): the value itself, except that undefined
 *  given for a funcref is ref.null (for an externref, undefined is a non-null value). */
export function refValue(t: ValType, v: unknown): unknown {
  return v === undefined && t === ValType.FuncRef ? null : v;
}

export function writeGlobal(g: Global, v: unknown): void {
  const c = g.cell;
  switch (g.type.type) {
    case ValType.I32: case ValType.F32: c[0] = Number(v) | 0; c[1] = 0; return;
    case ValType.I64: case ValType.F64: {
      const b = typeof v === 'bigint' ? v : BigInt(v as number);
      c[0] = i64Lo(b); c[1] = i64Hi(b); return;
    }
    default: g.ref = refValue(g.type.type, v);
  }
}

const scratch = new ArrayBuffer(8);
const s32 = new Float32Array(scratch, 0, 1);
const s64 = new Float64Array(scratch);
const su32 = new Uint32Array(scratch, 0, 1);
const sbig = new BigUint64Array(scratch);

/**
 * JS-friendly value → raw. i32: number (wrapped to int32); i64: bigint or integer number (wrapped to
 * signed 64 bits); f32/f64: number (NaN becomes the canonical NaN); references unchanged.
 */
export function toRaw(type: TypeLike, v: unknown): unknown {
  const t = asValType(type);
  switch (t) {
    case ValType.I32: return typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : Number(v) | 0;
    case ValType.I64: return BigInt.asIntN(64, typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v))));
    case ValType.F32: s32[0] = Number(v); return su32[0];
    case ValType.F64: s64[0] = Number(v); return sbig[0];
    default: return refValue(t, v);
  }
}

/** Raw → JS-friendly value: i32 number, i64 bigint, f32/f64 number (NaN payloads are lost), refs unchanged. */
export function fromRaw(type: TypeLike, raw: unknown): unknown {
  switch (asValType(type)) {
    case ValType.I32: return Number(raw) | 0;
    case ValType.I64: return BigInt.asIntN(64, BigInt(raw as bigint));
    case ValType.F32: su32[0] = Number(raw) >>> 0; return s32[0];
    case ValType.F64: sbig[0] = BigInt.asUintN(64, BigInt(raw as bigint)); return s64[0];
    default: return raw;
  }
}

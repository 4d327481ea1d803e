// Raw values (the host-boundary convention) in and out of the value stack: i32 number (int32),
// i64 bigint (signed), f32 number (uint32 bit pattern), f64 bigint (uint64 bit pattern), references
// as JS values: ref.null is exactly null (an externref may be undefined, a non-null value); a funcref
// is a FuncInst or null, and undefined given for one is taken as null. `w` is an absolute word index
// (2 words per slot).
import { ValType } from '../types.js';

/** What the value-stack views look like (the Context). */
export interface StackViews { s: Int32Array; refs: unknown[]; }

function toBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  const n = Number(v);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

export function readRaw(st: StackViews, w: number, t: ValType): unknown {
  const s = st.s;
  switch (t) {
    case ValType.I32: return s[w];
    case ValType.F32: return s[w] >>> 0;
    case ValType.I64: return (BigInt(s[w + 1]) << 32n) | BigInt(s[w] >>> 0);
    case ValType.F64: return (BigInt(s[w + 1] >>> 0) << 32n) | BigInt(s[w] >>> 0);
    default: return st.refs[w >> 1];
  }
}

export function writeRaw(st: StackViews, w: number, t: ValType, v: unknown): void {
  const s = st.s;
  switch (t) {
    case ValType.I32: case ValType.F32:
      s[w] = typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, toBig(v)));
      s[w + 1] = 0;
      return;
    case ValType.I64: case ValType.F64: {
      const b = toBig(v);
      s[w] = Number(BigInt.asIntN(32, b));
      s[w + 1] = Number(BigInt.asIntN(32, b >> 32n));
      return;
    }
    default:
      st.refs[w >> 1] = v === undefined && t === ValType.FuncRef ? null : v;
  }
}

/** Reads n results of the given types starting at word w. */
export function readResults(st: StackViews, w: number, types: readonly ValType[]): unknown[] {
  const out = new Array(types.length);
  for (let i = 0; i < types.length; i++) out[i] = readRaw(st, w + 2 * i, types[i]);
  return out;
}

/** Converts a host function's return value (undefined, a value, or an array of two or more) to a list. */
export function hostResults(r: unknown, n: number): unknown[] {
  if (n === 0) return [];
  if (n === 1) return [r];
  if (!Array.isArray(r) || r.length < n) throw new TypeError(`host function must return ${n} results`);
  return r;
}

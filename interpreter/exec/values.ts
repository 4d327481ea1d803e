// Raw values (the host-boundary convention) in and out of the value stack: i32 number (int32),
// i64 bigint (signed), f32 number (uint32 bit pattern), f64 bigint (uint64 bit pattern), references
// as JS values: ref.null is exactly null (an externref may be undefined, a non-null value); a funcref
// is a FuncInst or null, and undefined given for one is taken as null. `w` is an absolute word index
// (2 words per slot). writeRaw trusts its value (arguments checked by the API); what a host function
// returns goes through writeRawChecked, which refuses a value that is not one of its type.
import { ValType } from '../types.js';
import { FuncInst } from '../runtime/func.js';
import { refValue } from '../runtime/values.js';

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
      st.refs[w >> 1] = refValue(t, v);
  }
}

/** Reads n results of the given types starting at word w. */
export function readResults(st: StackViews, w: number, types: readonly ValType[]): unknown[] {
  const out = new Array(types.length);
  for (let i = 0; i < types.length; i++) out[i] = readRaw(st, w + 2 * i, types[i]);
  return out;
}

const I32_MIN = -(2n ** 31n), U32_END = 2n ** 32n, I64_MIN = -(2n ** 63n), U64_END = 2n ** 64n;

/**
 * Writes v, a value a host function returned as a result of type t, at word w, if it is a raw value
 * of that type; returns false (writing nothing) when it is not. Accepted (rawExpectation says it in
 * words): i32/f32 an integer number (or bigint) in [-2^31, 2^32), kept modulo 2^32 (int32, or the
 * uint32 bits); i64/f64 a bigint in [-2^63, 2^64), kept modulo 2^64 (a number is refused: it is
 * not the raw form, and an f64 given as 1.5 would otherwise become the bits 1); funcref null,
 * undefined (taken as null) or a FuncInst; externref anything. Strings, booleans, non-integers,
 * NaN, arrays and out-of-range values are refused rather than coerced.
 */
export function writeRawChecked(st: StackViews, w: number, t: ValType, v: unknown): boolean {
  const s = st.s;
  switch (t) {
    case ValType.I32: case ValType.F32:
      if (typeof v === 'number') {
        if ((v | 0) !== v && (v >>> 0) !== v) return false;
        s[w] = v; // (an Int32Array store wraps a uint32 to int32)
      } else if (typeof v === 'bigint' && v >= I32_MIN && v < U32_END) {
        s[w] = Number(BigInt.asIntN(32, v));
      } else {
        return false;
      }
      s[w + 1] = 0;
      return true;
    case ValType.I64: case ValType.F64:
      if (typeof v !== 'bigint' || v < I64_MIN || v >= U64_END) return false;
      s[w] = Number(BigInt.asIntN(32, v));
      s[w + 1] = Number(BigInt.asIntN(32, v >> 32n));
      return true;
    case ValType.FuncRef:
      if (v !== null && v !== undefined && !(v instanceof FuncInst)) return false;
      st.refs[w >> 1] = v ?? null;
      return true;
    case ValType.ExternRef:
      st.refs[w >> 1] = v;
      return true;
    default:
      return false; // v128 does not cross the host boundary
  }
}

/** What writeRawChecked accepts for type t, in words (for error messages). */
export function rawExpectation(t: ValType): string {
  switch (t) {
    case ValType.I32: return 'an integer number in [-2^31, 2^32) (or such a bigint)';
    case ValType.F32: return 'the f32 bit pattern: an integer number in [-2^31, 2^32) (see toRaw)';
    case ValType.I64: return 'a bigint in [-2^63, 2^64)';
    case ValType.F64: return 'the f64 bit pattern: a bigint in [-2^63, 2^64) (see toRaw)';
    case ValType.FuncRef: return 'a function (FuncInst) or null';
    case ValType.ExternRef: return 'any value';
    default: return 'nothing: the type cannot cross the host boundary';
  }
}

/** A JS value, briefly, for error messages. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string': return v.length > 40 ? `the string ${JSON.stringify(v.slice(0, 40))}…` : `the string ${JSON.stringify(v)}`;
    case 'bigint': return `the bigint ${v}n`;
    case 'number': return `the number ${Object.is(v, -0) ? '-0' : String(v)}`;
    case 'function': return 'a JS function';
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v)) return `an array of ${v.length}`;
      return Object.prototype.toString.call(v);
    default: return String(v); // undefined, booleans, symbols
  }
}

/**
 * The TypeError for r, the return value of `what` (a host function with n > 1 results), when it is not
 * an array of exactly n values. (One result: the return value itself; none: it is ignored.)
 */
export function resultCountError(r: unknown, n: number, what: string): TypeError {
  return Array.isArray(r)
    ? new TypeError(`${what} must return ${n} results, got an array of ${r.length}`)
    : new TypeError(`${what} must return an array of ${n} results, got ${describeValue(r)}`);
}

// Checks the raw arguments of a call from the host against the function's type before anything runs,
// so that a wrong argument is a TypeError naming it instead of a silently coerced value (a string read
// as 0, a float truncated into an i64, a missing argument read as zero).
import { ValType, valTypeName, type FuncType } from '../types.js';
import { FuncInst } from './func.js';

const U32_LIMIT = 2 ** 32;

/** What is wrong with `v` as a raw value of type t, or null when nothing is. */
function problem(t: ValType, v: unknown): string | null {
  switch (t) {
    case ValType.I32: case ValType.F32:
      // int32 (or uint32 bits); a bigint is taken modulo 2^32.
      if (typeof v === 'bigint') return null;
      return typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < U32_LIMIT ? null
        : `a 32-bit integer number${t === ValType.F32 ? ' (the f32 bit pattern; see toRaw)' : ''}`;
    case ValType.I64: case ValType.F64:
      if (typeof v === 'bigint') return null;
      return typeof v === 'number' && Number.isSafeInteger(v) ? null
        : `a bigint or a safe integer number${t === ValType.F64 ? ' (the f64 bit pattern; see toRaw)' : ''}`;
    case ValType.FuncRef:
      return v === null || v === undefined || v instanceof FuncInst ? null : 'a function (FuncInst) or null';
    default:
      return null; // externref: any JS value
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v === null || typeof v !== 'object') return String(v);
  return Object.prototype.toString.call(v);
}

/** Throws the TypeError for argument i (of type t) of `what` when v is not a raw value of type t. */
export function checkRawArg(t: ValType, v: unknown, i: number, what: string): void {
  const p = problem(t, v);
  if (p !== null) throw new TypeError(`${what}: argument ${i} (${valTypeName(t)}) must be ${p}, got ${describe(v)}`);
}

/**
 * The arguments of a call of a function of type `type` (named `what` in errors), checked: their count
 * and each one's raw type. An integer number where an i64 is expected becomes a bigint.
 */
export function rawArgs(type: FuncType, args: readonly unknown[], what: string): unknown[] {
  if (!Array.isArray(args)) throw new TypeError(`${what}: the arguments must be an array, got ${describe(args)}`);
  if (args.length !== type.params.length) {
    throw new TypeError(`${what}: expected ${type.params.length} arguments, got ${args.length}`);
  }
  const out = args.slice();
  for (let i = 0; i < out.length; i++) {
    const t = type.params[i];
    checkRawArg(t, out[i], i, what);
    if (t === ValType.I64 && typeof out[i] === 'number') out[i] = BigInt(out[i] as number);
  }
  return out;
}

// Command-line arguments of `wasmlet run --invoke` as raw wasm values. Strict: an argument that is not
// a number of the parameter's type, or an integer out of its range, is an error naming the argument,
// never a silent NaN, 0 or wrapped value.
import { toRaw, ValType, valTypeName } from '../interpreter/index.js';

const INT = /^[+-]?(?:0x[0-9a-f]+|[0-9]+)$/i;
const FLOAT_WORD = /^([+-]?)(inf|infinity|nan)$/i;

/** An integer argument of `bits` bits: signed or unsigned range, decimal or 0x hex. */
function parseIntArg(s: string, bits: 32 | 64, what: string): bigint {
  if (!INT.test(s)) throw new Error(`${what}: "${s}" is not an integer`);
  const neg = s.startsWith('-');
  const mag = BigInt(s.replace(/^[+-]/, ''));
  const v = neg ? -mag : mag;
  const lo = -(1n << BigInt(bits - 1)), hi = (1n << BigInt(bits)) - 1n;
  if (v < lo || v > hi) throw new Error(`${what}: ${s} is out of range for i${bits} (${lo} to ${hi})`);
  return v;
}

/** A float argument: a JS number literal, or inf / nan with an optional sign. */
function parseFloatArg(s: string, what: string): number {
  const w = FLOAT_WORD.exec(s);
  if (w) return w[2].toLowerCase() === 'nan' ? NaN : w[1] === '-' ? -Infinity : Infinity;
  const n = s.trim() === '' ? NaN : Number(s);
  if (Number.isNaN(n)) throw new Error(`${what}: "${s}" is not a number`);
  return n;
}

/** Argument `index` (0-based) given as text, as a raw value of type t. */
export function parseArg(t: ValType, s: string, index: number): unknown {
  const what = `argument ${index + 1} (${valTypeName(t)})`;
  switch (t) {
    case ValType.I32: return toRaw(t, Number(BigInt.asIntN(32, parseIntArg(s, 32, what))));
    case ValType.I64: return toRaw(t, BigInt.asIntN(64, parseIntArg(s, 64, what)));
    case ValType.F32: case ValType.F64: return toRaw(t, parseFloatArg(s, what));
    default: throw new Error(`${what}: cannot pass a ${valTypeName(t)} from the command line`);
  }
}

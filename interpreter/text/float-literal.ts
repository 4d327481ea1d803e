// Float literals of the text format (decimal, hex, inf, nan, nan:0x…) to exact f32/f64 bit patterns,
// rounded to nearest, ties to even. Fast paths use exact double arithmetic; anything that could
// double-round goes through an exact BigInt rational rounding.
import { RangeFail, scanDigits } from './literals.js';

interface Fmt { p: number; emin: number; emax: number; }
const F32: Fmt = { p: 24, emin: -126, emax: 127 };
const F64: Fmt = { p: 53, emin: -1022, emax: 1023 };

const f64buf = new Float64Array(1);
const u64view = new BigUint64Array(f64buf.buffer);
const f32buf = new Float32Array(1);
const u32view = new Uint32Array(f32buf.buffer);

function bitLength(x: bigint): number { return x.toString(2).length; }

/**
 * Rounds the positive rational num/den to the format; returns the (positive) bit pattern, or null on
 * overflow (the value rounds to infinity).
 */
function roundRational(num: bigint, den: bigint, f: Fmt): bigint | null {
  let e = bitLength(num) - bitLength(den);
  if (e >= 0 ? num < (den << BigInt(e)) : (num << BigInt(-e)) < den) e--;
  // 2^e <= num/den < 2^(e+1)
  let q = Math.max(e, f.emin) - (f.p - 1);
  let n = num, d = den;
  if (q >= 0) d <<= BigInt(q); else n <<= BigInt(-q);
  let m = n / d;
  const r2 = (n - m * d) * 2n;
  if (r2 > d || (r2 === d && (m & 1n) === 1n)) m++;
  const hidden = 1n << BigInt(f.p - 1);
  if (m === hidden << 1n) { m >>= 1n; q++; }
  if (m >= hidden) {
    const E = q + f.p - 1;
    if (E > f.emax) return null;
    return (BigInt(E + f.emax) << BigInt(f.p - 1)) | (m - hidden);
  }
  return m; // subnormal or zero
}

interface FloatScan {
  neg: boolean;
  kind: 'inf' | 'nan' | 'nanpayload' | 'dec' | 'hex';
  /** Mantissa digits (integer and fraction parts, no point), for dec/hex; payload digits for nan:0x. */
  digits: string;
  /** Power of ten (dec) or two (hex) to apply to the integer `digits`. */
  exp: number;
}

/** Scans a float literal; null when `t` is not one syntactically. */
function scanFloat(t: string): FloatScan | null {
  let i = 0;
  let neg = false;
  const c0 = t.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) { neg = c0 === 0x2d; i = 1; }
  const rest = i === 0 ? t : t.slice(i);
  if (rest === 'inf') return { neg, kind: 'inf', digits: '', exp: 0 };
  if (rest === 'nan') return { neg, kind: 'nan', digits: '', exp: 0 };
  if (rest.startsWith('nan:0x')) {
    const out = [''];
    if (scanDigits(rest, 6, true, out) !== rest.length) return null;
    return { neg, kind: 'nanpayload', digits: out[0], exp: 0 };
  }
  const hex = t.charCodeAt(i) === 0x30 && t.charCodeAt(i + 1) === 0x78;
  if (hex) i += 2;
  const out = [''];
  i = scanDigits(t, i, hex, out);
  if (i < 0) return null;
  let fracLen = 0;
  if (t.charCodeAt(i) === 0x2e /* . */) {
    i++;
    const before = out[0].length;
    if (i < t.length && t.charCodeAt(i) !== (hex ? 0x70 : 0x65) && t.charCodeAt(i) !== (hex ? 0x50 : 0x45)) {
      i = scanDigits(t, i, hex, out);
      if (i < 0) return null;
    }
    fracLen = out[0].length - before;
  }
  let exp = 0;
  if (i < t.length) {
    const c = t.charCodeAt(i);
    if (hex ? (c !== 0x70 && c !== 0x50) : (c !== 0x65 && c !== 0x45)) return null;
    i++;
    let eneg = false;
    const s = t.charCodeAt(i);
    if (s === 0x2b || s === 0x2d) { eneg = s === 0x2d; i++; }
    const eo = [''];
    i = scanDigits(t, i, false, eo);
    if (i !== t.length) return null;
    const ev = eo[0].length > 9 ? 1e9 : parseInt(eo[0], 10);
    exp = eneg ? -ev : ev;
  }
  exp -= hex ? 4 * fracLen : fracLen;
  return { neg, kind: hex ? 'hex' : 'dec', digits: out[0], exp };
}

/** Positive bit pattern of a finite dec/hex literal, or null on overflow. */
function finiteBits(s: FloatScan, f: Fmt): bigint | null {
  let digits = s.digits.replace(/^0+/, '');
  if (digits === '') return 0n;
  let exp = s.exp;
  const dec = s.kind === 'dec';
  // Fast paths: exact double arithmetic with one rounding.
  if (!dec && digits.length <= 13 && exp >= -1022 && exp <= 1000) {
    const v = parseInt(digits, 16) * Math.pow(2, exp); // exact
    return f === F64 ? bitsOf64(v) : bitsOf32Exact(v);
  }
  if (dec && digits.length <= 15 && exp >= -22 && exp <= 22) {
    const m = parseInt(digits, 10);
    const v = exp >= 0 ? m * 10 ** exp : m / 10 ** -exp; // correctly rounded to double
    if (f === F64) return bitsOf64(v);
    if (exp >= 0 && m * 10 ** exp <= 2 ** 53) return bitsOf32Exact(v);
    const r = bitsOf32Once(v);
    if (r !== undefined) return r;
  }
  // Exact path. Clamp absurd exponents first.
  if (dec) {
    const mag = exp + digits.length; // value < 10^mag
    if (mag < -400) return 0n;
    if (mag > 400) return null;
    const p10 = 10n ** BigInt(Math.abs(exp));
    return exp >= 0 ? roundRational(BigInt(digits) * p10, 1n, f) : roundRational(BigInt(digits), p10, f);
  }
  const mag2 = exp + 4 * digits.length; // value < 2^mag2
  if (mag2 < -1200) return 0n;
  if (mag2 > 1200) return null;
  const m = BigInt('0x' + digits);
  return exp >= 0 ? roundRational(m << BigInt(exp), 1n, f) : roundRational(m, 1n << BigInt(-exp), f);
}

function bitsOf64(v: number): bigint | null {
  if (v === Infinity) return null;
  f64buf[0] = v;
  return u64view[0];
}

/** f32 bits of a double that is exactly the literal's value (single rounding). */
function bitsOf32Exact(v: number): bigint | null {
  f32buf[0] = v;
  if (f32buf[0] === Infinity) return null;
  return BigInt(u32view[0]);
}

/**
 * f32 bits of a correctly rounded double `v` of the literal. Double rounding is exact unless `v` lies on
 * an f32 midpoint; then returns undefined (use the exact path).
 */
function bitsOf32Once(v: number): bigint | null | undefined {
  f32buf[0] = v;
  const a = f32buf[0];
  if (a === v) return BigInt(u32view[0]);
  const bitsA = u32view[0];
  // The f32 neighbour on the other side of v.
  u32view[0] = (a < v) ? bitsA + 1 : bitsA - 1;
  const b = f32buf[0];
  const mid = a === Infinity || b === Infinity ? 2 ** 128 - 2 ** 103 : (a + b) / 2; // exact in double
  if (mid === v) return undefined;
  if (a === Infinity) return null;
  return BigInt(bitsA);
}

/** f32 literal to its uint32 bit pattern; null when `t` is not a float literal; RangeFail when out of range. */
export function parseF32(t: string): number | null {
  const s = scanFloat(t);
  if (s === null) return null;
  const sign = s.neg ? 0x80000000 : 0;
  switch (s.kind) {
    case 'inf': return (sign | 0x7f800000) >>> 0;
    case 'nan': return (sign | 0x7fc00000) >>> 0;
    case 'nanpayload': {
      const p = s.digits.length > 8 ? Infinity : parseInt(s.digits, 16);
      if (p < 1 || p >= 0x800000) throw new RangeFail('constant out of range');
      return (sign | 0x7f800000 | p) >>> 0;
    }
  }
  const b = finiteBits(s, F32);
  if (b === null) throw new RangeFail('constant out of range');
  return (sign | Number(b)) >>> 0;
}

/** f64 literal to its uint64 bit pattern; null when `t` is not a float literal; RangeFail when out of range. */
export function parseF64(t: string): bigint | null {
  const s = scanFloat(t);
  if (s === null) return null;
  const sign = s.neg ? 1n << 63n : 0n;
  switch (s.kind) {
    case 'inf': return sign | 0x7ff0000000000000n;
    case 'nan': return sign | 0x7ff8000000000000n;
    case 'nanpayload': {
      const p = s.digits.length > 16 ? 1n << 60n : BigInt('0x' + s.digits);
      if (p < 1n || p >= 1n << 52n) throw new RangeFail('constant out of range');
      return sign | 0x7ff0000000000000n | p;
    }
  }
  const b = finiteBits(s, F64);
  if (b === null) throw new RangeFail('constant out of range');
  return sign | b;
}

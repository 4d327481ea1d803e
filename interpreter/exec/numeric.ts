// WebAssembly 2.0 numeric semantics as pure, allocation-free functions, shared by the executor and
// constant folding. An i64 lives as two int32 halves in an Int32Array `s`: lo at index i, hi at i+1.
// Binary i64 ops read operands at a and b and write the result at d (d may equal a or b).
// f32 values are JS numbers already rounded to f32; f32/f64 bit patterns are handled by the caller.
import { RuntimeError } from '../errors.js';

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

function divByZero(): never {
  throw new RuntimeError('integer divide by zero');
}
function overflow(): never {
  throw new RuntimeError('integer overflow');
}
function invalidConversion(): never {
  throw new RuntimeError('invalid conversion to integer');
}

// ---------------------------------------------------------------------------------------------
// i32

export function i32DivS(a: number, b: number): number {
  if (b === 0) divByZero();
  if (a === -0x80000000 && b === -1) overflow();
  return (a / b) | 0;
}
export function i32DivU(a: number, b: number): number {
  if (b === 0) divByZero();
  return ((a >>> 0) / (b >>> 0)) | 0;
}
export function i32RemS(a: number, b: number): number {
  if (b === 0) divByZero();
  return (a % b) | 0;
}
export function i32RemU(a: number, b: number): number {
  if (b === 0) divByZero();
  return ((a >>> 0) % (b >>> 0)) | 0;
}
export function i32Ctz(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}
export function i32Popcnt(x: number): number {
  x = (x - ((x >>> 1) & 0x55555555)) | 0;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
export function i32Rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}
export function i32Rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

// ---------------------------------------------------------------------------------------------
// i64: add, sub, bitwise, mul

export function i64Add(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], bl = s[b];
  const lo = (al + bl) | 0;
  s[d + 1] = (s[a + 1] + s[b + 1] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
  s[d] = lo;
}
export function i64Sub(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], bl = s[b];
  s[d + 1] = (s[a + 1] - s[b + 1] - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
  s[d] = (al - bl) | 0;
}
export function i64And(s: Int32Array, d: number, a: number, b: number): void {
  s[d] = s[a] & s[b];
  s[d + 1] = s[a + 1] & s[b + 1];
}
export function i64Or(s: Int32Array, d: number, a: number, b: number): void {
  s[d] = s[a] | s[b];
  s[d + 1] = s[a + 1] | s[b + 1];
}
export function i64Xor(s: Int32Array, d: number, a: number, b: number): void {
  s[d] = s[a] ^ s[b];
  s[d + 1] = s[a + 1] ^ s[b + 1];
}

/** High 32 bits of the unsigned 64-bit product of two 32-bit words, from 16-bit limbs (every
 *  partial product is below 2^32, exact in doubles). */
function mulHiU32(x: number, y: number): number {
  const x0 = x & 0xffff, x1 = x >>> 16, y0 = y & 0xffff, y1 = y >>> 16;
  const m1 = x1 * y0 + ((x0 * y0) >>> 16);
  const m2 = x0 * y1 + (m1 & 0xffff);
  return x1 * y1 + (m1 >>> 16) + (m2 >>> 16);
}

/** Low 64 bits of the product (no BigInt). */
export function i64Mul(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], ah = s[a + 1], bl = s[b], bh = s[b + 1];
  s[d] = Math.imul(al, bl);
  s[d + 1] = (mulHiU32(al, bl) + Math.imul(ah, bl) + Math.imul(al, bh)) | 0;
}

export function i64Neg(s: Int32Array, d: number, a: number): void {
  const lo = s[a];
  s[d + 1] = (~s[a + 1] + (lo === 0 ? 1 : 0)) | 0;
  s[d] = -lo | 0;
}

// ---------------------------------------------------------------------------------------------
// i64 division, without BigInt. Fast paths: both operands int32; both within ±2^53 (exact doubles:
// the truncated double quotient of integers of magnitude <= 2^53 is the exact integer quotient).
// Wide dividend: a divisor below 2^32 takes long division in 16-bit digits with exact double steps;
// a wider divisor gives a quotient below 2^32, estimated in doubles and corrected by one step.

/** Writes a non-negative integral double below 2^64 as a pair. */
function putU(s: Int32Array, d: number, q: number): void {
  s[d] = q | 0;
  s[d + 1] = (q / TWO32) | 0;
}
/** Writes an integral double of magnitude below 2^63 (any sign) as a pair. */
function putS(s: Int32Array, d: number, q: number): void {
  const lo = q | 0;
  s[d] = lo;
  s[d + 1] = ((q - (lo >>> 0)) / TWO32) | 0;
}

/** Unsigned a / b (or a % b when rem) for operand halves given as int32 bit patterns; b != 0. */
function divmodU(s: Int32Array, d: number, al: number, ah: number, bl: number, bh: number, rem: boolean): void {
  const alu = al >>> 0, ahu = ah >>> 0, blu = bl >>> 0, bhu = bh >>> 0;
  if (bhu === 0) {
    if (ahu < 0x200000) {
      // a < 2^53: one exact double step
      const av = ahu * TWO32 + alu;
      if (rem) {
        s[d] = av % blu | 0;
        s[d + 1] = 0;
      } else {
        putU(s, d, Math.trunc(av / blu));
      }
      return;
    }
    // long division of a by a 32-bit divisor: high word, then the low word in one or two digits
    const qh = (ahu / blu) >>> 0;
    let r = ahu - qh * blu;
    let ql: number;
    if (blu <= 0x200000) {
      const x = r * TWO32 + alu; // < 2^53
      ql = (x / blu) >>> 0;
      r = x - ql * blu;
    } else {
      let x = r * 65536 + (alu >>> 16); // < 2^48
      const q1 = (x / blu) >>> 0;
      r = x - q1 * blu;
      x = r * 65536 + (alu & 0xffff);
      const q0 = (x / blu) >>> 0;
      r = x - q0 * blu;
      ql = q1 * 65536 + q0;
    }
    if (rem) {
      s[d] = r | 0;
      s[d + 1] = 0;
    } else {
      s[d] = ql | 0;
      s[d + 1] = qh | 0;
    }
    return;
  }
  // b >= 2^32
  if (ahu < bhu || (ahu === bhu && alu < blu)) {
    // a < b
    if (rem) {
      s[d] = al;
      s[d + 1] = ah;
    } else {
      s[d] = 0;
      s[d + 1] = 0;
    }
    return;
  }
  if (bh < 0) {
    // b >= 2^63 and a >= b: quotient 1, remainder a - b
    if (rem) {
      s[d] = (al - bl) | 0;
      s[d + 1] = (ah - bh - (alu < blu ? 1 : 0)) | 0;
    } else {
      s[d] = 1;
      s[d + 1] = 0;
    }
    return;
  }
  if (ahu < 0x200000) {
    // b <= a < 2^53
    const av = ahu * TWO32 + alu, bv = bhu * TWO32 + blu;
    putU(s, d, rem ? av % bv : Math.trunc(av / bv));
    return;
  }
  // 2^32 <= b < 2^63, b <= a: the quotient is below 2^32. The double quotient of the rounded operands
  // is within 2^-19 of a/b, so its floor is q-1, q or q+1; the exact remainder a - qe*b (mod 2^64)
  // tells which: it lies in (-2^44, 0) when qe = q+1 and in [b, b + 2^44) when qe = q-1.
  let q = Math.floor((ahu * TWO32 + alu) / (bhu * TWO32 + blu)); // <= 2^32
  const ql = q | 0, qh = q > 0xffffffff ? 1 : 0;
  const pl = Math.imul(ql, bl);
  const ph = (mulHiU32(ql, bl) + Math.imul(ql, bh) + Math.imul(qh, bl)) | 0;
  let rl = (al - pl) | 0;
  let rh = (ah - ph - (alu < pl >>> 0 ? 1 : 0)) | 0;
  if (rh < 0 && rh >= -0x1000) {
    // remainder negative: q one too large; r += b
    q -= 1;
    const l = (rl + bl) | 0;
    rh = (rh + bh + ((l >>> 0) < (rl >>> 0) ? 1 : 0)) | 0;
    rl = l;
  } else if (rh >>> 0 > bhu || (rh === bh && rl >>> 0 >= blu)) {
    // remainder >= b: q one too small; r -= b
    q += 1;
    rh = (rh - bh - ((rl >>> 0) < blu ? 1 : 0)) | 0;
    rl = (rl - bl) | 0;
  }
  if (rem) {
    s[d] = rl;
    s[d + 1] = rh;
  } else {
    s[d] = q | 0;
    s[d + 1] = 0;
  }
}

/** Signed division/remainder through magnitudes; negates the result in place when needed. */
function divmodSWide(s: Int32Array, d: number, al: number, ah: number, bl: number, bh: number, rem: boolean): void {
  const negA = ah < 0, negB = bh < 0;
  let ml = al, mh = ah;
  if (negA) {
    mh = (~ah + (al === 0 ? 1 : 0)) | 0;
    ml = -al | 0;
  }
  let nl = bl, nh = bh;
  if (negB) {
    nh = (~bh + (bl === 0 ? 1 : 0)) | 0;
    nl = -bl | 0;
  }
  divmodU(s, d, ml, mh, nl, nh, rem);
  if (rem ? negA : negA !== negB) {
    const lo = s[d];
    s[d + 1] = (~s[d + 1] + (lo === 0 ? 1 : 0)) | 0;
    s[d] = -lo | 0;
  }
}

export function i64DivS(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], ah = s[a + 1], bl = s[b], bh = s[b + 1];
  if ((bl | bh) === 0) divByZero();
  if (ah === al >> 31 && bh === bl >> 31) {
    if (al === -0x80000000 && bl === -1) {
      s[d] = -0x80000000;
      s[d + 1] = 0;
    } else {
      const q = (al / bl) | 0;
      s[d] = q;
      s[d + 1] = q >> 31;
    }
    return;
  }
  if (((ah + 0x200000) >>> 0) < 0x400000 && ((bh + 0x200000) >>> 0) < 0x400000) {
    putS(s, d, Math.trunc((ah * TWO32 + (al >>> 0)) / (bh * TWO32 + (bl >>> 0))));
    return;
  }
  if (ah === -0x80000000 && al === 0 && (bl & bh) === -1) overflow();
  divmodSWide(s, d, al, ah, bl, bh, false);
}

export function i64RemS(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], ah = s[a + 1], bl = s[b], bh = s[b + 1];
  if ((bl | bh) === 0) divByZero();
  if (ah === al >> 31 && bh === bl >> 31) {
    const r = (al % bl) | 0;
    s[d] = r;
    s[d + 1] = r >> 31;
    return;
  }
  if (((ah + 0x200000) >>> 0) < 0x400000 && ((bh + 0x200000) >>> 0) < 0x400000) {
    putS(s, d, (ah * TWO32 + (al >>> 0)) % (bh * TWO32 + (bl >>> 0)));
    return;
  }
  divmodSWide(s, d, al, ah, bl, bh, true);
}

export function i64DivU(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], ah = s[a + 1], bl = s[b], bh = s[b + 1];
  if (bh === 0) {
    if (bl === 0) divByZero();
    if (ah === 0) {
      s[d] = ((al >>> 0) / (bl >>> 0)) | 0;
      s[d + 1] = 0;
      return;
    }
  }
  divmodU(s, d, al, ah, bl, bh, false);
}

export function i64RemU(s: Int32Array, d: number, a: number, b: number): void {
  const al = s[a], ah = s[a + 1], bl = s[b], bh = s[b + 1];
  if (bh === 0) {
    if (bl === 0) divByZero();
    if (ah === 0) {
      s[d] = ((al >>> 0) % (bl >>> 0)) | 0;
      s[d + 1] = 0;
      return;
    }
  }
  divmodU(s, d, al, ah, bl, bh, true);
}

// ---------------------------------------------------------------------------------------------
// i64 shifts and rotates (count = s[b] & 63)

export function i64Shl(s: Int32Array, d: number, a: number, b: number): void {
  const n = s[b] & 63, lo = s[a], hi = s[a + 1];
  if (n === 0) {
    s[d] = lo;
    s[d + 1] = hi;
  } else if (n < 32) {
    s[d + 1] = (hi << n) | (lo >>> (32 - n));
    s[d] = lo << n;
  } else {
    s[d + 1] = lo << (n - 32);
    s[d] = 0;
  }
}
export function i64ShrS(s: Int32Array, d: number, a: number, b: number): void {
  const n = s[b] & 63, lo = s[a], hi = s[a + 1];
  if (n === 0) {
    s[d] = lo;
    s[d + 1] = hi;
  } else if (n < 32) {
    s[d] = (lo >>> n) | (hi << (32 - n));
    s[d + 1] = hi >> n;
  } else {
    s[d] = hi >> (n - 32);
    s[d + 1] = hi >> 31;
  }
}
export function i64ShrU(s: Int32Array, d: number, a: number, b: number): void {
  const n = s[b] & 63, lo = s[a], hi = s[a + 1];
  if (n === 0) {
    s[d] = lo;
    s[d + 1] = hi;
  } else if (n < 32) {
    s[d] = (lo >>> n) | (hi << (32 - n));
    s[d + 1] = hi >>> n;
  } else {
    s[d] = hi >>> (n - 32);
    s[d + 1] = 0;
  }
}
function rotl(s: Int32Array, d: number, a: number, n: number): void {
  let lo = s[a], hi = s[a + 1];
  if (n >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    n -= 32;
  }
  if (n === 0) {
    s[d] = lo;
    s[d + 1] = hi;
  } else {
    s[d] = (lo << n) | (hi >>> (32 - n));
    s[d + 1] = (hi << n) | (lo >>> (32 - n));
  }
}
export function i64Rotl(s: Int32Array, d: number, a: number, b: number): void {
  rotl(s, d, a, s[b] & 63);
}
export function i64Rotr(s: Int32Array, d: number, a: number, b: number): void {
  rotl(s, d, a, (64 - (s[b] & 63)) & 63);
}

// ---------------------------------------------------------------------------------------------
// i64 unary

export function i64Clz(s: Int32Array, d: number, a: number): void {
  const hi = s[a + 1];
  s[d] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(s[a]);
  s[d + 1] = 0;
}
export function i64Ctz(s: Int32Array, d: number, a: number): void {
  const lo = s[a];
  s[d] = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 32 + i32Ctz(s[a + 1]);
  s[d + 1] = 0;
}
export function i64Popcnt(s: Int32Array, d: number, a: number): void {
  s[d] = i32Popcnt(s[a]) + i32Popcnt(s[a + 1]);
  s[d + 1] = 0;
}
export function i64Extend8S(s: Int32Array, d: number, a: number): void {
  const lo = (s[a] << 24) >> 24;
  s[d] = lo;
  s[d + 1] = lo >> 31;
}
export function i64Extend16S(s: Int32Array, d: number, a: number): void {
  const lo = (s[a] << 16) >> 16;
  s[d] = lo;
  s[d + 1] = lo >> 31;
}
export function i64Extend32S(s: Int32Array, d: number, a: number): void {
  const lo = s[a];
  s[d] = lo;
  s[d + 1] = lo >> 31;
}

// ---------------------------------------------------------------------------------------------
// i64 comparisons

export function i64Eqz(s: Int32Array, a: number): boolean {
  return (s[a] | s[a + 1]) === 0;
}
export function i64Eq(s: Int32Array, a: number, b: number): boolean {
  return s[a] === s[b] && s[a + 1] === s[b + 1];
}
export function i64Ne(s: Int32Array, a: number, b: number): boolean {
  return s[a] !== s[b] || s[a + 1] !== s[b + 1];
}
export function i64LtS(s: Int32Array, a: number, b: number): boolean {
  const ah = s[a + 1], bh = s[b + 1];
  return ah < bh || (ah === bh && s[a] >>> 0 < s[b] >>> 0);
}
export function i64LtU(s: Int32Array, a: number, b: number): boolean {
  const ah = s[a + 1], bh = s[b + 1];
  return ah >>> 0 < bh >>> 0 || (ah === bh && s[a] >>> 0 < s[b] >>> 0);
}
export function i64GtS(s: Int32Array, a: number, b: number): boolean {
  const ah = s[a + 1], bh = s[b + 1];
  return ah > bh || (ah === bh && s[a] >>> 0 > s[b] >>> 0);
}
export function i64GtU(s: Int32Array, a: number, b: number): boolean {
  const ah = s[a + 1], bh = s[b + 1];
  return ah >>> 0 > bh >>> 0 || (ah === bh && s[a] >>> 0 > s[b] >>> 0);
}
export function i64LeS(s: Int32Array, a: number, b: number): boolean {
  return !i64GtS(s, a, b);
}
export function i64LeU(s: Int32Array, a: number, b: number): boolean {
  return !i64GtU(s, a, b);
}
export function i64GeS(s: Int32Array, a: number, b: number): boolean {
  return !i64LtS(s, a, b);
}
export function i64GeU(s: Int32Array, a: number, b: number): boolean {
  return !i64LtU(s, a, b);
}

// ---------------------------------------------------------------------------------------------
// Floats (values as JS numbers). NaN results are the canonical NaN.

/** min: NaN if either operand is NaN; -0 < +0. */
export function fMin(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.min(a, b);
}
/** max: NaN if either operand is NaN; -0 < +0. */
export function fMax(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.max(a, b);
}
/** Round to nearest integer, ties to even, keeping the sign of zero (-0.4 → -0). Exact for f32
 *  inputs too (the result of an f32 input is representable in f32). */
export function fNearest(x: number): number {
  if (!(Math.abs(x) < 4503599627370496)) return x !== x ? NaN : x; // NaN, ±inf, already integral
  const r = Math.round(x); // ties toward +inf; -0.5 < x < 0 → -0
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** ceil/floor/trunc: V8's Math.ceil/floor/trunc return a signalling NaN unchanged (measured), but
 *  the spec wants an arithmetic NaN, so NaN becomes the canonical NaN. Sign of zero is kept. */
export function fCeil(x: number): number {
  return x !== x ? NaN : Math.ceil(x);
}
export function fFloor(x: number): number {
  return x !== x ? NaN : Math.floor(x);
}
export function fTrunc(x: number): number {
  return x !== x ? NaN : Math.trunc(x);
}

/** f32.copysign on int32 bit patterns (result is an int32 bit pattern). */
export function f32CopysignBits(a: number, b: number): number {
  return (a & 0x7fffffff) | (b & 0x80000000);
}
export function f32AbsBits(a: number): number {
  return a & 0x7fffffff;
}
export function f32NegBits(a: number): number {
  return a ^ 0x80000000;
}
/** f64.copysign on pairs of int32 halves. */
export function f64CopysignBits(s: Int32Array, d: number, a: number, b: number): void {
  const sign = s[b + 1] & 0x80000000;
  s[d] = s[a];
  s[d + 1] = (s[a + 1] & 0x7fffffff) | sign;
}
export function f64AbsBits(s: Int32Array, d: number, a: number): void {
  s[d] = s[a];
  s[d + 1] = s[a + 1] & 0x7fffffff;
}
export function f64NegBits(s: Int32Array, d: number, a: number): void {
  s[d] = s[a];
  s[d + 1] = s[a + 1] ^ 0x80000000;
}

// Bit-pattern views (scratch buffers, no allocation per call). Converting an f32 signalling NaN to
// a JS number may set its quiet bit: the executor keeps f32 values as bits where payloads matter.
const scratchF32 = new Float32Array(1);
const scratchI32a = new Int32Array(scratchF32.buffer);
const scratchF64 = new Float64Array(1);
const scratchI32b = new Int32Array(scratchF64.buffer);

export function f32FromBits(bits: number): number {
  scratchI32a[0] = bits;
  return scratchF32[0];
}
/** The f32 bit pattern of x (rounded to f32 first), as an int32. */
export function f32ToBits(x: number): number {
  scratchF32[0] = x;
  return scratchI32a[0];
}
export function f64FromBits(s: Int32Array, a: number): number {
  scratchI32b[0] = s[a];
  scratchI32b[1] = s[a + 1];
  return scratchF64[0];
}
export function f64ToBits(s: Int32Array, d: number, x: number): void {
  scratchF64[0] = x;
  s[d] = scratchI32b[0];
  s[d + 1] = scratchI32b[1];
}

// ---------------------------------------------------------------------------------------------
// Float → integer. Same numeric bounds for f32 and f64 inputs (the values are numbers):
// signed 32: -2^31 - 1 < x < 2^31; unsigned 32: -1 < x < 2^32; signed 64: -2^63 <= x < 2^63
// (no double lies strictly between -2^63 - 1 and -2^63); unsigned 64: -1 < x < 2^64.

export function i32TruncF64S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  return x !== x ? invalidConversion() : overflow();
}
export function i32TruncF64U(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  return x !== x ? invalidConversion() : overflow();
}
export const i32TruncF32S: (x: number) => number = i32TruncF64S;
export const i32TruncF32U: (x: number) => number = i32TruncF64U;

export function i64TruncF64S(s: Int32Array, d: number, x: number): void {
  if (x >= -TWO63 && x < TWO63) putS(s, d, Math.trunc(x));
  else if (x !== x) invalidConversion();
  else overflow();
}
export function i64TruncF64U(s: Int32Array, d: number, x: number): void {
  if (x > -1 && x < TWO64) putU(s, d, Math.trunc(x));
  else if (x !== x) invalidConversion();
  else overflow();
}
export const i64TruncF32S: (s: Int32Array, d: number, x: number) => void = i64TruncF64S;
export const i64TruncF32U: (s: Int32Array, d: number, x: number) => void = i64TruncF64U;

export function i32TruncSatF64S(x: number): number {
  if (x > -2147483649) return x < 2147483648 ? x | 0 : 0x7fffffff;
  return x !== x ? 0 : -0x80000000;
}
export function i32TruncSatF64U(x: number): number {
  if (x > -1) return x < 4294967296 ? x | 0 : -1;
  return 0; // NaN or <= -1
}
export const i32TruncSatF32S: (x: number) => number = i32TruncSatF64S;
export const i32TruncSatF32U: (x: number) => number = i32TruncSatF64U;

export function i64TruncSatF64S(s: Int32Array, d: number, x: number): void {
  if (x >= -TWO63) {
    if (x < TWO63) {
      putS(s, d, Math.trunc(x));
    } else {
      s[d] = -1;
      s[d + 1] = 0x7fffffff;
    }
  } else {
    s[d] = 0;
    s[d + 1] = x !== x ? 0 : -0x80000000;
  }
}
export function i64TruncSatF64U(s: Int32Array, d: number, x: number): void {
  if (x > -1) {
    if (x < TWO64) {
      putU(s, d, Math.trunc(x));
    } else {
      s[d] = -1;
      s[d + 1] = -1;
    }
  } else {
    s[d] = 0;
    s[d + 1] = 0;
  }
}
export const i64TruncSatF32S: (s: Int32Array, d: number, x: number) => void = i64TruncSatF64S;
export const i64TruncSatF32U: (s: Int32Array, d: number, x: number) => void = i64TruncSatF64U;

// ---------------------------------------------------------------------------------------------
// Integer → float, correctly rounded (ties to even) from the exact integer value.

export function f32ConvertI32S(x: number): number {
  return Math.fround(x);
}
export function f32ConvertI32U(x: number): number {
  return Math.fround(x >>> 0);
}
export function f64ConvertI32S(x: number): number {
  return x;
}
export function f64ConvertI32U(x: number): number {
  return x >>> 0;
}
/** hi * 2^32 + lo is exact in each term, so the sum is rounded once. */
export function f64ConvertI64S(s: Int32Array, a: number): number {
  return s[a + 1] * TWO32 + (s[a] >>> 0);
}
export function f64ConvertI64U(s: Int32Array, a: number): number {
  return (s[a + 1] >>> 0) * TWO32 + (s[a] >>> 0);
}
/** For |v| >= 2^53 the low 11 bits collapse into a sticky bit 11: the value stays in the same open
 *  interval between multiples of 2^12 (all f32 rounding boundaries there are multiples of 2^28),
 *  and becomes exact in a double, so Math.fround rounds once. */
export function f32ConvertI64S(s: Int32Array, a: number): number {
  const hi = s[a + 1];
  let lo = s[a];
  if (((hi + 0x200000) >>> 0) >= 0x400000) lo = (lo & ~0x7ff) | (((lo & 0x7ff) + 0x7ff) & 0x800);
  return Math.fround(hi * TWO32 + (lo >>> 0));
}
export function f32ConvertI64U(s: Int32Array, a: number): number {
  const hi = s[a + 1] >>> 0;
  let lo = s[a];
  if (hi >= 0x200000) lo = (lo & ~0x7ff) | (((lo & 0x7ff) + 0x7ff) & 0x800);
  return Math.fround(hi * TWO32 + (lo >>> 0));
}
export function f32DemoteF64(x: number): number {
  return Math.fround(x);
}

// ---------------------------------------------------------------------------------------------
// Boundary helpers (API layer, constant folding; not hot)

/** The signed value of the pair at a. */
export function i64ToBigInt(s: Int32Array, a: number): bigint {
  return (BigInt(s[a + 1]) << 32n) | BigInt(s[a] >>> 0);
}
/** The unsigned value of the pair at a. */
export function i64ToBigIntU(s: Int32Array, a: number): bigint {
  return (BigInt(s[a + 1] >>> 0) << 32n) | BigInt(s[a] >>> 0);
}
/** Writes v modulo 2^64 (any bigint; wraps like i64.wrap). */
export function bigIntToI64(s: Int32Array, d: number, v: bigint): void {
  s[d] = Number(v & 0xffffffffn) | 0;
  s[d + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
}
/** Writes an integral number modulo 2^64 (truncates fractions; NaN/±inf give 0). */
export function i64FromNumber(s: Int32Array, d: number, x: number): void {
  if (!Number.isFinite(x)) {
    s[d] = 0;
    s[d + 1] = 0;
    return;
  }
  const t = Math.trunc(x);
  const lo = t | 0;
  s[d] = lo;
  s[d + 1] = ((t - (lo >>> 0)) / TWO32) | 0;
}
/** The signed value of the pair as a number (rounded to nearest when beyond 2^53). */
export function i64ToNumber(s: Int32Array, a: number): number {
  return s[a + 1] * TWO32 + (s[a] >>> 0);
}
/** The unsigned value of the pair as a number (rounded to nearest when beyond 2^53). */
export function i64ToNumberU(s: Int32Array, a: number): number {
  return (s[a + 1] >>> 0) * TWO32 + (s[a] >>> 0);
}
/** i64.extend_i32_s / i64.extend_i32_u. */
export function i64FromI32(s: Int32Array, d: number, x: number): void {
  s[d] = x;
  s[d + 1] = x >> 31;
}
export function i64FromU32(s: Int32Array, d: number, x: number): void {
  s[d] = x;
  s[d + 1] = 0;
}

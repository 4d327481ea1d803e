// i64 operators whose right operand is an inline constant (lo, hi halves, or a shift count 0..63):
// the executor's forms of i64.mul/shl/shr_s/shr_u with a constant, so the constant is not stored
// into a slot on every execution. The result pair goes to s[d], s[d+1]; d may equal a.

/** Low 64 bits of (s[a], s[a+1]) * (bl, bh). The high word of the unsigned product of the low words
 *  is built from 16-bit limbs (every partial product stays below 2^32, exact in doubles). */
export function i64MulImm(s: Int32Array, d: number, a: number, bl: number, bh: number): void {
  const al = s[a], ah = s[a + 1];
  const a0 = al & 0xffff, a1 = al >>> 16, b0 = bl & 0xffff, b1 = bl >>> 16;
  const m1 = a1 * b0 + ((a0 * b0) >>> 16);
  const m2 = a0 * b1 + (m1 & 0xffff);
  const hi = a1 * b1 + (m1 >>> 16) + (m2 >>> 16);
  s[d] = Math.imul(al, bl);
  s[d + 1] = (hi + Math.imul(ah, bl) + Math.imul(al, bh)) | 0;
}

export function i64ShlImm(s: Int32Array, d: number, a: number, n: number): void {
  const lo = s[a], hi = s[a + 1];
  if (n === 0) { s[d] = lo; s[d + 1] = hi; }
  else if (n < 32) { s[d + 1] = (hi << n) | (lo >>> (32 - n)); s[d] = lo << n; }
  else { s[d + 1] = lo << (n - 32); s[d] = 0; }
}

export function i64ShrSImm(s: Int32Array, d: number, a: number, n: number): void {
  const lo = s[a], hi = s[a + 1];
  if (n === 0) { s[d] = lo; s[d + 1] = hi; }
  else if (n < 32) { s[d] = (lo >>> n) | (hi << (32 - n)); s[d + 1] = hi >> n; }
  else { s[d] = hi >> (n - 32); s[d + 1] = hi >> 31; }
}

export function i64ShrUImm(s: Int32Array, d: number, a: number, n: number): void {
  const lo = s[a], hi = s[a + 1];
  if (n === 0) { s[d] = lo; s[d + 1] = hi; }
  else if (n < 32) { s[d] = (lo >>> n) | (hi << (32 - n)); s[d + 1] = hi >>> n; }
  else { s[d] = hi >>> (n - 32); s[d + 1] = 0; }
}

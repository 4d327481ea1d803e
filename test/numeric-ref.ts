// Reference helpers for test/numeric.test.ts: WAST numeric literals to exact bit patterns (an exact
// rational → float rounding, independent of the engine), and BigInt reference results.

/** Correctly rounded (ties to even) float bits of (neg ? -1 : 1) * N / D for N >= 0, D > 0. */
export function roundToFloatBits(N: bigint, D: bigint, neg: boolean, bits: 32 | 64): bigint {
  const p = bits === 32 ? 24 : 53;
  const bias = bits === 32 ? 127 : 1023;
  const emin = 1 - bias;
  const sign = neg ? 1n << BigInt(bits - 1) : 0n;
  const infBits = ((1n << BigInt(bits === 32 ? 8 : 11)) - 1n) << BigInt(p - 1);
  if (N === 0n) return sign;
  const bl = (x: bigint) => x.toString(2).length;
  let s = p - 1 - (bl(N) - bl(D));
  const scaled = (sh: number) => (sh >= 0 ? (N << BigInt(sh)) / D : N / (D << BigInt(-sh)));
  let q = scaled(s);
  while (q >= 1n << BigInt(p)) q = scaled(--s);
  while (q < 1n << BigInt(p - 1)) q = scaled(++s);
  let E = p - 1 - s; // unbiased exponent of the leading bit
  if (E < emin) {
    s = p - 1 - emin;
    q = scaled(s);
    E = emin;
  }
  // remainder test: exact value is (N * 2^s) / D
  const num = s >= 0 ? N << BigInt(s) : N;
  const den = s >= 0 ? D : D << BigInt(-s);
  const rem2 = 2n * (num - q * den);
  if (rem2 > den || (rem2 === den && (q & 1n) === 1n)) q += 1n;
  // normal: (E + bias - 1) * 2^(p-1) + q ; subnormal (q < 2^(p-1)): q
  let out = q < 1n << BigInt(p - 1) ? q : BigInt(E + bias - 1) * (1n << BigInt(p - 1)) + q;
  if (out >= infBits) out = infBits;
  return sign | out;
}

/** Integer literal (decimal or hex, optional sign and underscores) → BigInt wrapped to `bits`. */
export function parseIntLit(t: string, bits: 32 | 64): bigint {
  t = t.replace(/_/g, '');
  let neg = false;
  if (t[0] === '-' || t[0] === '+') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let v = BigInt(t);
  if (neg) v = -v;
  return BigInt.asIntN(bits, v);
}

export const CANONICAL = 'nan:canonical';
export const ARITHMETIC = 'nan:arithmetic';

/** Float literal → bit pattern (as bigint), or the marker strings for result patterns. */
export function parseFloatLit(t: string, bits: 32 | 64): bigint | string {
  t = t.replace(/_/g, '');
  if (t === CANONICAL || t === ARITHMETIC) return t;
  let neg = false;
  if (t[0] === '-' || t[0] === '+') {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  const sign = neg ? 1n << BigInt(bits - 1) : 0n;
  const p = bits === 32 ? 24 : 53;
  const expAll = (1n << BigInt(bits === 32 ? 8 : 11)) - 1n;
  if (t === 'inf') return sign | (expAll << BigInt(p - 1));
  if (t.startsWith('nan')) {
    const payload = t.length > 3 ? BigInt(t.slice(4)) : 1n << BigInt(p - 2);
    return sign | (expAll << BigInt(p - 1)) | payload;
  }
  let N: bigint, D = 1n;
  if (t.startsWith('0x')) {
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i.exec(t);
    if (!m) throw new Error('bad hex float ' + t);
    const frac = m[2] ?? '';
    N = BigInt('0x' + ((m[1] || '') + frac || '0'));
    let e = Number(m[3] ?? '0') - 4 * frac.length;
    if (e >= 0) N <<= BigInt(e);
    else D <<= BigInt(-e);
  } else {
    const m = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(t);
    if (!m) throw new Error('bad float ' + t);
    const frac = m[2] ?? '';
    N = BigInt((m[1] || '') + frac || '0');
    const e = Number(m[3] ?? '0') - frac.length;
    if (e >= 0) N *= 10n ** BigInt(e);
    else D = 10n ** BigInt(-e);
  }
  return roundToFloatBits(N, D, neg, bits);
}

// --- BigInt references (signed 64-bit inputs, results wrapped to signed 64) -------------------
const U = (x: bigint) => BigInt.asUintN(64, x);
const S = (x: bigint) => BigInt.asIntN(64, x);

export function refClz(x: bigint): bigint {
  const u = U(x);
  return u === 0n ? 64n : BigInt(64 - u.toString(2).length);
}
export function refCtz(x: bigint): bigint {
  let u = U(x);
  if (u === 0n) return 64n;
  let n = 0n;
  while ((u & 1n) === 0n) {
    u >>= 1n;
    n++;
  }
  return n;
}
export function refPopcnt(x: bigint): bigint {
  return BigInt([...U(x).toString(2)].filter((c) => c === '1').length);
}
export function refRotl(x: bigint, n: bigint): bigint {
  const k = n & 63n;
  const u = U(x);
  return S((u << k) | (u >> ((64n - k) & 63n)));
}
export function refRotr(x: bigint, n: bigint): bigint {
  return refRotl(x, (64n - (n & 63n)) & 63n);
}
export { U as asU64, S as asS64 };

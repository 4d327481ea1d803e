// Tests for interpreter/exec/numeric.ts: i64 pair arithmetic against BigInt references (edge values
// and random pairs), i32 division/bit ops, float↔int conversions at their exact boundaries, correctly
// rounded i64→float, nearest/min/max, and every numeric assertion of the spec's i32/i64/f32/f64/
// conversions .wast files evaluated directly on these functions.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import * as N from '../interpreter/exec/numeric.js';
import { RuntimeError } from '../interpreter/errors.js';
import {
  ARITHMETIC, CANONICAL, asS64, asU64, parseFloatLit, parseIntLit, refClz, refCtz, refPopcnt, refRotl,
  refRotr, roundToFloatBits,
} from './numeric-ref.js';

// --- pairs --------------------------------------------------------------------------------------
const s = new Int32Array(16);
function put(i: number, v: bigint): void {
  s[i] = Number(BigInt.asIntN(32, v));
  s[i + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
function get(i: number): bigint {
  return (BigInt(s[i + 1]) << 32n) | BigInt(s[i] >>> 0);
}
function hex(v: bigint): string {
  return '0x' + asU64(v).toString(16);
}
function reasonOf(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof RuntimeError) return e.reason;
    throw e;
  }
}

// --- values -------------------------------------------------------------------------------------
let seed = 0x9e3779b9;
function rnd32(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return seed | 0;
}
function rnd64(): bigint {
  const kind = rnd32() & 7;
  const full = (BigInt(rnd32()) << 32n) | BigInt(rnd32() >>> 0);
  if (kind < 3) return asS64(full);
  // random bit length with random sign: exercises the int32 / 53-bit / 64÷32 / wide paths
  const bits = BigInt((rnd32() >>> 0) % 65);
  let v = asU64(full) & ((1n << bits) - 1n);
  if (kind === 7) v = (1n << bits) + BigInt(rnd32() % 3); // near a power of two
  return asS64(rnd32() & 1 ? -v : v);
}
const I64_MIN = -(1n << 63n), I64_MAX = (1n << 63n) - 1n;
const EDGES: bigint[] = [];
{
  const base = [0n, 1n, 2n, 3n, 7n, 10n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x10000n,
    0x7fffffffn, 0x80000000n, 0x80000001n, 0xffffffffn, 1n << 32n, (1n << 32n) + 1n, (1n << 33n) - 1n,
    (1n << 52n) - 1n, 1n << 52n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, 1n << 54n, 1n << 62n,
    I64_MAX, I64_MIN, 1000000000n, 0x123456789abcdefn, 0x0123456789abcdefn * 16n];
  for (const v of base) EDGES.push(asS64(v), asS64(-v));
  for (let k = 0n; k < 64n; k += 5n) EDGES.push(asS64(1n << k), asS64((1n << k) - 1n));
  for (let k = 20n; k <= 23n; k++) EDGES.push((1n << (32n + k)) - 1n, 1n << (32n + k), -(1n << (32n + k)), -(1n << (32n + k)) - 1n);
}
const PAIRS: [bigint, bigint][] = [];
for (const a of EDGES) for (const b of EDGES) PAIRS.push([a, b]);
for (let i = 0; i < 6000; i++) PAIRS.push([rnd64(), rnd64()]);

// --- i64 binary ops -----------------------------------------------------------------------------
type Bin = (s: Int32Array, d: number, a: number, b: number) => void;
const U = asU64, S = asS64;
const truncDiv = (a: bigint, b: bigint) => a / b; // BigInt division truncates like wasm
const binOps: [string, Bin, (a: bigint, b: bigint) => bigint | string][] = [
  ['add', N.i64Add, (a, b) => S(a + b)],
  ['sub', N.i64Sub, (a, b) => S(a - b)],
  ['mul', N.i64Mul, (a, b) => S(a * b)],
  ['and', N.i64And, (a, b) => a & b],
  ['or', N.i64Or, (a, b) => a | b],
  ['xor', N.i64Xor, (a, b) => a ^ b],
  ['div_s', N.i64DivS, (a, b) => (b === 0n ? 'integer divide by zero' : a === I64_MIN && b === -1n ? 'integer overflow' : S(truncDiv(a, b)))],
  ['div_u', N.i64DivU, (a, b) => (b === 0n ? 'integer divide by zero' : S(U(a) / U(b)))],
  ['rem_s', N.i64RemS, (a, b) => (b === 0n ? 'integer divide by zero' : S(a % b))],
  ['rem_u', N.i64RemU, (a, b) => (b === 0n ? 'integer divide by zero' : S(U(a) % U(b)))],
  ['shl', N.i64Shl, (a, b) => S(a << (b & 63n))],
  ['shr_s', N.i64ShrS, (a, b) => a >> (b & 63n)],
  ['shr_u', N.i64ShrU, (a, b) => S(U(a) >> (b & 63n))],
  ['rotl', N.i64Rotl, refRotl],
  ['rotr', N.i64Rotr, refRotr],
];

function checkBin(name: string, f: Bin, ref: (a: bigint, b: bigint) => bigint | string, a: bigint, b: bigint): void {
  const want = ref(a, b);
  // separate slots, then d === a, then d === b
  for (const [d, ia, ib] of [[8, 0, 2], [0, 0, 2], [2, 0, 2]]) {
    put(ia, a);
    put(ib, b);
    const got = reasonOf(() => f(s, d, ia, ib));
    if (typeof want === 'string') {
      assert.is(got, want, `${name}(${hex(a)}, ${hex(b)}) should trap`);
    } else {
      assert.is(got, null, `${name}(${hex(a)}, ${hex(b)}) trapped`);
      const r = get(d);
      if (r !== want) assert.unreachable(`${name}(${hex(a)}, ${hex(b)}) = ${hex(r)}, want ${hex(want)} (d=${d})`);
    }
  }
}

for (const [name, f, ref] of binOps) {
  test(`i64.${name}: edge values and random pairs`, () => {
    for (const [a, b] of PAIRS) checkBin(name, f, ref, a, b);
  });
}

test('i64 division: crafted a = q*b + r around every correction case', () => {
  const ops = binOps.filter(([n]) => n.startsWith('div') || n.startsWith('rem'));
  const rndU = (bits: number) => asU64((BigInt(rnd32()) << 32n) | BigInt(rnd32() >>> 0)) & ((1n << BigInt(bits)) - 1n);
  for (let i = 0; i < 4000; i++) {
    const bBits = 1 + ((rnd32() >>> 0) % 64);
    let b = rndU(bBits) | (1n << BigInt(bBits - 1));
    if (i % 7 === 0) b = (1n << BigInt(bBits)) - 1n - BigInt(rnd32() & 3);
    if (b >= 1n << 64n || b <= 0n) continue;
    const qMax = ((1n << 64n) - 1n) / b;
    const q = [qMax, qMax - 1n, 1n, 2n, rndU(64) % (qMax + 1n)][i % 5];
    if (q < 0n) continue;
    for (const r of [0n, 1n, b - 1n, b - 2n, rndU(64) % b, b / 2n]) {
      const a = q * b + r;
      if (r < 0n || r >= b || a >= 1n << 64n) continue;
      for (const [x, y] of [[a, b], [-a, b], [a, -b], [-a, -b]]) {
        for (const [name, f, ref] of ops) checkBin(name, f, ref, S(x), S(y));
      }
    }
  }
});

test('i64 shifts and rotates: every count, including counts >= 64 and negative', () => {
  const vals = [0n, 1n, -1n, I64_MIN, I64_MAX, 0x0123456789abcdefn, -0x0123456789abcdefn, 0x80000000n, 0xffffffffn];
  for (let i = 0; i < 50; i++) vals.push(rnd64());
  const counts: bigint[] = [];
  for (let k = -2n; k < 130n; k++) counts.push(k);
  counts.push(I64_MIN, I64_MAX, 0x100000020n, -64n);
  for (const [name, f, ref] of binOps.slice(10)) for (const a of vals) for (const b of counts) checkBin(name, f, ref, a, b);
});

// --- i64 unary and comparisons ------------------------------------------------------------------
test('i64 clz/ctz/popcnt/extend', () => {
  const vals = [...EDGES];
  for (let i = 0; i < 4000; i++) vals.push(rnd64());
  const un: [string, (s: Int32Array, d: number, a: number) => void, (a: bigint) => bigint][] = [
    ['clz', N.i64Clz, refClz],
    ['ctz', N.i64Ctz, refCtz],
    ['popcnt', N.i64Popcnt, refPopcnt],
    ['extend8_s', N.i64Extend8S, (a) => BigInt.asIntN(8, a)],
    ['extend16_s', N.i64Extend16S, (a) => BigInt.asIntN(16, a)],
    ['extend32_s', N.i64Extend32S, (a) => BigInt.asIntN(32, a)],
    ['neg', N.i64Neg, (a) => S(-a)],
  ];
  for (const [name, f, ref] of un) {
    for (const a of vals) {
      for (const d of [4, 0]) {
        put(0, a);
        f(s, d, 0);
        const r = get(d), w = ref(a);
        if (r !== w) assert.unreachable(`${name}(${hex(a)}) = ${hex(r)}, want ${hex(w)}`);
      }
    }
  }
});

test('i64 comparisons', () => {
  const cmp: [string, (s: Int32Array, a: number, b: number) => boolean, (a: bigint, b: bigint) => boolean][] = [
    ['eq', N.i64Eq, (a, b) => a === b],
    ['ne', N.i64Ne, (a, b) => a !== b],
    ['lt_s', N.i64LtS, (a, b) => a < b],
    ['lt_u', N.i64LtU, (a, b) => U(a) < U(b)],
    ['gt_s', N.i64GtS, (a, b) => a > b],
    ['gt_u', N.i64GtU, (a, b) => U(a) > U(b)],
    ['le_s', N.i64LeS, (a, b) => a <= b],
    ['le_u', N.i64LeU, (a, b) => U(a) <= U(b)],
    ['ge_s', N.i64GeS, (a, b) => a >= b],
    ['ge_u', N.i64GeU, (a, b) => U(a) >= U(b)],
  ];
  const pairs = PAIRS.slice();
  for (let i = 0; i < 500; i++) {
    const a = rnd64();
    pairs.push([a, a], [a, S(a + 1n)], [a, S(a ^ 1n)], [a, S(a ^ (1n << 32n))]);
  }
  for (const [name, f, ref] of cmp) {
    for (const [a, b] of pairs) {
      put(0, a);
      put(2, b);
      if (f(s, 0, 2) !== ref(a, b)) assert.unreachable(`${name}(${hex(a)}, ${hex(b)})`);
    }
  }
  for (const a of EDGES) {
    put(0, a);
    assert.is(N.i64Eqz(s, 0), a === 0n);
  }
});

// --- i32 ----------------------------------------------------------------------------------------
test('i32 div/rem/ctz/popcnt/rotl/rotr', () => {
  const vals = [0, 1, -1, 2, -2, 3, 7, 10, -10, 0x7fffffff, -0x80000000, -0x7fffffff, 0x10000, 0xffff, 0x55555555, -0x55555556];
  for (let i = 0; i < 200; i++) vals.push(rnd32(), rnd32() >> (rnd32() & 31));
  const i32 = (v: bigint) => Number(BigInt.asIntN(32, v));
  for (const a of vals) {
    const A = BigInt(a), Au = BigInt(a >>> 0);
    assert.is(N.i32Ctz(a), Number(refCtz(Au | (1n << 32n))));
    assert.is(N.i32Popcnt(a), Number(refPopcnt(Au)));
    for (const b of vals) {
      const B = BigInt(b), Bu = BigInt(b >>> 0);
      const expect = (name: string, f: () => number, w: bigint | string) => {
        const got = reasonOf(() => { r = f(); });
        if (typeof w === 'string') assert.is(got, w, `${name}(${a}, ${b})`);
        else assert.is(r, i32(w), `${name}(${a}, ${b})`);
      };
      let r = 0;
      expect('div_s', () => N.i32DivS(a, b), b === 0 ? 'integer divide by zero' : a === -0x80000000 && b === -1 ? 'integer overflow' : A / B);
      expect('div_u', () => N.i32DivU(a, b), b === 0 ? 'integer divide by zero' : Au / Bu);
      expect('rem_s', () => N.i32RemS(a, b), b === 0 ? 'integer divide by zero' : A % B);
      expect('rem_u', () => N.i32RemU(a, b), b === 0 ? 'integer divide by zero' : Au % Bu);
      const k = BigInt(b & 31);
      expect('rotl', () => N.i32Rotl(a, b), (Au << k) | (Au >> (32n - k)));
      expect('rotr', () => N.i32Rotr(a, b), (Au >> k) | (Au << (32n - k)));
    }
  }
});

// --- float → int --------------------------------------------------------------------------------
const f32 = Math.fround;
const OVF = 'integer overflow', INV = 'invalid conversion to integer';
function truncRef(x: number, lo: bigint, hi: bigint): bigint | string {
  if (x !== x) return INV;
  if (!Number.isFinite(x)) return OVF;
  const t = BigInt(Math.trunc(x));
  return t < lo || t > hi ? OVF : t;
}
const FLOATS: number[] = [0, -0, 0.5, -0.5, 0.9999999, -0.9999999, 1, -1, 1.5, -1.5, NaN, Infinity, -Infinity,
  2147483647, 2147483647.9, 2147483648, -2147483648, -2147483648.9, -2147483649, f32(-2147483904), f32(2147483520),
  4294967295, 4294967295.5, 4294967296, -0.99999999, f32(4294967040), 9223372036854775807, -9223372036854775808,
  9223372036854774784, -9223372036854774784, 9223372036854777856, -9223372036854777856, f32(9223371487098961920),
  f32(-9223371487098961920), 18446744073709551615, 18446744073709549568, 18446744073709555712, 1e300, -1e300,
  Number.MIN_VALUE, -Number.MIN_VALUE, 4503599627370495.5, -4503599627370495.5, 2 ** 53 + 2, -(2 ** 53 + 2)];
for (let i = 0; i < 3000; i++) {
  const mag = 2 ** ((rnd32() >>> 0) % 70);
  const x = ((rnd32() >>> 0) / 2 ** 32) * mag * (rnd32() & 1 ? -1 : 1);
  FLOATS.push(x, f32(x));
}

test('trapping float → int conversions at their boundaries', () => {
  const i32s: [string, (x: number) => number, bigint, bigint, boolean][] = [
    ['i32.trunc_f64_s', N.i32TruncF64S, -(1n << 31n), (1n << 31n) - 1n, true],
    ['i32.trunc_f64_u', N.i32TruncF64U, 0n, (1n << 32n) - 1n, false],
    ['i32.trunc_f32_s', N.i32TruncF32S, -(1n << 31n), (1n << 31n) - 1n, true],
    ['i32.trunc_f32_u', N.i32TruncF32U, 0n, (1n << 32n) - 1n, false],
  ];
  for (const [name, f, lo, hi] of i32s) {
    for (const x0 of FLOATS) {
      const x = name.includes('f32') ? f32(x0) : x0;
      const w = truncRef(x, lo, hi);
      let r = 0;
      const got = reasonOf(() => { r = f(x); });
      if (typeof w === 'string') assert.is(got, w, `${name}(${x})`);
      else assert.is(r, Number(BigInt.asIntN(32, w)), `${name}(${x})`);
    }
  }
  const i64s: [string, (s: Int32Array, d: number, x: number) => void, bigint, bigint][] = [
    ['i64.trunc_f64_s', N.i64TruncF64S, I64_MIN, I64_MAX],
    ['i64.trunc_f64_u', N.i64TruncF64U, 0n, (1n << 64n) - 1n],
    ['i64.trunc_f32_s', N.i64TruncF32S, I64_MIN, I64_MAX],
    ['i64.trunc_f32_u', N.i64TruncF32U, 0n, (1n << 64n) - 1n],
  ];
  for (const [name, f, lo, hi] of i64s) {
    for (const x0 of FLOATS) {
      const x = name.includes('f32') ? f32(x0) : x0;
      const w = truncRef(x, lo, hi);
      const got = reasonOf(() => f(s, 4, x));
      if (typeof w === 'string') assert.is(got, w, `${name}(${x})`);
      else assert.is(get(4), S(w), `${name}(${x})`);
    }
  }
  // the boundaries named in the brief
  assert.is(reasonOf(() => N.i32TruncF32S(f32(-2147483904))), OVF);
  assert.is(N.i32TruncF32S(-2147483648), -2147483648);
  assert.is(N.i32TruncF64S(-2147483648.9), -2147483648);
  assert.is(N.i32TruncF64U(-0.9), 0);
  assert.is(reasonOf(() => N.i32TruncF64U(-1)), OVF);
  assert.is(reasonOf(() => N.i32TruncF64S(NaN)), INV);
});

test('saturating float → int conversions', () => {
  const clamp = (x: number, lo: bigint, hi: bigint) => {
    if (x !== x) return 0n;
    if (x === Infinity) return hi;
    if (x === -Infinity) return lo;
    const t = BigInt(Math.trunc(x));
    return t < lo ? lo : t > hi ? hi : t;
  };
  const i32s: [(x: number) => number, bigint, bigint][] = [
    [N.i32TruncSatF64S, -(1n << 31n), (1n << 31n) - 1n],
    [N.i32TruncSatF64U, 0n, (1n << 32n) - 1n],
    [N.i32TruncSatF32S, -(1n << 31n), (1n << 31n) - 1n],
    [N.i32TruncSatF32U, 0n, (1n << 32n) - 1n],
  ];
  for (const [f, lo, hi] of i32s) for (const x of FLOATS) assert.is(f(x), Number(BigInt.asIntN(32, clamp(x, lo, hi))), `${f.name}(${x})`);
  const i64s: [(s: Int32Array, d: number, x: number) => void, bigint, bigint][] = [
    [N.i64TruncSatF64S, I64_MIN, I64_MAX],
    [N.i64TruncSatF64U, 0n, (1n << 64n) - 1n],
  ];
  for (const [f, lo, hi] of i64s) {
    for (const x of FLOATS) {
      f(s, 4, x);
      assert.is(get(4), S(clamp(x, lo, hi)), `${f.name}(${x})`);
    }
  }
});

// --- int → float --------------------------------------------------------------------------------
const fbuf = new Float64Array(1), fbits = new BigUint64Array(fbuf.buffer);
function bits64(x: number): bigint {
  fbuf[0] = x;
  return fbits[0];
}
function bits32(x: number): bigint {
  return BigInt(N.f32ToBits(x) >>> 0);
}

test('i64 → f32/f64 is correctly rounded (no double rounding)', () => {
  const vals: bigint[] = [...EDGES];
  for (let i = 0; i < 5000; i++) vals.push(rnd64());
  const bases = [0x1000001n, 0x1000003n, 0xffffffn, 0x1ffffffn, 0x1800001n, 0x20000001n, 0x20000000000001n,
    0x20000000000003n, 0x3fffffffffffffn, 0x1fffffffffffffn];
  for (const m of bases) {
    for (let sh = 0n; sh < 64n; sh++) {
      const v = m << sh;
      if (v >= 1n << 64n) continue;
      for (const off of [0n, 1n, -1n, 2n, 1n << 10n, (1n << 11n) + 1n, 1n << (sh > 0n ? sh - 1n : 0n)]) {
        for (const x of [v + off, v - off, -(v + off), -(v - off)]) vals.push(S(x));
      }
    }
  }
  // halfway + sticky: 2^63 + 2^39 (+1), exact halfway cases for f32 at various scales
  for (let e = 24n; e < 64n; e++) {
    const half = 1n << (e - 24n);
    for (const x of [(1n << e) + half, (1n << e) + half + 1n, (1n << e) + 3n * half, (1n << e) + 3n * half - 1n, (1n << e) + half - 1n]) {
      vals.push(S(x), S(-x));
    }
  }
  for (const v of vals) {
    put(0, v);
    const neg = v < 0n, mag = neg ? -v : v;
    assert.is(bits32(N.f32ConvertI64S(s, 0)), roundToFloatBits(mag, 1n, neg, 32), `f32.convert_i64_s(${v})`);
    assert.is(bits64(N.f64ConvertI64S(s, 0)), roundToFloatBits(mag, 1n, neg, 64), `f64.convert_i64_s(${v})`);
    assert.is(bits32(N.f32ConvertI64U(s, 0)), roundToFloatBits(U(v), 1n, false, 32), `f32.convert_i64_u(${hex(v)})`);
    assert.is(bits64(N.f64ConvertI64U(s, 0)), roundToFloatBits(U(v), 1n, false, 64), `f64.convert_i64_u(${hex(v)})`);
    const lo = Number(BigInt.asIntN(32, v));
    assert.is(bits32(N.f32ConvertI32U(lo)), roundToFloatBits(BigInt(lo >>> 0), 1n, false, 32));
    assert.is(bits32(N.f32ConvertI32S(lo)), roundToFloatBits(BigInt(Math.abs(lo)), 1n, lo < 0, 32));
    assert.is(N.f64ConvertI32U(lo), lo >>> 0);
  }
  // the brief's pattern: 0x1000001 << 38 is an exact f32 tie (→ even); one sticky bit more rounds up
  put(0, 0x1000001n << 38n);
  assert.is(N.f32ConvertI64S(s, 0), 2 ** 62);
  put(0, (0x1000001n << 38n) + 1n);
  assert.is(N.f32ConvertI64S(s, 0), 2 ** 62 + 2 ** 39);
  put(0, -((0x1000001n << 38n) + 1n));
  assert.is(N.f32ConvertI64S(s, 0), -(2 ** 62 + 2 ** 39));
  put(0, (0x1000001n << 39n) + 1n);
  assert.is(N.f32ConvertI64U(s, 0), 2 ** 63 + 2 ** 40);
  assert.is(N.f32ConvertI64S(s, 0), f32(-(2 ** 63) + 2 ** 39)); // same bits read as signed
});

// --- floats -------------------------------------------------------------------------------------
test('nearest: ties to even, sign of zero kept, specials', () => {
  const cases: [number, number][] = [[0.5, 0], [-0.5, -0], [1.5, 2], [-1.5, -2], [2.5, 2], [-2.5, -2], [3.5, 4],
    [-0.4, -0], [0.4, 0], [-0, -0], [0, 0], [0.49999999999999994, 0], [-0.49999999999999994, -0],
    [4503599627370495.5, 4503599627370496], [-4503599627370495.5, -4503599627370496], [4503599627370497, 4503599627370497],
    [1e300, 1e300], [Infinity, Infinity], [-Infinity, -Infinity], [Number.MIN_VALUE, 0], [-Number.MIN_VALUE, -0],
    [f32(8388609.5), 8388610], [f32(-8388607.5), -8388608], [0.5000000000000001, 1], [2.4999999999999996, 2]];
  for (const [x, w] of cases) assert.ok(Object.is(N.fNearest(x), w), `nearest(${x}) = ${N.fNearest(x)}, want ${w}`);
  assert.ok(Number.isNaN(N.fNearest(NaN)));
  for (let i = 0; i < 2000; i++) {
    const x = (rnd32() / 2 ** 31) * 2 ** ((rnd32() >>> 0) % 60);
    const fl = Math.floor(x), diff = x - fl;
    const w = diff < 0.5 ? fl : diff > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
    assert.ok(Object.is(N.fNearest(x), w === 0 && (x < 0 || Object.is(x, -0)) ? -0 : w), `nearest(${x})`);
  }
});

test('min/max: NaN wins, -0 < +0', () => {
  assert.ok(Object.is(N.fMin(0, -0), -0));
  assert.ok(Object.is(N.fMin(-0, 0), -0));
  assert.ok(Object.is(N.fMax(0, -0), 0));
  assert.ok(Object.is(N.fMax(-0, 0), 0));
  assert.ok(Object.is(N.fMax(-0, -0), -0));
  for (const x of [NaN, 0, -0, 1, -Infinity, Infinity]) {
    assert.ok(Number.isNaN(N.fMin(NaN, x)) && Number.isNaN(N.fMin(x, NaN)));
    assert.ok(Number.isNaN(N.fMax(NaN, x)) && Number.isNaN(N.fMax(x, NaN)));
  }
  assert.is(bits64(N.fMin(NaN, 1)), 0x7ff8000000000000n); // canonical
  assert.is(N.fMin(-Infinity, 3), -Infinity);
  assert.is(N.fMax(-Infinity, 3), 3);
});

test('bit helpers and boundary helpers', () => {
  assert.is(N.f32CopysignBits(0x3f800000, 0x80000000 | 0), 0xbf800000 | 0);
  assert.is(N.f32CopysignBits(0xffc00001 | 0, 0), 0x7fc00001);
  put(0, 0x7ff4000000000001n);
  put(2, -1n);
  N.f64CopysignBits(s, 4, 0, 2);
  assert.is(U(get(4)), 0xfff4000000000001n);
  N.f64NegBits(s, 4, 4);
  assert.is(U(get(4)), 0x7ff4000000000001n);
  for (const v of [...EDGES, rnd64(), rnd64()]) {
    N.bigIntToI64(s, 0, v);
    assert.is(N.i64ToBigInt(s, 0), v);
    assert.is(N.i64ToBigIntU(s, 0), U(v));
  }
  N.bigIntToI64(s, 0, (1n << 64n) + 5n);
  assert.is(N.i64ToBigInt(s, 0), 5n);
  for (const x of [0, -1, 1.5, -1.5, 2 ** 53, -(2 ** 53), 2 ** 63, -(2 ** 63), 2 ** 64 + 2 ** 12, 1e30, -1e30]) {
    N.i64FromNumber(s, 0, x);
    assert.is(get(0), S(BigInt(Math.trunc(x))), `i64FromNumber(${x})`);
  }
  put(0, I64_MIN);
  assert.is(N.i64ToNumber(s, 0), -(2 ** 63));
  assert.is(N.i64ToNumberU(s, 0), 2 ** 63);
  N.f64ToBits(s, 0, -2.5);
  assert.is(N.f64FromBits(s, 0), -2.5);
  assert.is(N.f32FromBits(N.f32ToBits(0.1)), f32(0.1));
});

// --- the spec testsuite's numeric assertions ----------------------------------------------------
type Val = { t: string; v: bigint | string };
/** Splits one line `(assert_return (invoke "op" args…) results…)` / `(assert_trap (invoke …) "msg")`. */
function parseLine(line: string): { kind: string; op: string; args: Val[]; results: Val[]; msg?: string } | null {
  const m = /^\((assert_return|assert_trap) \(invoke "([^"]+)"/.exec(line);
  if (!m) return null;
  let depth = 0, i = line.indexOf('(invoke');
  const start = i;
  for (; i < line.length; i++) {
    if (line[i] === '(') depth++;
    else if (line[i] === ')' && --depth === 0) break;
  }
  const consts = (text: string) =>
    [...text.matchAll(/\((i32|i64|f32|f64)\.const ([^)\s]+)\)/g)].map((c) => ({
      t: c[1],
      v: c[1][0] === 'i' ? parseIntLit(c[2], c[1] === 'i32' ? 32 : 64) : parseFloatLit(c[2], c[1] === 'f32' ? 32 : 64),
    }));
  const rest = line.slice(i + 1);
  const msg = /"([^"]*)"/.exec(rest)?.[1];
  return { kind: m[1], op: m[2], args: consts(line.slice(start, i + 1)), results: consts(rest), msg };
}

function fromVal(x: Val, slot: number): number {
  const v = x.v as bigint;
  if (x.t === 'i32') return Number(v);
  if (x.t === 'f32') return N.f32FromBits(Number(BigInt.asIntN(32, v)));
  put(slot, v);
  return x.t === 'f64' ? N.f64FromBits(s, slot) : 0;
}

type Out = { t: string; v: bigint };
const i32Out = (x: number | boolean): Out => ({ t: 'i32', v: BigInt(typeof x === 'boolean' ? (x ? 1 : 0) : x | 0) });
const i64Out = (): Out => ({ t: 'i64', v: get(8) });
const f32Out = (x: number): Out => ({ t: 'f32', v: BigInt(N.f32ToBits(x) >>> 0) });
const f64Out = (x: number): Out => ({ t: 'f64', v: bits64(x) });
const ii = (f: Bin) => (): Out => (f(s, 8, 0, 2), i64Out());

// i64.wast (args in slots 0 and 2, result in 8)
const I64_OPS: Record<string, (a: number, b: number) => Out> = {
  add: ii(N.i64Add), sub: ii(N.i64Sub), mul: ii(N.i64Mul), div_s: ii(N.i64DivS), div_u: ii(N.i64DivU),
  rem_s: ii(N.i64RemS), rem_u: ii(N.i64RemU), and: ii(N.i64And), or: ii(N.i64Or), xor: ii(N.i64Xor),
  shl: ii(N.i64Shl), shr_s: ii(N.i64ShrS), shr_u: ii(N.i64ShrU), rotl: ii(N.i64Rotl), rotr: ii(N.i64Rotr),
  clz: () => (N.i64Clz(s, 8, 0), i64Out()), ctz: () => (N.i64Ctz(s, 8, 0), i64Out()),
  popcnt: () => (N.i64Popcnt(s, 8, 0), i64Out()), extend8_s: () => (N.i64Extend8S(s, 8, 0), i64Out()),
  extend16_s: () => (N.i64Extend16S(s, 8, 0), i64Out()), extend32_s: () => (N.i64Extend32S(s, 8, 0), i64Out()),
  eqz: () => i32Out(N.i64Eqz(s, 0)), eq: () => i32Out(N.i64Eq(s, 0, 2)), ne: () => i32Out(N.i64Ne(s, 0, 2)),
  lt_s: () => i32Out(N.i64LtS(s, 0, 2)), lt_u: () => i32Out(N.i64LtU(s, 0, 2)), gt_s: () => i32Out(N.i64GtS(s, 0, 2)),
  gt_u: () => i32Out(N.i64GtU(s, 0, 2)), le_s: () => i32Out(N.i64LeS(s, 0, 2)), le_u: () => i32Out(N.i64LeU(s, 0, 2)),
  ge_s: () => i32Out(N.i64GeS(s, 0, 2)), ge_u: () => i32Out(N.i64GeU(s, 0, 2)),
};
const I32_OPS: Record<string, (a: number, b: number) => Out> = {
  add: (a, b) => i32Out(a + b), sub: (a, b) => i32Out(a - b), mul: (a, b) => i32Out(Math.imul(a, b)),
  div_s: (a, b) => i32Out(N.i32DivS(a, b)), div_u: (a, b) => i32Out(N.i32DivU(a, b)),
  rem_s: (a, b) => i32Out(N.i32RemS(a, b)), rem_u: (a, b) => i32Out(N.i32RemU(a, b)),
  and: (a, b) => i32Out(a & b), or: (a, b) => i32Out(a | b), xor: (a, b) => i32Out(a ^ b),
  shl: (a, b) => i32Out(a << b), shr_s: (a, b) => i32Out(a >> b), shr_u: (a, b) => i32Out(a >>> b),
  rotl: (a, b) => i32Out(N.i32Rotl(a, b)), rotr: (a, b) => i32Out(N.i32Rotr(a, b)),
  clz: (a) => i32Out(Math.clz32(a)), ctz: (a) => i32Out(N.i32Ctz(a)), popcnt: (a) => i32Out(N.i32Popcnt(a)),
  extend8_s: (a) => i32Out((a << 24) >> 24), extend16_s: (a) => i32Out((a << 16) >> 16), eqz: (a) => i32Out(a === 0),
  eq: (a, b) => i32Out(a === b), ne: (a, b) => i32Out(a !== b), lt_s: (a, b) => i32Out(a < b),
  lt_u: (a, b) => i32Out(a >>> 0 < b >>> 0), gt_s: (a, b) => i32Out(a > b), gt_u: (a, b) => i32Out(a >>> 0 > b >>> 0),
  le_s: (a, b) => i32Out(a <= b), le_u: (a, b) => i32Out(a >>> 0 <= b >>> 0), ge_s: (a, b) => i32Out(a >= b),
  ge_u: (a, b) => i32Out(a >>> 0 >= b >>> 0),
};
/** f32/f64 .wast ops; arithmetic as the executor is expected to do it (Math.fround after each op for f32). */
function floatOps(w: 32 | 64): Record<string, (a: number, b: number) => Out> {
  const r = w === 32 ? Math.fround : (x: number) => x;
  const out = w === 32 ? f32Out : f64Out;
  return {
    add: (a, b) => out(r(a + b)), sub: (a, b) => out(r(a - b)), mul: (a, b) => out(r(a * b)), div: (a, b) => out(r(a / b)),
    sqrt: (a) => out(r(Math.sqrt(a))), min: (a, b) => out(N.fMin(a, b)), max: (a, b) => out(N.fMax(a, b)),
    ceil: (a) => out(N.fCeil(a)), floor: (a) => out(N.fFloor(a)), trunc: (a) => out(N.fTrunc(a)),
    nearest: (a) => out(r(N.fNearest(a))),
  };
}
const i64Arg = (f: (s: Int32Array, a: number) => number, o: (x: number) => Out) => (): Out => o(f(s, 0));
const toI64 = (f: (s: Int32Array, d: number, x: number) => void) => (x: number): Out => (f(s, 8, x), i64Out());
const CONV_OPS: Record<string, (a: number, b: number) => Out> = {
  'i64.extend_i32_s': (a) => (N.i64FromI32(s, 8, a), i64Out()), 'i64.extend_i32_u': (a) => (N.i64FromU32(s, 8, a), i64Out()),
  'i32.wrap_i64': () => i32Out(s[0]),
  'i32.trunc_f32_s': (x) => i32Out(N.i32TruncF32S(x)), 'i32.trunc_f32_u': (x) => i32Out(N.i32TruncF32U(x)),
  'i32.trunc_f64_s': (x) => i32Out(N.i32TruncF64S(x)), 'i32.trunc_f64_u': (x) => i32Out(N.i32TruncF64U(x)),
  'i64.trunc_f32_s': toI64(N.i64TruncF32S), 'i64.trunc_f32_u': toI64(N.i64TruncF32U),
  'i64.trunc_f64_s': toI64(N.i64TruncF64S), 'i64.trunc_f64_u': toI64(N.i64TruncF64U),
  'i32.trunc_sat_f32_s': (x) => i32Out(N.i32TruncSatF32S(x)), 'i32.trunc_sat_f32_u': (x) => i32Out(N.i32TruncSatF32U(x)),
  'i32.trunc_sat_f64_s': (x) => i32Out(N.i32TruncSatF64S(x)), 'i32.trunc_sat_f64_u': (x) => i32Out(N.i32TruncSatF64U(x)),
  'i64.trunc_sat_f32_s': toI64(N.i64TruncSatF32S), 'i64.trunc_sat_f32_u': toI64(N.i64TruncSatF32U),
  'i64.trunc_sat_f64_s': toI64(N.i64TruncSatF64S), 'i64.trunc_sat_f64_u': toI64(N.i64TruncSatF64U),
  'f32.convert_i32_s': (a) => f32Out(N.f32ConvertI32S(a)), 'f32.convert_i64_s': i64Arg(N.f32ConvertI64S, f32Out),
  'f64.convert_i32_s': (a) => f64Out(N.f64ConvertI32S(a)), 'f64.convert_i64_s': i64Arg(N.f64ConvertI64S, f64Out),
  'f32.convert_i32_u': (a) => f32Out(N.f32ConvertI32U(a)), 'f32.convert_i64_u': i64Arg(N.f32ConvertI64U, f32Out),
  'f64.convert_i32_u': (a) => f64Out(N.f64ConvertI32U(a)), 'f64.convert_i64_u': i64Arg(N.f64ConvertI64U, f64Out),
  'f64.promote_f32': (x) => f64Out(x), 'f32.demote_f64': (x) => f32Out(N.f32DemoteF64(x)),
};

function matches(got: Out, want: Val): boolean {
  if (typeof want.v === 'string') {
    const quiet = got.t === 'f32' ? 0x7fc00000n : 0x7ff8000000000000n;
    const mag = got.v & (got.t === 'f32' ? 0x7fffffffn : 0x7fffffffffffffffn);
    return want.v === CANONICAL ? mag === quiet : want.v === ARITHMETIC && (mag & quiet) === quiet;
  }
  const w = want.t === 'f32' ? BigInt.asUintN(32, want.v) : want.t === 'f64' ? BigInt.asUintN(64, want.v) : want.v;
  return got.v === w;
}

const WAST: [string, Record<string, (a: number, b: number) => Out>][] = [
  ['i64.wast', I64_OPS], ['i32.wast', I32_OPS], ['f32.wast', floatOps(32)], ['f64.wast', floatOps(64)],
  ['conversions.wast', CONV_OPS],
];
let specFiles = 0;
for (const dir of ['/work/shared/spec-testsuite-2.0', '/work/shared/spec-testsuite']) {
  for (const [file, ops] of WAST) {
    const path = `${dir}/${file}`;
    if (!existsSync(path)) continue;
    specFiles++;
    test(`spec ${path.slice('/work/shared/'.length)}: numeric assertions`, () => {
      let n = 0;
      const skipped = new Set<string>();
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        const c = parseLine(line.trim());
        if (!c) continue;
        const f = ops[c.op];
        if (!f) {
          skipped.add(c.op);
          continue;
        }
        const a = c.args[0] ? fromVal(c.args[0], 0) : 0;
        const b = c.args[1] ? fromVal(c.args[1], 2) : 0;
        let out: Out | null = null;
        const reason = reasonOf(() => { out = f(a, b); });
        if (c.kind === 'assert_trap') {
          assert.ok(reason !== null && c.msg !== undefined && reason.startsWith(c.msg), `${line}: got ${reason}`);
        } else {
          assert.is(reason, null, line);
          if (c.results.length) assert.ok(matches(out!, c.results[0]), `${line}: got ${out!.t} 0x${out!.v.toString(16)}`);
        }
        n++;
      }
      assert.ok(n > 100, `only ${n} assertions checked in ${file}`);
      // reinterpret ops are bit moves done by the executor
      for (const op of skipped) assert.ok(op.includes('reinterpret'), `unhandled op ${op} in ${file}`);
    });
  }
}

test('the spec numeric files were found (a missing suite must not pass by checking nothing)', () => {
  assert.ok(specFiles >= WAST.length, `only ${specFiles} of the spec's numeric .wast files found under /work/shared`);
});

test.run();

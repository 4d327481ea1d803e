// Pure value helpers of the spec runner: WAST constants to raw engine values, the NaN pattern
// matcher, comparison of raw results against expected results, and printable descriptions.
// Raw values (see the brief): i32 number (int32), i64 bigint (signed), f32 number (uint32 bits),
// f64 bigint (uint64 bits), funcref FuncInst | null, externref any JS value (null = ref.null).
import type { WastExpected, WastValue } from '../interpreter/index.js';

const F64_CANON = 0x7ff8000000000000n;

/** f32 bits: is this NaN with exactly the quiet bit as payload (either sign)? */
export function isCanonicalNan32(bits: number): boolean {
  return (bits & 0x7fffffff) === 0x7fc00000;
}
/** f32 bits: is this NaN with the quiet bit set (any payload, either sign)? */
export function isArithmeticNan32(bits: number): boolean {
  return (bits & 0x7fc00000) === 0x7fc00000;
}
export function isCanonicalNan64(bits: bigint): boolean {
  return (BigInt.asUintN(64, bits) & ~(1n << 63n)) === F64_CANON;
}
export function isArithmeticNan64(bits: bigint): boolean {
  return (BigInt.asUintN(64, bits) & F64_CANON) === F64_CANON;
}

/** Stable JS objects standing for (ref.extern N), one per N within a script run. */
export class ExternRefs {
  private readonly map = new Map<number, object>();
  get(n: number): object {
    let o = this.map.get(n);
    if (!o) { o = Object.freeze({ externref: n }); this.map.set(n, o); }
    return o;
  }
  /** The N of an object made here, or undefined. */
  indexOf(v: unknown): number | undefined {
    if (v !== null && typeof v === 'object' && this.map.get((v as { externref: number }).externref) === v) {
      return (v as { externref: number }).externref;
    }
    return undefined;
  }
}

/** Why a value cannot be given to this engine, or null when it can. */
export function unsupportedValue(v: WastValue | WastExpected, simd: boolean): string | null {
  switch (v.type) {
    case 'v128': case 'v128-lanes': return simd ? null : 'v128 value (SIMD not supported)';
    // (ref.null) with no type (3.0 scripts) expects any null reference.
    case 'ref.null': return v.kind === 'func' || v.kind === 'extern' || v.kind === '' ? null : `ref.null ${v.kind} (not a 2.0 reference type)`;
    case 'ref.any-of': return v.kind === 'func' || v.kind === 'extern' ? null : `ref.${v.kind} (not a 2.0 reference type)`;
    case 'either': {
      for (const o of v.options) { const r = unsupportedValue(o, simd); if (r) return r; }
      return null;
    }
    default: return null;
  }
}

/** A WAST argument as the raw value the engine takes. */
export function toRaw(v: WastValue, externs: ExternRefs): unknown {
  switch (v.type) {
    case 'i32': return v.value | 0;
    case 'i64': return BigInt.asIntN(64, v.value);
    case 'f32': return v.bits >>> 0;
    case 'f64': return BigInt.asUintN(64, v.bits);
    case 'v128': return v.bytes.slice();
    case 'ref.null': return null;
    case 'ref.extern': return externs.get(v.value);
    case 'ref.any-of': throw new Error(`ref.${v.kind} cannot be an argument`);
  }
}

/** Does the raw value `actual` match `expected`? isFunc tells a funcref from other objects. */
export function matches(actual: unknown, expected: WastExpected, externs: ExternRefs,
  isFunc: (v: unknown) => boolean = () => true): boolean {
  switch (expected.type) {
    case 'i32': return typeof actual === 'number' && (actual | 0) === (expected.value | 0) && Number.isInteger(actual);
    case 'i64': return typeof actual === 'bigint' && BigInt.asIntN(64, actual) === BigInt.asIntN(64, expected.value);
    case 'f32':
      if (typeof actual !== 'number' || !Number.isInteger(actual)) return false;
      if ('nan' in expected) return expected.nan === 'canonical' ? isCanonicalNan32(actual >>> 0) : isArithmeticNan32(actual >>> 0);
      return (actual >>> 0) === (expected.bits >>> 0);
    case 'f64':
      if (typeof actual !== 'bigint') return false;
      if ('nan' in expected) return expected.nan === 'canonical' ? isCanonicalNan64(actual) : isArithmeticNan64(actual);
      return BigInt.asUintN(64, actual) === BigInt.asUintN(64, expected.bits);
    case 'v128': {
      const b = asBytes(actual);
      return b !== null && b.every((x, i) => x === expected.bytes[i]);
    }
    case 'v128-lanes': {
      const b = asBytes(actual);
      return b !== null && lanesMatch(b, expected.shape, expected.lanes, externs);
    }
    case 'ref.null': return actual === null;
    case 'ref.extern': return actual === externs.get(expected.value);
    case 'ref.any-of':
      if (actual === null || actual === undefined) return false;
      return expected.kind === 'func' ? isFunc(actual) : true;
    case 'either': return expected.options.some((o) => matches(actual, o, externs, isFunc));
  }
}

function asBytes(v: unknown): Uint8Array | null {
  if (v instanceof Uint8Array && v.length === 16) return v;
  return null;
}

const SHAPES: Record<string, { type: 'i32' | 'i64' | 'f32' | 'f64'; size: number }> = {
  i8x16: { type: 'i32', size: 1 }, i16x8: { type: 'i32', size: 2 }, i32x4: { type: 'i32', size: 4 },
  i64x2: { type: 'i64', size: 8 }, f32x4: { type: 'f32', size: 4 }, f64x2: { type: 'f64', size: 8 },
};

/** Compare 16 bytes lane by lane; integer lanes compare modulo the lane width. */
function lanesMatch(b: Uint8Array, shape: string, lanes: WastExpected[], externs: ExternRefs): boolean {
  const s = SHAPES[shape];
  if (!s || lanes.length * s.size !== 16) return false;
  const dv = new DataView(b.buffer, b.byteOffset, 16);
  return lanes.every((lane, i) => {
    const at = i * s.size;
    let raw: unknown;
    if (s.type === 'i64') raw = dv.getBigInt64(at, true);
    else if (s.type === 'f64') raw = dv.getBigUint64(at, true);
    else if (s.type === 'f32') raw = dv.getUint32(at, true);
    else raw = s.size === 1 ? dv.getUint8(at) : s.size === 2 ? dv.getUint16(at, true) : dv.getInt32(at, true);
    if (s.type === 'i32' && s.size < 4 && lane.type === 'i32') {
      const mask = s.size === 1 ? 0xff : 0xffff;
      return (raw as number) === (lane.value & mask);
    }
    return matches(raw, lane, externs);
  });
}

/** A printable form of a raw value. kind guides the form of numbers ('i32' or 'f32' for numbers, 'i64' or 'f64' for bigints). */
export function describeRaw(v: unknown, kind: string | undefined, externs: ExternRefs): string {
  if (v === null) return 'ref.null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') {
    if (kind === 'f32') return `f32:0x${(v >>> 0).toString(16).padStart(8, '0')} (${f32Value(v >>> 0)})`;
    return `i32:${v}`;
  }
  if (typeof v === 'bigint') {
    if (kind === 'f64') return `f64:0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')} (${f64Value(v)})`;
    return `i64:${v}`;
  }
  if (v instanceof Uint8Array) return `v128:${Array.from(v, (x) => x.toString(16).padStart(2, '0')).join(' ')}`;
  const n = externs.indexOf(v);
  if (n !== undefined) return `ref.extern ${n}`;
  if (typeof v === 'object') return `ref(${(v as { constructor?: { name?: string } }).constructor?.name ?? 'object'})`;
  return `${typeof v}:${String(v)}`;
}

/** A printable form of an expected result. */
export function describeExpected(e: WastExpected): string {
  switch (e.type) {
    case 'i32': return `i32:${e.value | 0}`;
    case 'i64': return `i64:${e.value}`;
    case 'f32': return 'nan' in e ? `f32:nan:${e.nan}` : `f32:0x${(e.bits >>> 0).toString(16).padStart(8, '0')} (${f32Value(e.bits >>> 0)})`;
    case 'f64': return 'nan' in e ? `f64:nan:${e.nan}` : `f64:0x${BigInt.asUintN(64, e.bits).toString(16).padStart(16, '0')} (${f64Value(e.bits)})`;
    case 'v128': return `v128:${Array.from(e.bytes, (x) => x.toString(16).padStart(2, '0')).join(' ')}`;
    case 'v128-lanes': return `v128:${e.shape}[${e.lanes.map(describeExpected).join(', ')}]`;
    case 'ref.null': return `ref.null ${e.kind}`;
    case 'ref.extern': return `ref.extern ${e.value}`;
    case 'ref.any-of': return `ref.${e.kind} (any non-null)`;
    case 'either': return `either(${e.options.map(describeExpected).join(' | ')})`;
  }
}

/** The kind hint describeRaw wants for the value that should match e. */
export function kindOf(e: WastExpected): string | undefined {
  if (e.type === 'either') return e.options.length ? kindOf(e.options[0]) : undefined;
  return e.type;
}

function f32Value(bits: number): string {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, bits);
  return String(dv.getFloat32(0));
}
function f64Value(bits: bigint): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, BigInt.asUintN(64, bits));
  return String(dv.getFloat64(0));
}


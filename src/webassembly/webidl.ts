// The WebIDL conversions the JS API uses: [EnforceRange] unsigned long, BufferSource (copied),
// dictionary members, the value-type and element-type strings, and the shape of interface objects
// (enumerable members, Symbol.toStringTag).
import { ValType } from '../../interpreter/index.js';

/** [EnforceRange] unsigned long: a TypeError for NaN, infinities and values outside [0, 2^32). */
export function enforceU32(v: unknown, what: string): number {
  const n = Number(toNumber(v));
  if (!Number.isFinite(n)) throw new TypeError(`${what} must be convertible to a valid number`);
  const t = Math.trunc(n);
  if (t < 0 || t > 0xffffffff) throw new TypeError(`${what} must be in the unsigned long range`);
  return t;
}

/** ECMAScript ToNumber (a TypeError for BigInt and Symbol). */
export function toNumber(v: unknown): number {
  return +(v as number);
}

const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;

function isArrayBuffer(v: unknown): v is ArrayBuffer {
  if (v === null || typeof v !== 'object') return false;
  try { abByteLength.call(v); return true; } catch { return false; }
}

/** A copy of the bytes of a BufferSource (ArrayBuffer or ArrayBufferView), or undefined when v is none. */
export function bufferSourceBytes(v: unknown): Uint8Array | undefined {
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice();
  if (isArrayBuffer(v)) return new Uint8Array(v.slice(0));
  return undefined;
}

/** Like bufferSourceBytes, but a TypeError when v is not a BufferSource. */
export function requireBytes(v: unknown, where: string): Uint8Array {
  const b = bufferSourceBytes(v);
  if (b === undefined) throw new TypeError(`${where}: Argument 0 must be a buffer source`);
  return b;
}

/** A dictionary argument: undefined and null read as empty; other non-objects are a TypeError. */
export function dictionary(v: unknown, where: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' && typeof v !== 'function') throw new TypeError(`${where}: Argument 0 must be a descriptor object`);
  return v as Record<string, unknown>;
}

/** The value types a Global may hold, by their JS API names. */
export function valueTypeOf(name: unknown, where: string): ValType {
  switch (String(name)) {
    case 'i32': return ValType.I32;
    case 'i64': return ValType.I64;
    case 'f32': return ValType.F32;
    case 'f64': return ValType.F64;
    case 'externref': return ValType.ExternRef;
    case 'anyfunc': case 'funcref': return ValType.FuncRef;
    default: throw new TypeError(`${where}: Descriptor property 'value' must be a WebAssembly type`);
  }
}

/** The element types a Table may hold, by their JS API names. */
export function elementTypeOf(name: unknown, where: string): ValType.FuncRef | ValType.ExternRef {
  switch (String(name)) {
    case 'externref': return ValType.ExternRef;
    case 'anyfunc': case 'funcref': return ValType.FuncRef;
    default: throw new TypeError(`${where}: Descriptor property 'element' must be a WebAssembly reference type`);
  }
}

/**
 * Gives a class the shape of a WebIDL interface object: its prototype's methods and accessors are
 * enumerable, the prototype carries Symbol.toStringTag, and the constructor's length is as given.
 */
export function webidlInterface(ctor: Function, tag: string, length: number): void {
  const proto = ctor.prototype as object;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key)!;
    d.enumerable = true;
    Object.defineProperty(proto, key, d);
  }
  Object.defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true });
  Object.defineProperty(ctor, 'length', { value: length, configurable: true });
}

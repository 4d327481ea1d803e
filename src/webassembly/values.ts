// Value conversion between JS values and the engine's raw values (JS API §ToJSValue and
// §ToWebAssemblyValue): i32 by ToInt32, i64 by ToBigInt64 (a Number is a TypeError), f32/f64 by
// ToNumber, externref any JS value, funcref null or an Exported Function. Raw values are the engine's
// host-boundary form (i32 number, i64 bigint, f32 uint32 bits, f64 uint64 bits as bigint).
import { ValType, valTypeName, toRaw, fromRaw, type FuncInst } from '../../interpreter/index.js';
// Through exported-function.ts (an import cycle used only at call time), so the maker is installed.
import { exportedFunction, funcOfExported } from './exported-function.js';

/** Converts a JS value to a raw value of one type (may throw TypeError). */
export type ToWasm = (v: unknown) => unknown;
/** Converts a raw value of one type to a JS value. */
export type ToJs = (raw: unknown) => unknown;

// The spec's coercion first (ToNumber, ToBigInt: unary + and BigInt.asIntN throw the right
// TypeErrors), then the engine's own bit conversion.
const i32ToWasm: ToWasm = v => +(v as number) | 0;
const i64ToWasm: ToWasm = v => BigInt.asIntN(64, v as bigint); // ToBigInt64: a Number is a TypeError
const f32ToWasm: ToWasm = v => toRaw(ValType.F32, +(v as number));
const f64ToWasm: ToWasm = v => toRaw(ValType.F64, +(v as number));
const externToWasm: ToWasm = v => v; // any JS value; undefined is non-null, as in the engine
const funcToWasm: ToWasm = v => {
  if (v === null) return null;
  const f = funcOfExported(v);
  if (f === undefined) throw new TypeError('a funcref must be null or an exported WebAssembly function');
  return f;
};

const i32ToJs: ToJs = raw => raw as number;
const i64ToJs: ToJs = raw => BigInt.asIntN(64, raw as bigint);
const f32ToJs: ToJs = raw => fromRaw(ValType.F32, raw);
const f64ToJs: ToJs = raw => fromRaw(ValType.F64, raw);
const externToJs: ToJs = raw => raw;
const funcToJs: ToJs = raw => (raw === null || raw === undefined ? null : exportedFunction(raw as FuncInst));

function unsupported(t: ValType): never {
  throw new TypeError(`type ${valTypeName(t)} cannot cross the JS API boundary`);
}

/** The JS → raw converter of a value type (a TypeError for v128). */
export function toWasmFor(t: ValType): ToWasm {
  switch (t) {
    case ValType.I32: return i32ToWasm;
    case ValType.I64: return i64ToWasm;
    case ValType.F32: return f32ToWasm;
    case ValType.F64: return f64ToWasm;
    case ValType.ExternRef: return externToWasm;
    case ValType.FuncRef: return funcToWasm;
    default: return () => unsupported(t);
  }
}

/** The raw → JS converter of a value type (a TypeError for v128). */
export function toJsFor(t: ValType): ToJs {
  switch (t) {
    case ValType.I32: return i32ToJs;
    case ValType.I64: return i64ToJs;
    case ValType.F32: return f32ToJs;
    case ValType.F64: return f64ToJs;
    case ValType.ExternRef: return externToJs;
    case ValType.FuncRef: return funcToJs;
    default: return () => unsupported(t);
  }
}

/** ToWebAssemblyValue. */
export function toWasm(t: ValType, v: unknown): unknown { return toWasmFor(t)(v); }
/** ToJSValue. */
export function toJs(t: ValType, raw: unknown): unknown { return toJsFor(t)(raw); }

/** DefaultValue(t) as a raw value: zero, ref.null for funcref, and undefined for externref. */
export function defaultRawValue(t: ValType): unknown {
  switch (t) {
    case ValType.I32: case ValType.F32: return 0;
    case ValType.I64: case ValType.F64: return 0n;
    case ValType.ExternRef: return undefined;
    case ValType.FuncRef: return null;
    default: return unsupported(t);
  }
}

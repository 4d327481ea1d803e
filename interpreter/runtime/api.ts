// The engine's convenience API (re-exported by interpreter/index.ts): compile text or bytes, call exports
// with raw values, make host functions and host-side globals, read and write guest memory, and start
// contexts that a scheduler drives with run(fuel).
import { LinkError } from '../errors.js';
import { ValType } from '../types.js';
import type { FuncType, GlobalType, Module } from '../types.js';
import { decodeModule } from '../binary/decode.js';
import { validateModule, type ValidateOptions } from '../valid/index.js';
import { watToBinary } from '../text/index.js';
import { Context } from '../exec/context.js';
import { FuncInst, type HostFn } from './func.js';
import { Global } from './global.js';
import { Memory, MAX_PAGES } from './memory.js';
import { Table, MAX_TABLE_SIZE } from './table.js';
import type { Instance, ExternVal } from './instance.js';
import { asValType, readGlobal, writeGlobal, type TypeLike } from './values.js';
import { defaultContext } from './default-context.js';
import { rawArgs } from './raw-args.js';

/**
 * Decode and validate a module given as binary bytes or WAT text. Throws CompileError. `opts` selects
 * validation rules of other spec versions (valid/module.ts ValidateOptions; default 2.0).
 */
export function compile(input: Uint8Array | ArrayBuffer | string, opts?: ValidateOptions): Module {
  const bytes = typeof input === 'string' ? watToBinary(input) : asBytes(input);
  const m = decodeModule(bytes);
  validateModule(m, opts);
  return m;
}

/** Wasm bytes given as a Uint8Array, another ArrayBuffer view or an ArrayBuffer; TypeError otherwise. */
function asBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const got = input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input;
  throw new TypeError(`compile: expected WAT text or wasm bytes (a Uint8Array or an ArrayBuffer), got ${got}`);
}

/** An export of the instance, or undefined. */
export function getExport(instance: Instance, name: string): ExternVal | undefined {
  return instance.exports.get(name);
}

/** An exported function; LinkError when missing or not a function. */
export function getFunc(instance: Instance, name: string): FuncInst {
  const v = instance.exports.get(name);
  if (v === undefined) throw new LinkError('unknown export', name);
  if (!(v instanceof FuncInst)) throw new LinkError('export is not a function', name);
  return v;
}

/** An exported memory by name, or (no name) the instance's first memory; throws when missing. */
export function getMemory(instance: Instance, name?: string): Memory {
  const v = name === undefined ? instance.mems[0] : instance.exports.get(name);
  if (!(v instanceof Memory)) throw new LinkError(name === undefined ? 'no memory' : 'unknown export', name ?? '');
  return v;
}

/** Call a function (FuncInst) synchronously with raw arguments; returns raw results. Traps throw RuntimeError. */
export function callFunc(func: FuncInst, args: readonly unknown[], context?: Context): unknown[] {
  return (context ?? defaultContext()).invoke(func, rawArgs(func.type, args, func.name));
}

/** Call an exported function with raw arguments; returns raw results. */
export function invoke(instance: Instance, exportName: string, args: readonly unknown[] = [], context?: Context): unknown[] {
  return callFunc(getFunc(instance, exportName), args, context);
}

/** A function type from value types given by encoding or by name ('i32', 'externref', …). */
export function funcType(params: readonly TypeLike[], results: readonly TypeLike[]): FuncType {
  return { params: params.map(asValType), results: results.map(asValType) };
}

/** A host function. `type` may use type names: { params: ['i32'], results: ['f64'] }. */
export function hostFunction(
  type: { params: readonly TypeLike[]; results: readonly TypeLike[] }, fn: HostFn, name = 'host',
): FuncInst {
  return FuncInst.host(funcType(type.params, type.results), fn, name);
}

/** A host-side global holding `value` (raw). */
export function createGlobal(type: TypeLike, mutable: boolean, value: unknown): Global {
  const gt: GlobalType = { type: asValType(type), mutable };
  const g = new Global(gt);
  writeGlobal(g, value);
  return g;
}

/** Checks host-given limits: integers, min <= max, both within `upper` (RangeError naming them). */
function checkLimits(what: string, min: number, max: number | null, upper: number, unit: string): void {
  for (const [name, v] of [['minimum', min], ['maximum', max]] as const) {
    if (v === null && name === 'maximum') continue;
    if (!Number.isInteger(v) || (v as number) < 0) throw new RangeError(`${what}: ${name} ${String(v)} is not a non-negative integer`);
    if ((v as number) > upper) throw new RangeError(`${what}: ${name} of ${v} ${unit} is above the limit of ${upper}`);
  }
  if (max !== null && min > max) throw new RangeError(`${what}: size minimum ${min} must not be greater than maximum ${max}`);
}

/** A host-side table; its elements are `init` when given (undefined is a value for externref), else ref.null. */
export function createTable(type: TypeLike, min: number, max: number | null = null, ...init: [unknown?]): Table {
  const t = asValType(type);
  if (t !== ValType.FuncRef && t !== ValType.ExternRef) throw new TypeError('table element type must be a reference type');
  checkLimits('createTable', min, max, 0xffffffff, 'elements');
  if (min > MAX_TABLE_SIZE) throw new RangeError(`createTable: ${min} elements exceed the engine limit of ${MAX_TABLE_SIZE}`);
  return new Table(t, min, max, ...init);
}

/** A host-side memory of `min` pages (at most `max`). */
export function createMemory(min: number, max: number | null = null, shared = false): Memory {
  checkLimits('createMemory', min, max, MAX_PAGES, 'pages');
  try {
    return new Memory(min, max, shared);
  } catch {
    throw new RangeError(`createMemory: could not allocate ${min} pages`);
  }
}

/** A global's value, raw. */
export function getGlobalValue(g: Global): unknown { return readGlobal(g); }
/** Set a global's value (raw); the host may set immutable globals it owns. */
export function setGlobalValue(g: Global, value: unknown): void { writeGlobal(g, value); }

/** Copy bytes out of guest memory (RuntimeError when out of bounds). */
export function readMemory(mem: Memory, addr: number, len: number): Uint8Array {
  return mem.read(address(addr, 'readMemory'), count(len, 'readMemory'));
}

/** Copy bytes or a UTF-8 string into guest memory, marking pages dirty (RuntimeError when out of bounds). */
export function writeMemory(mem: Memory, addr: number, data: Uint8Array | string): void {
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TypeError(`writeMemory: data must be a Uint8Array or a string, got ${data === null ? 'null' : typeof data}`);
  }
  mem.write(address(addr, 'writeMemory'), typeof data === 'string' ? new TextEncoder().encode(data) : data);
}

/** A guest address given by the host: an integer, taken modulo 2^32 (so -1 is the last byte). */
function address(addr: number, what: string): number {
  if (!Number.isInteger(addr)) throw new TypeError(`${what}: address ${String(addr)} is not an integer`);
  return addr >>> 0;
}

/** A byte count given by the host: a non-negative integer. */
function count(len: number, what: string): number {
  if (!Number.isInteger(len) || len < 0) throw new TypeError(`${what}: length ${String(len)} is not a non-negative integer`);
  return len;
}

/** A UTF-8 string from guest memory: `len` bytes, or up to the first NUL when len is omitted. */
export function readString(mem: Memory, addr: number, len?: number): string {
  addr = address(addr, 'readString');
  if (len !== undefined) len = count(len, 'readString');
  if (len === undefined) {
    const end = mem.u8.indexOf(0, addr);
    len = (end < 0 ? mem.u8.length : end) - addr;
  }
  return new TextDecoder().decode(mem.read(addr, len));
}

/** A fresh context. */
export function createContext(opts?: { maxDepth?: number }): Context { return new Context(opts); }

/** A fresh context prepared to run func(args) (raw values), to be driven by context.run(fuel). */
export function startContext(func: FuncInst, args: readonly unknown[] = [], opts?: { maxDepth?: number }): Context {
  const ctx = new Context(opts);
  ctx.start(func, rawArgs(func.type, args, func.name));
  return ctx;
}

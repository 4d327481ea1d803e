// The `WebAssembly` namespace object, shaped like the native one: the five functions enumerable, the
// interface objects and error classes not, and Symbol.toStringTag "WebAssembly".
import { CompileError, LinkError, RuntimeError } from './errors.js';
import { compile, instantiate, validate } from './functions.js';
import { Global } from './global.js';
import { Instance } from './instance.js';
import { Memory } from './memory.js';
import { Module } from './module.js';
import { compileStreaming, instantiateStreaming } from './streaming.js';
import { Table } from './table.js';

export interface WebAssemblyNamespace {
  validate: typeof validate;
  compile: typeof compile;
  instantiate: typeof instantiate;
  compileStreaming: typeof compileStreaming;
  instantiateStreaming: typeof instantiateStreaming;
  Module: typeof Module;
  Instance: typeof Instance;
  Memory: typeof Memory;
  Table: typeof Table;
  Global: typeof Global;
  CompileError: typeof CompileError;
  LinkError: typeof LinkError;
  RuntimeError: typeof RuntimeError;
}

const ns = {} as WebAssemblyNamespace;
const functions = { compile, validate, instantiate, compileStreaming, instantiateStreaming };
const interfaces = { Module, Instance, Table, Memory, Global, CompileError, LinkError, RuntimeError };
for (const [k, v] of Object.entries(functions)) {
  Object.defineProperty(ns, k, { value: v, writable: true, enumerable: true, configurable: true });
}
for (const [k, v] of Object.entries(interfaces)) {
  Object.defineProperty(ns, k, { value: v, writable: true, enumerable: false, configurable: true });
}
Object.defineProperty(ns, Symbol.toStringTag, { value: 'WebAssembly', configurable: true });

/** wasmlet's implementation of the `WebAssembly` namespace. */
export const WebAssembly: WebAssemblyNamespace = ns;

/**
 * Makes `globalThis.WebAssembly` wasmlet's, when the host has none (or always, with force).
 * Returns true when it installed it.
 */
export function installWebAssembly(opts: { force?: boolean } = {}): boolean {
  const g = globalThis as { WebAssembly?: unknown };
  if (!opts.force && typeof g.WebAssembly !== 'undefined') return false;
  Object.defineProperty(globalThis, 'WebAssembly', { value: ns, writable: true, enumerable: false, configurable: true });
  return true;
}

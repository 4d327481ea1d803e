// The `wasmlet/webassembly` entry point: wasmlet's `WebAssembly` namespace object (also the default
// export), its members by name, and installWebAssembly() (what `wasmlet/polyfill` runs).
import { WebAssembly } from './namespace.js';

export { WebAssembly, installWebAssembly, type WebAssemblyNamespace } from './namespace.js';
export { validate, compile, instantiate, type WebAssemblyInstantiatedSource } from './functions.js';
export { compileStreaming, instantiateStreaming } from './streaming.js';
export { Module, type ModuleExportDescriptor, type ModuleImportDescriptor, type ImportExportKind } from './module.js';
export { Instance } from './instance.js';
export { Memory, type MemoryDescriptor } from './memory.js';
export { Table, type TableDescriptor } from './table.js';
export { Global, type GlobalDescriptor } from './global.js';
export { CompileError, LinkError, RuntimeError, type WasmErrorConstructor } from './errors.js';
export default WebAssembly;

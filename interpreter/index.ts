// The public API of the wasmlet engine. Everything outside interpreter/ imports only this file.
// A thin wiring file: types, errors, opcode facts, runtime objects, contexts, the decoder, validator and
// text format, and the convenience API (logic lives in runtime/api.ts and runtime/instantiate.ts).

// Module structure and value types.
export * from './types.js';
// Errors.
export { CompileError, LinkError, RuntimeError, Trap } from './errors.js';
// Opcode facts.
export { OPS, opInfo, opByName, Op, Imm, PREFIX_FC, PREFIX_FE, type OpInfo } from './opcodes.js';

// Runtime objects.
export { Memory, WASM_PAGE, HOST_PAGE, HOST_PAGE_SHIFT, MAX_PAGES } from './runtime/memory.js';
export { Table, MAX_TABLE_SIZE } from './runtime/table.js';
export { Global } from './runtime/global.js';
export { FuncInst, BLOCK, TailCall, type HostFn, type HostCall } from './runtime/func.js';
export { Instance, type ExternVal } from './runtime/instance.js';
export { WaitResult, type Waiter } from './runtime/waiter.js';

// Execution contexts.
export { Context, Status } from './exec/context.js';

// Binary, validation, text.
export { decodeModule } from './binary/decode.js';
export { validateModule, type ValidateOptions } from './valid/index.js';
export { watToBinary, parseWast } from './text/index.js';
export type * from './text/wast-types.js';

// Instantiation and the convenience API.
export { instantiate, sameFuncType, type Imports, type InstantiateOptions } from './runtime/instantiate.js';
export { evalConstExpr } from './runtime/constexpr.js';
export {
  toRaw, fromRaw, readGlobal, writeGlobal, defaultRaw, pairToI64, pairToU64, asValType, type TypeLike,
} from './runtime/values.js';
export {
  compile, invoke, callFunc, getExport, getFunc, getMemory, funcType, hostFunction,
  createGlobal, createTable, createMemory, getGlobalValue, setGlobalValue,
  readMemory, writeMemory, readString, createContext, startContext,
} from './runtime/api.js';
export { defaultContext } from './runtime/default-context.js';
export { rawArgs } from './runtime/raw-args.js';

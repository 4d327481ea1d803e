// The WASI preview1 layer's public names: the import builder, the host and filesystem interfaces it
// needs, errno/rights/flag constants, the default and recording nondeterminism doors, stdio devices.
export { createWasiImports, createWasiFunctions, wasiDefs, WASI_MODULE } from './imports.js';
export type { WasiHost, Nondeterminism } from './host-interface.js';
export type { WasiFs, FileStat, FdStat, DirEntry, StreamDevice, Readiness } from './fs-interface.js';
export { Errno, WasiError, fail } from './errno.js';
export * from './constants.js';
export * from './rights.js';
export { systemNondeterminism, type SystemNondetOptions } from './nondet.js';
export { recordNondeterminism, replayNondeterminism, type NondetEvent } from './nondet-record.js';
export { stdioDevices, type StdioSource } from './stdio.js';
export { Guest, encodeUtf8 } from './guest-memory.js';
export { callWasi, type WasiDef, type WasiDefs } from './call.js';
export { ExitError } from '../exit-error.js';

// The `wasmlet` package's library entry point: the documented public names only. Other parts of the
// runtime add theirs here. The engine itself is `wasmlet/interpreter`; the standard JS API alone is
// `wasmlet/webassembly`, and `wasmlet/polyfill` installs it as globalThis.WebAssembly where none exists.

// The W3C WebAssembly JavaScript Interface on wasmlet (src/webassembly/).
export { WebAssembly, installWebAssembly, type WebAssemblyNamespace } from './webassembly/index.js';

// The function runtime (src/module/, src/memory/): Faasm's WasmModule and Message, function stores,
// stdout capture, memory management.
export {
  WasmModule, formatTrap, TRAP_EXIT_CODE, FUEL_EXIT_CODE, MIGRATED_EXIT_CODE, ENTRY_FUNC_NAME, ZYGOTE_FUNC_NAME,
  type WasmModuleOptions,
} from './module/wasm-module.js';
export type { MigrationPolicy } from './module/module-checkpoints.js';
export type { AddressRange } from './module/module-merge.js';
export {
  createMessage, argvForMessage, funcToString, ThreadRequestType, type Message, type BatchExecuteRequest,
} from './module/message.js';
export { splitCmdline } from './module/cmdline.js';
export {
  DirectoryFunctionStore, MapFunctionStore, FileFunctionStore, FunctionNotFoundError, type FunctionStore,
} from './module/function-store.js';
export { OutputCapture, type OutputSink } from './module/output-capture.js';
export type { DirMount, StdinMode } from './module/module-host.js';
export {
  ModuleMemory, MemoryError, GUARD_REGION_SIZE, FreeList, GuardRegions, CheckedMemory, resizeMemory,
  engineHasGuardHook, type Region, type MemoryBookkeeping,
} from './memory/index.js';
export { ExitError } from '../syscalls/exit-error.js';

// Snapshots (src/snapshot/): snapshot data and its byte format, the registry, diffs and merge regions.
export {
  SnapshotDataType, SnapshotMergeOperation, SnapshotError, SnapshotFormatError, MergeRegionError, SnapshotData,
  SnapshotRegistry, InMemoryRemoteStore, serialiseSnapshot, deserialiseSnapshot,
  type SnapshotDiff, type MergeRegion, type DirtyRegion, type RemoteSnapshotStore,
} from './snapshot/index.js';
export { FunctionMigratedError } from '../syscalls/faasm/snapshot.js';

// Threads (src/threads/): the deterministic scheduler, thread stacks, pthreads and wasi-threads hosts.
export {
  Scheduler, DeadlockError, ThreadStacks, ThreadRuntime, THREAD_STACK_SIZE, DEFAULT_SLICE, ThreadError, ThreadExit,
  type ThreadOptions, type SchedulerOptions, type TraceEntry, type RunOutcome, type ThreadScheduler, type SchedThread,
  type SpawnOptions, type BlockOptions, type WaitReason, type StackSlot,
} from './threads/index.js';
export { PthreadMutex, UnknownMutexError } from '../syscalls/threads/index.js';

// Threads of one module as deterministic, cooperatively scheduled contexts over one memory: the
// scheduler, thread stacks, per-thread globals, the futex waiter, the thread runtime a WasmModule
// holds, and thread batches.
export {
  Scheduler, DeadlockError, DEFAULT_SLICE, describeWait, ThreadError, ThreadExit,
  type SchedulerOptions, type TraceEntry, type SliceOutcome, type RunOutcome,
  type ThreadScheduler, type SchedThread, type SpawnOptions, type BlockOptions, type WaitReason, type WaitKind, type ThreadState,
} from './scheduler.js';
export { ThreadStacks, THREAD_STACK_SIZE, type StackSlot, type ThreadStackOptions } from './stacks.js';
export { findThreadGlobals, globalNames, GlobalSwap, type ThreadGlobalSet } from './thread-globals.js';
export { FutexWaiter } from './futex.js';
export { ThreadRuntime, moduleUsesThreads, threadNeeds, type ThreadOptions, type ThreadNeeds } from './runtime.js';
export { runThreadMessages } from './batch.js';

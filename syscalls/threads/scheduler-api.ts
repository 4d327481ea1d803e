// The scheduler as the thread libraries see it (pthreads here, OpenMP in syscalls/openmp/): the narrow
// interface syscalls/ needs, implemented by src/threads/scheduler.ts (syscalls/ never imports src/).
//
// Model. Threads are contexts (interpreter Context) of ONE module instance over ONE memory, run one
// at a time by a cooperative, deterministic scheduler: a thread runs until it blocks, exits or spends
// its fuel slice; then the next runnable thread runs (fixed order by id, or a seeded permutation).
// The module's per-thread globals (__stack_pointer, __tls_base where present) are swapped at every
// switch, so each thread sees its own stack.
//
// Blocking from a host function (the ONE rule every blocking host function follows):
//   1. first:  `const r = sched.resumed(); if (r !== null) return r.value;`
//      — when a blocked call is retried after a wake, this returns what the waker passed to wake();
//   2. if the call can complete now, do it and return its result;
//   3. else put `sched.current` on your own wait queue and `return sched.block(reason)`.
//      The engine stops the context with Status.Blocked; the scheduler runs others. Whoever releases
//      the resource calls `sched.wake(thread, resultValue)`; the thread becomes runnable and its
//      host call is retried (same arguments), where step 1 returns resultValue.
// A thread that is blocked is never retried before it is woken (or its timeout fires), so a wait queue
// of your own plus wake() is all a primitive needs. The primitives below (join, barrier, yieldNow)
// follow the same rule internally and may be returned from directly.
import type { BLOCK, Context, FuncInst, Global, Instance, Memory } from '../../interpreter/index.js';

/** What a blocked thread waits for (named in the deadlock report). */
export type WaitKind =
  | 'mutex' | 'cond' | 'rwlock-read' | 'rwlock-write' | 'join' | 'futex' | 'barrier' | 'once'
  | 'team' | 'sleep' | 'yield' | 'other';

export interface WaitReason {
  kind: WaitKind;
  /** Guest address of the object waited on (mutex, condition, rwlock, barrier, futex, once). */
  addr?: number;
  /** The thread id waited for (join). */
  target?: number;
  /** Full text for the deadlock report (default: made from kind, addr and target), e.g.
   *  "mutex 0x1040 (held by thread 3)". May be a function, evaluated when the report is made. */
  text?: string | (() => string);
}

export type ThreadState = 'runnable' | 'blocked' | 'done';

/** One thread (context) of the scheduler. Host libraries keep their per-thread state in `data`. */
export interface SchedThread {
  /** Thread id: 1 is the main thread, spawned threads count up from 2 in creation order. */
  readonly id: number;
  /** For messages: "thread 3 (worker_main)". */
  readonly name: string;
  /** The thread's context (once the thread is done, the scheduler may reuse it for a new thread). */
  readonly context: Context;
  readonly state: ThreadState;
  /** What it waits on while blocked, else null. */
  readonly waiting: WaitReason | null;
  /** Top of the thread's stack (the initial __stack_pointer), or -1 when it has no stack of ours. */
  readonly stackTop: number;
  /** Per-thread state of host libraries: use a private key (a symbol or an object) per library. */
  readonly data: Map<unknown, unknown>;
  /** Raw results of the entry function once done ([] when it ended through exitThread/pthread_exit). */
  readonly results: unknown[];
  /** The exit value (pthread_exit's argument, or the entry's first i32 result), valid once done. */
  readonly exitValue: number;
  /** Detached threads are forgotten when they end (join → error). */
  detached: boolean;
}

export interface SpawnOptions {
  /** Used in messages (default: the entry function's name). */
  name?: string;
  /** Give the thread a stack from the thread-stack pool (default true); its __stack_pointer starts at
   *  the slot's top. False: the thread sets up its own stack (wasi-threads' wasi_thread_start does). */
  stack?: boolean;
  /** Bytes of stack wanted (default and maximum: the pool's slot size; a larger value is capped). */
  stackSize?: number;
  detached?: boolean;
}

/** Options of a blocking call. */
export interface BlockOptions {
  /** Relative timeout in scheduler nanoseconds (default Infinity: no timeout). See now(). */
  timeoutNs?: number;
  /** Called (with no thread running) when the timeout fires: take `thread` off your wait queue and
   *  either wake(thread, value) or leave it blocked with setWaiting(thread, …). Default:
   *  wake(thread, timeoutValue). */
  onTimeout?: (thread: SchedThread) => void;
  /** The wake value used by the default onTimeout (default: 'timeout'). */
  timeoutValue?: unknown;
}

export interface ThreadScheduler {
  /** The module instance every thread runs. */
  readonly instance: Instance;
  /** Its memory 0 (the one memory threads share), or null. */
  readonly memory: Memory | null;
  /** The module's stack pointer global (__stack_pointer), swapped per thread; null when the module
   *  has none (its threads then have no stacks of ours). */
  readonly stackPointer: Global | null;

  /** The running thread: host functions always run on one. Throws when called with none running. */
  readonly current: SchedThread;
  /** current.id (1 = main). */
  currentId(): number;
  /** The thread with this id, if it exists and has not been forgotten (joined or detached and done). */
  thread(id: number): SchedThread | undefined;
  /** Every live or unjoined thread, by id. */
  threads(): readonly SchedThread[];

  /**
   * Creates a thread running `entry(...args)` (raw values) and makes it runnable at once (POSIX
   * semantics: it runs when the scheduler next picks it; the caller keeps running). `entry` is a
   * FuncInst or an index into the instance's table 0 (a C function pointer). `args` may be a function
   * of the new thread's id (wasi-threads passes the id to wasi_thread_start). Errors (bad index, type
   * mismatch, no stack left) throw a ThreadError with a message; map it to an errno yourself.
   */
  spawn(entry: FuncInst | number, args: readonly unknown[] | ((id: number) => readonly unknown[]), opts?: SpawnOptions): SchedThread;

  /** Makes sure n threads about to be spawned with stacks find free stack slots, creating the
   *  missing ones together (one growth of memory instead of one per thread). Optional to call. */
  reserveStacks(n: number): void;

  /** Step 3 of the rule above: marks the current thread blocked on `reason`; return its result. */
  block(reason: WaitReason, opts?: BlockOptions): typeof BLOCK;
  /** Step 1 of the rule above: { value } when the current call is the retry of a woken block. */
  resumed(): { value: unknown } | null;
  /** Makes a blocked thread runnable; its retried call's resumed() gives `value`. Waking a thread
   *  that is not blocked is an error. Cancels its timeout. */
  wake(thread: SchedThread, value: unknown): void;
  /** Changes what a blocked thread waits on (it moved to another queue), keeping it blocked; with
   *  opts the timeout is replaced as well. */
  setWaiting(thread: SchedThread, reason: WaitReason, opts?: BlockOptions): void;

  /** sched_yield: ends the current thread's slice; its retried call gets { value: 0 }. */
  yieldNow(): typeof BLOCK;
  /**
   * Waits until `target` is done; returns its exit value, or BLOCK (call it again on the retry, or
   * return resumed().value: the wake value is the exit value). Joining yourself is an error
   * (ThreadError); the caller decides whether to forget the thread afterwards (forget()).
   */
  join(target: SchedThread): number | typeof BLOCK;
  /** Drops a done thread from the table (after a join, or for detached threads the scheduler does it). */
  forget(thread: SchedThread): void;
  /**
   * A reusable barrier of `count` threads identified by `key` (any value: a guest address, an object):
   * returns BLOCK until `count` threads have arrived, then 1 for the last to arrive (the "serial"
   * thread, which does not block) and 0 for the others (as their wake value). OpenMP teams use it with
   * a per-team key; pthread_barrier_wait builds on it. Call it again on the retry (or return resumed()).
   */
  barrier(key: unknown, count: number, reason?: WaitReason): number | typeof BLOCK;
  /** Called when `thread` ends (done, exited or trapped), before joiners are woken. */
  onExit(thread: SchedThread, fn: (thread: SchedThread) => void): void;
  /**
   * Ends the current thread from inside a host function (pthread_exit): throws a ThreadExit the
   * scheduler catches; the thread is done with exitValue `value`. Ending the main thread this way lets
   * the others run on; the program ends when the last one ends (exit code 0).
   */
  exitThread(value: number): never;

  /** Scheduler time in nanoseconds: advances 1 ns per fuel unit of every full slice (a slice ended by
   *  sched_yield counts as full), and jumps to the earliest timeout when every thread is blocked.
   *  Timeouts count this time, so runs are reproducible (sleeps: docs/DECISIONS.md D31). */
  now(): number;
  /** Calls fn(...args) synchronously on the current thread (nested activation on its context);
   *  fn must not block (a block throws). For short callbacks: pthread_once routines, key destructors. */
  callSync(entry: FuncInst | number, args: readonly unknown[]): unknown[];
  /** A function of the instance's table 0 (a C function pointer), checked: ThreadError when the slot
   *  is empty or out of range. */
  tableFunc(index: number): FuncInst;
}

/** A misuse the host should report (bad function pointer, no stack slot left, joining yourself). */
export class ThreadError extends Error {
  constructor(message: string) { super(message); this.name = 'ThreadError'; }
}

/** Thrown by exitThread(): unwinds the thread's context; the scheduler catches it. */
export class ThreadExit extends Error {
  constructor(readonly value: number) { super(`thread exit (${value})`); this.name = 'ThreadExit'; }
}

/** What the thread libraries need from the runtime besides the scheduler. */
export interface ThreadHostEnv {
  /** The module's environment entries ("K=V"), for OMP_NUM_THREADS and the like. */
  env(): readonly string[];
  /** Team size asked for on the command line (--threads N) or the API, or undefined. */
  readonly threads?: number;
  /** Stack bytes of a thread-stack slot (the default and largest pthread stack size). */
  readonly stackSize?: number;
  /** Current time of a WASI clock (ns) through the module's nondeterminism door (for absolute
   *  deadlines such as pthread_cond_timedwait's, and omp_get_wtime). */
  clockNs(clockId: number): bigint;
}

// The deterministic cooperative scheduler: threads are contexts of one instance over one memory, run
// one at a time. A thread runs until it blocks, ends or spends its fuel slice; then the next runnable
// thread runs — the next id after the last one run (cyclic), or, with a seed, a choice drawn from a
// seeded generator (and a seeded slice length), so one seed always gives one interleaving. Every
// thread blocked and no timeout pending ends the run with a DeadlockError naming each thread and what
// it waits on; every thread blocked with a timeout pending makes scheduler time jump to the earliest
// one (sleeping threads: poll_oneoff through ThreadRuntime.sleeper). Scheduler time advances by the
// slice of every slice spent in full or ended by a yield. Each slice can be recorded (thread, fuel,
// outcome) and the whole schedule is hashed.
// Per-thread globals (__stack_pointer, __tls_base) are swapped at each switch.
//
// The API the thread libraries use is ThreadScheduler (syscalls/threads/scheduler-api.ts: the
// blocking rule, spawn, block/wake, join, barrier, per-thread data); this class adds what the runtime
// drives it with: runMain (a program's main thread plus every thread it creates), runUntil, the trace.
import { createHash, type Hash } from 'node:crypto';
import {
  BLOCK, FuncInst, RuntimeError, Status, ValType, createContext, type Context, type Global, type Instance, type Memory,
} from '../../interpreter/index.js';
import {
  ThreadError, ThreadExit, type BlockOptions, type SchedThread, type SpawnOptions, type ThreadScheduler,
  type ThreadState, type WaitReason,
} from '../../syscalls/threads/scheduler-api.js';
import { ExitError } from '../../syscalls/exit-error.js';
import type { StackSlot, ThreadStacks } from './stacks.js';
import { GlobalSwap, type ThreadGlobalSet } from './thread-globals.js';
import { FutexWaiter } from './futex.js';
import { mulberry32 } from './mulberry32.js';
import { inUnpreemptible } from './unpreemptible.js';

/** Fuel units a slice is extended by while its thread is inside an unpreemptible function. */
const EXTENSION = 1000;

export { ThreadError, ThreadExit } from '../../syscalls/threads/scheduler-api.js';
export type {
  ThreadScheduler, SchedThread, SpawnOptions, BlockOptions, WaitReason, WaitKind, ThreadState,
} from '../../syscalls/threads/scheduler-api.js';

/** Fuel units per slice when none is given. */
export const DEFAULT_SLICE = 10_000;

export interface SchedulerOptions {
  /** Permute scheduling choices (next thread, slice length) reproducibly; undefined: fixed order. */
  seed?: number;
  /** Fuel units per slice (default DEFAULT_SLICE); with a seed, slices vary in [1, 2 × slice]. */
  slice?: number;
  /** Record every slice in `trace` (the hash is always kept). */
  trace?: boolean;
  /** Deepest wasm call stack of a thread's context (frames). */
  maxDepth?: number;
  /** Where thread stacks come from; null: threads run without stacks of their own. */
  stacks?: ThreadStacks | null;
  /** The per-thread globals (default: none). */
  threadGlobals?: ThreadGlobalSet;
}

/** How a slice ended. */
export type SliceOutcome = 'yield' | 'block' | 'done' | 'exit' | 'trap';

export interface TraceEntry {
  /** Thread id. */
  tid: number;
  /** Fuel the slice was given (all of it was spent when the outcome is 'yield'). */
  fuel: number;
  outcome: SliceOutcome;
}

/** The end of a run: the main thread's results, or why it stopped. */
export interface RunOutcome {
  /** Done (main returned, or every thread ended after main's pthread_exit), Trapped (a trap in any
   *  thread, proc_exit, a deadlock: see error) or Yielded (the fuel budget ran out). */
  status: Status.Done | Status.Trapped | Status.Yielded;
  /** The main thread's raw results when Done. */
  results: unknown[];
  /** RuntimeError (traps carry the thread's name), DeadlockError or ExitError when Trapped. */
  error: unknown;
}

/** Every thread is blocked and none has a timeout: nothing can ever run again. */
export class DeadlockError extends RuntimeError {
  constructor(readonly blocked: { id: number; name: string; waiting: string }[], time: number) {
    super(`deadlock: every thread is blocked (scheduler time ${time} ns)\n`
      + blocked.map((b) => `  ${b.name}: waiting for ${b.waiting}`).join('\n'));
    this.name = 'DeadlockError';
  }
}

/** One thread: its context, saved globals, stack slot and wait state. */
class Thread implements SchedThread {
  state: ThreadState = 'runnable';
  waiting: WaitReason | null = null;
  readonly data = new Map<unknown, unknown>();
  results: unknown[] = [];
  exitValue = 0;
  /** A wake for the retried call (resumed()). */
  wakeRecord: { value: unknown } | null = null;
  deadline = Infinity;
  onTimeout: ((t: SchedThread) => void) | null = null;
  timeoutValue: unknown = 'timeout';
  readonly exitHooks: ((t: SchedThread) => void)[] = [];
  readonly joiners: Thread[] = [];
  /** The entry function (for the exit value of its results). */
  entry: FuncInst | null = null;
  constructor(
    readonly id: number, readonly name: string, readonly context: Context, readonly stackTop: number,
    readonly saved: Int32Array, public slot: StackSlot | null, public detached: boolean,
  ) {}
}

/** Default deadlock-report text of a wait reason. */
export function describeWait(r: WaitReason): string {
  if (r.text !== undefined) return typeof r.text === 'function' ? r.text() : r.text;
  const a = r.addr !== undefined ? ` 0x${(r.addr >>> 0).toString(16)}` : '';
  switch (r.kind) {
    case 'mutex': return `mutex${a}`;
    case 'cond': return `condition variable${a}`;
    case 'rwlock-read': return `read lock of rwlock${a}`;
    case 'rwlock-write': return `write lock of rwlock${a}`;
    case 'join': return `join of thread ${r.target ?? '?'}`;
    case 'futex': return `futex (memory.atomic.wait) at${a}`;
    case 'barrier': return `barrier${a}`;
    case 'once': return `pthread_once${a}`;
    case 'team': return `team barrier${a}`;
    case 'sleep': return 'a timeout';
    case 'yield': return 'its turn';
    default: return `something${a}`;
  }
}

/** Slices buffered before they go into the schedule hash (SHA-256 costs ≈170 ns per update call). */
const HASH_BATCH = 1024;
const OUTCOME_CODE: Record<SliceOutcome, number> = { yield: 0, block: 1, done: 2, exit: 3, trap: 4 };

const OUTCOME: Record<number, SliceOutcome> = {
  [Status.Yielded]: 'yield', [Status.Blocked]: 'block', [Status.Done]: 'done', [Status.Trapped]: 'trap',
};

export class Scheduler implements ThreadScheduler {
  readonly instance: Instance;
  readonly memory: Memory | null;
  readonly stacks: ThreadStacks | null;
  readonly waiter: FutexWaiter;
  /** Counters of the last run. */
  readonly stats = { slices: 0, switches: 0, spawned: 0, extended: 0 };
  /** The recorded schedule of the last run (when tracing). */
  trace: TraceEntry[] = [];
  private seed: number | undefined;
  private slice: number;
  private tracing: boolean;
  private readonly maxDepth: number | undefined;
  private readonly swap: GlobalSwap;
  private readonly sp: ThreadGlobalSet['stackPointer'];
  private all = new Map<number, Thread>();
  private cur: Thread | null = null;
  private loaded: Thread | null = null;
  private main: Thread | null = null;
  private mainExited = false;
  private lastId = 0;
  private nextId = 2;
  private time = 0;
  private rng: (() => number) | null = null;
  private hash: Hash = createHash('sha256');
  /** Slices not yet in `hash`: (tid, fuel, outcome) triples. */
  private pending = new Int32Array(3 * HASH_BATCH);
  private npending = 0;
  private initialGlobals: Int32Array;
  private barriers = new Map<unknown, Thread[]>();
  /** Contexts of ended threads, reused by spawn (a context is ≈40 KB of stacks to allocate). */
  private readonly pool: Context[] = [];
  /** Blocked threads with a finite deadline. */
  private readonly timed = new Set<Thread>();
  private readonly startHooks: (() => void)[] = [];

  constructor(instance: Instance, opts: SchedulerOptions = {}) {
    this.instance = instance;
    this.memory = instance.mems[0] ?? null;
    this.stacks = opts.stacks ?? null;
    this.seed = opts.seed;
    this.slice = Math.max(1, Math.floor(opts.slice ?? DEFAULT_SLICE));
    this.tracing = opts.trace ?? false;
    this.maxDepth = opts.maxDepth;
    const tg = opts.threadGlobals ?? { globals: [], stackPointer: null, tlsBase: null };
    this.swap = new GlobalSwap(tg.globals);
    this.sp = tg.stackPointer !== null && tg.globals.includes(tg.stackPointer) ? tg.stackPointer : null;
    this.initialGlobals = this.swap.capture();
    this.waiter = new FutexWaiter(this);
    if (this.memory !== null && this.memory.shared) this.memory.waiter = this.waiter;
  }

  /** Changes seed, slice or tracing for the next run. `seed: undefined` restores the fixed order. */
  configure(opts: Pick<SchedulerOptions, 'seed' | 'slice' | 'trace'>): void {
    if ('seed' in opts) this.seed = opts.seed;
    if (opts.slice !== undefined) this.slice = Math.max(1, Math.floor(opts.slice));
    if (opts.trace !== undefined) this.tracing = opts.trace;
  }

  get options(): { seed: number | undefined; slice: number; trace: boolean } {
    return { seed: this.seed, slice: this.slice, trace: this.tracing };
  }

  /** Called at the start of every run (host libraries clear their objects: memory was reset). */
  onRunStart(fn: () => void): void { this.startHooks.push(fn); }

  // ------------------------------------------------------------------ ThreadScheduler

  get current(): SchedThread {
    if (this.cur === null) throw new ThreadError('no thread is running');
    return this.cur;
  }
  currentId(): number { return this.current.id; }
  get stackPointer(): Global | null { return this.sp; }
  /** The running thread, or null when the scheduler is not running one (outside a run, or between
   *  slices): whether a host function may block through it. */
  get running(): SchedThread | null { return this.cur; }
  thread(id: number): SchedThread | undefined { return this.all.get(id); }
  threads(): readonly SchedThread[] { return [...this.all.values()]; }
  now(): number { return this.time; }

  tableFunc(index: number): FuncInst {
    const t = this.instance.tables[0];
    const f = t !== undefined && index >= 0 && index < t.elements.length ? t.elements[index] : null;
    if (!(f instanceof FuncInst)) throw new ThreadError(`function pointer ${index} is not a function of table 0`);
    return f;
  }

  private resolve(entry: FuncInst | number): FuncInst {
    return typeof entry === 'number' ? this.tableFunc(entry) : entry;
  }

  /** As ThreadScheduler.spawn; `slot` (runtime use: Faasm's thread-pool index) picks the stack slot. */
  spawn(entry: FuncInst | number, argsIn: readonly unknown[] | ((id: number) => readonly unknown[]), opts: SpawnOptions & { slot?: number } = {}): SchedThread {
    const f = this.resolve(entry);
    const args = typeof argsIn === 'function' ? argsIn(this.nextId) : argsIn;
    if (f.type.params.length !== args.length) {
      throw new ThreadError(`thread entry ${f.name} takes ${f.type.params.length} argument(s), given ${args.length}`);
    }
    let slot: StackSlot | null = null, top = -1;
    if (opts.stack !== false && this.sp !== null) {
      if (this.stacks === null) throw new ThreadError('no thread stacks: the scheduler has no stack pool');
      try {
        if (opts.slot === undefined) slot = this.stacks.acquire();
        else {
          if (this.stacks.count <= opts.slot) this.stacks.createThreadStacks(opts.slot + 1 - this.stacks.count);
          slot = this.stacks.slot(opts.slot);
          if (slot.inUse) throw new Error(`thread stack slot ${opts.slot} is in use`);
          slot.inUse = true;
        }
      } catch (e) { throw new ThreadError((e as Error).message); }
      const size = Math.min(Math.max(opts.stackSize ?? Infinity, 256), slot.stackHigh - slot.stackLow);
      top = (slot.stackLow + size - 16) & ~15;
    }
    const saved = this.initialGlobals.slice();
    if (this.sp !== null && top >= 0) this.swap.setI32(saved, this.sp, top);
    const ctx = this.pool.pop() ?? createContext({ maxDepth: this.maxDepth });
    ctx.start(f, [...args]);
    const id = this.nextId++;
    const t = new Thread(id, `thread ${id} (${opts.name ?? f.name})`, ctx, top, saved, slot, opts.detached ?? false);
    t.entry = f;
    this.all.set(id, t);
    this.stats.spawned++;
    return t;
  }

  reserveStacks(n: number): void {
    if (this.stacks === null || this.sp === null) return;
    try { this.stacks.reserve(n); } catch (e) { throw new ThreadError((e as Error).message); }
  }

  block(reason: WaitReason, opts: BlockOptions = {}): typeof BLOCK {
    const t = this.cur;
    if (t === null) throw new ThreadError('block() with no thread running');
    t.state = 'blocked';
    t.waiting = reason;
    this.setTimeout(t, opts);
    return BLOCK;
  }

  private setTimeout(t: Thread, opts: BlockOptions): void {
    const ns = opts.timeoutNs ?? Infinity;
    t.deadline = ns === Infinity ? Infinity : this.time + Math.max(0, ns);
    if (t.deadline === Infinity) this.timed.delete(t); else this.timed.add(t);
    t.onTimeout = opts.onTimeout ?? null;
    t.timeoutValue = 'timeoutValue' in opts ? opts.timeoutValue : 'timeout';
  }

  resumed(): { value: unknown } | null {
    const t = this.cur;
    if (t === null) return null;
    const r = t.wakeRecord;
    t.wakeRecord = null;
    return r;
  }

  wake(thread: SchedThread, value: unknown): void {
    const t = thread as Thread;
    if (t.state !== 'blocked') throw new Error(`wasmlet scheduler: wake() of ${t.name}, which is ${t.state}`);
    t.state = 'runnable';
    t.waiting = null;
    t.wakeRecord = { value };
    t.deadline = Infinity;
    t.onTimeout = null;
    this.timed.delete(t);
  }

  setWaiting(thread: SchedThread, reason: WaitReason, opts?: BlockOptions): void {
    const t = thread as Thread;
    if (t.state !== 'blocked') throw new Error(`wasmlet scheduler: setWaiting() of ${t.name}, which is ${t.state}`);
    t.waiting = reason;
    if (opts !== undefined) this.setTimeout(t, opts);
  }

  yieldNow(): typeof BLOCK {
    const t = this.cur;
    if (t === null) throw new ThreadError('yield with no thread running');
    t.wakeRecord = { value: 0 };
    return BLOCK;
  }

  join(target: SchedThread): number | typeof BLOCK {
    const t = this.cur;
    if (t === null) throw new ThreadError('join with no thread running');
    const r = this.resumed();
    if (r !== null) return r.value as number;
    if (target === t) throw new ThreadError(`${t.name} cannot join itself`);
    if (target.state === 'done') return target.exitValue;
    (target as Thread).joiners.push(t);
    return this.block({ kind: 'join', target: target.id });
  }

  forget(thread: SchedThread): void {
    if (thread.state === 'done') this.all.delete(thread.id);
  }

  barrier(key: unknown, count: number, reason?: WaitReason): number | typeof BLOCK {
    const t = this.cur;
    if (t === null) throw new ThreadError('barrier with no thread running');
    const r = this.resumed();
    if (r !== null) return r.value as number;
    if (count <= 1) return 1;
    let arrived = this.barriers.get(key);
    if (arrived === undefined) this.barriers.set(key, arrived = []);
    if (arrived.length + 1 >= count) {
      this.barriers.delete(key);
      for (const w of arrived) this.wake(w, 0);
      return 1;
    }
    arrived.push(t);
    return this.block(reason ?? { kind: 'barrier', text: `barrier ${typeof key === 'number' ? `0x${key.toString(16)}` : String(key)} (${arrived.length} of ${count} arrived)` });
  }

  onExit(thread: SchedThread, fn: (thread: SchedThread) => void): void { (thread as Thread).exitHooks.push(fn); }

  exitThread(value: number): never { throw new ThreadExit(value | 0); }

  callSync(entry: FuncInst | number, args: readonly unknown[]): unknown[] {
    const f = this.resolve(entry);
    return this.current.context.invoke(f, [...args]);
  }

  // ------------------------------------------------------------------ driving

  /** Forgets every thread and wait state (a new run). */
  private begin(): void {
    this.all.clear();
    this.barriers.clear();
    this.timed.clear();
    this.waiter.clear();
    this.cur = null;
    this.loaded = null;
    this.main = null;
    this.mainExited = false;
    this.lastId = 0;
    this.nextId = 2;
    this.time = 0;
    this.rng = this.seed === undefined ? null : mulberry32(this.seed);
    this.hash = createHash('sha256');
    this.npending = 0;
    this.trace = [];
    this.stats.slices = this.stats.switches = this.stats.spawned = this.stats.extended = 0;
    this.stacks?.releaseAll();
    if (this.memory !== null && this.memory.shared) this.memory.waiter = this.waiter;
    for (const h of this.startHooks) h();
  }

  /**
   * Runs a program: `entry(args)` on `ctx` as the main thread (id 1, on the module's own stack), and
   * every thread it creates, until main returns (the others are abandoned, as exit() does), a thread
   * traps or calls proc_exit, everything deadlocks, or `fuel` units are spent. Afterwards the globals
   * hold the main thread's values.
   */
  runMain(ctx: Context, entry: FuncInst, args: readonly unknown[], fuel = Infinity): RunOutcome {
    this.begin();
    this.initialGlobals = this.swap.capture();
    const main = new Thread(1, 'thread 1 (main)', ctx, -1, this.initialGlobals.slice(), null, false);
    main.entry = entry;
    this.main = main;
    this.all.set(1, main);
    this.loaded = main;
    ctx.start(entry, [...args]);
    const out = this.drive(() => main.state === 'done' && (!this.mainExited || this.allDone()), fuel);
    if (out.status === Status.Done) out.results = main.results;
    return out;
  }

  /**
   * Starts a run with no main thread: spawn threads (spawn() works between runs only after this),
   * then drive them with runUntil.
   */
  beginRun(): void {
    this.begin();
    this.initialGlobals = this.swap.capture();
    this.loaded = null;
  }

  /** Runs the threads until `stop()` holds (checked before every slice), every thread has ended,
   *  or a trap, exit, deadlock or the fuel budget ends the run. */
  runUntil(stop: () => boolean, fuel = Infinity): RunOutcome {
    const saved = this.swap.capture();
    const out = this.drive(() => stop() || this.allDone(), fuel);
    if (this.main === null) { this.swap.load(saved); this.loaded = null; }
    return out;
  }

  private allDone(): boolean {
    for (const t of this.all.values()) if (t.state !== 'done') return false;
    return true;
  }

  private pick(): Thread | null {
    const rng = this.rng;
    if (rng !== null) {
      const ready: Thread[] = [];
      for (const t of this.all.values()) if (t.state === 'runnable') ready.push(t);
      return ready.length === 0 ? null : ready[rng() % ready.length];
    }
    let first: Thread | null = null;
    for (const t of this.all.values()) {
      if (t.state !== 'runnable') continue;
      if (t.id > this.lastId) return t;
      if (first === null) first = t;
    }
    return first;
  }

  private switchTo(t: Thread): void {
    if (this.loaded === t) return;
    if (this.loaded !== null) this.swap.save(this.loaded.saved);
    this.swap.load(t.saved);
    this.loaded = t;
    this.stats.switches++;
  }

  /** Fires the timeouts that are due (in thread order). */
  private fireTimeouts(): void {
    if (this.timed.size === 0) return;
    const due = [...this.timed].filter((t) => t.deadline <= this.time).sort((a, b) => a.id - b.id);
    for (const t of due) {
      if (t.state !== 'blocked' || t.deadline > this.time) continue;
      const cb = t.onTimeout, v = t.timeoutValue;
      t.deadline = Infinity;
      t.onTimeout = null;
      this.timed.delete(t);
      if (cb !== null) cb(t); else this.wake(t, v);
    }
  }

  private record(t: Thread, fuel: number, outcome: SliceOutcome): void {
    this.stats.slices++;
    const p = this.pending, k = 3 * this.npending;
    p[k] = t.id; p[k + 1] = fuel; p[k + 2] = OUTCOME_CODE[outcome];
    if (++this.npending === HASH_BATCH) { this.hash.update(p); this.npending = 0; }
    if (this.tracing) this.trace.push({ tid: t.id, fuel, outcome });
  }

  /** The SHA-256 (hex) of the schedule so far: every slice's thread id, fuel and outcome as three
   *  little-endian int32 values. */
  traceHash(): string {
    const h = this.hash.copy();
    if (this.npending > 0) h.update(this.pending.subarray(0, 3 * this.npending));
    return h.digest('hex');
  }

  private drive(stop: () => boolean, fuel: number): RunOutcome {
    let budget = fuel;
    try {
      for (;;) {
        if (stop()) return { status: Status.Done, results: [], error: null };
        this.fireTimeouts();
        const t = this.pick();
        if (t === null) {
          let d = Infinity;
          for (const b of this.timed) if (b.state === 'blocked' && b.deadline < d) d = b.deadline;
          if (d !== Infinity) { this.time = Math.max(this.time, d); continue; }
          return { status: Status.Trapped, results: [], error: this.deadlock() };
        }
        if (budget <= 0) return { status: Status.Yielded, results: [], error: null };
        let slice = this.rng !== null ? 1 + (this.rng() % (2 * this.slice)) : this.slice;
        if (slice > budget) slice = budget;
        this.switchTo(t);
        this.lastId = t.id;
        this.cur = t;
        let st: Status;
        try {
          st = t.context.run(slice);
          // A slice that ends inside the C library's unlocked allocator or stdio runs on until the
          // thread has left them (unpreemptible.ts): no other thread may enter them meanwhile.
          while (st === Status.Yielded && budget > slice && inUnpreemptible(t.context)) {
            budget -= slice; this.time += slice; this.stats.extended++;
            slice = Math.min(EXTENSION, budget);
            st = t.context.run(slice);
          }
        } finally { this.cur = null; }
        if (st === Status.Yielded) { budget -= slice; this.time += slice; }
        // A sched_yield (blocked, yet still runnable) gives up the rest of its slice, and scheduler
        // time counts it as spent (the fuel budget counts only work done): a thread spinning on
        // sched_yield while another sleeps in scheduler time (poll_oneoff, a timed wait) lets that
        // timeout come instead of holding the clock still forever.
        else if (st === Status.Blocked && t.state === 'runnable') this.time += slice;
        if (st === Status.Done) {
          this.record(t, slice, 'done');
          const r = t.context.results;
          this.finish(t, r, t.entry !== null ? exitValueOf(t.entry, r) : 0);
          continue;
        }
        if (st === Status.Trapped) {
          const e = t.context.error;
          if (e instanceof ThreadExit) {
            this.record(t, slice, 'exit');
            if (t === this.main) this.mainExited = true;
            this.finish(t, [], e.value);
            continue;
          }
          this.record(t, slice, 'trap');
          if (e instanceof ExitError) return { status: Status.Trapped, results: [], error: e };
          return { status: Status.Trapped, results: [], error: this.named(e, t) };
        }
        this.record(t, slice, OUTCOME[st] ?? 'block');
      }
    } finally {
      if (this.main !== null) this.switchTo(this.main);
    }
  }

  /** A thread ended: its stack goes back, exit hooks run (on it), joiners wake. */
  private finish(t: Thread, results: unknown[], exitValue: number): void {
    t.state = 'done';
    t.results = results;
    t.exitValue = exitValue | 0;
    t.waiting = null;
    const prev = this.cur;
    this.cur = t;
    try {
      for (const h of t.exitHooks) h(t);
    } finally { this.cur = prev; }
    if (t.slot !== null && this.stacks !== null) { this.stacks.release(t.slot); t.slot = null; }
    if (t !== this.main && this.pool.length < 64) this.pool.push(t.context);
    for (const j of t.joiners) if (j.state === 'blocked') this.wake(j, t.exitValue);
    t.joiners.length = 0;
    if (t.detached && t !== this.main) this.all.delete(t.id);
  }

  /** A trap of thread t, with the thread named (and a stack overflow recognised). */
  private named(e: unknown, t: Thread): unknown {
    if (!(e instanceof RuntimeError)) return e;
    if (e instanceof DeadlockError) return e;
    let reason = e.reason;
    const m = /guard page at 0x([0-9a-f]+)/.exec(reason);
    const slot = m !== null && this.stacks !== null ? this.stacks.slotOfGuard(parseInt(m[1], 16)) : null;
    if (slot !== null && slot === t.slot) {
      reason = `${t.name} overflowed its stack (${slot.stackHigh - slot.stackLow} bytes at 0x${slot.stackLow.toString(16)}): ${reason}`;
    } else if (t !== this.main || this.all.size > 1) {
      reason = `${t.name}: ${reason}`;
    } else return e;
    const n = new RuntimeError(reason);
    n.wasmStack = e.wasmStack;
    return n;
  }

  private deadlock(): DeadlockError {
    const blocked: { id: number; name: string; waiting: string }[] = [];
    for (const t of this.all.values()) {
      if (t.state === 'blocked') blocked.push({ id: t.id, name: t.name, waiting: describeWait(t.waiting ?? { kind: 'other' }) });
    }
    return new DeadlockError(blocked, this.time);
  }
}

/** The entry's first result as an i32 exit value, when it has one. */
export function exitValueOf(f: FuncInst, results: unknown[]): number {
  return f.type.results.length > 0 && f.type.results[0] === ValType.I32 ? results[0] as number : 0;
}

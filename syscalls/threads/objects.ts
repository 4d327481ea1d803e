// The pthread host objects, keyed by the guest address of the guest's object (so the guest header's
// struct layout does not matter): mutexes, condition variables, rwlocks, barriers, attributes, keys.
// A mutex used without pthread_mutex_init (PTHREAD_MUTEX_INITIALIZER) is created on first use, its
// type read from the first word of the guest object (0 normal, 1 recursive, 2 errorcheck: what the
// project's pthread.h initialisers put there). The registry is cleared when the module's memory is
// reset; a new run only drops the waiters of an earlier one.
import type { Memory } from '../../interpreter/index.js';
import type { SchedThread } from './scheduler-api.js';
import { hex, readI32 } from './host-util.js';

export const enum MutexType { Normal = 0, Recursive = 1, ErrorCheck = 2 }
export const PTHREAD_MUTEX_DEFAULT = MutexType.Normal;

/** A thread waiting for a mutex, and what its blocked call returns once it owns it. */
export interface MutexWaiter {
  thread: SchedThread;
  /** The blocked call's result once the mutex is handed over (0; ETIMEDOUT after a timed cond wait). */
  result: number;
  /** Recursion count to restore (condition waits on a recursive mutex). */
  count: number;
}

export class PthreadMutex {
  owner: SchedThread | null = null;
  /** Lock count (recursive mutexes). */
  count = 0;
  /** Waiting threads, first come first served: unlock hands the mutex to the first. */
  readonly waiters: MutexWaiter[] = [];
  constructor(readonly addr: number, public type: MutexType) {}
  describe(): string {
    const kind = this.type === MutexType.Recursive ? 'recursive ' : this.type === MutexType.ErrorCheck ? 'errorcheck ' : '';
    return `${kind}mutex ${hex(this.addr)}${this.owner !== null ? ` (held by ${this.owner.name})` : ''}`;
  }
}

export interface CondWaiter { thread: SchedThread; mutex: PthreadMutex; count: number }

export class PthreadCond {
  readonly waiters: CondWaiter[] = [];
  constructor(readonly addr: number, public clock: number) {}
}

export interface RwWaiter { thread: SchedThread; write: boolean }

export class PthreadRwlock {
  writer: SchedThread | null = null;
  /** Read locks held, by thread id (a thread may hold several). */
  readonly readers = new Map<number, number>();
  readonly waiters: RwWaiter[] = [];
  constructor(readonly addr: number) {}
  get readCount(): number { let n = 0; for (const c of this.readers.values()) n += c; return n; }
}

export class PthreadBarrier {
  constructor(readonly addr: number, readonly count: number) {}
}

export interface ThreadAttr { detached: boolean; stackSize: number }

export interface PthreadKey { destructor: number }

/** Every pthread object of one module, by guest address. */
export class PthreadObjects {
  readonly mutexes = new Map<number, PthreadMutex>();
  readonly mutexAttrs = new Map<number, MutexType>();
  readonly conds = new Map<number, PthreadCond>();
  readonly condAttrs = new Map<number, number>();
  readonly rwlocks = new Map<number, PthreadRwlock>();
  readonly barriers = new Map<number, PthreadBarrier>();
  readonly attrs = new Map<number, ThreadAttr>();
  /** Keys by id (ids from 1; deleted ids are not reused within a run). */
  readonly keys = new Map<number, PthreadKey>();
  nextKey = 1;
  /** pthread_once objects whose routine is running: address → threads waiting for it. */
  readonly onces = new Map<number, SchedThread[]>();

  clear(): void {
    this.mutexes.clear(); this.mutexAttrs.clear(); this.conds.clear(); this.condAttrs.clear();
    this.rwlocks.clear(); this.barriers.clear(); this.attrs.clear(); this.keys.clear(); this.onces.clear();
    this.nextKey = 1;
  }

  /** Forgets the waiters of every object (a new run: the threads of an earlier one are gone); what
   *  is locked stays locked, as the memory it stands for is unchanged. */
  dropWaiters(): void {
    for (const m of this.mutexes.values()) m.waiters.length = 0;
    for (const c of this.conds.values()) c.waiters.length = 0;
    for (const r of this.rwlocks.values()) r.waiters.length = 0;
    this.onces.clear();
  }

  /** The mutex at addr, or undefined (Faasm's getPthreadMutex throws; see getPthreadMutex below). */
  findMutex(addr: number): PthreadMutex | undefined { return this.mutexes.get(addr); }

  /** The mutex at addr, created (type from the guest's first word) when unknown. */
  getOrCreateMutex(addr: number, mem: Memory | null): PthreadMutex {
    let m = this.mutexes.get(addr);
    if (m === undefined) {
      const w = mem !== null ? readI32(mem, addr) : 0;
      const type = w === MutexType.Recursive || w === MutexType.ErrorCheck ? w : MutexType.Normal;
      this.mutexes.set(addr, m = new PthreadMutex(addr, type));
    }
    return m;
  }

  getOrCreateCond(addr: number): PthreadCond {
    let c = this.conds.get(addr);
    if (c === undefined) this.conds.set(addr, c = new PthreadCond(addr, 0));
    return c;
  }

  getOrCreateRwlock(addr: number): PthreadRwlock {
    let r = this.rwlocks.get(addr);
    if (r === undefined) this.rwlocks.set(addr, r = new PthreadRwlock(addr));
    return r;
  }
}

/** Thrown by getPthreadMutex for an address with no mutex. */
export class UnknownMutexError extends Error {
  constructor(addr: number) { super(`no pthread mutex at ${hex(addr)}`); this.name = 'UnknownMutexError'; }
}

// Locks of the OpenMP host: `critical` sections (keyed by the guest address of the critical's name
// variable), the reduction lock, and omp_lock_t / omp_nest_lock_t (keyed by the lock's address). Host
// objects only: nothing is written into the guest's lock variables. Waiters queue in arrival order
// and the lock is handed to the first of them on release, so runs are reproducible.
import { BLOCK } from '../../interpreter/index.js';
import type { SchedThread, ThreadScheduler, WaitReason } from '../threads/scheduler-api.js';

export class OmpLockError extends Error {
  constructor(message: string) { super(message); this.name = 'OmpLockError'; }
}

export class HostLock {
  owner: SchedThread | null = null;
  /** Times the owner holds it (nestable locks and re-entered critical sections). */
  count = 0;
  readonly queue: SchedThread[] = [];
  constructor(readonly addr: number, readonly what: string) {}

  /** The wait reason shown in a deadlock report. */
  reason(): WaitReason {
    return {
      kind: 'mutex', addr: this.addr,
      text: () => `${this.what} 0x${this.addr.toString(16)}${this.owner ? ` (held by ${this.owner.name})` : ''}`,
    };
  }

  /**
   * Takes the lock for the current thread: true when taken now; BLOCK after queueing it (it owns the
   * lock when woken). `nest`: the owner may take it again (counted).
   */
  acquire(sched: ThreadScheduler, nest: boolean): true | typeof BLOCK {
    const me = sched.current;
    if (this.owner === null) { this.owner = me; this.count = 1; return true; }
    if (this.owner === me && nest) { this.count++; return true; }
    this.queue.push(me);
    return sched.block(this.reason());
  }

  /** Takes the lock if it is free (or, `nest`, already the caller's); never blocks. */
  tryAcquire(sched: ThreadScheduler, nest: boolean): boolean {
    const me = sched.current;
    if (this.owner === null) { this.owner = me; this.count = 1; return true; }
    if (this.owner === me && nest) { this.count++; return true; }
    return false;
  }

  /** Releases one hold; the last release hands the lock to the first waiter and wakes it. */
  release(sched: ThreadScheduler): void {
    if (this.owner !== sched.current) {
      throw new OmpLockError(`${this.what} 0x${this.addr.toString(16)} released by ${sched.current.name}, which does not hold it`);
    }
    if (--this.count > 0) return;
    const next = this.queue.shift();
    if (next === undefined) { this.owner = null; return; }
    this.owner = next;
    this.count = 1;
    sched.wake(next, 0);
  }
}

/** Locks by guest address, created on first use. */
export class LockTable {
  private readonly locks = new Map<number, HostLock>();
  constructor(readonly what: string) {}
  get(addr: number): HostLock {
    let l = this.locks.get(addr);
    if (l === undefined) { l = new HostLock(addr, this.what); this.locks.set(addr, l); }
    return l;
  }
  has(addr: number): boolean { return this.locks.has(addr); }
  delete(addr: number): void { this.locks.delete(addr); }
  clear(): void { this.locks.clear(); }
}

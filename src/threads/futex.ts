// The scheduler's Waiter (interpreter runtime/waiter.ts) for memory.atomic.wait32/64 and
// memory.atomic.notify on a shared memory: one FIFO queue of blocked threads per address; a wait
// blocks the current thread (with its timeout counted in scheduler time), notify wakes the oldest.
import { WaitResult, BLOCK, type Memory, type Waiter } from '../../interpreter/index.js';
import type { SchedThread, ThreadScheduler } from '../../syscalls/threads/scheduler-api.js';

export class FutexWaiter implements Waiter {
  private readonly queues = new Map<number, SchedThread[]>();

  constructor(private readonly sched: ThreadScheduler) {}

  /** Forgets every waiter (a new run). */
  clear(): void { this.queues.clear(); }

  /** Threads waiting at addr, oldest first. */
  waiting(addr: number): readonly SchedThread[] { return this.queues.get(addr) ?? []; }

  wait(_context: unknown, _mem: Memory, addr: number, timeoutNs: number, resumed: boolean): WaitResult.Ok | WaitResult.TimedOut | typeof BLOCK {
    const s = this.sched;
    if (resumed) {
      const r = s.resumed();
      return r !== null && r.value === WaitResult.TimedOut ? WaitResult.TimedOut : WaitResult.Ok;
    }
    if (timeoutNs <= 0) return WaitResult.TimedOut;
    const t = s.current;
    let q = this.queues.get(addr);
    if (q === undefined) this.queues.set(addr, q = []);
    q.push(t);
    return s.block({ kind: 'futex', addr }, {
      timeoutNs,
      onTimeout: (th) => {
        this.remove(addr, th);
        s.wake(th, WaitResult.TimedOut);
      },
    });
  }

  notify(_context: unknown, _mem: Memory, addr: number, count: number): number {
    const q = this.queues.get(addr);
    if (q === undefined) return 0;
    let n = 0;
    while (n < count && q.length > 0) {
      this.sched.wake(q.shift()!, WaitResult.Ok);
      n++;
    }
    if (q.length === 0) this.queues.delete(addr);
    return n;
  }

  private remove(addr: number, t: SchedThread): void {
    const q = this.queues.get(addr);
    if (q === undefined) return;
    const i = q.indexOf(t);
    if (i >= 0) q.splice(i, 1);
    if (q.length === 0) this.queues.delete(addr);
  }
}

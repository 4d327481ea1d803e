// The hook between the threads proposal's memory.atomic.wait32/64 / memory.atomic.notify and whoever
// schedules contexts (src/threads). A Memory carries a Waiter, null by default. The engine does every
// check the spec asks for (alignment, bounds, shared memory, the value comparison) and asks the waiter
// only what needs a scheduler: whether a context whose value matched should block, and whom a notify
// wakes. Without a waiter (or inside a synchronous call, where no other context can run until the call
// returns) nothing can ever notify: a wait with a timeout returns 2 ("timed-out") at once and a wait
// without one traps instead of hanging.
import type { BLOCK } from './func.js';
import type { Memory } from './memory.js';

/** The i32 result of memory.atomic.wait32/64. */
export const enum WaitResult {
  /** Woken by memory.atomic.notify. */
  Ok = 0,
  /** The value in memory differed from the expected one (decided by the engine, never by a waiter). */
  NotEqual = 1,
  /** The timeout expired. */
  TimedOut = 2,
}

/**
 * Implemented by a scheduler and set as `memory.waiter` on each shared memory its contexts use.
 * `context` is the exec/Context executing the instruction (typed unknown here, as in HostCall).
 */
export interface Waiter {
  /**
   * A context executes memory.atomic.wait32/64 on the shared memory `mem` at byte address `addr`, and
   * the value there equals the expected one. `timeoutNs` is the relative timeout in nanoseconds
   * (Infinity when the operand was negative: wait forever). Return:
   * - BLOCK to suspend the context: run() returns Status.Blocked, and the wait is retried when run()
   *   is called again: the engine then calls wait() again with the same arguments and `resumed` true,
   *   without reading memory again (a woken context must return 0 even if the value still matches);
   * - WaitResult.Ok once the context has been woken by notify (normally on a resumed call);
   * - WaitResult.TimedOut once its timeout has passed (a timeout of 0 may return it at once).
   */
  wait(context: unknown, mem: Memory, addr: number, timeoutNs: number, resumed: boolean):
    WaitResult.Ok | WaitResult.TimedOut | typeof BLOCK;
  /**
   * memory.atomic.notify on the shared memory `mem` at byte address `addr`: wake up to `count` (a u32)
   * contexts waiting there, oldest first; return how many were woken. Woken contexts become runnable;
   * their retried wait() returns WaitResult.Ok.
   */
  notify(context: unknown, mem: Memory, addr: number, count: number): number;
}

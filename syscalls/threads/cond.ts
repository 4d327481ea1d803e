// pthread_cond_* and pthread_condattr_*: a wait releases the mutex and queues on the condition; signal
// and broadcast move waiters (oldest first) straight onto the mutex ("wait morphing"): each returns
// from its wait once it owns the mutex again. A timed wait that times out re-acquires the mutex the
// same way and returns ETIMEDOUT. Timeouts count scheduler time.
import type { FuncInst } from '../../interpreter/index.js';
import type { ThreadScheduler } from './scheduler-api.js';
import {
  CLOCK_MONOTONIC, CLOCK_REALTIME, Errno, hex, hostFn, i32, memOf, timeoutUntil, u32, readI32, writeI32, type ThreadLibContext,
} from './host-util.js';
import { MutexType, PthreadCond, type PthreadMutex, type PthreadObjects } from './objects.js';
import { acquireFor, release } from './mutex.js';

/** Moves the first `n` waiters of c onto their mutexes. */
function signal(s: ThreadScheduler, c: PthreadCond, n: number): void {
  while (n-- > 0) {
    const w = c.waiters.shift();
    if (w === undefined) return;
    acquireFor(s, w.mutex, w.thread, 0, w.count);
  }
}

/** cond_wait / cond_timedwait: EPERM unless the caller owns m; else release m, queue and block. */
function wait(s: ThreadScheduler, c: PthreadCond, m: PthreadMutex, timeoutNs?: number): number | symbol {
  const t = s.current;
  if (m.owner !== t) return Errno.PERM;
  const count = m.type === MutexType.Recursive ? m.count : 1;
  release(s, m);
  c.waiters.push({ thread: t, mutex: m, count });
  return s.block({ kind: 'cond', addr: c.addr, text: `condition variable ${hex(c.addr)} (mutex ${hex(m.addr)})` }, {
    timeoutNs,
    onTimeout: (th) => {
      const i = c.waiters.findIndex((w) => w.thread === th);
      if (i >= 0) c.waiters.splice(i, 1);
      acquireFor(s, m, th, Errno.TIMEDOUT, count);
    },
  });
}

export function condFunctions(lib: ThreadLibContext, objs: PthreadObjects): Record<string, FuncInst> {
  const mutexAt = (addr: number): PthreadMutex => objs.getOrCreateMutex(addr, memOf(lib));
  const blocking = (f: (args: unknown[]) => unknown) => (args: unknown[]): unknown => {
    const r = lib.sched().resumed();
    return r !== null ? r.value : f(args);
  };
  /** The clockid_t values given to setclock, as given (wasi-libc passes pointers). */
  const rawClock = new Map<number, number>();
  return {
    pthread_cond_init: hostFn('pthread_cond_init', 'ii:i', (a) => {
      const addr = u32(a, 0), attr = u32(a, 1);
      const old = objs.conds.get(addr);
      if (old !== undefined && old.waiters.length > 0) return Errno.BUSY;
      objs.conds.set(addr, new PthreadCond(addr, attr === 0 ? CLOCK_REALTIME : objs.condAttrs.get(attr) ?? CLOCK_REALTIME));
      return 0;
    }),
    pthread_cond_destroy: hostFn('pthread_cond_destroy', 'i:i', (a) => {
      const c = objs.conds.get(u32(a, 0));
      if (c === undefined) return 0;
      if (c.waiters.length > 0) return Errno.BUSY;
      objs.conds.delete(c.addr);
      return 0;
    }),
    pthread_cond_wait: hostFn('pthread_cond_wait', 'ii:i', blocking((a) =>
      wait(lib.sched(), objs.getOrCreateCond(u32(a, 0)), mutexAt(u32(a, 1))))),
    pthread_cond_timedwait: hostFn('pthread_cond_timedwait', 'iii:i', blocking((a) => {
      const c = objs.getOrCreateCond(u32(a, 0));
      const timeout = timeoutUntil(lib, u32(a, 2), c.clock);
      if (timeout === null) return Errno.INVAL;
      return wait(lib.sched(), c, mutexAt(u32(a, 1)), timeout);
    })),
    pthread_cond_signal: hostFn('pthread_cond_signal', 'i:i', (a) => {
      const c = objs.conds.get(u32(a, 0));
      if (c !== undefined) signal(lib.sched(), c, 1);
      return 0;
    }),
    pthread_cond_broadcast: hostFn('pthread_cond_broadcast', 'i:i', (a) => {
      const c = objs.conds.get(u32(a, 0));
      if (c !== undefined) signal(lib.sched(), c, c.waiters.length);
      return 0;
    }),
    pthread_condattr_init: hostFn('pthread_condattr_init', 'i:i', (a) => { objs.condAttrs.set(u32(a, 0), CLOCK_REALTIME); return 0; }),
    pthread_condattr_destroy: hostFn('pthread_condattr_destroy', 'i:i', (a) => { objs.condAttrs.delete(u32(a, 0)); return 0; }),
    pthread_condattr_setclock: hostFn('pthread_condattr_setclock', 'ii:i', (a) => {
      // wasi-libc's clockid_t points at a struct holding the WASI clock id.
      let clock = i32(a, 1);
      if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC) clock = readI32(memOf(lib), clock >>> 0) ?? -1;
      if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC) return Errno.INVAL;
      objs.condAttrs.set(u32(a, 0), clock);
      rawClock.set(u32(a, 0), i32(a, 1));
      return 0;
    }),
    pthread_condattr_getclock: hostFn('pthread_condattr_getclock', 'ii:i', (a) =>
      writeI32(memOf(lib), u32(a, 1), rawClock.get(u32(a, 0)) ?? objs.condAttrs.get(u32(a, 0)) ?? CLOCK_REALTIME) ? 0 : Errno.INVAL),
  };
}

// pthread_mutex_* and pthread_mutexattr_* (plus pthread_spin_*, as mutexes): normal, recursive and
// errorcheck types with POSIX error codes. Waiting threads queue first come first served and unlock
// hands the mutex straight to the first of them (no barging), which keeps runs reproducible and fair.
import type { FuncInst } from '../../interpreter/index.js';
import type { SchedThread, ThreadScheduler } from './scheduler-api.js';
import { Errno, hostFn, i32, u32, memOf, timeoutUntil, writeI32, type ThreadLibContext } from './host-util.js';
import { MutexType, PthreadMutex, type PthreadObjects } from './objects.js';

/** Gives the mutex to `thread` (it is free) with recursion count `count`. */
function own(m: PthreadMutex, thread: SchedThread, count: number): void {
  m.owner = thread;
  m.count = count;
}

/**
 * A blocked `thread` wants `m` (after a condition wait): takes it at once when free (waking the thread
 * with `result`), else queues it for the hand-over and updates what it waits on.
 */
export function acquireFor(s: ThreadScheduler, m: PthreadMutex, thread: SchedThread, result: number, count: number): void {
  if (m.owner === null) {
    own(m, thread, count);
    s.wake(thread, result);
  } else {
    m.waiters.push({ thread, result, count });
    s.setWaiting(thread, { kind: 'mutex', addr: m.addr, text: () => m.describe() });
  }
}

/** Releases `m` completely (the owner's count drops to 0) and hands it to the first waiter. */
export function release(s: ThreadScheduler, m: PthreadMutex): void {
  m.owner = null;
  m.count = 0;
  const w = m.waiters.shift();
  if (w !== undefined) {
    own(m, w.thread, w.count);
    s.wake(w.thread, w.result);
  }
}

/** lock / timedlock: 0, or BLOCK (the retry returns the hand-over's result), or an errno. */
export function lockMutex(s: ThreadScheduler, m: PthreadMutex, timeoutNs?: number): number | symbol {
  const t = s.current;
  if (m.owner === null) { own(m, t, 1); return 0; }
  if (m.owner === t) {
    if (m.type === MutexType.Recursive) { m.count++; return 0; }
    if (m.type === MutexType.ErrorCheck) return Errno.DEADLK;
    // A normal mutex relocked by its owner deadlocks, as POSIX says; the deadlock report names it.
  }
  if (timeoutNs !== undefined && timeoutNs <= 0) return Errno.TIMEDOUT;
  m.waiters.push({ thread: t, result: 0, count: 1 });
  return s.block({ kind: 'mutex', addr: m.addr, text: () => m.describe() }, {
    timeoutNs,
    onTimeout: (th) => {
      const i = m.waiters.findIndex((w) => w.thread === th);
      if (i >= 0) m.waiters.splice(i, 1);
      s.wake(th, Errno.TIMEDOUT);
    },
  });
}

/** unlock: 0 or EPERM. */
export function unlockMutex(s: ThreadScheduler, m: PthreadMutex): number {
  const t = s.current;
  if (m.owner === null) return Errno.PERM;
  if (m.owner !== t && m.type !== MutexType.Normal) return Errno.PERM;
  if (m.type === MutexType.Recursive && m.count > 1) { m.count--; return 0; }
  release(s, m);
  return 0;
}

export function mutexFunctions(lib: ThreadLibContext, objs: PthreadObjects): Record<string, FuncInst> {
  const mutexAt = (addr: number): PthreadMutex => objs.getOrCreateMutex(addr, memOf(lib));
  const blocking = (f: (args: unknown[]) => unknown) => (args: unknown[]): unknown => {
    const r = lib.sched().resumed();
    return r !== null ? r.value : f(args);
  };
  const out: Record<string, FuncInst> = {
    pthread_mutex_init: hostFn('pthread_mutex_init', 'ii:i', (a) => {
      const addr = u32(a, 0), attr = u32(a, 1);
      const old = objs.mutexes.get(addr);
      if (old !== undefined && old.owner !== null) return Errno.BUSY;
      const type = attr === 0 ? MutexType.Normal : objs.mutexAttrs.get(attr) ?? MutexType.Normal;
      objs.mutexes.set(addr, new PthreadMutex(addr, type));
      // Record the type in the guest object too, as the static initialisers do.
      writeI32(memOf(lib), addr, type);
      return 0;
    }),
    pthread_mutex_destroy: hostFn('pthread_mutex_destroy', 'i:i', (a) => {
      const m = objs.mutexes.get(u32(a, 0));
      if (m === undefined) return 0;
      if (m.owner !== null || m.waiters.length > 0) return Errno.BUSY;
      objs.mutexes.delete(m.addr);
      return 0;
    }),
    pthread_mutex_lock: hostFn('pthread_mutex_lock', 'i:i', blocking((a) => lockMutex(lib.sched(), mutexAt(u32(a, 0))))),
    pthread_mutex_timedlock: hostFn('pthread_mutex_timedlock', 'ii:i', blocking((a) => {
      const timeout = timeoutUntil(lib, u32(a, 1));
      const m = mutexAt(u32(a, 0));
      if (timeout === null) return m.owner === null ? lockMutex(lib.sched(), m) : Errno.INVAL;
      return lockMutex(lib.sched(), m, timeout);
    })),
    pthread_mutex_trylock: hostFn('pthread_mutex_trylock', 'i:i', (a) => {
      const s = lib.sched(), m = mutexAt(u32(a, 0));
      if (m.owner === null) { own(m, s.current, 1); return 0; }
      if (m.owner === s.current && m.type === MutexType.Recursive) { m.count++; return 0; }
      return Errno.BUSY;
    }),
    pthread_mutex_unlock: hostFn('pthread_mutex_unlock', 'i:i', (a) => unlockMutex(lib.sched(), mutexAt(u32(a, 0)))),

    pthread_mutexattr_init: hostFn('pthread_mutexattr_init', 'i:i', (a) => { objs.mutexAttrs.set(u32(a, 0), MutexType.Normal); return 0; }),
    pthread_mutexattr_destroy: hostFn('pthread_mutexattr_destroy', 'i:i', (a) => { objs.mutexAttrs.delete(u32(a, 0)); return 0; }),
    pthread_mutexattr_settype: hostFn('pthread_mutexattr_settype', 'ii:i', (a) => {
      const type = i32(a, 1);
      if (type !== MutexType.Normal && type !== MutexType.Recursive && type !== MutexType.ErrorCheck) return Errno.INVAL;
      objs.mutexAttrs.set(u32(a, 0), type);
      return 0;
    }),
    pthread_mutexattr_gettype: hostFn('pthread_mutexattr_gettype', 'ii:i', (a) => {
      return writeI32(memOf(lib), u32(a, 1), objs.mutexAttrs.get(u32(a, 0)) ?? MutexType.Normal) ? 0 : Errno.INVAL;
    }),
  };
  // Spin locks: a spinning thread would only burn its slices, so they block like mutexes.
  const spin = (name: string, sig: string, f: (a: unknown[]) => unknown): void => { out[name] = hostFn(name, sig, f); };
  spin('pthread_spin_init', 'ii:i', (a) => { objs.mutexes.set(u32(a, 0), new PthreadMutex(u32(a, 0), MutexType.Normal)); return 0; });
  spin('pthread_spin_destroy', 'i:i', (a) => { objs.mutexes.delete(u32(a, 0)); return 0; });
  spin('pthread_spin_lock', 'i:i', blocking((a) => {
    const m = mutexAt(u32(a, 0));
    return m.owner === lib.sched().current ? Errno.DEADLK : lockMutex(lib.sched(), m);
  }));
  spin('pthread_spin_trylock', 'i:i', (a) => {
    const m = mutexAt(u32(a, 0));
    if (m.owner !== null) return Errno.BUSY;
    own(m, lib.sched().current, 1);
    return 0;
  });
  spin('pthread_spin_unlock', 'i:i', (a) => unlockMutex(lib.sched(), mutexAt(u32(a, 0))));
  return out;
}

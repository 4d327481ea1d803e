// pthread_rwlock_* and pthread_rwlockattr_*: many readers or one writer. Waiters queue in arrival
// order; a reader does not jump ahead of a waiting writer (no writer starvation). When the lock is
// released the head of the queue gets it: one writer, or the run of readers at the head.
import type { FuncInst } from '../../interpreter/index.js';
import type { SchedThread, ThreadScheduler } from './scheduler-api.js';
import { Errno, hex, hostFn, timeoutUntil, u32, type ThreadLibContext } from './host-util.js';
import type { PthreadObjects, PthreadRwlock } from './objects.js';

function addReader(rw: PthreadRwlock, t: SchedThread): void {
  rw.readers.set(t.id, (rw.readers.get(t.id) ?? 0) + 1);
}

function describe(rw: PthreadRwlock, write: boolean): string {
  const held = rw.writer !== null ? `write-locked by ${rw.writer.name}` : `read-locked by ${rw.readers.size} thread(s)`;
  return `${write ? 'write' : 'read'} lock of rwlock ${hex(rw.addr)} (${held})`;
}

/** Grants the lock to the head of the queue while it can. */
function grant(s: ThreadScheduler, rw: PthreadRwlock): void {
  while (rw.waiters.length > 0 && rw.writer === null) {
    const w = rw.waiters[0];
    if (w.write) {
      if (rw.readers.size > 0) return;
      rw.waiters.shift();
      rw.writer = w.thread;
      s.wake(w.thread, 0);
      return;
    }
    rw.waiters.shift();
    addReader(rw, w.thread);
    s.wake(w.thread, 0);
  }
}

function lock(s: ThreadScheduler, rw: PthreadRwlock, write: boolean, trying: boolean, timeoutNs?: number): number | symbol {
  const t = s.current;
  if (rw.writer === t) return trying ? Errno.BUSY : Errno.DEADLK;
  if (write && rw.readers.has(t.id)) return trying ? Errno.BUSY : Errno.DEADLK;
  const free = write ? rw.writer === null && rw.readers.size === 0 && rw.waiters.length === 0
    : rw.writer === null && (rw.waiters.length === 0 || rw.readers.has(t.id));
  if (free) {
    if (write) rw.writer = t; else addReader(rw, t);
    return 0;
  }
  if (trying) return Errno.BUSY;
  if (timeoutNs !== undefined && timeoutNs <= 0) return Errno.TIMEDOUT;
  rw.waiters.push({ thread: t, write });
  return s.block({ kind: write ? 'rwlock-write' : 'rwlock-read', addr: rw.addr, text: () => describe(rw, write) }, {
    timeoutNs,
    onTimeout: (th) => {
      const i = rw.waiters.findIndex((w) => w.thread === th);
      if (i >= 0) rw.waiters.splice(i, 1);
      s.wake(th, Errno.TIMEDOUT);
      grant(s, rw);
    },
  });
}

function unlock(s: ThreadScheduler, rw: PthreadRwlock): number {
  const t = s.current;
  if (rw.writer === t) rw.writer = null;
  else {
    const n = rw.readers.get(t.id);
    if (n === undefined) return Errno.PERM;
    if (n > 1) rw.readers.set(t.id, n - 1); else rw.readers.delete(t.id);
  }
  grant(s, rw);
  return 0;
}

export function rwlockFunctions(lib: ThreadLibContext, objs: PthreadObjects): Record<string, FuncInst> {
  const at = (a: unknown[]): PthreadRwlock => objs.getOrCreateRwlock(u32(a, 0));
  const blocking = (f: (args: unknown[]) => unknown) => (args: unknown[]): unknown => {
    const r = lib.sched().resumed();
    return r !== null ? r.value : f(args);
  };
  const timed = (write: boolean) => blocking((a) => {
    const timeout = timeoutUntil(lib, u32(a, 1));
    if (timeout === null) return Errno.INVAL;
    return lock(lib.sched(), at(a), write, false, timeout);
  });
  return {
    pthread_rwlock_init: hostFn('pthread_rwlock_init', 'ii:i', (a) => {
      const old = objs.rwlocks.get(u32(a, 0));
      if (old !== undefined && (old.writer !== null || old.readers.size > 0)) return Errno.BUSY;
      objs.rwlocks.delete(u32(a, 0));
      at(a);
      return 0;
    }),
    pthread_rwlock_destroy: hostFn('pthread_rwlock_destroy', 'i:i', (a) => {
      const rw = objs.rwlocks.get(u32(a, 0));
      if (rw === undefined) return 0;
      if (rw.writer !== null || rw.readers.size > 0 || rw.waiters.length > 0) return Errno.BUSY;
      objs.rwlocks.delete(rw.addr);
      return 0;
    }),
    pthread_rwlock_rdlock: hostFn('pthread_rwlock_rdlock', 'i:i', blocking((a) => lock(lib.sched(), at(a), false, false))),
    pthread_rwlock_wrlock: hostFn('pthread_rwlock_wrlock', 'i:i', blocking((a) => lock(lib.sched(), at(a), true, false))),
    pthread_rwlock_tryrdlock: hostFn('pthread_rwlock_tryrdlock', 'i:i', (a) => lock(lib.sched(), at(a), false, true)),
    pthread_rwlock_trywrlock: hostFn('pthread_rwlock_trywrlock', 'i:i', (a) => lock(lib.sched(), at(a), true, true)),
    pthread_rwlock_timedrdlock: hostFn('pthread_rwlock_timedrdlock', 'ii:i', timed(false)),
    pthread_rwlock_timedwrlock: hostFn('pthread_rwlock_timedwrlock', 'ii:i', timed(true)),
    pthread_rwlock_unlock: hostFn('pthread_rwlock_unlock', 'i:i', (a) => unlock(lib.sched(), at(a))),
    pthread_rwlockattr_init: hostFn('pthread_rwlockattr_init', 'i:i', () => 0),
    pthread_rwlockattr_destroy: hostFn('pthread_rwlockattr_destroy', 'i:i', () => 0),
  };
}

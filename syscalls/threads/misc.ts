// pthread_once, thread-specific data (pthread_key_*), barriers (pthread_barrier_*) and sched_yield.
// Once routines and key destructors run synchronously on the calling / exiting thread (they must not
// block). Barriers use the scheduler's barrier primitive: the last thread to arrive returns
// PTHREAD_BARRIER_SERIAL_THREAD, the others 0.
import { BLOCK, type FuncInst } from '../../interpreter/index.js';
import type { SchedThread } from './scheduler-api.js';
import { Errno, hex, hostFn, memOf, readI32, u32, writeI32, type ThreadLibContext } from './host-util.js';
import { PthreadBarrier, type PthreadObjects } from './objects.js';

export const PTHREAD_BARRIER_SERIAL_THREAD = -1;
/** The once word: 0 (PTHREAD_ONCE_INIT) before, ONCE_DONE after the routine ran. */
export const ONCE_DONE = 2;
export const PTHREAD_KEYS_MAX = 1024;
export const PTHREAD_DESTRUCTOR_ITERATIONS = 4;

/** Per-thread key values (thread.data entry). */
const KEY_VALUES = Symbol('pthread key values');

function valuesOf(t: SchedThread): Map<number, number> | undefined {
  return t.data.get(KEY_VALUES) as Map<number, number> | undefined;
}

export function miscFunctions(lib: ThreadLibContext, objs: PthreadObjects): Record<string, FuncInst> {
  /** Runs the key destructors of an exiting thread (not the main thread: returning from main is exit()). */
  const runDestructors = (t: SchedThread): void => {
    const vals = valuesOf(t);
    if (vals === undefined || t.id === 1) return;
    for (let round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
      let any = false;
      for (const [k, v] of vals) {
        const key = objs.keys.get(k);
        if (v === 0 || key === undefined || key.destructor === 0) continue;
        vals.set(k, 0);
        lib.sched().callSync(key.destructor, [v]);
        any = true;
      }
      if (!any) return;
    }
  };
  const yieldFn = (): unknown => {
    const s = lib.sched();
    return s.resumed() !== null ? 0 : s.yieldNow();
  };
  return {
    pthread_once: hostFn('pthread_once', 'ii:i', (a) => {
      const mem = memOf(lib), addr = u32(a, 0);
      const w = readI32(mem, addr);
      if (w === null) return Errno.INVAL;
      if (w === ONCE_DONE) return 0;
      writeI32(mem, addr, 1);
      lib.sched().callSync(u32(a, 1), []);
      writeI32(mem, addr, ONCE_DONE);
      return 0;
    }),

    pthread_key_create: hostFn('pthread_key_create', 'ii:i', (a) => {
      if (objs.keys.size >= PTHREAD_KEYS_MAX) return Errno.AGAIN;
      const id = objs.nextKey++;
      if (!writeI32(memOf(lib), u32(a, 0), id)) return Errno.INVAL;
      objs.keys.set(id, { destructor: u32(a, 1) });
      return 0;
    }),
    pthread_key_delete: hostFn('pthread_key_delete', 'i:i', (a) => (objs.keys.delete(u32(a, 0)) ? 0 : Errno.INVAL)),
    pthread_getspecific: hostFn('pthread_getspecific', 'i:i', (a) => {
      const k = u32(a, 0);
      if (!objs.keys.has(k)) return 0;
      return valuesOf(lib.sched().current)?.get(k) ?? 0;
    }),
    pthread_setspecific: hostFn('pthread_setspecific', 'ii:i', (a) => {
      const s = lib.sched(), k = u32(a, 0);
      if (!objs.keys.has(k)) return Errno.INVAL;
      const t = s.current;
      let vals = valuesOf(t);
      if (vals === undefined) {
        t.data.set(KEY_VALUES, vals = new Map());
        s.onExit(t, runDestructors);
      }
      vals.set(k, u32(a, 1) | 0);
      return 0;
    }),

    pthread_barrier_init: hostFn('pthread_barrier_init', 'iii:i', (a) => {
      const addr = u32(a, 0), count = u32(a, 2);
      if (count === 0) return Errno.INVAL;
      objs.barriers.set(addr, new PthreadBarrier(addr, count));
      return 0;
    }),
    pthread_barrier_destroy: hostFn('pthread_barrier_destroy', 'i:i', (a) => { objs.barriers.delete(u32(a, 0)); return 0; }),
    pthread_barrier_wait: hostFn('pthread_barrier_wait', 'i:i', (a) => {
      const s = lib.sched();
      if (s.resumed() !== null) return 0;
      const b = objs.barriers.get(u32(a, 0));
      if (b === undefined) return Errno.INVAL;
      const v = s.barrier(b, b.count, { kind: 'barrier', addr: b.addr, text: `barrier ${hex(b.addr)} of ${b.count} threads` });
      if (v === BLOCK) return BLOCK;
      return v === 1 ? PTHREAD_BARRIER_SERIAL_THREAD : 0;
    }),
    pthread_barrierattr_init: hostFn('pthread_barrierattr_init', 'i:i', () => 0),
    pthread_barrierattr_destroy: hostFn('pthread_barrierattr_destroy', 'i:i', () => 0),

    sched_yield: hostFn('sched_yield', ':i', yieldFn),
  };
}

/** wasi_snapshot_preview1.sched_yield that really yields (returns errno 0). */
export function wasiSchedYield(lib: ThreadLibContext): FuncInst {
  return hostFn('wasi_snapshot_preview1.sched_yield', ':i', () => {
    const s = lib.sched();
    return s.resumed() !== null ? 0 : s.yieldNow();
  });
}

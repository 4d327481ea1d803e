// pthread_create, join, exit, self, equal, detach and pthread_attr_*: threads are scheduler threads
// (runnable as soon as they are created); a pthread_t is the thread id (1 = main). Attributes are host
// objects keyed by the attribute's address: detach state and stack size (honoured up to the slot size).
import { BLOCK, type FuncInst } from '../../interpreter/index.js';
import { ThreadError, type SchedThread } from './scheduler-api.js';
import { Errno, hostFn, i32, memOf, u32, writeI32, type ThreadLibContext } from './host-util.js';
import type { PthreadObjects, ThreadAttr } from './objects.js';

export const PTHREAD_CREATE_JOINABLE = 0;
export const PTHREAD_CREATE_DETACHED = 1;
/** musl's PTHREAD_STACK_MIN. */
export const PTHREAD_STACK_MIN = 2048;

export function threadFunctions(lib: ThreadLibContext, objs: PthreadObjects): Record<string, FuncInst> {
  const attrOf = (addr: number): ThreadAttr => {
    let a = objs.attrs.get(addr);
    if (a === undefined) objs.attrs.set(addr, a = { detached: false, stackSize: 0 });
    return a;
  };
  const defaultStack = (): number => lib.env.stackSize ?? 1 << 20;
  /** Finishes a join: stores the exit value, forgets the thread. */
  const joined = (target: SchedThread | undefined, value: number, retPtr: number): number => {
    if (retPtr !== 0 && !writeI32(memOf(lib), retPtr, value)) return Errno.INVAL;
    if (target !== undefined) lib.sched().forget(target);
    return 0;
  };
  return {
    pthread_create: hostFn('pthread_create', 'iiii:i', (a) => {
      const s = lib.sched();
      const tPtr = u32(a, 0), attrPtr = u32(a, 1), fn = u32(a, 2), arg = i32(a, 3);
      const attr = attrPtr === 0 ? undefined : objs.attrs.get(attrPtr);
      let t: SchedThread;
      try {
        t = s.spawn(fn, [arg], {
          stackSize: attr !== undefined && attr.stackSize > 0 ? attr.stackSize : undefined,
          detached: attr?.detached ?? false,
        });
      } catch (e) {
        if (e instanceof ThreadError) return /stack/.test(e.message) ? Errno.AGAIN : Errno.INVAL;
        throw e;
      }
      if (!writeI32(memOf(lib), tPtr, t.id)) return Errno.INVAL;
      return 0;
    }),
    pthread_join: hostFn('pthread_join', 'ii:i', (a) => {
      const s = lib.sched();
      const id = u32(a, 0), retPtr = u32(a, 1);
      const r = s.resumed();
      if (r !== null) return joined(s.thread(id), r.value as number, retPtr);
      const target = s.thread(id);
      if (target === undefined) return Errno.SRCH;
      if (target.detached) return Errno.INVAL;
      if (target === s.current) return Errno.DEADLK;
      const v = s.join(target);
      if (v === BLOCK) return BLOCK;
      return joined(target, v, retPtr);
    }),
    pthread_exit: hostFn('pthread_exit', 'i:', (a) => lib.sched().exitThread(i32(a, 0))),
    pthread_self: hostFn('pthread_self', ':i', () => lib.sched().currentId()),
    pthread_equal: hostFn('pthread_equal', 'ii:i', (a) => (u32(a, 0) === u32(a, 1) ? 1 : 0)),
    pthread_detach: hostFn('pthread_detach', 'i:i', (a) => {
      const s = lib.sched();
      const t = s.thread(u32(a, 0));
      if (t === undefined) return Errno.SRCH;
      if (t.detached) return Errno.INVAL;
      t.detached = true;
      if (t.state === 'done') s.forget(t);
      return 0;
    }),

    pthread_attr_init: hostFn('pthread_attr_init', 'i:i', (a) => { objs.attrs.set(u32(a, 0), { detached: false, stackSize: 0 }); return 0; }),
    pthread_attr_destroy: hostFn('pthread_attr_destroy', 'i:i', (a) => { objs.attrs.delete(u32(a, 0)); return 0; }),
    pthread_attr_setdetachstate: hostFn('pthread_attr_setdetachstate', 'ii:i', (a) => {
      const st = i32(a, 1);
      if (st !== PTHREAD_CREATE_JOINABLE && st !== PTHREAD_CREATE_DETACHED) return Errno.INVAL;
      attrOf(u32(a, 0)).detached = st === PTHREAD_CREATE_DETACHED;
      return 0;
    }),
    pthread_attr_getdetachstate: hostFn('pthread_attr_getdetachstate', 'ii:i', (a) =>
      writeI32(memOf(lib), u32(a, 1), attrOf(u32(a, 0)).detached ? PTHREAD_CREATE_DETACHED : PTHREAD_CREATE_JOINABLE) ? 0 : Errno.INVAL),
    pthread_attr_setstacksize: hostFn('pthread_attr_setstacksize', 'ii:i', (a) => {
      const n = u32(a, 1);
      if (n < PTHREAD_STACK_MIN) return Errno.INVAL;
      attrOf(u32(a, 0)).stackSize = n;
      return 0;
    }),
    pthread_attr_getstacksize: hostFn('pthread_attr_getstacksize', 'ii:i', (a) => {
      const at = attrOf(u32(a, 0));
      const n = at.stackSize > 0 ? Math.min(at.stackSize, defaultStack()) : defaultStack();
      return writeI32(memOf(lib), u32(a, 1), n) ? 0 : Errno.INVAL;
    }),
  };
}

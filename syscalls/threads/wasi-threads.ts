// wasi-threads: the import `wasi` `thread-spawn(start_arg) -> tid` starts a thread running the
// module's exported `wasi_thread_start(tid, start_arg)` (which sets up its own stack and TLS, as
// wasi-libc's does). The thread is detached: nobody joins it through the host. A negative result
// reports failure (no such export).
import { FuncInst } from '../../interpreter/index.js';
import { ThreadError } from './scheduler-api.js';
import { hostFn, i32, type ThreadLibContext } from './host-util.js';

export const WASI_THREADS_MODULE = 'wasi';
export const THREAD_SPAWN = 'thread-spawn';
export const THREAD_START_EXPORT = 'wasi_thread_start';

export function wasiThreadFunctions(lib: ThreadLibContext): Record<string, FuncInst> {
  return {
    [THREAD_SPAWN]: hostFn(`${WASI_THREADS_MODULE}.${THREAD_SPAWN}`, 'i:i', (a) => {
      const s = lib.sched();
      const start = s.instance.exports.get(THREAD_START_EXPORT);
      if (!(start instanceof FuncInst)) return -1;
      try {
        return s.spawn(start, (id) => [id, i32(a, 0)], { stack: false, detached: true, name: THREAD_START_EXPORT }).id;
      } catch (e) {
        if (e instanceof ThreadError) return -1;
        throw e;
      }
    }),
  };
}

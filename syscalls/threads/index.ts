// The pthreads host (module `env`) and wasi-threads (`wasi.thread-spawn`) on the scheduler interface
// (scheduler-api.ts). createPthreadHost gives the import functions plus the object registry
// (mutexes and the rest, keyed by guest address) that the runtime clears at the start of every run.
import type { FuncInst } from '../../interpreter/index.js';
import type { ThreadLibContext } from './host-util.js';
import { PthreadObjects } from './objects.js';
import { threadFunctions } from './thread.js';
import { mutexFunctions } from './mutex.js';
import { condFunctions } from './cond.js';
import { rwlockFunctions } from './rwlock.js';
import { miscFunctions } from './misc.js';

export * from './scheduler-api.js';
export { type ThreadLibContext, hostFn, CLOCK_REALTIME, CLOCK_MONOTONIC } from './host-util.js';
export { PthreadObjects, PthreadMutex, MutexType, UnknownMutexError } from './objects.js';
export { wasiThreadFunctions, WASI_THREADS_MODULE, THREAD_SPAWN, THREAD_START_EXPORT } from './wasi-threads.js';
export { wasiSchedYield, PTHREAD_BARRIER_SERIAL_THREAD } from './misc.js';
export { lockMutex, unlockMutex } from './mutex.js';

export interface PthreadHost {
  /** The `env` import functions by name. */
  readonly functions: Record<string, FuncInst>;
  readonly objects: PthreadObjects;
}

export function createPthreadHost(lib: ThreadLibContext): PthreadHost {
  const objects = new PthreadObjects();
  const functions = {
    ...threadFunctions(lib, objects), ...mutexFunctions(lib, objects), ...condFunctions(lib, objects),
    ...rwlockFunctions(lib, objects), ...miscFunctions(lib, objects),
  };
  return { functions, objects };
}

/** Whether an `env` import name belongs to the pthreads host. */
export function isPthreadImport(name: string): boolean {
  return name.startsWith('pthread_') || name === 'sched_yield';
}

// Small helpers shared by the thread host functions: host FuncInsts from a signature string, checked
// reads and writes of guest memory (writes mark pages dirty), timespec deadlines, errno values (the
// guest is wasi-libc, whose errno numbers are WASI's).
import { FuncInst, ValType, type HostFn, type Memory } from '../../interpreter/index.js';
import type { ThreadHostEnv, ThreadScheduler } from './scheduler-api.js';

export { Errno } from '../wasi/errno.js';

/** A host function of type `sig`: parameter letters, then ':' and result letters; i = i32, I = i64. */
export function hostFn(name: string, sig: string, fn: HostFn): FuncInst {
  const [p, r = ''] = sig.split(':');
  const t = (c: string): ValType => (c === 'I' ? ValType.I64 : ValType.I32);
  return FuncInst.host({ params: [...p].map(t), results: [...r].map(t) }, fn, name);
}

/** Argument i as an unsigned 32-bit value (pointers, sizes). */
export function u32(args: unknown[], i: number): number { return (args[i] as number) >>> 0; }
/** Argument i as a signed 32-bit value. */
export function i32(args: unknown[], i: number): number { return (args[i] as number) | 0; }

/** Whether [ptr, ptr+len) lies inside memory. */
export function inBounds(mem: Memory, ptr: number, len: number): boolean {
  return ptr >= 0 && ptr + len <= mem.byteLength;
}

/** Reads an i32 at ptr (null when out of bounds). */
export function readI32(mem: Memory, ptr: number): number | null {
  return inBounds(mem, ptr, 4) ? mem.dv.getInt32(ptr, true) : null;
}

/** Writes an i32 at ptr, marking the page dirty; false when out of bounds. */
export function writeI32(mem: Memory, ptr: number, v: number): boolean {
  if (!inBounds(mem, ptr, 4)) return false;
  mem.dv.setInt32(ptr, v | 0, true);
  mem.markDirty(ptr, 4);
  return true;
}

/** The thread library's view of the runtime: the scheduler (available once the module is
 *  instantiated) and the environment. */
export interface ThreadLibContext {
  sched(): ThreadScheduler;
  readonly env: ThreadHostEnv;
}

/** The memory threads share (throws when the module has none). */
export function memOf(lib: ThreadLibContext): Memory {
  const m = lib.sched().memory;
  if (m === null) throw new Error('wasmlet threads: the module has no memory');
  return m;
}

/** WASI clock ids. */
export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;

/**
 * The relative timeout (scheduler ns) of an absolute deadline `struct timespec` at ptr (tv_sec i64,
 * tv_nsec i32) on `clock`, or null when ptr is bad or tv_nsec is out of range (EINVAL). The
 * remaining time is rounded to whole microseconds, so that the few real nanoseconds between the
 * guest reading the clock and the call do not change the schedule.
 */
export function timeoutUntil(lib: ThreadLibContext, ptr: number, clock = CLOCK_REALTIME): number | null {
  const mem = memOf(lib);
  if (!inBounds(mem, ptr, 12)) return null;
  const sec = mem.dv.getBigInt64(ptr, true);
  const nsec = mem.dv.getInt32(ptr + 8, true);
  if (nsec < 0 || nsec >= 1_000_000_000) return null;
  const deadline = sec * 1_000_000_000n + BigInt(nsec);
  const left = Number(deadline - lib.env.clockNs(clock));
  return left <= 0 ? 0 : Math.round(left / 1000) * 1000;
}

/** "0x1a2b" */
export function hex(n: number): string { return `0x${(n >>> 0).toString(16)}`; }

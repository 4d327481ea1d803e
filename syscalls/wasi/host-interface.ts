// The narrow interface the WASI layer needs from the runtime: guest memory, args and environment,
// output sinks, the filesystem, and one door for every nondeterministic input (clocks, random bytes,
// stdin, sleeping) so that a run can be recorded and replayed; and, when a cooperative scheduler runs
// the module's threads, a way to sleep one thread instead of the whole process (WasiSleeper).
import type { BLOCK, Memory } from '../../interpreter/index.js';
import type { WasiFs } from './fs-interface.js';

/** Every nondeterministic input of a WASI program. */
export interface Nondeterminism {
  /** Current time of a clock in ns, or null when the clock is not supported (EINVAL). */
  clockTime(id: number, precision: bigint): bigint | null;
  /** Resolution of a clock in ns, or null when not supported. */
  clockRes(id: number): bigint | null;
  /** Fills buf with random bytes. */
  random(buf: Uint8Array): void;
  /** Up to max bytes of standard input; an empty array means end of input. */
  stdin(max: number): Uint8Array;
  /** Waits ns nanoseconds (poll_oneoff with only clocks); a virtual clock may just advance. */
  sleep(ns: bigint): void;
}

/**
 * How poll_oneoff sleeps when a cooperative scheduler drives the module's threads: instead of the
 * process sleeping (and no other thread running meanwhile), the calling thread blocks for the sleep's
 * length in scheduler time and its call is retried once the timeout fires, following the scheduler's
 * blocking rule (syscalls/threads/scheduler-api.ts). The runtime implements it (src/threads/runtime.ts).
 */
export interface WasiSleeper {
  /** First thing a sleeping call does: { value } when this call is the retry of a sleep whose timeout
   *  fired (value is what block() was given), else null (also when no scheduler is running a thread). */
  resumed(): { value: unknown } | null;
  /** Blocks the calling thread for `ns` nanoseconds of scheduler time; returns the BLOCK signal the
   *  host function must return. The retried call's resumed() gives `value`. Returns null when the
   *  calling thread cannot block (no scheduler is running it, or it runs a nested synchronous call):
   *  the caller then sleeps through the nondeterminism door as without threads. */
  block(ns: bigint, value: unknown): typeof BLOCK | null;
}

export interface WasiHost {
  /** The guest's current linear memory (the object is replaced or regrown over time: ask each call).
   *  Every host write into it must call markDirty(addr, len). */
  memory(): Memory;
  readonly args: readonly string[];
  /** Environment entries as "KEY=VALUE". */
  readonly env: readonly string[];
  readonly nondet: Nondeterminism;
  /** Output sinks; the bytes are the sink's own (already copied). */
  stdout(bytes: Uint8Array): void;
  stderr(bytes: Uint8Array): void;
  readonly fs: WasiFs;
  /** sched_yield: lets a cooperative scheduler note the hint. Optional. */
  schedYield?(): void;
  /** Set when a cooperative scheduler runs the module's threads: poll_oneoff then blocks the calling
   *  thread instead of sleeping the process. Absent or null: sleeps go through nondet.sleep. */
  readonly sleeper?: WasiSleeper | null;
}

// The narrow interface the WASI layer needs from the runtime: guest memory, args and environment,
// output sinks, the filesystem, and one door for every nondeterministic input (clocks, random bytes,
// stdin, sleeping) so that a run can be recorded and replayed.
import type { Memory } from '../../interpreter/index.js';
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
}

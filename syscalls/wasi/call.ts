// How WASI host functions are defined and called: a definition names its parameter types and an
// implementation over (host, guest memory, raw args); calling it turns WasiError into its errno and
// any other host failure into EIO, while ExitError and engine traps pass through.
import { RuntimeError } from '../../interpreter/index.js';
import { ExitError } from '../exit-error.js';
import { Errno, WasiError } from './errno.js';
import type { WasiHost } from './host-interface.js';
import { Guest } from './guest-memory.js';

/** One WASI function: params as a string of 'i' (i32) and 'I' (i64); result one i32 errno unless
 *  noResult. `run` returns the errno (usually SUCCESS). */
export interface WasiDef {
  params: string;
  noResult?: boolean;
  run(host: WasiHost, g: Guest, args: unknown[]): number;
}

export type WasiDefs = Record<string, WasiDef>;

/** Calls def with the exceptions mapped to errnos. */
export function callWasi(def: WasiDef, host: WasiHost, args: unknown[]): number {
  try {
    return def.run(host, new Guest(host.memory()), args);
  } catch (e) {
    if (e instanceof WasiError) return e.errno;
    if (e instanceof ExitError || e instanceof RuntimeError) throw e;
    return Errno.IO;
  }
}

/** Argument i as an unsigned 32-bit value (pointers, lengths, u32 fields). */
export function u32(args: unknown[], i: number): number { return (args[i] as number) >>> 0; }
/** Argument i as a signed 32-bit value (fds are u32 but fit; flags). */
export function i32(args: unknown[], i: number): number { return args[i] as number; }
/** Argument i (an i64) as an unsigned 64-bit bigint. */
export function u64(args: unknown[], i: number): bigint { return BigInt.asUintN(64, args[i] as bigint); }
/** Argument i (an i64) as a signed bigint. */
export function s64(args: unknown[], i: number): bigint { return args[i] as bigint; }

// A function instance: a wasm function of some instance (compiled lazily on first call) or a host
// function. Raw values at host boundaries: i32 number (int32), i64 bigint (signed), f32 number (the
// uint32 bit pattern), f64 bigint (the uint64 bit pattern), references as JS values (null = ref.null).
import type { FuncType } from '../types.js';
import type { Instance } from './instance.js';

/** Returned by a host function to block the calling context; the same call is retried on resume. */
export const BLOCK: unique symbol = Symbol('wasmlet.block');

/**
 * Returned by a host function (called from wasm code) to have a wasm function take its place: the
 * engine calls `func(...args)` as if the calling code had called it instead, on the same context
 * (its frames, fuel, traps and blocking are a normal call's), and the calling code receives its
 * results as the host function's. `func` must be a wasm function whose results are the host
 * function's results, or any results when the host function has none (they are then dropped). (The OpenMP host runs an undeferred task's routine this way, so that the
 * routine may block, which a nested synchronous call could not.)
 */
export class TailCall {
  constructor(readonly func: FuncInst, readonly args: readonly unknown[]) {}
}

/** What a host function receives besides its arguments. */
export interface HostCall {
  /** The executing context (an exec/Context); use it to call back into wasm. */
  readonly context: unknown;
  /** The instance whose code made the call, or null when called from the API directly. */
  readonly caller: Instance | null;
}

/**
 * A host function. Returns undefined (no results), the value itself (one result), an array (two or
 * more results), BLOCK, or (called from wasm code) a TailCall.
 */
export type HostFn = (args: unknown[], call: HostCall) => unknown;

export class FuncInst {
  /** Filled by compile/ on first call. */
  compiled: unknown = null;
  constructor(
    readonly type: FuncType,
    /** Owning instance for a wasm function; null for a host function. */
    readonly instance: Instance | null,
    /** Index of the body in instance.module.codes for a wasm function; -1 for a host function. */
    readonly defIndex: number,
    readonly host: HostFn | null,
    /** Name for stack traces. */
    public name: string,
  ) {}
  static host(type: FuncType, fn: HostFn, name = 'host'): FuncInst { return new FuncInst(type, null, -1, fn, name); }
}

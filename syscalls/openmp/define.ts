// How the OpenMP host functions are declared: a wasm signature as two strings of type letters
// ('i' i32, 'I' i64, 'F' f64) and an implementation over the raw arguments. Misuse the host detects
// (a bad function pointer, unlocking a lock the thread does not hold, no thread stack left) traps
// with a message naming the function, like a wasm trap.
import { FuncInst, RuntimeError, ValType } from '../../interpreter/index.js';
import { ThreadError } from '../threads/scheduler-api.js';
import { OmpLockError } from './locks.js';

const TYPES: Record<string, ValType> = { i: ValType.I32, I: ValType.I64, F: ValType.F64 };

function types(s: string): ValType[] { return [...s].map((c) => TYPES[c]); }

export type OmpFns = Record<string, FuncInst>;

/** Adds host function `name` with params/results (type letters) to `into`. */
export function def(into: OmpFns, name: string, params: string, results: string, fn: (a: unknown[]) => unknown): void {
  into[name] = FuncInst.host({ params: types(params), results: types(results) }, (args) => {
    try {
      return fn(args);
    } catch (e) {
      if (e instanceof ThreadError || e instanceof OmpLockError) throw new RuntimeError(`${name}: ${e.message}`);
      throw e;
    }
  }, `env.${name}`);
}

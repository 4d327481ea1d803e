// Shared helpers of the JS API tests (test/jsapi*.test.ts): WAT to bytes, a synchronous instance, and
// checks that a call throws an error of a given class (with an optional message part).
import * as assert from 'uvu/assert';
import { watToBinary } from '../interpreter/index.js';
import { WebAssembly as W } from '../src/webassembly/index.js';

export { W };

/** The binary of a WAT module. */
export function wasm(wat: string): Uint8Array {
  return watToBinary(wat);
}

/** The exports of a new instance of a WAT module. */
export function exportsOf(wat: string, imports?: object): Record<string, any> {
  return new W.Instance(new W.Module(wasm(wat)), imports).exports as Record<string, any>;
}

/** The error `fn` throws; fails when it does not throw or throws something not of class `cls`. */
export function throwsA(fn: () => unknown, cls: Function, part?: string): any {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  if (err === undefined) assert.unreachable(`expected ${cls.name} to be thrown`);
  assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
  if (part !== undefined) assert.ok(String((err as Error).message).includes(part), `message "${(err as Error).message}" lacks "${part}"`);
  return err;
}

/** The reason a promise rejects; fails when it resolves or rejects with something not of class `cls`. */
export async function rejectsA(p: Promise<unknown>, cls: Function, part?: string): Promise<any> {
  let err: unknown, resolved = false;
  try { await p; resolved = true; } catch (e) { err = e; }
  if (resolved) assert.unreachable(`expected a rejection with ${cls.name}`);
  assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
  if (part !== undefined) assert.ok(String((err as Error).message).includes(part), `message "${(err as Error).message}" lacks "${part}"`);
  return err;
}

// Which engine context JS → wasm calls run on: the context of the wasm code that called into JS
// (so a JS import that calls an export nests on the same stacks, to any depth), else the engine's
// shared default context.
import { defaultContext, type Context } from '../../interpreter/index.js';

let current: Context | null = null;

/** The context a call from JS into wasm (an export call, a start function) runs on now. */
export function callContext(): Context {
  return current ?? defaultContext();
}

/** Marks JS code called from wasm on `ctx` as running; returns the value to give back to leaveJs. */
export function enterJs(ctx: Context): Context | null {
  const prev = current;
  current = ctx;
  return prev;
}

/** Ends what enterJs began. */
export function leaveJs(prev: Context | null): void {
  current = prev;
}

// Calling a host function from wasm code: raw-value arguments read from the value stack, results
// written back where the arguments were (the callee's frame base). BLOCK means "retry later".
import { BLOCK, type FuncInst } from '../runtime/func.js';
import type { Instance } from '../runtime/instance.js';
import { hostResults, readRaw, writeRaw, type StackViews } from './values.js';

/** Calls host function f with the arguments at word w; returns false when it returned BLOCK. */
export function callHost(ctx: StackViews, f: FuncInst, w: number, caller: Instance): boolean {
  const t = f.type;
  const np = t.params.length;
  const args = new Array(np);
  for (let i = 0; i < np; i++) args[i] = readRaw(ctx, w + 2 * i, t.params[i]);
  const r = f.host!(args, { context: ctx, caller });
  if (r === BLOCK) return false;
  const nr = t.results.length;
  if (nr > 0) {
    const res = hostResults(r, nr);
    // The value stack may have been replaced by a nested activation: write through ctx.
    for (let i = 0; i < nr; i++) writeRaw(ctx, w + 2 * i, t.results[i], res[i]);
  }
  return true;
}

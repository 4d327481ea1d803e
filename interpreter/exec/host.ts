// Calling a host function from wasm code: raw-value arguments read from the value stack, results
// written back where the arguments were (the callee's frame base). The Context makes the call itself
// (between the two), so that only its own frame is on the JS stack while the host function runs.
import type { FuncInst } from '../runtime/func.js';
import { hostResults, readRaw, writeRaw, type StackViews } from './values.js';

/** The raw arguments of a call of host function f, read from word w. */
export function readHostArgs(ctx: StackViews, f: FuncInst, w: number): unknown[] {
  const ps = f.type.params, np = ps.length;
  const args = new Array(np);
  for (let i = 0; i < np; i++) args[i] = readRaw(ctx, w + 2 * i, ps[i]);
  return args;
}

/** Writes what host function f returned (not BLOCK) as its results at word w. */
export function writeHostResults(ctx: StackViews, f: FuncInst, w: number, r: unknown): void {
  const rs = f.type.results, nr = rs.length;
  if (nr === 0) return;
  const res = hostResults(r, nr);
  // The value stack may have been replaced by a nested activation: write through ctx.
  for (let i = 0; i < nr; i++) writeRaw(ctx, w + 2 * i, rs[i], res[i]);
}

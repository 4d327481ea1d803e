// Calling a host function from wasm code: raw-value arguments read from the value stack, results
// written back where the arguments were (the callee's frame base). The Context makes the call itself
// (between the two), so that only its own frame is on the JS stack while the host function runs.
// What a host function returns is checked against its result types (exec/values.ts writeRawChecked):
// a value that is not a raw value of its type is a TypeError naming the function, the result, the
// type and the value, not a silently coerced number.
import { ExternKind, valTypeName } from '../types.js';
import type { FuncInst } from '../runtime/func.js';
import type { Instance } from '../runtime/instance.js';
import {
  describeValue, rawExpectation, readRaw, resultCountError, writeRawChecked, type StackViews,
} from './values.js';

/** The Context as seen here: its value stack, and the function that made the call (for messages). */
export interface HostCallSite extends StackViews { readonly func?: FuncInst | null; }

/** The raw arguments of a call of host function f, read from word w. */
export function readHostArgs(ctx: StackViews, f: FuncInst, w: number): unknown[] {
  const ps = f.type.params, np = ps.length;
  const args = new Array(np);
  for (let i = 0; i < np; i++) args[i] = readRaw(ctx, w + 2 * i, ps[i]);
  return args;
}

/**
 * Writes what host function f returned (not BLOCK) as its results at word w; TypeError when it is not
 * what f's type says. ctx.func, the calling wasm function, only serves to name f in the error.
 */
export function writeHostResults(ctx: HostCallSite, f: FuncInst, w: number, r: unknown): void {
  const rs = f.type.results, nr = rs.length;
  if (nr === 0) return; // (the return value of a function without results is ignored)
  // The value stack may have been replaced by a nested activation: write through ctx.
  if (nr === 1) {
    if (!writeRawChecked(ctx, w, rs[0], r)) throw badResult(f, ctx.func?.instance ?? null, 0, r);
    return;
  }
  // (The function's name is only made for an error: hostName searches the caller's imports.)
  if (!Array.isArray(r) || r.length !== nr) throw resultCountError(r, nr, hostName(f, ctx.func?.instance ?? null));
  for (let i = 0; i < nr; i++) {
    if (!writeRawChecked(ctx, w + 2 * i, rs[i], r[i])) throw badResult(f, ctx.func?.instance ?? null, i, r[i]);
  }
}

/** Scratch slot for hostCallResults (two words, one reference). */
const scratch: StackViews = { s: new Int32Array(2), refs: [null] };

/**
 * The results of a host function f called directly (Context.invoke/run, not from wasm) from its
 * return value r: checked like writeHostResults, and in the form a wasm function's results have
 * (i32 int32, f32 uint32, i64 signed bigint, f64 unsigned bigint, a funcref's undefined as null).
 */
export function hostCallResults(f: FuncInst, r: unknown): unknown[] {
  const rs = f.type.results, nr = rs.length;
  if (nr > 1 && !(Array.isArray(r) && r.length === nr)) throw resultCountError(r, nr, hostName(f, null));
  const res = nr === 1 ? [r] : r as unknown[];
  const out = new Array(nr);
  try {
    for (let i = 0; i < nr; i++) {
      if (!writeRawChecked(scratch, 0, rs[i], res[i])) throw badResult(f, null, i, res[i]);
      out[i] = readRaw(scratch, 0, rs[i]);
    }
  } finally {
    scratch.refs[0] = null;
  }
  return out;
}

/** "host function NAME", with its function index and import name in the calling instance when known. */
function hostName(f: FuncInst, caller: Instance | null): string {
  let where = '';
  const idx = caller === null ? -1 : caller.funcs.indexOf(f);
  if (idx >= 0) {
    where = ` (function ${idx}`;
    let n = 0;
    for (const im of caller!.module.imports) {
      if (im.desc.kind !== ExternKind.Func) continue;
      if (n++ === idx) { where += `, import "${im.module}" "${im.name}"`; break; }
    }
    where += ')';
  }
  return `host function ${f.name}${where}`;
}

function badResult(f: FuncInst, caller: Instance | null, i: number, v: unknown): TypeError {
  const t = f.type.results[i];
  return new TypeError(`${hostName(f, caller)} returned ${describeValue(v)} as result ${i} of ${f.type.results.length} `
    + `(${valTypeName(t)}); expected ${rawExpectation(t)}`);
}

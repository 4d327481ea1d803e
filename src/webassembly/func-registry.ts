// The two-way map between engine function instances and their JS function objects: an engine
// function has at most one Exported Function (so a funcref round-trips to the same JS object), and a
// JS function made by this API knows its engine function. exported-function.ts installs the maker.
import type { FuncInst } from '../../interpreter/index.js';

const jsOf = new WeakMap<FuncInst, Function>();
const funcOf = new WeakMap<Function, FuncInst>();
let maker: ((f: FuncInst) => Function) | null = null;

/** Set by exported-function.ts: how to make the Exported Function of an engine function. */
export function setExportedFunctionMaker(make: (f: FuncInst) => Function): void { maker = make; }

/** The Exported Function of an engine function (made once, then the same object every time). */
export function exportedFunction(f: FuncInst): Function {
  let fn = jsOf.get(f);
  if (fn === undefined) {
    fn = maker!(f);
    jsOf.set(f, fn);
    funcOf.set(fn, f);
  }
  return fn;
}

/** The engine function behind an Exported Function, or undefined for any other value. */
export function funcOfExported(v: unknown): FuncInst | undefined {
  return typeof v === 'function' ? funcOf.get(v) : undefined;
}

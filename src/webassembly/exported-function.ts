// Exported Functions (JS API §"Exported Function"): the JS function object of an engine function,
// made once per function. Calling it converts the arguments (ToWebAssemblyValue), runs the function
// on the current context (nested in the wasm code that called into JS, if any) and converts the
// results (none → undefined, one → the value, several → an array). Traps become
// WebAssembly.RuntimeError; JS exceptions thrown by imports pass through unchanged. `name` is the
// function's index in its instance, `length` its parameter count.
import type { FuncInst } from '../../interpreter/index.js';
import { callContext } from './calls.js';
import { toJsError } from './errors.js';
import { setExportedFunctionMaker } from './func-registry.js';
import { hostFuncIndex } from './host-function.js';
import { toJsFor, toWasmFor, type ToJs, type ToWasm } from './values.js';

/** The index that names a function: its place in its own instance, or where a host function was imported. */
function funcIndex(f: FuncInst): number {
  if (f.instance !== null) return f.instance.module.importedFuncs + f.defIndex;
  return hostFuncIndex.get(f) ?? 0;
}

function convertResults(res: unknown[], conv: ToJs[]): unknown {
  const out = new Array(conv.length);
  for (let i = 0; i < conv.length; i++) out[i] = conv[i](res[i]);
  return out;
}

function makeExportedFunction(f: FuncInst): Function {
  const pconv: ToWasm[] = f.type.params.map(toWasmFor);
  const rconv: ToJs[] = f.type.results.map(toJsFor);
  const np = pconv.length, nr = rconv.length;
  const r0 = nr === 1 ? rconv[0] : null;
  // An arrow function: like a built-in, it has no prototype and cannot be constructed.
  const fn = (...args: unknown[]): unknown => {
    const raw = new Array(np);
    for (let i = 0; i < np; i++) raw[i] = pconv[i](args[i]);
    let res: unknown[];
    try {
      res = callContext().invoke(f, raw);
    } catch (e) {
      throw toJsError(e);
    }
    if (r0 !== null) return r0(res[0]);
    return nr === 0 ? undefined : convertResults(res, rconv);
  };
  Object.defineProperty(fn, 'length', { value: np, configurable: true });
  Object.defineProperty(fn, 'name', { value: String(funcIndex(f)), configurable: true });
  return fn;
}

setExportedFunctionMaker(makeExportedFunction);

export { exportedFunction, funcOfExported } from './func-registry.js';

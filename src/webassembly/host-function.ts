// Host functions from JS callables (JS API §"create a host function"): an engine host function that
// converts its raw arguments with ToJSValue, calls the JS function with `this` undefined, and converts
// what it returns with ToWebAssemblyValue (several results: any iterable of exactly that many values).
// While the JS function runs, calls back into wasm nest on the calling context.
import { FuncInst, type FuncType, type HostCall, type Context } from '../../interpreter/index.js';
import { enterJs, leaveJs } from './calls.js';
import { toJsFor, toWasmFor, type ToJs, type ToWasm } from './values.js';

/** Where each host function made here was imported (its index in the importing instance): its name when exported. */
export const hostFuncIndex = new WeakMap<FuncInst, number>();

function resultList(r: unknown, conv: ToWasm[]): unknown[] {
  if (r === null || r === undefined || typeof (r as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new TypeError(`a function returning ${conv.length} values must return an iterable`);
  }
  const values = Array.from(r as Iterable<unknown>);
  if (values.length !== conv.length) {
    throw new TypeError(`a function returning ${conv.length} values returned ${values.length}`);
  }
  for (let i = 0; i < values.length; i++) values[i] = conv[i](values[i]);
  return values;
}

/** A host function calling `fn` with type `type`; `index` names it if wasm exports it. */
export function hostFunctionFor(fn: Function, type: FuncType, index: number): FuncInst {
  const pconv: ToJs[] = type.params.map(toJsFor);
  const rconv: ToWasm[] = type.results.map(toWasmFor);
  const np = pconv.length, nr = rconv.length;
  const r0 = nr === 1 ? rconv[0] : null;
  const host = (args: unknown[], call: HostCall): unknown => {
    const js = new Array(np);
    for (let i = 0; i < np; i++) js[i] = pconv[i](args[i]);
    const prev = enterJs(call.context as Context);
    let r: unknown;
    try {
      r = Reflect.apply(fn, undefined, js);
    } finally {
      leaveJs(prev);
    }
    if (r0 !== null) return r0(r);
    return nr === 0 ? undefined : resultList(r, rconv);
  };
  const f = FuncInst.host(type, host, fn.name || `js:${index}`);
  hostFuncIndex.set(f, index);
  return f;
}

// WebAssembly.CompileError, LinkError and RuntimeError: real Error subclasses built like the
// ECMAScript NativeError constructors (callable with or without `new`, `name` and `message` on the
// prototype), and the translation of the engine's errors into them at the JS API boundary.
import {
  CompileError as EngineCompileError, LinkError as EngineLinkError, RuntimeError as EngineRuntimeError,
} from '../../interpreter/index.js';

/** The constructor type of the three error classes (callable like Error itself). */
export interface WasmErrorConstructor {
  new (message?: string, options?: ErrorOptions): Error;
  (message?: string, options?: ErrorOptions): Error;
  readonly prototype: Error;
}

function makeErrorClass(name: string): WasmErrorConstructor {
  const ctor = function (this: unknown, message?: string, options?: ErrorOptions): Error {
    // Reflect.construct gives the object Error's internal slot and a stack, with our prototype.
    const args: unknown[] = options === undefined ? [message] : [message, options];
    return Reflect.construct(Error, args, new.target ?? ctor) as Error;
  };
  Object.setPrototypeOf(ctor, Error);
  Object.defineProperty(ctor, 'name', { value: name, configurable: true });
  Object.defineProperty(ctor, 'length', { value: 1, configurable: true });
  const proto = Object.create(Error.prototype, {
    constructor: { value: ctor, writable: true, configurable: true },
    name: { value: name, writable: true, configurable: true },
    message: { value: '', writable: true, configurable: true },
  });
  Object.defineProperty(ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  return ctor as unknown as WasmErrorConstructor;
}

export const CompileError = makeErrorClass('CompileError');
export const LinkError = makeErrorClass('LinkError');
export const RuntimeError = makeErrorClass('RuntimeError');

/** A trap: a WebAssembly.RuntimeError whose stack lists the wasm frames before the JS ones. */
function trapError(e: EngineRuntimeError): Error {
  const err = new RuntimeError(e.reason, { cause: e });
  if (e.wasmStack.length > 0 && typeof err.stack === 'string') {
    const nl = err.stack.indexOf('\n');
    const head = nl < 0 ? err.stack : err.stack.slice(0, nl);
    const tail = nl < 0 ? '' : err.stack.slice(nl);
    err.stack = head + e.wasmStack.map(f => `\n    at ${f} (wasm)`).join('') + tail;
  }
  return err;
}

/**
 * The JS API error for an error thrown by the engine; anything else (a JS exception thrown by an
 * import, already-translated errors) is returned unchanged. `where` prefixes messages ("WebAssembly.Module()").
 */
export function toJsError(e: unknown, where = ''): unknown {
  const prefix = where ? `${where}: ` : '';
  if (e instanceof EngineRuntimeError) {
    // Like native engines, running out of stack is a RangeError rather than a trap.
    if (e.reason === 'call stack exhausted') return new RangeError('Maximum call stack size exceeded', { cause: e });
    return trapError(e);
  }
  if (e instanceof EngineCompileError) return new CompileError(prefix + e.message, { cause: e });
  if (e instanceof EngineLinkError) return new LinkError(prefix + e.message, { cause: e });
  return e;
}

// The namespace functions validate, compile and instantiate (both overloads). Bytes are copied at the
// call; the work runs in a later microtask and failures reject the promise (never a synchronous throw).
import { CompileError as EngineCompileError, compile as engineCompile } from '../../interpreter/index.js';
import { instanceFromEngine, instantiateEngine, type Instance } from './instance.js';
import { readImports } from './imports.js';
import { compileBytes, engineModule, moduleFromEngine, type Module } from './module.js';
import { bufferSourceBytes, requireBytes } from './webidl.js';

/** True when the bytes are a valid module. */
export function validate(bytes: ArrayBuffer | ArrayBufferView): boolean {
  const b = requireBytes(bytes, 'WebAssembly.validate()');
  try {
    engineCompile(b);
    return true;
  } catch (e) {
    if (e instanceof EngineCompileError) return false;
    throw e;
  }
}

/** Compiles bytes already copied, after the current task's synchronous code. */
export function compileLater(bytes: Uint8Array, where: string): Promise<Module> {
  return Promise.resolve().then(() => moduleFromEngine(compileBytes(bytes, where)));
}

/** Compiles a module. */
export function compile(bytes: ArrayBuffer | ArrayBufferView): Promise<Module> {
  const where = 'WebAssembly.compile()';
  let b: Uint8Array;
  try { b = requireBytes(bytes, where); } catch (e) { return Promise.reject(e); }
  return compileLater(b, where);
}

/** Instantiates a Module: the imports are read now, the instance is made in a later microtask. */
export function instantiateModule(module: Module, importObject: unknown, where: string): Promise<Instance> {
  try {
    const m = engineModule(module)!;
    const imports = readImports(m, importObject, where);
    return Promise.resolve().then(() => instanceFromEngine(instantiateEngine(m, imports, where)));
  } catch (e) {
    return Promise.reject(e);
  }
}

export interface WebAssemblyInstantiatedSource { module: Module; instance: Instance; }

/** The result of instantiating compiled bytes: a plain { module, instance } object. */
export function instantiateCompiled(pending: Promise<Module>, importObject: unknown, where: string): Promise<WebAssemblyInstantiatedSource> {
  return pending.then(module => instantiateModule(module, importObject, where).then(instance => ({ module, instance })));
}

/** instantiate(bytes, imports) → { module, instance }; instantiate(moduleObject, imports) → instance. */
export function instantiate(bytes: ArrayBuffer | ArrayBufferView, importObject?: object): Promise<WebAssemblyInstantiatedSource>;
export function instantiate(moduleObject: Module, importObject?: object): Promise<Instance>;
export function instantiate(source: unknown, importObject?: unknown): Promise<WebAssemblyInstantiatedSource | Instance> {
  const where = 'WebAssembly.instantiate()';
  if (engineModule(source) !== undefined) return instantiateModule(source as Module, importObject, where);
  const b = bufferSourceBytes(source);
  if (b === undefined) {
    return Promise.reject(new TypeError(`${where}: Argument 0 must be a buffer source or a WebAssembly.Module object`));
  }
  return instantiateCompiled(compileLater(b, where), importObject, where);
}
Object.defineProperty(instantiate, 'length', { value: 1, configurable: true });

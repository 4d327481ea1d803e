// WebAssembly.Module: a decoded and validated module (compiled from a copy of the given bytes), and its
// static reflection: Module.exports, Module.imports and Module.customSections.
import { compile as engineCompile, ExternKind, type Module as EngineModule } from '../../interpreter/index.js';
import { toJsError } from './errors.js';
import { requireBytes, webidlInterface } from './webidl.js';

export type ImportExportKind = 'function' | 'table' | 'memory' | 'global';
export interface ModuleExportDescriptor { name: string; kind: ImportExportKind; }
export interface ModuleImportDescriptor { module: string; name: string; kind: ImportExportKind; }

const engineOf = new WeakMap<object, EngineModule>();

const KIND_NAMES: Record<number, ImportExportKind> = {
  [ExternKind.Func]: 'function', [ExternKind.Table]: 'table', [ExternKind.Memory]: 'memory', [ExternKind.Global]: 'global',
};

/** Decodes and validates bytes (already copied); a WebAssembly.CompileError when they are not a valid module. */
export function compileBytes(bytes: Uint8Array, where: string): EngineModule {
  try {
    return engineCompile(bytes);
  } catch (e) {
    throw toJsError(e, where);
  }
}

function moduleArg(m: unknown, where: string): EngineModule {
  const em = engineModule(m);
  if (em === undefined) throw new TypeError(`${where}: Argument 0 must be a WebAssembly.Module`);
  return em;
}

export class Module {
  constructor(bytes: ArrayBuffer | ArrayBufferView) {
    const where = 'WebAssembly.Module()';
    engineOf.set(this, compileBytes(requireBytes(bytes, where), where));
  }

  static exports(moduleObject: Module): ModuleExportDescriptor[] {
    const m = moduleArg(moduleObject, 'WebAssembly.Module.exports()');
    return m.exports.map(e => ({ name: e.name, kind: KIND_NAMES[e.kind] }));
  }

  static imports(moduleObject: Module): ModuleImportDescriptor[] {
    const m = moduleArg(moduleObject, 'WebAssembly.Module.imports()');
    return m.imports.map(i => ({ module: i.module, name: i.name, kind: KIND_NAMES[i.desc.kind] }));
  }

  static customSections(moduleObject: Module, sectionName: string): ArrayBuffer[] {
    const where = 'WebAssembly.Module.customSections()';
    const m = moduleArg(moduleObject, where);
    if (arguments.length < 2) throw new TypeError(`${where}: Argument 1 is required`);
    const name = String(sectionName);
    return m.customs.filter(c => c.name === name).map(c => c.bytes.slice().buffer);
  }
}

webidlInterface(Module, 'WebAssembly.Module', 1);
for (const key of ['exports', 'imports', 'customSections']) {
  const d = Object.getOwnPropertyDescriptor(Module, key)!;
  Object.defineProperty(Module, key, { ...d, enumerable: true });
}
Object.defineProperty(Module.customSections, 'length', { value: 2, configurable: true });

/** A WebAssembly.Module over an engine module already compiled. */
export function moduleFromEngine(m: EngineModule): Module {
  const obj = Object.create(Module.prototype) as Module;
  engineOf.set(obj, m);
  return obj;
}

/** The engine module behind a WebAssembly.Module, or undefined for any other value. */
export function engineModule(v: unknown): EngineModule | undefined {
  return typeof v === 'object' && v !== null ? engineOf.get(v) : undefined;
}

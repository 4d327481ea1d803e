// WebAssembly.Instance: instantiates a Module with an import object (synchronously: the start
// function runs here), and exposes `exports`, a frozen null-prototype object holding the exports as
// Exported Functions and Memory, Table and Global objects.
import {
  instantiate as engineInstantiate, ExternKind, LinkError as EngineLinkError,
  type ExternVal, type FuncInst, type Global as EngineGlobal, type Instance as EngineInstance,
  type Memory as EngineMemory, type Module as EngineModule, type Table as EngineTable,
} from '../../interpreter/index.js';
import { callContext } from './calls.js';
import { toJsError } from './errors.js';
import { exportedFunction } from './exported-function.js';
import { globalFromEngine } from './global.js';
import { readImports } from './imports.js';
import { memoryFromEngine } from './memory.js';
import { engineModule, type Module } from './module.js';
import { tableFromEngine } from './table.js';
import { webidlInterface } from './webidl.js';

const exportsOf = new WeakMap<object, object>();

/** Instantiates an engine module with imports already read (in import order). */
export function instantiateEngine(m: EngineModule, imports: ExternVal[], where: string): EngineInstance {
  let next = 0;
  // The engine asks for each import once, in order; answering by position keeps duplicate names apart.
  const resolve = (module: string, name: string): ExternVal | undefined => {
    const im = m.imports[next];
    if (im === undefined || im.module !== module || im.name !== name) throw new EngineLinkError('import order mismatch', `${module}.${name}`);
    return imports[next++];
  };
  try {
    return engineInstantiate(m, resolve, { context: callContext() });
  } catch (e) {
    throw toJsError(e, where);
  }
}

/** The exports object of an engine instance. */
function exportsObject(inst: EngineInstance): object {
  const obj = Object.create(null) as Record<string, unknown>;
  for (const e of inst.module.exports) {
    let v: unknown;
    switch (e.kind) {
      case ExternKind.Func: v = exportedFunction(inst.funcs[e.index] as FuncInst); break;
      case ExternKind.Memory: v = memoryFromEngine(inst.mems[e.index] as EngineMemory); break;
      case ExternKind.Table: v = tableFromEngine(inst.tables[e.index] as EngineTable); break;
      case ExternKind.Global: v = globalFromEngine(inst.globals[e.index] as EngineGlobal); break;
    }
    Object.defineProperty(obj, e.name, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return Object.freeze(obj);
}

export class Instance {
  constructor(module: Module, importObject?: object) {
    const where = 'WebAssembly.Instance()';
    const m = engineModule(module);
    if (m === undefined) throw new TypeError(`${where}: Argument 0 must be a WebAssembly.Module`);
    exportsOf.set(this, exportsObject(instantiateEngine(m, readImports(m, importObject, where), where)));
  }

  get exports(): object {
    const e = exportsOf.get(this);
    if (e === undefined) throw new TypeError('WebAssembly.Instance.exports: Receiver is not a WebAssembly.Instance');
    return e;
  }
}

webidlInterface(Instance, 'WebAssembly.Instance', 1);

/** A WebAssembly.Instance over an engine instance already made. */
export function instanceFromEngine(inst: EngineInstance): Instance {
  const obj = Object.create(Instance.prototype) as Instance;
  exportsOf.set(obj, exportsObject(inst));
  return obj;
}

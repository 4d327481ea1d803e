// "Read the imports" (JS API §instantiate): looks up every import of a module in the import object
// and turns each into an engine value: a JS function becomes a host function (an Exported Function
// gives back its own engine function), a Number or BigInt a new immutable global, and Memory, Table
// and Global objects their engine objects. Wrong values are a LinkError, a missing or non-object
// module namespace a TypeError. Type compatibility is then checked by the engine's instantiate.
import {
  ExternKind, ValType, isRefType, type ExternVal, type Import, type Module as EngineModule,
} from '../../interpreter/index.js';
import { LinkError } from './errors.js';
import { funcOfExported } from './exported-function.js';
import { constantGlobal, engineGlobal } from './global.js';
import { hostFunctionFor } from './host-function.js';
import { engineMemory } from './memory.js';
import { engineTable } from './table.js';
import { toWasm } from './values.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

function globalImport(im: Import, v: unknown, fail: (why: string) => never): ExternVal {
  if (im.desc.kind !== ExternKind.Global) throw new Error('unreachable');
  const g = engineGlobal(v);
  if (g !== undefined) return g;
  const { type, mutable } = im.desc.type;
  const plain = typeof v === 'number' || typeof v === 'bigint';
  if (!plain && !isRefType(type)) fail('global import must be a number, a valid reference, or a WebAssembly.Global object');
  if (mutable) fail('imported mutable global must be a WebAssembly.Global object');
  if (type === ValType.I64 && typeof v === 'number') fail('global import of type i64 must be a BigInt');
  if (type !== ValType.I64 && typeof v === 'bigint') fail('a BigInt can only be imported as an i64 global');
  let raw: unknown;
  try { raw = toWasm(type, v); } catch (e) { fail(e instanceof Error ? e.message : String(e)); }
  return constantGlobal(type, raw);
}

/** The engine values for the module's imports, in import order. */
export function readImports(m: EngineModule, importObject: unknown, where: string): ExternVal[] {
  if (m.imports.length > 0 && importObject === undefined) {
    throw new TypeError(`${where}: Imports argument must be present and must be an object`);
  }
  if (importObject !== undefined && !isObject(importObject)) throw new TypeError(`${where}: Argument 1 must be an object`);
  const out: ExternVal[] = [];
  let funcIndex = 0;
  for (let i = 0; i < m.imports.length; i++) {
    const im = m.imports[i];
    const ns = (importObject as Record<string, unknown>)[im.module];
    if (!isObject(ns)) throw new TypeError(`${where}: Import #${i} module="${im.module}": module is not an object or function`);
    const v = ns[im.name];
    const fail = (why: string): never => {
      throw new LinkError(`${where}: Import #${i} module="${im.module}" name="${im.name}": ${why}`);
    };
    switch (im.desc.kind) {
      case ExternKind.Func: {
        if (typeof v !== 'function') fail('function import requires a callable');
        const fn = v as Function;
        out.push(funcOfExported(fn) ?? hostFunctionFor(fn, m.types[im.desc.typeIndex], funcIndex));
        funcIndex++;
        break;
      }
      case ExternKind.Global:
        out.push(globalImport(im, v, fail));
        break;
      case ExternKind.Memory:
        out.push(engineMemory(v) ?? fail('memory import must be a WebAssembly.Memory object'));
        break;
      case ExternKind.Table:
        out.push(engineTable(v) ?? fail('table import must be a WebAssembly.Table object'));
        break;
    }
  }
  return out;
}

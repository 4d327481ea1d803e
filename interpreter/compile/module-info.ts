// Per-module facts the compiler looks up for every call and global access: the type of each function
// and the value type of each global in the index spaces (imports first). Built once per Module.
import { ExternKind, type FuncType, type Module, type ValType } from '../types.js';

export interface ModuleInfo {
  readonly funcTypes: readonly FuncType[];
  readonly globalTypes: readonly ValType[];
}

const cache = new WeakMap<Module, ModuleInfo>();

export function moduleInfo(m: Module): ModuleInfo {
  let info = cache.get(m);
  if (info === undefined) {
    const funcTypes: FuncType[] = [];
    const globalTypes: ValType[] = [];
    for (const im of m.imports) {
      if (im.desc.kind === ExternKind.Func) funcTypes.push(m.types[im.desc.typeIndex]);
      else if (im.desc.kind === ExternKind.Global) globalTypes.push(im.desc.type.type);
    }
    for (const t of m.funcs) funcTypes.push(m.types[t]);
    for (const g of m.globals) globalTypes.push(g.type.type);
    info = { funcTypes, globalTypes };
    cache.set(m, info);
  }
  return info;
}

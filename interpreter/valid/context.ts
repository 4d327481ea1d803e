// The validation context C of the spec, flattened into typed arrays that the body validator reads
// without allocating: signatures by id, per-index types of functions, tables, globals, segments.
import { CompileError } from '../errors.js';
import { ExternKind, ValType, type Module } from '../types.js';

/** Value type "unknown" (the spec appendix's bottom type for unreachable code). */
export const UNKNOWN = 0;

export interface Ctx {
  m: Module;
  /** Number of declared types; signature ids below this are type indices. */
  nTypes: number;
  /** Signature id -> parameter / result types. Ids >= nTypes are block-type shorthands:
   *  nTypes = [] -> [], nTypes + 1 + k = [] -> [valtype k] (see shortSig). */
  sigParams: Uint8Array[];
  sigResults: Uint8Array[];
  /** Type index of each function in the function index space (imports first). */
  funcType: Int32Array;
  /** Element type of each table (imports first). */
  tableElem: Uint8Array;
  /** Type and mutability (1 = mutable) of each global (imports first). */
  globalType: Uint8Array;
  globalMut: Uint8Array;
  nMems: number;
  /** Element type of each element segment. */
  elemType: Uint8Array;
  nDatas: number;
  /** C.refs: 1 for functions that may be named by ref.func inside function bodies. */
  refs: Uint8Array;
}

const SHORT_TYPES = [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef];
/** valtype byte -> k for the shorthand signature ids (-1 when not a value type). */
const shortIndex = new Int8Array(256).fill(-1);
SHORT_TYPES.forEach((t, k) => { shortIndex[t] = k; });

/** Signature id of a block type read as s33, or -1 for an unknown type index, -2 for a bad value type. */
export function blockSig(c: Ctx, bt: number): number {
  if (bt >= 0) return bt < c.nTypes ? bt : -1;
  if (bt === -64) return c.nTypes;
  const b = bt + 128;
  if (b < 0) return -2;
  const k = shortIndex[b];
  return k < 0 ? -2 : c.nTypes + 1 + k;
}

export function buildCtx(m: Module): Ctx {
  const nTypes = m.types.length;
  const sigParams: Uint8Array[] = [];
  const sigResults: Uint8Array[] = [];
  for (const t of m.types) { sigParams.push(Uint8Array.from(t.params)); sigResults.push(Uint8Array.from(t.results)); }
  const empty = new Uint8Array(0);
  sigParams.push(empty); sigResults.push(empty);
  for (const t of SHORT_TYPES) { sigParams.push(empty); sigResults.push(Uint8Array.of(t)); }

  const funcTypes: number[] = [];
  const tables: number[] = [];
  const gtypes: number[] = [];
  const gmuts: number[] = [];
  let nMems = 0;
  for (const im of m.imports) {
    const d = im.desc;
    switch (d.kind) {
      case ExternKind.Func:
        if (d.typeIndex >= nTypes) throw new CompileError(`unknown type ${d.typeIndex}`, -1, 'invalid', `import ${im.module}.${im.name}`);
        funcTypes.push(d.typeIndex); break;
      case ExternKind.Table: tables.push(d.type.elem); break;
      case ExternKind.Memory: nMems++; break;
      case ExternKind.Global: gtypes.push(d.type.type); gmuts.push(d.type.mutable ? 1 : 0); break;
    }
  }
  for (let i = 0; i < m.funcs.length; i++) {
    const ti = m.funcs[i];
    if (ti >= nTypes) {
      const at = m.codes[i] ? m.codes[i].offset : -1;
      throw new CompileError(`unknown type ${ti}`, at, 'invalid', `function ${m.importedFuncs + i}`);
    }
    funcTypes.push(ti);
  }
  for (const t of m.tables) tables.push(t.elem);
  nMems += m.mems.length;
  for (const g of m.globals) { gtypes.push(g.type.type); gmuts.push(g.type.mutable ? 1 : 0); }
  return {
    m, nTypes, sigParams, sigResults,
    funcType: Int32Array.from(funcTypes),
    tableElem: Uint8Array.from(tables),
    globalType: Uint8Array.from(gtypes),
    globalMut: Uint8Array.from(gmuts),
    nMems,
    elemType: Uint8Array.from(m.elems.map(e => e.type)),
    nDatas: m.dataCount ?? m.datas.length,
    refs: new Uint8Array(funcTypes.length),
  };
}

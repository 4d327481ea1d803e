// Module instantiation (spec 2.0 §4.5.4): resolve and check imports, allocate functions, tables,
// memories and globals, evaluate element segments, build exports, then run active element and data
// segments in order (a trap keeps the writes before it) and finally the start function.
import { LinkError, RuntimeError } from '../errors.js';
import { ExternKind, SegmentMode } from '../types.js';
import type { FuncType, GlobalType, Import, Limits, Module, TableType, MemType } from '../types.js';
import type { Context } from '../exec/context.js';
import { FuncInst } from './func.js';
import { Table, MAX_TABLE_SIZE } from './table.js';
import { Memory } from './memory.js';
import { Global } from './global.js';
import { Instance, type ExternVal } from './instance.js';
import { evalConstExpr, initGlobal } from './constexpr.js';
import { defaultContext } from './default-context.js';

/** Where imports come from: module name → field name → value, or a resolver function. */
export type Imports =
  | Record<string, Record<string, ExternVal>>
  | ((module: string, name: string) => ExternVal | undefined);

export interface InstantiateOptions {
  /** The context the start function runs on (default: the shared default context). */
  context?: Context;
}

function lookup(imports: Imports | undefined, module: string, name: string): ExternVal | undefined {
  if (imports === undefined) return undefined;
  if (typeof imports === 'function') return imports(module, name) ?? undefined;
  if (!Object.prototype.hasOwnProperty.call(imports, module)) return undefined;
  const ns = imports[module];
  if (ns === null || typeof ns !== 'object' || !Object.prototype.hasOwnProperty.call(ns, name)) return undefined;
  return ns[name] ?? undefined;
}

export function sameFuncType(a: FuncType, b: FuncType): boolean {
  if (a === b) return true;
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}

/** Limits subtyping: the actual {size, max} matches the declared limits. */
function limitsMatch(size: number, max: number | null, declared: Limits): boolean {
  if (size < declared.min) return false;
  if (declared.max !== null && (max === null || max > declared.max)) return false;
  return true;
}

function tableMatches(t: Table, decl: TableType): boolean {
  return t.type === decl.elem && limitsMatch(t.size, t.max, decl.limits);
}

function memoryMatches(m: Memory, decl: MemType): boolean {
  return m.shared === decl.limits.shared && limitsMatch(m.pages, m.max, decl.limits);
}

function globalMatches(g: Global, decl: GlobalType): boolean {
  return g.type.type === decl.type && g.type.mutable === decl.mutable;
}

/** Check one import's value against its declaration and add it to the instance's index spaces. */
function linkImport(inst: Instance, im: Import, v: ExternVal | undefined): void {
  const where = `${im.module}.${im.name}`;
  if (v === undefined || v === null) throw new LinkError('unknown import', where);
  const desc = im.desc;
  let ok = false;
  switch (desc.kind) {
    case ExternKind.Func:
      ok = v instanceof FuncInst && sameFuncType(v.type, inst.module.types[desc.typeIndex]);
      if (ok) inst.funcs.push(v as FuncInst);
      break;
    case ExternKind.Table:
      ok = v instanceof Table && tableMatches(v, desc.type);
      if (ok) inst.tables.push(v as Table);
      break;
    case ExternKind.Memory:
      ok = v instanceof Memory && memoryMatches(v, desc.type);
      if (ok) inst.mems.push(v as Memory);
      break;
    case ExternKind.Global:
      ok = v instanceof Global && globalMatches(v, desc.type);
      if (ok) inst.globals.push(v as Global);
      break;
  }
  if (!ok) throw new LinkError('incompatible import type', where);
}

/** A defined function's name for stack traces: the name section, else an export name, else its index. */
function funcName(m: Module, index: number): string {
  const n = m.names.funcs.get(index);
  if (n !== undefined) return n;
  for (const e of m.exports) if (e.kind === ExternKind.Func && e.index === index) return e.name;
  return `func[${index}]`;
}

function allocate(inst: Instance): void {
  const m = inst.module;
  for (let i = 0; i < m.funcs.length; i++) {
    const index = m.importedFuncs + i;
    inst.funcs.push(new FuncInst(m.types[m.funcs[i]], inst, i, null, funcName(m, index)));
  }
  for (const t of m.tables) {
    if (t.limits.min > MAX_TABLE_SIZE) throw new LinkError('table size exceeds engine limit', `${t.limits.min} elements`);
    inst.tables.push(new Table(t.elem, t.limits.min, t.limits.max, null));
  }
  for (const mt of m.mems) {
    let mem: Memory;
    try { mem = new Memory(mt.limits.min, mt.limits.max, mt.limits.shared); }
    catch { throw new LinkError('memory size exceeds engine limit', `${mt.limits.min} pages`); }
    inst.mems.push(mem);
  }
  // Globals in order: an initialiser sees imported globals and those defined before it.
  for (const g of m.globals) {
    const cell = new Global(g.type);
    initGlobal(cell, g.init, inst);
    inst.globals.push(cell);
  }
  for (const seg of m.elems) {
    const refs = seg.funcs !== null ? seg.funcs.map(i => inst.funcs[i]) : seg.exprs!.map(e => evalConstExpr(e, inst));
    inst.elems.push(refs);
  }
  for (const d of m.datas) inst.datas.push(d.bytes);
  for (const e of m.exports) {
    const space: ExternVal[] = e.kind === ExternKind.Func ? inst.funcs : e.kind === ExternKind.Table ? inst.tables
      : e.kind === ExternKind.Memory ? inst.mems : inst.globals;
    inst.exports.set(e.name, space[e.index]);
  }
}

/** Active element segments (table.init + elem.drop), declarative ones dropped; then active data segments. */
function initSegments(inst: Instance): void {
  const m = inst.module;
  for (let i = 0; i < m.elems.length; i++) {
    const seg = m.elems[i];
    if (seg.mode === SegmentMode.Active) {
      const refs = inst.elems[i]!;
      const table = inst.tables[seg.table];
      const offset = (evalConstExpr(seg.offset!, inst) as number) >>> 0;
      if (offset + refs.length > table.size) throw new RuntimeError('out of bounds table access');
      for (let k = 0; k < refs.length; k++) table.elements[offset + k] = refs[k];
      inst.elems[i] = null;
    } else if (seg.mode === SegmentMode.Declarative) {
      inst.elems[i] = null;
    }
  }
  for (let i = 0; i < m.datas.length; i++) {
    const seg = m.datas[i];
    if (seg.mode !== SegmentMode.Active) continue;
    const mem = inst.mems[seg.memory];
    const offset = (evalConstExpr(seg.offset!, inst) as number) >>> 0;
    if (offset + seg.bytes.length > mem.byteLength) throw new RuntimeError('out of bounds memory access');
    mem.write(offset, seg.bytes); // marks the pages dirty
    inst.datas[i] = null;
  }
}

/** Instantiate a validated module. Throws LinkError for unlinkable imports, RuntimeError for traps. */
export function instantiate(module: Module, imports?: Imports, opts?: InstantiateOptions): Instance {
  if (module === null || typeof module !== 'object' || !Array.isArray(module.imports)) {
    throw new TypeError('instantiate: expected a compiled module (the result of compile())');
  }
  const inst = new Instance(module);
  for (const im of module.imports) linkImport(inst, im, lookup(imports, im.module, im.name));
  allocate(inst);
  initSegments(inst);
  if (module.start !== null) {
    const ctx = opts?.context ?? defaultContext();
    ctx.invoke(inst.funcs[module.start], []);
  }
  return inst;
}

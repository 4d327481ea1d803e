// Module-level validation: limits, imports, globals, segments, functions, start and exports, in the
// reference interpreter's order. Function bodies are checked by BodyValidator (func.ts).
import { CompileError } from '../errors.js';
import { ExternKind, SegmentMode, ValType, type FuncBody, type Limits, type Module } from '../types.js';
import { buildCtx } from './context.js';
import { checkConstExpr } from './constexpr.js';
import { BodyValidator, type BodyFacts } from './func.js';

const MAX_PAGES = 65536;
const MAX_TABLE = 0xffffffff;

const facts = new WeakMap<FuncBody, BodyFacts>();

/** Facts recorded for a validated function body (max operand stack height, nesting depth). */
export function bodyFacts(body: FuncBody): BodyFacts | undefined { return facts.get(body); }

function invalid(msg: string, where: string, offset = -1): never {
  throw new CompileError(msg, offset, 'invalid', where);
}

function checkLimits(l: Limits, range: number, rangeMsg: string, where: string): void {
  if (l.min > range) invalid(rangeMsg, where);
  if (l.max !== null) {
    if (l.max > range) invalid(rangeMsg, where);
    if (l.min > l.max) invalid('size minimum must not be greater than maximum', where);
  }
}

function checkTable(l: Limits, where: string): void {
  checkLimits(l, MAX_TABLE, 'table size must be at most 2^32-1', where);
}

function checkMemory(l: Limits, where: string): void {
  checkLimits(l, MAX_PAGES, 'memory size must be at most 65536 pages (4GiB)', where);
  if (l.shared && l.max === null) invalid('shared memory must have maximum', where);
}

/** Rules that differ between spec versions (defaults: WebAssembly 2.0). */
export interface ValidateOptions {
  /**
   * false: at most one table, as in WebAssembly 1.0 ("multiple tables"). For test suites written
   * against 1.0, such as the threads proposal's.
   */
  multipleTables?: boolean;
}

/** Validates `m` against the WebAssembly 2.0 rules; throws CompileError(reason, offset, 'invalid'). */
export function validateModule(m: Module, opts?: ValidateOptions): void {
  const c = buildCtx(m);
  const nFuncs = c.funcType.length;

  let ti = 0, mi = 0;
  for (const im of m.imports) {
    const d = im.desc;
    if (d.kind === ExternKind.Table) checkTable(d.type.limits, `table ${ti++}`);
    else if (d.kind === ExternKind.Memory) checkMemory(d.type.limits, `memory ${mi++}`);
  }
  for (const t of m.tables) checkTable(t.limits, `table ${ti++}`);
  for (const mem of m.mems) checkMemory(mem.limits, `memory ${mi++}`);
  if (opts?.multipleTables === false && c.tableElem.length > 1) invalid('multiple tables', 'table 1');
  if (c.nMems > 1) invalid('multiple memories', 'memory 1');

  // C.refs: functions named outside function bodies (exports here; segments and globals as checked).
  for (const ex of m.exports) if (ex.kind === ExternKind.Func && ex.index < nFuncs) c.refs[ex.index] = 1;

  m.globals.forEach((g, i) => checkConstExpr(c, g.init, g.type.type, `global ${m.importedGlobals + i}`));

  m.elems.forEach((seg, i) => {
    const where = `elem segment ${i}`;
    if (seg.mode === SegmentMode.Active) {
      if (seg.table >= c.tableElem.length) invalid(`unknown table ${seg.table}`, where, seg.offset ? seg.offset.offset : -1);
      checkConstExpr(c, seg.offset!, ValType.I32, where);
      if (c.tableElem[seg.table] !== seg.type) invalid('type mismatch', where, seg.offset!.offset);
    }
    if (seg.funcs !== null) {
      for (const x of seg.funcs) {
        if (x >= nFuncs) invalid(`unknown function ${x}`, where);
        c.refs[x] = 1;
      }
      if (seg.type !== ValType.FuncRef) invalid('type mismatch', where);
    }
    if (seg.exprs !== null) for (const e of seg.exprs) checkConstExpr(c, e, seg.type, where);
  });

  m.datas.forEach((seg, i) => {
    const where = `data segment ${i}`;
    if (seg.mode === SegmentMode.Active) {
      if (seg.memory >= c.nMems) invalid(`unknown memory ${seg.memory}`, where, seg.offset ? seg.offset.offset : -1);
      checkConstExpr(c, seg.offset!, ValType.I32, where);
    }
  });

  if (m.codes.length !== m.funcs.length) {
    throw new CompileError('function and code section have inconsistent lengths', -1, 'malformed');
  }
  const bv = new BodyValidator(c);
  for (let i = 0; i < m.codes.length; i++) {
    const body = m.codes[i];
    facts.set(body, bv.validate(m.importedFuncs + i, body));
  }

  if (m.start !== null) {
    const x = m.start;
    if (x >= nFuncs) invalid(`unknown function ${x}`, 'start');
    const t = m.types[c.funcType[x]];
    if (t.params.length !== 0 || t.results.length !== 0) invalid('start function', 'start');
  }

  const names = new Set<string>();
  for (const ex of m.exports) {
    const where = `export "${ex.name}"`;
    switch (ex.kind) {
      case ExternKind.Func: if (ex.index >= nFuncs) invalid(`unknown function ${ex.index}`, where); break;
      case ExternKind.Table: if (ex.index >= c.tableElem.length) invalid(`unknown table ${ex.index}`, where); break;
      case ExternKind.Memory: if (ex.index >= c.nMems) invalid(`unknown memory ${ex.index}`, where); break;
      case ExternKind.Global: if (ex.index >= c.globalType.length) invalid(`unknown global ${ex.index}`, where); break;
    }
    if (names.has(ex.name)) invalid('duplicate export name', where);
    names.add(ex.name);
  }
}

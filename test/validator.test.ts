// Tests for interpreter/valid: hand-built modules (instruction bytes written out) checked against the
// WebAssembly 2.0 validation rules and the spec's error messages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateModule, bodyFacts } from '../interpreter/valid/index.js';
import { CompileError } from '../interpreter/errors.js';
import {
  ExternKind, SegmentMode, ValType, type ConstExpr, type FuncType, type Global, type Module,
} from '../interpreter/types.js';

// ---- a tiny byte builder ----
const I32 = ValType.I32, I64 = ValType.I64, F32 = ValType.F32, F64 = ValType.F64;
const FUNCREF = ValType.FuncRef, EXTERNREF = ValType.ExternRef;

function uleb(n: number): number[] {
  const out: number[] = [];
  do { let b = n % 128; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f; n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && (b & 0x40))) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}
/** Instruction helpers returning byte arrays. */
const i = {
  unreachable: [0x00], nop: [0x01], end: [0x0b], else: [0x05], return: [0x0f], drop: [0x1a], select: [0x1b],
  block: (bt: number) => [0x02, bt], loop: (bt: number) => [0x03, bt], if: (bt: number) => [0x04, bt],
  blockT: (ti: number) => [0x02, ...sleb(ti)],
  br: (l: number) => [0x0c, ...uleb(l)], br_if: (l: number) => [0x0d, ...uleb(l)],
  br_table: (ls: number[], d: number) => [0x0e, ...uleb(ls.length), ...ls.flatMap(uleb), ...uleb(d)],
  call: (f: number) => [0x10, ...uleb(f)], call_indirect: (t: number, tab = 0) => [0x11, ...uleb(t), ...uleb(tab)],
  selectT: (...ts: number[]) => [0x1c, ...uleb(ts.length), ...ts],
  local_get: (x: number) => [0x20, ...uleb(x)], local_set: (x: number) => [0x21, ...uleb(x)],
  local_tee: (x: number) => [0x22, ...uleb(x)],
  global_get: (x: number) => [0x23, ...uleb(x)], global_set: (x: number) => [0x24, ...uleb(x)],
  i32_const: (v: number) => [0x41, ...sleb(v)], i64_const: (v: number) => [0x42, ...sleb(v)],
  f32_const: [0x43, 0, 0, 0, 0], f64_const: [0x44, 0, 0, 0, 0, 0, 0, 0, 0],
  i32_add: [0x6a], i64_add: [0x7c], i32_eqz: [0x45], f32_neg: [0x8c],
  i32_load: (align: number, off = 0) => [0x28, ...uleb(align), ...uleb(off)],
  i64_load8_u: (align: number) => [0x31, ...uleb(align), 0],
  memory_size: [0x3f, 0], memory_grow: [0x40, 0],
  ref_null: (t: number) => [0xd0, t], ref_is_null: [0xd1], ref_func: (f: number) => [0xd2, ...uleb(f)],
  table_get: (t: number) => [0x25, ...uleb(t)], table_set: (t: number) => [0x26, ...uleb(t)],
  memory_init: (d: number) => [0xfc, 8, ...uleb(d), 0], data_drop: (d: number) => [0xfc, 9, ...uleb(d)],
  memory_copy: [0xfc, 10, 0, 0], memory_fill: [0xfc, 11, 0],
  table_init: (e: number, t: number) => [0xfc, 12, ...uleb(e), ...uleb(t)], elem_drop: (e: number) => [0xfc, 13, ...uleb(e)],
  table_copy: (d: number, s: number) => [0xfc, 14, ...uleb(d), ...uleb(s)],
  table_grow: (t: number) => [0xfc, 15, ...uleb(t)], table_size: (t: number) => [0xfc, 16, ...uleb(t)],
  table_fill: (t: number) => [0xfc, 17, ...uleb(t)], i32_trunc_sat_f32_s: [0xfc, 0],
};
const EMPTY = 0x40;

function code(...parts: (number | number[])[]): Uint8Array { return Uint8Array.from(parts.flat()); }
function cexpr(...parts: (number | number[])[]): ConstExpr { return { bytes: code(...parts, 0x0b), offset: 0 }; }

interface FuncSpec { type: FuncType; locals?: ValType[]; body: (number | number[])[]; }

/** Builds a Module; each function gets its own type entry (after `types`). */
function mod(o: Partial<Module> & { fns?: FuncSpec[]; importFns?: FuncType[]; importGlobals?: [ValType, boolean][] } = {}): Module {
  const types: FuncType[] = [...(o.types ?? [])];
  const imports = [...(o.imports ?? [])];
  for (const t of o.importFns ?? []) { types.push(t); imports.push({ module: 'm', name: 'f', desc: { kind: ExternKind.Func, typeIndex: types.length - 1 } }); }
  for (const [t, mut] of o.importGlobals ?? []) imports.push({ module: 'm', name: 'g', desc: { kind: ExternKind.Global, type: { type: t, mutable: mut } } });
  const funcs: number[] = [], codes = [];
  for (const f of o.fns ?? []) {
    types.push(f.type);
    funcs.push(types.length - 1);
    const locals = (f.locals ?? []).map(t => ({ count: 1, type: t }));
    codes.push({ locals, localCount: locals.length, code: code(...f.body, 0x0b), offset: 100 });
  }
  const count = (k: ExternKind) => imports.filter(im => im.desc.kind === k).length;
  return {
    types, imports, funcs, codes,
    tables: o.tables ?? [], mems: o.mems ?? [], globals: o.globals ?? [], exports: o.exports ?? [],
    start: o.start ?? null, elems: o.elems ?? [], datas: o.datas ?? [], dataCount: o.dataCount ?? null,
    customs: [], names: { module: null, funcs: new Map(), locals: new Map() },
    importedFuncs: count(ExternKind.Func), importedTables: count(ExternKind.Table),
    importedMems: count(ExternKind.Memory), importedGlobals: count(ExternKind.Global),
  };
}
const sig = (params: ValType[], results: ValType[]): FuncType => ({ params, results });
const V = sig([], []);
const fn = (type: FuncType, ...body: (number | number[])[]): FuncSpec => ({ type, body });
const mem1 = { mems: [{ limits: { min: 1, max: null, shared: false } }] };
const tab = (elem: ValType.FuncRef | ValType.ExternRef, min = 1, max: number | null = null) => ({ elem, limits: { min, max, shared: false } });
const glob = (t: ValType, mutable: boolean, ...init: (number | number[])[]): Global => ({ type: { type: t, mutable }, init: cexpr(...init) });

function ok(m: Module): void {
  try { validateModule(m); } catch (e) { assert.unreachable(`expected valid, got ${(e as Error).message}`); }
}
function bad(m: Module, reason: string): void {
  try { validateModule(m); } catch (e) {
    assert.instance(e, CompileError);
    const ce = e as CompileError;
    assert.is(ce.phase, 'invalid', ce.message);
    assert.ok(ce.reason.startsWith(reason), `expected "${reason}", got "${ce.reason}"`);
    return;
  }
  assert.unreachable(`expected "${reason}", but the module validated`);
}

// ---- basics and type mismatch ----
test('empty module and simple functions', () => {
  ok(mod());
  ok(mod({ fns: [fn(sig([I32, I32], [I32]), i.local_get(0), i.local_get(1), i.i32_add)] }));
  ok(mod({ fns: [fn(sig([], [I64]), i.i64_const(-5))] }));
});

test('type mismatch on operands and results', () => {
  bad(mod({ fns: [fn(sig([], [I32]), i.i64_const(1))] }), 'type mismatch');
  bad(mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.i64_const(1), i.i32_add)] }), 'type mismatch');
  bad(mod({ fns: [fn(V, i.i32_const(1))] }), 'type mismatch'); // leftover value
  bad(mod({ fns: [fn(sig([], [I32]))] }), 'type mismatch');      // missing value
  bad(mod({ fns: [fn(V, i.i32_add, i.drop)] }), 'type mismatch'); // underflow
});

test('error carries offset and function index', () => {
  try {
    validateModule(mod({ importFns: [V], fns: [fn(V, i.nop, i.i32_add)] }));
    assert.unreachable();
  } catch (e) {
    const ce = e as CompileError;
    assert.is(ce.offset, 101);
    assert.match(ce.message, /function 1/);
  }
});

// ---- blocks, branches, unreachable code ----
test('blocks, loops, if/else and multi-value block types', () => {
  ok(mod({ fns: [fn(sig([], [I32]), i.block(I32), i.i32_const(1), i.end)] }));
  ok(mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.if(I32), i.i32_const(1), i.else, i.i32_const(2), i.end)] }));
  bad(mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.if(I32), i.i32_const(1), i.end)] }), 'type mismatch');
  // type-index block type [i32] -> [i32 i32]
  ok(mod({ types: [sig([I32], [I32, I32])], fns: [fn(sig([], [I32, I32]), i.i32_const(1), i.blockT(0), i.i32_const(2), i.end)] }));
  ok(mod({ types: [sig([I32], [I32])], fns: [fn(sig([], [I32]), i.i32_const(1), i.i32_const(0), i.if(0x00), i.else, i.end)] }));
  bad(mod({ types: [sig([I32], [I32])], fns: [fn(sig([], [I32]), i.blockT(0), i.end)] }), 'type mismatch');
  bad(mod({ fns: [fn(V, i.blockT(5), i.end)] }), 'unknown type');
  // loop label takes the params
  ok(mod({ types: [sig([I32], [])], fns: [fn(V, i.i32_const(0), i.loop(0x00 /* type 0 */), i.br(0), i.end)] }));
});

test('br, br_if, unknown label', () => {
  ok(mod({ fns: [fn(sig([], [I32]), i.block(I32), i.i32_const(1), i.br(0), i.end)] }));
  ok(mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.br(0))] })); // br to function label
  bad(mod({ fns: [fn(V, i.br(1))] }), 'unknown label');
  bad(mod({ fns: [fn(V, i.block(EMPTY), i.br_if(2), i.end)] }), 'unknown label');
  bad(mod({ fns: [fn(V, i.block(I32), i.i64_const(1), i.br(0), i.end, i.drop)] }), 'type mismatch');
  ok(mod({ fns: [fn(sig([], [I32]), i.block(I32), i.i32_const(1), i.i32_const(0), i.br_if(0), i.end)] }));
});

test('unreachable-code polymorphism', () => {
  ok(mod({ fns: [fn(sig([], [I32]), i.unreachable)] }));
  ok(mod({ fns: [fn(sig([], [I32]), i.unreachable, i.i32_add)] }));
  ok(mod({ fns: [fn(sig([], [I64]), i.unreachable, i.drop, i.drop, i.i64_const(0))] }));
  ok(mod({ fns: [fn(V, i.return, i.i32_add, i.drop)] }));
  bad(mod({ fns: [fn(sig([], [I32]), i.unreachable, i.i64_const(0))] }), 'type mismatch');
  bad(mod({ fns: [fn(V, i.unreachable, i.i64_const(0), i.i32_add, i.drop)] }), 'type mismatch');
  // polymorphism ends with the block
  bad(mod({ fns: [fn(V, i.block(EMPTY), i.unreachable, i.end, i.i32_add, i.drop)] }), 'type mismatch');
  ok(mod({ fns: [fn(V, i.block(I32), i.unreachable, i.end, i.drop)] }));
});

test('br_table arity and types', () => {
  ok(mod({ fns: [fn(V, i.block(EMPTY), i.block(EMPTY), i.i32_const(0), i.br_table([0, 1], 0), i.end, i.end)] }));
  bad(mod({ fns: [fn(V, i.block(EMPTY), i.i32_const(0), i.br_table([0, 2], 0), i.end)] }), 'unknown label');
  bad(mod({ fns: [fn(V, i.block(EMPTY), i.i32_const(0), i.br_table([0], 3), i.end)] }), 'unknown label');
  // labels with different arity
  bad(mod({ fns: [fn(V, i.block(EMPTY), i.block(I32), i.i32_const(1), i.i32_const(0), i.br_table([0], 1), i.end, i.drop, i.end)] }), 'type mismatch');
  // same arity, different types
  bad(mod({ fns: [fn(V, i.block(F32), i.block(I32), i.i32_const(1), i.i32_const(0), i.br_table([0], 1), i.end, i.drop, i.f32_const, i.end, i.drop)] }), 'type mismatch');
  // unreachable operand: differing types across labels are fine
  ok(mod({ fns: [fn(V, i.block(F32), i.block(I32), i.unreachable, i.br_table([0], 1), i.end, i.drop, i.f32_const, i.end, i.drop)] }));
});

// ---- select ----
test('select rules', () => {
  ok(mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.i32_const(2), i.i32_const(0), i.select)] }));
  bad(mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.i64_const(2), i.i32_const(0), i.select)] }), 'type mismatch');
  // untyped select on references is invalid
  bad(mod({ fns: [fn(V, i.ref_null(FUNCREF), i.ref_null(FUNCREF), i.i32_const(0), i.select, i.drop)] }), 'type mismatch');
  ok(mod({ fns: [fn(V, i.ref_null(FUNCREF), i.ref_null(FUNCREF), i.i32_const(0), i.selectT(FUNCREF), i.drop)] }));
  bad(mod({ fns: [fn(V, i.ref_null(EXTERNREF), i.ref_null(FUNCREF), i.i32_const(0), i.selectT(FUNCREF), i.drop)] }), 'type mismatch');
  bad(mod({ fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.selectT(), i.drop)] }), 'invalid result arity');
  // unknown operands
  ok(mod({ fns: [fn(sig([], [I64]), i.unreachable, i.select)] }));
  ok(mod({ fns: [fn(sig([], [I64]), i.unreachable, i.i64_const(0), i.i32_const(0), i.select)] }));
  bad(mod({ fns: [fn(V, i.unreachable, i.ref_null(FUNCREF), i.i32_const(0), i.select, i.drop)] }), 'type mismatch');
});

// ---- locals, globals, calls ----
test('locals and globals', () => {
  ok(mod({ fns: [{ type: sig([I32], []), locals: [I64], body: [i.local_get(1), i.local_set(1), i.local_get(0), i.local_tee(0), i.drop] }] }));
  bad(mod({ fns: [{ type: sig([I32], []), locals: [I64], body: [i.local_get(2), i.drop] }] }), 'unknown local');
  bad(mod({ fns: [{ type: sig([I32], []), locals: [I64], body: [i.local_get(0), i.local_set(1)] }] }), 'type mismatch');
  ok(mod({ globals: [glob(I32, true, i.i32_const(0))], fns: [fn(V, i.global_get(0), i.global_set(0))] }));
  bad(mod({ globals: [glob(I32, false, i.i32_const(0))], fns: [fn(V, i.i32_const(1), i.global_set(0))] }), 'global is immutable');
  bad(mod({ fns: [fn(V, i.global_get(0), i.drop)] }), 'unknown global');
});

test('many locals use the run lookup', () => {
  const m = mod({ fns: [fn(V, i.local_get(1 << 21), i.drop, i.local_get(5), i.drop)] });
  m.codes[0].locals = [{ count: 10, type: I32 }, { count: 3_000_000, type: F64 }];
  m.codes[0].localCount = 3_000_010;
  ok(m);
  m.codes[0].code = code(i.local_get(1 << 21), i.i32_eqz, i.drop, 0x0b);
  bad(m, 'type mismatch');
  m.codes[0].code = code(i.local_get(3_000_010), i.drop, 0x0b);
  bad(m, 'unknown local');
});

test('calls', () => {
  ok(mod({ importFns: [sig([I32], [I64])], fns: [fn(sig([], [I64]), i.i32_const(0), i.call(0))] }));
  bad(mod({ fns: [fn(V, i.call(1))] }), 'unknown function');
  bad(mod({ fns: [fn(V, i.call_indirect(0))] }), 'unknown table');
  bad(mod({ tables: [tab(FUNCREF)], fns: [fn(V, i.i32_const(0), i.call_indirect(9))] }), 'unknown type');
  bad(mod({ tables: [tab(EXTERNREF)], fns: [fn(V, i.i32_const(0), i.call_indirect(0))] }), 'type mismatch');
  ok(mod({ tables: [tab(EXTERNREF), tab(FUNCREF)], fns: [fn(V, i.i32_const(0), i.call_indirect(0, 1))] }));
});

// ---- memory ----
test('memory instructions', () => {
  ok(mod({ ...mem1, fns: [fn(sig([], [I32]), i.i32_const(0), i.i32_load(2))] }));
  bad(mod({ ...mem1, fns: [fn(sig([], [I32]), i.i32_const(0), i.i32_load(3))] }), 'alignment must not be larger than natural');
  bad(mod({ ...mem1, fns: [fn(sig([], [I64]), i.i32_const(0), i.i64_load8_u(1))] }), 'alignment must not be larger than natural');
  bad(mod({ fns: [fn(sig([], [I32]), i.i32_const(0), i.i32_load(2))] }), 'unknown memory');
  bad(mod({ fns: [fn(sig([], [I32]), i.memory_size)] }), 'unknown memory');
  ok(mod({ ...mem1, fns: [fn(sig([], [I32]), i.i32_const(1), i.memory_grow)] }));
  ok(mod({ ...mem1, fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.memory_copy, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.memory_fill)] }));
  const data = [{ mode: SegmentMode.Passive as const, memory: 0, offset: null, bytes: new Uint8Array(1) }];
  ok(mod({ ...mem1, datas: data, dataCount: 1, fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.memory_init(0), i.data_drop(0))] }));
  bad(mod({ ...mem1, datas: data, dataCount: 1, fns: [fn(V, i.data_drop(1))] }), 'unknown data segment');
  bad(mod({ datas: data, dataCount: 1, fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.memory_init(0))] }), 'unknown memory');
  ok(mod({ fns: [fn(sig([], [I32]), i.f32_const, i.i32_trunc_sat_f32_s)] }));
});

// ---- references and tables ----
test('reference instructions and C.refs', () => {
  ok(mod({ fns: [fn(sig([], [I32]), i.ref_null(EXTERNREF), i.ref_is_null)] }));
  bad(mod({ fns: [fn(sig([], [I32]), i.i32_const(0), i.ref_is_null)] }), 'type mismatch');
  ok(mod({ fns: [fn(sig([], [I32]), i.unreachable, i.ref_is_null)] }));
  bad(mod({ fns: [fn(V, i.ref_func(0), i.drop)] }), 'undeclared function reference');
  bad(mod({ fns: [fn(V, i.ref_func(3), i.drop)] }), 'unknown function');
  ok(mod({ exports: [{ name: 'f', kind: ExternKind.Func, index: 0 }], fns: [fn(V, i.ref_func(0), i.drop)] }));
  ok(mod({ globals: [glob(FUNCREF, false, i.ref_func(0))], fns: [fn(V, i.ref_func(0), i.drop)] }));
  ok(mod({ elems: [{ mode: SegmentMode.Declarative, table: 0, offset: null, type: FUNCREF, funcs: [0], exprs: null }], fns: [fn(V, i.ref_func(0), i.drop)] }));
});

test('table instructions', () => {
  const tables = [tab(FUNCREF), tab(EXTERNREF)];
  const elems = [{ mode: SegmentMode.Passive, table: 0, offset: null, type: FUNCREF as ValType.FuncRef, funcs: [], exprs: null }];
  ok(mod({ tables, fns: [fn(V, i.i32_const(0), i.table_get(1), i.drop, i.i32_const(0), i.ref_null(FUNCREF), i.table_set(0))] }));
  bad(mod({ tables, fns: [fn(V, i.i32_const(0), i.ref_null(FUNCREF), i.table_set(1))] }), 'type mismatch');
  bad(mod({ tables, fns: [fn(V, i.i32_const(0), i.table_get(2), i.drop)] }), 'unknown table');
  ok(mod({ tables, fns: [fn(sig([], [I32]), i.ref_null(EXTERNREF), i.i32_const(1), i.table_grow(1))] }));
  ok(mod({ tables, fns: [fn(sig([], [I32]), i.table_size(1))] }));
  ok(mod({ tables, fns: [fn(V, i.i32_const(0), i.ref_null(EXTERNREF), i.i32_const(1), i.table_fill(1))] }));
  ok(mod({ tables: [...tables, tab(FUNCREF)], fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.table_copy(0, 2))] }));
  bad(mod({ tables, fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.table_copy(0, 1))] }), 'type mismatch');
  ok(mod({ tables, elems, fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.table_init(0, 0), i.elem_drop(0))] }));
  bad(mod({ tables, elems, fns: [fn(V, i.i32_const(0), i.i32_const(0), i.i32_const(0), i.table_init(0, 1))] }), 'type mismatch');
  bad(mod({ tables, elems, fns: [fn(V, i.elem_drop(1))] }), 'unknown elem segment');
});

// ---- module level ----
test('constant expressions', () => {
  ok(mod({ importGlobals: [[I32, false]], globals: [glob(I32, false, i.global_get(0)), glob(F64, false, i.f64_const), glob(EXTERNREF, false, i.ref_null(EXTERNREF))] }));
  bad(mod({ globals: [glob(I32, false, i.i32_const(0), i.i32_const(0), i.i32_add)] }), 'constant expression required');
  bad(mod({ globals: [glob(F32, false, i.f32_const, i.f32_neg)] }), 'constant expression required');
  bad(mod({ globals: [glob(I32, false, i.nop)] }), 'constant expression required');
  bad(mod({ globals: [glob(I32, false, i.i64_const(0))] }), 'type mismatch');
  bad(mod({ globals: [glob(I32, false)] }), 'type mismatch');
  bad(mod({ globals: [glob(I32, false, i.i32_const(0), i.i32_const(0))] }), 'type mismatch');
  bad(mod({ globals: [glob(I32, false, i.i32_const(0)), glob(I32, false, i.global_get(0))] }), 'unknown global');
  bad(mod({ importGlobals: [[I32, true]], globals: [glob(I32, false, i.global_get(0))] }), 'constant expression required');
  bad(mod({ globals: [glob(FUNCREF, false, i.ref_func(0))] }), 'unknown function');
});

test('limits', () => {
  bad(mod({ mems: [{ limits: { min: 2, max: 1, shared: false } }] }), 'size minimum must not be greater than maximum');
  bad(mod({ mems: [{ limits: { min: 65537, max: null, shared: false } }] }), 'memory size must be at most 65536 pages (4GiB)');
  bad(mod({ mems: [{ limits: { min: 0, max: 0xffffffff, shared: false } }] }), 'memory size must be at most 65536 pages (4GiB)');
  ok(mod({ mems: [{ limits: { min: 0, max: 65536, shared: false } }] }));
  bad(mod({ mems: [{ limits: { min: 1, max: null, shared: false } }, { limits: { min: 1, max: null, shared: false } }] }), 'multiple memories');
  bad(mod({ tables: [tab(FUNCREF, 0xffffffff, 0)] }), 'size minimum must not be greater than maximum');
  ok(mod({ tables: [tab(FUNCREF, 0xffffffff, 0xffffffff)] }));
});

test('segments', () => {
  const seg = (table: number, type: ValType.FuncRef | ValType.ExternRef, funcs: number[] | null, exprs: ConstExpr[] | null) =>
    ({ mode: SegmentMode.Active, table, offset: cexpr(i.i32_const(0)), type, funcs, exprs });
  ok(mod({ tables: [tab(FUNCREF)], elems: [seg(0, FUNCREF, [0], null)], fns: [fn(V)] }));
  bad(mod({ elems: [seg(0, FUNCREF, [0], null)], fns: [fn(V)] }), 'unknown table');
  bad(mod({ tables: [tab(FUNCREF)], elems: [seg(0, FUNCREF, [1], null)], fns: [fn(V)] }), 'unknown function');
  bad(mod({ tables: [tab(EXTERNREF)], elems: [seg(0, FUNCREF, [0], null)], fns: [fn(V)] }), 'type mismatch');
  ok(mod({ tables: [tab(EXTERNREF)], elems: [seg(0, EXTERNREF, null, [cexpr(i.ref_null(EXTERNREF))])] }));
  bad(mod({ tables: [tab(EXTERNREF)], elems: [seg(0, EXTERNREF, null, [cexpr(i.ref_null(FUNCREF))])] }), 'type mismatch');
  const s = seg(0, FUNCREF, [], null); s.offset = cexpr(i.i64_const(0));
  bad(mod({ tables: [tab(FUNCREF)], elems: [s] }), 'type mismatch');
  const d = { mode: SegmentMode.Active as const, memory: 0, offset: cexpr(i.i32_const(0)), bytes: new Uint8Array(0) };
  ok(mod({ ...mem1, datas: [d] }));
  bad(mod({ datas: [d] }), 'unknown memory');
  bad(mod({ ...mem1, datas: [{ ...d, offset: cexpr(i.nop) }] }), 'constant expression required');
});

test('start and exports', () => {
  ok(mod({ start: 0, fns: [fn(V)] }));
  bad(mod({ start: 1, fns: [fn(V)] }), 'unknown function');
  bad(mod({ start: 0, fns: [fn(sig([I32], []))] }), 'start function');
  bad(mod({ start: 0, fns: [fn(sig([], [I32]), i.i32_const(0))] }), 'start function');
  bad(mod({ exports: [{ name: 'a', kind: ExternKind.Func, index: 0 }, { name: 'a', kind: ExternKind.Func, index: 0 }], fns: [fn(V)] }), 'duplicate export name');
  bad(mod({ exports: [{ name: 'a', kind: ExternKind.Memory, index: 0 }] }), 'unknown memory');
  bad(mod({ exports: [{ name: 'a', kind: ExternKind.Global, index: 0 }] }), 'unknown global');
  bad(mod({ exports: [{ name: 'a', kind: ExternKind.Table, index: 0 }] }), 'unknown table');
  bad(mod({ importFns: [], imports: [{ module: 'm', name: 'f', desc: { kind: ExternKind.Func, typeIndex: 3 } }] }), 'unknown type');
});

test('body facts', () => {
  const m = mod({ fns: [fn(sig([], [I32]), i.i32_const(1), i.block(I32), i.i32_const(2), i.i32_const(3), i.i32_add, i.end, i.i32_add)] });
  validateModule(m);
  assert.equal(bodyFacts(m.codes[0]), { maxStack: 3, maxDepth: 2 });
});

test.run();

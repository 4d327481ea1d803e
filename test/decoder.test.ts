// Tests for the binary decoder (binary/decode.ts) and the instruction reader (binary/instr.ts):
// hand-built modules, the fields they decode to, and the message and offset of malformed input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeModule } from '../interpreter/binary/decode.js';
import {
  BLOCK_BAD_INDEX, BLOCK_EMPTY, Immediates, readImmediates, readOpcode,
} from '../interpreter/binary/instr.js';
import { Reader } from '../interpreter/binary/reader.js';
import { CompileError } from '../interpreter/errors.js';
import { Op } from '../interpreter/opcodes.js';
import { ExternKind, SegmentMode, ValType } from '../interpreter/types.js';

// ---- a tiny module builder ----
type Bytes = number[];
const HEADER: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
function leb(n: number): Bytes {
  const out: Bytes = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}
function str(s: string): Bytes { const b = [...new TextEncoder().encode(s)]; return [...leb(b.length), ...b]; }
function vec(items: Bytes[]): Bytes { return [...leb(items.length), ...items.flat()]; }
function sec(id: number, body: Bytes): Bytes { return [id, ...leb(body.length), ...body]; }
function mod(...sections: Bytes[]): Uint8Array { return Uint8Array.from([...HEADER, ...sections.flat()]); }
function body(locals: Bytes[], code: Bytes): Bytes { const b = [...vec(locals), ...code]; return [...leb(b.length), ...b]; }
const TYPE_V_V = sec(1, vec([[0x60, 0, 0]]));

/** Decoding fails with this reason at this offset. */
function malformed(bytes: Uint8Array, reason: string, offset?: number): void {
  try {
    decodeModule(bytes);
  } catch (e) {
    assert.instance(e, CompileError);
    const ce = e as CompileError;
    assert.is(ce.reason, reason);
    assert.is(ce.phase, 'malformed');
    if (offset !== undefined) assert.is(ce.offset, offset, `offset of "${reason}"`);
    return;
  }
  assert.unreachable(`expected "${reason}"`);
}

// ---- well-formed modules ----
test('empty module', () => {
  const m = decodeModule(mod());
  assert.equal(m.types, []);
  assert.is(m.start, null);
  assert.is(m.dataCount, null);
  assert.is(m.names.module, null);
});

test('every section', () => {
  const bytes = mod(
    sec(1, vec([[0x60, 2, ValType.I32, ValType.I64, 1, ValType.F64], [0x60, 0, 0]])),
    sec(2, vec([
      [...str('env'), ...str('f'), 0x00, 1],
      [...str('env'), ...str('t'), 0x01, 0x6f, 0x01, 1, 10],
      [...str('env'), ...str('m'), 0x02, 0x03, 1, 2], // shared memory (threads)
      [...str('env'), ...str('g'), 0x03, ValType.F32, 1],
    ])),
    sec(3, vec([[0], [1]])),
    sec(4, vec([[0x70, 0x00, 3]])),
    sec(6, vec([[ValType.I32, 0, 0x41, 0x2a, 0x0b]])),
    sec(7, vec([[...str('run'), 0x00, 2], [...str('mem'), 0x02, 0]])),
    sec(8, [2]),
    sec(9, vec([
      [0x00, 0x41, 0x00, 0x0b, ...vec([[1], [2]])],                 // active table 0, func indices
      [0x01, 0x00, ...vec([[2]])],                                  // passive, elemkind
      [0x02, 1, 0x41, 0x01, 0x0b, 0x00, ...vec([[1]])],            // active, table 1
      [0x03, 0x00, ...vec([[1]])],                                  // declarative
      [0x04, 0x41, 0x00, 0x0b, ...vec([[0xd2, 1, 0x0b]])],          // active table 0, expressions
      [0x05, 0x6f, ...vec([[0xd0, 0x6f, 0x0b]])],                   // passive externref
      [0x06, 1, 0x41, 0x00, 0x0b, 0x70, ...vec([[0xd0, 0x70, 0x0b]])],
      [0x07, 0x70, ...vec([[0xd2, 2, 0x0b]])],                      // declarative expressions
    ])),
    sec(12, [2]),
    sec(10, vec([
      body([[2, ValType.I32], [1, ValType.F64]], [0x20, 0, 0x1a, 0x0b]),
      body([], [0xfc, 0x09, 0, 0x0b]),
    ])),
    sec(11, vec([
      [0x00, 0x41, 0x08, 0x0b, ...str('hi')],
      [0x01, ...str('xyz')],
    ])),
    sec(0, [...str('extra'), 1, 2, 3]),
  );
  const m = decodeModule(bytes);
  assert.equal(m.types[0], { params: [ValType.I32, ValType.I64], results: [ValType.F64] });
  assert.is(m.imports.length, 4);
  assert.equal(m.imports[0], { module: 'env', name: 'f', desc: { kind: ExternKind.Func, typeIndex: 1 } });
  assert.equal(m.imports[1].desc, { kind: ExternKind.Table, type: { elem: ValType.ExternRef, limits: { min: 1, max: 10, shared: false } } });
  assert.equal(m.imports[2].desc, { kind: ExternKind.Memory, type: { limits: { min: 1, max: 2, shared: true } } });
  assert.equal(m.imports[3].desc, { kind: ExternKind.Global, type: { type: ValType.F32, mutable: true } });
  assert.equal([m.importedFuncs, m.importedTables, m.importedMems, m.importedGlobals], [1, 1, 1, 1]);
  assert.equal(m.funcs, [0, 1]);
  assert.equal(m.tables, [{ elem: ValType.FuncRef, limits: { min: 3, max: null, shared: false } }]);
  assert.is(m.globals.length, 1);
  assert.equal([...m.globals[0].init.bytes], [0x41, 0x2a, 0x0b]);
  assert.is(bytes[m.globals[0].init.offset], 0x41);
  assert.equal(m.exports, [{ name: 'run', kind: ExternKind.Func, index: 2 }, { name: 'mem', kind: ExternKind.Memory, index: 0 }]);
  assert.is(m.start, 2);

  const e = m.elems;
  assert.is(e.length, 8);
  assert.equal([e[0].mode, e[0].table, e[0].type, e[0].funcs, e[0].exprs], [SegmentMode.Active, 0, ValType.FuncRef, [1, 2], null]);
  assert.equal([...e[0].offset!.bytes], [0x41, 0x00, 0x0b]);
  assert.equal([e[1].mode, e[1].offset, e[1].funcs], [SegmentMode.Passive, null, [2]]);
  assert.equal([e[2].mode, e[2].table, e[2].funcs], [SegmentMode.Active, 1, [1]]);
  assert.equal([e[3].mode, e[3].funcs], [SegmentMode.Declarative, [1]]);
  assert.equal([e[4].mode, e[4].type, e[4].funcs], [SegmentMode.Active, ValType.FuncRef, null]);
  assert.equal([...e[4].exprs![0].bytes], [0xd2, 1, 0x0b]);
  assert.equal([e[5].mode, e[5].type], [SegmentMode.Passive, ValType.ExternRef]);
  assert.equal([e[6].mode, e[6].table, e[6].type], [SegmentMode.Active, 1, ValType.FuncRef]);
  assert.equal([e[7].mode, e[7].type, e[7].exprs!.length], [SegmentMode.Declarative, ValType.FuncRef, 1]);

  assert.is(m.dataCount, 2);
  assert.is(m.codes.length, 2);
  const c0 = m.codes[0];
  assert.equal(c0.locals, [{ count: 2, type: ValType.I32 }, { count: 1, type: ValType.F64 }]);
  assert.is(c0.localCount, 3);
  assert.equal([...c0.code], [0x20, 0, 0x1a, 0x0b]);
  assert.equal([...bytes.subarray(c0.offset, c0.offset + 4)], [0x20, 0, 0x1a, 0x0b]);
  assert.equal([m.datas[0].mode, m.datas[0].memory, new TextDecoder().decode(m.datas[0].bytes)], [SegmentMode.Active, 0, 'hi']);
  assert.equal([...m.datas[0].offset!.bytes], [0x41, 0x08, 0x0b]);
  assert.equal([m.datas[1].mode, m.datas[1].offset, new TextDecoder().decode(m.datas[1].bytes)], [SegmentMode.Passive, null, 'xyz']);
  assert.is(m.customs.length, 1);
  assert.is(m.customs[0].name, 'extra');
  assert.equal([...m.customs[0].bytes], [1, 2, 3]);
  assert.is(bytes[m.customs[0].offset], 1);
});

test('name section: module, function and local names', () => {
  const names = [
    ...sec(0, str('mod')),
    ...sec(1, vec([[0, ...str('main')], [3, ...str('helper')]])),
    ...sec(2, vec([[0, ...vec([[0, ...str('x')], [1, ...str('y')]])]])),
    ...sec(7, [1, 2, 3]), // an unknown subsection is skipped
  ];
  const m = decodeModule(mod(sec(0, [...str('name'), ...names])));
  assert.is(m.names.module, 'mod');
  assert.is(m.names.funcs.get(0), 'main');
  assert.is(m.names.funcs.get(3), 'helper');
  assert.is(m.names.locals.get(0)!.get(1), 'y');
});

test('a malformed name section is ignored', () => {
  const bad = [
    [...sec(1, [5, 0])],                       // vector shorter than its count
    [...sec(0, [0x02, 0xc3, 0x28])],           // invalid UTF-8
    [0x01, 0x10, 0x00],                         // subsection size beyond the section
    [...sec(1, vec([])), ...sec(0, str('m'))], // subsections out of order
  ];
  for (const b of bad) {
    const m = decodeModule(mod(sec(0, [...str('name'), ...b]), TYPE_V_V));
    assert.is(m.names.module, null);
    assert.is(m.names.funcs.size, 0);
    assert.is(m.customs[0].name, 'name');
    assert.is(m.types.length, 1);
  }
});

test('names keep a leading byte-order mark', () => {
  const m = decodeModule(mod(sec(7, vec([[...str('\ufeffx'), 0x00, 0]]))));
  assert.is(m.exports[0].name, '\ufeffx');
});

test('deeply nested blocks, if/else and every immediate kind decode', () => {
  const code: Bytes = [];
  for (let i = 0; i < 200; i++) code.push(0x02, 0x40);
  for (let i = 0; i < 200; i++) code.push(0x0b);
  code.push(
    0x41, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, 0x1a,  // if (result i32) else end
    0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x1a, // i64.const min
    0x43, 0, 0, 0x80, 0x3f, 0x1a, 0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x1a,
    0x02, 0x40, 0x41, 0x00, 0x0e, 2, 0, 0, 0, 0x0b,                   // br_table
    0x3f, 0x00, 0x40, 0x00, 0x1a,                                    // memory.size, memory.grow
    0x41, 0, 0x28, 0x02, 0x80, 0x01, 0x1a,                           // i32.load offset=128
    0x1c, 1, 0x7f,                                                   // select (result i32) — stack aside
    0xd0, 0x70, 0xd1, 0x1a, 0xd2, 0x00, 0x1a,
    0xfc, 0x00, 0xfc, 0x0a, 0x00, 0x00, 0xfc, 0x0b, 0x00, 0xfc, 0x0e, 0x00, 0x00, 0xfc, 0x10, 0x00,
    0x0b,
  );
  const m = decodeModule(mod(TYPE_V_V, sec(3, vec([[0]])), sec(10, vec([body([], code)]))));
  assert.is(m.codes[0].code.length, code.length);
});

// ---- malformed modules: messages and offsets ----
test('header', () => {
  malformed(new Uint8Array([]), 'unexpected end of section or function', 0);
  malformed(new Uint8Array([0, 0x61, 0x73]), 'unexpected end of section or function', 3);
  malformed(Uint8Array.from([1, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), 'magic header not detected', 0);
  malformed(Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0]), 'unexpected end of section or function', 6);
  malformed(Uint8Array.from([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'unknown binary version', 4);
});

test('LEB128 errors and their offsets', () => {
  // Truncated LEB (section count): the end of the input.
  malformed(mod([1, 0x01, 0x80]), 'unexpected end of section or function', 11);
  // Overlong u32 (function section entry): its fifth byte.
  malformed(mod(TYPE_V_V, sec(3, [1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])), 'integer representation too long', 8 + 6 + 2 + 1 + 4);
  // Unused bits set in the fifth byte.
  malformed(mod(TYPE_V_V, sec(3, [1, 0x80, 0x80, 0x80, 0x80, 0x10])), 'integer too large', 8 + 6 + 2 + 1 + 4);
  // i32.const in a global with bits beyond 32.
  malformed(mod(sec(6, [1, 0x7f, 0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x70, 0x0b])), 'integer too large');
});

test('section structure', () => {
  malformed(mod([0x0d, 0x00]), 'malformed section id', 8);
  malformed(mod([0x01, 0x05, 0x00]), 'length out of bounds', 9);
  // Declared size 4, contents 3 bytes: the mismatch is reported at the start of the contents.
  malformed(mod([0x01, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00]), 'section size mismatch', 10);
  malformed(mod(sec(3, [0]), TYPE_V_V), 'unexpected content after last section', 11);
  malformed(mod(sec(1, [0]), sec(1, [0])), 'unexpected content after last section', 11);
  malformed(mod(sec(10, [0]), sec(12, [0])), 'unexpected content after last section', 11);
  // The data count section goes between element and code.
  decodeModule(mod(sec(9, [0]), sec(12, [0]), sec(10, [0]), sec(11, [0]), sec(0, str('c'))));
  malformed(mod(TYPE_V_V, sec(3, vec([[0]]))), 'function and code section have inconsistent lengths');
  malformed(mod(sec(12, [1])), 'data count and data section have inconsistent lengths');
  // A custom section whose name runs past its end.
  malformed(mod([0x00, 0x01, 0x05, 0x61, 0x62, 0x63, 0x64, 0x65]), 'unexpected end of section or function');
});

test('types, imports, limits', () => {
  malformed(mod(sec(1, [1, 0x61, 0, 0])), 'malformed function type', 11);
  malformed(mod(sec(1, [1, 0xe0, 0x7f, 0, 0])), 'integer representation too long');
  malformed(mod(sec(1, [1, 0x60, 1, 0x40, 0])), 'malformed reference type');
  malformed(mod(sec(2, [1, 0, 0, 0x04])), 'malformed import kind', 13);
  malformed(mod(sec(2, [1, 1, 0x80, 0, 0x03, 0x7f, 0])), 'malformed UTF-8 encoding', 11);
  malformed(mod(sec(6, [1, 0x7f, 0x02, 0x41, 0, 0x0b])), 'malformed mutability', 12);
  malformed(mod(sec(5, [1, 0x02, 0])), 'integer too large', 11);     // shared without maximum
  malformed(mod(sec(4, [1, 0x70, 0x03, 0, 1])), 'integer too large'); // tables are never shared
  malformed(mod(sec(5, [1, 0x81, 0x00, 0])), 'integer representation too long');
  malformed(mod(sec(7, [1, 0, 0x04, 0])), 'malformed export kind');
  malformed(mod(sec(9, [1, 0x08])), 'malformed elements segment kind');
  malformed(mod(sec(9, [1, 0x01, 0x01, 0])), 'malformed element kind');
  malformed(mod(sec(9, [1, 0x05, 0x7f, 0])), 'malformed reference type');
  malformed(mod(sec(11, [1, 0x03])), 'malformed data segment kind');
});

test('function bodies', () => {
  const code = (c: Bytes, locals: Bytes[] = []) => mod(TYPE_V_V, sec(3, vec([[0]])), sec(10, vec([body(locals, c)])));
  const start = 8 + TYPE_V_V.length + 4 + 5; // first instruction byte, for bodies < 128 bytes
  malformed(code([0x06, 0x0b]), 'illegal opcode 06', start);
  malformed(code([0x01, 0xfc, 0x12, 0x0b]), 'illegal opcode fc 12', start + 1);
  malformed(code([0xfd, 0x00, 0x0b]), 'illegal opcode fd', start);
  malformed(code([0x3f, 0x01, 0x1a, 0x0b]), 'zero byte expected', start + 1);
  malformed(code([0x41, 0, 0x40, 0x80, 0x00, 0x1a, 0x0b]), 'zero byte expected', start + 3);
  malformed(code([0x41, 0, 0x28, 0x20, 0x00, 0x1a, 0x0b]), 'malformed memop flags', start + 3);
  malformed(code([0x02, 0x40, 0x05, 0x0b, 0x0b]), 'END opcode expected', start + 2);
  malformed(code([0x05, 0x0b]), 'END opcode expected', start);
  malformed(code([0x41, 0, 0x04, 0x40, 0x05, 0x05, 0x0b, 0x0b]), 'END opcode expected', start + 5);
  malformed(code([0xd0, 0x7f, 0x0b]), 'malformed reference type', start + 1);
  // A body without its final end reads into what follows.
  malformed(code([0x01]), 'unexpected end of section or function');
  malformed(code([0x0b, 0x0b]), 'section size mismatch', start - 1);
  malformed(code([0x0b], [[0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f], [2, 0x7e]]), 'too many locals', start - 1);
  const huge = decodeModule(code([0x0b], [[0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f]]));
  assert.is(huge.codes[0].localCount, 0xffffffff);
  malformed(code([0xfc, 0x09, 0, 0x0b]), 'data count section required');
});

// ---- instr.ts ----
test('readOpcode and readImmediates', () => {
  const bytes = Uint8Array.from([
    0x02, 0x40, 0x03, 0x7e, 0x04, 0x05, 0x02, 0xff, 0x7f,
    0x0e, 3, 1, 2, 0x80, 0x01, 7,
    0x42, 0x7f, 0x44, 1, 0, 0, 0, 2, 0, 0, 0,
    0x28, 3, 0xff, 0xff, 0xff, 0xff, 0x0f,
    0xfc, 0x08, 5, 0, 0xfc, 0x0c, 3, 1, 0x11, 4, 0, 0x1c, 1, 0x7d,
  ]);
  const r = new Reader(bytes, 0, bytes.length, 100);
  const imm = new Immediates();
  const next = (): number => { const op = readOpcode(r); readImmediates(r, op, imm); return op; };
  assert.is(next(), Op.Block); assert.is(imm.a, BLOCK_EMPTY);
  assert.is(next(), Op.Loop); assert.is(imm.a, -ValType.I64);
  assert.is(next(), Op.If); assert.is(imm.a, 5);
  assert.is(next(), Op.Block); assert.is(imm.a, BLOCK_BAD_INDEX);
  assert.is(next(), Op.BrTable); assert.equal([imm.a, ...imm.labels.subarray(0, imm.a), imm.b], [3, 1, 2, 128, 7]);
  assert.is(next(), Op.I64Const); assert.equal([imm.a, imm.b], [-1, -1]);
  assert.is(next(), Op.F64Const); assert.equal([imm.a, imm.b], [1, 2]);
  assert.is(next(), 0x28); assert.equal([imm.a, imm.b], [3, 0xffffffff]);
  assert.is(next(), Op.MemoryInit); assert.equal([imm.a, imm.b], [5, 0]);
  assert.is(next(), Op.TableInit); assert.equal([imm.a, imm.b], [3, 1]);
  assert.is(next(), Op.CallIndirect); assert.equal([imm.a, imm.b], [4, 0]);
  assert.is(next(), Op.SelectT); assert.equal([imm.a, imm.b], [1, ValType.F32]);
  assert.is(r.pos, bytes.length);
  // Errors carry the reader's base offset.
  try {
    readOpcode(new Reader(Uint8Array.from([0x06]), 0, 1, 100));
    assert.unreachable();
  } catch (e) {
    assert.is((e as CompileError).offset, 100);
  }
});

test('br_table with more labels than the buffer holds', () => {
  const n = 1000;
  const bytes = Uint8Array.from([0x0e, ...leb(n), ...new Array(n).fill(0), 1]);
  const imm = new Immediates();
  const r = new Reader(bytes);
  readImmediates(r, readOpcode(r), imm);
  assert.is(imm.a, n);
  assert.ok(imm.labels.length >= n);
  assert.is(imm.b, 1);
});

test.run();

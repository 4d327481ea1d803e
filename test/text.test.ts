// Tests for the text format (interpreter/text): literal edge cases, modules encoded byte for byte,
// name resolution and malformed-text messages, and the .wast command form.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { watToBinary, parseWast } from '../interpreter/text/index.js';
import { parseF32, parseF64 } from '../interpreter/text/float-literal.js';
import { parseI32, parseI64, parseU32, decodeString } from '../interpreter/text/literals.js';
import { CompileError } from '../interpreter/errors.js';

const hex32 = (t: string): string => parseF32(t)!.toString(16).padStart(8, '0');
const hex64 = (t: string): string => parseF64(t)!.toString(16).padStart(16, '0');
function throwsReason(f: () => unknown, reason: string): void {
  try { f(); } catch (e) {
    if (e instanceof CompileError) { assert.ok(e.reason.startsWith(reason), `want "${reason}", got "${e.reason}"`); return; }
    if (e instanceof Error && 'reason' in e) { assert.ok(String((e as { reason: string }).reason).startsWith(reason), `want "${reason}", got "${e.message}"`); return; }
    throw e;
  }
  assert.unreachable(`expected "${reason}"`);
}

// ---- integer literals ----

test('i32 literals: signs, hex, underscores, wrapping, range', () => {
  assert.is(parseI32('0'), 0);
  assert.is(parseI32('-0'), 0);
  assert.is(parseI32('+42'), 42);
  assert.is(parseI32('0xffffffff'), -1);
  assert.is(parseI32('4294967295'), -1);
  assert.is(parseI32('-2147483648'), -2147483648);
  assert.is(parseI32('-0x80000000'), -2147483648);
  assert.is(parseI32('1_000_000'), 1000000);
  assert.is(parseI32('0x7fff_ffff'), 0x7fffffff);
  assert.is(parseI32('00000000000000000000001'), 1);
  throwsReason(() => parseI32('4294967296'), 'constant out of range');
  throwsReason(() => parseI32('-2147483649'), 'constant out of range');
  throwsReason(() => parseI32('0x100000000'), 'constant out of range');
  for (const bad of ['_1', '1_', '1__0', '0x', '0x_1', '0_x1', '1x', '', '-', 'nan', '1.0']) assert.is(parseI32(bad), null, bad);
});

test('i64 literals: limits', () => {
  assert.is(parseI64('18446744073709551615'), -1n);
  assert.is(parseI64('0xffffffffffffffff'), -1n);
  assert.is(parseI64('-9223372036854775808'), -9223372036854775808n);
  assert.is(parseI64('9223372036854775807'), 9223372036854775807n);
  assert.is(parseI64('0x8000_0000_0000_0000'), -9223372036854775808n);
  throwsReason(() => parseI64('18446744073709551616'), 'constant out of range');
  throwsReason(() => parseI64('-9223372036854775809'), 'constant out of range');
  throwsReason(() => parseI64('-0x8000000000000001'), 'constant out of range');
});

test('u32 literals (indices, limits, offsets)', () => {
  assert.is(parseU32('0x0'), 0);
  assert.is(parseU32('4294967295'), 4294967295);
  assert.is(parseU32('-1'), null);
  assert.is(parseU32('$x'), null);
  throwsReason(() => parseU32('0x1_0000_0000'), 'i32 constant out of range');
});

// ---- float literals ----

test('f32 literals: decimal and hex rounding to nearest even', () => {
  assert.is(hex32('0'), '00000000');
  assert.is(hex32('-0'), '80000000');
  assert.is(hex32('1'), '3f800000');
  assert.is(hex32('0.1'), '3dcccccd');
  assert.is(hex32('0x1p-149'), '00000001');
  assert.is(hex32('0x1p-150'), '00000000');            // tie -> even (zero)
  assert.is(hex32('0x1.8p-149'), '00000002');          // tie -> even (2)
  assert.is(hex32('0x1.000001p0'), '3f800000');        // half ulp, tie -> even
  assert.is(hex32('0x1.000003p0'), '3f800002');        // half ulp, tie -> even (up)
  assert.is(hex32('0x1.0000010000000000001p0'), '3f800001'); // just above half
  assert.is(hex32('0x1.fffffefffffffffp127'), '7f7fffff');
  assert.is(hex32('1.00000005960464477539062500'), '3f800000'); // exact midpoint -> even
  assert.is(hex32('1.00000005960464477539062501'), '3f800001');
  assert.is(hex32('16777217'), '4b800000');
  assert.is(hex32('3.4028234663852886e38'), '7f7fffff');
  assert.is(hex32('1e-46'), '00000000');
  assert.is(hex32('+1_000.000_1'), '447a0002');  // 1.64 ulp above 1000
  throwsReason(() => parseF32('0x1p128'), 'constant out of range');
  throwsReason(() => parseF32('1e39'), 'constant out of range');
  throwsReason(() => parseF32('0x1.ffffffp127'), 'constant out of range');
  throwsReason(() => parseF32('340282356779733661637539395458142568448'), 'constant out of range');
});

test('f64 literals: rounding, limits, subnormals', () => {
  assert.is(hex64('0.1'), '3fb999999999999a');
  assert.is(hex64('0x1p-1074'), '0000000000000001');
  assert.is(hex64('0x1p-1075'), '0000000000000000');
  assert.is(hex64('0x1.fffffffffffff7ffffffp1023'), '7fefffffffffffff');
  assert.is(hex64('1.7976931348623157e308'), '7fefffffffffffff');
  assert.is(hex64('4.9406564584124654e-324'), '0000000000000001');
  assert.is(hex64('2.4703282292062328e-324'), '0000000000000001'); // just above half the min subnormal
  assert.is(hex64('0x1.00000000000008p0'), '3ff0000000000000');      // tie -> even
  assert.is(hex64('0x1.00000000000018p0'), '3ff0000000000002');
  throwsReason(() => parseF64('0x1p1024'), 'constant out of range');
  throwsReason(() => parseF64('1e309'), 'constant out of range');
  throwsReason(() => parseF64('0x1.fffffffffffff8p1023'), 'constant out of range');
});

test('inf and nan with payloads', () => {
  assert.is(hex32('inf'), '7f800000');
  assert.is(hex32('-inf'), 'ff800000');
  assert.is(hex32('nan'), '7fc00000');
  assert.is(hex32('-nan'), 'ffc00000');
  assert.is(hex32('nan:0x1'), '7f800001');
  assert.is(hex32('-nan:0x7f_ffff'), 'ffffffff');
  assert.is(hex32('nan:0x200000'), '7fa00000');
  assert.is(hex64('nan'), '7ff8000000000000');
  assert.is(hex64('nan:0x1'), '7ff0000000000001');
  assert.is(hex64('-nan:0xf_ffff_ffff_ffff'), 'ffffffffffffffff');
  throwsReason(() => parseF32('nan:0x0'), 'constant out of range');
  throwsReason(() => parseF32('nan:0x80_0000'), 'constant out of range');
  throwsReason(() => parseF64('nan:0x10_0000_0000_0000'), 'constant out of range');
  for (const bad of ['nan:1', '.0', '0e', '0x', '0x.', '0x0p', '1_.0', '1._0', '0x1p_1', 'infinity', 'nan:canonical']) {
    assert.is(parseF32(bad), null, bad);
  }
});

test('strings: escapes to bytes', () => {
  const s = (t: string): number[] => Array.from(decodeString(t, 0, t.length));
  assert.equal(s('"a\\n\\t\\\\\\\'\\""'), [0x61, 10, 9, 0x5c, 0x27, 0x22]);
  assert.equal(s('"\\00\\ff\\Ab"'), [0, 0xff, 0xab]);
  assert.equal(s('"\\u{41}\\u{e9}\\u{10FFFF}"'), [0x41, 0xc3, 0xa9, 0xf4, 0x8f, 0xbf, 0xbf]);
  assert.equal(s('"é"'), [0xc3, 0xa9]);
});

// ---- modules, byte for byte ----

const HDR = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const bytes = (wat: string): number[] => Array.from(watToBinary(wat, { names: false }));

test('empty module, with and without (module)', () => {
  assert.equal(bytes('(module)'), HDR);
  assert.equal(bytes('(module $m)'), HDR);
  assert.equal(bytes(''), HDR);
  assert.equal(bytes('(module binary "\\00asm" "\\01\\00\\00\\00")'), HDR);
});

test('function with params, locals, folded add, export', () => {
  const b = bytes(`(module
    (func $add (export "add") (param $a i32) (param $b i32) (result i32) (local i64 i64) (local f32)
      (i32.add (local.get $a) (local.get $b))))`);
  assert.equal(b, [
    ...HDR,
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,            // type section
    0x03, 0x02, 0x01, 0x00,                                          // function section
    0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,            // export "add" func 0
    0x0a, 0x0d, 0x01, 0x0b, 0x02, 0x02, 0x7e, 0x01, 0x7d,            // code: 2 local runs
    0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b,
  ]);
});

test('imports, memory with data, global, start, elem', () => {
  const b = bytes(`
    (import "env" "f" (func $f (param i32)))
    (memory (data "hi"))
    (global $g (mut i32) (i32.const -1))
    (table 2 funcref)
    (elem (i32.const 1) $f $main)
    (func $main (call $f (global.get $g)))
    (start $main)`);
  assert.equal(b, [
    ...HDR,
    0x01, 0x08, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x00,      // types: (i32)->(), ()->()
    0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00, // import env.f func type 0
    0x03, 0x02, 0x01, 0x01,                                          // func $main: type 1
    0x04, 0x04, 0x01, 0x70, 0x00, 0x02,                              // table 2 funcref
    0x05, 0x04, 0x01, 0x01, 0x01, 0x01,                              // memory 1 1
    0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x7f, 0x0b,                  // global mut i32 = -1
    0x08, 0x01, 0x01,                                                // start 1
    0x09, 0x08, 0x01, 0x00, 0x41, 0x01, 0x0b, 0x02, 0x00, 0x01,      // elem active table 0
    0x0a, 0x08, 0x01, 0x06, 0x00, 0x23, 0x00, 0x10, 0x00, 0x0b,      // code
    0x0b, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x02, 0x68, 0x69,      // data "hi" at 0
  ]);
});

test('blocks, labels, br_table, if/else, block types', () => {
  const b = bytes(`(func (param i32) (result i32)
    (block $out (result i32)
      (block $a
        (br_table $a $out 0 (local.get 0)))
      (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2)))
      loop $l (param i32) (result i32) br $l end))`);
  assert.equal(b, [
    ...HDR,
    0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,   // one type, shared by the func and the loop
    0x03, 0x02, 0x01, 0x00,
    0x0a, 0x20, 0x01, 0x1e, 0x00,
    0x02, 0x7f,                                        // block $out (result i32)
    0x02, 0x40,                                        // block $a
    0x20, 0x00, 0x0e, 0x02, 0x00, 0x01, 0x00, 0x0b,    // br_table $a $out 0
    0x20, 0x00, 0x04, 0x7f, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0b, // if … else … end
    0x03, 0x00, 0x0c, 0x00, 0x0b,                      // loop (type 0), br $l
    0x0b, 0x0b,
  ]);
});

test('implicit types: explicit types first, reuse, appended in order of use', () => {
  const b = bytes(`
    (func $f (result f64) (f64.const 0))
    (func $g (param i32))
    (type $t (func (param i32)))
    (func $h (result f64) (f64.const 1))
    (func (type $t) (param i32))`);
  // types: 0 = $t (explicit), 1 = (result f64) (implicit)
  assert.equal(b.slice(8, 8 + 11), [0x01, 0x09, 0x02, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x00, 0x01, 0x7c]);
  assert.equal(b.slice(19, 19 + 7), [0x03, 0x05, 0x04, 0x01, 0x00, 0x01, 0x00]);
});

test('0xFC operations, passive segments, typed select, ref ops, memarg', () => {
  const b = bytes(`(memory 1) (table $t 1 funcref) (elem $e func) (data $d "")
    (func (param i32)
      (memory.init $d (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop $d)
      (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 0)
      (drop (select (result i32) (i32.const 1) (i32.const 2) (local.get 0)))
      (drop (ref.is_null (ref.null extern)))
      (drop (i32.trunc_sat_f32_s (f32.const 1)))
      (i64.store offset=8 align=4 (i32.const 0) (i64.const 0)))`);
  assert.equal(b, [
    ...HDR,
    0x01, 0x05, 0x01, 0x60, 0x01, 0x7f, 0x00,
    0x03, 0x02, 0x01, 0x00,
    0x04, 0x04, 0x01, 0x70, 0x00, 0x01,
    0x05, 0x03, 0x01, 0x00, 0x01,
    0x09, 0x04, 0x01, 0x01, 0x00, 0x00,                // passive elem, func kind, no entries
    0x0c, 0x01, 0x01,                                  // data count (memory.init/data.drop used)
    0x0a, 0x3b, 0x01, 0x39, 0x00,
    0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x00, 0x00, 0xfc, 0x09, 0x00,
    0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x00, 0x00, 0xfc, 0x0d, 0x00,
    0x41, 0x01, 0x41, 0x02, 0x20, 0x00, 0x1c, 0x01, 0x7f, 0x1a,
    0xd0, 0x6f, 0xd1, 0x1a,
    0x43, 0x00, 0x00, 0x80, 0x3f, 0xfc, 0x00, 0x1a,
    0x41, 0x00, 0x42, 0x00, 0x37, 0x02, 0x08,
    0x0b,
    0x0b, 0x03, 0x01, 0x01, 0x00,                      // passive data ""
  ]);
});

test('elem forms and inline table elements', () => {
  const b = bytes(`(table $t 0 externref) (func $f)
    (table funcref (elem $f $f))
    (elem declare func $f)
    (elem (table $t) (offset (i32.const 0)) externref (item ref.null extern))
    (elem funcref (ref.func $f))`);
  assert.equal(b, [
    ...HDR,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
    0x03, 0x02, 0x01, 0x00,
    0x04, 0x08, 0x02, 0x6f, 0x00, 0x00, 0x70, 0x01, 0x02, 0x02, // tables: externref 0, funcref 2 2
    0x09, 0x1e, 0x04,
    0x02, 0x01, 0x41, 0x00, 0x0b, 0x00, 0x02, 0x00, 0x00,       // inline: active table 1, funcs
    0x03, 0x00, 0x01, 0x00,                                     // declare func $f
    0x06, 0x00, 0x41, 0x00, 0x0b, 0x6f, 0x01, 0xd0, 0x6f, 0x0b, // active table 0, externref exprs
    0x05, 0x70, 0x01, 0xd2, 0x00, 0x0b,                         // passive funcref exprs
    0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
  ]);
});

// ---- names and malformed text ----

test('name resolution in every index space', () => {
  const b = bytes(`(module
    (type $a (func))
    (type $t (func (param i32)))
    (import "m" "g" (global $gi i32))
    (global $g i32 (global.get $gi))
    (memory $m 1)
    (table $t0 1 funcref) (table $tb 1 funcref)
    (elem $e0 func) (elem $e1 func $f)
    (data $d0 "") (data $d1 "")
    (func $f (type $t) (local $x i32)
      (block $b (br_if $b (local.get $x)))
      (call_indirect $tb (type $t) (local.get 0) (i32.const 0))
      (drop (memory.size $m)) (drop (table.size $tb)) (call $f (global.get $g))
      (elem.drop $e1) (data.drop $d1))
    (export "f" (func $f)) (export "g" (global $g)) (export "m" (memory $m)) (export "t" (table $tb)))`);
  const body = [0x01, 0x01, 0x7f,
    0x02, 0x40, 0x20, 0x01, 0x0d, 0x00, 0x0b,       // block $b, local.get $x (1), br_if $b (0)
    0x20, 0x00, 0x41, 0x00, 0x11, 0x01, 0x01,       // call_indirect type $t (1), table $tb (1)
    0x3f, 0x00, 0x1a, 0xfc, 0x10, 0x01, 0x1a,       // memory.size $m, table.size $tb
    0x23, 0x01, 0x10, 0x00,                         // global.get $g (1), call $f (0)
    0xfc, 0x0d, 0x01, 0xfc, 0x09, 0x01,             // elem.drop $e1, data.drop $d1
    0x0b];
  const at = b.indexOf(0x0a, b.lastIndexOf(0x0c));  // code section follows the data count section
  assert.equal(b.slice(at + 4, at + 4 + body.length), body);
  // Exports: func 0, global 1, memory 0, table 1.
  const exp = [0x07, 0x11, 0x04, 0x01, 0x66, 0x00, 0x00, 0x01, 0x67, 0x03, 0x01, 0x01, 0x6d, 0x02, 0x00, 0x01, 0x74, 0x01, 0x01];
  assert.ok(b.join(',').includes(exp.join(',')), 'export section');
});

test('malformed text: spec messages', () => {
  const cases: [string, string][] = [
    ['(func (br $nope))', 'unknown label'],
    ['(func (call $nope))', 'unknown function'],
    ['(func (local.get $nope))', 'unknown local'],
    ['(func (global.get $nope))', 'unknown global'],
    ['(func $f) (func $f)', 'duplicate func'],
    ['(func (param $x i32) (local $x i32))', 'duplicate local'],
    ['(global $g i32 (i32.const 0)) (global $g i32 (i32.const 0))', 'duplicate global'],
    ['(func) (import "" "" (func))', 'import after function'],
    ['(memory 0) (import "" "" (global i32))', 'import after memory'],
    ['(type $t (func)) (func (type $t) (param i32))', 'inline function type'],
    ['(func (type 3) (param i32))', 'unknown type'],
    ['(func (result i32) (param i32) (i32.const 0))', 'unexpected token'],
    ['(func (i32.const0))', 'unknown operator'],
    ['(func (i32.const 0x100000000) drop)', 'constant out of range'],
    ['(memory 0x1_0000_0000)', 'i32 constant out of range'],
    ['(memory 1) (func (drop (i32.load align=3 (i32.const 0))))', 'alignment'],
    ['(func block $a end $b)', 'mismatching label'],
    ['(func (export "\\ff"))', 'malformed UTF-8 encoding'],
    ['(func $a) (start $a) (start $a)', 'multiple start sections'],
    ['(data $l"a")', 'unknown operator'],
    ['(func (get_local 0))', 'unknown operator get_local'],
  ];
  for (const [wat, reason] of cases) throwsReason(() => watToBinary(wat), reason);
});

test('numeric indices are not range-checked', () => {
  assert.ok(watToBinary('(func (call 99) (local.get 7) drop)').length > 8);
});

test('SIMD text: v128.const, lanes, shuffle, memarg (encoded for the decoder to reject cleanly)', () => {
  const b = bytes(`(memory 1) (func (result v128)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
      (v128.const i32x4 1 -1 0x80000000 0xffffffff)
      (v128.load offset=16 align=8 (i32.const 0))))`);
  const code = b.slice(b.length - 43);
  assert.equal(code, [
    0xfd, 0x0c, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80, 0xff, 0xff, 0xff, 0xff,
    0x41, 0x00, 0xfd, 0x00, 0x03, 0x10,
    0xfd, 0x0d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 31,
    0x0b,
  ]);
  throwsReason(() => watToBinary('(func (v128.const i32x4 1 2 3) drop)'), 'wrong number of lane literals');
  throwsReason(() => watToBinary('(func (v128.const i8x16 256 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0) drop)'), 'constant out of range');
  throwsReason(() => watToBinary('(func (param v128) (i8x16.shuffle 0 1 (local.get 0) (local.get 0)) drop)'), 'invalid lane length');
  throwsReason(() => watToBinary('(func (param v128) (i8x16.extract_lane_s 256 (local.get 0)) drop)'), 'malformed lane index');
  throwsReason(() => watToBinary('(memory 1) (func (v128.load align=3 (i32.const 0)) drop)'), 'alignment must be a power of two');
});

// ---- scripts ----

test('parseWast: commands, values, lines', () => {
  const cmds = parseWast(`(module $M (func (export "f") (param f32) (result f32) local.get 0))
(register "m" $M)
;; comment
(assert_return (invoke $M "f" (f32.const -0x1p-1)) (f32.const nan:canonical))
(assert_return (invoke "f" (i64.const -1) (ref.null func) (ref.extern 3))
  (either (i32.const 1) (ref.func)) (ref.null extern))
(assert_trap (invoke "f") "unreachable")
(assert_malformed (module quote "(func" ")") "unexpected")
(assert_invalid (module binary "\\00asm" "\\01\\00\\00\\00") "x")
(assert_return (get "g") (v128.const f32x4 nan:canonical 1 2 3))
(assert_return (invoke "v" (v128.const i16x8 -1 2 3 4 5 6 7 0xffff)))
(assert_exhaustion (invoke "r") "call stack exhausted")
(assert_trap (module (func)) "oob")
(thread $T (module))`);
  assert.is(cmds.length, 12);
  const [m, reg, ar, ar2, trap, mal, inv, v1, v2, exh, tm, unk] = cmds;
  assert.equal(m, { line: 1, type: 'module', name: '$M', definition: false,
    module: { kind: 'text', text: '(module $M (func (export "f") (param f32) (result f32) local.get 0))' } });
  assert.equal(reg, { line: 2, type: 'register', as: 'm', name: '$M' });
  assert.equal(ar, { line: 4, type: 'assert_return',
    action: { type: 'invoke', module: '$M', field: 'f', args: [{ type: 'f32', bits: 0xbf000000 }] },
    expected: [{ type: 'f32', nan: 'canonical' }] });
  assert.equal(ar2.type === 'assert_return' && ar2.action.type === 'invoke' && ar2.action.args, [
    { type: 'i64', value: -1n }, { type: 'ref.null', kind: 'func' }, { type: 'ref.extern', value: 3 }]);
  assert.equal(ar2.type === 'assert_return' && ar2.expected, [
    { type: 'either', options: [{ type: 'i32', value: 1 }, { type: 'ref.any-of', kind: 'func' }] },
    { type: 'ref.null', kind: 'extern' }]);
  assert.is(trap.line, 7);
  assert.equal(mal.type === 'assert_malformed' && mal.module, { kind: 'quote', text: '(func)' });
  assert.equal(inv.type === 'assert_invalid' && inv.module.kind, 'binary');
  assert.equal(v1.type === 'assert_return' && v1.expected[0], { type: 'v128-lanes', shape: 'f32x4', lanes: [
    { type: 'f32', nan: 'canonical' }, { type: 'f32', bits: 0x3f800000 }, { type: 'f32', bits: 0x40000000 }, { type: 'f32', bits: 0x40400000 }] });
  assert.equal(v2.type === 'assert_return' && v2.action.type === 'invoke' && v2.action.args[0],
    { type: 'v128', bytes: new Uint8Array([0xff, 0xff, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0xff, 0xff]) });
  assert.is(exh.type, 'assert_exhaustion');
  assert.is(tm.type, 'assert_trap_module');
  assert.equal(unk, { line: 14, type: 'unsupported', keyword: 'thread', text: '(thread $T (module))' });
});

test('parseWast: a script of bare module fields is one module', () => {
  const cmds = parseWast('(func) (memory 0) ;; x');
  assert.is(cmds.length, 1);
  assert.is(cmds[0].type, 'module');
  assert.ok(watToBinary((cmds[0] as { module: { text: string } }).module.text).length > 8);
});


test('a name section carries the module id and function ids (for stack traces)', async () => {
  const { decodeModule } = await import('../interpreter/binary/decode.js');
  const m = decodeModule(watToBinary('(module $demo (func $a) (func) (func $c (export "c")))'));
  assert.is(m.names.module, 'demo');
  assert.equal([...m.names.funcs], [[0, 'a'], [2, 'c']]);
  assert.is(decodeModule(watToBinary('(module (func $a))', { names: false })).names.funcs.size, 0);
});
test.run();

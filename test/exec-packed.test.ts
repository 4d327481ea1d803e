// Tests of the packed internal code and the compiler's fused instructions (compile/internal-ops.ts):
// each fusion against the plain semantics at the edges (address wrap-around, large static offsets,
// immediates that do not fit 16 bits, i64 comparisons whose high halves are equal), and frames too
// large for 16-bit slot fields (scratch slots).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compile, instantiate, invoke, Context, RuntimeError, type FuncInst, type Instance } from '../interpreter/index.js';
import { disassemble } from '../interpreter/compile/disasm.js';
import { compileFunc } from '../interpreter/compile/compiler.js';

function load(wat: string): Instance { return instantiate(compile(wat)); }
function listing(inst: Instance, name: string): string { return disassemble(compileFunc(inst.exports.get(name) as FuncInst)); }
function trapOf(f: () => unknown): string | null {
  try { f(); return null; } catch (e) { if (e instanceof RuntimeError) return e.reason; throw e; }
}

test('loads and stores with an i32.add / shifted-index address, wrapping at 2^32', () => {
  const inst = load(`(module (memory 1)
    (func (export "ld") (param $a i32) (param $b i32) (result i32) (i32.load offset=4 (i32.add (local.get $a) (local.get $b))))
    (func (export "ld8s") (param $a i32) (param $i i32) (result i32)
      (i32.load8_s offset=1 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 1)))))
    (func (export "ld16u") (param $a i32) (param $i i32) (result i32)
      (i32.load16_u (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $a))))
    (func (export "ld64") (param $a i32) (param $i i32) (result i64)
      (i64.load offset=8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3)))))
    (func (export "st") (param $a i32) (param $b i32) (param $v i32) (i32.store offset=2 (i32.add (local.get $a) (local.get $b)) (local.get $v)))
    (func (export "st8") (param $a i32) (param $i i32) (param $v i32)
      (i32.store8 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 4))) (local.get $v)))
    (func (export "st16") (param $a i32) (param $i i32) (param $v i32)
      (i32.store16 offset=1 (i32.add (local.get $a) (local.get $i)) (local.get $v)))
    (func (export "st64") (param $a i32) (param $i i32) (param $v i64)
      (i64.store (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))) (local.get $v)))
    (func (export "addshl") (param $a i32) (param $i i32) (result i32) (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 5)))))`);
  const mem = inst.mems[0];
  assert.match(listing(inst, 'ld'), /load_idx\.i32/);
  assert.match(listing(inst, 'ld64'), /load_idx\.i64/);
  assert.match(listing(inst, 'st8'), /store_idx8/);
  assert.match(listing(inst, 'addshl'), /i32\.add_shl/);
  for (let i = 0; i < 64; i++) mem.u8[i] = 0x80 + i;
  // 0xfffffff0 + 0x20 wraps to 0x10; the static offset is added after the wrap.
  assert.equal(invoke(inst, 'ld', [-16, 0x20]), [0x97969594 | 0]);
  assert.equal(invoke(inst, 'ld', [3, 5]), [0x8f8e8d8c | 0]);
  assert.is(trapOf(() => invoke(inst, 'ld', [65530, 0])), 'out of bounds memory access');
  assert.equal(invoke(inst, 'ld8s', [0, 3]), [(0x87 << 24) >> 24]);
  assert.equal(invoke(inst, 'ld8s', [-2, 1]), [(0x81 << 24) >> 24]); // -2 + 2 + 1
  assert.equal(invoke(inst, 'ld16u', [1, 2]), [0x8a89]); // unaligned: 9
  assert.equal(invoke(inst, 'ld16u', [-8, 4]), [0x8988]); // wraps to 8
  assert.equal(invoke(inst, 'ld64', [0, 1]), [0x97969594_93929190n - 0x10000000000000000n]);
  mem.clearDirty();
  invoke(inst, 'st', [-1, 0x1001, 0x11223344]); // 0x1000 + 2
  assert.equal(Array.from(mem.u8.subarray(0x1002, 0x1006)), [0x44, 0x33, 0x22, 0x11]);
  assert.equal(Array.from(mem.dirty.subarray(0, 3)), [0, 1, 0]);
  invoke(inst, 'st', [0x1ffd, 0, 0x55667788]); // 0x1fff..0x2002: straddles pages 1 and 2
  assert.equal(Array.from(mem.dirty.subarray(0, 4)), [0, 1, 1, 0]);
  assert.equal(Array.from(mem.u8.subarray(0x1fff, 0x2003)), [0x88, 0x77, 0x66, 0x55]);
  invoke(inst, 'st8', [0x3000, 2, 0x1ff]);
  assert.is(mem.u8[0x3020], 0xff);
  invoke(inst, 'st16', [0x3001, 0, 0xabcd]);
  assert.equal(Array.from(mem.u8.subarray(0x3002, 0x3004)), [0xcd, 0xab]);
  invoke(inst, 'st64', [0x4000, 1, -2n]);
  assert.equal(Array.from(mem.u8.subarray(0x4008, 0x4010)), [0xfe, 255, 255, 255, 255, 255, 255, 255]);
  assert.is(trapOf(() => invoke(inst, 'st64', [65528, 1, 0n])), 'out of bounds memory access');
  assert.equal(invoke(inst, 'addshl', [7, 0x8000001]), [(7 + (0x8000001 << 5)) | 0]);
});

test('a trap in a fused load names the load in the stack trace', () => {
  const inst = load(`(module (memory 1)
    (func (export "f") (param $a i32) (result i32)
      (i32.load8_u offset=3 (i32.add (local.get $a) (i32.add (local.get $a) (i32.const 1))))))`);
  assert.match(listing(inst, 'f'), /load_idx/);
  let err: unknown = null;
  try { invoke(inst, 'f', [0x7fffffff]); } catch (e) { err = e; }
  assert.instance(err, RuntimeError);
  const frame = (err as RuntimeError).wasmStack[0];
  const body = inst.module.codes[0];
  assert.is(body.code[parseInt(frame.split('@0x')[1], 16) - body.offset], 0x2d, frame); // i32.load8_u
});

test('static offsets above 16 bits, up to 0xffffffff (never wrapping)', () => {
  const inst = load(`(module (memory 2)
    (func (export "ld") (param $a i32) (result i32) (i32.load offset=70000 (local.get $a)))
    (func (export "ldmax") (param $a i32) (result i32) (i32.load8_u offset=0xffffffff (local.get $a)))
    (func (export "st") (param $a i32) (param $v i32) (i32.store16 offset=65536 (local.get $a) (local.get $v)))
    (func (export "stmax") (param $a i32) (i64.store offset=0xfffffff8 (local.get $a) (i64.const 1))))`);
  const mem = inst.mems[0];
  mem.u8[70000 + 8] = 0x42;
  assert.equal(invoke(inst, 'ld', [8]), [0x42]);
  assert.is(trapOf(() => invoke(inst, 'ld', [131072 - 70000 - 3])), 'out of bounds memory access');
  assert.is(trapOf(() => invoke(inst, 'ld', [-1])), 'out of bounds memory access');
  assert.is(trapOf(() => invoke(inst, 'ldmax', [1])), 'out of bounds memory access');
  assert.is(trapOf(() => invoke(inst, 'ldmax', [0])), 'out of bounds memory access');
  invoke(inst, 'st', [10, 0x1234]);
  assert.equal(Array.from(mem.u8.subarray(65546, 65548)), [0x34, 0x12]);
  assert.is(trapOf(() => invoke(inst, 'stmax', [8])), 'out of bounds memory access');
});

test('stores of constants, and immediates that do not fit 16 bits', () => {
  const inst = load(`(module (memory 1)
    (func (export "st") (param $a i32)
      (i32.store offset=4 (local.get $a) (i32.const -5))
      (i32.store16 offset=8 (local.get $a) (i32.const 0x7fff))
      (i32.store8 offset=10 (local.get $a) (i32.const -1))
      (i32.store offset=12 (local.get $a) (i32.const 0x12345678)))
    (func (export "imm") (param $x i32) (result i32)
      (i32.xor (i32.and (i32.add (i32.mul (local.get $x) (i32.const 65537)) (i32.const 32768)) (i32.const 0xffff))
               (i32.or (i32.add (local.get $x) (i32.const -32768)) (i32.const 0x10000))))
    (func (export "cmpbig") (param $x i32) (result i32)
      (if (result i32) (i32.gt_u (local.get $x) (i32.const 0x80000000)) (then (i32.const 1)) (else (i32.const 0)))))`);
  const mem = inst.mems[0];
  mem.clearDirty();
  invoke(inst, 'st', [0x2001]);
  assert.equal(Array.from(mem.u8.subarray(0x2005, 0x2011)), [0xfb, 255, 255, 255, 0xff, 0x7f, 0xff, 0, 0x78, 0x56, 0x34, 0x12]);
  assert.equal(Array.from(mem.dirty.subarray(0, 4)), [0, 0, 1, 0]);
  assert.match(listing(inst, 'st'), /store_imm32/);
  for (const x of [0, 1, -1, 0x7fff, 0x12345678, -0x80000000]) {
    const want = ((((Math.imul(x, 65537) + 32768) | 0) & 0xffff) ^ (((x - 32768) | 0) | 0x10000)) | 0;
    assert.equal(invoke(inst, 'imm', [x]), [want], `imm(${x})`);
  }
  assert.equal(invoke(inst, 'cmpbig', [0x80000001 | 0]), [1]);
  assert.equal(invoke(inst, 'cmpbig', [0x80000000 | 0]), [0]);
  assert.equal(invoke(inst, 'cmpbig', [5]), [0]);
});

const CMPS = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
function cmp64(op: string, a: bigint, b: bigint): boolean {
  const u = (x: bigint) => BigInt.asUintN(64, x);
  switch (op) {
    case 'eq': return a === b; case 'ne': return a !== b;
    case 'lt_s': return a < b; case 'lt_u': return u(a) < u(b);
    case 'gt_s': return a > b; case 'gt_u': return u(a) > u(b);
    case 'le_s': return a <= b; case 'le_u': return u(a) <= u(b);
    case 'ge_s': return a >= b; default: return u(a) >= u(b);
  }
}

test('i64 comparisons: values, fused with br_if / if, and against constants', () => {
  const K = -0x100000000n + 5n; // hi = -1, lo = 5: the constant operand
  const funcs = CMPS.map(op => `
    (func (export "v_${op}") (param i64 i64) (result i32) (i64.${op} (local.get 0) (local.get 1)))
    (func (export "b_${op}") (param i64 i64) (result i32)
      (block $t (br_if $t (i64.${op} (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))
    (func (export "i_${op}") (param i64) (result i32)
      (if (result i32) (i64.${op} (local.get 0) (i64.const ${K})) (then (i32.const 1)) (else (i32.const 0))))
    (func (export "c_${op}") (param i64) (result i32) (i64.${op} (local.get 0) (i64.const ${K})))`).join('');
  const inst = load(`(module ${funcs}
    (func (export "eqz") (param i64) (result i32) (block $t (br_if $t (i64.eqz (local.get 0))) (return (i32.const 0))) (i32.const 1))
    (func (export "nez") (param i64) (result i32) (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0)) (else (i32.const 1)))))`);
  assert.match(listing(inst, 'b_lt_u'), /jump_if_i64_/);
  assert.match(listing(inst, 'i_ge_s'), /jump_if_i64_.*_imm/);
  const vals = [0n, 1n, -1n, 5n, K, K + 1n, K - 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
    -0x8000000000000000n, 0x7fffffffffffffffn, 0x123456789n, -0x123456789n];
  for (const op of CMPS) {
    for (const a of vals) {
      assert.equal(invoke(inst, `c_${op}`, [a]), [cmp64(op, a, K) ? 1 : 0], `c_${op}(${a})`);
      assert.equal(invoke(inst, `i_${op}`, [a]), [cmp64(op, a, K) ? 1 : 0], `i_${op}(${a})`);
      for (const b of vals) {
        const want = [cmp64(op, a, b) ? 1 : 0];
        assert.equal(invoke(inst, `v_${op}`, [a, b]), want, `v_${op}(${a}, ${b})`);
        assert.equal(invoke(inst, `b_${op}`, [a, b]), want, `b_${op}(${a}, ${b})`);
      }
    }
  }
  for (const a of vals) {
    assert.equal(invoke(inst, 'eqz', [a]), [a === 0n ? 1 : 0]);
    assert.equal(invoke(inst, 'nez', [a]), [a === 0n ? 0 : 1]);
  }
});

test('i32.and then br_if / if jumps on the tested bits', () => {
  const inst = load(`(module
    (func (export "any") (param i32) (result i32) (block $t (br_if $t (i32.and (local.get 0) (i32.const 0x88))) (return (i32.const 0))) (i32.const 1))
    (func (export "none") (param i32) (result i32) (if (result i32) (i32.and (local.get 0) (i32.const -8)) (then (i32.const 1)) (else (i32.const 0)))))`);
  assert.match(listing(inst, 'any'), /jump_if_and/);
  for (const x of [0, 1, 7, 8, 0x80, 0x88, 0x100, -1, -8, 0x7ffffff8]) {
    assert.equal(invoke(inst, 'any', [x]), [(x & 0x88) !== 0 ? 1 : 0]);
    assert.equal(invoke(inst, 'none', [x]), [(x & -8) !== 0 ? 1 : 0]);
  }
});

test('frames larger than 16-bit slot fields use scratch slots', () => {
  const n = 40000; // 40,000 i64 locals: 80,000 words, beyond the 65,536 of a 16-bit field
  const locals = '(local ' + 'i64 '.repeat(n) + ')';
  const inst = load(`(module (memory 1)
    (func (export "far") (param $p i32) (result i64) ${locals}
      (local.set ${n - 1} (i64.extend_i32_s (local.get $p)))
      (local.set ${n - 2} (i64.const 1000))
      (local.set ${n - 3} (i64.add (local.get ${n - 1}) (local.get ${n - 2})))
      (i64.store offset=8 (i32.const 0) (local.get ${n - 3}))
      (local.set ${n} (i64.load offset=8 (i32.wrap_i64 (local.get 1))))
      (if (i64.lt_s (local.get ${n}) (local.get ${n - 2})) (then (local.set ${n} (i64.const -7))))
      (i64.add (i64.mul (local.get ${n}) (i64.const 2)) (local.get 1))))`);
  assert.equal(invoke(inst, 'far', [5]), [(5n + 1000n) * 2n]);
  assert.equal(invoke(inst, 'far', [-2000]), [-14n]);
  // deep recursion through such frames still works and reports exhaustion as a trap
  const ctx = new Context({ maxDepth: 100 });
  assert.equal(ctx.invoke(inst.exports.get('far') as FuncInst, [1]), [2002n]);
});

test.run();

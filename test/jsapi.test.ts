// JS API tests: the WebAssembly namespace, validate/compile/instantiate (both overloads), streaming,
// Module reflection, Instance exports, reading imports (TypeError / LinkError), start functions, and
// the three error classes (shape, messages, traps as RuntimeError).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { W, wasm, exportsOf, throwsA, rejectsA } from './jsapi-util.js';

const EMPTY = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
const BAD_VERSION = new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]);

const ADD = `(module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))`;

/** A custom section appended to a module's bytes. */
function withCustom(bytes: Uint8Array, name: string, payload: number[]): Uint8Array {
  const n = new TextEncoder().encode(name);
  const body = [n.length, ...n, ...payload];
  return new Uint8Array([...bytes, 0, body.length, ...body]);
}

test('namespace: shape like the native object', () => {
  assert.is(Object.prototype.toString.call(W), '[object WebAssembly]');
  assert.equal(Object.keys(W).sort(), ['compile', 'compileStreaming', 'instantiate', 'instantiateStreaming', 'validate']);
  for (const k of ['Module', 'Instance', 'Memory', 'Table', 'Global', 'CompileError', 'LinkError', 'RuntimeError']) {
    assert.type((W as any)[k], 'function', k);
  }
  assert.is(W.instantiate.length, 1);
  assert.is(W.Module.length, 1);
  assert.is(Object.prototype.toString.call(new W.Module(EMPTY)), '[object WebAssembly.Module]');
  assert.ok(Object.getOwnPropertyDescriptor(W.Memory.prototype, 'grow')!.enumerable);
  assert.equal(Object.getOwnPropertyNames(W.Module).filter(n => !['length', 'name', 'prototype'].includes(n)).sort(),
    ['customSections', 'exports', 'imports']);
});

test('validate: true, false, TypeError for a non-buffer', () => {
  assert.is(W.validate(EMPTY), true);
  assert.is(W.validate(EMPTY.buffer), true);
  assert.is(W.validate(new DataView(EMPTY.buffer)), true);
  assert.is(W.validate(BAD_VERSION), false);
  assert.is(W.validate(wasm(ADD)), true);
  assert.is(W.validate(wasm('(module (func (result i32) i64.const 0))').slice(0, 20)), false);
  throwsA(() => W.validate([0, 97, 115, 109, 1, 0, 0, 0] as any), TypeError);
});

test('Module: needs new, copies its bytes, CompileError for bad bytes', () => {
  throwsA(() => (W.Module as any)(EMPTY), TypeError);
  const bytes = wasm(ADD);
  const m = new W.Module(bytes);
  bytes.fill(0); // the module keeps its own copy
  assert.is((new W.Instance(m).exports as any).add(2, 3), 5);
  const e = throwsA(() => new W.Module(BAD_VERSION), W.CompileError, 'unknown binary version');
  assert.ok(e instanceof Error);
  assert.is(e.name, 'CompileError');
  throwsA(() => new W.Module(wasm('(module (func (result i32) i64.const 0))')), W.CompileError, 'type mismatch');
  throwsA(() => new W.Module('nope' as any), TypeError);
});

test('Module.exports, imports, customSections', () => {
  const m = new W.Module(withCustom(withCustom(wasm(`(module
    (import "env" "f" (func (param i32)))
    (import "env" "mem" (memory 1))
    (import "js" "t" (table 1 funcref))
    (import "js" "g" (global i32))
    (func (export "run"))
    (export "m2" (memory 0)) (table (export "t2") 0 externref) (global (export "g2") i32 (i32.const 0)))`), 'meta', [1, 2, 3]), 'meta', [4]));
  assert.equal(W.Module.imports(m), [
    { module: 'env', name: 'f', kind: 'function' }, { module: 'env', name: 'mem', kind: 'memory' },
    { module: 'js', name: 't', kind: 'table' }, { module: 'js', name: 'g', kind: 'global' },
  ]);
  assert.equal(W.Module.exports(m), [
    { name: 'run', kind: 'function' }, { name: 'm2', kind: 'memory' }, { name: 't2', kind: 'table' }, { name: 'g2', kind: 'global' },
  ]);
  const cs = W.Module.customSections(m, 'meta');
  assert.is(cs.length, 2);
  assert.ok(cs[0] instanceof ArrayBuffer);
  assert.equal([...new Uint8Array(cs[0])], [1, 2, 3]);
  assert.equal([...new Uint8Array(cs[1])], [4]);
  assert.equal(W.Module.customSections(m, 'other'), []);
  throwsA(() => W.Module.exports({} as any), TypeError);
  throwsA(() => (W.Module.customSections as any)(m), TypeError);
});

test('Instance: frozen null-prototype exports, the same object each time', () => {
  const inst = new W.Instance(new W.Module(wasm(ADD)));
  const ex = inst.exports as any;
  assert.is(Object.getPrototypeOf(ex), null);
  assert.ok(Object.isFrozen(ex));
  assert.is(inst.exports, ex);
  assert.equal(Object.keys(ex), ['add']);
  assert.is(ex.add(1, 2), 3);
  throwsA(() => { ex.add = null; }, TypeError); // strict-mode module code: writing a frozen property throws
  throwsA(() => new W.Instance({} as any), TypeError);
  throwsA(() => Object.getOwnPropertyDescriptor(W.Instance.prototype, 'exports')!.get!.call({}), TypeError);
});

test('Instance: reading imports (TypeError and LinkError)', () => {
  const m = new W.Module(wasm(`(module (import "m" "f" (func (param i32) (result i32))) (import "m" "g" (global i64)))`));
  throwsA(() => new W.Instance(m), TypeError, 'Imports argument must be present');
  throwsA(() => new W.Instance(m, 5 as any), TypeError);
  throwsA(() => new W.Instance(m, {}), TypeError, 'module="m"');
  throwsA(() => new W.Instance(m, { m: { f: 1, g: 1n } }), W.LinkError, 'callable');
  throwsA(() => new W.Instance(m, { m: { f: () => 0, g: 1 } }), W.LinkError, 'BigInt');
  throwsA(() => new W.Instance(m, { m: { f: () => 0 } }), W.LinkError);
  // An Exported Function of another type: the engine's type check, as a LinkError.
  const other = exportsOf('(module (func (export "h") (param i64)))');
  throwsA(() => new W.Instance(m, { m: { f: other.h, g: 1n } }), W.LinkError, 'incompatible import type');
  // Memory too small, wrong kinds, mutable global given as a number.
  const mm = new W.Module(wasm('(module (import "m" "mem" (memory 2)))'));
  throwsA(() => new W.Instance(mm, { m: { mem: new W.Memory({ initial: 1 }) } }), W.LinkError, 'incompatible import type');
  throwsA(() => new W.Instance(mm, { m: { mem: new ArrayBuffer(65536) } }), W.LinkError);
  const mg = new W.Module(wasm('(module (import "m" "g" (global (mut i32))))'));
  throwsA(() => new W.Instance(mg, { m: { g: 1 } }), W.LinkError);
  throwsA(() => new W.Instance(mg, { m: { g: new W.Global({ value: 'i32' }) } }), W.LinkError); // immutable for mutable
  new W.Instance(mg, { m: { g: new W.Global({ value: 'i32', mutable: true }) } });
  const ok = new W.Instance(m, { m: { f: (x: number) => x * 2, g: 5n } }); // a plain function and a BigInt
  assert.ok(ok instanceof W.Instance);
});

test('Instance: the same JS function imported twice with two types', () => {
  const calls: unknown[][] = [];
  const f = (...args: unknown[]) => { calls.push(args); return 7; };
  const ex = exportsOf(`(module
    (import "m" "f" (func $a (param i32) (result i32)))
    (import "m" "f" (func $b (param i64 f64)))
    (func (export "run") (result i32) i64.const 9 f64.const 1.5 call $b i32.const 4 call $a))`, { m: { f } });
  assert.is(ex.run(), 7);
  assert.equal(calls, [[9n, 1.5], [4]]);
});

test('start function runs at instantiation; its trap is a RuntimeError', () => {
  let called = 0;
  exportsOf('(module (import "m" "f" (func)) (start 0))', { m: { f: () => { called++; } } });
  assert.is(called, 1);
  throwsA(() => exportsOf('(module (func unreachable) (start 0))'), W.RuntimeError, 'unreachable');
});

test('compile and instantiate: promises, both overloads, rejections not throws', async () => {
  const m = await W.compile(wasm(ADD));
  assert.ok(m instanceof W.Module);
  const inst = await W.instantiate(m);
  assert.ok(inst instanceof W.Instance);
  assert.is((inst.exports as any).add(20, 22), 42);
  const both = await W.instantiate(wasm(ADD));
  assert.equal(Object.keys(both).sort(), ['instance', 'module']);
  assert.ok(both.module instanceof W.Module);
  assert.ok(both.instance instanceof W.Instance);
  await rejectsA(W.compile(BAD_VERSION), W.CompileError);
  await rejectsA(W.compile(5 as any), TypeError);
  await rejectsA(W.instantiate(5 as any), TypeError, 'buffer source or a WebAssembly.Module');
  await rejectsA(W.instantiate(BAD_VERSION), W.CompileError);
  await rejectsA(W.instantiate(wasm('(module (import "m" "f" (func)))')), TypeError);
  await rejectsA(W.instantiate(wasm('(module (import "m" "f" (func)))'), { m: { f: 3 } }), W.LinkError);
  await rejectsA(W.instantiate(wasm('(module (func unreachable) (start 0))')), W.RuntimeError);
});

test('compileStreaming and instantiateStreaming: Response or a promise of one', async () => {
  const ok = (body: Uint8Array, type = 'application/wasm', status = 200) =>
    new Response(body as Uint8Array<ArrayBuffer>, { status, headers: { 'Content-Type': type } });
  const m = await W.compileStreaming(ok(wasm(ADD)));
  assert.ok(m instanceof W.Module);
  const r = await W.instantiateStreaming(Promise.resolve(ok(wasm(ADD))));
  assert.is((r.instance.exports as any).add(1, 1), 2);
  await rejectsA(W.compileStreaming(ok(wasm(ADD), 'text/plain')), TypeError, 'MIME');
  await rejectsA(W.compileStreaming(ok(wasm(ADD), 'application/wasm', 404)), TypeError);
  await rejectsA(W.compileStreaming(wasm(ADD) as any), TypeError);
  await rejectsA(W.compileStreaming(ok(BAD_VERSION)), W.CompileError);
  const used = ok(wasm(ADD));
  await used.arrayBuffer();
  await rejectsA(W.compileStreaming(used), TypeError);
});

test('error classes: real Error subclasses, callable like NativeError', () => {
  for (const [C, name] of [[W.CompileError, 'CompileError'], [W.LinkError, 'LinkError'], [W.RuntimeError, 'RuntimeError']] as const) {
    assert.is(C.name, name);
    assert.is(Object.getPrototypeOf(C), Error);
    assert.is(Object.getPrototypeOf(C.prototype), Error.prototype);
    assert.is(C.prototype.name, name);
    const e = new C('msg');
    assert.ok(e instanceof C && e instanceof Error);
    assert.is(e.message, 'msg');
    assert.is(String(e), `${name}: msg`);
    assert.ok(typeof e.stack === 'string' && e.stack.startsWith(`${name}: msg`));
    assert.is(Object.prototype.toString.call(e), '[object Error]');
    const f = C('no new');
    assert.ok(f instanceof C);
    assert.is(new C('x', { cause: 1 }).cause, 1);
  }
  assert.is(W.CompileError === W.LinkError, false);
  assert.ok(!(new W.CompileError() instanceof W.RuntimeError));
});

test('traps: RuntimeError with the spec message and wasm frames in the stack', () => {
  const ex = exportsOf(`(module
    (func $inner (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
    (func (export "outer") (result i32) i32.const 1 i32.const 0 call $inner)
    (func (export "oob") (result i32) i32.const 70000 i32.load)
    (memory 1)
    (func (export "unreachable") unreachable))`);
  const e = throwsA(() => ex.outer(), W.RuntimeError);
  assert.is(e.message, 'integer divide by zero');
  assert.ok(e.stack.includes('(wasm)'), e.stack);
  throwsA(() => ex.div(-2147483648, -1), W.RuntimeError, 'integer overflow');
  throwsA(() => ex.oob(), W.RuntimeError, 'out of bounds memory access');
  throwsA(() => ex.unreachable(), W.RuntimeError, 'unreachable');
  assert.is(ex.div(7, 2), 3); // the context is usable after a trap
});

test('stack exhaustion is a RangeError, and the engine recovers', () => {
  const ex = exportsOf('(module (func $r (export "r") (param i32) (result i32) local.get 0 call $r) (func (export "ok") (result i32) i32.const 1))');
  throwsA(() => ex.r(0), RangeError);
  assert.is(ex.ok(), 1);
});

test.run();

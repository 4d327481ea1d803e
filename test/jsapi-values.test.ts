// JS API tests: value conversion at the boundary (ToInt32, BigInt i64 at the edges, f32/f64, externref,
// funcref identity), Exported Function name/length, multi-value, JS exceptions passing through wasm
// frames unchanged, and re-entrancy (1,000 JS ↔ wasm alternations).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { W, exportsOf, throwsA } from './jsapi-util.js';

const ID = exportsOf(`(module
  (func (export "i32") (param i32) (result i32) local.get 0)
  (func (export "i64") (param i64) (result i64) local.get 0)
  (func (export "f32") (param f32) (result f32) local.get 0)
  (func (export "f64") (param f64) (result f64) local.get 0)
  (func (export "ext") (param externref) (result externref) local.get 0)
  (func (export "isnull") (param externref) (result i32) local.get 0 ref.is_null)
  (func (export "fn") (param funcref) (result funcref) local.get 0)
  (func (export "i64hi") (param i64) (result i32) local.get 0 i64.const 32 i64.shr_u i32.wrap_i64)
  (func (export "i64add") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
  (func (export "none")))`);

test('i32: ToInt32', () => {
  assert.is(ID.i32(5), 5);
  assert.is(ID.i32(2 ** 32 + 5), 5);
  assert.is(ID.i32(2 ** 31), -(2 ** 31));
  assert.is(ID.i32(-1.9), -1);
  assert.is(ID.i32(3.99), 3);
  assert.is(ID.i32(NaN), 0);
  assert.is(ID.i32(Infinity), 0);
  assert.is(ID.i32('12'), 12);
  assert.is(ID.i32(true), 1);
  assert.is(ID.i32(undefined), 0);
  assert.is(ID.i32(), 0); // missing arguments are undefined
  assert.is(ID.i32({ valueOf: () => 9 }), 9);
  throwsA(() => ID.i32(1n), TypeError);
  throwsA(() => ID.i32(Symbol('s')), TypeError);
});

test('i64: BigInt at the edges', () => {
  const max = 2n ** 63n - 1n, min = -(2n ** 63n);
  assert.is(ID.i64(0n), 0n);
  assert.is(ID.i64(max), max);
  assert.is(ID.i64(min), min);
  assert.is(ID.i64(-1n), -1n);
  assert.is(ID.i64(2n ** 63n), min); // wraps (ToBigInt64)
  assert.is(ID.i64(2n ** 64n), 0n);
  assert.is(ID.i64(2n ** 64n + 5n), 5n);
  assert.is(ID.i64(-(2n ** 64n) - 1n), -1n);
  assert.is(ID.i64hi(0x1234567800000000n), 0x12345678);
  assert.is(ID.i64hi(-1n), -1);
  assert.is(ID.i64add(max, 1n), min);
  assert.is(ID.i64('77'), 77n); // ToBigInt of a string
  assert.is(ID.i64(true), 1n);
  throwsA(() => ID.i64(1), TypeError);
  throwsA(() => ID.i64(undefined), TypeError);
  throwsA(() => ID.i64('x'), SyntaxError);
  const g = new W.Global({ value: 'i64', mutable: true }, max);
  assert.is(g.value, max);
  g.value = min;
  assert.is(g.value, min);
  throwsA(() => { g.value = 1; }, TypeError);
  assert.is(new W.Global({ value: 'i64' }).value, 0n);
});

test('i64 across host imports', () => {
  const seen: unknown[] = [];
  const ex = exportsOf(`(module (import "m" "f" (func $f (param i64) (result i64)))
    (func (export "run") (param i64) (result i64) local.get 0 call $f))`,
  { m: { f: (x: bigint) => { seen.push(x); return x * 2n; } } });
  assert.is(ex.run(-(2n ** 63n)), 0n);
  assert.is(ex.run(2n ** 62n), -(2n ** 63n));
  assert.equal(seen, [-(2n ** 63n), 2n ** 62n]);
  const bad = exportsOf(`(module (import "m" "f" (func $f (result i64))) (func (export "run") (result i64) call $f))`,
    { m: { f: () => 1 } });
  throwsA(() => bad.run(), TypeError);
});

test('f32 and f64', () => {
  assert.is(ID.f32(0.1), Math.fround(0.1));
  assert.is(ID.f32(1e40), Infinity);
  assert.ok(Object.is(ID.f32(-0), -0));
  assert.ok(Number.isNaN(ID.f32(NaN)));
  assert.is(ID.f64(0.1), 0.1);
  assert.is(ID.f64(Number.MAX_VALUE), Number.MAX_VALUE);
  assert.is(ID.f64(5e-324), 5e-324);
  assert.ok(Object.is(ID.f64(-0), -0));
  assert.ok(Number.isNaN(ID.f64(NaN)));
  assert.ok(Number.isNaN(ID.f64(undefined)));
  assert.is(ID.f64('2.5'), 2.5);
  throwsA(() => ID.f64(1n), TypeError);
  assert.is(new W.Global({ value: 'f32' }, 1.1).value, Math.fround(1.1));
});

test('externref: any JS value, undefined distinct from null', () => {
  const o = {}, s = Symbol('x'), f = () => 1;
  for (const v of [o, s, f, 0, -0, 'str', 1n, true, undefined, null, NaN]) assert.ok(Object.is(ID.ext(v), v), String(v));
  assert.is(ID.isnull(null), 1);
  assert.is(ID.isnull(undefined), 0);
  assert.is(ID.isnull(0), 0);
  const t = new W.Table({ element: 'externref', initial: 2 });
  assert.is(t.get(0), undefined);
  t.set(1, o);
  assert.is(t.get(1), o);
  t.set(1, null);
  assert.is(t.get(1), null);
  const g = new W.Global({ value: 'externref', mutable: true }, s);
  assert.is(g.value, s);
  assert.is(new W.Global({ value: 'externref' }).value, undefined);
});

test('funcref: exported functions round-trip to the same object', () => {
  const ex = exportsOf(`(module
    (func $a (export "a") (param i32 i32) (result i32) local.get 0)
    (func $b (result f64) f64.const 1)
    (table (export "t") 2 funcref) (elem (i32.const 0) $a $b)
    (func (export "getb") (result funcref) i32.const 1 table.get 0)
    (func (export "id") (param funcref) (result funcref) local.get 0))`);
  assert.is(ex.t.get(0), ex.a);
  assert.is(ex.id(ex.a), ex.a);
  assert.is(ex.getb(), ex.t.get(1));
  assert.is(ex.id(null), null);
  assert.is(ID.fn(ex.a), ex.a); // through another instance
  throwsA(() => ID.fn(() => 1), TypeError);
  throwsA(() => ex.t.set(0, function () { return 1; }), TypeError);
  throwsA(() => ID.fn(undefined), TypeError);
  // name is the function index, length the parameter count; not a constructor.
  assert.is(ex.a.name, '0');
  assert.is(ex.a.length, 2);
  assert.is(ex.getb().name, '1');
  assert.is(ex.getb().length, 0);
  assert.ok(!('prototype' in ex.a));
  throwsA(() => new ex.a(), TypeError);
  assert.is(ex.getb()(), 1);
});

test('imported JS functions: re-exported as a new Exported Function; an Exported Function keeps its identity', () => {
  const js = (x: number) => x + 1;
  const ex = exportsOf('(module (import "m" "f" (func $f (param i32) (result i32))) (export "f" (func $f)))', { m: { f: js } });
  assert.is.not(ex.f, js);
  assert.is(ex.f(1), 2);
  assert.is(ex.f.name, '0');
  assert.is(ex.f.length, 1);
  const ex2 = exportsOf('(module (import "m" "f" (func $f (param i32) (result i32))) (export "g" (func $f)))', { m: { f: ex.f } });
  assert.is(ex2.g, ex.f);
  const ex3 = exportsOf('(module (import "m" "f" (func $f (param i32) (result i32))) (export "g" (func $f)))', { m: { f: ID.i32 } });
  assert.is(ex3.g, ID.i32);
});

test('multi-value: arrays out, iterables in', () => {
  const ex = exportsOf(`(module
    (import "m" "pair" (func $pair (param i32) (result i32 i64)))
    (func (export "two") (result i32 f64) i32.const 1 f64.const 2.5)
    (func (export "via") (param i32) (result i32 i64) local.get 0 call $pair))`,
  { m: { pair: function* (x: number) { yield x; yield BigInt(x) * 10n; } } });
  assert.equal(ex.two(), [1, 2.5]);
  assert.ok(Array.isArray(ex.two()));
  assert.equal(ex.via(4), [4, 40n]);
  const short = exportsOf(`(module (import "m" "p" (func $p (result i32 i32))) (func (export "run") (result i32 i32) call $p))`,
    { m: { p: () => [1] } });
  throwsA(() => short.run(), TypeError);
  const notIter = exportsOf(`(module (import "m" "p" (func $p (result i32 i32))) (func (export "run") (result i32 i32) call $p))`,
    { m: { p: () => 5 } });
  throwsA(() => notIter.run(), TypeError);
  assert.is(ID.none(), undefined);
});

test('host functions: this is undefined, arguments converted, results ignored when none', () => {
  let self: unknown = 'unset', got: unknown[] = [];
  const ex = exportsOf(`(module (import "m" "f" (func $f (param i32 f32 f64 externref)))
    (func (export "run") (param externref) i32.const -1 f32.const 0.5 f64.const -2.25 local.get 0 call $f))`,
  { m: { f: function (this: unknown, ...args: unknown[]) { self = this; got = args; return 'ignored'; } } });
  const o = {};
  assert.is(ex.run(o), undefined);
  assert.is(self, undefined);
  assert.equal(got, [-1, 0.5, -2.25, o]);
  assert.is(got[3], o);
});

test('JS exceptions pass through wasm frames unchanged', () => {
  const thrown = new Error('boom');
  const token = { token: true };
  let what: unknown = thrown;
  const ex = exportsOf(`(module (import "m" "f" (func $f))
    (func $mid call $f) (func (export "run") call $mid))`, { m: { f: () => { throw what; } } });
  for (const v of [thrown, token, 42, undefined, new W.RuntimeError('mine'), new RangeError('js range')]) {
    what = v;
    let caught: unknown = 'nothing';
    try { ex.run(); } catch (e) { caught = e; }
    assert.is(caught, v);
  }
});

/** A module whose export `wasm(n)` calls the import `js(n)`, which calls back into `wasm(n - 1)`. */
const PING_PONG = `(module (import "m" "js" (func $js (param i32) (result i32)))
  (func (export "wasm") (param i32) (result i32) local.get 0 call $js i32.const 1 i32.add)
  (func (export "trap") unreachable))`;

test('re-entrancy: JS ↔ wasm alternations; exceptions and traps unwind them', () => {
  let ex: any;
  ex = exportsOf(PING_PONG, { m: { js: (n: number) => (n === 0 ? 0 : ex.wasm(n - 1) + 1) } });
  assert.is(ex.wasm(400), 801);
  // An exception thrown at the bottom unwinds all of it unchanged, a trap arrives as RuntimeError.
  const marker = new Error('deep');
  let depth = 0, trapAtBottom = false;
  let ex2: any;
  ex2 = exportsOf(PING_PONG, { m: { js: (n: number) => {
    depth++;
    if (n > 0) return ex2.wasm(n - 1);
    if (trapAtBottom) ex2.trap();
    throw marker;
  } } });
  let caught: unknown;
  try { ex2.wasm(300); } catch (e) { caught = e; }
  assert.is(caught, marker);
  assert.is(depth, 301);
  trapAtBottom = true;
  throwsA(() => ex2.wasm(299), W.RuntimeError, 'unreachable');
  assert.is(ex.wasm(10), 21); // usable afterwards
});

test('re-entrancy: 1,000 alternations in this process, on the default JS stack', () => {
  // While JS runs, the engine keeps one small frame on the JS stack per alternation (Context.invoke;
  // the interpreter loop has returned), so Node's default 984 KB stack holds well over 1,000.
  let ex: any;
  ex = exportsOf(PING_PONG, { m: { js: (n: number) => (n === 0 ? 0 : ex.wasm(n - 1) + 1) } });
  assert.is(ex.wasm(1000), 2001);
  const marker = new Error('deep');
  let ex2: any;
  ex2 = exportsOf(PING_PONG, { m: { js: (n: number) => { if (n === 0) throw marker; return ex2.wasm(n - 1); } } });
  let caught: unknown;
  try { ex2.wasm(1000); } catch (e) { caught = e; }
  assert.is(caught, marker);
  throwsA(() => ex2.wasm(-1 >>> 1), RangeError); // far too deep: a RangeError, as in V8
  assert.is(ex.wasm(10), 21);
});

test.run();

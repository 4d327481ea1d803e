// What a raw host function returns is checked against its result types (exec/host.ts, exec/values.ts
// writeRawChecked): a value that is not a raw value of its type is a TypeError naming the function,
// the result, the type and the value, whether wasm code called it or the host called it directly.
// Also: Context.run(fuel) refuses fuel that is not a positive number.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BLOCK, Context, FuncInst, Status, callFunc, compile, createContext, fromRaw, hostFunction, instantiate, invoke,
  startContext, toRaw, type Instance,
} from '../interpreter/index.js';
import { exportsOf } from './jsapi-util.js';

/** The error fn throws, which must be a TypeError whose message has every part. */
function typeErrorOf(fn: () => unknown, ...parts: (string | RegExp)[]): TypeError {
  let err: unknown;
  try { fn(); } catch (e) { err = e; }
  if (err === undefined) assert.unreachable('expected a TypeError');
  assert.instance(err, TypeError, `expected a TypeError, got ${String(err)}`);
  const msg = (err as Error).message;
  for (const p of parts) {
    assert.ok(typeof p === 'string' ? msg.includes(p) : p.test(msg), `message "${msg}" lacks ${String(p)}`);
  }
  return err as TypeError;
}

/**
 * An instance importing env.h of type () -> (results…), with "call" calling it and returning what it
 * returned, and "h" re-exporting it. `value()` gives what h returns at each call.
 */
function withHost(results: string[], value: () => unknown, name = 'test.h'): { inst: Instance; h: FuncInst } {
  const h = hostFunction({ params: [], results }, () => value(), name);
  const rs = results.join(' ');
  const inst = instantiate(compile(`(module
    (import "env" "pad" (func $pad))
    (import "env" "h" (func $h (result ${rs})))
    (func (export "call") (result ${rs}) (call $h))
    (export "h" (func $h)))`), { env: { pad: hostFunction({ params: [], results: [] }, () => undefined), h } });
  return { inst, h };
}

/** What "call" (from wasm) and a direct call of h give when h returns v, or the TypeErrors they throw. */
function bothWays(type: string, v: unknown, ...parts: (string | RegExp)[]): void {
  const { inst, h } = withHost([type], () => v);
  typeErrorOf(() => invoke(inst, 'call'), ...parts, 'function 1, import "env" "h"');
  typeErrorOf(() => callFunc(h, []), ...parts);
}

test('i32 result: strings, non-integers, NaN, booleans, undefined, arrays, out-of-range values are TypeErrors', () => {
  bothWays('i32', 'abc', 'host function test.h', 'the string "abc"', 'result 0 of 1 (i32)', 'integer number');
  bothWays('i32', 1.5, 'the number 1.5', '(i32)');
  bothWays('i32', NaN, 'the number NaN');
  bothWays('i32', Infinity, 'the number Infinity');
  bothWays('i32', 2 ** 32, 'the number 4294967296');
  bothWays('i32', -(2 ** 31) - 1, 'the number -2147483649');
  bothWays('i32', 2n ** 32n, 'the bigint 4294967296n');
  bothWays('i32', -(2n ** 31n) - 1n, 'the bigint -2147483649n');
  bothWays('i32', true, 'returned true as result 0');
  bothWays('i32', undefined, 'returned undefined');
  bothWays('i32', [5], 'an array of 1');
  bothWays('i32', null, 'returned null');
});

test('i32 result: int32 and uint32 numbers and bigints are taken modulo 2^32', () => {
  for (const [v, want] of [[7, 7], [-1, -1], [0xffffffff, -1], [2 ** 31, -(2 ** 31)], [-0, 0], [-1n, -1], [0xfffffffen, -2]] as const) {
    const { inst, h } = withHost(['i32'], () => v);
    assert.equal(invoke(inst, 'call'), [want], `from wasm: ${String(v)}`);
    assert.equal(callFunc(h, []), [want], `direct: ${String(v)}`);
  }
});

test('i64 result: a number (not the raw form), a non-bigint or an out-of-range bigint is a TypeError', () => {
  bothWays('i64', 5, 'the number 5', '(i64)', 'bigint');
  bothWays('i64', '5', 'the string "5"');
  bothWays('i64', 2n ** 64n, 'the bigint 18446744073709551616n');
  bothWays('i64', -(2n ** 63n) - 1n, 'the bigint -9223372036854775809n');
  for (const [v, want] of [[5n, 5n], [-(2n ** 63n), -(2n ** 63n)], [2n ** 64n - 1n, -1n], [2n ** 63n, -(2n ** 63n)]] as const) {
    const { inst, h } = withHost(['i64'], () => v);
    assert.equal(invoke(inst, 'call'), [want]);
    assert.equal(callFunc(h, []), [want]);
  }
});

test('f32 result: only the uint32 bit pattern (a number that is not an integer is a TypeError)', () => {
  bothWays('f32', 1.5, 'the number 1.5', '(f32)', 'f32 bit pattern');
  bothWays('f32', 'x', 'the string "x"');
  const bits = toRaw('f32', 1.5) as number;
  const { inst } = withHost(['f32'], () => bits);
  assert.is(fromRaw('f32', invoke(inst, 'call')[0]), 1.5);
  // A signed view of the same bits is the same value.
  const neg = withHost(['f32'], () => (toRaw('f32', -2) as number) | 0);
  assert.is(fromRaw('f32', invoke(neg.inst, 'call')[0]), -2);
  assert.is(fromRaw('f32', callFunc(neg.h, [])[0]), -2);
});

test('f64 result: only the uint64 bit pattern as a bigint (a plain number is a TypeError)', () => {
  bothWays('f64', 1.5, 'the number 1.5', '(f64)', 'f64 bit pattern');
  bothWays('f64', 0, 'the number 0');
  bothWays('f64', 2n ** 64n, 'the bigint 18446744073709551616n');
  const { inst, h } = withHost(['f64'], () => toRaw('f64', -0.25));
  assert.is(fromRaw('f64', invoke(inst, 'call')[0]), -0.25);
  assert.is(fromRaw('f64', callFunc(h, [])[0]), -0.25);
  // A NaN payload survives (the raw form is the bits).
  const nan = 0x7ff4000000000001n;
  assert.is(invoke(withHost(['f64'], () => nan).inst, 'call')[0], nan);
});

test('funcref result: null, undefined (as null) or a FuncInst; anything else is a TypeError', () => {
  bothWays('funcref', {}, 'returned [object Object]', '(funcref)', 'FuncInst');
  bothWays('funcref', () => 1, 'a JS function');
  bothWays('funcref', 0, 'the number 0');
  const f = hostFunction({ params: [], results: [] }, () => undefined);
  for (const [v, want] of [[null, null], [undefined, null], [f, f]] as const) {
    const { inst, h } = withHost(['funcref'], () => v);
    assert.is(invoke(inst, 'call')[0], want);
    assert.is(callFunc(h, [])[0], want);
  }
});

test('externref result: any value, unchanged', () => {
  const o = { x: 1 };
  for (const v of [o, 'str', 1.5, undefined, null, 10n]) {
    const { inst, h } = withHost(['externref'], () => v);
    assert.is(invoke(inst, 'call')[0], v);
    assert.is(callFunc(h, [])[0], v);
  }
});

test('multi-value results: exactly n values in an array, each checked', () => {
  const types = ['i32', 'i64', 'f64'];
  const good = [1, 2n, toRaw('f64', 3)];
  let r: unknown = good;
  const { inst, h } = withHost(types, () => r);
  assert.equal(invoke(inst, 'call'), good);
  assert.equal(callFunc(h, []), good);
  for (const [v, part] of [
    [[1, 2n], 'must return 3 results, got an array of 2'],
    [[1, 2n, toRaw('f64', 3), 4], 'must return 3 results, got an array of 4'],
    [5, 'must return an array of 3 results, got the number 5'],
    [undefined, 'must return an array of 3 results, got undefined'],
    [[1, 2, toRaw('f64', 3)], 'returned the number 2 as result 1 of 3 (i64)'],
    [[1, 2n, 3.5], 'returned the number 3.5 as result 2 of 3 (f64)'],
  ] as const) {
    r = v;
    typeErrorOf(() => invoke(inst, 'call'), part, 'host function test.h');
    typeErrorOf(() => callFunc(h, []), part);
  }
  r = good;
  assert.equal(invoke(inst, 'call'), good, 'the instance still works');
});

test('no results: whatever the host function returns is ignored', () => {
  const h = hostFunction({ params: [], results: [] }, () => 'ignored' as unknown);
  const inst = instantiate(compile('(module (import "env" "h" (func $h)) (func (export "f") (result i32) (call $h) (i32.const 3)))'), { env: { h } });
  assert.equal(invoke(inst, 'f'), [3]);
  assert.equal(callFunc(h, []), []);
});

test('a bad result on a context driven by run() traps the run with the TypeError; BLOCK is still fine', () => {
  let ready = false;
  const { inst } = withHost(['i32'], () => (ready ? 'late' : BLOCK));
  const ctx = startContext(inst.exports.get('call') as FuncInst, []);
  assert.is(ctx.run(1000), Status.Blocked);
  ready = true;
  assert.is(ctx.run(1000), Status.Trapped);
  assert.instance(ctx.error, TypeError);
  assert.match(String((ctx.error as Error).message), 'host function test.h (function 1, import "env" "h") returned the string "late"');
  // A host function started directly.
  const hctx = startContext(withHost(['i64'], () => 1).h, []);
  assert.is(hctx.run(10), Status.Trapped);
  assert.match(String((hctx.error as Error).message), 'returned the number 1 as result 0 of 1 (i64)');
  const ok = startContext(withHost(['i32'], () => 0xffffffff).h, []);
  assert.is(ok.run(10), Status.Done);
  assert.equal(ok.results, [-1]);
});

test('nested: a bad result inside a host -> wasm -> host chain reaches the outer caller', () => {
  let inst!: Instance;
  const inner = hostFunction({ params: ['i32'], results: ['i32'] }, ([x]) => ((x as number) > 0 ? 'bad' : 1), 'inner');
  const outer = hostFunction({ params: ['i32'], results: ['i32'] }, ([x], call) =>
    (call.context as Context).invoke(inst.exports.get('in') as FuncInst, [x])[0], 'outer');
  inst = instantiate(compile(`(module
    (import "env" "inner" (func $inner (param i32) (result i32)))
    (import "env" "outer" (func $outer (param i32) (result i32)))
    (func (export "in") (param i32) (result i32) (call $inner (local.get 0)))
    (func (export "out") (param i32) (result i32) (call $outer (local.get 0))))`), { env: { inner, outer } });
  assert.equal(invoke(inst, 'out', [0]), [1]);
  typeErrorOf(() => invoke(inst, 'out', [1]), 'host function inner (function 0, import "env" "inner") returned the string "bad"');
  assert.equal(invoke(inst, 'out', [0]), [1], 'the context is usable afterwards');
});

test('the JS API still converts what a JS function returns (ToInt32, ToNumber) before the engine checks it', () => {
  const ex = exportsOf(`(module
    (import "m" "i" (func $i (result i32))) (import "m" "d" (func $d (result f64)))
    (func (export "i") (result i32) (call $i)) (func (export "d") (result f64) (call $d)))`,
  { m: { i: () => 'abc', d: () => '2.5' } });
  assert.is(ex.i(), 0);
  assert.is(ex.d(), 2.5);
});

// ---- Context.run(fuel) ----

function loopContext(): Context {
  const inst = instantiate(compile(`(module (func (export "f") (param i32) (result i32)
    (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1))))) (i32.const 42)))`));
  return startContext(inst.exports.get('f') as FuncInst, [100]);
}

test('run(fuel): non-numbers are TypeErrors, NaN and fuel of 0 or less RangeErrors, before anything runs', () => {
  const ctx = loopContext();
  for (const bad of ['10', undefined, null, 10n, {}]) {
    let err: unknown;
    try { ctx.run(bad as unknown as number); } catch (e) { err = e; }
    assert.instance(err, TypeError, `fuel ${String(bad)}`);
    assert.match((err as Error).message, 'Context.run: fuel must be a number');
  }
  for (const bad of [-1, NaN, 0, -0, -Infinity, -0.5]) {
    let err: unknown;
    try { ctx.run(bad); } catch (e) { err = e; }
    assert.instance(err, RangeError, `fuel ${bad}`);
    assert.match((err as Error).message, `Context.run: fuel must be a positive number or Infinity, got ${bad}`);
  }
  assert.is(ctx.status, Status.Ready, 'the refused calls left the context as it was');
  assert.is(ctx.run(Infinity), Status.Done);
  assert.equal(ctx.results, [42]);
  // Checked even when there is nothing left to run.
  assert.throws(() => ctx.run(-1), RangeError);
  assert.is(ctx.run(1), Status.Done);
});

test('run(fuel): small and fractional fuel still makes progress', () => {
  const ctx = loopContext();
  let slices = 0;
  while (ctx.run(0.5) === Status.Yielded) slices++;
  assert.is(ctx.status, Status.Done);
  assert.equal(ctx.results, [42]);
  assert.ok(slices >= 50, `${slices} slices`);
  const c2 = createContext();
  assert.throws(() => c2.run(NaN), RangeError, 'a fresh context validates too');
});


test('Context.invoke and start check the arguments: count and type, with the function named', () => {
  const inst = instantiate(compile(`(module
    (func (export "add") (param i32 i64) (result i64) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1))))`));
  const add = inst.exports.get('add') as FuncInst;
  const ctx = new Context();
  assert.equal(ctx.invoke(add, [2, 40n]), [42n]);
  assert.equal(ctx.invoke(add, [2, 40]), [42n]); // an integral number is taken for an i64
  assert.equal(ctx.invoke(add, [(1n << 40n) + 2n, 40n]), [42n]); // a bigint i32 modulo 2^32, as rawArgs takes it
  assert.throws(() => ctx.invoke(add, [2]), (e: unknown) => e instanceof TypeError && /expected 2 argument\(s\), got 1/.test((e as Error).message));
  assert.throws(() => ctx.invoke(add, ['2', 40n]), (e: unknown) => e instanceof TypeError && /argument 0 \(i32\)/.test((e as Error).message));
  assert.throws(() => ctx.invoke(add, [2, 1.5]), (e: unknown) => e instanceof TypeError && /argument 1 \(i64\)/.test((e as Error).message));
  assert.throws(() => ctx.start(add, [1, 2n, 3]), TypeError);
  assert.equal(ctx.invoke(add, [-1, 1n]), [0n]); // usable afterwards
});

test.run();

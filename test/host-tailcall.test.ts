// A host function that answers TailCall(func, args): the wasm function runs in the host call's place,
// as a normal call of the calling code (it may block and be resumed, trap with the caller in the
// stack trace, nest); its results are the host call's. Misuse is a TypeError naming the function.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BLOCK, Context, FuncInst, RuntimeError, Status, TailCall, compile, hostFunction, instantiate, invoke, type Instance,
} from '../interpreter/index.js';

function load(handlers: { run?: (args: unknown[]) => unknown; wait?: () => unknown }): Instance {
  let inst!: Instance;
  const run = hostFunction({ params: ['i32', 'i32'], results: ['i32'] }, (args) =>
    handlers.run ? handlers.run(args) : new TailCall(inst.exports.get('body') as FuncInst, [args[0], args[1]]), 'run');
  const wait = hostFunction({ params: [], results: ['i32'] }, () => (handlers.wait ? handlers.wait() : 0), 'wait');
  inst = instantiate(compile(`(module
    (import "h" "run" (func $run (param i32 i32) (result i32)))
    (import "h" "wait" (func $wait (result i32)))
    (func $body (export "body") (param i32 i32) (result i32)
      (i32.add (i32.mul (local.get 0) (i32.const 10)) (i32.add (local.get 1) (call $wait))))
    (func $trapper (export "trapper") (param i32 i32) (result i32) (unreachable))
    (func (export "f64") (param i32 i32) (result f64) (f64.const 1))
    (func $main (export "main") (param i32) (result i32) (local $k i32)
      ;; 100 + run(x, 7) + 1000: the call's results land where the caller expects them, and the
      ;; caller's locals are intact afterwards
      (local.set $k (i32.const 100))
      (i32.add (i32.add (local.get $k) (call $run (local.get 0) (i32.const 7))) (i32.const 1000))))`),
  { h: { run, wait } });
  return inst;
}

test('the wasm function runs in the host call\'s place; its results are the call\'s', () => {
  const inst = load({});
  assert.equal(invoke(inst, 'main', [4]), [100 + 47 + 1000]);
  const ctx = new Context();
  ctx.start(inst.exports.get('main') as FuncInst, [5]);
  assert.is(ctx.run(1e6), Status.Done);
  assert.equal(ctx.results, [100 + 57 + 1000]);
});

test('the callee may block (a nested synchronous call could not) and is resumed where it stopped', () => {
  let blocked = 0;
  const inst = load({ wait: () => (blocked++ < 3 ? BLOCK : 5) });
  const ctx = new Context();
  ctx.start(inst.exports.get('main') as FuncInst, [2]);
  for (let i = 0; i < 3; i++) assert.is(ctx.run(1e6), Status.Blocked);
  assert.is(ctx.run(1e6), Status.Done);
  assert.equal(ctx.results, [100 + (20 + 7 + 5) + 1000]);
  assert.is(blocked, 4);
});

test('a trap in the callee shows the caller in the wasm stack', () => {
  let inst!: Instance;
  inst = load({ run: (args) => new TailCall(inst.exports.get('trapper') as FuncInst, [args[0], args[1]]) });
  const ctx = new Context();
  ctx.start(inst.exports.get('main') as FuncInst, [1]);
  assert.is(ctx.run(1e6), Status.Trapped);
  const e = ctx.error as RuntimeError;
  assert.instance(e, RuntimeError);
  assert.match(e.message, /unreachable/);
  assert.equal(e.wasmStack.map((f) => f.replace(/@.*/, '')), ['trapper', 'main']);
});

test('misuse: results that differ, a host function as the target, a wrong argument count', () => {
  let inst!: Instance;
  let target = (): TailCall => new TailCall(inst.exports.get('f64') as FuncInst, [1, 2]);
  inst = load({ run: () => target() });
  assert.throws(() => invoke(inst, 'main', [1]), (e: unknown) => e instanceof TypeError && /TailCall to f64, whose results \(f64\) are not the host function's \(i32\)/.test((e as Error).message));
  target = () => new TailCall(hostFunction({ params: ['i32', 'i32'], results: ['i32'] }, () => 0, 'other'), [1, 2]);
  assert.throws(() => invoke(inst, 'main', [1]), (e: unknown) => e instanceof TypeError && /must name a wasm function/.test((e as Error).message));
  target = () => new TailCall(inst.exports.get('body') as FuncInst, [1]);
  assert.throws(() => invoke(inst, 'main', [1]), (e: unknown) => e instanceof TypeError && /expected 2 argument/.test((e as Error).message));
});

test('a host function with no results may hand over to a callee that has some: they are dropped', () => {
  let inst!: Instance;
  let ran = 0;
  const go = hostFunction({ params: ['i32'], results: [] }, (args) => {
    ran++;
    return new TailCall(inst.exports.get('work') as FuncInst, [args[0]]);
  }, 'go');
  inst = instantiate(compile(`(module
    (import "h" "go" (func $go (param i32)))
    (global $g (mut i32) (i32.const 0))
    (func $work (export "work") (param i32) (result i32 i64)
      (global.set $g (i32.add (global.get $g) (local.get 0))) (i32.const -1) (i64.const -1))
    (func (export "main") (result i32) (local $keep i32)
      (local.set $keep (i32.const 5))
      (call $go (i32.const 3)) (call $go (i32.const 4))
      (i32.add (local.get $keep) (global.get $g))))`), { h: { go } });
  assert.equal(invoke(inst, 'main', []), [5 + 7]);
  assert.is(ran, 2);
});

test.run();

// Tests for instantiation, linking, segment initialisation, start functions, exports, raw value
// conversions, host functions (nested calls, BLOCK) and contexts driven by run(fuel).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compile, instantiate, invoke, getExport, getFunc, getMemory, hostFunction, createGlobal, createTable,
  createMemory, getGlobalValue, setGlobalValue, readMemory, writeMemory, readString, toRaw, fromRaw,
  startContext, createContext, evalConstExpr, Context, Status, BLOCK, LinkError, RuntimeError,
  FuncInst, Memory, Table, Global, Instance, type Imports, type HostCall,
} from '../interpreter/index.js';

function linkFails(wat: string, imports: Imports | undefined, reason: string): void {
  const m = compile(wat);
  try {
    instantiate(m, imports);
  } catch (e) {
    assert.instance(e, LinkError);
    assert.is((e as LinkError).reason, reason);
    return;
  }
  assert.unreachable(`expected LinkError "${reason}"`);
}

function traps(fn: () => unknown, reason: string): void {
  try {
    fn();
  } catch (e) {
    assert.instance(e, RuntimeError, String(e));
    assert.is((e as RuntimeError).reason, reason);
    return;
  }
  assert.unreachable(`expected trap "${reason}"`);
}

const nop = (): undefined => undefined;

// ---- linking ----

test('unknown import: missing module, missing field, resolver function', () => {
  linkFails('(module (import "env" "f" (func)))', undefined, 'unknown import');
  linkFails('(module (import "env" "f" (func)))', { other: {} }, 'unknown import');
  linkFails('(module (import "env" "f" (func)))', { env: { g: hostFunction({ params: [], results: [] }, nop) } }, 'unknown import');
  linkFails('(module (import "env" "f" (func)))', () => undefined, 'unknown import');
  // Prototype properties are not imports.
  linkFails('(module (import "env" "toString" (func)))', { env: {} }, 'unknown import');
  const f = hostFunction({ params: [], results: [] }, nop);
  const inst = instantiate(compile('(module (import "env" "f" (func)))'), (mod, name) => (mod === 'env' && name === 'f' ? f : undefined));
  assert.is(inst.funcs[0], f);
});

test('imports are resolved in order: the first failing import decides the error', () => {
  const wat = '(module (import "env" "f" (func (param i32))) (import "env" "missing" (func)))';
  linkFails(wat, { env: { f: hostFunction({ params: ['i64'], results: [] }, nop) } }, 'incompatible import type');
  linkFails(wat, { env: { f: hostFunction({ params: ['i32'], results: [] }, nop) } }, 'unknown import');
});

test('function imports: structural type equality', () => {
  const wat = '(module (import "env" "f" (func (param i32 f64) (result i64))))';
  const ok = hostFunction({ params: ['i32', 'f64'], results: ['i64'] }, () => 0n);
  instantiate(compile(wat), { env: { f: ok } });
  for (const t of [
    { params: ['i32'], results: ['i64'] },
    { params: ['i32', 'f64'], results: [] },
    { params: ['i32', 'f32'], results: ['i64'] },
    { params: ['i32', 'f64'], results: ['i64', 'i64'] },
  ]) linkFails(wat, { env: { f: hostFunction(t, nop) } }, 'incompatible import type');
  // Wrong kind.
  linkFails(wat, { env: { f: createMemory(1) as never } }, 'incompatible import type');
  linkFails(wat, { env: { f: createGlobal('i32', false, 0) as never } }, 'incompatible import type');
});

test('table imports: element type and limits subtyping', () => {
  const wat = '(module (import "env" "t" (table 10 20 funcref)))';
  instantiate(compile(wat), { env: { t: createTable('funcref', 10, 20) } });
  instantiate(compile(wat), { env: { t: createTable('funcref', 15, 15) } });
  linkFails(wat, { env: { t: createTable('externref', 10, 20) } }, 'incompatible import type');
  linkFails(wat, { env: { t: createTable('funcref', 9, 20) } }, 'incompatible import type');
  linkFails(wat, { env: { t: createTable('funcref', 10, 21) } }, 'incompatible import type');
  linkFails(wat, { env: { t: createTable('funcref', 10) } }, 'incompatible import type');
  linkFails(wat, { env: { t: createMemory(10, 20) as never } }, 'incompatible import type');
  // No declared max: any max (or none) is fine; the current size counts, not the original minimum.
  const grown = createTable('funcref', 2);
  grown.grow(8);
  instantiate(compile('(module (import "env" "t" (table 10 funcref)))'), { env: { t: grown } });
});

test('memory imports: limits subtyping', () => {
  const wat = '(module (import "env" "m" (memory 1 4)))';
  instantiate(compile(wat), { env: { m: createMemory(1, 4) } });
  instantiate(compile(wat), { env: { m: createMemory(2, 3) } });
  linkFails(wat, { env: { m: createMemory(0, 4) } }, 'incompatible import type');
  linkFails(wat, { env: { m: createMemory(1, 5) } }, 'incompatible import type');
  linkFails(wat, { env: { m: createMemory(1) } }, 'incompatible import type');
  linkFails(wat, { env: { m: createTable('funcref', 1, 4) as never } }, 'incompatible import type');
  const grown = createMemory(0, 4);
  grown.grow(1);
  instantiate(compile(wat), { env: { m: grown } });
  instantiate(compile('(module (import "env" "m" (memory 1)))'), { env: { m: createMemory(1, 2) } });
});

test('global imports: value type and mutability must be equal', () => {
  instantiate(compile('(module (import "env" "g" (global i32)))'), { env: { g: createGlobal('i32', false, 1) } });
  instantiate(compile('(module (import "env" "g" (global (mut i64))))'), { env: { g: createGlobal('i64', true, 1n) } });
  linkFails('(module (import "env" "g" (global i32)))', { env: { g: createGlobal('i64', false, 1n) } }, 'incompatible import type');
  linkFails('(module (import "env" "g" (global i32)))', { env: { g: createGlobal('i32', true, 1) } }, 'incompatible import type');
  linkFails('(module (import "env" "g" (global (mut i32))))', { env: { g: createGlobal('i32', false, 1) } }, 'incompatible import type');
  linkFails('(module (import "env" "g" (global funcref)))', { env: { g: createGlobal('externref', false, null) } }, 'incompatible import type');
  linkFails('(module (import "env" "g" (global i32)))', { env: { g: hostFunction({ params: [], results: ['i32'] }, () => 1) as never } }, 'incompatible import type');
});

test('globals: initialisers see imported and earlier globals; exported globals are shared cells', () => {
  const g = createGlobal('i32', false, 41);
  const inst = instantiate(compile(`(module
    (import "env" "g" (global i32))
    (global $a (export "a") i32 (global.get 0))
    (global $m (export "m") (mut i64) (i64.const -1))
    (global (export "f") f32 (f32.const -0))
    (global (export "d") f64 (f64.const 1.5))
    (global (export "r") funcref (ref.func $h))
    (global (export "x") externref (ref.null extern))
    (func $h (export "h"))
    (func (export "setm") (param i64) (global.set $m (local.get 0))))`), { env: { g } });
  assert.is(getGlobalValue(getExport(inst, 'a') as Global), 41);
  assert.is(getGlobalValue(getExport(inst, 'm') as Global), -1n);
  assert.is(getGlobalValue(getExport(inst, 'f') as Global), 0x80000000);
  assert.is(getGlobalValue(getExport(inst, 'd') as Global), 0x3ff8000000000000n);
  assert.is(getGlobalValue(getExport(inst, 'r') as Global), getExport(inst, 'h'));
  assert.is(getGlobalValue(getExport(inst, 'x') as Global), null);
  invoke(inst, 'setm', [-(2n ** 63n)]);
  assert.is(getGlobalValue(getExport(inst, 'm') as Global), -(2n ** 63n));
  setGlobalValue(getExport(inst, 'm') as Global, 2n ** 63n - 1n);
  assert.is(getGlobalValue(getExport(inst, 'm') as Global), 2n ** 63n - 1n);
});

test('extended-const: i32/i64 add, sub, mul in constant expressions', () => {
  const inst = new Instance(compile('(module)'));
  const ev = (...b: number[]) => evalConstExpr({ bytes: Uint8Array.from([...b, 0x0b]), offset: 0 }, inst);
  assert.is(ev(0x41, 5, 0x41, 3, 0x6b), 2);                       // 5 - 3
  assert.is(ev(0x41, 0x7f, 0x41, 3, 0x6c), -3);                   // -1 * 3
  assert.is(ev(0x41, 0xff, 0xff, 0xff, 0xff, 0x07, 0x41, 1, 0x6a), -2147483648); // 2^31-1 + 1 wraps
  assert.is(ev(0x42, 0x7f, 0x42, 1, 0x7d), -2n);                  // -1 - 1
  assert.is(ev(0x42, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f, 0x42, 0x7f, 0x7e), -(2n ** 63n)); // -2^63 * -1
  assert.is(ev(0xd0, 0x70), null);
});

// ---- segment initialisation ----

test('data segments: written in order, dirty pages marked; out of bounds traps and keeps earlier writes', () => {
  const mem = createMemory(1);
  traps(() => instantiate(compile(`(module (import "env" "m" (memory 1))
    (data (i32.const 0) "ab")
    (data (i32.const 8192) "cd")
    (data (i32.const 65535) "xy")
    (data (i32.const 16) "never"))`), { env: { m: mem } }), 'out of bounds memory access');
  assert.equal(Array.from(readMemory(mem, 0, 2)), [97, 98]);
  assert.equal(Array.from(readMemory(mem, 8192, 2)), [99, 100]);
  assert.is(mem.u8[65535], 0);
  assert.is(mem.u8[16], 0);
  assert.is(mem.dirty[0], 1);
  assert.is(mem.dirty[1], 0);
  assert.is(mem.dirty[2], 1);
  // A later segment overwrites an earlier one; empty segments at the end are fine, past the end trap.
  const inst = instantiate(compile(`(module (memory (export "m") 1)
    (data (i32.const 0) "aaaa") (data (i32.const 1) "bb") (data (i32.const 65536) ""))`));
  assert.is(readString(getMemory(inst, 'm'), 0, 4), 'abba');
  traps(() => instantiate(compile('(module (memory 1) (data (i32.const 65537) ""))')), 'out of bounds memory access');
  traps(() => instantiate(compile('(module (memory 0) (data (i32.const -1) "a"))')), 'out of bounds memory access');
});

test('element segments: table.init in order; out of bounds traps before writing and keeps earlier segments', () => {
  const tab = createTable('funcref', 10);
  traps(() => instantiate(compile(`(module (import "env" "t" (table 10 funcref))
    (func $f (result i32) (i32.const 7))
    (elem (i32.const 7) $f)
    (elem (i32.const 8) $f $f $f $f $f))`), { env: { t: tab } }), 'out of bounds table access');
  assert.instance(tab.elements[7], FuncInst);
  assert.is(tab.elements[8], null);
  // The function stored by the failed instantiation still works.
  const ctx = createContext();
  assert.equal(ctx.invoke(tab.elements[7] as FuncInst, []), [7]);
  // Elements before data: an element trap means no data is written.
  const mem = createMemory(1);
  traps(() => instantiate(compile(`(module (import "env" "t" (table 10 funcref)) (import "env" "m" (memory 1))
    (func $g) (elem (i32.const 10) $g $g) (data (i32.const 0) "z"))`), { env: { t: tab, m: mem } }), 'out of bounds table access');
  assert.is(mem.u8[0], 0);
  // Element segments succeed, then data traps: the table writes stay.
  traps(() => instantiate(compile(`(module (import "env" "t" (table 10 funcref)) (import "env" "m" (memory 1))
    (func $g) (elem (i32.const 0) $g) (data (i32.const 65536) "z"))`), { env: { t: tab, m: mem } }), 'out of bounds memory access');
  assert.instance(tab.elements[0], FuncInst);
});

test('element segments: expressions, passive kept, active and declarative dropped', () => {
  const inst = instantiate(compile(`(module
    (table $t (export "t") 4 funcref)
    (func $a) (func $b)
    (elem (i32.const 1) funcref (ref.func $a) (ref.null func) (ref.func $b))
    (elem $p funcref (ref.func $b) (ref.func $a))
    (elem declare func $a))`));
  const t = getExport(inst, 't') as Table;
  assert.is(t.elements[0], null);
  assert.is(t.elements[1], inst.funcs[0]);
  assert.is(t.elements[2], null);
  assert.is(t.elements[3], inst.funcs[1]);
  assert.is(inst.elems[0], null);
  assert.equal(inst.elems[1], [inst.funcs[1], inst.funcs[0]]);
  assert.is(inst.elems[2], null);
});

test('data segments: passive kept, active dropped', () => {
  const inst = instantiate(compile('(module (memory 1) (data (i32.const 0) "a") (data "bc"))'));
  assert.is(inst.datas[0], null);
  assert.equal(Array.from(inst.datas[1]!), [98, 99]);
});

// ---- start function ----

test('start function runs after segment initialisation; a trap in it throws', () => {
  const seen: number[] = [];
  const log = hostFunction({ params: ['i32'], results: [] }, ([v]) => { seen.push(v as number); });
  const inst = instantiate(compile(`(module
    (import "env" "log" (func $log (param i32)))
    (memory (export "m") 1)
    (global $g (export "g") (mut i32) (i32.const 0))
    (func $start (call $log (i32.load8_u (i32.const 3))) (global.set $g (i32.const 99)))
    (start $start)
    (data (i32.const 3) "\\2a"))`), { env: { log } });
  assert.equal(seen, [42]);
  assert.is(getGlobalValue(getExport(inst, 'g') as Global), 99);
  const mem = createMemory(1);
  traps(() => instantiate(compile(`(module (import "env" "m" (memory 1))
    (data (i32.const 0) "w") (func unreachable) (start 0))`), { env: { m: mem } }), 'unreachable');
  assert.is(mem.u8[0], 119);
  // The start function runs on the given context.
  const ctx = createContext();
  let seenCtx: unknown = null;
  const probe = hostFunction({ params: [], results: [] }, (_a, call) => { seenCtx = call.context; });
  instantiate(compile('(module (import "env" "p" (func $p)) (start $p))'), { env: { p: probe } }, { context: ctx });
  assert.is(seenCtx, ctx);
});

// ---- exports ----

test('exports of every kind, including re-exported imports', () => {
  const f = hostFunction({ params: [], results: ['i32'] }, () => 5);
  const inst = instantiate(compile(`(module
    (import "env" "f" (func $f (result i32)))
    (func $g (result i32) (i32.add (call $f) (i32.const 1)))
    (table $t 2 externref) (memory $m 1 2) (global $gl f64 (f64.const 2))
    (export "f" (func $f)) (export "g" (func $g)) (export "t" (table $t))
    (export "m" (memory $m)) (export "gl" (global $gl)) (export "g2" (func $g)))`), { env: { f } });
  assert.is(getExport(inst, 'f'), f);
  assert.instance(getExport(inst, 'g'), FuncInst);
  assert.is(getExport(inst, 'g'), getExport(inst, 'g2'));
  assert.instance(getExport(inst, 't'), Table);
  assert.is((getExport(inst, 't') as Table).size, 2);
  assert.instance(getExport(inst, 'm'), Memory);
  assert.is((getExport(inst, 'm') as Memory).max, 2);
  assert.instance(getExport(inst, 'gl'), Global);
  assert.is(getExport(inst, 'nope'), undefined);
  assert.equal(invoke(inst, 'g', []), [6]);
  assert.equal(invoke(inst, 'f', []), [5]);
  assert.is(getMemory(inst), getExport(inst, 'm'));
  assert.throws(() => invoke(inst, 'nope', []), (e: unknown) => e instanceof LinkError);
  assert.throws(() => invoke(inst, 'm', []), (e: unknown) => e instanceof LinkError);
  assert.is(getFunc(inst, 'g'), getExport(inst, 'g'));
  // Linking a second module against the exports shares the objects.
  const inst2 = instantiate(compile(`(module (import "a" "m" (memory 1)) (import "a" "gl" (global f64))
    (import "a" "g" (func (result i32))) (import "a" "t" (table 1 externref))
    (func (export "store") (i32.store (i32.const 0) (i32.const 0x01020304))))`),
  { a: { m: getExport(inst, 'm')!, gl: getExport(inst, 'gl')!, g: getExport(inst, 'g')!, t: getExport(inst, 't')! } });
  invoke(inst2, 'store', []);
  assert.equal(Array.from(readMemory(getMemory(inst), 0, 4)), [4, 3, 2, 1]);
});

// ---- raw values ----

test('toRaw / fromRaw at the edges', () => {
  assert.is(toRaw('i32', 2 ** 31), -(2 ** 31));
  assert.is(toRaw('i32', -1), -1);
  assert.is(toRaw('i32', 0xffffffff), -1);
  assert.is(toRaw('i64', 2n ** 63n), -(2n ** 63n));
  assert.is(toRaw('i64', -(2n ** 63n)), -(2n ** 63n));
  assert.is(toRaw('i64', 2n ** 64n - 1n), -1n);
  assert.is(toRaw('i64', 5), 5n);
  assert.is(fromRaw('i64', 2n ** 63n - 1n), 2n ** 63n - 1n);
  assert.is(toRaw('f32', -0), 0x80000000);
  assert.is(toRaw('f32', 1), 0x3f800000);
  assert.is(toRaw('f32', NaN), 0x7fc00000);
  assert.is(toRaw('f32', Infinity), 0x7f800000);
  assert.ok(Number.isNaN(fromRaw('f32', 0x7fa00001)));
  assert.ok(Number.isNaN(fromRaw('f32', 0xffc00000)));
  assert.is(fromRaw('f32', 0x3f800000), 1);
  assert.ok(Object.is(fromRaw('f32', 0x80000000), -0));
  assert.is(toRaw('f64', 1.5), 0x3ff8000000000000n);
  assert.is(toRaw('f64', -0), 0x8000000000000000n);
  assert.is(toRaw('f64', NaN), 0x7ff8000000000000n);
  assert.is(fromRaw('f64', 0x3ff8000000000000n), 1.5);
  assert.ok(Number.isNaN(fromRaw('f64', 0xfff0000000000001n)));
  assert.is(fromRaw('f64', 0x7fefffffffffffffn), Number.MAX_VALUE);
  assert.is(toRaw('externref', undefined), undefined); // a non-null externref: only null is ref.null
  assert.is(toRaw('funcref', undefined), null);
  const o = {};
  assert.is(fromRaw('externref', o), o);
});

test('raw values survive a round trip through wasm (NaN payloads, i64 extremes)', () => {
  const inst = instantiate(compile(`(module
    (func (export "f32") (param f32) (result f32) (local.get 0))
    (func (export "f64") (param f64) (result f64) (local.get 0))
    (func (export "i64") (param i64) (result i64) (local.get 0))
    (func (export "i64inc") (param i64) (result i64) (i64.add (local.get 0) (i64.const 1)))
    (func (export "f32bits") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
    (func (export "ext") (param externref) (result externref) (local.get 0)))`));
  for (const b of [0x7fa00001, 0xffc00000, 0x7f800001, 0x80000000, 0]) {
    assert.equal(invoke(inst, 'f32', [b]), [b]);
    assert.equal(invoke(inst, 'f32bits', [b]), [b | 0]);
  }
  for (const b of [0x7ff0000000000001n, 0xfff8000000000123n, 0x8000000000000000n]) assert.equal(invoke(inst, 'f64', [b]), [b]);
  for (const v of [-(2n ** 63n), 2n ** 63n - 1n, -1n, 0n]) assert.equal(invoke(inst, 'i64', [v]), [v]);
  assert.equal(invoke(inst, 'i64inc', [2n ** 63n - 1n]), [-(2n ** 63n)]);
  assert.equal(invoke(inst, 'i64inc', [41]), [42n]); // integer number accepted for i64
  const o = { x: 1 };
  assert.is(invoke(inst, 'ext', [o])[0], o);
  assert.is(invoke(inst, 'ext', [null])[0], null);
});

// ---- host functions and contexts ----

test('a host function calls back into an export on the same context and catches a trap', () => {
  let inst!: Instance;
  const events: string[] = [];
  const host = hostFunction({ params: ['i32'], results: ['i32'] }, ([x], call: HostCall) => {
    const ctx = call.context as Context;
    events.push(call.caller === inst ? 'caller ok' : 'caller?');
    try {
      ctx.invoke(getFunc(inst, 'boom'), []);
      events.push('no trap');
    } catch (e) {
      events.push(e instanceof RuntimeError ? (e as RuntimeError).reason : 'other');
    }
    const [y] = ctx.invoke(getFunc(inst, 'double'), [x]);
    return (y as number) + 1;
  });
  inst = instantiate(compile(`(module
    (import "env" "host" (func $host (param i32) (result i32)))
    (func (export "boom") (drop (i32.div_s (i32.const 1) (i32.const 0))))
    (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
    (func (export "run") (param i32) (result i32) (i32.add (call $host (local.get 0)) (i32.const 100))))`),
  { env: { host } });
  const ctx = createContext();
  assert.equal(ctx.invoke(getFunc(inst, 'run'), [20]), [141]);
  assert.equal(events, ['caller ok', 'integer divide by zero']);
  // The context is usable afterwards, and so is the default one.
  assert.equal(ctx.invoke(getFunc(inst, 'double'), [4]), [8]);
  assert.equal(invoke(inst, 'run', [1]), [103]);
});

test('a host exception propagates unchanged; a trap in a nested call escapes if not caught', () => {
  class Boom extends Error {}
  const inst = instantiate(compile(`(module (import "env" "h" (func $h))
    (func (export "go") (call $h)) (func (export "ok") (result i32) (i32.const 1)))`),
  { env: { h: hostFunction({ params: [], results: [] }, () => { throw new Boom('x'); }) } });
  assert.throws(() => invoke(inst, 'go', []), (e: unknown) => e instanceof Boom);
  assert.equal(invoke(inst, 'ok', []), [1]);
});

const loopWat = `(module
  (func (export "sum") (param $n i32) (result i64) (local $acc i64)
    (block $done (loop $l
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l)))
    (local.get $acc)))`;

test('a context driven by run(fuel) yields, then reaches Done', () => {
  const inst = instantiate(compile(loopWat));
  const ctx = startContext(getFunc(inst, 'sum'), [100000]);
  let slices = 0, st: Status;
  do { st = ctx.run(1000); slices++; } while (st === Status.Yielded && slices < 1e6);
  assert.is(st, Status.Done);
  assert.ok(slices > 10, `slices ${slices}`);
  assert.equal(ctx.results, [5000050000n]);
});

test('a context that traps under run() reports Trapped with the error', () => {
  const inst = instantiate(compile('(module (func (export "f") (unreachable)))'));
  const ctx = startContext(getFunc(inst, 'f'), []);
  assert.is(ctx.run(1e6), Status.Trapped);
  assert.instance(ctx.error, RuntimeError);
  assert.is((ctx.error as RuntimeError).reason, 'unreachable');
});

test('a host function returning BLOCK blocks the context; the call is retried on resume', () => {
  let calls = 0, ready = false;
  const wait = hostFunction({ params: ['i32'], results: ['i32'] }, ([x]) => {
    calls++;
    return ready ? (x as number) * 3 : BLOCK;
  });
  const inst = instantiate(compile(`(module (import "env" "wait" (func $w (param i32) (result i32)))
    (global $g (mut i32) (i32.const 0))
    (func (export "main") (result i32)
      (global.set $g (i32.add (global.get $g) (i32.const 1)))
      (i32.add (call $w (i32.const 7)) (global.get $g))))`), { env: { wait } });
  const ctx = startContext(getFunc(inst, 'main'), []);
  assert.is(ctx.run(1e6), Status.Blocked);
  assert.is(ctx.run(1e6), Status.Blocked);
  assert.is(calls, 2);
  ready = true;
  assert.is(ctx.run(1e6), Status.Done);
  assert.is(calls, 3);
  assert.equal(ctx.results, [22]); // global incremented once: the code before the call did not re-run
});

test('memory helpers: bounds-checked reads and writes mark dirty pages', () => {
  const inst = instantiate(compile('(module (memory (export "m") 1) (func (export "ld") (param i32) (result i32) (i32.load8_u (local.get 0))))'));
  const mem = getMemory(inst, 'm');
  writeMemory(mem, 5000, 'hé');
  assert.is(mem.dirty[1], 1);
  assert.is(mem.dirty[0], 0);
  assert.equal(invoke(inst, 'ld', [5000]), [104]);
  assert.is(readString(mem, 5000), 'hé');
  traps(() => writeMemory(mem, 65535, 'ab'), 'out of bounds memory access');
  traps(() => readMemory(mem, 65530, 7), 'out of bounds memory access');
});

test('bad host input: TypeError or RangeError naming what is wrong, before anything runs', () => {
  const inst = instantiate(compile(`(module (memory (export "m") 1)
    (global $calls (export "calls") (mut i32) (i32.const 0))
    (func (export "f") (param i32 i64 f32 f64 funcref) (result i32)
      (global.set $calls (i32.add (global.get $calls) (i32.const 1))) (local.get 0)))`));
  const typeError = (fn: () => unknown, re: RegExp): void => {
    assert.throws(fn, (e: unknown) => e instanceof TypeError && re.test(e.message), String(re));
  };
  typeError(() => invoke(inst, 'f', ['x', 1n, 0, 0n, null]), /^f: argument 0 \(i32\) must be a 32-bit integer number, got "x"$/);
  typeError(() => invoke(inst, 'f', [1, 1.5, 0, 0n, null]), /argument 1 \(i64\) must be a bigint or a safe integer/);
  typeError(() => invoke(inst, 'f', [1, 1n, 1.5, 0n, null]), /argument 2 \(f32\) .*bit pattern/);
  typeError(() => invoke(inst, 'f', [1, 1n, 0, 2.5, null]), /argument 3 \(f64\) .*bit pattern/);
  typeError(() => invoke(inst, 'f', [1, 1n, 0, 0n, 5]), /argument 4 \(funcref\) must be a function/);
  typeError(() => invoke(inst, 'f', [1, 1n, 0, 0n]), /expected 5 arguments, got 4/);
  typeError(() => startContext(getFunc(inst, 'f'), [undefined, 1n, 0, 0n, null]), /argument 0/);
  assert.is(getGlobalValue(getExport(inst, 'calls') as Global), 0, 'nothing ran');
  assert.equal(invoke(inst, 'f', [0xffffffff, 7, 0x3f800000, 0x3ff0000000000000n, getFunc(inst, 'f')]), [-1]);
  typeError(() => compile(null as never), /^compile: expected WAT text or wasm bytes/);
  typeError(() => compile([0, 97, 115, 109] as never), /got an array/);
  assert.is(compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]).buffer).funcs.length, 0, 'an ArrayBuffer is bytes');
  typeError(() => instantiate(null as never), /^instantiate: expected a compiled module/);
  assert.throws(() => createMemory(70000), (e: unknown) => e instanceof RangeError && /createMemory: minimum of 70000 pages is above the limit of 65536/.test(e.message));
  assert.throws(() => createMemory(-1), (e: unknown) => e instanceof RangeError && /minimum -1/.test(e.message));
  assert.throws(() => createMemory(2, 1), (e: unknown) => e instanceof RangeError && /minimum 2 must not be greater than maximum 1/.test(e.message));
  assert.throws(() => createTable('funcref', 1.5), (e: unknown) => e instanceof RangeError && /createTable: minimum 1.5/.test(e.message));
  assert.throws(() => createTable('funcref', 2 ** 31), (e: unknown) => e instanceof RangeError && /engine limit/.test(e.message));
  const mem = getMemory(inst, 'm');
  typeError(() => readMemory(mem, NaN, 4), /readMemory: address NaN is not an integer/);
  typeError(() => readMemory(mem, 0, -1), /readMemory: length -1/);
  typeError(() => writeMemory(mem, 0, 5 as never), /writeMemory: data must be a Uint8Array or a string, got number/);
  typeError(() => readString(mem, 1.5), /readString: address 1.5/);
});

test('a 4 GiB memory (65536 pages): the dirty map covers every page; grow to it from wasm works', () => {
  const inst = instantiate(compile(`(module (memory (export "m") 1)
    (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
    (func (export "st") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
    (func (export "ld") (param i32) (result i32) (i32.load (local.get 0))))`));
  assert.equal(invoke(inst, 'grow', [65535]), [1]);
  const mem = getMemory(inst, 'm');
  assert.is(mem.pages, 65536);
  assert.is(mem.dirty.length, 65536 * 16, 'one dirty byte per 4 KiB page');
  invoke(inst, 'st', [0xfffffffc, 42]);
  assert.equal(invoke(inst, 'ld', [0xfffffffc]), [42]);
  assert.is(mem.dirty[mem.dirty.length - 1], 1, 'the last page is marked');
  traps(() => invoke(inst, 'ld', [0xfffffffd]), 'out of bounds memory access');
  assert.equal(invoke(inst, 'grow', [1]), [-1]);
  assert.is(createMemory(65536).dirty.length, 65536 * 16);
});

test('Context class and createContext agree', () => {
  assert.instance(createContext(), Context);
});

test('ref.null is exactly null: undefined is a non-null externref everywhere in the engine', () => {
  const inst = instantiate(compile(`(module
    (func $h (import "m" "h") (result externref))
    (table $t (export "t") 2 externref)
    (global $g (export "g") (mut externref) (ref.null extern))
    (func (export "isnull") (param externref) (result i32) (ref.is_null (local.get 0)))
    (func (export "id") (param externref) (result externref) (local.get 0))
    (func (export "set") (param externref) (table.set $t (i32.const 0) (local.get 0)) (global.set $g (local.get 0)))
    (func (export "get") (result externref externref) (table.get $t (i32.const 0)) (global.get $g))
    (func (export "grow") (param externref) (result i32) (table.grow $t (local.get 0) (i32.const 2)))
    (func (export "fill") (param externref) (table.fill $t (i32.const 0) (local.get 0) (i32.const 1)))
    (func (export "host") (result i32) (ref.is_null (call $h))))`), {
    m: { h: hostFunction({ params: [], results: ['externref'] }, () => undefined) },
  });
  assert.equal(invoke(inst, 'isnull', [undefined]), [0]);
  assert.equal(invoke(inst, 'isnull', [null]), [1]);
  assert.equal(invoke(inst, 'id', [undefined]), [undefined]);
  invoke(inst, 'set', [undefined]);
  assert.equal(invoke(inst, 'get', []), [undefined, undefined]);
  assert.equal(invoke(inst, 'grow', [undefined]), [2]);
  const t = getExport(inst, 't') as Table;
  assert.equal(t.elements, [undefined, null, undefined, undefined]);
  invoke(inst, 'fill', [null]);
  assert.is(t.elements[0], null);
  assert.equal(invoke(inst, 'host', []), [0]); // a host function's undefined result is not ref.null
  assert.equal(createTable('externref', 2, null, undefined).elements, [undefined, undefined]);
  assert.equal(createTable('externref', 2).elements, [null, null]);
  assert.equal(createTable('funcref', 1, null, undefined).elements, [null]);
  const g = createGlobal('externref', true, undefined);
  assert.is(getGlobalValue(g), undefined);
  setGlobalValue(g, null);
  assert.is(getGlobalValue(g), null);
});

test.run();

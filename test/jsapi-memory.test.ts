// JS API tests: Memory (descriptor checks, buffer identity, grow from JS and from wasm detaching the
// old buffer, shared bytes), Table (get/set/grow/length, call_indirect through JS-set entries, the
// emscripten invoke_* pattern) and Global (value/valueOf, mutability, sharing with wasm).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { W, exportsOf, throwsA } from './jsapi-util.js';

const PAGE = 65536;

test('Memory: descriptor checks', () => {
  throwsA(() => new W.Memory({} as any), TypeError, "'initial' is required");
  throwsA(() => new W.Memory({ initial: -1 }), TypeError);
  throwsA(() => new W.Memory({ initial: NaN }), TypeError);
  throwsA(() => new W.Memory({ initial: 65537 }), RangeError);
  throwsA(() => new W.Memory({ initial: 2, maximum: 1 }), RangeError);
  throwsA(() => new W.Memory({ initial: 1, maximum: 65537 }), RangeError);
  throwsA(() => (W.Memory as any)({ initial: 1 }), TypeError);
  throwsA(() => new W.Memory(5 as any), TypeError);
  const m = new W.Memory({ initial: 1.9 } as any); // [EnforceRange] truncates
  assert.is(m.buffer.byteLength, PAGE);
  assert.is(new W.Memory({ initial: 0 }).buffer.byteLength, 0);
  assert.is(Object.prototype.toString.call(m), '[object WebAssembly.Memory]');
});

test('Memory: grow from JS detaches the old buffer and keeps the bytes', () => {
  const m = new W.Memory({ initial: 1, maximum: 3 });
  const b0 = m.buffer;
  assert.is(m.buffer, b0); // same object until a grow
  new Uint8Array(b0)[100] = 42;
  assert.is(m.grow(1), 1);
  assert.is(b0.byteLength, 0); // detached
  const b1 = m.buffer;
  assert.is.not(b1, b0);
  assert.is(b1.byteLength, 2 * PAGE);
  assert.is(new Uint8Array(b1)[100], 42);
  assert.is(m.grow(0), 2); // a grow by 0 still gives a new buffer
  assert.is(b1.byteLength, 0);
  assert.is(m.buffer.byteLength, 2 * PAGE);
  assert.is(new Uint8Array(m.buffer)[100], 42);
  throwsA(() => m.grow(2), RangeError);
  assert.is(m.buffer.byteLength, 2 * PAGE); // a refused grow changes nothing
  throwsA(() => m.grow(-1), TypeError);
  throwsA(() => W.Memory.prototype.grow.call({}, 1), TypeError);
});

test('Memory: grow from wasm detaches too, and `buffer` returns the new one', () => {
  const ex = exportsOf(`(module (memory (export "mem") 1 4)
    (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
    (func (export "size") (result i32) memory.size)
    (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
    (func (export "load") (param i32) (result i32) local.get 0 i32.load))`);
  const mem = ex.mem;
  assert.is(ex.mem, mem); // the same Memory object on every access
  const b0 = mem.buffer;
  ex.store(8, 0x01020304);
  assert.is(new DataView(b0).getInt32(8, true), 0x01020304); // wasm writes visible to JS
  new DataView(b0).setInt32(12, -5, true);
  assert.is(ex.load(12), -5); // JS writes visible to wasm
  assert.is(ex.grow(2), 1);
  assert.is(b0.byteLength, 0);
  assert.is(mem.buffer.byteLength, 3 * PAGE);
  assert.is(new DataView(mem.buffer).getInt32(8, true), 0x01020304);
  ex.store(2 * PAGE, 77);
  assert.is(new Int32Array(mem.buffer)[2 * PAGE / 4], 77);
  assert.is(ex.grow(5), -1); // past the maximum: -1, nothing detached
  assert.is(mem.buffer.byteLength, 3 * PAGE);
  const b1 = mem.buffer;
  assert.is(ex.grow(0), 3);
  assert.is(b1.byteLength, 0);
  assert.is(mem.grow(1), 3); // JS grow of the same memory
  assert.is(ex.size(), 4);
  assert.is(ex.load(2 * PAGE), 77);
});

test('Memory: a JS-made memory imported, grown inside wasm, seen by JS (the wasm-bindgen pattern)', () => {
  const mem = new W.Memory({ initial: 1 });
  let view = new Uint8Array(mem.buffer);
  const ex = exportsOf(`(module (import "env" "memory" (memory 1))
    (func (export "grow_and_write") (param i32) (result i32) (local i32)
      i32.const 1 memory.grow local.set 1
      local.get 0 i32.const 99 i32.store8
      local.get 1)
    (export "memory" (memory 0)))`, { env: { memory: mem } });
  assert.is(ex.memory, mem); // re-exported: the same object
  assert.is(ex.grow_and_write(PAGE + 5), 1);
  assert.is(view.byteLength, 0); // the cached view sees the detach…
  view = new Uint8Array(mem.buffer); // …and is re-created
  assert.is(view[PAGE + 5], 99);
});

test('Memory: growth through an import called from wasm (the emscripten pattern)', () => {
  let mem: any;
  let heap: Uint8Array;
  const ex = exportsOf(`(module (import "env" "resize" (func $resize (param i32) (result i32)))
    (memory (export "memory") 1)
    (func (export "run") (result i32)
      i32.const 1 call $resize drop
      i32.const 70000 i32.const 7 i32.store8
      i32.const 70000 i32.load8_u))`,
  { env: { resize: (pages: number) => { const r = mem.grow(pages); heap = new Uint8Array(mem.buffer); return r; } } });
  mem = ex.memory;
  heap = new Uint8Array(mem.buffer);
  assert.is(ex.run(), 7);
  assert.is(heap[70000], 7);
});

test('Memory: a shared memory needs a maximum and its buffer is never detached', () => {
  throwsA(() => new W.Memory({ initial: 1, shared: true }), TypeError);
  const m = new W.Memory({ initial: 1, maximum: 2, shared: true });
  const b0 = m.buffer;
  assert.is(m.grow(1), 1);
  assert.is(b0.byteLength, PAGE);
  assert.is(m.buffer.byteLength, 2 * PAGE);
});

test('Table: descriptor, get/set/grow/length, bounds', () => {
  throwsA(() => new W.Table({ element: 'i32', initial: 1 } as any), TypeError);
  throwsA(() => new W.Table({ element: 'anyfunc' } as any), TypeError);
  throwsA(() => new W.Table({ element: 'anyfunc', initial: 2, maximum: 1 }), RangeError);
  const t = new W.Table({ element: 'anyfunc', initial: 2, maximum: 4 });
  assert.is(t.length, 2);
  assert.is(t.get(0), null);
  throwsA(() => t.get(2), RangeError);
  throwsA(() => t.set(2, null), RangeError);
  throwsA(() => t.get(-1), TypeError);
  const f = exportsOf('(module (func (export "f") (result i32) i32.const 11))').f;
  t.set(1, f);
  assert.is(t.get(1), f);
  t.set(1);
  assert.is(t.get(1), null);
  assert.is(t.grow(1, f), 2);
  assert.is(t.length, 3);
  assert.is(t.get(2), f);
  throwsA(() => t.grow(2), RangeError);
  assert.is(t.length, 3);
  const e = new W.Table({ element: 'externref', initial: 1 }, 'init');
  assert.is(e.get(0), 'init');
  assert.is(e.grow(2), 1);
  assert.is(e.get(2), undefined);
  assert.is(Object.prototype.toString.call(t), '[object WebAssembly.Table]');
});

test('Table: call_indirect through entries set from JS; table.grow from wasm seen by JS', () => {
  const t = new W.Table({ element: 'anyfunc', initial: 2 });
  const lib = exportsOf(`(module (func (export "seven") (result i32) i32.const 7) (func (export "wrong") (result f32) f32.const 0))`);
  const ex = exportsOf(`(module (import "env" "t" (table 2 funcref)) (type $r (func (result i32)))
    (func (export "call") (param i32) (result i32) local.get 0 call_indirect (type $r))
    (func (export "grow") (result i32) ref.null func i32.const 3 table.grow 0)
    (export "t" (table 0)))`, { env: { t } });
  t.set(0, lib.seven);
  t.set(1, lib.wrong);
  assert.is(ex.call(0), 7);
  throwsA(() => ex.call(1), W.RuntimeError, 'indirect call type mismatch');
  assert.is(ex.t, t);
  assert.is(ex.grow(), 2);
  assert.is(t.length, 5);
  throwsA(() => ex.call(4), W.RuntimeError, 'uninitialized element');
  throwsA(() => ex.call(9), W.RuntimeError, 'undefined element');
});

test('Table: the emscripten invoke_* pattern (a JS catch between wasm frames)', () => {
  let ex: any;
  const thrown = { longjmp: true };
  const imports = {
    env: {
      throwing: () => { throw thrown; },
      invoke_v: (index: number) => {
        try { ex.table.get(index)(); return 0; } catch (e) { if (e !== thrown) throw e; return 1; }
      },
    },
  };
  ex = exportsOf(`(module (import "env" "throwing" (func $throwing)) (import "env" "invoke_v" (func $invoke (param i32) (result i32)))
    (table (export "table") 2 funcref) (elem (i32.const 0) $throwing $ok)
    (func $ok)
    (global $g (mut i32) (i32.const 0))
    (func (export "run") (result i32)
      i32.const 0 call $invoke
      i32.const 1 call $invoke i32.const 10 i32.mul i32.add
      global.get $g i32.const 100 i32.mul i32.add)
    (func (export "set") i32.const 1 global.set $g))`, imports);
  assert.is(ex.run(), 1); // the first invoke caught, the second returned normally; wasm state intact
});

test('Global: descriptor, value/valueOf, mutability', () => {
  throwsA(() => new W.Global({} as any), TypeError);
  throwsA(() => new W.Global({ value: 'v128' } as any), TypeError);
  const g = new W.Global({ value: 'i32', mutable: true }, 42);
  assert.is(g.value, 42);
  assert.is(g.valueOf(), 42);
  assert.is(+(g as any), 42);
  g.value = 2 ** 32 + 1;
  assert.is(g.value, 1);
  const c = new W.Global({ value: 'f64' }, 1.5);
  throwsA(() => { c.value = 2; }, TypeError, 'immutable');
  assert.is(c.value, 1.5);
  assert.is(new W.Global({ value: 'i32' }).value, 0);
  assert.is(new W.Global({ value: 'anyfunc' }).value, null);
  throwsA(() => new W.Global({ value: 'anyfunc' }, () => 1), TypeError);
  throwsA(() => Object.getOwnPropertyDescriptor(W.Global.prototype, 'value')!.get!.call({}), TypeError);
  assert.is(Object.prototype.toString.call(g), '[object WebAssembly.Global]');
});

test('Global: shared between JS and wasm; exported globals are the same object', () => {
  const g = new W.Global({ value: 'i64', mutable: true }, 5n);
  const ex = exportsOf(`(module (import "m" "g" (global $g (mut i64)))
    (global $own (export "own") (mut f32) (f32.const 0.5))
    (func (export "bump") global.get $g i64.const 1 i64.add global.set $g
      global.get $own f32.const 2 f32.mul global.set $own)
    (export "g" (global $g)))`, { m: { g } });
  ex.bump();
  assert.is(g.value, 6n);
  g.value = -(2n ** 63n);
  ex.bump();
  assert.is(g.value, -(2n ** 63n) + 1n);
  assert.is(ex.g, g);
  assert.is(ex.own, ex.own);
  assert.is(ex.own.value, 2);
  ex.own.value = 0.25;
  ex.bump();
  assert.is(ex.own.value, 0.5);
  // A number given for an immutable global import.
  const ex2 = exportsOf('(module (import "m" "g" (global $g f64)) (func (export "get") (result f64) global.get $g))', { m: { g: 2.5 } });
  assert.is(ex2.get(), 2.5);
});

test.run();

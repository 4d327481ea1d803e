// Unit tests of the compiler and executor on hand-assembled modules (no decoder, no instantiate).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ValType, type FuncType, type LocalRun, type Module } from '../interpreter/types.js';
import { Instance } from '../interpreter/runtime/instance.js';
import { BLOCK, FuncInst } from '../interpreter/runtime/func.js';
import { Memory } from '../interpreter/runtime/memory.js';
import { Context, Status } from '../interpreter/exec/context.js';
import { RuntimeError } from '../interpreter/errors.js';

const { I32, I64, F32, F64 } = { I32: ValType.I32, I64: ValType.I64, F32: ValType.F32, F64: ValType.F64 };

// ---- a tiny assembler ----
function uleb(n: number): number[] {
  const out: number[] = [];
  do { let b = n & 0x7f; n >>>= 7; if (n !== 0) b |= 0x80; out.push(b); } while (n !== 0);
  return out;
}
function sleb(v: bigint | number): number[] {
  let n = BigInt(v);
  const out: number[] = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}
const i32c = (v: number) => [0x41, ...sleb(v)];
const i64c = (v: bigint) => [0x42, ...sleb(v)];
const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const call = (i: number) => [0x10, ...uleb(i)];
const br = (i: number) => [0x0c, ...uleb(i)];
const brIf = (i: number) => [0x0d, ...uleb(i)];
const E = 0x0b;

interface FuncDef { type: FuncType; locals?: LocalRun[]; code: number[]; name?: string; }

function makeModule(defs: FuncDef[], importTypes: FuncType[] = []): Module {
  const types: FuncType[] = [...importTypes, ...defs.map(d => d.type)];
  const names = new Map<number, string>();
  defs.forEach((d, i) => { if (d.name) names.set(importTypes.length + i, d.name); });
  return {
    types,
    imports: importTypes.map((_, i) => ({ module: 'env', name: `f${i}`, desc: { kind: 0, typeIndex: i } })),
    funcs: defs.map((_, i) => importTypes.length + i),
    tables: [], mems: [], globals: [], exports: [], start: null, elems: [], datas: [], dataCount: null,
    codes: defs.map((d, i) => ({
      locals: d.locals ?? [],
      localCount: (d.locals ?? []).reduce((a, r) => a + r.count, 0),
      code: Uint8Array.from(d.code),
      offset: 1000 * (i + 1),
    })),
    customs: [],
    names: { module: null, funcs: names, locals: new Map() },
    importedFuncs: importTypes.length, importedTables: 0, importedMems: 0, importedGlobals: 0,
  };
}

function instantiate(m: Module, imports: FuncInst[] = [], mem?: Memory): Instance {
  const inst = new Instance(m);
  inst.funcs = [...imports];
  m.funcs.forEach((t, i) => inst.funcs.push(new FuncInst(m.types[t], inst, i, null, `f${i}`)));
  if (mem) inst.mems = [mem];
  return inst;
}

const sig = (params: ValType[], results: ValType[]): FuncType => ({ params, results });

function run1(def: FuncDef, args: unknown[], ctx = new Context()): unknown[] {
  const inst = instantiate(makeModule([def]));
  return ctx.invoke(inst.funcs[0], args);
}

// ---- tests ----

test('i32 arithmetic with locals and constants', () => {
  // (x + 2) * x - 7
  const def = { type: sig([I32], [I32]), code: [...get(0), ...i32c(2), 0x6a, ...get(0), 0x6c, ...i32c(7), 0x6b, E] };
  assert.equal(run1(def, [5]), [28]);
  assert.equal(run1(def, [-3]), [-4]);
});

test('i32 division traps', () => {
  const def = { type: sig([I32, I32], [I32]), code: [...get(0), ...get(1), 0x6d, E] };
  assert.equal(run1(def, [7, -2]), [-3]);
  assert.throws(() => run1(def, [1, 0]), (e: RuntimeError) => e.reason === 'integer divide by zero');
  assert.throws(() => run1(def, [-0x80000000, -1]), (e: RuntimeError) => e.reason === 'integer overflow');
});

test('i64 and float arithmetic, raw values', () => {
  const add = { type: sig([I64, I64], [I64]), code: [...get(0), ...get(1), 0x7c, E] };
  assert.equal(run1(add, [0xffffffffn, 1n]), [0x100000000n]);
  assert.equal(run1(add, [-1n, -1n]), [-2n]);
  const mul = { type: sig([I64], [I64]), code: [...get(0), ...i64c(1000000007n), 0x7e, E] };
  assert.equal(run1(mul, [123456789123n]), [BigInt.asIntN(64, 123456789123n * 1000000007n)]);
  // f64: x * 0.5 (bits in, bits out)
  const f64bits = (x: number) => new BigUint64Array(new Float64Array([x]).buffer)[0];
  const half = [0x44, ...new Uint8Array(new Float64Array([0.5]).buffer)];
  const fm = { type: sig([F64], [F64]), code: [...get(0), ...half, 0xa2, E] };
  assert.equal(run1(fm, [f64bits(3)]), [f64bits(1.5)]);
  // f32 neg keeps NaN payload bits
  const neg = { type: sig([F32], [F32]), code: [...get(0), 0x8c, E] };
  assert.equal(run1(neg, [0x7fa00001]), [0xffa00001]);
  // i32.reinterpret_f32 of a signalling NaN
  const re = { type: sig([F32], [I32]), code: [...get(0), 0xbc, E] };
  assert.equal(run1(re, [0x7f800001]), [0x7f800001]);
});

test('blocks and branches carry values', () => {
  // block (result i32) i32.const 10 local.get 0 br_if 0 drop i32.const 20 end
  const def = {
    type: sig([I32], [I32]),
    code: [0x02, 0x7f, ...i32c(10), ...get(0), ...brIf(0), 0x1a, ...i32c(20), E, E],
  };
  assert.equal(run1(def, [1]), [10]);
  assert.equal(run1(def, [0]), [20]);
  // if/else with result and a nested br out of two blocks
  const def2 = {
    type: sig([I32], [I32]),
    code: [
      0x02, 0x7f, // block $out (result i32)
      0x02, 0x40, // block
      ...get(0), 0x04, 0x7f, ...i32c(1), 0x05, ...i32c(2), E, // if (result i32) 1 else 2 end
      ...br(1), // br $out with that value
      E,
      ...i32c(99),
      E, E,
    ],
  };
  assert.equal(run1(def2, [5]), [1]);
  assert.equal(run1(def2, [0]), [2]);
});

test('br_table selects labels, default on out of range', () => {
  // block block block (br_table 0 1 2 (local.get 0)) end return 10 end return 11 end 12
  const def = {
    type: sig([I32], [I32]),
    code: [
      0x02, 0x40, 0x02, 0x40, 0x02, 0x40,
      ...get(0), 0x0e, 2, 0, 1, 2,
      E, ...i32c(10), 0x0f,
      E, ...i32c(11), 0x0f,
      E, ...i32c(12), E,
    ],
  };
  assert.equal(run1(def, [0]), [10]);
  assert.equal(run1(def, [1]), [11]);
  assert.equal(run1(def, [2]), [12]);
  assert.equal(run1(def, [-1]), [12]);
  // br_table carrying a value to the function label
  const def2 = {
    type: sig([I32], [I32]),
    code: [0x02, 0x7f, ...i32c(7), ...get(0), 0x0e, 1, 0, 1, E, ...i32c(1), 0x6a, E],
  };
  assert.equal(run1(def2, [0]), [8]);
  assert.equal(run1(def2, [1]), [7]);
});

// sum 1..n with a loop: local 1 = acc
const sumLoop: FuncDef = {
  type: sig([I32], [I32]),
  locals: [{ count: 1, type: I32 }],
  code: [
    0x02, 0x40, 0x03, 0x40,
    ...get(0), 0x45, ...brIf(1),
    ...get(1), ...get(0), 0x6a, ...set(1),
    ...get(0), ...i32c(1), 0x6b, ...set(0),
    ...br(0),
    E, E,
    ...get(1), E,
  ],
};

test('loop runs to completion under invoke', () => {
  assert.equal(run1(sumLoop, [100]), [5050]);
  assert.equal(run1(sumLoop, [0]), [0]);
});

test('fuel: Yielded then Done', () => {
  const inst = instantiate(makeModule([sumLoop]));
  const ctx = new Context();
  ctx.start(inst.funcs[0], [1000]);
  assert.is(ctx.status, Status.Ready);
  let slices = 0;
  let st: Status;
  while ((st = ctx.run(100)) === Status.Yielded) slices++;
  assert.is(st, Status.Done);
  assert.ok(slices >= 9 && slices <= 11, `slices ${slices}`);
  assert.equal(ctx.results, [500500]);
});

const fibDef: FuncDef = {
  name: 'fib',
  type: sig([I32], [I32]),
  code: [
    ...get(0), ...i32c(2), 0x48, 0x04, 0x7f,
    ...get(0),
    0x05,
    ...get(0), ...i32c(1), 0x6b, ...call(0),
    ...get(0), ...i32c(2), 0x6b, ...call(0),
    0x6a,
    E, E,
  ],
};

test('recursion: fib', () => {
  assert.equal(run1(fibDef, [20]), [6765]);
});

// depth(n) = n == 0 ? 0 : 1 + depth(n - 1)
const depthDef: FuncDef = {
  name: 'depth',
  type: sig([I32], [I32]),
  code: [
    ...get(0), 0x45, 0x04, 0x7f, ...i32c(0), 0x05,
    ...i32c(1), ...get(0), ...i32c(1), 0x6b, ...call(0), 0x6a,
    E, E,
  ],
};

test('deep recursion 100000 with a raised limit', () => {
  const ctx = new Context({ maxDepth: 200000 });
  assert.equal(run1(depthDef, [100000], ctx), [100000]);
});

test('call stack exhausted is a trap with a wasm stack', () => {
  let err: unknown = null;
  try { run1(depthDef, [100000]); } catch (e) { err = e; }
  assert.instance(err, RuntimeError);
  assert.is((err as RuntimeError).reason, 'call stack exhausted');
  const stack = (err as RuntimeError).wasmStack;
  assert.is(stack.length, 100);
  assert.ok(stack[0].startsWith('depth@0x'), stack[0]);
  assert.ok(stack[99].startsWith('... '), stack[99]);
  // the same under run()
  const inst = instantiate(makeModule([depthDef]));
  const ctx = new Context({ maxDepth: 500 });
  ctx.start(inst.funcs[0], [1000]);
  assert.is(ctx.run(1e9), Status.Trapped);
  assert.is((ctx.error as RuntimeError).reason, 'call stack exhausted');
  // the context is reusable
  assert.equal(ctx.invoke(inst.funcs[0], [10]), [10]);
});

test('host function call with raw values', () => {
  const seen: unknown[] = [];
  const host = FuncInst.host(sig([I32, I64], [I64]), (args, call) => {
    seen.push(...args, call.caller !== null);
    return (args[1] as bigint) * 2n + BigInt(args[0] as number);
  });
  const m = makeModule([{ type: sig([I32], [I64]), code: [...get(0), ...i64c(21n), ...call(0), E] }], [host.type]);
  const inst = instantiate(m, [host]);
  assert.equal(new Context().invoke(inst.funcs[1], [3]), [45n]);
  assert.equal(seen, [3, 21n, true]);
});

test('host calls back into wasm; a nested trap is catchable and the stacks recover', () => {
  let caught: unknown = null;
  let inst!: Instance;
  const host = FuncInst.host(sig([I32], [I32]), (args, call) => {
    const ctx = call.context as Context;
    const x = args[0] as number;
    try {
      ctx.invoke(inst.funcs[2], [x]); // divides 100 by x: traps for 0
    } catch (e) { caught = e; }
    return (ctx.invoke(inst.funcs[2], [x + 1])[0] as number) + 1000;
  });
  const m = makeModule([
    // f1(x) = 5 + host(x) (keeps a value on the stack across the call)
    { type: sig([I32], [I32]), code: [...i32c(5), ...get(0), ...call(0), 0x6a, E] },
    // f2(x) = 100 / x
    { type: sig([I32], [I32]), code: [...i32c(100), ...get(0), 0x6d, E], name: 'div' },
  ], [sig([I32], [I32])]);
  inst = instantiate(m, [host]);
  const ctx = new Context();
  assert.equal(ctx.invoke(inst.funcs[1], [0]), [5 + 1000 + 100]);
  assert.instance(caught, RuntimeError);
  assert.is((caught as RuntimeError).reason, 'integer divide by zero');
  assert.ok((caught as RuntimeError).wasmStack[0].startsWith('div@'));
  assert.equal(ctx.invoke(inst.funcs[1], [4]), [5 + 1000 + 20]);
});

test('host BLOCK: run() returns Blocked and retries the call', () => {
  let ready = false, calls = 0;
  const host = FuncInst.host(sig([I32], [I32]), (args) => {
    calls++;
    return ready ? (args[0] as number) * 3 : BLOCK;
  });
  const m = makeModule([{ type: sig([I32], [I32]), code: [...i32c(1), ...get(0), ...call(0), 0x6a, E] }], [host.type]);
  const inst = instantiate(m, [host]);
  const ctx = new Context();
  ctx.start(inst.funcs[1], [7]);
  assert.is(ctx.run(1000), Status.Blocked);
  assert.is(ctx.run(1000), Status.Blocked);
  ready = true;
  assert.is(ctx.run(1000), Status.Done);
  assert.equal(ctx.results, [22]);
  assert.is(calls, 3);
});

test('stores bounds-check and mark dirty pages; memory.grow', () => {
  const mem = new Memory(1, 2);
  const m = makeModule([
    // store(addr, v): i32.store offset=0
    { type: sig([I32, I32], []), code: [...get(0), ...get(1), 0x36, 2, 0, E] },
    // load(addr)
    { type: sig([I32], [I32]), code: [...get(0), 0x28, 2, 0, E] },
    // grow(n)
    { type: sig([I32], [I32]), code: [...get(0), 0x40, 0, E] },
    // i64 store at addr with offset 4
    { type: sig([I32, I64], []), code: [...get(0), ...get(1), 0x37, 3, 4, E] },
  ]);
  const inst = instantiate(m, [], mem);
  const ctx = new Context();
  ctx.invoke(inst.funcs[0], [0x2ffe, 0x11223344]); // straddles pages 2 and 3
  assert.equal(Array.from(mem.dirty.subarray(0, 5)), [0, 0, 1, 1, 0]);
  assert.equal(ctx.invoke(inst.funcs[1], [0x2ffe]), [0x11223344]);
  assert.throws(() => ctx.invoke(inst.funcs[0], [65533, 1]), (e: RuntimeError) => e.reason === 'out of bounds memory access');
  assert.throws(() => ctx.invoke(inst.funcs[1], [-1]), (e: RuntimeError) => e.reason === 'out of bounds memory access');
  assert.equal(ctx.invoke(inst.funcs[2], [1]), [1]);
  assert.equal(ctx.invoke(inst.funcs[2], [1]), [-1]);
  ctx.invoke(inst.funcs[0], [65536 + 100, 42]);
  assert.equal(ctx.invoke(inst.funcs[1], [65536 + 100]), [42]);
  assert.is(mem.dirty[16], 1);
  ctx.invoke(inst.funcs[3], [0x8000 - 8, -1n]); // bytes 0x7ffc..0x8003: pages 7 and 8
  assert.is(mem.dirty[7], 1);
  assert.is(mem.dirty[8], 1);
  assert.is(mem.dirty[9], 0);
  assert.equal(ctx.invoke(inst.funcs[1], [0x8000 - 4]), [-1]);
});

test('cross-instance calls switch memories', () => {
  const memA = new Memory(1, null), memB = new Memory(1, null);
  memA.u8[0] = 11;
  memB.u8[0] = 22;
  // B: loadB() = mem[0] (B's memory)
  const mb = makeModule([{ type: sig([], [I32]), code: [...i32c(0), 0x2d, 0, 0, E] }]);
  const instB = instantiate(mb, [], memB);
  // A: f() = mem[0] * 100 + importedB() + mem[0]
  const ma = makeModule([{
    type: sig([], [I32]),
    code: [...i32c(0), 0x2d, 0, 0, ...i32c(100), 0x6c, ...call(0), 0x6a, ...i32c(0), 0x2d, 0, 0, 0x6a, E],
  }], [sig([], [I32])]);
  const instA = instantiate(ma, [instB.funcs[0]], memA);
  assert.equal(new Context().invoke(instA.funcs[1], []), [1100 + 22 + 11]);
});

test('select, local.tee and multi-value block params', () => {
  // (select (local.get 0) (local.get 1) (local.get 2))
  const sel = { type: sig([I64, I64, I32], [I64]), code: [...get(0), ...get(1), ...get(2), 0x1b, E] };
  assert.equal(run1(sel, [1n, 2n, 1]), [1n]);
  assert.equal(run1(sel, [1n, 2n, 0]), [2n]);
  // swap via a block with params [i32 i32] -> [i32 i32], then subtract
  const m = makeModule([{
    type: sig([I32, I32], [I32]),
    code: [...get(0), ...get(1), 0x02, 1, ...set(0), ...set(1), ...get(0), ...get(1), E, 0x6b, E],
  }]);
  m.types.push(sig([I32, I32], [I32, I32])); // type 1 used by the block
  const inst = instantiate(m);
  assert.equal(new Context().invoke(inst.funcs[0], [10, 3]), [3 - 10]);
  // tee: (local.tee 1 (i32.add (local.get 0) (i32.const 1))) * local 1
  const t = { type: sig([I32], [I32]), locals: [{ count: 1, type: I32 }], code: [...get(0), ...i32c(1), 0x6a, ...tee(1), ...get(1), 0x6c, E] };
  assert.equal(run1(t, [4]), [25]);
});

test('multi-value return from a local swap (result moves do not clobber)', () => {
  const def = { type: sig([I32, I32], [I32, I32]), code: [...get(1), ...get(0), E] };
  assert.equal(run1(def, [1, 2]), [2, 1]);
  const def2 = { type: sig([I32, I32], [I32, I32]), code: [...get(1), ...get(0), 0x0f, E] };
  assert.equal(run1(def2, [3, 4]), [4, 3]);
});

test('local.set of a local still on the stack keeps the old value', () => {
  // local.get 0; (local.set 0 (i32.const 5)); local.get 0; i32.sub  => old - 5
  const def = { type: sig([I32], [I32]), code: [...get(0), ...i32c(5), ...set(0), ...get(0), 0x6b, E] };
  assert.equal(run1(def, [12]), [7]);
  // through a fused result: local.get 0; (local.set 0 (i32.add (local.get 0) (i32.const 1))); local.get 0; sub
  const def2 = { type: sig([I32], [I32]), code: [...get(0), ...get(0), ...i32c(1), 0x6a, ...set(0), ...get(0), 0x6b, E] };
  assert.equal(run1(def2, [12]), [-1]);
});

test('fuel: yields inside recursion resume correctly', () => {
  const inst = instantiate(makeModule([fibDef]));
  const ctx = new Context();
  ctx.start(inst.funcs[0], [15]);
  let slices = 0;
  while (ctx.run(7) === Status.Yielded) slices++;
  assert.is(ctx.status, Status.Done);
  assert.equal(ctx.results, [610]);
  assert.ok(slices > 100, `slices ${slices}`);
});

test('nested host recursion ends in call stack exhausted, not a RangeError', () => {
  let inst!: Instance;
  const host = FuncInst.host(sig([I32], [I32]), (args, call) =>
    (call.context as Context).invoke(inst.funcs[1], [(args[0] as number) + 1])[0]);
  // f(x) = host(x)
  const m = makeModule([{ type: sig([I32], [I32]), code: [...get(0), ...call(0), E] }], [sig([I32], [I32])]);
  inst = instantiate(m, [host]);
  const ctx = new Context({ maxDepth: 1e9 });
  assert.throws(() => ctx.invoke(inst.funcs[1], [0]), (e: unknown) => e instanceof RuntimeError && e.reason === 'call stack exhausted');
  // and the context still works
  const m2 = makeModule([fibDef]);
  assert.equal(ctx.invoke(instantiate(m2).funcs[0], [10]), [55]);
});

test('bulk memory operations mark dirty pages', () => {
  const mem = new Memory(1, null);
  const fc = (sub: number) => [0xfc, sub];
  const m = makeModule([
    // fill(d, v, n)
    { type: sig([I32, I32, I32], []), code: [...get(0), ...get(1), ...get(2), ...fc(11), 0, E] },
    // copy(d, s, n)
    { type: sig([I32, I32, I32], []), code: [...get(0), ...get(1), ...get(2), ...fc(10), 0, 0, E] },
  ]);
  const inst = instantiate(m, [], mem);
  const ctx = new Context();
  ctx.invoke(inst.funcs[0], [0x1ff0, 7, 0x2020]); // pages 1..4
  assert.equal(Array.from(mem.dirty.subarray(0, 6)), [0, 1, 1, 1, 1, 0]);
  assert.is(mem.u8[0x1ff0], 7);
  mem.clearDirty();
  ctx.invoke(inst.funcs[1], [0x9000, 0x2000, 0x10]);
  assert.equal(Array.from(mem.dirty.subarray(0, 10)), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  assert.is(mem.u8[0x9000], 7);
  mem.clearDirty();
  assert.throws(() => ctx.invoke(inst.funcs[0], [65530, 1, 7]), (e: RuntimeError) => e.reason === 'out of bounds memory access');
  assert.equal(Array.from(mem.dirty).filter(x => x).length, 0);
  ctx.invoke(inst.funcs[0], [65536, 1, 0]); // zero length at the end is fine
});

test('a host call whose nested activation makes host calls resumes at its own call site', () => {
  // f(x) = 100 + outer(x) + 7, outer(x) = invoke g(x) + 1, g(x) = 10 * inner(x + 1 + 2), inner(x) = x * 2
  // (g's call site is further into its code than f's: resuming f at g's position would skip the 100)
  let inst!: Instance;
  const inner = FuncInst.host(sig([I32], [I32]), (args) => (args[0] as number) * 2);
  const outer = FuncInst.host(sig([I32], [I32]), (args, call) =>
    ((call.context as Context).invoke(inst.funcs[3], [args[0]])[0] as number) + 1);
  const m = makeModule([
    { type: sig([I32], [I32]), code: [...i32c(100), ...get(0), ...call(1), 0x6a, ...i32c(7), 0x6a, E] },
    { type: sig([I32], [I32]), code: [...get(0), ...i32c(1), 0x6a, ...i32c(2), 0x6a, ...call(0), ...i32c(10), 0x6c, E] },
  ], [sig([I32], [I32]), sig([I32], [I32])]);
  inst = instantiate(m, [inner, outer]);
  const ctx = new Context();
  assert.equal(ctx.invoke(inst.funcs[2], [3]), [100 + 121 + 7]);
  ctx.start(inst.funcs[2], [4]);
  assert.is(ctx.run(1000), Status.Done);
  assert.equal(ctx.results, [100 + 141 + 7]);
});

test.run();

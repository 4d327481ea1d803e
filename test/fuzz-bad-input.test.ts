// Bad input, by mutation: real modules (the C fixtures, bench kernels, hand-written WAT covering every
// section) with random bytes changed, inserted, removed or cut off. Whatever the bytes, compile()
// either succeeds or throws CompileError; instantiate() with stub imports succeeds or throws
// LinkError/RuntimeError; every exported function runs with a fuel bound and either finishes, runs
// out of fuel, or traps with a RuntimeError. Never another exception type, never a hang. Seeded, so a
// failure names the seed and iteration that reproduce it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compile, instantiate, watToBinary, hostFunction, createMemory, createTable, createGlobal, defaultRaw,
  CompileError, LinkError, RuntimeError, Context, Status, FuncInst, ExternKind, fromRaw, type Module,
} from '../interpreter/index.js';
import { mulberry32 } from '../src/threads/mulberry32.js';

import { fixture } from './fixtures/locate.js';

const WAT = [
  `(module
    (type $t (func (param i32) (result i32)))
    (import "env" "f" (func $f (type $t)))
    (import "env" "m" (memory 1 2))
    (import "env" "g" (global $g (mut i32)))
    (table $tab 4 funcref)
    (global $h (mut i64) (i64.const 7))
    (elem (i32.const 0) $f $sq)
    (data (i32.const 16) "hello")
    (func $sq (type $t) (i32.mul (local.get 0) (local.get 0)))
    (func (export "run") (result i32) (local i32)
      (local.set 0 (call_indirect (type $t) (i32.const 3) (i32.const 1)))
      (block $b (loop $l
        (br_if $b (i32.ge_u (local.get 0) (i32.const 100)))
        (local.set 0 (i32.add (local.get 0) (i32.load8_u (i32.const 16))))
        (global.set $g (local.get 0))
        (br $l)))
      (memory.fill (i32.const 100) (i32.const 1) (i32.const 10))
      (drop (memory.grow (i32.const 1)))
      (global.set $h (i64.extend_i32_u (local.get 0)))
      (i32.add (local.get 0) (call $f (i32.const 2))))
    (start $sq2)
    (func $sq2 (drop (call $sq (i32.const 3)))))`,
  `(module
    (memory 1) (table 2 externref)
    (func (export "f64") (param f64 f64) (result f64 i32)
      (f64.div (local.get 0) (local.get 1)) (i32.trunc_sat_f64_s (local.get 0)))
    (func (export "refs") (param externref) (result i32)
      (table.set (i32.const 1) (local.get 0)) (ref.is_null (table.get (i32.const 0))))
    (func (export "div") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
    (func (export "sel") (param i32) (result i32)
      (select (i32.const 1) (i32.const 2) (local.get 0)))
    (func (export "tbl") (param i32) (result i32)
      (block $a (block $b (block $c (br_table $a $b $c (local.get 0))) (return (i32.const 3))) (return (i32.const 2)))
      (i32.const 1)))`,
];

function seedModules(): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = WAT.map((w, i) => [`wat ${i}`, watToBinary(w)]);
  const dir = dirname(fixture('counter.wasm'));
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.wasm')).sort()) out.push([f, readFileSync(`${dir}/${f}`)]);
  return out;
}

function mutate(b: Uint8Array, r: () => number): Uint8Array {
  const out = Array.from(b);
  const n = 1 + (r() % 4);
  for (let k = 0; k < n; k++) {
    const op = r() % 5, p = r() % out.length;
    if (op === 0) out[p] = r() & 255;
    else if (op === 1) out[p] ^= 1 << (r() % 8);
    else if (op === 2) out.splice(p, 1);
    else if (op === 3) out.splice(p, 0, r() & 255);
    else out.length = Math.max(8, p);
  }
  return new Uint8Array(out);
}

function stubImports(m: Module): Record<string, Record<string, unknown>> {
  const mods: Record<string, Record<string, unknown>> = {};
  for (const im of m.imports) {
    const d = im.desc;
    let v: unknown;
    if (d.kind === ExternKind.Func) {
      const t = m.types[d.typeIndex];
      v = hostFunction(t, () => (t.results.length === 1 ? defaultRaw(t.results[0]) : t.results.map((x) => defaultRaw(x))));
    } else if (d.kind === ExternKind.Table) v = createTable(d.type.elem, d.type.limits.min, d.type.limits.max);
    else if (d.kind === ExternKind.Memory) v = createMemory(d.type.limits.min, d.type.limits.max, d.type.limits.shared);
    else v = createGlobal(d.type.type, d.type.mutable, defaultRaw(d.type.type));
    (mods[im.module] ??= {})[im.name] = v;
  }
  return mods;
}

test('mutated modules: only typed errors, bounded time', () => {
  const seeds = seedModules();
  assert.ok(seeds.length >= 10, 'fixtures found');
  const SEED = Number(process.env.WASMLET_FUZZ_SEED ?? 20261207), ITERATIONS = 2000;
  const r = mulberry32(SEED);
  const counts = { compiled: 0, rejected: 0, instantiated: 0, linkFailed: 0, done: 0, outOfFuel: 0, trapped: 0 };
  for (let it = 0; it < ITERATIONS; it++) {
    // Half from the small hand-written modules (every section, quick to run), half from the fixtures.
    const [name, b] = seeds[r() % 2 === 0 ? r() % WAT.length : r() % seeds.length];
    const bytes = mutate(b, r);
    const where = `seed ${SEED}, iteration ${it}, from ${name}`;
    let m: Module;
    try { m = compile(bytes); counts.compiled++; } catch (e) {
      if (!(e instanceof CompileError)) assert.unreachable(`${where}: compile threw ${(e as Error)?.stack ?? e}`);
      counts.rejected++;
      continue;
    }
    let inst;
    try { inst = instantiate(m, stubImports(m) as never); counts.instantiated++; } catch (e) {
      if (!(e instanceof LinkError || e instanceof RuntimeError)) assert.unreachable(`${where}: instantiate threw ${(e as Error)?.stack ?? e}`);
      counts.linkFailed++;
      continue;
    }
    for (const [ename, v] of inst.exports) {
      if (!(v instanceof FuncInst)) continue;
      const ctx = new Context();
      ctx.start(v, v.type.params.map((p) => defaultRaw(p)));
      const st = ctx.run(100_000);
      if (st === Status.Done) counts.done++;
      else if (st === Status.Yielded) counts.outOfFuel++;
      else if (st === Status.Trapped) {
        if (!(ctx.error instanceof RuntimeError)) assert.unreachable(`${where}: export ${ename} failed with ${(ctx.error as Error)?.stack ?? ctx.error}`);
        counts.trapped++;
      } else assert.unreachable(`${where}: export ${ename} ended with status ${st}`);
    }
  }
  // The mutations reach every stage (else the test would prove little). (Instantiation failures are
  // rare with matching stubs: not required.)
  for (const k of ['compiled', 'rejected', 'instantiated', 'done', 'outOfFuel', 'trapped'] as const) {
    assert.ok(counts[k] > 0, `${k}: ${JSON.stringify(counts)}`);
  }
});

test('mutated modules: compile() accepts exactly what V8\'s WebAssembly.validate accepts', () => {
  // Differential check of the decoder and validator against Node's native engine (WebAssembly 2.0
  // modules in; V8 in Node 20 enables no later proposal by default). Out of the test: 150,000
  // mutations of the 2.0 suite's 1,157 modules agreed, none accepted by one side only.
  const native = (globalThis as { WebAssembly?: { validate(b: Uint8Array): boolean } }).WebAssembly;
  assert.ok(native !== undefined, 'this test needs Node\'s native WebAssembly (run without --jitless)');
  const seeds = seedModules();
  const SEED = Number(process.env.WASMLET_FUZZ_SEED ?? 7), ITERATIONS = 4000; // (another seed: WASMLET_FUZZ_SEED)
  const r = mulberry32(SEED);
  let valid = 0, later = 0;
  const POST_2_0 = /illegal opcode (0x)?(06|07|08|09|12|13|18|19|fd)\b|malformed section id|SIMD/;
  for (let it = 0; it < ITERATIONS; it++) {
    const [name, b] = seeds[r() % 2 === 0 ? r() % WAT.length : r() % seeds.length];
    const bytes = mutate(b, r);
    let ours: boolean, why = '';
    try { compile(bytes); ours = true; } catch (e) {
      if (!(e instanceof CompileError)) assert.unreachable(`seed ${SEED}, iteration ${it}, from ${name}: ${(e as Error)?.stack ?? e}`);
      ours = false;
      why = (e as Error).message;
    }
    const theirs = native.validate(bytes);
    // V8 in Node 20 also accepts a few constructs of later proposals that WebAssembly 2.0 does not
    // have (legacy exception handling's try/catch/throw/rethrow/delegate/catch_all, tail calls, SIMD, the tag
    // section): a module that only those make valid is rightly rejected here.
    if (!ours && theirs && POST_2_0.test(why)) { later++; continue; }
    if (ours !== theirs) {
      assert.unreachable(`seed ${SEED}, iteration ${it}, from ${name}: wasmlet ${ours ? 'accepts' : `rejects (${why})`}, V8 ${theirs ? 'accepts' : 'rejects'}`);
    }
    if (ours) valid++;
  }
  assert.ok(valid > 0, 'some mutated modules stay valid');
  assert.ok(later < ITERATIONS / 100, `${later} disagreements put down to later proposals`);
});

test('mutated modules that stay valid run as in V8: same results, traps in the same places', () => {
  // Differential execution against Node's native engine: every exported function with numeric
  // parameters is called with zeros on both, with stub imports (host functions returning zeros,
  // fresh tables, memories and globals); wasmlet's run is bounded by fuel, and V8 is only asked
  // when wasmlet finished (the same code then ends in V8 too). Results compare by value (NaN as
  // NaN, -0 as -0), traps by being traps. Out of the test: 38,795 calls from mutated 2.0 suite
  // modules, no difference.
  const W = (globalThis as { WebAssembly?: any }).WebAssembly;
  assert.ok(W !== undefined, 'this test needs Node\'s native WebAssembly (run without --jitless)');
  const seeds = seedModules();
  const SEED = Number(process.env.WASMLET_FUZZ_SEED ?? 11), ITERATIONS = 3000;
  const r = mulberry32(SEED);
  let compared = 0;
  const norm = (v: unknown): unknown => (typeof v === 'number' && Number.isNaN(v) ? 'NaN'
    : typeof v === 'bigint' ? `${v}n` : Object.is(v, -0) ? '-0' : v);
  const NUM: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' };
  for (let it = 0; it < ITERATIONS; it++) {
    const [name, b] = seeds[r() % 2 === 0 ? r() % WAT.length : r() % seeds.length];
    const bytes = mutate(b, r);
    let m: Module;
    try { m = compile(bytes); } catch { continue; }
    // Stub imports on both sides (numeric only; anything else: skip the module).
    const ours: Record<string, Record<string, unknown>> = {}, theirs: Record<string, Record<string, unknown>> = {};
    let ok = true;
    for (const im of m.imports) {
      const d = im.desc;
      let o: unknown, t: unknown;
      if (d.kind === ExternKind.Func) {
        const ty = m.types[d.typeIndex];
        if (ty.results.length > 1 || ty.results.some((x) => !(x in NUM))) { ok = false; break; }
        const rt = ty.results[0];
        o = hostFunction(ty, () => (ty.results.length ? defaultRaw(rt) : undefined));
        t = () => (ty.results.length === 0 ? undefined : rt === 0x7e ? 0n : 0);
      } else if (d.kind === ExternKind.Table) {
        if (d.type.elem !== 0x70) { ok = false; break; }
        o = createTable(d.type.elem, d.type.limits.min, d.type.limits.max);
        t = new W.Table({ element: 'anyfunc', initial: d.type.limits.min, maximum: d.type.limits.max ?? undefined });
      } else if (d.kind === ExternKind.Memory) {
        if (d.type.limits.shared) { ok = false; break; }
        o = createMemory(d.type.limits.min, d.type.limits.max);
        t = new W.Memory({ initial: d.type.limits.min, maximum: d.type.limits.max ?? undefined });
      } else {
        const vt = d.type.type;
        if (!(vt in NUM)) { ok = false; break; }
        o = createGlobal(vt, d.type.mutable, defaultRaw(vt));
        t = new W.Global({ value: NUM[vt], mutable: d.type.mutable }, vt === 0x7e ? 0n : 0);
      }
      (ours[im.module] ??= {})[im.name] = o;
      (theirs[im.module] ??= {})[im.name] = t;
    }
    if (!ok) continue;
    const where = `seed ${SEED}, iteration ${it}, from ${name}`;
    let inst, vinst: any, oerr: unknown = null, verr: unknown = null;
    try { inst = instantiate(m, ours as never); } catch (e) { oerr = e; }
    try { vinst = new W.Instance(new W.Module(bytes), theirs); } catch (e) { verr = e; }
    if ((oerr === null) !== (verr === null)) {
      assert.unreachable(`${where}: instantiation ${oerr === null ? 'succeeds' : `fails (${(oerr as Error).message})`} here, ${verr === null ? 'succeeds' : `fails (${(verr as Error).message})`} in V8`);
    }
    if (inst === undefined) continue;
    for (const [ename, v] of inst.exports) {
      if (!(v instanceof FuncInst)) continue;
      const ty = v.type;
      if (ty.params.some((x) => !(x in NUM)) || ty.results.some((x) => !(x in NUM))) continue;
      const ctx = new Context();
      ctx.start(v, ty.params.map((x) => defaultRaw(x)));
      const st = ctx.run(100_000);
      if (st === Status.Yielded) continue;
      const mine = st === Status.Done ? JSON.stringify(ctx.results.map((x, i) => norm(fromRaw(ty.results[i], x)))) : 'trap';
      let native: string;
      try {
        const res = vinst.exports[ename](...ty.params.map((x) => (x === 0x7e ? 0n : 0)));
        native = JSON.stringify((ty.results.length === 0 ? [] : ty.results.length === 1 ? [res] : res).map(norm));
      } catch { native = 'trap'; }
      compared++;
      if (mine !== native) assert.unreachable(`${where}: export ${ename} gives ${mine} here, ${native} in V8${st === Status.Trapped ? ` (${(ctx.error as Error).message})` : ''}`);
    }
  }
  assert.ok(compared > 50, `compared ${compared} calls`);
});

test.run();

// Tests of the threads proposal in the engine: every atomic operator against a BigInt model (i64
// through the int32-pair representation), alignment and bounds traps, validation and decoding, dirty
// pages, and memory.atomic.wait/notify: without a scheduler, and with a test Waiter and two contexts
// driven by run(fuel) (test/fixtures/wat/wait-notify.wat).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BLOCK, CompileError, Context, OPS, RuntimeError, Status, WaitResult, compile, decodeModule, getFunc,
  getMemory, instantiate, invoke, watToBinary, type Instance, type Memory, type Waiter,
} from '../interpreter/index.js';
import { compileFunc } from '../interpreter/compile/compiler.js';
import { disassemble } from '../interpreter/compile/disasm.js';

// ---- helpers ----

function load(wat: string): Instance { return instantiate(compile(wat)); }

function fixtureText(name: string): string {
  const rel = join('test', 'fixtures', 'wat', name);
  let dir = dirname(fileURLToPath(import.meta.url));
  const tried = [join(process.cwd(), rel)];
  for (;;) { tried.push(join(dir, rel)); const up = dirname(dir); if (up === dir) break; dir = up; }
  const p = tried.find(existsSync);
  if (!p) throw new Error(`fixture ${name} not found`);
  return readFileSync(p, 'utf8');
}

function trapOf(f: () => unknown): string {
  try { f(); } catch (e) { if (e instanceof RuntimeError) return e.reason; throw e; }
  return '(no trap)';
}

function compileErr(f: () => unknown): CompileError {
  try { f(); } catch (e) { if (e instanceof CompileError) return e; throw e; }
  throw new Error('expected a CompileError');
}

/** The atomic memory operators (0xFE10..), from the opcode table. */
const ACCESS = OPS.filter(o => o.code >= 0xfe10);
const ty = (name: string) => name.slice(0, 3);

/** One exported function per atomic access operator, named like it, over `memDecl`. */
function allOpsModule(memDecl: string): string {
  const funcs = ACCESS.map(o => {
    const t = ty(o.name);
    const ps = o.params!.slice(1).map((p, i) => `(param $p${i} ${p})`).join(' ');
    const args = o.params!.slice(1).map((_, i) => `(local.get $p${i})`).join(' ');
    const res = o.results!.length ? `(result ${t})` : '';
    return `(func (export "${o.name}") (param $a i32) ${ps} ${res} (${o.name} (local.get $a) ${args}))`;
  });
  return `(module ${memDecl} ${funcs.join('\n')})`;
}

// A small deterministic PRNG (xorshift) for operand values.
let seed = 0x2545f491;
function rnd32(): number { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; }
function rnd64(): bigint { return (BigInt(rnd32()) << 32n) | BigInt(rnd32()); }
/** Values that stress carries, borrows and sign bits, then random ones. */
const EDGE = [0n, 1n, 0xffn, 0xffffn, 0xffffffffn, 0x80000000n, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn];
function operand(i: number): bigint { return i < EDGE.length ? EDGE[i] : rnd64(); }

function readBig(u8: Uint8Array, at: number, n: number): bigint {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(u8[at + i]);
  return v;
}
function writeBig(u8: Uint8Array, at: number, n: number, v: bigint): void {
  for (let i = 0; i < n; i++) { u8[at + i] = Number(v & 0xffn); v >>= 8n; }
}
/** An operand as the raw value invoke takes: i32 number (int32) or i64 bigint (signed). */
function raw(t: string, v: bigint): number | bigint {
  return t === 'i32' ? Number(BigInt.asIntN(32, v)) : BigInt.asIntN(64, v);
}

/** The model: [result or null, bytes written or null] for operator `name` at `addr` over `u8`. */
function model(name: string, size: number, u8: Uint8Array, addr: number, ops: bigint[]): { result: bigint | null; write: bigint | null } {
  const mask = (1n << BigInt(8 * size)) - 1n;
  const old = readBig(u8, addr, size);
  if (name.includes('.load')) return { result: old, write: null };
  if (name.includes('.store')) return { result: null, write: ops[0] & mask };
  if (name.includes('cmpxchg')) return { result: old, write: old === (ops[0] & mask) ? ops[1] & mask : null };
  const v = ops[0];
  const op = name.slice(name.lastIndexOf('.') + 1).replace('_u', '');
  const next = op === 'add' ? old + v : op === 'sub' ? old - v : op === 'and' ? old & v : op === 'or' ? old | v
    : op === 'xor' ? old ^ v : v;
  return { result: old, write: next & mask };
}

// ---- semantics ----

test('every atomic access operator matches the BigInt model (i64 as int32 pairs)', () => {
  const inst = load(allOpsModule('(memory 1 1 shared)'));
  const mem = getMemory(inst);
  let checked = 0;
  for (const o of ACCESS) {
    const size = 1 << o.align, t = ty(o.name);
    for (let k = 0; k < 40; k++) {
      // Start from a random 16-byte pattern (edge patterns first) at an aligned address in [0, 16).
      const fill = k < EDGE.length ? EDGE[k] : rnd64();
      writeBig(mem.u8, 0, 8, fill); writeBig(mem.u8, 8, 8, ~fill & 0xffffffffffffffffn);
      const addr = (rnd32() % (16 / size)) * size;
      const nOps = o.params!.length - 1;
      const ops = Array.from({ length: nOps }, (_, i) => operand(k + i * 3));
      if (o.name.includes('cmpxchg') && k % 2 === 0) ops[0] = readBig(mem.u8, addr, size) | (rnd64() << BigInt(8 * size)); // compare true, junk above the width
      const before = mem.u8.slice(0, 16);
      const want = model(o.name, size, before, addr, ops);
      const out = invoke(inst, o.name, [addr, ...ops.map(v => raw(t, v))]);
      const after = mem.u8.slice(0, 16);
      const expectBytes = before.slice();
      if (want.write !== null) writeBig(expectBytes, addr, size, want.write);
      assert.equal(Array.from(after), Array.from(expectBytes), `${o.name} memory, case ${k}`);
      if (want.result === null) assert.equal(out, [], o.name);
      else assert.equal(out, [raw(t, want.result)], `${o.name} result, case ${k}`);
      checked++;
    }
  }
  assert.ok(checked === ACCESS.length * 40 && ACCESS.length === 63, `${ACCESS.length} operators`);
});

test('i64 pair edge cases: carry, borrow, high-half compare, zero-extension', () => {
  const inst = load(allOpsModule('(memory 1 1 shared)'));
  const mem = getMemory(inst);
  const set64 = (v: bigint) => writeBig(mem.u8, 0, 8, v);
  const get64 = () => readBig(mem.u8, 0, 8);
  set64(0xffffffffn);
  assert.equal(invoke(inst, 'i64.atomic.rmw.add', [0, 1n]), [0xffffffffn]);
  assert.is(get64(), 0x100000000n);
  assert.equal(invoke(inst, 'i64.atomic.rmw.sub', [0, 1n]), [0x100000000n]);
  assert.is(get64(), 0xffffffffn);
  set64(0n);
  assert.equal(invoke(inst, 'i64.atomic.rmw.sub', [0, 1n]), [0n]);
  assert.is(get64(), 0xffffffffffffffffn);
  // Equal low halves, different high halves: no exchange.
  set64(0x1_00000005n);
  assert.equal(invoke(inst, 'i64.atomic.rmw.cmpxchg', [0, 0x2_00000005n, 7n]), [0x1_00000005n]);
  assert.is(get64(), 0x1_00000005n);
  assert.equal(invoke(inst, 'i64.atomic.rmw.cmpxchg', [0, 0x1_00000005n, -1n]), [0x1_00000005n]);
  assert.is(get64(), 0xffffffffffffffffn);
  // Narrow results are zero-extended: never negative.
  assert.equal(invoke(inst, 'i64.atomic.load32_u', [0]), [0xffffffffn]);
  assert.equal(invoke(inst, 'i32.atomic.load8_u', [0]), [0xff]);
  assert.equal(invoke(inst, 'i32.atomic.load', [0]), [-1]);
  assert.equal(invoke(inst, 'i64.atomic.rmw32.xchg_u', [4, 0n]), [0xffffffffn]);
  assert.is(get64(), 0xffffffffn);
  // Narrow cmpxchg wraps the expected value to the access width.
  assert.equal(invoke(inst, 'i32.atomic.rmw8.cmpxchg_u', [0, 0x7700ff, 0x12]), [0xff]);
  assert.is(mem.u8[0], 0x12);
  assert.equal(invoke(inst, 'i64.atomic.rmw16.cmpxchg_u', [2, 0x1234ffffn, 0xabcdn]), [0xffffn]);
  assert.is(readBig(mem.u8, 2, 2), 0xabcdn);
});

test('atomic.fence compiles to nothing and runs', () => {
  const inst = load('(module (func (export "f") (result i32) atomic.fence (atomic.fence) (i32.const 7)))');
  assert.equal(invoke(inst, 'f', []), [7]);
  const code = (getFunc(inst, 'f').compiled ?? compileFunc(getFunc(inst, 'f')));
  assert.not.match(disassemble(code as never), /atomic/);
});

test('deferred operands and local.set fusion with atomic results', () => {
  const inst = load(`(module (memory 1 1 shared)
    (func (export "f") (param $a i32) (result i32) (local $x i32)
      (local.set $a (i32.atomic.rmw.add (local.get $a) (local.get $a)))  ;; result into an operand's local
      (local.set $x (i32.atomic.load (i32.const 4)))
      (i32.add (local.get $a) (local.get $x)))
    (func (export "g") (result i64) (local $v i64)
      (local.set $v (i64.const 0x1122334455667788))
      (i64.atomic.store offset=8 (i32.const 0) (local.get $v))
      (local.tee $v (i64.atomic.rmw.xor offset=8 (i32.const 0) (local.get $v)))))`);
  assert.equal(invoke(inst, 'f', [4]), [0 + 4]); // old value 0 into $a; memory[4] became 0 + 4
  assert.equal(invoke(inst, 'f', [4]), [4 + 8]); // old value 4 into $a; memory[4] became 4 + 4
  assert.equal(invoke(inst, 'g', []), [0x1122334455667788n]);
  const dis = disassemble(compileFunc(getFunc(inst, 'g')));
  assert.match(dis, /i64\.atomic\.rmw\.xor/);
  assert.match(dis, /i64\.atomic\.store/);
});

// ---- traps ----

test('misaligned atomic accesses trap "unaligned atomic"; byte accesses never do', () => {
  const inst = load(allOpsModule('(memory 1 1 shared)'));
  for (const o of ACCESS) {
    const size = 1 << o.align, t = ty(o.name);
    const args = (a: number) => [a, ...o.params!.slice(1).map(() => (t === 'i32' ? 0 : 0n))];
    if (size === 1) { assert.not.throws(() => invoke(inst, o.name, args(1)), o.name); continue; }
    for (let a = 1; a < size; a++) assert.is(trapOf(() => invoke(inst, o.name, args(a))), 'unaligned atomic', `${o.name} at ${a}`);
  }
  // The static offset counts: offset=2 on address 0 is misaligned for 4 bytes.
  const off = load('(module (memory 1 1 shared) (func (export "f") (result i32) (i32.atomic.load offset=2 (i32.const 0))))');
  assert.is(trapOf(() => invoke(off, 'f', [])), 'unaligned atomic');
});

test('atomic accesses out of bounds trap; the last aligned word is in bounds', () => {
  const inst = load(allOpsModule('(memory 1 1 shared)'));
  for (const o of ACCESS) {
    const size = 1 << o.align, t = ty(o.name);
    const args = (a: number) => [a, ...o.params!.slice(1).map(() => (t === 'i32' ? 0 : 0n))];
    assert.not.throws(() => invoke(inst, o.name, args(65536 - size)), o.name);
    assert.is(trapOf(() => invoke(inst, o.name, args(65536))), 'out of bounds memory access', o.name);
    assert.is(trapOf(() => invoke(inst, o.name, args(-size))), 'out of bounds memory access', o.name);
  }
  const w = load('(module (memory 1 1 shared) (func (export "w") (param i32) (result i32) (memory.atomic.wait32 (local.get 0) (i32.const 1) (i64.const 0))))');
  assert.is(trapOf(() => invoke(w, 'w', [65536])), 'out of bounds memory access');
  assert.is(trapOf(() => invoke(w, 'w', [2])), 'unaligned atomic');
});

test('atomics work on unshared memory; wait traps there, notify returns 0', () => {
  const inst = load(`(module (memory 1)
    (func (export "rmw") (result i32) (i32.atomic.rmw.add (i32.const 0) (i32.const 5)))
    (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
    (func (export "wait64") (result i32) (memory.atomic.wait64 (i32.const 0) (i64.const 0) (i64.const 0)))
    (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1))))`);
  assert.equal(invoke(inst, 'rmw', []), [0]);
  assert.equal(invoke(inst, 'rmw', []), [5]);
  assert.is(trapOf(() => invoke(inst, 'wait', [])), 'expected shared memory');
  assert.is(trapOf(() => invoke(inst, 'wait64', [])), 'expected shared memory');
  assert.equal(invoke(inst, 'notify', []), [0]);
});

// ---- decoding, validation, text ----

test('validation: exact natural alignment, a memory, operand types; fence needs no memory', () => {
  assert.is(compileErr(() => compile('(module (memory 1 1 shared) (func (drop (i32.atomic.load align=2 (i32.const 0)))))')).reason,
    'atomic alignment must be natural');
  assert.is(compileErr(() => compile('(module (memory 1 1 shared) (func (drop (i64.atomic.rmw.add align=4 (i32.const 0) (i64.const 0)))))')).phase,
    'invalid');
  assert.not.throws(() => compile('(module (memory 1 1 shared) (func (drop (i64.atomic.load align=8 (i32.const 0)))))'));
  // Plain loads keep the 2.0 rule (smaller alignment allowed).
  assert.not.throws(() => compile('(module (memory 1) (func (drop (i32.load align=1 (i32.const 0)))))'));
  assert.match(compileErr(() => compile('(module (func (drop (i32.atomic.load (i32.const 0)))))')).reason, /^unknown memory/);
  assert.is(compileErr(() => compile('(module (memory 1 1 shared) (func (drop (i32.atomic.rmw.add (i32.const 0) (i64.const 0)))))')).reason, 'type mismatch');
  assert.is(compileErr(() => compile('(module (memory 1 1 shared) (func (result i64) (memory.atomic.wait64 (i32.const 0) (i64.const 0) (i64.const 0))))')).reason, 'type mismatch');
  assert.not.throws(() => compile('(module (func atomic.fence))'));
});

test('binary: 0xFE opcodes decode; bad sub-opcode and fence byte are malformed', () => {
  const fn = (body: number[]) => new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00,       // type () -> ()
    0x03, 0x02, 0x01, 0x00,                   // one function
    0x05, 0x04, 0x01, 0x03, 0x01, 0x01,       // memory 1 1 shared (flag 3)
    0x0a, body.length + 4, 0x01, body.length + 2, 0x00, ...body, 0x0b,
  ]);
  const m = decodeModule(fn([0xfe, 0x03, 0x00]));
  assert.is(m.mems[0].limits.shared, true);
  assert.not.throws(() => compile(fn([0xfe, 0x03, 0x00])));
  assert.not.throws(() => compile(fn([0x41, 0x00, 0xfe, 0x10, 0x02, 0x00, 0x1a])));          // i32.atomic.load; drop
  assert.not.throws(() => compile(fn([0x41, 0x00, 0xfe, 0x90, 0x00, 0x02, 0x00, 0x1a])));    // sub-opcode as a 2-byte LEB
  const bad = compileErr(() => compile(fn([0xfe, 0x04])));
  assert.is(bad.phase, 'malformed');
  assert.match(bad.reason, /^illegal opcode/);
  assert.is(compileErr(() => compile(fn([0xfe, 0x03, 0x01]))).reason, 'zero byte expected');
  assert.is(compileErr(() => compile(fn([0x41, 0x00, 0xfe, 0x10, 0x01, 0x00, 0x1a]))).reason, 'atomic alignment must be natural');
});

test('text: shared memory types, and shared without maximum is invalid', () => {
  const b = watToBinary('(module (memory 2 3 shared))');
  assert.equal(Array.from(b.slice(-6)), [0x05, 0x04, 0x01, 0x03, 0x02, 0x03], 'limits flag 3: shared with a maximum');
  const m = compile('(module (memory 2 3 shared))');
  assert.equal(m.mems[0].limits, { min: 2, max: 3, shared: true });
  const imp = compile('(module (import "a" "b" (memory 1 2 shared)))');
  assert.is((imp.imports[0].desc as { type: { limits: { shared: boolean } } }).type.limits.shared, true);
  const e = compileErr(() => compile('(module (memory 1 shared))'));
  assert.is(e.reason, 'shared memory must have maximum');
  assert.is(e.phase, 'invalid');
  // A malformed text still reports the malformed error first.
  assert.is(compileErr(() => compile('(module (memory 1 shared) (func (bogus)))')).phase, 'malformed');
  // Linking checks sharedness both ways.
  assert.throws(() => instantiate(compile('(module (import "m" "mem" (memory 1 2 shared)))'), { m: { mem: getMemory(load('(module (memory (export "m") 1 2))'), 'm') } }));
  assert.not.throws(() => instantiate(compile('(module (import "m" "mem" (memory 1 2 shared)))'), { m: { mem: getMemory(load('(module (memory (export "m") 1 2 shared))'), 'm') } }));
});

test('text: the 1.0 forms (elem 0 (offset) …) and (data 0 (offset) …)', () => {
  const inst = load(`(module (table 2 funcref) (memory 1)
    (elem 0 (i32.const 1) $f) (data 0 (i32.const 3) "\\2a")
    (func $f (result i32) (i32.const 11))
    (func (export "t") (result i32) (call_indirect (result i32) (i32.const 1)))
    (func (export "m") (result i32) (i32.load8_u (i32.const 3))))`);
  assert.equal(invoke(inst, 't', []), [11]);
  assert.equal(invoke(inst, 'm', []), [42]);
});

test('validation option multipleTables: false rejects a second table', () => {
  const two = '(module (table 1 funcref) (table 1 funcref))';
  assert.not.throws(() => compile(two));
  assert.is(compileErr(() => compile(two, { multipleTables: false })).reason, 'multiple tables');
  assert.not.throws(() => compile('(module (table 1 funcref))', { multipleTables: false }));
});

// ---- dirty pages ----

test('every atomic write marks its page dirty; loads and failed cmpxchg do not', () => {
  const inst = load(allOpsModule('(memory 2 2 shared)'));
  const mem = getMemory(inst);
  const page = 5, addr = page * 4096 + 64;
  for (const o of ACCESS) {
    const t = ty(o.name);
    mem.clearDirty();
    const zero = t === 'i32' ? 0 : 0n, one = t === 'i32' ? 1 : 1n;
    mem.u8.fill(0, addr, addr + 8);
    const isCmp = o.name.includes('cmpxchg');
    // cmpxchg with expected 1 on memory 0: fails, so nothing is written.
    const args = [addr, ...o.params!.slice(1).map((_, i) => (isCmp && i === 0 ? one : zero))];
    invoke(inst, o.name, args);
    const dirtyPages = [...mem.dirty.keys()].filter(i => mem.dirty[i] === 1);
    const writes = !o.name.includes('.load') && !isCmp;
    assert.equal(dirtyPages, writes ? [page] : [], o.name);
    if (isCmp) { // expected 0 matches: written
      mem.clearDirty();
      invoke(inst, o.name, [addr, zero, one]);
      assert.equal([...mem.dirty.keys()].filter(i => mem.dirty[i] === 1), [page], `${o.name} (exchanged)`);
    }
  }
});

// ---- wait / notify ----

/**
 * A test scheduler's Waiter: FIFO queues per (memory, address), a manual clock in ns. A context blocks
 * until notified or until the clock passes its deadline.
 */
class TestWaiter implements Waiter {
  now = 0;
  readonly queue: { ctx: unknown; addr: number; deadline: number }[] = [];
  readonly woken = new Set<unknown>();
  calls: string[] = [];
  wait(ctx: unknown, _mem: Memory, addr: number, timeoutNs: number, resumed: boolean): WaitResult.Ok | WaitResult.TimedOut | typeof BLOCK {
    this.calls.push(`wait ${addr} ${timeoutNs} ${resumed}`);
    if (this.woken.delete(ctx)) return WaitResult.Ok;
    const i = this.queue.findIndex(e => e.ctx === ctx);
    if (i < 0) {
      if (resumed) throw new Error('resumed a wait this waiter does not know');
      if (timeoutNs <= 0) return WaitResult.TimedOut;
      this.queue.push({ ctx, addr, deadline: this.now + timeoutNs });
      return BLOCK;
    }
    if (this.now >= this.queue[i].deadline) { this.queue.splice(i, 1); return WaitResult.TimedOut; }
    return BLOCK;
  }
  notify(_ctx: unknown, _mem: Memory, addr: number, count: number): number {
    let n = 0;
    for (let i = 0; i < this.queue.length && n < count;) {
      if (this.queue[i].addr === addr) { this.woken.add(this.queue[i].ctx); this.queue.splice(i, 1); n++; } else i++;
    }
    return n;
  }
}

function threads(): { inst: Instance; mem: Memory; waiter: TestWaiter; start: (name: string, args?: unknown[]) => Context } {
  const inst = load(fixtureText('wait-notify.wat'));
  const mem = getMemory(inst, 'memory');
  const waiter = new TestWaiter();
  mem.waiter = waiter;
  const start = (name: string, args: unknown[] = []) => { const c = new Context(); c.start(getFunc(inst, name), args); return c; };
  return { inst, mem, waiter, start };
}

test('without a scheduler: not-equal 1, finite timeout 2 at once, infinite wait traps', () => {
  const inst = load(fixtureText('wait-notify.wat'));
  const mem = getMemory(inst, 'memory');
  assert.is(mem.waiter, null);
  assert.equal(invoke(inst, 'wait16', [0n]), [WaitResult.TimedOut]);
  assert.equal(invoke(inst, 'wait16', [5_000_000_000n]), [WaitResult.TimedOut]); // does not sleep 5 s
  assert.equal(invoke(inst, 'wait24_64', [1n]), [WaitResult.TimedOut]);
  assert.match(trapOf(() => invoke(inst, 'wait16', [-1n])), /^atomic wait would block forever/);
  mem.u8[16] = 1; mem.u8[28] = 1; // now the values differ (wait64 compares the high half too)
  assert.equal(invoke(inst, 'wait16', [-1n]), [WaitResult.NotEqual]);
  assert.equal(invoke(inst, 'wait24_64', [-1n]), [WaitResult.NotEqual]);
  assert.equal(invoke(inst, 'notify16', [5]), [0]);
  // A context driven by run() with no waiter on the memory: the same, and the trap ends the run.
  const c = new Context();
  c.start(getFunc(inst, 'consumer'), []);
  assert.is(c.run(1000), Status.Trapped);
  assert.match((c.error as RuntimeError).reason, /^atomic wait would block forever/);
});

test('two contexts: the consumer blocks in wait, the producer notifies, the consumer resumes', () => {
  const { waiter, mem, start } = threads();
  const consumer = start('consumer');
  assert.is(consumer.run(1000), Status.Blocked);
  assert.is(consumer.run(1000), Status.Blocked, 'still waiting: retried, blocks again');
  assert.equal(waiter.calls, ['wait 0 Infinity false', 'wait 0 Infinity true']);
  mem.clearDirty();
  const producer = start('producer', [1234]);
  assert.is(producer.run(1000), Status.Done);
  assert.equal(producer.results, [1], 'one waiter woken');
  assert.is(mem.dirty[0], 1);
  assert.is(consumer.run(1000), Status.Done);
  assert.equal(consumer.results, [1234]);
  assert.is(new DataView(mem.buffer).getInt32(4, true), 1, 'woke once');
  assert.is(waiter.queue.length, 0);
});

test('a notified wait returns 0 even though the value still matches', () => {
  const { waiter, start } = threads();
  const a = start('wait16', [-1n]);
  assert.is(a.run(100), Status.Blocked);
  const n = start('notify16', [1]);
  assert.is(n.run(100), Status.Done);
  assert.equal(n.results, [1]);
  assert.is(a.run(100), Status.Done);
  assert.equal(a.results, [WaitResult.Ok]);
  assert.is(waiter.woken.size, 0);
});

test('notify wakes at most count waiters, oldest first, only at its address', () => {
  const { waiter, start } = threads();
  const ws = [start('wait16', [-1n]), start('wait16', [-1n]), start('wait16', [-1n])];
  const other = start('wait24_64', [-1n]);
  for (const w of [...ws, other]) assert.is(w.run(100), Status.Blocked);
  const n = start('notify16', [2]);
  assert.is(n.run(100), Status.Done);
  assert.equal(n.results, [2]);
  assert.is(ws[0].run(100), Status.Done);
  assert.is(ws[1].run(100), Status.Done);
  assert.is(ws[2].run(100), Status.Blocked);
  assert.is(other.run(100), Status.Blocked);
  const n24 = start('notify24', [-1]); // count 0xffffffff: everyone
  assert.is(n24.run(100), Status.Done);
  assert.equal(n24.results, [1]);
  assert.is(other.run(100), Status.Done);
  assert.equal(other.results, [WaitResult.Ok]);
  assert.is(waiter.queue.length, 1);
});

test('a finite wait blocks and times out by the scheduler clock', () => {
  const { waiter, start } = threads();
  const a = start('wait16', [1000n]);
  assert.is(a.run(100), Status.Blocked);
  waiter.now = 999;
  assert.is(a.run(100), Status.Blocked);
  waiter.now = 1000;
  assert.is(a.run(100), Status.Done);
  assert.equal(a.results, [WaitResult.TimedOut]);
  // Timeout 0 with a matching value: timed out without blocking.
  const b = start('wait16', [0n]);
  assert.is(b.run(100), Status.Done);
  assert.equal(b.results, [WaitResult.TimedOut]);
  // Timeouts of 2^32 ns and more survive the i64 pair: hi * 2^32 + lo.
  const c = start('wait16', [0x1_00000005n]);
  assert.is(c.run(100), Status.Blocked);
  assert.is(waiter.queue[0].deadline, waiter.now + 0x1_00000005);
});

test('a synchronous invoke never blocks, even with a waiter attached', () => {
  const { inst, waiter } = threads();
  assert.equal(invoke(inst, 'wait16', [10n]), [WaitResult.TimedOut]);
  assert.match(trapOf(() => invoke(inst, 'wait16', [-1n])), /synchronous call/);
  assert.equal(waiter.calls, []);
  assert.equal(invoke(inst, 'notify16', [1]), [0]);
});

test('fuel: atomic rmw loops yield and resume like any loop', () => {
  const { start } = threads();
  const a = start('spin', [5000]);
  let slices = 0;
  while (a.run(100) === Status.Yielded) slices++;
  assert.is(a.status, Status.Done);
  assert.equal(a.results, [5000]);
  assert.ok(slices > 10, `${slices} slices`);
});

test('a blocked context can be restarted: the pending wait is forgotten', () => {
  const { inst, start } = threads();
  const a = start('wait16', [-1n]);
  assert.is(a.run(100), Status.Blocked);
  assert.is(a.waitPending, true);
  a.start(getFunc(inst, 'spin'), [3]);
  assert.is(a.waitPending, false);
  assert.is(a.run(1000), Status.Done);
});

test.run();

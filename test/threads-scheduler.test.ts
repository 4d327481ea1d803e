// Tests for the deterministic scheduler (src/threads/scheduler.ts) on small .wat modules with host
// functions written against the ThreadScheduler API: round-robin order and the trace, seeds, the
// blocking rule (block / wake / resumed), timeouts in scheduler time, the deadlock report, the barrier
// primitive, join and exit values, per-thread stack pointers on thread stacks, fuel budgets, traps
// naming the thread, and memory.atomic.wait/notify through the scheduler's Waiter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  compile, instantiate, FuncInst, Status, ValType, RuntimeError, type Instance, type ExternVal, type HostFn,
} from '../interpreter/index.js';
import { Scheduler, DeadlockError, type SchedulerOptions } from '../src/threads/scheduler.js';
import { ThreadStacks } from '../src/threads/stacks.js';
import { findThreadGlobals } from '../src/threads/thread-globals.js';
import { ModuleMemory } from '../src/memory/index.js';
import type { SchedThread } from '../syscalls/threads/scheduler-api.js';

const I32 = ValType.I32;
const host = (params: number, results: number, fn: HostFn): FuncInst =>
  FuncInst.host({ params: new Array(params).fill(I32), results: new Array(results).fill(I32) }, fn);

interface Setup { inst: Instance; sched: Scheduler; log: string[] }

/**
 * Instantiates `wat` with env imports: `spin`-free helpers a test adds through `extra(getSched)`, plus
 * log(i32) (records "tid:value"). The scheduler is created after instantiation.
 */
function setup(wat: string, opts: SchedulerOptions = {}, extra: (s: () => Scheduler) => Record<string, FuncInst> = () => ({})): Setup {
  let sched: Scheduler | null = null;
  const log: string[] = [];
  const get = (): Scheduler => sched!;
  const env: Record<string, FuncInst> = {
    log: host(1, 0, (a) => { log.push(`${get().currentId()}:${a[0] as number}`); }),
    ...extra(get),
  };
  const inst = instantiate(compile(wat), (m: string, n: string): ExternVal | undefined => (m === 'env' ? env[n] : undefined));
  sched = new Scheduler(inst, opts);
  return { inst, sched, log };
}

const fn = (inst: Instance, name: string): FuncInst => inst.exports.get(name) as FuncInst;

const SPIN = `(module
  (import "env" "log" (func $log (param i32)))
  (func (export "spin") (param $n i32) (result i32) (local $i i32)
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
    (call $log (local.get $n))
    (local.get $n)))`;

test('fixed order: threads take turns by id, one slice each, and the trace records every slice', () => {
  const { inst, sched, log } = setup(SPIN, { slice: 1000, trace: true });
  sched.beginRun();
  const ts = [2500, 2500, 2500].map((n) => sched.spawn(fn(inst, 'spin'), [n]));
  const out = sched.runUntil(() => false);
  assert.is(out.status, Status.Done);
  assert.equal(sched.trace.map((e) => `${e.tid}${e.outcome[0]}`).join(' '), '2y 3y 4y 2y 3y 4y 2d 3d 4d');
  assert.equal(log, ['2:2500', '3:2500', '4:2500']);
  assert.equal(ts.map((t) => t.exitValue), [2500, 2500, 2500]);
  assert.is(sched.traceHash().length, 64);
  assert.is(sched.stats.slices, 9);
});

test('seeds: one seed gives one schedule (trace and hash), different seeds differ', () => {
  const run = (seed: number | undefined): { trace: string; hash: string } => {
    const { inst, sched } = setup(SPIN, { slice: 700, seed, trace: true });
    sched.beginRun();
    for (const n of [3000, 5000, 2000, 4000]) sched.spawn(fn(inst, 'spin'), [n]);
    assert.is(sched.runUntil(() => false).status, Status.Done);
    return { trace: sched.trace.map((e) => `${e.tid}:${e.fuel}:${e.outcome}`).join(' '), hash: sched.traceHash() };
  };
  const a = run(42), b = run(42);
  assert.equal(a, b);
  const hashes = new Set<string>();
  for (let s = 0; s < 10; s++) hashes.add(run(s).hash);
  assert.ok(hashes.size >= 8, `seeds gave ${hashes.size} distinct schedules`);
  assert.is.not(run(undefined).hash, a.hash);
});

/** A counting semaphore written against the scheduler API, following the blocking rule. */
function semaphore(get: () => Scheduler): Record<string, FuncInst> {
  let count = 0;
  const waiting: SchedThread[] = [];
  return {
    sem_wait: host(0, 1, () => {
      const s = get();
      const r = s.resumed();
      if (r !== null) return r.value;
      if (count > 0) { count--; return 0; }
      waiting.push(s.current);
      return s.block({ kind: 'other', text: `semaphore (count ${count})` });
    }),
    sem_post: host(0, 0, () => {
      const w = waiting.shift();
      if (w !== undefined) get().wake(w, 7); else count++;
    }),
  };
}

const SEM = `(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "sem_wait" (func $wait (result i32)))
  (import "env" "sem_post" (func $post))
  (func (export "consumer") (param $n i32) (result i32) (local $sum i32)
    (loop $l
      (local.set $sum (i32.add (local.get $sum) (call $wait)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (local.get $n)))
    (local.get $sum))
  (func (export "producer") (param $n i32) (result i32)
    (loop $l (call $post) (call $log (local.get $n))
      (local.set $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l (local.get $n)))
    (i32.const 0)))`;

test('blocking rule: a blocked host call is retried after wake() and resumed() gives the wake value', () => {
  const { inst, sched } = setup(SEM, { trace: true }, semaphore);
  sched.beginRun();
  const c = sched.spawn(fn(inst, 'consumer'), [3]);
  const p = sched.spawn(fn(inst, 'producer'), [3]);
  const out = sched.runUntil(() => false);
  assert.is(out.status, Status.Done);
  // The consumer blocks first; the producer's three posts: the first wakes it (value 7), the other two
  // are counted (value 0 each when taken).
  assert.is(c.exitValue, 7);
  assert.is(p.exitValue, 0);
  assert.equal(sched.trace.map((e) => `${e.tid}${e.outcome[0]}`).join(' '), '2b 3d 2d');
});

test('deadlock: every thread blocked ends the run with an error naming each thread and its wait', () => {
  const { inst, sched } = setup(SEM, {}, semaphore);
  sched.beginRun();
  sched.spawn(fn(inst, 'consumer'), [1]);
  sched.spawn(fn(inst, 'consumer'), [2], { name: 'second consumer' });
  const t0 = Date.now();
  const out = sched.runUntil(() => false);
  assert.ok(Date.now() - t0 < 1000);
  assert.is(out.status, Status.Trapped);
  assert.instance(out.error, DeadlockError);
  const e = out.error as DeadlockError;
  assert.ok(e instanceof RuntimeError);
  assert.equal(e.blocked.map((b) => b.id), [2, 3]);
  assert.match(e.message, /deadlock: every thread is blocked/);
  assert.match(e.message, /thread 2 \(consumer\): waiting for semaphore \(count 0\)/);
  assert.match(e.message, /thread 3 \(second consumer\): waiting for semaphore/);
});

test('timeouts count scheduler time: blocked threads wake in deadline order when nothing else runs', () => {
  const times: string[] = [];
  const { inst, sched } = setup(`(module
    (import "env" "sleep" (func $sleep (param i32) (result i32)))
    (func (export "nap") (param $ns i32) (result i32) (call $sleep (local.get $ns))))`, {}, (get) => ({
    sleep: host(1, 1, (a) => {
      const s = get();
      if (s.resumed() !== null) { times.push(`${s.currentId()}@${s.now()}`); return 1; }
      return s.block({ kind: 'sleep' }, { timeoutNs: a[0] as number, timeoutValue: 1 });
    }),
  }));
  sched.beginRun();
  sched.spawn(fn(inst, 'nap'), [5000]);
  sched.spawn(fn(inst, 'nap'), [3000]);
  const t = sched.spawn(fn(inst, 'nap'), [4000]);
  const out = sched.runUntil(() => false);
  assert.is(out.status, Status.Done);
  assert.equal(times, ['3@3000', '4@4000', '2@5000']);
  assert.is(t.exitValue, 1);
  assert.is(sched.now(), 5000);
});

test('barrier primitive: the last thread to arrive gets 1, the others 0, reusable', () => {
  const got: number[] = [];
  const { inst, sched } = setup(`(module
    (import "env" "bar" (func $bar (result i32)))
    (func (export "go") (param i32) (result i32) (i32.add (call $bar) (i32.mul (call $bar) (i32.const 10)))))`, {}, (get) => ({
    bar: host(0, 1, () => {
      const v = get().barrier('team', 3);
      if (typeof v === 'number') got.push(v);
      return v;
    }),
  }));
  sched.beginRun();
  const ts = [0, 1, 2].map((i) => sched.spawn(fn(inst, 'go'), [i]));
  assert.is(sched.runUntil(() => false).status, Status.Done);
  assert.is(ts.reduce((n, t) => n + t.exitValue, 0), 11, 'one serial thread per round');
  assert.equal(got.filter((v) => v === 1).length, 2);
});

test('join returns the exit value; exitThread ends a thread early; traps name the thread', () => {
  let child: SchedThread | null = null;
  const { inst, sched } = setup(`(module
    (import "env" "spawn_child" (func $spawn (param i32)))
    (import "env" "join_child" (func $join (result i32)))
    (import "env" "quit" (func $quit (param i32)))
    (func (export "child") (param $v i32) (result i32)
      (if (i32.eq (local.get $v) (i32.const 99)) (then unreachable))
      (call $quit (i32.add (local.get $v) (i32.const 1))) (i32.const 0))
    (func (export "parent") (param $v i32) (result i32)
      (call $spawn (local.get $v)) (call $join)))`, {}, (get) => ({
    spawn_child: host(1, 0, (a) => { child = get().spawn(get().instance.exports.get('child') as FuncInst, [a[0]]); }),
    join_child: host(0, 1, () => get().join(child!)),
    quit: host(1, 0, (a) => get().exitThread(a[0] as number)),
  }));
  sched.beginRun();
  const p = sched.spawn(fn(inst, 'parent'), [41]);
  assert.is(sched.runUntil(() => false).status, Status.Done);
  assert.is(p.exitValue, 42);
  assert.is(child!.exitValue, 42);
  assert.is(child!.results.length, 0);

  sched.beginRun();
  sched.spawn(fn(inst, 'parent'), [99], { name: 'dad' });
  const out = sched.runUntil(() => false);
  assert.is(out.status, Status.Trapped);
  assert.instance(out.error, RuntimeError);
  assert.match((out.error as RuntimeError).reason, /^thread 3 \(child\): unreachable/);
});

test('thread stacks: each thread starts with __stack_pointer at its slot top and keeps it across switches', () => {
  const wat = `(module
    (memory 2)
    (global $sp (mut i32) (i32.const 65536))
    (func (export "own") (param $n i32) (result i32) (local $i i32) (local $mine i32)
      (local.set $mine (global.get $sp))
      (global.set $sp (i32.sub (global.get $sp) (i32.const 64)))
      (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
      (if (i32.ne (global.get $sp) (i32.sub (local.get $mine) (i32.const 64))) (then unreachable))
      (global.set $sp (local.get $mine))
      (local.get $mine)))`;
  const inst = instantiate(compile(wat));
  const mm = new ModuleMemory(() => inst.mems[0]);
  mm.init();
  const stacks = new ThreadStacks(mm, { stackSize: 65536, guardSize: 65536 });
  const tg = findThreadGlobals(inst);
  assert.is(tg.stackPointer, inst.globals[0]);
  const sched = new Scheduler(inst, { slice: 100, stacks, threadGlobals: tg });
  sched.beginRun();
  const ts = [0, 1, 2].map(() => sched.spawn(fn(inst, 'own'), [1000]));
  assert.is(sched.runUntil(() => false).status, Status.Done);
  assert.equal(ts.map((t) => t.exitValue), stacks.getThreadStacks());
  assert.equal(ts.map((t) => t.stackTop), stacks.getThreadStacks());
  assert.is(stacks.count, 3);
  const s0 = stacks.slot(0);
  assert.is(s0.top, s0.base + 65536 + 65536 - 16);
  for (let i = 0; i < 3; i++) {
    const s = stacks.slot(i);
    assert.ok(mm.guards.hit(s.base, 1) >= 0 && mm.guards.hit(s.stackLow - 1, 1) >= 0, 'guard below the stack');
    assert.ok(mm.guards.hit(s.stackHigh, 1) >= 0 && mm.guards.hit(s.stackHigh + 65535, 1) >= 0, 'guard above the stack');
    assert.is(mm.guards.hit(s.stackLow, s.stackHigh - s.stackLow), -1, 'the stack itself is not guarded');
  }
  assert.is(inst.globals[0].cell[0], 65536, 'the globals hold their value from before the run');
  // Slots are reused once their threads end.
  sched.beginRun();
  sched.spawn(fn(inst, 'own'), [10]);
  assert.is(sched.runUntil(() => false).status, Status.Done);
  assert.is(stacks.count, 3);
});

test('a fuel budget stops the run with Yielded', () => {
  const { inst, sched } = setup(SPIN, { slice: 1000 });
  sched.beginRun();
  sched.spawn(fn(inst, 'spin'), [100000]);
  const out = sched.runUntil(() => false, 3000);
  assert.is(out.status, Status.Yielded);
  assert.is(sched.stats.slices, 3);
});

test('memory.atomic.wait/notify through the scheduler: notify wakes the oldest, a timeout returns 2', () => {
  const { inst, sched } = setup(`(module
    (import "env" "log" (func $log (param i32)))
    (memory 1 1 shared)
    (func (export "waiter") (param $i i32) (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
    (func (export "timed") (param $i i32) (result i32)
      (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const 2500)))
    (func (export "mismatch") (param $i i32) (result i32)
      (memory.atomic.wait32 (i32.const 0) (i32.const 5) (i64.const -1)))
    (func (export "notifier") (param $n i32) (result i32)
      (memory.atomic.notify (i32.const 0) (local.get $n))))`);
  sched.beginRun();
  const w1 = sched.spawn(fn(inst, 'waiter'), [0]);
  const w2 = sched.spawn(fn(inst, 'waiter'), [0]);
  const tm = sched.spawn(fn(inst, 'timed'), [0]);
  const mm = sched.spawn(fn(inst, 'mismatch'), [0]);
  const n1 = sched.spawn(fn(inst, 'notifier'), [1]);
  assert.is(inst.mems[0].waiter, sched.waiter);
  let out = sched.runUntil(() => n1.state === 'done');
  assert.is(n1.exitValue, 1);
  assert.is(mm.exitValue, 1, 'not-equal');
  out = sched.runUntil(() => w1.state === 'done' && tm.state === 'done');
  assert.is(out.status, Status.Done);
  assert.is(w1.exitValue, 0);
  assert.is(tm.exitValue, 2);
  assert.is(sched.now(), 2500);
  assert.is(w2.state, 'blocked');
  out = sched.runUntil(() => false);
  assert.instance(out.error, DeadlockError);
  assert.match((out.error as Error).message, /futex \(memory\.atomic\.wait\) at 0x0/);
});


test('thread stacks: a team reserves its slots in one growth of memory; exact counts otherwise', () => {
  const inst = instantiate(compile('(module (memory 2) (global $sp (mut i32) (i32.const 65536)))'));
  const mm = new ModuleMemory(() => inst.mems[0]);
  mm.init();
  let grows = 0;
  const grow = mm.growMemory.bind(mm);
  mm.growMemory = (n: number) => { grows++; return grow(n); };
  const stacks = new ThreadStacks(mm, { stackSize: 65536, guardSize: 65536, maxSlots: 6 });
  assert.equal(stacks.createThreadStacks(0), []);
  assert.is(grows, 0);
  stacks.reserve(4);
  assert.is(grows, 1);
  assert.is(stacks.count, 4);
  const tops = stacks.getThreadStacks();
  for (let i = 1; i < 4; i++) assert.is(tops[i] - tops[i - 1], 3 * 65536, 'slots are contiguous, guard | stack | guard each');
  for (let i = 0; i < 4; i++) {
    const s = stacks.slot(i);
    assert.ok(mm.guards.hit(s.base, 1) >= 0 && mm.guards.hit(s.stackHigh, 1) >= 0);
    assert.is(mm.guards.hit(s.stackLow, s.stackHigh - s.stackLow), -1);
  }
  const a = stacks.acquire(), b = stacks.acquire();
  assert.is(grows, 1); // reserved slots are used first
  stacks.reserve(2); // two are still free: nothing to do
  assert.is(grows, 1);
  stacks.reserve(3); // one more needed
  assert.is(grows, 2);
  assert.is(stacks.count, 5);
  stacks.release(a); stacks.release(b);
  assert.throws(() => stacks.createThreadStacks(2), /no thread stack left \(6 slots at most, 5 exist, 2 more asked for\)/);
  assert.is(stacks.count, 5); // a refused request creates nothing
  assert.throws(() => stacks.createThreadStacks(-1), /not a slot count/);
});

test.run();

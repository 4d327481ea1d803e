// Tests for pthreads C programs (test/fixtures/pt_*.c, built with the project's pthread.h) and the
// wasi-threads .wat fixture run through WasmModule and `wasmlet run`: each result equals its
// sequential reference, the POSIX error codes, the deadlock report within a second, a stack overflow
// trapping on the guard page and naming the thread, 20 runs with one seed byte-identical (output and
// schedule hash), 20 seeds all correct; and the module's thread API (executeTask/executePthread/
// executeThreads, createThreadStacks/getThreadStacks, getPthreadMutex/getOrCreatePthreadMutex).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmModule, TRAP_EXIT_CODE } from '../src/module/wasm-module.js';
import { createMessage, ThreadRequestType, type BatchExecuteRequest } from '../src/module/message.js';
import { FileFunctionStore } from '../src/module/function-store.js';
import { UnknownMutexError } from '../syscalls/threads/index.js';
import { fixture, cliPath } from './fixtures/locate.js';

interface Run { code: number; stdout: string; error: string | null; hash: string; slices: number; ms: number }

function load(file: string, seed?: number): WasmModule {
  const m = new WasmModule({ store: new FileFunctionStore(file), captureStdout: true, threads: { seed } });
  m.bindToFunction(createMessage('t', file), false);
  return m;
}

function run(name: string, seed?: number, cmdline = ''): Run {
  const file = name.endsWith('.wat') ? fixture(`wat/${name}`) : fixture(name);
  const m = load(file, seed);
  const msg = createMessage('t', file, { cmdline });
  const t0 = performance.now();
  const code = m.executeFunction(msg);
  return { code, stdout: msg.stdout, error: msg.error, hash: m.scheduler.traceHash(), slices: m.scheduler.stats.slices, ms: performance.now() - t0 };
}

const EXPECTED: Record<string, RegExp> = {
  'pt_counter.wasm': /^counter 20000 expected 20000\nreturn values 60 expected 60\norder [a-d]{20}\n$/,
  'pt_prodcons.wasm': /^consumed 600 expected 600\nsum 659700 expected 659700\norder hash [0-9a-f]{8}\n$/,
  'pt_rwlock.wasm': /^a 200 expected 200, b 400 expected 400\nreads 900 expected 900, invariant broken 0 times\nreaders at once: several\n/,
  'pt_barrier.wasm': /^init with count 0: error\nerrors 0 expected 0\nserial threads 12 expected 12\n$/,
  'pt_keys.wasm': /^once routine ran 1 time\(s\) expected 1\ndestructors 5 expected 5, sum 15 expected 15\nmain's value NULL\nmismatches 0\ndelete: 0, delete again: error\n$/,
  'pt_recursion.wasm': /^depth sum 18003000 expected 18003000\n$/,
  // First malloc inside a thread, built without pthread.h's malloc-initialising constructor: wasmlet
  // initialises the allocator before the first thread stack is grown (else the heap and the stacks
  // overlap and dlmalloc traps on a guard page).
  'pt_nohdr_malloc.wasm': /^heap checks failed: 0\n$/,
};

for (const [name, re] of Object.entries(EXPECTED)) {
  test(`${name}: the result equals the sequential reference`, () => {
    const r = run(name);
    assert.is(r.error, null);
    assert.match(r.stdout, re);
    assert.is(r.code, 0);
  });
}

test('pt_rwlock.wasm: try-lock and misuse error codes', () => {
  assert.ok(run('pt_rwlock.wasm').stdout.endsWith([
    'trywrlock while read-locked: EBUSY', 'tryrdlock while read-locked: 0', 'unlock when not held: EPERM',
    'rdlock while write-locked by self: EDEADLK', 'destroy: 0', ''].join('\n')));
});

test('pt_errors.wasm: mutex types, POSIX error codes, timed waits, join/detach/exit, attributes', () => {
  const r = run('pt_errors.wasm');
  assert.is(r.error, null);
  assert.is(r.code, 0);
  assert.is(r.stdout, [
    'mutexattr type 1',
    'recursive lock x3: 0 0 0',
    'recursive unlock x3: 0 0 0, again: EPERM',
    'errorcheck lock: 0, relock: EDEADLK',
    'destroy while locked: EBUSY',
    'errorcheck unlock: 0, unlock again: EPERM',
    'trylock held by another thread: EBUSY',
    'timedlock held by another thread: ETIMEDOUT',
    'errorcheck unlock by non-owner: EPERM',
    'cond wait without the mutex: EPERM',
    'cond timedwait: ETIMEDOUT, mutex held again: yes',
    'join helper: 0, value 7',
    'join again: ESRCH',
    'pthread_exit value 42',
    "thread's self equals its id: 1, main is 1, equal(self, self) 1",
    'join self: EDEADLK',
    'join unknown: ESRCH',
    'default stack size 1048576',
    'stack size too small: EINVAL',
    'stack size 65536',
    'detach state 1',
    'join detached: EINVAL',
    'detach: 0, again: EINVAL',
    'spin lock 0, trylock EBUSY, unlock 0',
    'sched_yield 0',
    '',
  ].join('\n'));
});

test('pt_deadlock.wasm: ends within a second with the deadlock report naming every thread and mutex', () => {
  const r = run('pt_deadlock.wasm');
  assert.ok(r.ms < 1000, `took ${r.ms} ms`);
  assert.is(r.code, TRAP_EXIT_CODE);
  const m = /mutex a (0x[0-9a-f]+), mutex b (0x[0-9a-f]+)/.exec(r.stdout);
  assert.ok(m !== null, r.stdout);
  const [, a, b] = m!;
  assert.ok(r.error !== null);
  const e = r.error!;
  assert.match(e, /^deadlock: every thread is blocked/);
  assert.ok(e.includes('thread 1 (main): waiting for join of thread 2'), e);
  assert.ok(e.includes(`thread 2 (first): waiting for mutex ${b} (held by thread 3 (second))`), e);
  assert.ok(e.includes(`thread 3 (second): waiting for mutex ${a} (held by thread 2 (first))`), e);
  for (let seed = 0; seed < 5; seed++) assert.match(run('pt_deadlock.wasm', seed).error ?? '', /^deadlock/);
});

test('pt_recursion.wasm overflow: the thread hits its guard page and the trap names it', () => {
  const r = run('pt_recursion.wasm', undefined, 'overflow');
  assert.is(r.code, TRAP_EXIT_CODE);
  assert.match(r.error ?? '', /^thread 2 \(forever\) overflowed its stack \(1048576 bytes at 0x[0-9a-f]+\): out of bounds memory access: guard page at 0x/);
  assert.not.match(r.stdout, /not reached/);
});

test('wasi-threads: thread-spawn, wait/notify, per-thread globals, a timeout in scheduler time', () => {
  const r = run('wasi_threads.wat');
  assert.is(r.stdout, 'ok 100000\n');
  assert.is(r.code, 0);
  assert.ok(r.slices > 8, 'the threads span several slices');
  for (let seed = 0; seed < 5; seed++) assert.is(run('wasi_threads.wat', seed).code, 0);
});

test('one seed, 20 runs: byte-identical output and the same schedule hash', () => {
  for (const name of ['pt_prodcons.wasm', 'pt_counter.wasm']) {
    const first = run(name, 1234);
    for (let i = 0; i < 19; i++) {
      const r = run(name, 1234);
      assert.is(r.stdout, first.stdout);
      assert.is(r.hash, first.hash);
    }
    const fixed = run(name);
    for (let i = 0; i < 3; i++) assert.is(run(name).hash, fixed.hash, 'the fixed order is reproducible too');
  }
});

test('20 different seeds: every run correct, and the schedules differ', () => {
  for (const name of ['pt_prodcons.wasm', 'pt_counter.wasm', 'pt_rwlock.wasm', 'pt_barrier.wasm', 'pt_keys.wasm']) {
    const hashes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const r = run(name, seed);
      assert.is(r.code, 0, `${name} seed ${seed}: ${r.error}`);
      assert.match(r.stdout, EXPECTED[name], `${name} seed ${seed}`);
      hashes.add(r.hash);
    }
    assert.ok(hashes.size >= 15, `${name}: ${hashes.size} distinct schedules`);
  }
  const orders = new Set<string>();
  for (let seed = 1; seed <= 20; seed++) orders.add(run('pt_prodcons.wasm', seed).stdout);
  assert.ok(orders.size > 1, 'the consumption order depends on the seed');
});

test('invocations with reset in between: thread stacks created during a run are dropped and made again', () => {
  const file = fixture('pt_prodcons.wasm');
  const m = load(file);
  const size0 = m.getMemorySizeBytes();
  assert.equal(m.getThreadStacks(), []);
  for (let i = 0; i < 3; i++) {
    const msg = createMessage('t', file);
    assert.is(m.executeFunction(msg), 0);
    assert.match(msg.stdout, EXPECTED['pt_prodcons.wasm']);
    assert.is(m.getThreadStacks().length, 5);
    m.reset();
    assert.is(m.getMemorySizeBytes(), size0);
    assert.equal(m.getThreadStacks(), []);
  }
});

const tmp = mkdtempSync(join(tmpdir(), 'wasmlet-threads-'));
const BATCH_WAT = `(module
  (import "env" "pthread_mutex_lock" (func $lock (param i32) (result i32)))
  (import "env" "pthread_mutex_unlock" (func $unlock (param i32) (result i32)))
  (import "env" "pthread_barrier_init" (func $binit (param i32 i32 i32) (result i32)))
  (import "env" "pthread_barrier_wait" (func $bwait (param i32) (result i32)))
  (memory (export "memory") 2)
  (global $__stack_pointer (mut i32) (i32.const 65536))
  (table 4 funcref)
  (elem (i32.const 1) $work $meet $sp)
  ;; work(n): adds n to the word at 1024 under the mutex at 512; returns n * 2.
  (func $work (param $n i32) (result i32)
    (drop (call $lock (i32.const 512)))
    (i32.store (i32.const 1024) (i32.add (i32.load (i32.const 1024)) (local.get $n)))
    (drop (call $unlock (i32.const 512)))
    (i32.mul (local.get $n) (i32.const 2)))
  ;; meet(n): waits at the barrier at 256 (of 2 threads); returns n.
  (func $meet (param $n i32) (result i32) (drop (call $bwait (i32.const 256))) (local.get $n))
  ;; sp(): this thread's stack pointer.
  (func $sp (param i32) (result i32) (global.get $__stack_pointer))
  (func (export "setup") (drop (call $binit (i32.const 256) (i32.const 0) (i32.const 2))))
  (func (export "total") (result i32) (i32.load (i32.const 1024)))
  (func (export "_start")))`;

test('module API: executeTask / executePthread / executeThreads on thread-pool slots, thread stacks, mutexes', () => {
  const file = join(tmp, 'batch.wat');
  writeFileSync(file, BATCH_WAT);
  const m = load(file);
  assert.equal(m.getThreadStacks(), []);
  const tops = m.createThreadStacks(2);
  assert.equal(m.getThreadStacks(), tops);
  const msg = (fn: number, arg: number) => createMessage('t', file, { funcPtr: fn, threadArgs: [arg] });
  const req: BatchExecuteRequest = { type: 'threads', subType: ThreadRequestType.PTHREAD, messages: [msg(1, 5), msg(1, 7), msg(3, 0)] };
  assert.is(m.executeTask(0, 0, req), 10);
  assert.is(m.executeTask(1, 1, req), 14);
  assert.is(m.executeTask(1, 2, req), tops[1], 'message 2 ran on the stack of slot 1');
  assert.is(m.executePthread(0, msg(3, 0)), tops[0]);
  assert.equal(m.invokeExport('total'), [12]);
  // A batch runs its threads together: two threads meet at a barrier (one at a time would deadlock).
  m.invokeExport('setup');
  const pair: BatchExecuteRequest = { type: 'threads', subType: ThreadRequestType.PTHREAD, messages: [msg(2, 1), msg(2, 2)] };
  assert.equal(m.executeThreads(pair), [1, 2]);
  const lone = msg(2, 3);
  assert.is(m.executePthread(0, lone), TRAP_EXIT_CODE);
  assert.match(lone.error ?? '', /^deadlock: every thread is blocked.*\n {2}thread 2 \(.*\): waiting for barrier 0x100 of 2 threads/);
  // Mutexes are host objects keyed by guest address.
  assert.throws(() => m.getPthreadMutex(4096), (e: unknown) => e instanceof UnknownMutexError);
  const mu = m.getOrCreatePthreadMutex(4096);
  assert.is(m.getPthreadMutex(4096), mu);
  assert.is(mu.owner, null);
  // A function message in a batch of functions runs as an invocation.
  const fnReq: BatchExecuteRequest = { type: 'functions', subType: ThreadRequestType.UNSET, messages: [createMessage('t', file)] };
  assert.is(m.executeTask(0, 0, fnReq), 0);
});

test('wasmlet run: the thread host attaches by itself; --seed and --schedule-hash', () => {
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [cliPath(), 'run', ...args], { maxBuffer: 1 << 24 });
    return { code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
  };
  const a = cli(['--seed', '5', '--schedule-hash', fixture('pt_prodcons.wasm')]);
  const b = cli(['--seed', '5', '--schedule-hash', fixture('pt_prodcons.wasm')]);
  assert.is(a.code, 0);
  assert.match(a.out, EXPECTED['pt_prodcons.wasm']);
  assert.match(a.err, /^wasmlet: schedule [0-9a-f]{64} \(\d+ slices, 5 threads\)\n$/);
  assert.equal(a, b);
  const d = cli([fixture('pt_deadlock.wasm')]);
  assert.is(d.code, TRAP_EXIT_CODE);
  assert.match(d.err, /wasmlet: trap: deadlock: every thread is blocked/);
  assert.match(cli(['--seed', 'x', fixture('pt_counter.wasm')]).err, /bad --seed/);
});

test('pt_nohdr_malloc.wasm: allocator initialised before the first stack, under 10 seeds, and after a reset', () => {
  for (let seed = 1; seed <= 10; seed++) {
    const r = run('pt_nohdr_malloc.wasm', seed);
    assert.is(r.error, null, `seed ${seed}`);
    assert.is(r.stdout, 'heap checks failed: 0\n', `seed ${seed}`);
  }
  const file = fixture('pt_nohdr_malloc.wasm');
  const m = load(file, 4);
  for (let i = 0; i < 3; i++) {
    const msg = createMessage('t', file);
    assert.is(m.executeFunction(msg), 0);
    assert.is(msg.stdout, 'heap checks failed: 0\n');
    m.reset();
  }
});

test.run();

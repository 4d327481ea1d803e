// Tests for the OpenMP host (syscalls/openmp) through WasmModule: the C fixtures (every schedule with
// 4- and 8-byte loop variables, every reduction operator, critical/atomic/barrier/single/master/
// masked/sections/ordered/nowait/num_threads/locks, nested parallel with inner teams of one) print
// each result next to its sequential reference and end "ALL OK"; team sizes 1, 3, 4 and 6; the team
// size from --threads, OMP_NUM_THREADS or the default 4; the same seed gives byte-identical output and
// the same schedule hash 20 times; 20 seeds all give correct results.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import type { ThreadOptions } from '../src/threads/runtime.js';
import { fixture } from './fixtures/locate.js';

const FIXTURES = ['omp_loops', 'omp_reduce', 'omp_sync', 'omp_nested'];
const store = new MapFunctionStore();
for (const f of [...FIXTURES, 'omp_tasks', 'omp_libc']) store.set('omp', f, readFileSync(fixture(`${f}.wasm`)));

interface Run { code: number; stdout: string; error: string | null; hash: string }

function bind(fn: string, threads: ThreadOptions = {}, env: Record<string, string> = {}): WasmModule {
  const m = new WasmModule({ store, captureStdout: true, threads, env });
  m.bindToFunction(createMessage('omp', fn));
  return m;
}

function run(m: WasmModule, fn: string): Run {
  const msg = createMessage('omp', fn);
  const code = m.executeFunction(msg);
  const r = { code, stdout: msg.stdout, error: msg.error, hash: m.scheduler.traceHash() };
  m.reset(msg);
  return r;
}

/** Lines of a fixture's output that are not "... ok" or the closing line. */
function failures(out: string): string[] {
  return out.split('\n').filter((l) => l !== '' && !/ ok$/.test(l) && l !== 'ALL OK' && !/^threads \d+$/.test(l) && !/owners hash/.test(l));
}

function assertAllOk(r: Run, what: string): void {
  assert.is(r.error, null, `${what}: ${r.error}`);
  assert.equal(failures(r.stdout), [], what);
  assert.ok(r.stdout.endsWith('ALL OK\n'), `${what}: ${r.stdout.slice(-200)}`);
  assert.is(r.code, 0, what);
}

for (const f of FIXTURES) {
  test(`${f}: every result equals the sequential reference (teams of 4, 1, 3 and OMP_NUM_THREADS=6)`, () => {
    assertAllOk(run(bind(f), f), `${f} default`);
    assertAllOk(run(bind(f, { threads: 1 }), f), `${f} --threads 1`);
    assertAllOk(run(bind(f, { threads: 3 }), f), `${f} --threads 3`);
    assertAllOk(run(bind(f, {}, { OMP_NUM_THREADS: '6' }), f), `${f} OMP_NUM_THREADS=6`);
  });
}

test('team size: --threads, else OMP_NUM_THREADS, else 4', () => {
  const size = (threads: ThreadOptions, env: Record<string, string>): string =>
    /threads (\d+)/.exec(run(bind('omp_loops', threads, env), 'omp_loops').stdout)![1];
  assert.is(size({}, {}), '4');
  assert.is(size({}, { OMP_NUM_THREADS: '6' }), '6');
  assert.is(size({ threads: 3 }, { OMP_NUM_THREADS: '6' }), '3');
  assert.is(size({}, { OMP_NUM_THREADS: '2,1' }), '2');
});

test('nested parallel: inner teams of one by default, real inner teams with OMP_MAX_ACTIVE_LEVELS', () => {
  const deep = run(bind('omp_nested', { threads: 3 }, { OMP_MAX_ACTIVE_LEVELS: '3' }), 'omp_nested');
  assert.match(deep.stdout, /^nested reduction +135 ok$/m);
  assert.match(deep.stdout, /^work\(\) from parallel for +\d+ ok$/m);
  assert.match(deep.stdout, /^inner teams of one +[1-9]\d* MISMATCH$/m, 'the inner teams are not of one any more');
  assert.match(deep.stdout, /^three levels +0 MISMATCH$/m, 'no level-3 team is of one');
});

test('one seed: 20 runs give byte-identical output and the same schedule hash', () => {
  const m = bind('omp_loops', { seed: 42, slice: 500 });
  const first = run(m, 'omp_loops');
  assertAllOk(first, 'seed 42');
  for (let i = 1; i < 20; i++) {
    const r = run(m, 'omp_loops');
    assert.is(r.stdout, first.stdout, `run ${i}`);
    assert.is(r.hash, first.hash, `run ${i}`);
  }
  // A fresh module with the same seed runs the same schedule too.
  const again = run(bind('omp_loops', { seed: 42, slice: 500 }), 'omp_loops');
  assert.is(again.stdout, first.stdout);
  assert.is(again.hash, first.hash);
});

test('20 seeds: every fixture correct under every interleaving', () => {
  const hashes = new Set<string>();
  const modules = FIXTURES.map((f) => bind(f, { threads: 3 }));
  for (let seed = 1; seed <= 20; seed++) {
    for (let i = 0; i < FIXTURES.length; i++) {
      modules[i].setThreadOptions({ seed, slice: 1 + (seed * 37) % 400 });
      const r = run(modules[i], FIXTURES[i]);
      assertAllOk(r, `${FIXTURES[i]} seed ${seed}`);
      if (i === 0) hashes.add(r.hash);
    }
  }
  assert.ok(hashes.size > 10, `seeds should change the schedule (${hashes.size} distinct)`);
});

// ------------------------------------------------------------------ hand-written modules

/** A module importing OpenMP entry points directly, with `start` as the body of _start. Table:
 *  1 $ids, 2 $trap2, 3 $team. The microtasks write their findings at their shared argument. */
function watModule(start: string): string {
  return `(module
  (import "env" "__kmpc_fork_call" (func $fork (param i32 i32 i32 i32)))
  (import "env" "omp_get_thread_num" (func $tid (result i32)))
  (import "env" "omp_get_num_threads" (func $nth (result i32)))
  (import "env" "__kmpc_barrier" (func $barrier (param i32 i32)))
  (import "env" "__kmpc_single" (func $single (param i32 i32) (result i32)))
  (import "env" "omp_init_lock" (func $init_lock (param i32)))
  (import "env" "omp_set_lock" (func $set_lock (param i32)))
  (import "env" "omp_get_wtime" (func $wtime (result f64)))
  (memory (export "memory") 2)
  (global $__stack_pointer (mut i32) (i32.const 65536))
  (table 4 funcref)
  (elem (i32.const 1) $ids $trap2 $team)
  (func $ids (param $g i32) (param $b i32) (param $out i32)
    (local $at i32)
    (local.set $at (i32.add (local.get $out) (i32.shl (i32.load (local.get $b)) (i32.const 4))))
    (i32.store (local.get $at) (local.get $g))
    (i32.store offset=4 (local.get $at) (local.get $b))
    (i32.store offset=8 (local.get $at) (i32.load (local.get $g)))
    (i32.store offset=12 (local.get $at) (i32.load (local.get $b))))
  (func $trap2 (param i32 i32) (if (i32.eq (call $tid) (i32.const 2)) (then unreachable)))
  (func $team (param $g i32) (param $b i32) (param $out i32)
    (local $t i32) (local $i i32) (local $s i32)
    (local.set $t (call $tid))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $t) (i32.const 2))) (i32.add (local.get $t) (i32.const 1)))
    (call $barrier (i32.const 0) (i32.load (local.get $g)))
    (block $done (loop $l
      (br_if $done (i32.ge_s (local.get $i) (call $nth)))
      (local.set $s (i32.add (local.get $s) (i32.load (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.store (i32.add (local.get $out) (i32.add (i32.const 256) (i32.shl (local.get $t) (i32.const 2)))) (local.get $s))
    (if (call $single (i32.const 0) (i32.load (local.get $g)))
      (then (i32.store (i32.add (local.get $out) (i32.const 512))
        (i32.add (i32.load (i32.add (local.get $out) (i32.const 512))) (i32.const 1)))))
    (i32.store (i32.add (local.get $out) (i32.add (i32.const 768) (i32.shl (local.get $t) (i32.const 2)))) (call $nth)))
  (func (export "_start") ${start}))`;
}

let watCount = 0;
function bindWat(start: string, opts: ConstructorParameters<typeof WasmModule>[0] = {}): { m: WasmModule; fn: string } {
  const fn = `wat${++watCount}`;
  store.set('omp', fn, watModule(start));
  const m = new WasmModule({ store, captureStdout: true, ...opts });
  m.bindToFunction(createMessage('omp', fn));
  return { m, fn };
}

const i32s = (m: WasmModule, ptr: number, n: number): number[] => {
  const b = m.readMemory(ptr, 4 * n);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return Array.from({ length: n }, (_, i) => dv.getInt32(4 * i, true));
};

/** Forks microtask `micro` with one shared argument (out) on a team of the default size. */
const forkWith = (micro: number, out: number): string =>
  `(i32.store (i32.const 1024) (i32.const ${out})) (call $fork (i32.const 0) (i32.const 1) (i32.const ${micro}) (i32.const 1024))`;

test('fork: each thread gets &gtid and &btid on its own stack, the ids distinct', () => {
  const { m, fn } = bindWat(forkWith(1, 4096), { threads: { threads: 4 } });
  const msg = createMessage('omp', fn);
  assert.is(m.executeFunction(msg), 0, msg.error ?? '');
  const tops = m.getThreadStacks();
  const gtids = new Set<number>();
  for (let t = 0; t < 4; t++) {
    const [gp, bp, gtid, btid] = i32s(m, 4096 + 16 * t, 4);
    assert.is(btid, t);
    assert.is(bp, gp + 4);
    assert.ok(tops.includes(gp), `&gtid ${gp} is the top of a thread stack (${tops.join(', ')})`);
    gtids.add(gtid);
  }
  assert.is(gtids.size, 4);
  assert.not.ok(gtids.has(0), 'gtid 0 is the main thread');
});

test('fork: a trap in a team thread ends the program naming the thread', () => {
  const { m, fn } = bindWat('(call $fork (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 0))');
  const msg = createMessage('omp', fn);
  assert.is(m.executeFunction(msg), 134);
  assert.match(msg.error ?? '', /omp thread 2 of 4.*unreachable/);
});

test('team barrier and single inside a hand-written region', () => {
  const { m, fn } = bindWat(forkWith(3, 8192), { threads: { threads: 3 } });
  const msg = createMessage('omp', fn);
  assert.is(m.executeFunction(msg), 0, msg.error ?? '');
  assert.equal(i32s(m, 8192, 3), [1, 2, 3]);
  assert.equal(i32s(m, 8192 + 256, 3), [6, 6, 6], 'every thread saw every write from before the barrier');
  assert.equal(i32s(m, 8192 + 512, 1), [1], 'single ran once');
  assert.equal(i32s(m, 8192 + 768, 3), [3, 3, 3]);
});

test('deadlock: setting an omp lock twice ends with an error naming the lock', () => {
  const { m, fn } = bindWat('(call $init_lock (i32.const 2000)) (call $set_lock (i32.const 2000)) (call $set_lock (i32.const 2000))');
  const msg = createMessage('omp', fn);
  const t0 = Date.now();
  assert.is(m.executeFunction(msg), 134);
  assert.ok(Date.now() - t0 < 1000);
  assert.match(msg.error ?? '', /deadlock/);
  assert.match(msg.error ?? '', /omp lock 0x7d0 \(held by thread 1 \(main\)\)/);
});

test('omp_get_wtime reads the module\'s monotonic clock', () => {
  const nondet = {
    clockTime: (id: number) => (id === 1 ? 2_500_000_000n : 0n),
    clockRes: () => 1n,
    random: (b: Uint8Array) => { b.fill(0); },
    stdin: () => new Uint8Array(0),
    sleep: () => undefined,
  };
  const { m, fn } = bindWat('(f64.store (i32.const 3000) (call $wtime))', { nondet });
  assert.is(m.executeFunction(createMessage('omp', fn)), 0);
  const b = m.readMemory(3000, 8);
  assert.is(new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true), 2.5);
});

test('executeOMPThread: one thread of a team whose mates run elsewhere', () => {
  const { m, fn } = bindWat('');
  const msg = createMessage('omp', fn, { funcPtr: 3, threadArgs: [8192], ompThreadNum: 2, ompNumThreads: 4 });
  assert.is(m.executeOMPThread(1, msg), 0, msg.error ?? '');
  assert.equal(i32s(m, 8192, 4), [0, 0, 3, 0]);
  assert.equal(i32s(m, 8192 + 256 + 8, 1), [3], 'the barrier passed without the others');
  assert.equal(i32s(m, 8192 + 512, 1), [0], 'single is thread 0\'s');
  assert.equal(i32s(m, 8192 + 768 + 8, 1), [4], 'omp_get_num_threads is the team\'s size');
  m.reset();
  // Thread 0 runs the single; a bad function pointer is an error on the message.
  const zero = createMessage('omp', fn, { funcPtr: 3, threadArgs: [8192], ompThreadNum: 0, ompNumThreads: 4 });
  assert.is(m.executeTask(0, 0, { type: 'threads', subType: 2, messages: [zero] }), 0);
  assert.equal(i32s(m, 8192 + 512, 1), [1]);
  m.reset();
  const bad = createMessage('omp', fn, { funcPtr: 0, threadArgs: [8192], ompNumThreads: 2 });
  assert.throws(() => m.executeOMPThread(0, bad), /function pointer 0/);
});

test('executeOMPThreads: a batch runs as one team that synchronises', () => {
  const { m, fn } = bindWat('');
  const msgs = [0, 1, 2].map((t) => createMessage('omp', fn, { funcPtr: 3, threadArgs: [8192], ompThreadNum: t }));
  assert.equal(m.executeOMPThreads({ type: 'threads', subType: 2, messages: msgs }), [0, 0, 0]);
  assert.equal(i32s(m, 8192, 3), [1, 2, 3]);
  assert.equal(i32s(m, 8192 + 256, 3), [6, 6, 6]);
  assert.equal(i32s(m, 8192 + 512, 1), [1]);
  assert.equal(i32s(m, 8192 + 768, 3), [3, 3, 3]);
});

test('tasks: recursive, 200,000 from one loop, contended critical inside tasks, depend, nested, taskgroup, if(0), taskloop, task reductions', () => {
  // Tasks run at once on the creating thread, in place of __kmpc_omp_task (TailCall), so a task body
  // that blocks on a contended critical section is an ordinary blocked thread.
  const expected = [
    'fib_task(20) = 6765 (sequential 6765)',
    '200000 tasks: sum = 599994 (sequential 599994)',
    'depend chain: 73806 (sequential 73806)',
    'private array 1240 (expected 1240), nested 11 (11), taskgroup 8 (8), if(0) 42 (42)',
    'taskloop sum 49995000 (49995000), last 9999 (9999), step -3 167167 (167167), empty 0 (0), task reduction 310 (310)',
    'all task checks passed',
  ];
  for (const [threads, seed] of [[1, undefined], [4, undefined], [3, 7], [8, 21]] as const) {
    const m = bind('omp_tasks', { threads, seed });
    for (let i = 0; i < 2; i++) { // and again after a reset
      const r = run(m, 'omp_tasks');
      assert.is(r.error, null);
      assert.is(r.code, 0, r.stdout);
      const lines = r.stdout.trim().split('\n');
      for (const l of expected) assert.ok(lines.includes(l), `${threads} threads: missing "${l}" in\n${r.stdout}`);
      const crit = 499 * 500 / 2 * threads;
      assert.ok(lines.includes(`critical tasks: ${crit} (expected ${crit})`), r.stdout);
    }
  }
  // Slices of 50 fuel units: threads are preempted inside task bodies that hold the critical
  // section, so other threads' task bodies block on it and resume; the results stay exact.
  const m = bind('omp_tasks', { threads: 4, seed: 3, slice: 50 });
  const r = run(m, 'omp_tasks');
  assert.match(r.stdout, /critical tasks: 499000 \(expected 499000\)/);
  assert.match(r.stdout, /all task checks passed/);
});

test('malloc/realloc/free and printf in every team thread at once, no critical: not preempted inside them', () => {
  // wasi-libc has no locks in malloc or stdio; a thread is not preempted while they are on its stack
  // (src/threads/unpreemptible.ts). Slices as short as 37 fuel units: without that rule the heap is
  // corrupted (a trap in dlmalloc/dlfree) and lines interleave mid-line.
  const LINE = /^thread \d+ round \d+: a line printed whole by a team thread$/;
  for (const [slice, seed, threads] of [[37, undefined, 4], [100, 3, 4], [1000, 5, 8], [10000, 7, 3]] as const) {
    const m = bind('omp_libc', { threads, slice, seed });
    const r = run(m, 'omp_libc');
    assert.is(r.error, null, `slice ${slice}: ${r.error}`);
    assert.is(r.code, 0, r.stdout);
    const lines = r.stdout.trim().split('\n');
    assert.is(lines.pop(), 'heap checks failed: 0');
    assert.is(lines.length, threads * 6, r.stdout);
    for (const l of lines) assert.match(l, LINE);
    if (slice <= 1000) assert.ok(m.scheduler.stats.extended > 0, 'slices were extended');
  }
});

test.run();

// Threads benchmark (`npm run bench -- threads`): what a context switch of the deterministic scheduler
// costs. (1) Forced switches: two threads that call sched_yield in a loop (every call ends the slice
// and the other thread runs) against the same loop calling pthread_self (a host call that does not
// switch); the difference per call is the cost of one switch, also given as a ratio to the plain
// host call. (2) Preemption: two threads spinning in a loop with 1-unit fuel slices (a switch at every
// loop iteration) against one long slice. Both through WasmModule.executeThreads on the same module.
// (3) OpenMP (bench/openmp.ts): a region's cost, `parallel for` against the same loop run sequentially.
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage, ThreadRequestType, type BatchExecuteRequest } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import { runOpenMpBench } from './openmp.js';

const WAT = `(module
  (import "env" "sched_yield" (func $yield (result i32)))
  (import "env" "pthread_self" (func $self (result i32)))
  (memory 1)
  (global $__stack_pointer (mut i32) (i32.const 65536))
  (table 4 funcref)
  (elem (i32.const 1) $yields $selfs $spin)
  (func $yields (param $n i32) (result i32)
    (loop $l (drop (call $yield)) (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l)) (i32.const 0))
  (func $selfs (param $n i32) (result i32)
    (loop $l (drop (call $self)) (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l)) (i32.const 0))
  (func $spin (param $n i32) (result i32)
    (loop $l (local.tee $n (i32.sub (local.get $n) (i32.const 1))) (br_if $l)) (i32.const 0))
  (func (export "_start")))`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function module(): WasmModule {
  const store = new MapFunctionStore().set('bench', 'threads', WAT);
  const m = new WasmModule({ store });
  m.bindToFunction(createMessage('bench', 'threads'));
  return m;
}

/** Median ns per loop iteration (per thread) of two threads running table function `fn` n times. */
function perIteration(m: WasmModule, fn: number, n: number, minMs: number): number {
  const req = (): BatchExecuteRequest => ({
    type: 'threads', subType: ThreadRequestType.PTHREAD,
    messages: [0, 1].map(() => createMessage('bench', 'threads', { funcPtr: fn, threadArgs: [n] })),
  });
  const xs: number[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < minMs || i < 5; i++) {
    const t = performance.now();
    const codes = m.executeThreads(req());
    const dt = performance.now() - t;
    if (codes.some((c) => c !== 0)) throw new Error(`threads bench: thread failed (${codes.join(', ')})`);
    if (i > 0) xs.push((dt * 1e6) / (2 * n));
  }
  return median(xs);
}

export function runThreadsBench(minMs: number): void {
  const m = module();
  const each = Math.max(200, minMs / 4);
  const n = 20000;
  const yieldNs = perIteration(m, 1, n, each);
  const selfNs = perIteration(m, 2, n, each);
  const slices = m.scheduler.stats.slices;
  console.log('threads: context switches of the deterministic scheduler (2 threads, one module, one memory)');
  console.log(`  forced switch (sched_yield): ${yieldNs.toFixed(0)} ns per call, a host call that does not switch `
    + `(pthread_self) ${selfNs.toFixed(0)} ns: one switch ≈ ${(yieldNs - selfNs).toFixed(0)} ns, `
    + `${(yieldNs / selfNs).toFixed(1)}x a plain host call`);
  m.setThreadOptions({ slice: 1 });
  const spin1 = perIteration(m, 3, 200000, each);
  m.setThreadOptions({ slice: 1e9 });
  const spinLong = perIteration(m, 3, 200000, each);
  console.log(`  preemption: a loop iteration with a switch every fuel unit ${spin1.toFixed(0)} ns, `
    + `in one long slice ${spinLong.toFixed(1)} ns: one preemptive switch ≈ ${(spin1 - spinLong).toFixed(0)} ns, `
    + `${(spin1 / spinLong).toFixed(0)}x an iteration (default slice 10000 units: ≈ ${((spin1 - spinLong) / 10000 / spinLong * 100).toFixed(2)}% overhead)`);
  void slices;

  // OpenMP: a region's cost and `parallel for` against the same loop run sequentially (bench/openmp.ts).
  runOpenMpBench(minMs);
}

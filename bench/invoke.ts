// Function-runtime benchmarks. `invoke`: 100 invocations of a bound function that touches a few pages
// of a 64 MiB memory, with reset in between: the time per reset next to a full copy of the memory
// (what restoring without dirty tracking costs). `guards`: the cost of guard regions to wasm loads and
// stores: none, a guard above the accessed range, a guard below it (every access on the slow path).
import { readFileSync } from 'node:fs';
import { compile, instantiate, invoke } from '../interpreter/index.js';
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import { ModuleMemory, engineHasGuardHook } from '../src/memory/index.js';
import { fixture } from '../test/fixtures/locate.js';

const ms = (x: number): string => (x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(3)} ms`);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export function runInvokeBench(_minMs: number, repeat = 100): void {
  const store = new MapFunctionStore().set('bench', 'pagetouch', readFileSync(fixture('pagetouch.wasm')));
  const m = new WasmModule({ store, captureStdout: true });
  m.bindToFunction(createMessage('bench', 'pagetouch'));
  const mem = m.instance.mems[0];
  const resets: number[] = [], execs: number[] = [], pages: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const msg = createMessage('bench', 'pagetouch', { cmdline: '4' });
    const code = m.executeFunction(msg);
    if (code !== 0) throw new Error(`pagetouch failed (${code}): ${msg.stdout}${msg.error ?? ''}`);
    m.reset(msg);
    execs.push(msg.executionMs);
    resets.push(m.stats.lastResetMs);
    pages.push(m.stats.lastResetPages);
  }
  // A full copy of the memory from a snapshot copy, the way a restore without dirty pages would do it.
  const snap = mem.u8.slice();
  const copies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    mem.u8.set(snap);
    copies.push(performance.now() - t0);
  }
  const r = median(resets), c = median(copies);
  console.log(`invoke: ${repeat} invocations of pagetouch (${(mem.byteLength / 1048576).toFixed(0)} MiB memory, 4 pages touched)`);
  console.log(`  execute median ${ms(median(execs))}; reset median ${ms(r)} (mean ${ms(resets.reduce((a, b) => a + b, 0) / repeat)}), ${median(pages)} pages copied`);
  console.log(`  full memory copy median ${ms(c)}: reset is ${(c / r).toFixed(0)}x cheaper`);
}

const TOUCH = `(module (memory (export "memory") 64)
  (func (export "touch") (param $base i32) (param $n i32) (result i32)
    (local $i i32) (local $r i32)
    (loop $rounds
      (local.set $i (local.get $base))
      (loop $l
        (i32.store (local.get $i) (i32.add (i32.load (local.get $i)) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br_if $l (i32.lt_u (local.get $i) (i32.add (local.get $base) (i32.const 1048576)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $rounds (i32.lt_u (local.get $r) (local.get $n))))
    (i32.load (local.get $base))))`;

export function runGuardBench(minMs: number): void {
  const MiB = 1048576;
  const cases: { name: string; base: number; guard: number | null }[] = [
    { name: 'no guard region', base: MiB, guard: null },
    { name: 'guard above the accesses', base: MiB, guard: 3 * MiB },
    { name: 'guard below the accesses', base: MiB, guard: 65536 },
  ];
  const hook = engineHasGuardHook(instantiate(compile(TOUCH)).mems[0]);
  console.log(`guards: 1 MiB of i32 load+store per round (engine guard hook: ${hook ? 'present' : 'absent, guards do not reach wasm code'})`);
  // All instances first, warmed up, then measured in turns so JIT state is the same for each case.
  const runs = cases.map((c) => {
    const inst = instantiate(compile(TOUCH));
    const mm = new ModuleMemory(() => inst.mems[0]);
    mm.init();
    if (c.guard !== null) mm.createMemoryGuardRegion(c.guard, 4096);
    return { c, inst, best: Infinity };
  });
  for (const r of runs) invoke(r.inst, 'touch', [r.c.base, 2]);
  const t0 = performance.now();
  for (let round = 0; round < 3 || performance.now() - t0 < minMs * runs.length; round++) {
    for (const r of runs) {
      const t = performance.now();
      invoke(r.inst, 'touch', [r.c.base, 2]);
      r.best = Math.min(r.best, (performance.now() - t) / 2);
    }
  }
  for (const r of runs) console.log(`  ${r.c.name.padEnd(26)} ${ms(r.best)} per MiB round (262144 loads + stores)`);
}

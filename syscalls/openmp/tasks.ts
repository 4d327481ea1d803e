// OpenMP tasks (`task`, `taskloop`, `taskwait`, `taskgroup`, `taskyield`, `if(0)` tasks, `depend`, task
// reductions and `in_reduction`): every task is
// undeferred — it runs at once, on the thread that creates it, in the place of __kmpc_omp_task (the
// host answers TailCall, so the task's routine is an ordinary wasm call of the creating code: it may
// block on a critical section, a lock or a barrier like any code). OpenMP allows any task to be run
// at once; dependences between sibling tasks are then met by program order, and taskwait and
// taskgroup find every child task complete. Tasks add no parallelism (a `single` thread that creates
// them runs them all), which is documented in the README.
//
// The task record (kmp_task_t: shareds pointer, routine, part_id, two compiler words, then the
// task's private copies, sizeof_kmp_task_t bytes in all; then sizeof_shareds bytes of shared-variable
// pointers) is carved from the creating thread's own stack, below its __stack_pointer, so it is freed
// when the creating function returns and restores its stack pointer. A loop that creates tasks reuses
// one record: a record made by the same activation (same call depth, frame and function) whose
// stack pointer is still exactly where the last allocation left it belongs to a task that has
// finished (tasks run before control comes back), so the next one takes its place.
import { RuntimeError, TailCall, readGlobal, writeGlobal, type Memory } from '../../interpreter/index.js';
import type { Context } from '../../interpreter/index.js';
import type { OmpRuntime } from './state.js';
import { def, type OmpFns } from './define.js';
import { readI32, writeI32 } from './guest.js';

/** Where the last task record of a thread was made (see the file comment). */
interface LastRecord { depth: number; fp: number; func: unknown; sp: number; base: number; }

const LAST = Symbol('omp.lastTaskRecord');

/** kmp_task_t's fixed part in wasm32: shareds, routine, part_id, data1, data2. */
const TASK_HEADER = 20;

function checkRange(mem: Memory, ptr: number, len: number, what: string): void {
  if (ptr < 0 || ptr + len > mem.byteLength) throw new RuntimeError(`${what}: out of bounds memory access`);
  if (ptr + len > mem.fastLimit) mem.checkAccess(ptr, len); // guard pages (a thread stack's end) trap
}

export function taskFunctions(rt: OmpRuntime, fns: OmpFns): void {
  def(fns, '__kmpc_omp_task_alloc', 'iiiiii', 'i', (a) => {
    const sizeTask = (a[3] as number) >>> 0, sizeShareds = (a[4] as number) >>> 0, entry = (a[5] as number) >>> 0;
    const sched = rt.sched();
    const sp = sched.stackPointer;
    if (sp === null) throw new RuntimeError('the module has no __stack_pointer global to place the task on');
    if (sizeTask < TASK_HEADER) throw new RuntimeError(`task record of ${sizeTask} bytes is smaller than kmp_task_t (${TASK_HEADER})`);
    const th = sched.current;
    const ctx = th.context as Context;
    let spv = (readGlobal(sp) as number) >>> 0;
    const last = th.data.get(LAST) as LastRecord | undefined;
    if (last !== undefined && last.depth === ctx.depth && last.fp === ctx.fp && last.func === ctx.func && last.base === spv) {
      spv = last.sp; // the previous task of this activation has finished: reuse its place
    }
    const taskBytes = (sizeTask + 7) & ~7;
    const total = (taskBytes + sizeShareds + 15) & ~15;
    const base = spv - total;
    if (base < 0) throw new RuntimeError('stack overflow placing a task record');
    const mem = rt.memory();
    checkRange(mem, base, total, 'task record');
    mem.u8.fill(0, base, base + total);
    mem.markDirty(base, total);
    writeI32(mem, base, sizeShareds > 0 ? base + taskBytes : 0); // shareds
    writeI32(mem, base + 4, entry); // routine
    writeGlobal(sp, base | 0);
    th.data.set(LAST, { depth: ctx.depth, fp: ctx.fp, func: ctx.func, sp: spv, base });
    return base;
  });
  const run = (a: unknown[]): TailCall => {
    const task = (a[2] as number) >>> 0;
    const mem = rt.memory();
    checkRange(mem, task, TASK_HEADER, 'task record');
    const fn = rt.sched().tableFunc(readI32(mem, task + 4) >>> 0);
    if (fn.type.params.length !== 2 || fn.type.results.length !== 1) {
      throw new RuntimeError(`task routine ${fn.name} is not a (gtid, task) -> i32 function`);
    }
    return new TailCall(fn, [a[1], task | 0]);
  };
  def(fns, '__kmpc_omp_task', 'iii', 'i', run);
  // taskloop(loc, gtid, task, if, &lb, &ub, st, nogroup, sched, grainsize, task_dup): the loop's one
  // task (the record the compiler filled: bounds, private copies) runs every iteration, at once. Its
  // last-iteration flag (kmp_int32 after lb, ub and st in the record: ub's address + 16) is set, as
  // the task that runs the last iteration gets it (lastprivate copies out); an empty loop runs no task.
  def(fns, '__kmpc_taskloop', 'iiiiiiIiiIi', '', (a) => {
    const mem = rt.memory();
    const lbp = (a[4] as number) >>> 0, ubp = (a[5] as number) >>> 0, st = a[6] as bigint;
    checkRange(mem, lbp, 8, 'taskloop lower bound');
    checkRange(mem, ubp, 20, 'taskloop upper bound');
    const lb = mem.dv.getBigInt64(lbp, true), ub = mem.dv.getBigInt64(ubp, true);
    const empty = st > 0n ? ub < lb : st < 0n ? ub > lb : false;
    if (st === 0n) throw new RuntimeError('taskloop with a step of 0');
    if (empty) return undefined;
    writeI32(mem, ubp + 16, 1);
    return run(a);
  });
  // Task reductions: with every task run in turn on one thread, a task's "private copy" of a
  // reduction item may be the item itself (each contribution is combined into it directly, which
  // gives the combined result the runtime would make at the end of the taskgroup).
  def(fns, '__kmpc_taskred_init', 'iii', 'i', (a) => (a[2] as number) | 0);
  def(fns, '__kmpc_taskred_modifier_init', 'iiiii', 'i', (a) => (a[4] as number) | 0);
  def(fns, '__kmpc_task_reduction_modifier_fini', 'iii', '', () => undefined);
  def(fns, '__kmpc_task_reduction_get_th_data', 'iii', 'i', (a) => {
    const item = (a[2] as number) | 0;
    if (item === 0) throw new RuntimeError('task reduction item: a null address');
    return item;
  });
  def(fns, '__kmpc_omp_task_with_deps', 'iiiiiii', 'i', run);
  // The compiled code runs an if(0) task's routine itself, between these two.
  def(fns, '__kmpc_omp_task_begin_if0', 'iii', '', () => undefined);
  def(fns, '__kmpc_omp_task_complete_if0', 'iii', '', () => undefined);
  // Every child task has finished by the time these are reached.
  def(fns, '__kmpc_omp_taskwait', 'ii', 'i', () => 0);
  def(fns, '__kmpc_omp_wait_deps', 'iiiiii', '', () => undefined);
  def(fns, '__kmpc_taskgroup', 'ii', '', () => undefined);
  def(fns, '__kmpc_end_taskgroup', 'ii', '', () => undefined);
  def(fns, '__kmpc_omp_taskyield', 'iii', 'i', () => 0);
}

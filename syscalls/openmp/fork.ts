// Parallel regions: __kmpc_fork_call runs the outlined region (the "microtask", a table index) on a
// team of N new scheduler threads, each on a thread stack of its own, called as
// microtask(&gtid, &btid, shared0, …) — on wasm32 clang passes the variadic shared-variable
// addresses as one pointer to `argc` i32 values. The encountering thread blocks until every team
// thread has returned, then continues (faasm-semantics §6). Each thread's two ids live on its own stack.
// Team size: num_threads clause (__kmpc_push_num_threads), else the thread's nthreads-var ICV
// (omp_set_num_threads, else --threads, OMP_NUM_THREADS, 4); a region nested inside
// max-active-levels active regions (default 1) gets a team of one. Also the serialized regions of
// `if(0)`, and the thread-id queries.
import { BLOCK, RuntimeError } from '../../interpreter/index.js';
import type { SchedThread, SpawnOptions } from '../threads/scheduler-api.js';
import { def, type OmpFns } from './define.js';
import { readI32, writeI32 } from './guest.js';
import { OmpThread, THREAD_LIMIT, Team, type Fork, type OmpRuntime, type RunSched } from './state.js';

/** Size of the team a fork by `me` creates. */
export function teamSize(rt: OmpRuntime, me: OmpThread): number {
  let n = me.pushedThreads > 0 ? me.pushedThreads : me.nthreads;
  me.pushedThreads = 0;
  if (me.team.activeLevel >= rt.maxActiveLevels) n = 1;
  return Math.max(1, Math.min(n, THREAD_LIMIT));
}

/** The team of a new region nested in `me`'s current one. */
export function childTeam(me: OmpThread, size: number): Team {
  const t = me.team;
  return new Team(size, t.level + 1, t.activeLevel + (size > 1 ? 1 : 0), [...t.ancestors, me.tid], [...t.sizes, size]);
}

/** What a team thread runs: the microtask (a table index) and the shared-variable addresses. */
export interface TeamThreadSpec {
  microtask: number;
  shared: readonly number[];
  team: Team;
  tid: number;
  /** ICVs the thread starts with (the encountering thread's). */
  icv: { nthreads: number; runSched: RunSched; dynamic: boolean };
  name: string;
  /** A particular thread-stack slot (runtime use: executeOMPThread's threadPoolIdx). */
  slot?: number;
}

/**
 * Spawns one team thread: microtask(&gtid, &btid, shared…) on a thread stack of its own, with the two
 * ids stored in the 16 bytes above its initial stack pointer (inside its stack, never reached by its
 * frames, which grow down from there). The thread is spawned, then its call restarted with the id
 * pointers once its stack is known (it has not run yet).
 */
export function spawnTeamThread(rt: OmpRuntime, spec: TeamThreadSpec): SchedThread {
  const sched = rt.sched();
  const fn = sched.tableFunc(spec.microtask);
  if (fn.type.params.length !== spec.shared.length + 2) {
    throw new RuntimeError(`__kmpc_fork_call: microtask ${fn.name} takes ${fn.type.params.length} parameters, the call passes ${spec.shared.length + 2}`);
  }
  const opts: SpawnOptions & { slot?: number } = { name: spec.name, detached: true };
  if (spec.slot !== undefined) opts.slot = spec.slot;
  const th = sched.spawn(fn, [0, 0, ...spec.shared], opts);
  const top = th.stackTop;
  if (top < 0) throw new RuntimeError('__kmpc_fork_call: the module has no __stack_pointer global, so its threads have no stacks');
  const st = new OmpThread(th, spec.team, spec.icv);
  st.tid = spec.tid;
  rt.attach(th, st);
  const mem = rt.memory();
  writeI32(mem, top, st.gtid);
  writeI32(mem, top + 4, spec.tid);
  th.context.start(fn, [top, top + 4, ...spec.shared]);
  return th;
}

export function forkFunctions(rt: OmpRuntime, fns: OmpFns): void {
  def(fns, '__kmpc_fork_call', 'iiii', '', (a) => {
    const sched = rt.sched();
    const me = rt.thread();
    if (sched.resumed() !== null) return endFork(rt, me);
    const argc = a[1] as number, microtask = a[2] as number, argsPtr = (a[3] as number) >>> 0;
    const mem = rt.memory();
    const shared: number[] = [];
    for (let i = 0; i < argc; i++) shared.push(readI32(mem, argsPtr + 4 * i));
    const n = teamSize(rt, me);
    const team = childTeam(me, n);
    const fork: Fork = { team, threads: [], remaining: n };
    const caller = me.sched;
    const onEnd = (): void => {
      if (--fork.remaining === 0 && caller.state === 'blocked') sched.wake(caller, 0);
    };
    const icv = { nthreads: me.nthreads, runSched: me.runSched, dynamic: me.dynamic };
    sched.reserveStacks(n);
    for (let t = 0; t < n; t++) {
      const th = spawnTeamThread(rt, {
        microtask, shared, team, tid: t, icv,
        name: `omp thread ${t} of ${n}, level ${team.level}, forked by thread ${caller.id}`,
      });
      fork.threads.push(th);
      sched.onExit(th, onEnd);
    }
    me.fork = fork;
    return sched.block({
      kind: 'team',
      text: () => `its parallel region (${fork.remaining} of ${n} team threads still running)`,
    });
  });

  def(fns, '__kmpc_push_num_threads', 'iii', '', (a) => {
    const n = a[2] as number;
    if (n > 0) rt.thread().pushedThreads = n;
  });

  def(fns, '__kmpc_serialized_parallel', 'ii', '', () => {
    const me = rt.thread();
    me.enterSerial(childTeam(me, 1));
  });
  def(fns, '__kmpc_end_serialized_parallel', 'ii', '', () => {
    if (!rt.thread().leaveSerial()) throw new RuntimeError('__kmpc_end_serialized_parallel without __kmpc_serialized_parallel');
  });

  def(fns, '__kmpc_global_thread_num', 'i', 'i', () => rt.thread().gtid);
  def(fns, '__kmpc_bound_thread_num', 'i', 'i', () => rt.thread().tid);
  def(fns, '__kmpc_bound_num_threads', 'i', 'i', () => rt.thread().team.size);
  def(fns, '__kmpc_in_parallel', 'i', 'i', () => (rt.thread().team.activeLevel > 0 ? 1 : 0));
  def(fns, '__kmpc_ok_to_fork', 'i', 'i', () => 1);
  def(fns, '__kmpc_begin', 'ii', '', () => undefined);
  def(fns, '__kmpc_end', 'i', '', () => undefined);
}

/** The retried fork call after the team finished: the stack pointer goes back. */
function endFork(rt: OmpRuntime, me: OmpThread): typeof BLOCK | undefined {
  const f = me.fork;
  if (f === null) return undefined;
  if (f.remaining > 0) {
    // Woken early (should not happen): wait on.
    return rt.sched().block({ kind: 'team', text: `its parallel region (${f.remaining} team threads still running)` });
  }
  me.fork = null;
  return undefined;
}

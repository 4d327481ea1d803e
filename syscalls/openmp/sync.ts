// Synchronisation inside a team: barrier (the scheduler's team barrier, keyed by the team), critical
// (host locks keyed by the critical's name variable), single (the first thread of the team to reach
// the n-th single wins), copyprivate (the single's data copied to every other thread between two
// barriers), master/masked, reductions, flush and taskyield.
//
// Reductions: __kmpc_reduce(_nowait) returns 1 for every thread after taking the reduction lock (the
// "critical" method: each thread then combines its private copy into the shared variable itself) and
// __kmpc_end_reduce(_nowait) gives it back; the blocking variant then waits at the team barrier.
//
// Critical locks are re-entrant for their holder. clang leaves the `.gomp_critical_user_<name>.var`
// variables undefined in wasm objects and `--allow-undefined` places every one of them at address 0,
// so all critical sections (named or not) and the reduction lock share one key; re-entry keeps a
// critical nested in another (differently named) one, or a reduction inside a critical, working.
import { BLOCK, RuntimeError } from '../../interpreter/index.js';
import { def, type OmpFns } from './define.js';
import type { OmpRuntime, OmpThread } from './state.js';

/** The team barrier for `me` (returns BLOCK or undefined; call again on the retry). */
export function teamBarrier(rt: OmpRuntime, me: OmpThread): typeof BLOCK | undefined {
  const team = me.team;
  if (team.present <= 1) return undefined;
  const r = rt.sched().barrier(team, team.size, {
    kind: 'team', text: `the barrier of its team (level ${team.level}, ${team.size} threads)`,
  });
  return r === BLOCK ? BLOCK : undefined;
}

function enterCritical(rt: OmpRuntime, addr: number): typeof BLOCK | undefined {
  const sched = rt.sched();
  if (sched.resumed() !== null) return undefined; // woken as the new owner
  return rt.critical.get(addr).acquire(sched, true) === BLOCK ? BLOCK : undefined;
}

function leaveCritical(rt: OmpRuntime, addr: number): void {
  rt.critical.get(addr).release(rt.sched());
}

export function syncFunctions(rt: OmpRuntime, fns: OmpFns): void {
  def(fns, '__kmpc_barrier', 'ii', '', () => teamBarrier(rt, rt.thread()));

  def(fns, '__kmpc_critical', 'iii', '', (a) => enterCritical(rt, (a[2] as number) >>> 0));
  def(fns, '__kmpc_critical_with_hint', 'iiii', '', (a) => enterCritical(rt, (a[2] as number) >>> 0));
  def(fns, '__kmpc_end_critical', 'iii', '', (a) => leaveCritical(rt, (a[2] as number) >>> 0));

  def(fns, '__kmpc_single', 'ii', 'i', () => {
    const me = rt.thread();
    const team = me.team;
    if (team.size <= 1) return 1;
    if (team.remote) return me.tid === 0 ? 1 : 0;
    const key = ++me.wsCount;
    let e = team.ws.get(key);
    if (e === undefined) team.ws.set(key, e = { kind: 'single', arrived: 0 });
    if (e.kind !== 'single') throw new RuntimeError('__kmpc_single: the team\'s threads met different worksharing constructs');
    e.arrived++;
    if (e.arrived >= team.size) team.ws.delete(key);
    return e.arrived === 1 ? 1 : 0;
  });
  def(fns, '__kmpc_end_single', 'ii', '', () => undefined);

  // (loc, gtid, size, data, copy_func, didit): didit is 1 on the thread that ran the single.
  def(fns, '__kmpc_copyprivate', 'iiiiii', '', (a) => {
    const me = rt.thread();
    const team = me.team;
    if (team.present <= 1) return undefined;
    const data = a[3] as number, copy = a[4] as number, didit = (a[5] as number) !== 0;
    if (me.phase === 0) {
      const key = ++me.wsCount;
      let e = team.ws.get(key);
      if (e === undefined) team.ws.set(key, e = { kind: 'copyprivate', src: 0, departed: 0 });
      if (e.kind !== 'copyprivate') throw new RuntimeError('__kmpc_copyprivate: the team\'s threads met different worksharing constructs');
      if (didit) e.src = data;
      me.copyKey = key;
      me.phase = 1;
    }
    if (me.phase === 1) {
      // Everyone has arrived, so the single's data is published.
      if (teamBarrier(rt, me) === BLOCK) return BLOCK;
      const e = team.ws.get(me.copyKey);
      if (!didit && e !== undefined && e.kind === 'copyprivate') rt.sched().callSync(copy, [data, e.src]);
      me.phase = 2;
    }
    // Nobody leaves (and perhaps frees the single's data) before everyone has copied.
    if (teamBarrier(rt, me) === BLOCK) return BLOCK;
    const e = team.ws.get(me.copyKey);
    if (e !== undefined && e.kind === 'copyprivate' && ++e.departed >= team.size) team.ws.delete(me.copyKey);
    me.phase = 0;
    return undefined;
  });

  def(fns, '__kmpc_master', 'ii', 'i', () => (rt.thread().tid === 0 ? 1 : 0));
  def(fns, '__kmpc_end_master', 'ii', '', () => undefined);
  def(fns, '__kmpc_masked', 'iii', 'i', (a) => (rt.thread().tid === (a[2] as number) ? 1 : 0));
  def(fns, '__kmpc_end_masked', 'ii', '', () => undefined);

  // (loc, gtid, num_vars, reduce_size, reduce_data, reduce_func, lck) → 1: combine under the lock.
  const reduce = (a: unknown[]): unknown => {
    const r = enterCritical(rt, (a[6] as number) >>> 0);
    return r === BLOCK ? BLOCK : 1;
  };
  def(fns, '__kmpc_reduce_nowait', 'iiiiiii', 'i', reduce);
  def(fns, '__kmpc_reduce', 'iiiiiii', 'i', reduce);
  def(fns, '__kmpc_end_reduce_nowait', 'iii', '', (a) => leaveCritical(rt, (a[2] as number) >>> 0));
  def(fns, '__kmpc_end_reduce', 'iii', '', (a) => {
    const me = rt.thread();
    if (me.phase === 0) { leaveCritical(rt, (a[2] as number) >>> 0); me.phase = 1; }
    if (teamBarrier(rt, me) === BLOCK) return BLOCK;
    me.phase = 0;
    return undefined;
  });

  def(fns, '__kmpc_flush', 'i', '', () => undefined);
  // No tasks are ever deferred, so a taskyield or taskwait has nothing to wait for.
  def(fns, '__kmpc_omp_taskyield', 'iii', 'i', () => 0);
  def(fns, '__kmpc_omp_taskwait', 'ii', 'i', () => 0);
}

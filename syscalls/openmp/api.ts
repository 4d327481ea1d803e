// The omp_* runtime library routines (the fixtures' omp.h declares them): team and thread queries,
// the ICV setters and getters (num threads, schedule, dynamic, nesting), omp_lock_t and
// omp_nest_lock_t (host locks keyed by the lock variable's address), and omp_get_wtime /
// omp_get_wtick through the module's monotonic clock (the nondeterminism door).
import { BLOCK } from '../../interpreter/index.js';
import { def, type OmpFns } from './define.js';
import { f64Raw, writeI32 } from './guest.js';
import { THREAD_LIMIT, type OmpRuntime } from './state.js';
import type { LoopKind } from './schedule.js';

const CLOCK_MONOTONIC = 1;
const SCHED_KINDS: Record<number, LoopKind> = { 1: 'static', 2: 'dynamic', 3: 'guided', 4: 'static' };
const SCHED_NUMBERS: Record<LoopKind, number> = { 'static': 1, 'static-chunked': 1, dynamic: 2, guided: 3 };

export function apiFunctions(rt: OmpRuntime, fns: OmpFns): void {
  const me = () => rt.thread();

  def(fns, 'omp_set_num_threads', 'i', '', (a) => {
    const n = a[0] as number;
    if (n > 0) me().nthreads = Math.min(n, THREAD_LIMIT);
  });
  def(fns, 'omp_get_num_threads', '', 'i', () => me().team.size);
  def(fns, 'omp_get_max_threads', '', 'i', () => me().nthreads);
  def(fns, 'omp_get_thread_num', '', 'i', () => me().tid);
  def(fns, 'omp_get_num_procs', '', 'i', () => rt.initialIcvs().nthreads);
  def(fns, 'omp_in_parallel', '', 'i', () => (me().team.activeLevel > 0 ? 1 : 0));
  def(fns, 'omp_set_dynamic', 'i', '', (a) => { me().dynamic = (a[0] as number) !== 0; });
  def(fns, 'omp_get_dynamic', '', 'i', () => (me().dynamic ? 1 : 0));
  def(fns, 'omp_set_nested', 'i', '', (a) => { rt.initialIcvs(); rt.maxActiveLevels = (a[0] as number) !== 0 ? THREAD_LIMIT : 1; });
  def(fns, 'omp_get_nested', '', 'i', () => { rt.initialIcvs(); return rt.maxActiveLevels > 1 ? 1 : 0; });
  def(fns, 'omp_set_max_active_levels', 'i', '', (a) => {
    rt.initialIcvs();
    const n = a[0] as number;
    if (n >= 0) rt.maxActiveLevels = n;
  });
  def(fns, 'omp_get_max_active_levels', '', 'i', () => { rt.initialIcvs(); return rt.maxActiveLevels; });
  def(fns, 'omp_get_level', '', 'i', () => me().team.level);
  def(fns, 'omp_get_active_level', '', 'i', () => me().team.activeLevel);
  def(fns, 'omp_get_ancestor_thread_num', 'i', 'i', (a) => {
    const t = me(), level = a[0] as number;
    if (level < 0 || level > t.team.level) return -1;
    return level === t.team.level ? t.tid : t.team.ancestors[level];
  });
  def(fns, 'omp_get_team_size', 'i', 'i', (a) => {
    const t = me(), level = a[0] as number;
    return level < 0 || level > t.team.level ? -1 : t.team.sizes[level];
  });
  def(fns, 'omp_get_thread_limit', '', 'i', () => THREAD_LIMIT);
  def(fns, 'omp_set_schedule', 'ii', '', (a) => {
    const kind = SCHED_KINDS[(a[0] as number) & 0x7fffffff] ?? 'static';
    const chunk = Math.max(0, a[1] as number);
    me().runSched = { kind: kind === 'static' && chunk > 0 ? 'static-chunked' : kind, chunk };
  });
  def(fns, 'omp_get_schedule', 'ii', '', (a) => {
    const s = me().runSched;
    const mem = rt.memory();
    writeI32(mem, (a[0] as number) >>> 0, SCHED_NUMBERS[s.kind]);
    writeI32(mem, (a[1] as number) >>> 0, s.chunk);
  });

  // Locks: the address is the key; init forgets any earlier lock at that address.
  const addr = (a: unknown[]): number => (a[0] as number) >>> 0;
  def(fns, 'omp_init_lock', 'i', '', (a) => { rt.locks.delete(addr(a)); rt.locks.get(addr(a)); });
  def(fns, 'omp_init_lock_with_hint', 'ii', '', (a) => { rt.locks.delete(addr(a)); rt.locks.get(addr(a)); });
  def(fns, 'omp_destroy_lock', 'i', '', (a) => { rt.locks.delete(addr(a)); });
  def(fns, 'omp_set_lock', 'i', '', (a) => {
    const sched = rt.sched();
    if (sched.resumed() !== null) return undefined;
    return rt.locks.get(addr(a)).acquire(sched, false) === BLOCK ? BLOCK : undefined;
  });
  def(fns, 'omp_unset_lock', 'i', '', (a) => { rt.locks.get(addr(a)).release(rt.sched()); });
  def(fns, 'omp_test_lock', 'i', 'i', (a) => (rt.locks.get(addr(a)).tryAcquire(rt.sched(), false) ? 1 : 0));

  def(fns, 'omp_init_nest_lock', 'i', '', (a) => { rt.nestLocks.delete(addr(a)); rt.nestLocks.get(addr(a)); });
  def(fns, 'omp_init_nest_lock_with_hint', 'ii', '', (a) => { rt.nestLocks.delete(addr(a)); rt.nestLocks.get(addr(a)); });
  def(fns, 'omp_destroy_nest_lock', 'i', '', (a) => { rt.nestLocks.delete(addr(a)); });
  def(fns, 'omp_set_nest_lock', 'i', '', (a) => {
    const sched = rt.sched();
    if (sched.resumed() !== null) return undefined;
    return rt.nestLocks.get(addr(a)).acquire(sched, true) === BLOCK ? BLOCK : undefined;
  });
  def(fns, 'omp_unset_nest_lock', 'i', '', (a) => { rt.nestLocks.get(addr(a)).release(rt.sched()); });
  def(fns, 'omp_test_nest_lock', 'i', 'i', (a) => {
    const l = rt.nestLocks.get(addr(a));
    return l.tryAcquire(rt.sched(), true) ? l.count : 0;
  });

  def(fns, 'omp_get_wtime', '', 'F', () => f64Raw(Number(rt.env.clockNs(CLOCK_MONOTONIC)) / 1e9));
  def(fns, 'omp_get_wtick', '', 'F', () => f64Raw(1e-9));
}

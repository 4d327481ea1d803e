// Worksharing loops. Static schedules (and `sections`) go through __kmpc_for_static_init_{4,4u,8,8u}:
// each thread computes its own block or first chunk, no shared state. Dynamic, guided, runtime and
// every ordered loop go through __kmpc_dispatch_init/next/fini_{4,4u,8,8u}: the team shares one
// SharedLoop (keyed by the worksharing ordinal all its threads agree on) and dispatch_next hands out
// chunks. `ordered`: the ordered part of logical iteration i runs only after that of i-1 (the
// iteration that skips its ordered part still takes its turn, at dispatch_fini).
import { BLOCK } from '../../interpreter/index.js';
import { def, type OmpFns } from './define.js';
import { argInt, readInt, writeI32, writeInt } from './guest.js';
import { SharedLoop, decodeSchedule, staticSplit } from './schedule.js';
import type { OmpRuntime, OmpThread, ThreadLoop } from './state.js';

interface Variant { suffix: string; bits: 32 | 64; signed: boolean; t: string }
const VARIANTS: Variant[] = [
  { suffix: '4', bits: 32, signed: true, t: 'i' },
  { suffix: '4u', bits: 32, signed: false, t: 'i' },
  { suffix: '8', bits: 64, signed: true, t: 'I' },
  { suffix: '8u', bits: 64, signed: false, t: 'I' },
];

/** Wakes the thread (if any) waiting to run the ordered part of the loop's next iteration. */
function wakeOrdered(rt: OmpRuntime, loop: SharedLoop): void {
  const ws = rt.orderedWaiters.get(loop);
  if (ws === undefined) return;
  const i = ws.findIndex((w) => w.iter === loop.orderedNext);
  if (i < 0) return;
  const [w] = ws.splice(i, 1);
  rt.sched().wake(w.thread, 0);
}

/** Blocks the current thread until the loop's ordered turn is its iteration `iter`. */
function waitOrdered(rt: OmpRuntime, me: OmpThread, loop: SharedLoop, iter: bigint): typeof BLOCK {
  let ws = rt.orderedWaiters.get(loop);
  if (ws === undefined) rt.orderedWaiters.set(loop, ws = []);
  ws.push({ thread: me.sched, iter });
  return rt.sched().block({
    kind: 'other',
    text: () => `its turn in an ordered loop (iteration ${iter}; iteration ${loop.orderedNext} runs next)`,
  });
}

export function loopFunctions(rt: OmpRuntime, fns: OmpFns): void {
  for (const v of VARIANTS) {
    // (loc, gtid, schedtype, plastiter, plower, pupper, pstride, incr, chunk)
    def(fns, `__kmpc_for_static_init_${v.suffix}`, `iiiiiii${v.t}${v.t}`, '', (a) => {
      const me = rt.thread();
      const mem = rt.memory();
      const plast = (a[3] as number) >>> 0, plower = (a[4] as number) >>> 0;
      const pupper = (a[5] as number) >>> 0, pstride = (a[6] as number) >>> 0;
      const lb = readInt(mem, plower, v.bits, v.signed), ub = readInt(mem, pupper, v.bits, v.signed);
      const incr = argInt(a[7], v.bits, true), chunk = argInt(a[8], v.bits, true);
      const kind = decodeSchedule(a[2] as number).kind === 'static-chunked' ? 'static-chunked' : 'static';
      const r = staticSplit(kind, me.tid, me.team.size, lb, ub, incr, chunk);
      if (plast !== 0) writeI32(mem, plast, r.last ? 1 : 0);
      writeInt(mem, plower, v.bits, r.lower);
      writeInt(mem, pupper, v.bits, r.upper);
      writeInt(mem, pstride, v.bits, r.stride);
    });

    // (loc, gtid, schedule, lb, ub, st, chunk)
    def(fns, `__kmpc_dispatch_init_${v.suffix}`, `iii${v.t}${v.t}${v.t}${v.t}`, '', (a) => {
      const me = rt.thread();
      const info = decodeSchedule(a[2] as number);
      let kind = info.kind;
      let chunk = argInt(a[6], v.bits, true);
      if (info.runtime) { kind = me.runSched.kind; chunk = BigInt(me.runSched.chunk); }
      if (me.team.remote && (kind === 'dynamic' || kind === 'guided')) kind = chunk > 0n ? 'static-chunked' : 'static';
      const lb = argInt(a[3], v.bits, v.signed), ub = argInt(a[4], v.bits, v.signed);
      const st = argInt(a[5], v.bits, true);
      const team = me.team;
      const key = ++me.wsCount;
      let e = team.ws.get(key);
      if (e === undefined || e.kind !== 'loop') {
        e = { kind: 'loop', loop: new SharedLoop(kind, team.size, lb, ub, st, chunk) };
        team.ws.set(key, e);
      }
      me.loop = { loop: e.loop, key, taken: 0, cur: 0n, orderedDone: true };
    });

    // (loc, gtid, plast, plower, pupper, pstride) → 1 with a chunk, 0 when the loop is over
    def(fns, `__kmpc_dispatch_next_${v.suffix}`, 'iiiiii', 'i', (a) => {
      const me = rt.thread();
      const l: ThreadLoop | null = me.loop;
      if (l === null) return 0;
      const c = l.loop.take(me.tid, l.taken);
      if (c === null) {
        l.loop.finished++;
        if (l.loop.finished >= me.team.present) {
          me.team.ws.delete(l.key);
          rt.orderedWaiters.delete(l.loop);
        }
        me.loop = null;
        return 0;
      }
      l.taken++;
      l.cur = c.first;
      l.orderedDone = false;
      const mem = rt.memory();
      const plast = (a[2] as number) >>> 0, pstride = (a[5] as number) >>> 0;
      if (plast !== 0) writeI32(mem, plast, c.last === l.loop.trip - 1n ? 1 : 0);
      writeInt(mem, (a[3] as number) >>> 0, v.bits, l.loop.at(c.first));
      writeInt(mem, (a[4] as number) >>> 0, v.bits, l.loop.at(c.last));
      if (pstride !== 0) writeInt(mem, pstride, v.bits, l.loop.st);
      return 1;
    });

    // (loc, gtid): the end of one iteration of an ordered loop.
    def(fns, `__kmpc_dispatch_fini_${v.suffix}`, 'ii', '', () => {
      const me = rt.thread();
      const l = me.loop;
      if (l === null) return undefined;
      const resumed = rt.sched().resumed() !== null;
      if (!l.orderedDone) {
        // The iteration did not run an ordered part: it still takes its turn.
        if (!resumed && l.loop.orderedNext !== l.cur && !me.team.remote) return waitOrdered(rt, me, l.loop, l.cur);
        l.loop.orderedNext = l.cur + 1n;
        wakeOrdered(rt, l.loop);
      }
      l.cur++;
      l.orderedDone = false;
      return undefined;
    });
  }

  def(fns, '__kmpc_for_static_fini', 'ii', '', () => undefined);
  def(fns, '__kmpc_dispatch_deinit', 'ii', '', () => undefined);

  def(fns, '__kmpc_ordered', 'ii', '', () => {
    const me = rt.thread();
    const l = me.loop;
    if (l === null) return undefined; // ordered outside a dispatch loop (a team of one's static loop)
    if (rt.sched().resumed() !== null || me.team.remote) return undefined;
    if (l.loop.orderedNext !== l.cur) return waitOrdered(rt, me, l.loop, l.cur);
    return undefined;
  });

  def(fns, '__kmpc_end_ordered', 'ii', '', () => {
    const me = rt.thread();
    const l = me.loop;
    if (l === null) return;
    l.orderedDone = true;
    l.loop.orderedNext = l.cur + 1n;
    wakeOrdered(rt, l.loop);
  });
}

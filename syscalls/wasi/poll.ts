// poll_oneoff: clock subscriptions (relative or absolute) and fd read/write readiness. Descriptors
// answer at once; when none is ready the call waits until the earliest clock deadline and reports the
// clocks that expired. How it waits:
//  - no scheduler runs the module's threads (h.sleeper absent, or it cannot block the caller): the
//    process sleeps through the nondeterminism door (nondet.sleep), as a single-threaded program does;
//  - a cooperative scheduler runs them (h.sleeper): the calling thread blocks for the sleep's length
//    in scheduler time (WaitKind 'sleep'), so the other threads run meanwhile; when every thread is
//    blocked the scheduler jumps to the earliest timeout. The call is retried when the timeout fires:
//    it then sleeps for real (through the door) whatever is left of the requested time by the
//    door's monotonic clock, so the guest's clocks show at least the requested time elapsed, and
//    reports the same expired clocks as it would have without threads. Which thread runs when depends
//    on scheduler time only, never on the wall clock (docs/DECISIONS.md D31).
import type { BLOCK } from '../../interpreter/index.js';
import { Errno, WasiError } from './errno.js';
import { u32, type WasiDefs } from './call.js';
import type { WasiHost } from './host-interface.js';
import type { Guest } from './guest-memory.js';
import { ClockId, EventType, EventRwFlags, SubClockFlags } from './constants.js';
import { readSubscription, writeEvent, SUBSCRIPTION_SIZE, EVENT_SIZE, type WasiEvent } from './structs.js';

/** What a poll_oneoff blocked on the scheduler keeps for its retry. */
class PendingSleep {
  /** The door's monotonic time when the thread blocked (null: unknown, no real-time top-up). */
  start: bigint | null = null;
  constructor(
    /** Userdata of the clock subscriptions that expire at the end of the sleep, in request order. */
    readonly fired: readonly bigint[],
    /** The sleep's length (ns). */
    readonly ns: bigint,
  ) {}
}

function clockEvent(userdata: bigint): WasiEvent {
  return { userdata, error: Errno.SUCCESS, type: EventType.CLOCK, nbytes: 0n, flags: 0 };
}

function writeEvents(g: Guest, outPtr: number, countPtr: number, events: readonly WasiEvent[]): number {
  for (let i = 0; i < events.length; i++) writeEvent(g, outPtr + i * EVENT_SIZE, events[i]);
  g.setU32(countPtr, events.length);
  return Errno.SUCCESS;
}

/** The retry of a sleep blocked on the scheduler: tops the sleep up to its length in real time
 *  (by the door's monotonic clock), then reports the expired clocks. */
function finishSleep(h: WasiHost, g: Guest, outPtr: number, countPtr: number, p: PendingSleep): number {
  if (p.start !== null) {
    const now = h.nondet.clockTime(ClockId.MONOTONIC, 1n);
    if (now !== null) {
      const left = p.ns - (now - p.start);
      if (left > 0n) h.nondet.sleep(left);
    }
  }
  g.check(outPtr, p.fired.length * EVENT_SIZE);
  g.check(countPtr, 4);
  return writeEvents(g, outPtr, countPtr, p.fired.map(clockEvent));
}

/** The engine's BLOCK signal as what a WasiDef returns: callWasi and createWasiFunctions pass run()'s
 *  result through untouched, so it reaches the engine, which stops the thread and retries the call. */
function blocked(signal: typeof BLOCK): number {
  return signal as unknown as number;
}

export const pollDefs: WasiDefs = {
  poll_oneoff: {
    params: 'iiii',
    run(h, g, a) {
      const inPtr = u32(a, 0), outPtr = u32(a, 1), n = u32(a, 2), countPtr = u32(a, 3);
      const sleeper = h.sleeper ?? null;
      if (sleeper !== null) {
        const r = sleeper.resumed();
        if (r !== null && r.value instanceof PendingSleep) return finishSleep(h, g, outPtr, countPtr, r.value);
      }
      if (n === 0) return Errno.INVAL;
      g.check(inPtr, n * SUBSCRIPTION_SIZE);
      g.check(outPtr, n * EVENT_SIZE);
      g.check(countPtr, 4);
      const events: WasiEvent[] = [];
      const waiting: { userdata: bigint; remaining: bigint }[] = [];
      for (let i = 0; i < n; i++) {
        const s = readSubscription(g, inPtr + i * SUBSCRIPTION_SIZE);
        const ev: WasiEvent = { userdata: s.userdata, error: Errno.SUCCESS, type: s.type, nbytes: 0n, flags: 0 };
        if ('clockId' in s) {
          const now = h.nondet.clockTime(s.clockId, s.precision);
          if (now === null) { ev.error = Errno.INVAL; events.push(ev); continue; }
          const remaining = (s.flags & SubClockFlags.ABSTIME) !== 0 ? s.timeout - now : s.timeout;
          if (remaining <= 0n) events.push(ev);
          else waiting.push({ userdata: s.userdata, remaining });
        } else if ('fd' in s) {
          try {
            const r = h.fs.readiness(s.fd, s.type === EventType.FD_WRITE);
            ev.nbytes = r.nbytes;
            if (r.hangup) ev.flags = EventRwFlags.HANGUP;
          } catch (e) {
            if (!(e instanceof WasiError)) throw e;
            ev.error = e.errno;
          }
          events.push(ev);
        } else {
          return Errno.INVAL;
        }
      }
      if (events.length === 0) {
        let min = waiting[0].remaining;
        for (const w of waiting) if (w.remaining < min) min = w.remaining;
        const fired = waiting.filter((w) => w.remaining <= min).map((w) => w.userdata);
        if (sleeper !== null) {
          const p = new PendingSleep(fired, min);
          const signal = sleeper.block(min, p);
          if (signal !== null) {
            p.start = h.nondet.clockTime(ClockId.MONOTONIC, 1n);
            return blocked(signal);
          }
        }
        h.nondet.sleep(min);
        for (const u of fired) events.push(clockEvent(u));
      }
      return writeEvents(g, outPtr, countPtr, events);
    },
  },
};

// poll_oneoff: clock subscriptions (relative or absolute) and fd read/write readiness. Descriptors
// answer at once; when none is ready the call sleeps (through the nondeterminism door) until the
// earliest clock deadline and reports the clocks that expired.
import { Errno, WasiError } from './errno.js';
import { u32, type WasiDefs } from './call.js';
import { EventType, EventRwFlags, SubClockFlags } from './constants.js';
import { readSubscription, writeEvent, SUBSCRIPTION_SIZE, EVENT_SIZE, type WasiEvent } from './structs.js';

export const pollDefs: WasiDefs = {
  poll_oneoff: {
    params: 'iiii',
    run(h, g, a) {
      const inPtr = u32(a, 0), outPtr = u32(a, 1), n = u32(a, 2), countPtr = u32(a, 3);
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
        h.nondet.sleep(min);
        for (const w of waiting) {
          if (w.remaining <= min) {
            events.push({ userdata: w.userdata, error: Errno.SUCCESS, type: EventType.CLOCK, nbytes: 0n, flags: 0 });
          }
        }
      }
      for (let i = 0; i < events.length; i++) writeEvent(g, outPtr + i * EVENT_SIZE, events[i]);
      g.setU32(countPtr, events.length);
      return Errno.SUCCESS;
    },
  },
};

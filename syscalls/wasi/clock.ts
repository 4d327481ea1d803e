// clock_res_get and clock_time_get through the nondeterminism door (timestamps are u64 ns).
import { Errno } from './errno.js';
import { u32, s64, type WasiDefs } from './call.js';

export const clockDefs: WasiDefs = {
  clock_res_get: {
    params: 'ii',
    run(h, g, a) {
      const out = u32(a, 1);
      g.check(out, 8);
      const r = h.nondet.clockRes(u32(a, 0));
      if (r === null) return Errno.INVAL;
      g.setU64(out, r);
      return Errno.SUCCESS;
    },
  },
  clock_time_get: {
    params: 'iIi',
    run(h, g, a) {
      const out = u32(a, 2);
      g.check(out, 8);
      const t = h.nondet.clockTime(u32(a, 0), BigInt.asUintN(64, s64(a, 1)));
      if (t === null) return Errno.INVAL;
      g.setU64(out, t);
      return Errno.SUCCESS;
    },
  },
};

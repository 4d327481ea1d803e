// proc_exit (throws ExitError with the code), proc_raise (ENOSYS) and sched_yield.
import { ExitError } from '../exit-error.js';
import { Errno } from './errno.js';
import { u32, type WasiDefs } from './call.js';

export const procDefs: WasiDefs = {
  proc_exit: { params: 'i', noResult: true, run(_h, _g, a) { throw new ExitError(u32(a, 0)); } },
  proc_raise: { params: 'i', run: () => Errno.NOSYS },
  sched_yield: { params: '', run(h) { h.schedYield?.(); return Errno.SUCCESS; } },
};

// random_get: fills a guest buffer from the nondeterminism door.
import { Errno } from './errno.js';
import { u32, type WasiDefs } from './call.js';

export const randomDefs: WasiDefs = {
  random_get: {
    params: 'ii',
    run(h, g, a) {
      const ptr = u32(a, 0), len = u32(a, 1);
      const view = g.view(ptr, len);
      h.nondet.random(view);
      g.mem.markDirty(ptr, len);
      return Errno.SUCCESS;
    },
  },
};

// Sockets are not offered (faasm-semantics §3): every sock_* call answers ENOTSUP.
import { Errno } from './errno.js';
import type { WasiDefs } from './call.js';

const notSupported = () => Errno.NOTSUP;

export const sockDefs: WasiDefs = {
  sock_accept: { params: 'iii', run: notSupported },
  sock_recv: { params: 'iiiiii', run: notSupported },
  sock_send: { params: 'iiiii', run: notSupported },
  sock_shutdown: { params: 'ii', run: notSupported },
};

// Data transfer on descriptors: fd_read, fd_pread, fd_write, fd_pwrite (iovec arrays straight over
// guest memory), fd_seek, fd_tell and fd_readdir (dirent records, the last one possibly truncated).
import { Errno } from './errno.js';
import { i32, u32, s64, u64, type WasiDefs } from './call.js';
import { direntBytes } from './structs.js';
import type { Guest } from './guest-memory.js';

/** fd_read / fd_pread: `transfer` fills the iovecs at args 1 and 2; the byte count goes to arg `outArg`
 *  (checked before any byte moves) and exactly the bytes filled are marked dirty. */
function scatter(g: Guest, a: unknown[], outArg: number, transfer: (bufs: Uint8Array[]) => number): number {
  const bufs = g.iovecs(u32(a, 1), u32(a, 2));
  const out = u32(a, outArg);
  g.check(out, 4);
  const n = transfer(bufs);
  g.dirtyIovecs(bufs, n);
  g.setU32(out, n);
  return Errno.SUCCESS;
}

/** fd_write / fd_pwrite: `transfer` takes the ciovecs at args 1 and 2; the byte count goes to arg
 *  `outArg` (checked before any byte moves). */
function gather(g: Guest, a: unknown[], outArg: number, transfer: (chunks: Uint8Array[]) => number): number {
  const chunks = g.iovecs(u32(a, 1), u32(a, 2));
  const out = u32(a, outArg);
  g.check(out, 4);
  g.setU32(out, transfer(chunks));
  return Errno.SUCCESS;
}

export const fdIoDefs: WasiDefs = {
  fd_read: { params: 'iiii', run: (h, g, a) => scatter(g, a, 3, (bufs) => h.fs.read(i32(a, 0), bufs)) },
  fd_pread: { params: 'iiiIi', run: (h, g, a) => scatter(g, a, 4, (bufs) => h.fs.pread(i32(a, 0), bufs, u64(a, 3))) },
  fd_write: { params: 'iiii', run: (h, g, a) => gather(g, a, 3, (chunks) => h.fs.write(i32(a, 0), chunks)) },
  fd_pwrite: { params: 'iiiIi', run: (h, g, a) => gather(g, a, 4, (chunks) => h.fs.pwrite(i32(a, 0), chunks, u64(a, 3))) },
  fd_seek: {
    params: 'iIii',
    run(h, g, a) {
      const out = u32(a, 3);
      g.check(out, 8);
      g.setU64(out, h.fs.seek(i32(a, 0), s64(a, 1), u32(a, 2)));
      return Errno.SUCCESS;
    },
  },
  fd_tell: {
    params: 'ii',
    run(h, g, a) {
      const out = u32(a, 1);
      g.check(out, 8);
      g.setU64(out, h.fs.tell(i32(a, 0)));
      return Errno.SUCCESS;
    },
  },
  fd_readdir: {
    params: 'iiiIi',
    run(h, g, a) {
      const buf = u32(a, 1), len = u32(a, 2), out = u32(a, 4);
      g.check(buf, len);
      g.check(out, 4);
      let used = 0;
      for (const e of h.fs.readdir(i32(a, 0), u64(a, 3))) {
        if (used >= len) break;
        const rec = direntBytes(e);
        const k = Math.min(rec.length, len - used);
        g.write(buf + used, k === rec.length ? rec : rec.subarray(0, k));
        used += k;
      }
      g.setU32(out, used);
      return Errno.SUCCESS;
    },
  },
};

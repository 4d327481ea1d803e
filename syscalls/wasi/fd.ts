// Descriptor state and metadata: fd_close, fd_renumber, fd_sync, fd_datasync, fd_advise,
// fd_allocate, fd_fdstat_get/set_flags/set_rights, fd_filestat_get/set_size/set_times,
// fd_prestat_get and fd_prestat_dir_name.
import { Errno } from './errno.js';
import { i32, u32, u64, type WasiDefs } from './call.js';
import { encodeUtf8 } from './guest-memory.js';
import { writeFdstat, writeFilestat, writePrestatDir, FDSTAT_SIZE, FILESTAT_SIZE, PRESTAT_SIZE } from './structs.js';

export const fdDefs: WasiDefs = {
  fd_close: { params: 'i', run(h, _g, a) { h.fs.close(i32(a, 0)); return Errno.SUCCESS; } },
  fd_renumber: { params: 'ii', run(h, _g, a) { h.fs.renumber(i32(a, 0), i32(a, 1)); return Errno.SUCCESS; } },
  fd_sync: { params: 'i', run(h, _g, a) { h.fs.sync(i32(a, 0)); return Errno.SUCCESS; } },
  fd_datasync: { params: 'i', run(h, _g, a) { h.fs.datasync(i32(a, 0)); return Errno.SUCCESS; } },
  fd_advise: {
    params: 'iIIi',
    run(h, _g, a) { h.fs.advise(i32(a, 0), u64(a, 1), u64(a, 2), u32(a, 3)); return Errno.SUCCESS; },
  },
  fd_allocate: {
    params: 'iII',
    run(h, _g, a) { h.fs.allocate(i32(a, 0), u64(a, 1), u64(a, 2)); return Errno.SUCCESS; },
  },
  fd_fdstat_get: {
    params: 'ii',
    run(h, g, a) {
      const out = u32(a, 1);
      g.check(out, FDSTAT_SIZE);
      writeFdstat(g, out, h.fs.fdstat(i32(a, 0)));
      return Errno.SUCCESS;
    },
  },
  fd_fdstat_set_flags: {
    params: 'ii',
    run(h, _g, a) { h.fs.setFdFlags(i32(a, 0), u32(a, 1)); return Errno.SUCCESS; },
  },
  fd_fdstat_set_rights: {
    params: 'iII',
    run(h, _g, a) { h.fs.setRights(i32(a, 0), u64(a, 1), u64(a, 2)); return Errno.SUCCESS; },
  },
  fd_filestat_get: {
    params: 'ii',
    run(h, g, a) {
      const out = u32(a, 1);
      g.check(out, FILESTAT_SIZE);
      writeFilestat(g, out, h.fs.filestat(i32(a, 0)));
      return Errno.SUCCESS;
    },
  },
  fd_filestat_set_size: {
    params: 'iI',
    run(h, _g, a) { h.fs.setSize(i32(a, 0), u64(a, 1)); return Errno.SUCCESS; },
  },
  fd_filestat_set_times: {
    params: 'iIIi',
    run(h, _g, a) { h.fs.setTimes(i32(a, 0), u64(a, 1), u64(a, 2), u32(a, 3)); return Errno.SUCCESS; },
  },
  fd_prestat_get: {
    params: 'ii',
    run(h, g, a) {
      const out = u32(a, 1);
      g.check(out, PRESTAT_SIZE);
      writePrestatDir(g, out, encodeUtf8(h.fs.prestatName(i32(a, 0))).length);
      return Errno.SUCCESS;
    },
  },
  fd_prestat_dir_name: {
    params: 'iii',
    run(h, g, a) {
      const ptr = u32(a, 1), len = u32(a, 2);
      g.check(ptr, len);
      const name = encodeUtf8(h.fs.prestatName(i32(a, 0)));
      if (len < name.length) return Errno.NOBUFS;
      g.write(ptr, name);
      return Errno.SUCCESS;
    },
  },
};

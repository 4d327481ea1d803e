// Path operations relative to a directory descriptor: path_open, path_create_directory,
// path_remove_directory, path_unlink_file, path_rename, path_link, path_symlink, path_readlink,
// path_filestat_get and path_filestat_set_times. Confinement is the filesystem's job.
import { Errno } from './errno.js';
import { i32, u32, u64, type WasiDefs } from './call.js';
import { encodeUtf8 } from './guest-memory.js';
import { writeFilestat, FILESTAT_SIZE } from './structs.js';

export const pathDefs: WasiDefs = {
  path_open: {
    params: 'iiiiiIIii',
    run(h, g, a) {
      const path = g.string(u32(a, 2), u32(a, 3));
      const out = u32(a, 8);
      g.check(out, 4);
      const fd = h.fs.open(i32(a, 0), u32(a, 1), path, u32(a, 4), u64(a, 5), u64(a, 6), u32(a, 7));
      g.setU32(out, fd);
      return Errno.SUCCESS;
    },
  },
  path_create_directory: {
    params: 'iii',
    run(h, g, a) { h.fs.mkdir(i32(a, 0), g.string(u32(a, 1), u32(a, 2))); return Errno.SUCCESS; },
  },
  path_remove_directory: {
    params: 'iii',
    run(h, g, a) { h.fs.rmdir(i32(a, 0), g.string(u32(a, 1), u32(a, 2))); return Errno.SUCCESS; },
  },
  path_unlink_file: {
    params: 'iii',
    run(h, g, a) { h.fs.unlink(i32(a, 0), g.string(u32(a, 1), u32(a, 2))); return Errno.SUCCESS; },
  },
  path_rename: {
    params: 'iiiiii',
    run(h, g, a) {
      const from = g.string(u32(a, 1), u32(a, 2)), to = g.string(u32(a, 4), u32(a, 5));
      h.fs.rename(i32(a, 0), from, i32(a, 3), to);
      return Errno.SUCCESS;
    },
  },
  path_link: {
    params: 'iiiiiii',
    run(h, g, a) {
      const from = g.string(u32(a, 2), u32(a, 3)), to = g.string(u32(a, 5), u32(a, 6));
      h.fs.link(i32(a, 0), u32(a, 1), from, i32(a, 4), to);
      return Errno.SUCCESS;
    },
  },
  path_symlink: {
    params: 'iiiii',
    run(h, g, a) {
      const target = g.string(u32(a, 0), u32(a, 1)), path = g.string(u32(a, 3), u32(a, 4));
      h.fs.symlink(target, i32(a, 2), path);
      return Errno.SUCCESS;
    },
  },
  path_readlink: {
    params: 'iiiiii',
    run(h, g, a) {
      const path = g.string(u32(a, 1), u32(a, 2));
      const buf = u32(a, 3), len = u32(a, 4), out = u32(a, 5);
      g.check(buf, len);
      g.check(out, 4);
      const target = encodeUtf8(h.fs.readlink(i32(a, 0), path));
      const n = Math.min(len, target.length);
      g.write(buf, target.subarray(0, n));
      g.setU32(out, n);
      return Errno.SUCCESS;
    },
  },
  path_filestat_get: {
    params: 'iiiii',
    run(h, g, a) {
      const path = g.string(u32(a, 2), u32(a, 3));
      const out = u32(a, 4);
      g.check(out, FILESTAT_SIZE);
      writeFilestat(g, out, h.fs.pathFilestat(i32(a, 0), u32(a, 1), path));
      return Errno.SUCCESS;
    },
  },
  path_filestat_set_times: {
    params: 'iiiiIIi',
    run(h, g, a) {
      const path = g.string(u32(a, 2), u32(a, 3));
      h.fs.pathSetTimes(i32(a, 0), u32(a, 1), path, u64(a, 4), u64(a, 5), u32(a, 6));
      return Errno.SUCCESS;
    },
  },
};

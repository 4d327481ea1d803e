// Tests for the WASI preview1 host functions (syscalls/wasi) called directly on a Memory: struct
// layouts, iovec handling, errnos (EFAULT for bad pointers), dirty pages, poll_oneoff, proc_exit,
// the nondeterminism door (record/replay), and one module run end to end through the interpreter.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Memory, compile, instantiate, invoke, ValType, HOST_PAGE } from '../interpreter/index.js';
import { Vfs, MemoryBackend } from '../src/fs/index.js';
import {
  createWasiFunctions, createWasiImports, wasiDefs, stdioDevices, recordNondeterminism, replayNondeterminism,
  systemNondeterminism, ExitError, Errno, FileType, OFlags, FdFlags, FstFlags, Whence, EventType, RIGHT,
  RIGHTS_ALL, RIGHTS_TTY, type WasiHost, type Nondeterminism, type NondetEvent, type WasiFs,
} from '../syscalls/wasi/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const REALTIME = 1_700_000_000_123_456_789n;

function fakeDoor(stdin = '') {
  const sleeps: bigint[] = [];
  let mono = 1_000_000n;
  let input = enc(stdin);
  const door: Nondeterminism = {
    clockTime: (id) => (id === 0 ? REALTIME : id === 1 ? mono : null),
    clockRes: (id) => (id <= 1 ? 1000n : null),
    random: (buf) => { for (let i = 0; i < buf.length; i++) buf[i] = (i * 7 + 3) & 255; },
    stdin: (max) => { const r = input.slice(0, max); input = input.slice(r.length); return r; },
    sleep: (ns) => { sleeps.push(ns); mono += ns; },
  };
  return { door, sleeps };
}

function setup(opts: { stdin?: string; fs?: (v: Vfs) => WasiFs } = {}) {
  let mem = new Memory(1, null);
  const out: Uint8Array[] = [], err: Uint8Array[] = [];
  const { door, sleeps } = fakeDoor(opts.stdin);
  let yields = 0;
  const io = { nondet: door, stdout: (b: Uint8Array) => { out.push(b); }, stderr: (b: Uint8Array) => { err.push(b); } };
  const vfs = new Vfs({ stdio: stdioDevices(io), now: () => 77n });
  const root = vfs.mount('/sandbox', new MemoryBackend({ now: () => 77n }));
  const host: WasiHost = {
    ...io, memory: () => mem, args: ['prog', 'a b', 'ü'], env: ['A=1', 'HOME=/sandbox'],
    fs: opts.fs ? opts.fs(vfs) : vfs, schedYield: () => { yields++; },
  };
  const fns = createWasiFunctions(host);
  const call = (name: string, ...args: unknown[]): unknown => fns[name].host!(args, { context: null, caller: null });
  return {
    get mem() { return mem; }, set mem(m: Memory) { mem = m; },
    vfs, root, host, call, sleeps, yields: () => yields,
    stdout: () => dec(Buffer.concat(out)), stderr: () => dec(Buffer.concat(err)),
  };
}

type T = ReturnType<typeof setup>;
const dv = (t: T) => t.mem.dv;
function putString(t: T, addr: number, s: string): [number, number] {
  const b = enc(s);
  t.mem.u8.set(b, addr);
  return [addr, b.length];
}
function putIovecs(t: T, addr: number, iovs: [number, number][]): void {
  iovs.forEach(([p, l], i) => { dv(t).setUint32(addr + i * 8, p, true); dv(t).setUint32(addr + i * 8 + 4, l, true); });
}
function dirtyPages(t: T): number[] {
  const out: number[] = [];
  t.mem.dirty.forEach((d, i) => { if (d) out.push(i); });
  return out;
}
function openPath(t: T, path: string, oflags = 0, rights = RIGHTS_ALL, fdflags = 0): number {
  const [p, l] = putString(t, 30000, path);
  assert.is(t.call('path_open', t.root, 1, p, l, oflags, rights, RIGHTS_ALL, fdflags, 30500), Errno.SUCCESS, `open ${path}`);
  return dv(t).getUint32(30500, true);
}

test('every preview1 import is defined with its wasm type', () => {
  const expected = `args_get args_sizes_get environ_get environ_sizes_get clock_res_get clock_time_get random_get
    fd_advise fd_allocate fd_close fd_datasync fd_fdstat_get fd_fdstat_set_flags fd_fdstat_set_rights fd_filestat_get
    fd_filestat_set_size fd_filestat_set_times fd_pread fd_prestat_get fd_prestat_dir_name fd_pwrite fd_read fd_readdir
    fd_renumber fd_seek fd_sync fd_tell fd_write path_create_directory path_filestat_get path_filestat_set_times path_link
    path_open path_readlink path_remove_directory path_rename path_symlink path_unlink_file poll_oneoff proc_exit
    proc_raise sched_yield sock_accept sock_recv sock_send sock_shutdown`.split(/\s+/);
  assert.equal(Object.keys(wasiDefs).sort(), [...expected].sort());
  const fns = createWasiImports(setup().host).wasi_snapshot_preview1;
  const I = ValType.I32, L = ValType.I64;
  assert.equal(fns.fd_seek.type, { params: [I, L, I, I], results: [I] });
  assert.equal(fns.path_open.type, { params: [I, I, I, I, I, L, L, I, I], results: [I] });
  assert.equal(fns.clock_time_get.type, { params: [I, L, I], results: [I] });
  assert.equal(fns.fd_filestat_set_times.type, { params: [I, L, L, I], results: [I] });
  assert.equal(fns.path_filestat_set_times.type, { params: [I, I, I, I, L, L, I], results: [I] });
  assert.equal(fns.fd_pread.type, { params: [I, I, I, L, I], results: [I] });
  assert.equal(fns.fd_readdir.type, { params: [I, I, I, L, I], results: [I] });
  assert.equal(fns.proc_exit.type, { params: [I], results: [] });
  assert.equal(fns.sched_yield.type, { params: [], results: [I] });
  assert.equal(fns.poll_oneoff.type, { params: [I, I, I, I], results: [I] });
  assert.is(fns.fd_write.name, 'wasi_snapshot_preview1.fd_write');
});

test('args and environ: sizes, pointer arrays, NUL-terminated UTF-8', () => {
  const t = setup();
  assert.is(t.call('args_sizes_get', 100, 104), Errno.SUCCESS);
  assert.is(dv(t).getUint32(100, true), 3);
  assert.is(dv(t).getUint32(104, true), 5 + 4 + 3);
  assert.is(t.call('args_get', 200, 300), Errno.SUCCESS);
  const ptrs = [0, 1, 2].map((i) => dv(t).getUint32(200 + i * 4, true));
  assert.equal(ptrs, [300, 305, 309]);
  assert.equal([...t.mem.u8.subarray(300, 312)], [...enc('prog\0a b\0ü\0')]);
  assert.is(t.call('environ_sizes_get', 100, 104), Errno.SUCCESS);
  assert.equal([dv(t).getUint32(100, true), dv(t).getUint32(104, true)], [2, 4 + 14]);
  assert.is(t.call('environ_get', 400, 500), Errno.SUCCESS);
  assert.is(dec(t.mem.u8.subarray(dv(t).getUint32(404, true), 518)), 'HOME=/sandbox\0');
  assert.is(t.call('args_get', 65534, 300), Errno.FAULT, 'pointer array out of bounds');
  assert.is(t.call('args_get', 200, 65530), Errno.FAULT, 'string buffer out of bounds');
  assert.is(t.call('args_sizes_get', 100, -1), Errno.FAULT, 'pointer 0xffffffff');
});

test('clocks and random go through the door; writes mark pages dirty', () => {
  const t = setup();
  t.mem.clearDirty();
  assert.is(t.call('clock_time_get', 0, 1000n, 8 * HOST_PAGE + 16), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(8 * HOST_PAGE + 16, true), REALTIME);
  assert.is(t.call('clock_res_get', 1, 24), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(24, true), 1000n);
  assert.is(t.call('clock_time_get', 9, 0n, 24), Errno.INVAL, 'unknown clock');
  assert.is(t.call('clock_res_get', 9, 24), Errno.INVAL);
  assert.is(t.call('clock_time_get', 0, 0n, 65530), Errno.FAULT);
  assert.is(t.call('random_get', 3 * HOST_PAGE - 2, 5), Errno.SUCCESS);
  assert.equal([...t.mem.u8.subarray(3 * HOST_PAGE - 2, 3 * HOST_PAGE + 3)], [3, 10, 17, 24, 31]);
  assert.equal(dirtyPages(t), [0, 2, 3, 8]);
  assert.is(t.call('random_get', 65535, 2), Errno.FAULT);
  assert.is(t.call('random_get', 65535, 0x7fffffff), Errno.FAULT);
  // After memory.grow the host sees the new memory.
  t.mem.grow(1);
  assert.is(t.call('random_get', 65536 + 100, 4), Errno.SUCCESS);
  assert.is(t.mem.u8[65536 + 101], 10);
  assert.is(t.mem.dirty[(65536 + 100) >> 12], 1);
});

test('fd_write gathers iovecs to stdout; bad pointers give EFAULT and write nothing', () => {
  const t = setup();
  putString(t, 1000, 'Hello, ');
  putString(t, 2000, 'WASI world\n');
  putIovecs(t, 64, [[1000, 7], [2000, 0], [2000, 11]]);
  t.mem.clearDirty();
  assert.is(t.call('fd_write', 1, 64, 3, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 18);
  assert.is(t.stdout(), 'Hello, WASI world\n');
  assert.equal(dirtyPages(t), [0], 'only nwritten was written');
  putIovecs(t, 128, [[1000, 7], [65530, 10]]);
  assert.is(t.call('fd_write', 1, 128, 2, 96), Errno.FAULT, 'buffer out of bounds');
  assert.is(t.call('fd_write', 1, 65532, 2, 96), Errno.FAULT, 'iovec array out of bounds');
  assert.is(t.call('fd_write', 1, 64, 1, 65534), Errno.FAULT, 'nwritten out of bounds');
  assert.is(t.stdout(), 'Hello, WASI world\n', 'nothing written by the failed calls');
  putIovecs(t, 160, [[1000, 2]]);
  assert.is(t.call('fd_write', 2, 160, 1, 96), Errno.SUCCESS);
  assert.is(t.stderr(), 'He');
  assert.is(t.call('fd_write', 9, 160, 1, 96), Errno.BADF);
  assert.is(t.call('fd_write', 0, 160, 1, 96), Errno.BADF, 'stdin is not writable');
});

test('fd_read scatters into iovecs and marks exactly those pages dirty', () => {
  const t = setup({ stdin: 'typed input' });
  putIovecs(t, 64, [[5 * HOST_PAGE - 3, 5], [9 * HOST_PAGE, 100]]);
  t.mem.clearDirty();
  assert.is(t.call('fd_read', 0, 64, 2, 80), Errno.SUCCESS);
  assert.is(dv(t).getUint32(80, true), 11);
  assert.is(dec(t.mem.u8.subarray(5 * HOST_PAGE - 3, 5 * HOST_PAGE + 2)), 'typed');
  assert.is(dec(t.mem.u8.subarray(9 * HOST_PAGE, 9 * HOST_PAGE + 6)), ' input');
  assert.equal(dirtyPages(t), [0, 4, 5, 9]);
  assert.is(t.call('fd_read', 0, 64, 2, 80), Errno.SUCCESS);
  assert.is(dv(t).getUint32(80, true), 0, 'end of input');
});

test('files through path_open: write, seek, tell, read, pread, pwrite', () => {
  const t = setup();
  const fd = openPath(t, 'dir-less.txt', OFlags.CREAT);
  putString(t, 1000, '0123456789');
  putIovecs(t, 64, [[1000, 10]]);
  assert.is(t.call('fd_write', fd, 64, 1, 96), Errno.SUCCESS);
  assert.is(t.call('fd_seek', fd, -4n, Whence.END, 200), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(200, true), 6n);
  assert.is(t.call('fd_tell', fd, 208), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(208, true), 6n);
  assert.is(t.call('fd_seek', fd, -100n, Whence.CUR, 200), Errno.INVAL);
  assert.is(t.call('fd_seek', fd, 0n, Whence.SET, 65530), Errno.FAULT);
  putIovecs(t, 64, [[3000, 3], [3100, 3]]);
  assert.is(t.call('fd_read', fd, 64, 2, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 4);
  assert.is(dec(t.mem.u8.subarray(3000, 3003)) + dec(t.mem.u8.subarray(3100, 3101)), '6789');
  assert.is(t.call('fd_pread', fd, 64, 1, 2n, 96), Errno.SUCCESS);
  assert.is(dec(t.mem.u8.subarray(3000, 3003)), '234');
  putString(t, 1000, 'XY');
  putIovecs(t, 64, [[1000, 2]]);
  assert.is(t.call('fd_pwrite', fd, 64, 1, 0n, 96), Errno.SUCCESS);
  assert.is(t.call('fd_tell', fd, 208), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(208, true), 10n, 'pread/pwrite keep the offset');
  assert.is(t.call('fd_filestat_set_size', fd, 4n), Errno.SUCCESS);
  assert.is(t.call('fd_allocate', fd, 0n, 6n), Errno.SUCCESS);
  assert.is(t.call('fd_advise', fd, 0n, 0n, 2), Errno.SUCCESS);
  assert.is(t.call('fd_sync', fd), Errno.SUCCESS);
  assert.is(t.call('fd_datasync', fd), Errno.SUCCESS);
  assert.is(t.call('fd_close', fd), Errno.SUCCESS);
  assert.is(t.call('fd_close', fd), Errno.BADF);
  const rd = openPath(t, 'dir-less.txt', 0, RIGHT.FD_READ);
  putIovecs(t, 64, [[3000, 100]]);
  assert.is(t.call('fd_read', rd, 64, 1, 96), Errno.SUCCESS);
  assert.equal([...t.mem.u8.subarray(3000, 3000 + dv(t).getUint32(96, true))], [...enc('XY23\0\0')]);
  assert.is(t.call('fd_write', rd, 64, 1, 96), Errno.NOTCAPABLE, 'opened without FD_WRITE');
  assert.is(t.call('fd_seek', rd, 0n, Whence.SET, 200), Errno.NOTCAPABLE, 'opened without FD_SEEK');
});

test('fd_fdstat_get, fd_filestat_get and prestat: exact struct layouts', () => {
  const t = setup();
  t.mem.u8.fill(0xee, 100, 300);
  assert.is(t.call('fd_fdstat_get', 1, 100), Errno.SUCCESS);
  assert.is(t.mem.u8[100], FileType.CHARACTER_DEVICE);
  assert.is(t.mem.u8[101], 0, 'padding zeroed');
  assert.is(dv(t).getUint16(102, true), 0);
  assert.is(dv(t).getBigUint64(108, true), RIGHTS_TTY);
  assert.is(dv(t).getBigUint64(116, true), 0n);
  assert.is(t.mem.u8[124], 0xee, 'nothing past 24 bytes');
  const fd = openPath(t, 'f', OFlags.CREAT, RIGHTS_ALL, FdFlags.APPEND);
  assert.is(t.call('fd_fdstat_get', fd, 100), Errno.SUCCESS);
  assert.is(t.mem.u8[100], FileType.REGULAR_FILE);
  assert.is(dv(t).getUint16(102, true), FdFlags.APPEND);
  assert.is(t.call('fd_fdstat_set_flags', fd, FdFlags.NONBLOCK), Errno.SUCCESS);
  assert.is(t.call('fd_fdstat_get', fd, 100), Errno.SUCCESS);
  assert.is(dv(t).getUint16(102, true), FdFlags.NONBLOCK);
  assert.is(t.call('fd_fdstat_set_rights', fd, RIGHT.FD_READ | RIGHT.FD_FILESTAT_GET, 0n), Errno.SUCCESS);
  assert.is(t.call('fd_fdstat_get', fd, 100), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(108, true), RIGHT.FD_READ | RIGHT.FD_FILESTAT_GET);
  assert.is(t.call('fd_fdstat_set_rights', fd, RIGHTS_ALL, 0n), Errno.NOTCAPABLE);
  t.vfs.write(openPath(t, 'f'), [enc('12345')]);
  t.mem.u8.fill(0xee, 200, 300);
  assert.is(t.call('fd_filestat_get', fd, 200), Errno.SUCCESS);
  const s = (o: number) => dv(t).getBigUint64(200 + o, true);
  assert.ok(s(0) > 0n, 'dev');
  assert.ok(s(8) > 0n, 'ino');
  assert.is(t.mem.u8[216], FileType.REGULAR_FILE);
  assert.equal([...t.mem.u8.subarray(217, 224)], [0, 0, 0, 0, 0, 0, 0]);
  assert.equal([s(24), s(32), s(40), s(48), s(56)], [1n, 5n, 77n, 77n, 77n]);
  assert.is(t.mem.u8[264], 0xee, 'nothing past 64 bytes');
  assert.is(t.call('fd_filestat_get', fd, 65500), Errno.FAULT);
  assert.is(t.call('fd_prestat_get', t.root, 300), Errno.SUCCESS);
  assert.equal([t.mem.u8[300], dv(t).getUint32(304, true)], [0, 8]);
  assert.is(t.call('fd_prestat_dir_name', t.root, 400, 8), Errno.SUCCESS);
  assert.is(dec(t.mem.u8.subarray(400, 408)), '/sandbox');
  assert.is(t.call('fd_prestat_dir_name', t.root, 400, 3), Errno.NOBUFS);
  assert.is(t.call('fd_prestat_get', fd, 300), Errno.BADF, 'not a preopen');
  assert.is(t.call('fd_prestat_get', 99, 300), Errno.BADF, 'the end of the preopen scan');
});

test('fd_readdir: dirent layout, cookies, truncated last record', () => {
  const t = setup();
  for (const n of ['a', 'bb', 'ccc']) t.vfs.close(t.vfs.open(t.root, 1, n, OFlags.CREAT, RIGHTS_ALL, 0n, 0));
  t.vfs.mkdir(t.root, 'dir');
  assert.is(t.call('fd_readdir', t.root, 1000, 4096, 0n, 96), Errno.SUCCESS);
  const used = dv(t).getUint32(96, true);
  assert.is(used, 4 * 24 + 1 + 2 + 3 + 3);
  const entries: [bigint, number, string][] = [];
  for (let p = 1000; p < 1000 + used;) {
    const len = dv(t).getUint32(p + 16, true);
    assert.ok(dv(t).getBigUint64(p + 8, true) > 0n, 'ino');
    entries.push([dv(t).getBigUint64(p, true), t.mem.u8[p + 20], dec(t.mem.u8.subarray(p + 24, p + 24 + len))]);
    p += 24 + len;
  }
  assert.equal(entries, [[1n, 4, 'a'], [2n, 4, 'bb'], [3n, 4, 'ccc'], [4n, 3, 'dir']]);
  assert.is(t.call('fd_readdir', t.root, 1000, 30, 0n, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 30, 'buffer filled: the caller retries with a bigger one');
  assert.is(t.call('fd_readdir', t.root, 1000, 4096, 2n, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 2 * 24 + 3 + 3, 'from cookie 2');
  assert.is(t.call('fd_readdir', t.root, 1000, 4096, 4n, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 0, 'end');
  assert.is(t.call('fd_readdir', 1, 1000, 4096, 0n, 96), Errno.NOTCAPABLE);
  assert.is(t.call('fd_readdir', t.root, 65500, 100, 0n, 96), Errno.FAULT);
});

test('path functions: mkdir, symlink, readlink, stat, times, rename, link, unlink, rmdir', () => {
  const t = setup();
  const p = (s: string, at = 2000): [number, number] => putString(t, at, s);
  assert.is(t.call('path_create_directory', t.root, ...p('d')), Errno.SUCCESS);
  assert.is(t.call('path_create_directory', t.root, ...p('d')), Errno.EXIST);
  t.vfs.close(openPath(t, 'd/file', OFlags.CREAT));
  assert.is(t.call('path_symlink', ...p('d/file', 2000), t.root, ...p('ln', 2100)), Errno.SUCCESS);
  assert.is(t.call('path_readlink', t.root, ...p('ln'), 3000, 100, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 6);
  assert.is(dec(t.mem.u8.subarray(3000, 3006)), 'd/file');
  assert.is(t.call('path_readlink', t.root, ...p('ln'), 3000, 3, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 3, 'truncated to the buffer');
  assert.is(t.call('path_readlink', t.root, ...p('d'), 3000, 100, 96), Errno.INVAL);
  assert.is(t.call('path_filestat_get', t.root, 0, ...p('ln'), 400), Errno.SUCCESS);
  assert.is(t.mem.u8[416], FileType.SYMBOLIC_LINK);
  assert.is(t.call('path_filestat_get', t.root, 1, ...p('ln'), 400), Errno.SUCCESS);
  assert.is(t.mem.u8[416], FileType.REGULAR_FILE);
  assert.is(t.call('path_filestat_set_times', t.root, 1, ...p('ln'), 10n, 20n, FstFlags.ATIM | FstFlags.MTIM), Errno.SUCCESS);
  assert.is(t.call('path_filestat_get', t.root, 0, ...p('d/file'), 400), Errno.SUCCESS);
  assert.equal([dv(t).getBigUint64(440, true), dv(t).getBigUint64(448, true)], [10n, 20n]);
  assert.is(t.call('path_filestat_set_times', t.root, 0, ...p('d'), 0n, 0n, FstFlags.MTIM | FstFlags.MTIM_NOW), Errno.INVAL);
  assert.is(t.call('path_rename', t.root, ...p('d/file', 2000), t.root, ...p('moved', 2100)), Errno.SUCCESS);
  assert.is(t.call('path_link', t.root, 0, ...p('moved', 2000), t.root, ...p('hard', 2100)), Errno.SUCCESS);
  assert.is(t.call('path_filestat_get', t.root, 0, ...p('hard'), 400), Errno.SUCCESS);
  assert.is(dv(t).getBigUint64(424, true), 2n, 'nlink');
  assert.is(t.call('path_unlink_file', t.root, ...p('hard')), Errno.SUCCESS);
  assert.is(t.call('path_unlink_file', t.root, ...p('hard')), Errno.NOENT);
  assert.is(t.call('path_remove_directory', t.root, ...p('moved')), Errno.NOTDIR);
  assert.is(t.call('path_remove_directory', t.root, ...p('d')), Errno.SUCCESS);
  assert.is(t.call('path_unlink_file', t.root, ...p('d')), Errno.NOENT);
  assert.is(t.call('path_create_directory', t.root, 65530, 10), Errno.FAULT, 'path out of bounds');
  t.mem.u8.set([0x66, 0xff, 0x66], 2000);
  assert.is(t.call('path_create_directory', t.root, 2000, 3), Errno.ILSEQ, 'invalid UTF-8');
  t.mem.u8.set([0x66, 0, 0x66], 2000);
  assert.is(t.call('path_create_directory', t.root, 2000, 3), Errno.INVAL, 'NUL inside a path');
  assert.is(t.call('path_create_directory', 1, ...p('x')), Errno.NOTCAPABLE, 'stdout is no directory');
});

test('path escapes answer ENOTCAPABLE through the host functions', () => {
  const t = setup();
  const p = (s: string): [number, number] => putString(t, 2000, s);
  for (const path of ['../x', '/etc/passwd', 'a/../../x', '..']) {
    assert.is(t.call('path_open', t.root, 1, ...p(path), 0, RIGHTS_ALL, RIGHTS_ALL, 0, 96), Errno.NOTCAPABLE, path);
  }
  assert.is(t.call('path_symlink', ...putString(t, 2100, '/etc'), t.root, ...putString(t, 2200, 'etc')), Errno.PERM);
  assert.is(t.call('path_symlink', ...putString(t, 2100, '../etc'), t.root, ...putString(t, 2200, 'etc')), Errno.SUCCESS);
  assert.is(t.call('path_open', t.root, 1, ...p('etc/passwd'), 0, RIGHTS_ALL, RIGHTS_ALL, 0, 96), Errno.NOTCAPABLE);
  assert.is(t.call('path_create_directory', t.root, ...p('../up')), Errno.NOTCAPABLE);
  assert.is(t.call('path_filestat_get', t.root, 1, ...p('etc'), 400), Errno.NOTCAPABLE);
});

test('poll_oneoff: clocks sleep through the door, fds answer at once', () => {
  const t = setup();
  const sub = (i: number, userdata: bigint, type: number, f: (at: number) => void) => {
    const at = 1000 + i * 48;
    t.mem.u8.fill(0, at, at + 48);
    dv(t).setBigUint64(at, userdata, true);
    t.mem.u8[at + 8] = type;
    f(at);
  };
  const clock = (i: number, ud: bigint, id: number, timeout: bigint, flags = 0) => sub(i, ud, EventType.CLOCK, (at) => {
    dv(t).setUint32(at + 16, id, true);
    dv(t).setBigUint64(at + 24, timeout, true);
    dv(t).setUint16(at + 40, flags, true);
  });
  const ev = (i: number) => {
    const at = 3000 + i * 32;
    return [dv(t).getBigUint64(at, true), dv(t).getUint16(at + 8, true), t.mem.u8[at + 10], dv(t).getBigUint64(at + 16, true), dv(t).getUint16(at + 24, true)];
  };
  clock(0, 11n, 1, 5_000_000n);
  clock(1, 22n, 1, 2_000_000n);
  assert.is(t.call('poll_oneoff', 1000, 3000, 2, 96), Errno.SUCCESS);
  assert.equal(t.sleeps, [2_000_000n]);
  assert.is(dv(t).getUint32(96, true), 1);
  assert.equal(ev(0), [22n, 0, EventType.CLOCK, 0n, 0]);
  clock(0, 33n, 0, REALTIME - 1n, 1);
  assert.is(t.call('poll_oneoff', 1000, 3000, 1, 96), Errno.SUCCESS);
  assert.equal(t.sleeps.length, 1, 'an absolute deadline in the past does not sleep');
  assert.equal(ev(0), [33n, 0, EventType.CLOCK, 0n, 0]);
  const fd = openPath(t, 'data', OFlags.CREAT);
  t.vfs.write(fd, [enc('abcdef')]);
  t.vfs.seek(fd, 2n, Whence.SET);
  clock(0, 1n, 1, 1_000_000_000n);
  sub(1, 2n, EventType.FD_READ, (at) => dv(t).setUint32(at + 16, fd, true));
  sub(2, 3n, EventType.FD_WRITE, (at) => dv(t).setUint32(at + 16, 1, true));
  sub(3, 4n, EventType.FD_READ, (at) => dv(t).setUint32(at + 16, 77, true));
  assert.is(t.call('poll_oneoff', 1000, 3000, 4, 96), Errno.SUCCESS);
  assert.is(dv(t).getUint32(96, true), 3);
  assert.equal(ev(0), [2n, 0, EventType.FD_READ, 4n, 0]);
  assert.equal(ev(1), [3n, 0, EventType.FD_WRITE, 0n, 0]);
  assert.equal(ev(2), [4n, Errno.BADF, EventType.FD_READ, 0n, 0]);
  assert.equal(t.sleeps.length, 1, 'ready descriptors: no sleep');
  clock(0, 5n, 42, 1n);
  assert.is(t.call('poll_oneoff', 1000, 3000, 1, 96), Errno.SUCCESS);
  assert.equal(ev(0)[1], Errno.INVAL, 'unknown clock: an event with an error');
  assert.is(t.call('poll_oneoff', 1000, 3000, 0, 96), Errno.INVAL, 'no subscriptions');
  assert.is(t.call('poll_oneoff', 65500, 3000, 1, 96), Errno.FAULT);
  assert.is(t.call('poll_oneoff', 1000, 65510, 1, 96), Errno.FAULT);
  sub(0, 1n, 9, () => {});
  assert.is(t.call('poll_oneoff', 1000, 3000, 1, 96), Errno.INVAL, 'unknown event type');
});

test('proc_exit, proc_raise, sched_yield, sockets', () => {
  const t = setup();
  const exitCode = (code: number): number => {
    let err: unknown = null;
    try { t.call('proc_exit', code); } catch (e) { err = e; }
    assert.instance(err, ExitError, `proc_exit(${code}) must throw ExitError, got ${String(err)}`);
    return (err as ExitError).code;
  };
  assert.is(exitCode(3), 3);
  assert.is(exitCode(-1), 0xffffffff);
  assert.is(t.call('proc_raise', 6), Errno.NOSYS);
  assert.is(t.call('sched_yield'), Errno.SUCCESS);
  assert.is(t.yields(), 1);
  assert.is(t.call('sock_accept', 3, 0, 96), Errno.NOTSUP);
  assert.is(t.call('sock_recv', 3, 0, 0, 0, 96, 100), Errno.NOTSUP);
  assert.is(t.call('sock_send', 3, 0, 0, 0, 96), Errno.NOTSUP);
  assert.is(t.call('sock_shutdown', 3, 0), Errno.NOTSUP);
});

test('a host failure inside the filesystem becomes EIO, never an exception', () => {
  const t = setup({
    fs: (v) => new Proxy(v, {
      get: (target, key) => (key === 'write' ? () => { throw new TypeError('disk on fire'); } : Reflect.get(target, key)),
    }),
  });
  putIovecs(t, 64, [[1000, 1]]);
  assert.is(t.call('fd_write', 1, 64, 1, 96), Errno.IO);
  assert.is(t.call('fd_fdstat_get', 1, 100), Errno.SUCCESS);
});

test('record and replay the nondeterminism door', () => {
  const log: NondetEvent[] = [];
  const rec = recordNondeterminism(systemNondeterminism({ stdin: enc('abc') }), log);
  const t1 = rec.clockTime(1, 0n), r = new Uint8Array(16);
  rec.random(r);
  const s = rec.stdin(2);
  rec.sleep(0n);
  assert.is(rec.clockTime(99, 0n), null);
  const rep = replayNondeterminism(log);
  assert.is(rep.clockTime(1, 0n), t1);
  const r2 = new Uint8Array(16);
  rep.random(r2);
  assert.equal([...r2], [...r]);
  assert.equal(dec(rep.stdin(2)), dec(s));
  rep.sleep(0n);
  assert.is(rep.clockTime(99, 0n), null);
  assert.throws(() => rep.clockRes(0), /replay diverged/);
  assert.is(dec(s), 'ab');
  const sys = systemNondeterminism();
  assert.equal(sys.stdin(10).length, 0, 'no stdin unless configured');
  assert.ok(sys.clockTime(0, 0n)! > 1_600_000_000_000_000_000n, 'realtime in ns');
  const m1 = sys.clockTime(1, 0n)!;
  assert.ok(sys.clockTime(1, 0n)! >= m1, 'monotonic');
});

test('end to end: a module using wasi_snapshot_preview1 through the interpreter', () => {
  const t = setup();
  const wat = `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "path_open"
      (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "hi from wasm\\n")
    (data (i32.const 64) "out.txt")
    (func (export "_start") (local $fd i32)
      ;; iovec {16, 13} at 0; print it
      (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 13))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      ;; create out.txt in the preopen (fd 3), write the same bytes, seek back, read into 200
      (drop (call $path_open (i32.const 3) (i32.const 1) (i32.const 64) (i32.const 7) (i32.const 1)
        (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 100)))
      (local.set $fd (i32.load (i32.const 100)))
      (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
      (drop (call $fd_seek (local.get $fd) (i64.const 0) (i32.const 0) (i32.const 104)))
      (i32.store (i32.const 0) (i32.const 200))
      (drop (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
      (call $proc_exit (i32.load (i32.const 8))))
  )`;
  const inst = instantiate(compile(wat), createWasiImports(t.host));
  t.mem = inst.exports.get('memory') as Memory;
  try {
    invoke(inst, '_start', []);
    assert.unreachable('proc_exit should end the run');
  } catch (e) {
    assert.instance(e, ExitError, String(e));
    assert.is((e as ExitError).code, 13, 'exit code = bytes read back');
  }
  assert.is(t.stdout(), 'hi from wasm\n');
  assert.is(dec(t.mem.u8.subarray(200, 213)), 'hi from wasm\n');
  assert.is(t.mem.dirty[0], 1);
});

test.run();

// Tests for the virtual filesystem (src/fs) used directly: files, directories, symlinks, hard links,
// rights, read-only mounts, descriptor reset, every sandbox escape refused with its errno, and the
// host-directory backend on a temporary directory (including host symlinks that lead outside).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as nodefs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vfs, MemoryBackend, HostBackend } from '../src/fs/index.js';
import {
  Errno, WasiError, FileType, OFlags, FdFlags, FstFlags, Whence, LookupFlags, RIGHT, RIGHTS_ALL,
  type StreamDevice,
} from '../syscalls/wasi/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const FOLLOW = LookupFlags.SYMLINK_FOLLOW;

/** Asserts that f fails with WasiError(errno). */
function fails(f: () => unknown, errno: Errno, what = ''): void {
  try {
    f();
  } catch (e) {
    assert.instance(e, WasiError, `${what}: ${String(e)}`);
    assert.is((e as WasiError).errno, errno, what);
    return;
  }
  assert.unreachable(`${what}: expected errno ${errno}`);
}

function memFs(opts: { readOnly?: boolean } = {}) {
  const out: Uint8Array[] = [];
  const stdout: StreamDevice = { write: (d) => { out.push(d.slice()); return d.length; } };
  let clock = 1000n;
  const v = new Vfs({ stdio: [{ read: () => enc('in') }, stdout, null], now: () => clock++ });
  const b = new MemoryBackend({ readOnly: opts.readOnly, now: () => clock++ });
  const root = v.mount('/', b);
  return { v, b, root, out };
}

function create(v: Vfs, dir: number, path: string, extra = 0): number {
  return v.open(dir, FOLLOW, path, OFlags.CREAT | extra, RIGHTS_ALL, RIGHTS_ALL, 0);
}
function openRead(v: Vfs, dir: number, path: string, lookup: number = FOLLOW): number {
  return v.open(dir, lookup, path, 0, RIGHT.FD_READ | RIGHT.FD_SEEK | RIGHT.FD_TELL | RIGHT.FD_FILESTAT_GET, 0n, 0);
}
function readAll(v: Vfs, fd: number): string {
  const buf = new Uint8Array(4096);
  return dec(buf.subarray(0, v.read(fd, [buf])));
}
function writeFile(v: Vfs, dir: number, path: string, text: string): void {
  const fd = create(v, dir, path, OFlags.TRUNC);
  v.write(fd, [enc(text)]);
  v.close(fd);
}
function readFile(v: Vfs, dir: number, path: string): string {
  const fd = openRead(v, dir, path);
  try { return readAll(v, fd); } finally { v.close(fd); }
}
function names(v: Vfs, fd: number): string[] { return v.readdir(fd, 0n).map((e) => dec(e.name)); }

test('preopen, stdio and descriptor numbering', () => {
  const { v, root } = memFs();
  assert.is(root, 3);
  assert.is(v.prestatName(3), '/');
  fails(() => v.prestatName(1), Errno.BADF, 'stdout is no preopen');
  fails(() => v.prestatName(9), Errno.BADF, 'closed fd');
  assert.is(v.fdstat(1).filetype, FileType.CHARACTER_DEVICE);
  assert.is(v.fdstat(3).filetype, FileType.DIRECTORY);
  fails(() => v.fdstat(2), Errno.BADF, 'stderr absent');
  const fd = create(v, root, 'a');
  assert.is(fd, 2, 'lowest free number');
});

test('create, write, read, seek, tell', () => {
  const { v, root } = memFs();
  const fd = create(v, root, 'f.txt');
  assert.is(v.write(fd, [enc('hello '), enc(''), enc('world')]), 11);
  assert.is(v.tell(fd), 11n);
  assert.is(v.seek(fd, 0n, Whence.SET), 0n);
  const a = new Uint8Array(3), b = new Uint8Array(20);
  assert.is(v.read(fd, [a, b]), 11);
  assert.is(dec(a), 'hel');
  assert.is(dec(b.subarray(0, 8)), 'lo world');
  assert.is(v.seek(fd, -5n, Whence.END), 6n);
  assert.is(readAll(v, fd), 'world');
  assert.is(v.seek(fd, -2n, Whence.CUR), 9n);
  fails(() => v.seek(fd, -20n, Whence.CUR), Errno.INVAL, 'negative offset');
  fails(() => v.seek(fd, 0n, 7), Errno.INVAL, 'bad whence');
  assert.is(v.seek(fd, 20n, Whence.SET), 20n);
  v.write(fd, [enc('!')]);
  assert.is(v.filestat(fd).size, 21n);
  v.seek(fd, 11n, Whence.SET);
  const hole = new Uint8Array(10);
  assert.is(v.read(fd, [hole]), 10);
  assert.equal([...hole.subarray(0, 9)], new Array(9).fill(0), 'a hole reads as zeros');
  v.close(fd);
  fails(() => v.read(fd, [a]), Errno.BADF, 'closed');
  assert.is(readFile(v, root, 'f.txt').length, 21);
});

test('pread and pwrite leave the offset alone; append writes at the end', () => {
  const { v, root } = memFs();
  const fd = create(v, root, 'p');
  v.write(fd, [enc('0123456789')]);
  v.seek(fd, 2n, Whence.SET);
  const buf = new Uint8Array(4);
  assert.is(v.pread(fd, [buf], 5n), 4);
  assert.is(dec(buf), '5678');
  assert.is(v.pwrite(fd, [enc('AB')], 8n), 2);
  assert.is(v.tell(fd), 2n);
  assert.is(v.pread(fd, [buf], 100n), 0, 'past the end');
  v.close(fd);
  assert.is(readFile(v, root, 'p'), '01234567AB');
  const ap = v.open(root, FOLLOW, 'p', 0, RIGHTS_ALL, 0n, FdFlags.APPEND);
  v.seek(ap, 0n, Whence.SET);
  v.write(ap, [enc('xyz')]);
  assert.is(v.tell(ap), 13n);
  assert.is(v.fdstat(ap).flags, FdFlags.APPEND);
  v.setFdFlags(ap, 0);
  v.seek(ap, 0n, Whence.SET);
  v.write(ap, [enc('_')]);
  assert.is(readFile(v, root, 'p'), '_1234567ABxyz');
  fails(() => v.setFdFlags(ap, 64), Errno.INVAL, 'unknown fdflag');
});

test('truncate, set size, allocate, O_TRUNC, O_EXCL, O_DIRECTORY', () => {
  const { v, root } = memFs();
  writeFile(v, root, 't', 'abcdef');
  const fd = v.open(root, FOLLOW, 't', 0, RIGHTS_ALL, 0n, 0);
  v.setSize(fd, 3n);
  assert.is(readAll(v, fd), 'abc');
  v.setSize(fd, 5n);
  assert.is(v.filestat(fd).size, 5n);
  v.allocate(fd, 4n, 6n);
  assert.is(v.filestat(fd).size, 10n);
  v.allocate(fd, 0n, 1n);
  assert.is(v.filestat(fd).size, 10n, 'allocate never shrinks');
  v.close(fd);
  const tr = create(v, root, 't', OFlags.TRUNC);
  assert.is(v.filestat(tr).size, 0n);
  fails(() => create(v, root, 't', OFlags.EXCL), Errno.EXIST, 'O_EXCL');
  fails(() => v.open(root, FOLLOW, 't', OFlags.DIRECTORY, 0n, 0n, 0), Errno.NOTDIR, 'O_DIRECTORY on a file');
  fails(() => v.open(root, FOLLOW, 'missing', 0, 0n, 0n, 0), Errno.NOENT, 'absent without O_CREAT');
  fails(() => v.open(root, FOLLOW, 't', 64, 0n, 0n, 0), Errno.INVAL, 'unknown oflag');
  fails(() => v.open(root, FOLLOW, 't/x', 0, 0n, 0n, 0), Errno.NOTDIR, 'file as directory');
  fails(() => v.open(root, FOLLOW, 't/', 0, 0n, 0n, 0), Errno.NOTDIR, 'trailing slash on a file');
  fails(() => v.open(root, FOLLOW, '', 0, 0n, 0n, 0), Errno.NOENT, 'empty path');
});

test('directories: mkdir, readdir with cookies, rmdir', () => {
  const { v, root } = memFs();
  v.mkdir(root, 'd');
  v.mkdir(root, 'd/e/');
  writeFile(v, root, 'd/one', '1');
  writeFile(v, root, 'd/two', '22');
  fails(() => v.mkdir(root, 'd'), Errno.EXIST, 'mkdir existing');
  fails(() => v.mkdir(root, '.'), Errno.EXIST, 'mkdir .');
  fails(() => v.mkdir(root, 'x/y'), Errno.NOENT, 'mkdir missing parent');
  const d = v.open(root, FOLLOW, 'd', OFlags.DIRECTORY, RIGHTS_ALL & ~RIGHT.FD_WRITE, RIGHTS_ALL, 0);
  assert.is(v.fdstat(d).filetype, FileType.DIRECTORY);
  const all = v.readdir(d, 0n);
  assert.equal(all.map((e) => dec(e.name)), ['e', 'one', 'two']);
  assert.equal(all.map((e) => e.next), [1n, 2n, 3n]);
  assert.equal(all.map((e) => e.type), [FileType.DIRECTORY, FileType.REGULAR_FILE, FileType.REGULAR_FILE]);
  assert.equal(v.readdir(d, 2n).map((e) => dec(e.name)), ['two']);
  assert.equal(v.readdir(d, 3n), []);
  assert.equal(v.readdir(d, 99n), []);
  assert.is(readFile(v, d, 'two'), '22', 'relative to a directory descriptor');
  fails(() => v.rmdir(root, 'd'), Errno.NOTEMPTY, 'rmdir non-empty');
  fails(() => v.rmdir(root, 'd/one'), Errno.NOTDIR, 'rmdir a file');
  fails(() => v.rmdir(root, '.'), Errno.INVAL, 'rmdir .');
  fails(() => v.rmdir(root, 'd/e/..'), Errno.NOTEMPTY, 'rmdir ..');
  fails(() => v.rmdir(root, 'nope'), Errno.NOENT, 'rmdir missing');
  fails(() => v.unlink(root, 'd'), Errno.ISDIR, 'unlink a directory');
  fails(() => v.read(d, [new Uint8Array(4)]), Errno.NOTCAPABLE, 'read a directory');
  fails(() => v.readdir(openRead(v, root, 'd/one'), 0n), Errno.NOTCAPABLE, 'readdir without the right');
  fails(() => v.open(root, FOLLOW, 'd', 0, RIGHT.FD_WRITE, 0n, 0), Errno.ISDIR, 'directory for writing');
  v.rmdir(root, 'd/e');
  v.unlink(root, 'd/one');
  v.unlink(d, 'two');
  assert.equal(names(v, d), []);
  v.rmdir(root, 'd');
  fails(() => create(v, d, 'late'), Errno.NOENT, 'create in a removed directory');
  assert.equal(names(v, root), []);
});

test('rename files and directories', () => {
  const { v, root } = memFs();
  writeFile(v, root, 'a', 'A');
  writeFile(v, root, 'b', 'B');
  v.mkdir(root, 'dir');
  v.mkdir(root, 'dir/sub');
  v.mkdir(root, 'empty');
  v.rename(root, 'a', root, 'b');
  assert.is(readFile(v, root, 'b'), 'A', 'replaces the target');
  fails(() => readFile(v, root, 'a'), Errno.NOENT, 'old name gone');
  v.rename(root, 'b', root, 'dir/sub/c');
  assert.is(readFile(v, root, 'dir/sub/c'), 'A');
  fails(() => v.rename(root, 'dir', root, 'dir/sub/inner'), Errno.INVAL, 'directory into itself');
  const sub = v.open(root, FOLLOW, 'dir/sub', OFlags.DIRECTORY, RIGHTS_ALL & ~RIGHT.FD_WRITE, RIGHTS_ALL, 0);
  fails(() => v.rename(root, 'dir', sub, 'x'), Errno.INVAL, 'into itself via another descriptor');
  fails(() => v.rename(root, 'dir/sub/c', root, 'empty'), Errno.ISDIR, 'file over directory');
  fails(() => v.rename(root, 'empty', root, 'dir/sub/c'), Errno.NOTDIR, 'directory over file');
  fails(() => v.rename(root, 'empty', root, 'dir'), Errno.NOTEMPTY, 'over non-empty directory');
  fails(() => v.rename(root, 'missing', root, 'x'), Errno.NOENT, 'missing source');
  fails(() => v.rename(root, '.', root, 'x'), Errno.BUSY, 'rename .');
  v.rename(root, 'dir', root, 'empty');
  assert.is(readFile(v, root, 'empty/sub/c'), 'A', 'directory over empty directory');
  assert.is(readFile(v, sub, 'c'), 'A', 'open directory follows its node');
  const other = v.mount('/other', new MemoryBackend());
  fails(() => v.rename(root, 'empty/sub/c', other, 'c'), Errno.XDEV, 'across mounts');
});

test('symlinks: create, readlink, follow, nofollow, loops', () => {
  const { v, root } = memFs();
  v.mkdir(root, 'd');
  writeFile(v, root, 'd/target', 'T');
  v.symlink('d/target', root, 'l1');
  v.symlink('target', root, 'd/l2');
  v.symlink('../d', root, 'd/up');
  v.symlink('d', root, 'dl');
  v.symlink('dangling', root, 'dang');
  v.symlink('loop2', root, 'loop1');
  v.symlink('loop1', root, 'loop2');
  assert.is(v.readlink(root, 'l1'), 'd/target');
  assert.is(readFile(v, root, 'l1'), 'T');
  assert.is(readFile(v, root, 'd/l2'), 'T', 'relative to the link');
  assert.is(readFile(v, root, 'd/up/up/up/target'), 'T', 'links climbing inside the sandbox');
  assert.is(readFile(v, root, 'dl/target'), 'T', 'directory symlink in the middle');
  assert.is(v.pathFilestat(root, 0, 'l1').filetype, FileType.SYMBOLIC_LINK);
  assert.is(v.pathFilestat(root, FOLLOW, 'l1').filetype, FileType.REGULAR_FILE);
  assert.is(v.pathFilestat(root, 0, 'l1').size, 8n, 'symlink size is its target length');
  fails(() => openRead(v, root, 'l1', 0), Errno.LOOP, 'open a symlink without following');
  fails(() => readFile(v, root, 'loop1'), Errno.LOOP, 'symlink loop');
  fails(() => readFile(v, root, 'dang'), Errno.NOENT, 'dangling');
  fails(() => v.readlink(root, 'd/target'), Errno.INVAL, 'readlink a file');
  fails(() => v.symlink('x', root, 'l1'), Errno.EXIST, 'symlink over existing');
  fails(() => v.mkdir(root, 'dang'), Errno.EXIST, 'mkdir over a dangling symlink');
  const c = create(v, root, 'dang');
  v.write(c, [enc('created')]);
  assert.is(readFile(v, root, 'dangling'), 'created', 'O_CREAT through a dangling symlink');
  fails(() => create(v, root, 'dang', OFlags.EXCL), Errno.EXIST, 'O_EXCL on a symlink');
  v.unlink(root, 'l1');
  assert.is(readFile(v, root, 'd/target'), 'T', 'unlink removes the link only');
  assert.equal(names(v, v.open(root, FOLLOW, 'dl/', OFlags.DIRECTORY, RIGHT.FD_READDIR, 0n, 0)), ['target', 'l2', 'up']);
});

test('hard links share the inode; an unlinked open file stays readable', () => {
  const { v, root } = memFs();
  writeFile(v, root, 'orig', 'data');
  v.link(root, 0, 'orig', root, 'copy');
  assert.is(v.pathFilestat(root, 0, 'orig').nlink, 2n);
  assert.is(v.pathFilestat(root, 0, 'orig').ino, v.pathFilestat(root, 0, 'copy').ino);
  const fd = openRead(v, root, 'copy');
  v.unlink(root, 'orig');
  v.unlink(root, 'copy');
  assert.is(readAll(v, fd), 'data');
  assert.is(v.filestat(fd).nlink, 0n);
  v.mkdir(root, 'd');
  fails(() => v.link(root, 0, 'd', root, 'd2'), Errno.PERM, 'hard link to a directory');
  writeFile(v, root, 'x', '');
  fails(() => v.link(root, 0, 'x', root, 'd'), Errno.EXIST, 'link over existing');
  fails(() => v.link(root, 0, 'nope', root, 'y'), Errno.NOENT, 'link a missing file');
});

test('every escape from the preopen is refused with ENOTCAPABLE', () => {
  const { v, b, root } = memFs();
  v.mkdir(root, 'sub');
  writeFile(v, root, 'secret', 's');
  fails(() => v.symlink('/etc/passwd', root, 'abs'), Errno.PERM, 'absolute symlink targets are refused');
  b.symlink(b.root(), 'abs', '/etc/passwd'); // planted behind the VFS's back: following is refused
  v.symlink('..', root, 'parent');
  v.symlink('../..', root, 'sub/grand');
  v.symlink('parent/x', root, 'chain');
  const sub = v.open(root, FOLLOW, 'sub', OFlags.DIRECTORY, RIGHTS_ALL & ~RIGHT.FD_WRITE, RIGHTS_ALL, 0);
  v.symlink('../secret', sub, 'tosecret');
  const N = Errno.NOTCAPABLE;
  fails(() => openRead(v, root, '/etc/passwd'), N, 'absolute path');
  fails(() => openRead(v, root, '..'), N, '..');
  fails(() => openRead(v, root, '../x'), N, '../x');
  fails(() => openRead(v, root, 'sub/../../x'), N, 'sub/../../x');
  fails(() => openRead(v, root, './sub/./../..'), N, './sub/./../..');
  fails(() => openRead(v, root, 'abs'), N, 'symlink to an absolute path');
  fails(() => openRead(v, root, 'parent'), N, 'symlink to ..');
  fails(() => openRead(v, root, 'parent/secret'), N, 'through a symlink to ..');
  fails(() => openRead(v, root, 'sub/grand/x'), N, 'symlink climbing two levels');
  fails(() => openRead(v, root, 'chain'), N, 'symlink chain');
  fails(() => openRead(v, sub, '../secret'), N, '.. above a directory descriptor');
  fails(() => openRead(v, sub, 'tosecret'), N, 'symlink above a directory descriptor');
  assert.is(readFile(v, root, 'sub/tosecret'), 's', 'the same link from the preopen is inside');
  fails(() => v.mkdir(root, '../x'), N, 'mkdir');
  fails(() => v.unlink(root, '../secret'), N, 'unlink');
  fails(() => v.rmdir(root, '../sub'), N, 'rmdir');
  fails(() => v.rename(root, 'secret', root, '../secret'), N, 'rename target');
  fails(() => v.rename(root, '/secret', root, 'x'), N, 'rename source');
  fails(() => v.link(root, 0, 'secret', root, '/tmp/x'), N, 'link target');
  fails(() => v.link(root, FOLLOW, 'parent', root, 'x'), N, 'link following an escaping symlink');
  fails(() => v.symlink('x', root, '../l'), N, 'symlink location');
  fails(() => v.readlink(root, '../abs'), N, 'readlink');
  fails(() => v.pathFilestat(root, FOLLOW, 'abs'), N, 'stat through an absolute symlink');
  fails(() => v.pathSetTimes(root, FOLLOW, 'parent', 0n, 0n, FstFlags.ATIM), N, 'set times');
  fails(() => create(v, root, '../new'), N, 'create');
  assert.is(v.readlink(root, 'abs'), '/etc/passwd', 'reading the link itself is fine');
});

test('rights: masked by the parent, checked per operation, only ever reduced', () => {
  const { v, root } = memFs();
  writeFile(v, root, 'f', 'abc');
  const ro = openRead(v, root, 'f');
  fails(() => v.write(ro, [enc('x')]), Errno.NOTCAPABLE, 'write without FD_WRITE');
  fails(() => v.setSize(ro, 0n), Errno.NOTCAPABLE, 'truncate without the right');
  const rights = v.fdstat(ro).rightsBase;
  v.setRights(ro, RIGHT.FD_READ, 0n);
  fails(() => v.seek(ro, 1n, Whence.SET), Errno.NOTCAPABLE, 'seek after dropping it');
  fails(() => v.setRights(ro, rights, 0n), Errno.NOTCAPABLE, 'rights cannot grow');
  assert.is(v.read(ro, [new Uint8Array(2)]), 2);
  const limited = v.mount('/limited', new MemoryBackend(), { rightsBase: RIGHT.PATH_OPEN, rightsInheriting: RIGHT.FD_READ });
  fails(() => v.mkdir(limited, 'x'), Errno.NOTCAPABLE, 'mkdir without PATH_CREATE_DIRECTORY');
  fails(() => create(v, limited, 'x'), Errno.NOTCAPABLE, 'create without PATH_CREATE_FILE');
  fails(() => v.readdir(limited, 0n), Errno.NOTCAPABLE, 'readdir without FD_READDIR');
  const w = create(v, root, 'g');
  assert.is(v.fdstat(w).rightsBase & RIGHT.PATH_OPEN, 0n, 'a file gets no directory rights');
  fails(() => v.seek(1, 0n, Whence.SET), Errno.NOTCAPABLE, 'seek on stdout');
  fails(() => v.tell(1), Errno.NOTCAPABLE, 'tell on stdout');
});

test('read-only memory mount refuses every change with EROFS', () => {
  const b = new MemoryBackend();
  const setup = new Vfs();
  const fd0 = setup.mount('/', b);
  writeFile(setup, fd0, 'f', 'ro');
  setup.mkdir(fd0, 'd');
  const v = new Vfs();
  const root = v.mount('/', new MemoryBackend({ readOnly: true }));
  fails(() => create(v, root, 'x'), Errno.ROFS, 'create');
  fails(() => v.mkdir(root, 'x'), Errno.ROFS, 'mkdir');
  fails(() => v.symlink('a', root, 'x'), Errno.ROFS, 'symlink');
  fails(() => v.rmdir(root, 'x'), Errno.NOENT, 'rmdir missing');
  // A read-only view of the populated backend: reads work, changes are refused.
  const r3 = v.mount('/ro', b.readOnlyView());
  assert.is(readFile(v, r3, 'f'), 'ro');
  fails(() => v.open(r3, FOLLOW, 'f', 0, RIGHT.FD_WRITE, 0n, 0), Errno.ROFS, 'open for writing');
  fails(() => v.open(r3, FOLLOW, 'f', OFlags.TRUNC, RIGHT.FD_READ, 0n, 0), Errno.ROFS, 'O_TRUNC');
  fails(() => v.unlink(r3, 'f'), Errno.ROFS, 'unlink');
  fails(() => v.rmdir(r3, 'd'), Errno.ROFS, 'rmdir');
  fails(() => v.rename(r3, 'f', r3, 'g'), Errno.ROFS, 'rename');
  fails(() => v.link(r3, 0, 'f', r3, 'g'), Errno.ROFS, 'link');
  fails(() => v.pathSetTimes(r3, 0, 'f', 1n, 1n, FstFlags.ATIM | FstFlags.MTIM), Errno.ROFS, 'set times');
  const fd = openRead(v, r3, 'f');
  fails(() => v.setTimes(fd, 0n, 0n, FstFlags.ATIM_NOW), Errno.NOTCAPABLE, 'fd set times without the right');
});

test('timestamps: explicit, now, invalid flags', () => {
  const { v, root } = memFs();
  writeFile(v, root, 'f', 'x');
  v.pathSetTimes(root, 0, 'f', 111n, 222n, FstFlags.ATIM | FstFlags.MTIM);
  let s = v.pathFilestat(root, 0, 'f');
  assert.is(s.atim, 111n);
  assert.is(s.mtim, 222n);
  const fd = v.open(root, FOLLOW, 'f', 0, RIGHTS_ALL, 0n, 0);
  v.setTimes(fd, 0n, 0n, FstFlags.MTIM_NOW);
  s = v.filestat(fd);
  assert.is(s.atim, 111n, 'atim unchanged');
  assert.ok(s.mtim >= 1000n && s.mtim !== 222n, 'mtim from the clock');
  fails(() => v.setTimes(fd, 0n, 0n, FstFlags.ATIM | FstFlags.ATIM_NOW), Errno.INVAL, 'ATIM with ATIM_NOW');
  fails(() => v.setTimes(fd, 0n, 0n, 16), Errno.INVAL, 'unknown fstflag');
  const before = v.filestat(fd).mtim;
  v.write(fd, [enc('y')]);
  assert.ok(v.filestat(fd).mtim > before, 'writes move mtim');
});

test('stdio streams, close and renumber', () => {
  const { v, root, out } = memFs();
  assert.is(v.write(1, [enc('to '), enc('stdout')]), 9);
  assert.is(dec(Buffer.concat(out)), 'to stdout');
  const buf = new Uint8Array(8);
  assert.is(v.read(0, [buf]), 2);
  assert.is(dec(buf.subarray(0, 2)), 'in');
  assert.equal(v.filestat(1).filetype, FileType.CHARACTER_DEVICE);
  writeFile(v, root, 'log', '');
  const fd = create(v, root, 'log');
  v.renumber(fd, 1);
  fails(() => v.fdstat(fd), Errno.BADF, 'old number closed');
  v.write(1, [enc('into the file')]);
  assert.is(readFile(v, root, 'log'), 'into the file');
  assert.is(dec(Buffer.concat(out)), 'to stdout', 'the stream was replaced');
  fails(() => v.renumber(1, 50), Errno.BADF, 'renumber to a closed number');
  fails(() => v.renumber(50, 1), Errno.BADF, 'renumber from a closed number');
  v.renumber(1, 1);
  v.close(1);
  fails(() => v.close(1), Errno.BADF, 'double close');
  fails(() => v.pread(0, [buf], 0n), Errno.NOTCAPABLE, 'pread on a stream');
});

test('poll readiness, advise, sync', () => {
  const { v, root } = memFs();
  writeFile(v, root, 'f', '12345');
  const fd = v.open(root, FOLLOW, 'f', 0, RIGHTS_ALL, 0n, 0);
  v.seek(fd, 2n, Whence.SET);
  assert.equal(v.readiness(fd, false), { nbytes: 3n, hangup: false });
  assert.equal(v.readiness(0, false), { nbytes: 0n, hangup: false });
  v.advise(fd, 0n, 5n, 1);
  fails(() => v.advise(fd, 0n, 5n, 6), Errno.INVAL, 'bad advice');
  v.sync(fd);
  v.datasync(fd);
  fails(() => v.readiness(root, false), Errno.NOTCAPABLE, 'poll a directory');
});

test('snapshot/restore of a memory backend and descriptor reset', () => {
  const { v, b, root } = memFs();
  writeFile(v, root, 'keep', 'zygote');
  v.mkdir(root, 'd');
  v.markInitial();
  const snap = b.snapshot();
  writeFile(v, root, 'keep', 'changed');
  writeFile(v, root, 'new', 'leak');
  v.rmdir(root, 'd');
  const open = openRead(v, root, 'new');
  v.close(0);
  b.restore(snap);
  v.resetDescriptors();
  assert.is(readFile(v, root, 'keep'), 'zygote');
  assert.equal(names(v, root).sort(), ['d', 'keep']);
  fails(() => v.fdstat(open), Errno.BADF, 'descriptor opened after markInitial is closed');
  assert.is(v.fdstat(0).filetype, FileType.CHARACTER_DEVICE, 'closed stdin is back');
  writeFile(v, root, 'd/inner', 'ok');
  assert.is(readFile(v, root, 'd/inner'), 'ok', 'restored directories work');
});

// ---- host backend ----

function hostTree() {
  const base = nodefs.mkdtempSync(join(tmpdir(), 'wasmlet-fs-'));
  const mnt = join(base, 'mnt'), outside = join(base, 'outside');
  nodefs.mkdirSync(mnt);
  nodefs.mkdirSync(outside);
  nodefs.writeFileSync(join(outside, 'secret'), 'outside secret');
  nodefs.writeFileSync(join(mnt, 'hello.txt'), 'hello host');
  nodefs.mkdirSync(join(mnt, 'sub'));
  nodefs.symlinkSync(join(outside, 'secret'), join(mnt, 'abs-escape'));
  nodefs.symlinkSync('../outside', join(mnt, 'rel-escape'));
  nodefs.symlinkSync('../../outside/secret', join(mnt, 'sub', 'deep-escape'));
  nodefs.symlinkSync('hello.txt', join(mnt, 'inside-link'));
  return { base, mnt, outside, cleanup: () => nodefs.rmSync(base, { recursive: true, force: true }) };
}

test('host backend: read, write, readdir, rename, unlink on a temp directory', () => {
  const t = hostTree();
  try {
    const v = new Vfs();
    const root = v.mount('/data', new HostBackend(t.mnt));
    assert.is(readFile(v, root, 'hello.txt'), 'hello host');
    assert.is(readFile(v, root, 'inside-link'), 'hello host', 'symlink inside the mount');
    writeFile(v, root, 'sub/new.txt', 'written by guest');
    assert.is(nodefs.readFileSync(join(t.mnt, 'sub', 'new.txt'), 'utf8'), 'written by guest');
    const fd = v.open(root, FOLLOW, 'sub/new.txt', 0, RIGHTS_ALL, 0n, 0);
    v.seek(fd, 11n, Whence.SET);
    assert.is(readAll(v, fd), 'guest');
    v.setSize(fd, 7n);
    assert.is(v.filestat(fd).size, 7n);
    v.close(fd);
    assert.equal(names(v, root).sort(), ['abs-escape', 'hello.txt', 'inside-link', 'rel-escape', 'sub']);
    const types = Object.fromEntries(v.readdir(root, 0n).map((e) => [dec(e.name), e.type]));
    assert.is(types['sub'], FileType.DIRECTORY);
    assert.is(types['abs-escape'], FileType.SYMBOLIC_LINK);
    v.mkdir(root, 'made');
    v.rename(root, 'sub/new.txt', root, 'made/moved.txt');
    assert.ok(nodefs.existsSync(join(t.mnt, 'made', 'moved.txt')));
    fails(() => v.rmdir(root, 'made'), Errno.NOTEMPTY, 'host rmdir non-empty');
    v.unlink(root, 'made/moved.txt');
    v.rmdir(root, 'made');
    assert.ok(!nodefs.existsSync(join(t.mnt, 'made')));
    v.pathSetTimes(root, 0, 'hello.txt', 5_000_000_000n, 7_000_000_000n, FstFlags.ATIM | FstFlags.MTIM);
    assert.is(v.pathFilestat(root, 0, 'hello.txt').mtim, 7_000_000_000n);
    fails(() => v.open(root, FOLLOW, 'nope', 0, 0n, 0n, 0), Errno.NOENT, 'host ENOENT mapped');
    v.symlink('hello.txt', root, 'sub2');
    assert.is(v.readlink(root, 'sub2'), 'hello.txt');
  } finally {
    t.cleanup();
  }
});

test('host backend: symlinks leading outside the mount are refused', () => {
  const t = hostTree();
  try {
    const v = new Vfs();
    const root = v.mount('/data', new HostBackend(t.mnt));
    const N = Errno.NOTCAPABLE;
    fails(() => readFile(v, root, 'abs-escape'), N, 'host symlink with an absolute target');
    fails(() => readFile(v, root, 'rel-escape/secret'), N, 'host symlink to ../outside');
    fails(() => readFile(v, root, 'sub/deep-escape'), N, 'host symlink climbing from a subdirectory');
    fails(() => v.readdir(v.open(root, FOLLOW, 'rel-escape', OFlags.DIRECTORY, RIGHT.FD_READDIR, 0n, 0), 0n), N, 'open dir via escape');
    fails(() => readFile(v, root, '../outside/secret'), N, 'plain ..');
    fails(() => v.pathFilestat(root, FOLLOW, 'abs-escape'), N, 'stat via escape');
    fails(() => v.symlink('/etc/passwd', root, 'mine'), Errno.PERM, 'creating an absolute host symlink');
    fails(() => v.symlink('../outside/secret', root, 'mine'), N, 'creating an escaping host symlink');
    fails(() => v.symlink('../../outside', root, 'sub/mine'), N, 'creating an escaping host symlink deeper');
    v.symlink('../hello.txt', root, 'sub/ok');
    assert.is(readFile(v, root, 'sub/ok'), 'hello host');
    // A directory swapped for an outside symlink after it was opened: the realpath check refuses it.
    const sub = v.open(root, FOLLOW, 'sub', OFlags.DIRECTORY, RIGHTS_ALL & ~RIGHT.FD_WRITE, RIGHTS_ALL, 0);
    nodefs.rmSync(join(t.mnt, 'sub'), { recursive: true });
    nodefs.symlinkSync(t.outside, join(t.mnt, 'sub'));
    fails(() => readFile(v, sub, 'secret'), N, 'swapped directory (realpath check)');
    fails(() => v.readdir(sub, 0n), N, 'readdir of a swapped directory');
    fails(() => create(v, sub, 'planted'), N, 'create in a swapped directory');
    assert.ok(!nodefs.existsSync(join(t.outside, 'planted')));
    assert.is(nodefs.readFileSync(join(t.outside, 'secret'), 'utf8'), 'outside secret');
  } finally {
    t.cleanup();
  }
});

test('host backend mounted read-only', () => {
  const t = hostTree();
  try {
    const v = new Vfs();
    const root = v.mount('/ro', new HostBackend(t.mnt, { readOnly: true }));
    assert.is(readFile(v, root, 'hello.txt'), 'hello host');
    fails(() => create(v, root, 'x'), Errno.ROFS, 'create');
    fails(() => v.open(root, FOLLOW, 'hello.txt', 0, RIGHT.FD_WRITE, 0n, 0), Errno.ROFS, 'open for write');
    fails(() => v.mkdir(root, 'x'), Errno.ROFS, 'mkdir');
    fails(() => v.unlink(root, 'hello.txt'), Errno.ROFS, 'unlink');
    fails(() => v.rename(root, 'hello.txt', root, 'y'), Errno.ROFS, 'rename');
    assert.is(nodefs.readFileSync(join(t.mnt, 'hello.txt'), 'utf8'), 'hello host');
  } finally {
    t.cleanup();
  }
});

test.run();

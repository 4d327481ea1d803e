// The virtual filesystem the WASI layer uses (implements WasiFs): a descriptor table over stream
// devices (stdio) and backends mounted as preopened directories. Descriptor operations live here;
// path operations are in path-ops.ts.
import {
  Errno, fail, FileType, FdFlags, FDFLAGS_ALL, Whence, RIGHT, RIGHTS_DIR, RIGHTS_FILE, RIGHTS_TTY,
  encodeUtf8, type WasiFs, type FileStat, type FdStat, type DirEntry, type StreamDevice, type Readiness,
} from '../../syscalls/wasi/index.js';
import type { Backend } from './backend.js';
import { DescriptorTable, type Descriptor, type FileDesc } from './descriptors.js';
import { need, position, timesToSet } from './checks.js';
import * as paths from './path-ops.js';

export interface VfsOptions {
  /** Devices for descriptors 0, 1, 2 (null or absent: that descriptor is not open). */
  stdio?: readonly (StreamDevice | null)[];
  /** Realtime clock in ns for *_NOW timestamps (wire it to the nondeterminism door). */
  now?: () => bigint;
  /** Highest descriptor count (EMFILE beyond); default 1024. */
  maxFds?: number;
}

export interface MountOptions {
  /** Rights of the preopened descriptor (default: every directory right; inheriting: all). */
  rightsBase?: bigint;
  rightsInheriting?: bigint;
}

const STREAM_STAT: FileStat = {
  dev: 0n, ino: 0n, filetype: FileType.CHARACTER_DEVICE, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n,
};

function fileDesc(d: Descriptor): FileDesc {
  if (d.kind === 'dir') fail(Errno.ISDIR);
  if (d.kind !== 'file') fail(Errno.SPIPE);
  return d;
}

export class Vfs implements WasiFs {
  readonly table: DescriptorTable;
  readonly now: () => bigint;
  private saved: Map<number, Descriptor> | null = null;

  constructor(opts: VfsOptions = {}) {
    this.table = new DescriptorTable(opts.maxFds);
    this.now = opts.now ?? (() => BigInt(Date.now()) * 1_000_000n);
    (opts.stdio ?? []).forEach((device, fd) => {
      if (device) this.table.set(fd, { kind: 'stream', device, rightsBase: RIGHTS_TTY, rightsInheriting: 0n, flags: 0 });
    });
  }

  /** Preopens backend's root as guest directory `guestPath`; returns its descriptor (≥ 3). */
  mount(guestPath: string, backend: Backend, opts: MountOptions = {}): number {
    return this.table.add({
      kind: 'dir', backend, node: backend.root(), preopen: guestPath, listing: null,
      rightsBase: opts.rightsBase ?? RIGHTS_DIR, rightsInheriting: opts.rightsInheriting ?? (RIGHTS_DIR | RIGHTS_FILE),
      flags: 0,
    }, 3);
  }

  /** Remembers the current descriptors (after stdio and mounts) for resetDescriptors(). */
  markInitial(): void { this.saved = this.table.save(); }

  /** Closes everything opened since markInitial() and restores the initial descriptors. */
  resetDescriptors(): void { if (this.saved !== null) this.table.resetTo(this.saved); }

  // ---- data transfer ----

  read(fd: number, bufs: Uint8Array[]): number {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_READ);
    if (d.kind === 'stream') return readStream(d.device, bufs);
    const f = fileDesc(d);
    const n = preadv(f, bufs, f.offset);
    f.offset += n;
    return n;
  }

  pread(fd: number, bufs: Uint8Array[], offset: bigint): number {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_READ | RIGHT.FD_SEEK);
    const f = fileDesc(d);
    if (offset > BigInt(Number.MAX_SAFE_INTEGER)) return 0;
    return preadv(f, bufs, Number(offset));
  }

  write(fd: number, chunks: Uint8Array[]): number {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_WRITE);
    if (d.kind === 'stream') return writeStream(d.device, chunks);
    const f = fileDesc(d);
    const at = d.flags & FdFlags.APPEND ? f.handle.size() : f.offset;
    const n = pwritev(f, chunks, at);
    f.offset = at + n;
    return n;
  }

  pwrite(fd: number, chunks: Uint8Array[], offset: bigint): number {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_WRITE | RIGHT.FD_SEEK);
    return pwritev(fileDesc(d), chunks, position(offset, Errno.FBIG));
  }

  seek(fd: number, offset: bigint, whence: number): bigint {
    const d = this.table.get(fd);
    need(d, offset === 0n && whence === Whence.CUR ? RIGHT.FD_TELL : RIGHT.FD_SEEK | RIGHT.FD_TELL);
    const f = fileDesc(d);
    let base: number;
    if (whence === Whence.SET) base = 0;
    else if (whence === Whence.CUR) base = f.offset;
    else if (whence === Whence.END) base = f.handle.size();
    else return fail(Errno.INVAL);
    f.offset = position(BigInt(base) + offset);
    return BigInt(f.offset);
  }

  tell(fd: number): bigint {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_TELL);
    return BigInt(fileDesc(d).offset);
  }

  readdir(fd: number, cookie: bigint): DirEntry[] {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_READDIR);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    if (cookie === 0n || d.listing === null) {
      d.listing = d.backend.list(d.node).map((e, i) => ({ next: BigInt(i + 1), ino: e.ino, type: e.type, name: encodeUtf8(e.name) }));
    }
    return cookie >= BigInt(d.listing.length) ? [] : d.listing.slice(Number(cookie));
  }

  readiness(fd: number, write: boolean): Readiness {
    const d = this.table.get(fd);
    need(d, RIGHT.POLL_FD_READWRITE);
    if (d.kind !== 'file' || write) return { nbytes: 0n, hangup: false };
    return { nbytes: BigInt(Math.max(0, d.handle.size() - d.offset)), hangup: false };
  }

  // ---- descriptor state ----

  close(fd: number): void { this.table.close(fd); }

  renumber(from: number, to: number): void {
    const d = this.table.get(from);
    this.table.get(to);
    if (from === to) return;
    this.table.close(to);
    this.table.take(from);
    this.table.set(to, d);
  }

  sync(fd: number): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_SYNC);
    if (d.kind === 'file') d.handle.sync();
  }

  datasync(fd: number): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_DATASYNC);
    if (d.kind === 'file') d.handle.datasync();
  }

  advise(fd: number, _offset: bigint, _len: bigint, advice: number): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_ADVISE);
    if (advice > 5) fail(Errno.INVAL);
    fileDesc(d);
  }

  allocate(fd: number, offset: bigint, len: bigint): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_ALLOCATE);
    const f = fileDesc(d);
    const end = position(offset + len, Errno.FBIG);
    if (end > f.handle.size()) f.handle.truncate(end);
  }

  fdstat(fd: number): FdStat {
    const d = this.table.get(fd);
    const filetype = d.kind === 'stream' ? FileType.CHARACTER_DEVICE : d.kind === 'dir' ? FileType.DIRECTORY : d.filetype;
    return { filetype, flags: d.flags, rightsBase: d.rightsBase, rightsInheriting: d.rightsInheriting };
  }

  setFdFlags(fd: number, flags: number): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_FDSTAT_SET_FLAGS);
    if ((flags & ~FDFLAGS_ALL) !== 0) fail(Errno.INVAL);
    d.flags = flags;
  }

  setRights(fd: number, base: bigint, inheriting: bigint): void {
    const d = this.table.get(fd);
    if ((base & ~d.rightsBase) !== 0n || (inheriting & ~d.rightsInheriting) !== 0n) fail(Errno.NOTCAPABLE);
    d.rightsBase = base;
    d.rightsInheriting = inheriting;
  }

  filestat(fd: number): FileStat {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_FILESTAT_GET);
    if (d.kind === 'stream') return { ...STREAM_STAT };
    if (d.kind === 'dir') return d.backend.stat(d.node);
    return d.handle.stat();
  }

  setSize(fd: number, size: bigint): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_FILESTAT_SET_SIZE);
    fileDesc(d).handle.truncate(position(size, Errno.FBIG));
  }

  setTimes(fd: number, atim: bigint, mtim: bigint, fstflags: number): void {
    const d = this.table.get(fd);
    need(d, RIGHT.FD_FILESTAT_SET_TIMES);
    const [a, m] = timesToSet(atim, mtim, fstflags, this.now);
    if (d.kind === 'stream') return;
    if (d.backend.readOnly) fail(Errno.ROFS);
    if (d.kind === 'dir') d.backend.setTimes(d.node, a, m);
    else d.handle.setTimes(a, m);
  }

  prestatName(fd: number): string {
    const d = this.table.get(fd);
    if (d.kind !== 'dir' || d.preopen === null) fail(Errno.BADF);
    return d.preopen;
  }

  // ---- paths (path-ops.ts) ----

  open(dirfd: number, lookupFlags: number, path: string, oflags: number, rightsBase: bigint, rightsInheriting: bigint, fdflags: number): number {
    return paths.open(this, dirfd, lookupFlags, path, oflags, rightsBase, rightsInheriting, fdflags);
  }
  mkdir(dirfd: number, path: string): void { paths.mkdir(this, dirfd, path); }
  rmdir(dirfd: number, path: string): void { paths.rmdir(this, dirfd, path); }
  unlink(dirfd: number, path: string): void { paths.unlink(this, dirfd, path); }
  rename(dirfd: number, path: string, newDirfd: number, newPath: string): void { paths.rename(this, dirfd, path, newDirfd, newPath); }
  link(dirfd: number, lookupFlags: number, path: string, newDirfd: number, newPath: string): void {
    paths.link(this, dirfd, lookupFlags, path, newDirfd, newPath);
  }
  symlink(target: string, dirfd: number, path: string): void { paths.symlink(this, target, dirfd, path); }
  readlink(dirfd: number, path: string): string { return paths.readlink(this, dirfd, path); }
  pathFilestat(dirfd: number, lookupFlags: number, path: string): FileStat { return paths.filestat(this, dirfd, lookupFlags, path); }
  pathSetTimes(dirfd: number, lookupFlags: number, path: string, atim: bigint, mtim: bigint, fstflags: number): void {
    paths.setTimes(this, dirfd, lookupFlags, path, atim, mtim, fstflags);
  }
}

function readStream(dev: StreamDevice, bufs: Uint8Array[]): number {
  if (!dev.read) fail(Errno.BADF);
  let total = 0;
  for (const b of bufs) total += b.length;
  if (total === 0) return 0;
  const data = dev.read(total);
  let off = 0;
  for (const b of bufs) {
    if (off >= data.length) break;
    const k = Math.min(b.length, data.length - off);
    b.set(data.subarray(off, off + k));
    off += k;
  }
  return off;
}

function writeStream(dev: StreamDevice, chunks: Uint8Array[]): number {
  if (!dev.write) fail(Errno.BADF);
  let n = 0;
  for (const c of chunks) if (c.length > 0) n += dev.write(c);
  return n;
}

function preadv(f: FileDesc, bufs: Uint8Array[], pos: number): number {
  let n = 0;
  for (const b of bufs) {
    if (b.length === 0) continue;
    const k = f.handle.pread(b, pos + n);
    n += k;
    if (k < b.length) break;
  }
  return n;
}

function pwritev(f: FileDesc, chunks: Uint8Array[], pos: number): number {
  let n = 0;
  for (const c of chunks) {
    if (c.length === 0) continue;
    const k = f.handle.pwrite(c, pos + n);
    n += k;
    if (k < c.length) break;
  }
  return n;
}

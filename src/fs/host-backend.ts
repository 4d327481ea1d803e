// The host-directory backend: a directory of the host filesystem mounted read-only or read-write.
// Nodes are host paths under the mount's real path. The VFS walks paths itself (lstat per name, so
// host symlinks are resolved inside the sandbox); in addition every directory used and every file
// opened is checked with realpath to lie inside the mount, files are opened with O_NOFOLLOW, and
// symlinks whose target would leave the mount cannot be created (EPERM absolute, ENOTCAPABLE relative).
import * as fs from 'node:fs';
import { dirname, resolve as resolvePath, sep } from 'node:path';
import { Errno, fail, FileType, type FileStat } from '../../syscalls/wasi/index.js';
import type { Backend, FileHandle, FsNode, ListEntry } from './backend.js';
import { hostCall } from './host-errors.js';

class HostNode {
  constructor(readonly path: string, readonly type: FileType) {}
}

export interface HostBackendOptions { readOnly?: boolean; }

function typeOf(s: fs.Stats | fs.BigIntStats): FileType {
  if (s.isFile()) return FileType.REGULAR_FILE;
  if (s.isDirectory()) return FileType.DIRECTORY;
  if (s.isSymbolicLink()) return FileType.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return FileType.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return FileType.BLOCK_DEVICE;
  if (s.isSocket()) return FileType.SOCKET_STREAM;
  return FileType.UNKNOWN;
}

function statOf(s: fs.BigIntStats): FileStat {
  return {
    dev: s.dev, ino: s.ino, filetype: typeOf(s), nlink: s.nlink, size: s.size,
    atim: s.atimeNs, mtim: s.mtimeNs, ctim: s.ctimeNs,
  };
}

const nsToSeconds = (ns: bigint): number => Number(ns) / 1e9;

export class HostBackend implements Backend {
  readonly readOnly: boolean;
  /** The mounted directory's real path. */
  readonly hostRoot: string;

  constructor(dir: string, opts: HostBackendOptions = {}) {
    this.readOnly = opts.readOnly ?? false;
    this.hostRoot = fs.realpathSync(dir);
    if (!fs.statSync(this.hostRoot).isDirectory()) throw new Error(`not a directory: ${dir}`);
  }

  /** Whether a host path lies inside the mount. */
  inside(p: string): boolean { return p === this.hostRoot || p.startsWith(this.hostRoot + sep); }

  /** ENOTCAPABLE unless the real path of p lies inside the mount. */
  private checkReal(p: string): void {
    const real = hostCall(() => fs.realpathSync(p));
    if (!this.inside(real)) fail(Errno.NOTCAPABLE);
  }

  private dir(node: FsNode): HostNode {
    const d = node as HostNode;
    if (d.type !== FileType.DIRECTORY) fail(Errno.NOTDIR);
    this.checkReal(d.path);
    return d;
  }

  private child(dir: FsNode, name: string): string { return this.dir(dir).path + sep + name; }

  /** The path of a new or changed entry; EROFS on a read-only mount. */
  private mutable(dir: FsNode, name: string): string {
    if (this.readOnly) fail(Errno.ROFS);
    return this.child(dir, name);
  }

  root(): FsNode { return new HostNode(this.hostRoot, FileType.DIRECTORY); }
  type(node: FsNode): FileType { return (node as HostNode).type; }
  stat(node: FsNode): FileStat { return statOf(hostCall(() => fs.lstatSync((node as HostNode).path, { bigint: true }))); }

  lookup(dir: FsNode, name: string): FsNode | null {
    const p = this.child(dir, name);
    try {
      return new HostNode(p, typeOf(fs.lstatSync(p)));
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') return null;
      return hostCall(() => { throw e; });
    }
  }

  list(dir: FsNode): ListEntry[] {
    const d = this.dir(dir);
    const out: ListEntry[] = [];
    for (const name of hostCall(() => fs.readdirSync(d.path))) {
      try {
        const s = fs.lstatSync(d.path + sep + name, { bigint: true });
        out.push({ name, ino: s.ino, type: typeOf(s) });
      } catch { /* vanished meanwhile */ }
    }
    return out;
  }

  readlink(node: FsNode): string {
    const n = node as HostNode;
    if (n.type !== FileType.SYMBOLIC_LINK) fail(Errno.INVAL);
    return hostCall(() => fs.readlinkSync(n.path));
  }

  mkdir(dir: FsNode, name: string): void { const p = this.mutable(dir, name); hostCall(() => fs.mkdirSync(p)); }

  createFile(dir: FsNode, name: string): FsNode {
    const p = this.mutable(dir, name);
    const c = fs.constants;
    hostCall(() => fs.closeSync(fs.openSync(p, c.O_CREAT | c.O_EXCL | c.O_WRONLY | c.O_NOFOLLOW, 0o666)));
    return new HostNode(p, FileType.REGULAR_FILE);
  }

  symlink(dir: FsNode, name: string, target: string): void {
    const p = this.mutable(dir, name);
    if (target.startsWith('/')) fail(Errno.PERM);
    if (!this.inside(resolvePath(dirname(p), target))) fail(Errno.NOTCAPABLE);
    hostCall(() => fs.symlinkSync(target, p));
  }

  link(node: FsNode, dir: FsNode, name: string): void {
    const n = node as HostNode;
    if (n.type === FileType.DIRECTORY) fail(Errno.PERM);
    this.checkReal(dirname(n.path));
    const p = this.mutable(dir, name);
    hostCall(() => fs.linkSync(n.path, p));
  }

  unlink(dir: FsNode, name: string): void { const p = this.mutable(dir, name); hostCall(() => fs.unlinkSync(p)); }
  rmdir(dir: FsNode, name: string): void { const p = this.mutable(dir, name); hostCall(() => fs.rmdirSync(p)); }

  rename(dir: FsNode, name: string, toDir: FsNode, toName: string): void {
    const from = this.mutable(dir, name), to = this.mutable(toDir, toName);
    hostCall(() => fs.renameSync(from, to));
  }

  setTimes(node: FsNode, atim: bigint | null, mtim: bigint | null): void {
    const n = node as HostNode;
    if (this.readOnly) fail(Errno.ROFS);
    const s = hostCall(() => fs.lstatSync(n.path, { bigint: true }));
    const a = nsToSeconds(atim ?? s.atimeNs), m = nsToSeconds(mtim ?? s.mtimeNs);
    if (n.type === FileType.SYMBOLIC_LINK) hostCall(() => fs.lutimesSync(n.path, a, m));
    else { this.checkReal(n.path); hostCall(() => fs.utimesSync(n.path, a, m)); }
  }

  open(node: FsNode, read: boolean, write: boolean): FileHandle {
    const n = node as HostNode;
    if (n.type === FileType.DIRECTORY || n.type === FileType.SYMBOLIC_LINK) fail(Errno.INVAL);
    if (n.type !== FileType.REGULAR_FILE && n.type !== FileType.CHARACTER_DEVICE && n.type !== FileType.BLOCK_DEVICE) {
      fail(Errno.NOTSUP);
    }
    if (write && this.readOnly) fail(Errno.ROFS);
    const c = fs.constants;
    const mode = write ? (read ? c.O_RDWR : c.O_WRONLY) : c.O_RDONLY;
    const fd = hostCall(() => fs.openSync(n.path, mode | c.O_NOFOLLOW));
    try {
      this.checkReal(n.path);
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
    return new HostFileHandle(fd, n.type === FileType.REGULAR_FILE);
  }
}

/** An open host file: positional reads and writes on a host descriptor. */
class HostFileHandle implements FileHandle {
  /** Devices are read and written without a position. */
  constructor(private readonly fd: number, private readonly positional: boolean) {}
  pread(buf: Uint8Array, pos: number): number {
    return hostCall(() => fs.readSync(this.fd, buf, 0, buf.length, this.positional ? pos : null));
  }
  pwrite(data: Uint8Array, pos: number): number {
    return hostCall(() => fs.writeSync(this.fd, data, 0, data.length, this.positional ? pos : null));
  }
  size(): number { return hostCall(() => fs.fstatSync(this.fd).size); }
  truncate(size: number): void { hostCall(() => fs.ftruncateSync(this.fd, size)); }
  sync(): void { hostCall(() => fs.fsyncSync(this.fd)); }
  datasync(): void { hostCall(() => fs.fdatasyncSync(this.fd)); }
  stat(): FileStat { return statOf(hostCall(() => fs.fstatSync(this.fd, { bigint: true }))); }
  setTimes(atim: bigint | null, mtim: bigint | null): void {
    const s = hostCall(() => fs.fstatSync(this.fd, { bigint: true }));
    hostCall(() => fs.futimesSync(this.fd, nsToSeconds(atim ?? s.atimeNs), nsToSeconds(mtim ?? s.mtimeNs)));
  }
  close(): void { try { fs.closeSync(this.fd); } catch { /* already gone */ } }
}

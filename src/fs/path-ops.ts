// Path operations of the VFS: each resolves its path inside the directory descriptor it is given
// (resolve.ts refuses escapes), checks the descriptor's rights and the mount's writability, then
// calls the backend with (directory node, name).
import {
  Errno, fail, FileType, OFlags, OFLAGS_ALL, FDFLAGS_ALL, LookupFlags, RIGHT, RIGHTS_DIR, RIGHTS_FILE,
  RIGHTS_WRITE, type FileStat,
} from '../../syscalls/wasi/index.js';
import type { Backend } from './backend.js';
import type { DirDesc, Descriptor } from './descriptors.js';
import type { Vfs } from './vfs.js';
import { resolvePath, type Resolved } from './resolve.js';
import { need, timesToSet } from './checks.js';

type Dir = DirDesc & Descriptor;

/** The directory descriptor dirfd, holding `rights`. */
function dirOf(v: Vfs, dirfd: number, rights: bigint): Dir {
  const d = v.table.get(dirfd);
  need(d, rights);
  if (d.kind !== 'dir') fail(Errno.NOTDIR);
  return d;
}

function writable(b: Backend): void { if (b.readOnly) fail(Errno.ROFS); }

function resolve(d: Dir, path: string, follow: boolean): Resolved {
  return resolvePath(d.backend, d.node, path, follow);
}

/** The existing node a path names (ENOENT when absent). */
function existing(r: Resolved): object {
  if (r.node === null) fail(Errno.NOENT);
  return r.node;
}

export function open(
  v: Vfs, dirfd: number, lookupFlags: number, path: string, oflags: number,
  rightsBase: bigint, rightsInheriting: bigint, fdflags: number,
): number {
  let rights = RIGHT.PATH_OPEN;
  if (oflags & OFlags.CREAT) rights |= RIGHT.PATH_CREATE_FILE;
  if (oflags & OFlags.TRUNC) rights |= RIGHT.PATH_FILESTAT_SET_SIZE;
  const d = dirOf(v, dirfd, rights);
  if ((oflags & ~OFLAGS_ALL) !== 0 || (fdflags & ~FDFLAGS_ALL) !== 0) fail(Errno.INVAL);
  const b = d.backend;
  const r = resolve(d, path, (lookupFlags & LookupFlags.SYMLINK_FOLLOW) !== 0);
  const wantsWrite = (rightsBase & RIGHTS_WRITE) !== 0n || (oflags & OFlags.TRUNC) !== 0;
  let node = r.node;
  if (node === null) {
    if (!(oflags & OFlags.CREAT)) fail(Errno.NOENT);
    if (oflags & OFlags.DIRECTORY) fail(Errno.INVAL);
    if (r.mustBeDir) fail(Errno.ISDIR);
    writable(b);
    node = b.createFile(r.parent, r.name!);
  } else if ((oflags & OFlags.CREAT) && (oflags & OFlags.EXCL)) {
    fail(Errno.EXIST);
  }
  const type = b.type(node);
  if (type === FileType.SYMBOLIC_LINK) fail(oflags & OFlags.DIRECTORY ? Errno.NOTDIR : Errno.LOOP);
  if (type === FileType.DIRECTORY) {
    if ((rightsBase & RIGHT.FD_WRITE) !== 0n || (oflags & OFlags.TRUNC)) fail(Errno.ISDIR);
    return v.table.add({
      kind: 'dir', backend: b, node, preopen: null, listing: null, flags: fdflags,
      rightsBase: rightsBase & d.rightsInheriting & RIGHTS_DIR,
      rightsInheriting: rightsInheriting & d.rightsInheriting,
    });
  }
  if (oflags & OFlags.DIRECTORY) fail(Errno.NOTDIR);
  if (wantsWrite) writable(b);
  const handle = b.open(node, (rightsBase & RIGHT.FD_READ) !== 0n, wantsWrite);
  if (oflags & OFlags.TRUNC) {
    try { handle.truncate(0); } catch (e) { handle.close(); throw e; }
  }
  try {
    return v.table.add({
      kind: 'file', backend: b, node, handle, offset: 0, filetype: type, flags: fdflags,
      rightsBase: rightsBase & d.rightsInheriting & RIGHTS_FILE,
      rightsInheriting: rightsInheriting & d.rightsInheriting,
    });
  } catch (e) {
    handle.close();
    throw e;
  }
}

export function mkdir(v: Vfs, dirfd: number, path: string): void {
  const d = dirOf(v, dirfd, RIGHT.PATH_CREATE_DIRECTORY);
  const r = resolve(d, path, false);
  if (r.name === null || r.node !== null) fail(Errno.EXIST);
  writable(d.backend);
  d.backend.mkdir(r.parent, r.name);
}

export function rmdir(v: Vfs, dirfd: number, path: string): void {
  const d = dirOf(v, dirfd, RIGHT.PATH_REMOVE_DIRECTORY);
  const r = resolve(d, path, false);
  if (r.name === null) fail(/(^|\/)\.\/*$/.test(path) ? Errno.INVAL : Errno.NOTEMPTY); // "." vs ".." (as Linux)
  const node = existing(r);
  if (d.backend.type(node) !== FileType.DIRECTORY) fail(Errno.NOTDIR);
  writable(d.backend);
  d.backend.rmdir(r.parent, r.name);
}

export function unlink(v: Vfs, dirfd: number, path: string): void {
  const d = dirOf(v, dirfd, RIGHT.PATH_UNLINK_FILE);
  const r = resolve(d, path, false);
  if (r.name === null) fail(Errno.ISDIR);
  const node = existing(r);
  const type = d.backend.type(node);
  if (type === FileType.DIRECTORY) fail(Errno.ISDIR);
  if (r.mustBeDir) fail(Errno.NOTDIR);
  writable(d.backend);
  d.backend.unlink(r.parent, r.name);
}

export function rename(v: Vfs, dirfd: number, path: string, newDirfd: number, newPath: string): void {
  const d1 = dirOf(v, dirfd, RIGHT.PATH_RENAME_SOURCE);
  const d2 = dirOf(v, newDirfd, RIGHT.PATH_RENAME_TARGET);
  if (d1.backend !== d2.backend) fail(Errno.XDEV);
  const r1 = resolve(d1, path, false), r2 = resolve(d2, newPath, false);
  if (r1.name === null || r2.name === null) fail(Errno.BUSY);
  const node = existing(r1);
  const srcIsDir = d1.backend.type(node) === FileType.DIRECTORY;
  if ((r1.mustBeDir || r2.mustBeDir) && !srcIsDir) fail(Errno.NOTDIR);
  writable(d1.backend);
  d1.backend.rename(r1.parent, r1.name, r2.parent, r2.name);
}

export function link(v: Vfs, dirfd: number, lookupFlags: number, path: string, newDirfd: number, newPath: string): void {
  const d1 = dirOf(v, dirfd, RIGHT.PATH_LINK_SOURCE);
  const d2 = dirOf(v, newDirfd, RIGHT.PATH_LINK_TARGET);
  if (d1.backend !== d2.backend) fail(Errno.XDEV);
  const r1 = resolve(d1, path, (lookupFlags & LookupFlags.SYMLINK_FOLLOW) !== 0);
  const node = existing(r1);
  if (d1.backend.type(node) === FileType.DIRECTORY) fail(Errno.PERM);
  const r2 = resolve(d2, newPath, false);
  if (r2.name === null || r2.node !== null) fail(Errno.EXIST);
  if (r2.mustBeDir) fail(Errno.NOENT);
  writable(d1.backend);
  d1.backend.link(node, r2.parent, r2.name);
}

export function symlink(v: Vfs, target: string, dirfd: number, path: string): void {
  const d = dirOf(v, dirfd, RIGHT.PATH_SYMLINK);
  const r = resolve(d, path, false);
  if (r.name === null || r.node !== null) fail(Errno.EXIST);
  if (target === '') fail(Errno.NOENT);
  if (target.startsWith('/')) fail(Errno.PERM); // could never be followed; refused as uvwasi does
  writable(d.backend);
  d.backend.symlink(r.parent, r.name, target);
}

export function readlink(v: Vfs, dirfd: number, path: string): string {
  const d = dirOf(v, dirfd, RIGHT.PATH_READLINK);
  const r = resolve(d, path, false);
  const node = existing(r);
  if (r.name === null || d.backend.type(node) !== FileType.SYMBOLIC_LINK) fail(Errno.INVAL);
  return d.backend.readlink(node);
}

export function filestat(v: Vfs, dirfd: number, lookupFlags: number, path: string): FileStat {
  const d = dirOf(v, dirfd, RIGHT.PATH_FILESTAT_GET);
  const r = resolve(d, path, (lookupFlags & LookupFlags.SYMLINK_FOLLOW) !== 0);
  return d.backend.stat(existing(r));
}

export function setTimes(
  v: Vfs, dirfd: number, lookupFlags: number, path: string, atim: bigint, mtim: bigint, fstflags: number,
): void {
  const d = dirOf(v, dirfd, RIGHT.PATH_FILESTAT_SET_TIMES);
  const [a, m] = timesToSet(atim, mtim, fstflags, v.now);
  const r = resolve(d, path, (lookupFlags & LookupFlags.SYMLINK_FOLLOW) !== 0);
  const node = existing(r);
  writable(d.backend);
  d.backend.setTimes(node, a, m);
}

// Path resolution confined to one directory descriptor: absolute paths, ".." above the starting
// directory and symlinks whose target is absolute or climbs above it are refused with ENOTCAPABLE.
// Symlinks are expanded here (never by the host), at most MAX_SYMLINKS per path (ELOOP beyond).
import { Errno, fail, FileType } from '../../syscalls/wasi/index.js';
import type { Backend, FsNode } from './backend.js';

export const MAX_SYMLINKS = 40;
export const MAX_NAME = 255;

export interface Resolved {
  /** Directories walked, from the starting directory to the parent of `name`. */
  dirs: FsNode[];
  /** The parent directory of `name` (the last of dirs). */
  parent: FsNode;
  /** The final name, or null when the path ends in "." or ".." (node is then `parent`). */
  name: string | null;
  /** The final node, or null when `name` does not exist. */
  node: FsNode | null;
  /** The path ended with "/" (the result must be a directory). */
  mustBeDir: boolean;
}

/** Splits a relative path into names (empty names dropped; "." and ".." kept). */
function names(path: string): string[] {
  if (path.startsWith('/')) fail(Errno.NOTCAPABLE);
  return path.split('/').filter((c) => c !== '');
}

/** ENOTCAPABLE when the path's own text climbs above its start ("a/../../x"), whether or not the
 *  names on the way exist (as uvwasi does); the walk below also checks after each symlink. */
function checkLexical(parts: string[]): void {
  let depth = 0;
  for (const c of parts) {
    if (c === '..') { if (--depth < 0) fail(Errno.NOTCAPABLE); } else if (c !== '.') depth++;
  }
}

/**
 * Resolves `path` from directory `start` of `backend`. `follow`: expand a symlink in the final
 * position too (a trailing "/" always does).
 */
export function resolvePath(backend: Backend, start: FsNode, path: string, follow: boolean): Resolved {
  if (path === '') fail(Errno.NOENT);
  let queue = names(path);
  checkLexical(queue);
  let mustBeDir = path.endsWith('/');
  const dirs: FsNode[] = [start];
  let links = 0;
  const done = (name: string | null, node: FsNode | null): Resolved =>
    ({ dirs, parent: dirs[dirs.length - 1], name, node, mustBeDir });
  if (queue.length === 0) return done(null, start);
  while (queue.length > 0) {
    const c = queue.shift()!;
    const last = queue.length === 0;
    if (c === '.') {
      if (last) return done(null, dirs[dirs.length - 1]);
      continue;
    }
    if (c === '..') {
      if (dirs.length === 1) fail(Errno.NOTCAPABLE);
      dirs.pop();
      if (last) return done(null, dirs[dirs.length - 1]);
      continue;
    }
    if (c.length > MAX_NAME) fail(Errno.NAMETOOLONG);
    const node = backend.lookup(dirs[dirs.length - 1], c);
    if (node === null) {
      if (last) return done(c, null);
      fail(Errno.NOENT);
    }
    const type = backend.type(node);
    if (type === FileType.SYMBOLIC_LINK && (!last || follow || mustBeDir)) {
      if (++links > MAX_SYMLINKS) fail(Errno.LOOP);
      const target = backend.readlink(node);
      if (target === '') fail(Errno.NOENT);
      const expanded = names(target);
      if (last && target.endsWith('/')) mustBeDir = true;
      if (expanded.length === 0) expanded.push('.');
      queue = expanded.concat(queue);
      continue;
    }
    if (last) {
      if (mustBeDir && type !== FileType.DIRECTORY && type !== FileType.SYMBOLIC_LINK) fail(Errno.NOTDIR);
      return done(c, node);
    }
    if (type !== FileType.DIRECTORY) fail(Errno.NOTDIR);
    dirs.push(node);
  }
  return done(null, dirs[dirs.length - 1]);
}

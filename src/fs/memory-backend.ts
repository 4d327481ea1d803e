// The in-memory backend (the default filesystem): inodes for files (a growable byte array),
// directories (name → inode, with a parent link) and symlinks; hard links share an inode.
// snapshot()/restore() copy the whole tree so a runtime can reset the filesystem between invocations.
import { Errno, fail, FileType, type FileStat } from '../../syscalls/wasi/index.js';
import type { Backend, FileHandle, FsNode, ListEntry } from './backend.js';

let nextDev = 1n;

export class MemNode {
  nlink = 1n;
  atim: bigint; mtim: bigint; ctim: bigint;
  /** Regular file bytes (capacity ≥ size). */
  data = new Uint8Array(0);
  size = 0;
  /** Directory entries and parent (the root is its own parent). */
  entries: Map<string, MemNode> | null = null;
  parent: MemNode | null = null;
  /** Symlink target. */
  target = '';
  constructor(readonly ino: bigint, readonly type: FileType, now: bigint) {
    this.atim = this.mtim = this.ctim = now;
    if (type === FileType.DIRECTORY) this.entries = new Map();
  }
}

export interface MemoryBackendOptions {
  readOnly?: boolean;
  /** Realtime clock in ns for timestamps (wire it to the nondeterminism door); default Date.now. */
  now?: () => bigint;
  /** Largest file size in bytes (EFBIG beyond); default 1 GiB. */
  maxFileSize?: number;
}

/** A copy of a memory backend's tree (see snapshot()). */
export interface MemSnapshot { root: MemNode; nextIno: bigint; }

export class MemoryBackend implements Backend {
  readonly readOnly: boolean;
  readonly dev = nextDev++;
  readonly now: () => bigint;
  readonly maxFileSize: number;
  private nextIno = 1n;
  private readonly rootNode: MemNode;

  constructor(opts: MemoryBackendOptions = {}) {
    this.readOnly = opts.readOnly ?? false;
    this.now = opts.now ?? (() => BigInt(Date.now()) * 1_000_000n);
    this.maxFileSize = opts.maxFileSize ?? 1 << 30;
    this.rootNode = this.newNode(FileType.DIRECTORY);
    this.rootNode.parent = this.rootNode;
  }

  private newNode(type: FileType): MemNode { return new MemNode(this.nextIno++, type, this.now()); }

  private dir(node: FsNode): MemNode {
    const d = node as MemNode;
    if (d.entries === null) fail(Errno.NOTDIR);
    return d;
  }

  /** Adds a fresh entry; EEXIST when taken, ENOENT when the directory was removed. */
  private add(dir: FsNode, name: string, node: MemNode): void {
    const d = this.dir(dir);
    if (d.nlink === 0n) fail(Errno.NOENT);
    if (d.entries!.has(name)) fail(Errno.EXIST);
    d.entries!.set(name, node);
    d.mtim = d.ctim = this.now();
  }

  root(): FsNode { return this.rootNode; }
  type(node: FsNode): FileType { return (node as MemNode).type; }

  stat(node: FsNode): FileStat {
    const n = node as MemNode;
    const size = n.type === FileType.SYMBOLIC_LINK ? new TextEncoder().encode(n.target).length : n.size;
    return { dev: this.dev, ino: n.ino, filetype: n.type, nlink: n.nlink, size: BigInt(size), atim: n.atim, mtim: n.mtim, ctim: n.ctim };
  }

  lookup(dir: FsNode, name: string): FsNode | null { return this.dir(dir).entries!.get(name) ?? null; }

  list(dir: FsNode): ListEntry[] {
    return [...this.dir(dir).entries!].map(([name, n]) => ({ name, ino: n.ino, type: n.type }));
  }

  readlink(node: FsNode): string {
    const n = node as MemNode;
    if (n.type !== FileType.SYMBOLIC_LINK) fail(Errno.INVAL);
    return n.target;
  }

  mkdir(dir: FsNode, name: string): void {
    const n = this.newNode(FileType.DIRECTORY);
    n.parent = dir as MemNode;
    this.add(dir, name, n);
  }

  createFile(dir: FsNode, name: string): FsNode {
    const n = this.newNode(FileType.REGULAR_FILE);
    this.add(dir, name, n);
    return n;
  }

  symlink(dir: FsNode, name: string, target: string): void {
    const n = this.newNode(FileType.SYMBOLIC_LINK);
    n.target = target;
    this.add(dir, name, n);
  }

  link(node: FsNode, dir: FsNode, name: string): void {
    const n = node as MemNode;
    if (n.type === FileType.DIRECTORY) fail(Errno.PERM);
    this.add(dir, name, n);
    n.nlink++;
    n.ctim = this.now();
  }

  unlink(dir: FsNode, name: string): void {
    const d = this.dir(dir);
    const n = d.entries!.get(name);
    if (n === undefined) fail(Errno.NOENT);
    if (n.type === FileType.DIRECTORY) fail(Errno.ISDIR);
    d.entries!.delete(name);
    n.nlink--;
    d.mtim = d.ctim = n.ctim = this.now();
  }

  rmdir(dir: FsNode, name: string): void {
    const d = this.dir(dir);
    const n = d.entries!.get(name);
    if (n === undefined) fail(Errno.NOENT);
    if (n.type !== FileType.DIRECTORY) fail(Errno.NOTDIR);
    if (n.entries!.size > 0) fail(Errno.NOTEMPTY);
    d.entries!.delete(name);
    n.nlink = 0n;
    d.mtim = d.ctim = this.now();
  }

  rename(dir: FsNode, name: string, toDir: FsNode, toName: string): void {
    const from = this.dir(dir), to = this.dir(toDir);
    const n = from.entries!.get(name);
    if (n === undefined) fail(Errno.NOENT);
    if (to.nlink === 0n) fail(Errno.NOENT);
    const old = to.entries!.get(toName);
    if (old === n) return;
    if (n.type === FileType.DIRECTORY) {
      for (let p: MemNode = to; ; p = p.parent!) {
        if (p === n) fail(Errno.INVAL);
        if (p.parent === p) break;
      }
      if (old !== undefined) {
        if (old.type !== FileType.DIRECTORY) fail(Errno.NOTDIR);
        if (old.entries!.size > 0) fail(Errno.NOTEMPTY);
      }
    } else if (old !== undefined && old.type === FileType.DIRECTORY) {
      fail(Errno.ISDIR);
    }
    if (old !== undefined) old.nlink = old.type === FileType.DIRECTORY ? 0n : old.nlink - 1n;
    from.entries!.delete(name);
    to.entries!.set(toName, n);
    if (n.type === FileType.DIRECTORY) n.parent = to;
    const t = this.now();
    from.mtim = from.ctim = to.mtim = to.ctim = n.ctim = t;
  }

  setTimes(node: FsNode, atim: bigint | null, mtim: bigint | null): void {
    const n = node as MemNode;
    if (atim !== null) n.atim = atim;
    if (mtim !== null) n.mtim = mtim;
    n.ctim = this.now();
  }

  open(node: FsNode, _read: boolean, _write: boolean): FileHandle {
    const n = node as MemNode;
    if (n.type !== FileType.REGULAR_FILE) fail(Errno.INVAL);
    return new MemFileHandle(this, n);
  }

  /** The same tree, mounted read-only (changes made through this backend stay visible). */
  readOnlyView(): MemoryBackend {
    const view = Object.create(this) as MemoryBackend;
    Object.defineProperty(view, 'readOnly', { value: true });
    return view;
  }

  /** A deep copy of the current tree (hard links stay shared within the copy). */
  snapshot(): MemSnapshot {
    return { root: copyTree(this.rootNode, new Map()), nextIno: this.nextIno };
  }

  /** Makes the tree equal to the snapshot again; the root node keeps its identity (open preopens
   *  stay valid), other open descriptors should be closed by the caller. */
  restore(s: MemSnapshot): void {
    const copy = copyTree(s.root, new Map());
    const r = this.rootNode;
    r.entries = copy.entries;
    for (const child of r.entries!.values()) if (child.parent === copy) child.parent = r;
    r.atim = copy.atim; r.mtim = copy.mtim; r.ctim = copy.ctim;
    this.nextIno = s.nextIno;
  }
}

function copyTree(n: MemNode, seen: Map<MemNode, MemNode>): MemNode {
  const done = seen.get(n);
  if (done !== undefined) return done;
  const c = new MemNode(n.ino, n.type, 0n);
  seen.set(n, c);
  c.nlink = n.nlink; c.atim = n.atim; c.mtim = n.mtim; c.ctim = n.ctim;
  c.data = n.data.slice(0, n.size);
  c.size = n.size;
  c.target = n.target;
  if (n.entries !== null) {
    c.parent = c;
    for (const [name, child] of n.entries) {
      const cc = copyTree(child, seen);
      if (cc.type === FileType.DIRECTORY) cc.parent = c;
      c.entries!.set(name, cc);
    }
  }
  return c;
}

/** An open in-memory file: reads and writes the inode's byte array directly. */
class MemFileHandle implements FileHandle {
  constructor(private readonly fs: MemoryBackend, private readonly n: MemNode) {}

  pread(buf: Uint8Array, pos: number): number {
    const n = this.n;
    if (pos >= n.size) return 0;
    const k = Math.min(buf.length, n.size - pos);
    buf.set(n.data.subarray(pos, pos + k));
    return k;
  }

  pwrite(data: Uint8Array, pos: number): number {
    const end = pos + data.length;
    if (end > this.fs.maxFileSize) fail(Errno.FBIG);
    this.reserve(end);
    const n = this.n;
    n.data.set(data, pos);
    if (end > n.size) n.size = end;
    n.mtim = n.ctim = this.fs.now();
    return data.length;
  }

  private reserve(end: number): void {
    const n = this.n;
    if (end <= n.data.length) return;
    const grown = new Uint8Array(Math.min(this.fs.maxFileSize, Math.max(end, n.data.length * 2, 64)));
    grown.set(n.data.subarray(0, n.size));
    n.data = grown;
  }

  size(): number { return this.n.size; }

  truncate(size: number): void {
    if (size > this.fs.maxFileSize) fail(Errno.FBIG);
    const n = this.n;
    if (size > n.size) this.reserve(size);
    else n.data.fill(0, size, n.size);
    n.size = size;
    n.mtim = n.ctim = this.fs.now();
  }

  sync(): void {}
  datasync(): void {}
  stat(): FileStat { return this.fs.stat(this.n); }
  setTimes(atim: bigint | null, mtim: bigint | null): void { this.fs.setTimes(this.n, atim, mtim); }
  close(): void {}
}

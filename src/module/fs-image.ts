// In-memory filesystem trees (MemoryBackend snapshots) as bytes, so a mid-run snapshot can carry the
// files an invocation wrote before it to another module or process. Every node keeps its inode
// number, type, link count and times; files their bytes, symlinks their target, directories their
// entries. Hard links stay shared: a node already written is referred to by its inode number.
import { FileType } from '../../syscalls/wasi/index.js';
import { MemNode, type MemSnapshot } from '../fs/memory-backend.js';
import { ByteReader, ByteWriter, RecordFormatError } from './byte-codec.js';

const NEW = 1, SEEN = 2;

function writeNode(w: ByteWriter, n: MemNode, seen: Set<bigint>): void {
  if (seen.has(n.ino)) { w.u8(SEEN); w.u64(n.ino); return; }
  seen.add(n.ino);
  w.u8(NEW);
  w.u64(n.ino);
  w.u8(n.type);
  w.u64(n.nlink); w.u64(n.atim); w.u64(n.mtim); w.u64(n.ctim);
  if (n.entries !== null) {
    w.u32(n.entries.size);
    for (const [name, child] of n.entries) { w.str(name); writeNode(w, child, seen); }
  } else if (n.type === FileType.SYMBOLIC_LINK) {
    w.str(n.target);
  } else {
    w.bytes(n.data.subarray(0, n.size));
  }
}

/** The tree as bytes. */
export function writeFsImage(w: ByteWriter, s: MemSnapshot): void {
  w.u64(s.nextIno);
  writeNode(w, s.root, new Set());
}

function readNode(r: ByteReader, byIno: Map<bigint, MemNode>, parent: MemNode | null): MemNode {
  const tag = r.u8();
  const ino = r.u64();
  if (tag === SEEN) {
    const n = byIno.get(ino);
    if (n === undefined) throw new RecordFormatError(`filesystem image: link to unknown inode ${ino}`);
    return n;
  }
  if (tag !== NEW) throw new RecordFormatError(`filesystem image: bad node tag ${tag}`);
  const type = r.u8() as FileType;
  const n = new MemNode(ino, type, 0n);
  byIno.set(ino, n);
  n.nlink = r.u64(); n.atim = r.u64(); n.mtim = r.u64(); n.ctim = r.u64();
  if (n.entries !== null) {
    n.parent = parent ?? n;
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      const name = r.str();
      n.entries.set(name, readNode(r, byIno, n));
    }
  } else if (type === FileType.SYMBOLIC_LINK) {
    n.target = r.str();
  } else {
    n.data = r.bytes();
    n.size = n.data.length;
  }
  return n;
}

/** Reads a tree written by writeFsImage. */
export function readFsImage(r: ByteReader): MemSnapshot {
  const nextIno = r.u64();
  const root = readNode(r, new Map(), null);
  if (root.entries === null) throw new RecordFormatError('filesystem image: the root is not a directory');
  return { root, nextIno };
}

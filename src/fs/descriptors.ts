// The descriptor table: numbers to open descriptions (a stream device, an open file with its
// handle and offset, or a directory with its readdir snapshot), each with rights and fdflags.
import { Errno, fail, FileType, type DirEntry, type StreamDevice } from '../../syscalls/wasi/index.js';
import type { Backend, FileHandle, FsNode } from './backend.js';

export interface StreamDesc {
  kind: 'stream'; device: StreamDevice;
}
export interface FileDesc {
  kind: 'file'; backend: Backend; node: FsNode; handle: FileHandle; offset: number; filetype: FileType;
}
export interface DirDesc {
  kind: 'dir'; backend: Backend; node: FsNode;
  /** The guest path when this is a preopened directory. */
  preopen: string | null;
  /** The listing taken at the last readdir from cookie 0 (cookies index into it). */
  listing: DirEntry[] | null;
}

export type Descriptor = (StreamDesc | FileDesc | DirDesc) & {
  rightsBase: bigint;
  rightsInheriting: bigint;
  flags: number;
};

export class DescriptorTable {
  private readonly map = new Map<number, Descriptor>();
  constructor(readonly maxFds = 1024) {}

  /** The descriptor numbered fd, or EBADF. */
  get(fd: number): Descriptor {
    const d = this.map.get(fd);
    if (d === undefined) fail(Errno.BADF);
    return d;
  }

  has(fd: number): boolean { return this.map.has(fd); }

  /** Stores d at the lowest free number ≥ min; EMFILE when the table is full. */
  add(d: Descriptor, min = 0): number {
    for (let fd = min; fd < this.maxFds; fd++) {
      if (!this.map.has(fd)) { this.map.set(fd, d); return fd; }
    }
    return fail(Errno.MFILE);
  }

  set(fd: number, d: Descriptor): void { this.map.set(fd, d); }

  /** Removes fd without closing its handle (renumbering). */
  take(fd: number): Descriptor {
    const d = this.get(fd);
    this.map.delete(fd);
    return d;
  }

  /** Removes fd and closes its handle (EBADF when not open). */
  close(fd: number): void {
    const d = this.get(fd);
    this.map.delete(fd);
    if (d.kind === 'file') d.handle.close();
  }

  /** A copy of the table (descriptors copied, handles shared) for resetTo(). */
  save(): Map<number, Descriptor> {
    const out = new Map<number, Descriptor>();
    for (const [fd, d] of this.map) out.set(fd, { ...d });
    return out;
  }

  /** Makes the table equal to a saved copy again: closes the handles opened since, restores every
   *  saved descriptor with its saved offset, rights and flags. */
  resetTo(saved: Map<number, Descriptor>): void {
    const keep = new Set<FileHandle>();
    for (const d of saved.values()) if (d.kind === 'file') keep.add(d.handle);
    for (const d of this.map.values()) if (d.kind === 'file' && !keep.has(d.handle)) d.handle.close();
    this.map.clear();
    for (const [fd, d] of saved) {
      const copy = { ...d };
      if (copy.kind === 'dir') copy.listing = null;
      this.map.set(fd, copy);
    }
  }
}

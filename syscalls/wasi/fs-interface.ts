// The filesystem as the WASI layer sees it: a descriptor table (stdio streams, preopened directories,
// open files and directories) with path operations confined to each directory descriptor. src/fs
// implements it. Every method either returns its result or throws WasiError(errno); buffers passed in
// are views of guest memory, valid only during the call (copy to keep).
import type { FileType } from './constants.js';

/** filestat (witx): all u64 fields as bigint. */
export interface FileStat {
  dev: bigint; ino: bigint; filetype: FileType; nlink: bigint; size: bigint;
  atim: bigint; mtim: bigint; ctim: bigint;
}

/** fdstat (witx). */
export interface FdStat {
  filetype: FileType; flags: number; rightsBase: bigint; rightsInheriting: bigint;
}

/** One directory entry as fd_readdir returns it; `next` is the cookie of the entry after it. */
export interface DirEntry { next: bigint; ino: bigint; type: FileType; name: Uint8Array; }

/** A character device behind a stream descriptor (stdin, stdout, stderr). */
export interface StreamDevice {
  /** Up to max bytes; an empty array means end of input. Absent: the stream is not readable (EBADF). */
  read?(max: number): Uint8Array;
  /** Consumes the bytes (a view valid only during the call); returns how many were taken. */
  write?(data: Uint8Array): number;
}

/** Readiness of a descriptor for poll_oneoff. */
export interface Readiness { nbytes: bigint; hangup: boolean; }

export interface WasiFs {
  // Descriptors.
  /** Reads into bufs in order at the current offset (advancing it); returns the bytes read. */
  read(fd: number, bufs: Uint8Array[]): number;
  /** Reads at an absolute offset without moving the descriptor's offset. */
  pread(fd: number, bufs: Uint8Array[], offset: bigint): number;
  /** Writes the chunks in order at the current offset (or the end with APPEND); returns bytes written. */
  write(fd: number, chunks: Uint8Array[]): number;
  pwrite(fd: number, chunks: Uint8Array[], offset: bigint): number;
  /** Returns the new offset. offset is signed. */
  seek(fd: number, offset: bigint, whence: number): bigint;
  tell(fd: number): bigint;
  close(fd: number): void;
  /** Moves descriptor `from` to number `to` (closing what `to` held). */
  renumber(from: number, to: number): void;
  sync(fd: number): void;
  datasync(fd: number): void;
  advise(fd: number, offset: bigint, len: bigint, advice: number): void;
  allocate(fd: number, offset: bigint, len: bigint): void;
  fdstat(fd: number): FdStat;
  setFdFlags(fd: number, flags: number): void;
  setRights(fd: number, base: bigint, inheriting: bigint): void;
  filestat(fd: number): FileStat;
  setSize(fd: number, size: bigint): void;
  setTimes(fd: number, atim: bigint, mtim: bigint, fstflags: number): void;
  /** The guest path of a preopened directory; EBADF for any other descriptor. */
  prestatName(fd: number): string;
  /** Entries of a directory from `cookie` on (0 = from the start). */
  readdir(fd: number, cookie: bigint): DirEntry[];
  /** For poll_oneoff: how many bytes a read would return now, or that a write can proceed. */
  readiness(fd: number, write: boolean): Readiness;

  // Paths, relative to a directory descriptor.
  open(dirfd: number, lookupFlags: number, path: string, oflags: number,
    rightsBase: bigint, rightsInheriting: bigint, fdflags: number): number;
  mkdir(dirfd: number, path: string): void;
  rmdir(dirfd: number, path: string): void;
  unlink(dirfd: number, path: string): void;
  rename(dirfd: number, path: string, newDirfd: number, newPath: string): void;
  link(dirfd: number, lookupFlags: number, path: string, newDirfd: number, newPath: string): void;
  symlink(target: string, dirfd: number, path: string): void;
  readlink(dirfd: number, path: string): string;
  pathFilestat(dirfd: number, lookupFlags: number, path: string): FileStat;
  pathSetTimes(dirfd: number, lookupFlags: number, path: string, atim: bigint, mtim: bigint, fstflags: number): void;
}

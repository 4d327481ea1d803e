// What a filesystem backend provides to the VFS: nodes (opaque objects), directory operations by
// (directory node, single name), and open file handles. The VFS does all path walking and
// confinement; a backend never sees a path with '/' or '..' in a name.
import type { FileStat, FileType } from '../../syscalls/wasi/index.js';

/** A backend's node: a file, directory or symlink (opaque to the VFS). */
export type FsNode = object;

/** One name in a directory listing. */
export interface ListEntry { name: string; ino: bigint; type: FileType; }

/** An open regular file (or device): byte access at explicit positions. */
export interface FileHandle {
  pread(buf: Uint8Array, pos: number): number;
  pwrite(data: Uint8Array, pos: number): number;
  size(): number;
  truncate(size: number): void;
  sync(): void;
  datasync(): void;
  stat(): FileStat;
  /** null leaves that time unchanged. */
  setTimes(atim: bigint | null, mtim: bigint | null): void;
  close(): void;
}

export interface Backend {
  /** Every mutation is refused with EROFS by the VFS. */
  readonly readOnly: boolean;
  root(): FsNode;
  /** The node's type as WASI names it (DIRECTORY, REGULAR_FILE, SYMBOLIC_LINK, …). */
  type(node: FsNode): FileType;
  /** Metadata without following a symlink. */
  stat(node: FsNode): FileStat;
  /** The entry `name` of directory `dir` (symlinks not followed), or null when absent. */
  lookup(dir: FsNode, name: string): FsNode | null;
  /** The entries of a directory, without "." and "..". */
  list(dir: FsNode): ListEntry[];
  readlink(node: FsNode): string;
  mkdir(dir: FsNode, name: string): void;
  /** Creates an empty regular file (the name must be free) and returns its node. */
  createFile(dir: FsNode, name: string): FsNode;
  symlink(dir: FsNode, name: string, target: string): void;
  /** A new name for an existing non-directory node. */
  link(node: FsNode, dir: FsNode, name: string): void;
  /** Removes a non-directory entry. */
  unlink(dir: FsNode, name: string): void;
  /** Removes an empty directory. */
  rmdir(dir: FsNode, name: string): void;
  /** POSIX rename semantics (replacing the target where allowed). */
  rename(dir: FsNode, name: string, toDir: FsNode, toName: string): void;
  setTimes(node: FsNode, atim: bigint | null, mtim: bigint | null): void;
  /** Opens a regular file or device for reading and/or writing. */
  open(node: FsNode, read: boolean, write: boolean): FileHandle;
}

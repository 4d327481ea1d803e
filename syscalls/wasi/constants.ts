// WASI preview1 enumerations and flag sets other than errno and rights (witx typenames): file types,
// fd/open/lookup flags, timestamps, whence, advice, clocks, poll event types, preopen types.
export const enum FileType {
  UNKNOWN = 0, BLOCK_DEVICE = 1, CHARACTER_DEVICE = 2, DIRECTORY = 3, REGULAR_FILE = 4,
  SOCKET_DGRAM = 5, SOCKET_STREAM = 6, SYMBOLIC_LINK = 7,
}

/** fdflags (u16). */
export const enum FdFlags { APPEND = 1, DSYNC = 2, NONBLOCK = 4, RSYNC = 8, SYNC = 16 }
export const FDFLAGS_ALL = 31;

/** oflags (u16). */
export const enum OFlags { CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8 }
export const OFLAGS_ALL = 15;

/** lookupflags (u32). */
export const enum LookupFlags { SYMLINK_FOLLOW = 1 }

/** fstflags (u16). */
export const enum FstFlags { ATIM = 1, ATIM_NOW = 2, MTIM = 4, MTIM_NOW = 8 }

export const enum Whence { SET = 0, CUR = 1, END = 2 }

export const enum Advice { NORMAL = 0, SEQUENTIAL = 1, RANDOM = 2, WILLNEED = 3, DONTNEED = 4, NOREUSE = 5 }

export const enum ClockId { REALTIME = 0, MONOTONIC = 1, PROCESS_CPUTIME = 2, THREAD_CPUTIME = 3 }

export const enum EventType { CLOCK = 0, FD_READ = 1, FD_WRITE = 2 }

/** subclockflags (u16). */
export const enum SubClockFlags { ABSTIME = 1 }

/** eventrwflags (u16). */
export const enum EventRwFlags { HANGUP = 1 }

export const enum PreopenType { DIR = 0 }

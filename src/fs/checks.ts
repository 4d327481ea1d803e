// Small checks shared by the descriptor and path operations: rights, offsets, timestamp flags.
import { Errno, fail, FstFlags } from '../../syscalls/wasi/index.js';
import type { Descriptor } from './descriptors.js';

/** ENOTCAPABLE unless the descriptor holds every right in `rights`. */
export function need(d: Descriptor, rights: bigint): void {
  if ((d.rightsBase & rights) !== rights) fail(Errno.NOTCAPABLE);
}

/** A u64 file position as a number; positions past 2^53 are refused with `errno`. */
export function position(v: bigint, errno: Errno = Errno.INVAL): number {
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) fail(errno);
  return Number(v);
}

/** The (atim, mtim) to set from fstflags: null means unchanged. */
export function timesToSet(atim: bigint, mtim: bigint, fst: number, now: () => bigint): [bigint | null, bigint | null] {
  if ((fst & ~15) !== 0) fail(Errno.INVAL);
  if ((fst & FstFlags.ATIM) && (fst & FstFlags.ATIM_NOW)) fail(Errno.INVAL);
  if ((fst & FstFlags.MTIM) && (fst & FstFlags.MTIM_NOW)) fail(Errno.INVAL);
  const a = fst & FstFlags.ATIM_NOW ? now() : fst & FstFlags.ATIM ? atim : null;
  const m = fst & FstFlags.MTIM_NOW ? now() : fst & FstFlags.MTIM ? mtim : null;
  return [a, m];
}

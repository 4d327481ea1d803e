// Host (node:fs) error codes to WASI errnos, and a wrapper that runs a host call with them mapped.
import { Errno, WasiError } from '../../syscalls/wasi/index.js';

const byCode: Record<string, Errno> = {
  E2BIG: Errno.TOOBIG, EACCES: Errno.ACCES, EAGAIN: Errno.AGAIN, EWOULDBLOCK: Errno.AGAIN,
  EBADF: Errno.BADF, EBUSY: Errno.BUSY, EDQUOT: Errno.DQUOT, EEXIST: Errno.EXIST, EFAULT: Errno.FAULT,
  EFBIG: Errno.FBIG, EINTR: Errno.INTR, EINVAL: Errno.INVAL, EIO: Errno.IO, EISDIR: Errno.ISDIR,
  ELOOP: Errno.LOOP, EMFILE: Errno.MFILE, EMLINK: Errno.MLINK, ENAMETOOLONG: Errno.NAMETOOLONG,
  ENFILE: Errno.NFILE, ENODEV: Errno.NODEV, ENOENT: Errno.NOENT, ENOMEM: Errno.NOMEM,
  ENOSPC: Errno.NOSPC, ENOSYS: Errno.NOSYS, ENOTDIR: Errno.NOTDIR, ENOTEMPTY: Errno.NOTEMPTY,
  ENOTSUP: Errno.NOTSUP, EOPNOTSUPP: Errno.NOTSUP, ENXIO: Errno.NXIO, EOVERFLOW: Errno.OVERFLOW,
  EPERM: Errno.PERM, EPIPE: Errno.PIPE, EROFS: Errno.ROFS, ESPIPE: Errno.SPIPE, ETXTBSY: Errno.TXTBSY,
  EXDEV: Errno.XDEV,
};

/** The WASI errno for a node:fs error (EIO when unknown). */
export function errnoOfHostError(e: unknown): Errno {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? byCode[code] ?? Errno.IO : Errno.IO;
}

/** Runs a host call, rethrowing its failure as WasiError. */
export function hostCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof WasiError) throw e;
    throw new WasiError(errnoOfHostError(e));
  }
}

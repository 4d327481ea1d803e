// Byte layouts of the preview1 structs (witx, little endian): fdstat 24, filestat 64, dirent 24 + name,
// prestat 8, subscription 48, event 32. Writers check bounds and mark dirty through Guest.
import type { Guest } from './guest-memory.js';
import type { DirEntry, FdStat, FileStat } from './fs-interface.js';
import { EventType } from './constants.js';

export const FDSTAT_SIZE = 24;
export const FILESTAT_SIZE = 64;
export const DIRENT_SIZE = 24;
export const PRESTAT_SIZE = 8;
export const SUBSCRIPTION_SIZE = 48;
export const EVENT_SIZE = 32;

export function writeFdstat(g: Guest, ptr: number, s: FdStat): void {
  g.struct(ptr, FDSTAT_SIZE, (dv, p) => {
    dv.setUint8(p, s.filetype);
    dv.setUint16(p + 2, s.flags, true);
    dv.setBigUint64(p + 8, s.rightsBase, true);
    dv.setBigUint64(p + 16, s.rightsInheriting, true);
  });
}

export function writeFilestat(g: Guest, ptr: number, s: FileStat): void {
  g.struct(ptr, FILESTAT_SIZE, (dv, p) => {
    dv.setBigUint64(p, s.dev, true);
    dv.setBigUint64(p + 8, s.ino, true);
    dv.setUint8(p + 16, s.filetype);
    dv.setBigUint64(p + 24, s.nlink, true);
    dv.setBigUint64(p + 32, s.size, true);
    dv.setBigUint64(p + 40, s.atim, true);
    dv.setBigUint64(p + 48, s.mtim, true);
    dv.setBigUint64(p + 56, s.ctim, true);
  });
}

/** The 24-byte dirent header followed by the name, as one byte array (fd_readdir truncates it). */
export function direntBytes(e: DirEntry): Uint8Array {
  const out = new Uint8Array(DIRENT_SIZE + e.name.length);
  const dv = new DataView(out.buffer);
  dv.setBigUint64(0, e.next, true);
  dv.setBigUint64(8, e.ino, true);
  dv.setUint32(16, e.name.length, true);
  dv.setUint8(20, e.type);
  out.set(e.name, DIRENT_SIZE);
  return out;
}

export function writePrestatDir(g: Guest, ptr: number, nameLen: number): void {
  g.struct(ptr, PRESTAT_SIZE, (dv, p) => {
    dv.setUint8(p, 0);
    dv.setUint32(p + 4, nameLen, true);
  });
}

export type Subscription =
  | { userdata: bigint; type: EventType.CLOCK; clockId: number; timeout: bigint; precision: bigint; flags: number }
  | { userdata: bigint; type: EventType.FD_READ | EventType.FD_WRITE; fd: number }
  | { userdata: bigint; type: number };

/** Subscription i of the array at ptr (the caller has bounds-checked the array). */
export function readSubscription(g: Guest, ptr: number): Subscription {
  const dv = g.dv;
  const userdata = dv.getBigUint64(ptr, true);
  const type = dv.getUint8(ptr + 8);
  if (type === EventType.CLOCK) {
    return {
      userdata, type, clockId: dv.getUint32(ptr + 16, true), timeout: dv.getBigUint64(ptr + 24, true),
      precision: dv.getBigUint64(ptr + 32, true), flags: dv.getUint16(ptr + 40, true),
    };
  }
  if (type === EventType.FD_READ || type === EventType.FD_WRITE) {
    return { userdata, type, fd: dv.getUint32(ptr + 16, true) };
  }
  return { userdata, type };
}

export interface WasiEvent { userdata: bigint; error: number; type: number; nbytes: bigint; flags: number; }

export function writeEvent(g: Guest, ptr: number, e: WasiEvent): void {
  g.struct(ptr, EVENT_SIZE, (dv, p) => {
    dv.setBigUint64(p, e.userdata, true);
    dv.setUint16(p + 8, e.error, true);
    dv.setUint8(p + 10, e.type);
    dv.setBigUint64(p + 16, e.nbytes, true);
    dv.setUint16(p + 24, e.flags, true);
  });
}

// Checked access to guest memory for host functions: every pointer range is bounds-checked (EFAULT
// otherwise) and every write marks its pages dirty. Build one Guest per call: views change on grow.
import type { Memory } from '../../interpreter/index.js';
import { Errno, fail } from './errno.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Enc = new TextEncoder();

export function encodeUtf8(s: string): Uint8Array { return utf8Enc.encode(s); }

export class Guest {
  readonly u8: Uint8Array;
  readonly dv: DataView;
  constructor(readonly mem: Memory) {
    this.u8 = mem.u8;
    this.dv = mem.dv;
  }

  /** EFAULT unless [ptr, ptr+len) lies inside memory. ptr must already be unsigned. */
  check(ptr: number, len: number): void {
    if (len < 0 || ptr + len > this.u8.length) fail(Errno.FAULT);
  }

  u32(ptr: number): number { this.check(ptr, 4); return this.dv.getUint32(ptr, true); }
  u64(ptr: number): bigint { this.check(ptr, 8); return this.dv.getBigUint64(ptr, true); }

  setU32(ptr: number, v: number): void {
    this.check(ptr, 4);
    this.dv.setUint32(ptr, v, true);
    this.mem.markDirty(ptr, 4);
  }
  setU64(ptr: number, v: bigint): void {
    this.check(ptr, 8);
    this.dv.setBigUint64(ptr, BigInt.asUintN(64, v), true);
    this.mem.markDirty(ptr, 8);
  }

  /** A view of [ptr, ptr+len) (checked). */
  view(ptr: number, len: number): Uint8Array {
    this.check(ptr, len);
    return this.u8.subarray(ptr, ptr + len);
  }

  /** Copies data to ptr (checked, marked dirty). */
  write(ptr: number, data: Uint8Array): void {
    this.check(ptr, data.length);
    this.u8.set(data, ptr);
    this.mem.markDirty(ptr, data.length);
  }

  /** Zeroes [ptr, ptr+len) then lets fill write the struct through dv; checks and marks once. */
  struct(ptr: number, len: number, fill: (dv: DataView, at: number) => void): void {
    this.check(ptr, len);
    this.u8.fill(0, ptr, ptr + len);
    fill(this.dv, ptr);
    this.mem.markDirty(ptr, len);
  }

  /** A UTF-8 string of len bytes at ptr (EILSEQ when invalid, EINVAL when it holds a NUL). */
  string(ptr: number, len: number): string {
    const bytes = this.view(ptr, len);
    if (bytes.includes(0)) fail(Errno.INVAL);
    try { return utf8.decode(bytes); } catch { return fail(Errno.ILSEQ); }
  }

  /** Views of the buffers of `count` iovecs (ciovecs) at ptr: {buf u32, buf_len u32}, 8 bytes each. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    if (count > 1024) fail(Errno.INVAL);
    this.check(ptr, count * 8);
    const out: Uint8Array[] = new Array(count);
    let total = 0;
    for (let i = 0; i < count; i++) {
      const buf = this.dv.getUint32(ptr + i * 8, true);
      const len = this.dv.getUint32(ptr + i * 8 + 4, true);
      total += len;
      if (total > 0xffffffff) fail(Errno.INVAL);
      out[i] = this.view(buf, len);
    }
    return out;
  }

  /** Marks the first `n` bytes spread over `bufs` (views of this memory) dirty. */
  dirtyIovecs(bufs: Uint8Array[], n: number): void {
    for (let i = 0; i < bufs.length && n > 0; i++) {
      const b = bufs[i];
      const k = Math.min(b.length, n);
      if (k > 0) this.mem.markDirty(b.byteOffset, k);
      n -= k;
    }
  }
}

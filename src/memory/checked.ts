// Checked access to linear memory for host code (Faasm's wasmPointerToNative): every range is
// bounds- and guard-checked (a trap otherwise) and every write marks its pages dirty.
import { RuntimeError, type Memory } from '../../interpreter/index.js';
import type { GuardRegions } from './guards.js';

export class CheckedMemory {
  constructor(private readonly mem: () => Memory, private readonly guards: GuardRegions) {}

  /** Traps unless [ptr, ptr+len) lies inside memory and touches no guard page. */
  check(ptr: number, len: number): Memory {
    const m = this.mem();
    if (!Number.isInteger(ptr) || !Number.isInteger(len) || ptr < 0 || len < 0 || ptr + len > m.u8.length) {
      throw new RuntimeError('out of bounds memory access');
    }
    this.guards.check(ptr, len);
    return m;
  }

  /** A live view of [ptr, ptr+len) (valid until memory grows or is reset). Writing through it must
   *  be followed by markDirty(ptr, len); prefer write(). */
  view(ptr: number, len = 1): Uint8Array { return this.check(ptr, len).u8.subarray(ptr, ptr + len); }

  /** A copy of [ptr, ptr+len). */
  read(ptr: number, len: number): Uint8Array { return this.check(ptr, len).u8.slice(ptr, ptr + len); }

  write(ptr: number, data: Uint8Array): void {
    const m = this.check(ptr, data.length);
    m.u8.set(data, ptr);
    m.markDirty(ptr, data.length);
  }

  fill(ptr: number, value: number, len: number): void {
    const m = this.check(ptr, len);
    m.u8.fill(value & 255, ptr, ptr + len);
    m.markDirty(ptr, len);
  }

  markDirty(ptr: number, len: number): void { this.check(ptr, len).markDirty(ptr, len); }

  u8(ptr: number): number { return this.check(ptr, 1).u8[ptr]; }
  i32(ptr: number): number { return this.check(ptr, 4).dv.getInt32(ptr, true); }
  u32(ptr: number): number { return this.check(ptr, 4).dv.getUint32(ptr, true); }
  i64(ptr: number): bigint { return this.check(ptr, 8).dv.getBigInt64(ptr, true); }
  f64(ptr: number): number { return this.check(ptr, 8).dv.getFloat64(ptr, true); }

  setI32(ptr: number, v: number): void {
    const m = this.check(ptr, 4);
    m.dv.setInt32(ptr, v, true);
    m.markDirty(ptr, 4);
  }
  setI64(ptr: number, v: bigint): void {
    const m = this.check(ptr, 8);
    m.dv.setBigInt64(ptr, BigInt.asIntN(64, v), true);
    m.markDirty(ptr, 8);
  }
  setF64(ptr: number, v: number): void {
    const m = this.check(ptr, 8);
    m.dv.setFloat64(ptr, v, true);
    m.markDirty(ptr, 8);
  }

  /** A NUL-terminated UTF-8 string at ptr (at most maxLen bytes scanned). */
  cString(ptr: number, maxLen = 1 << 20): string {
    const m = this.check(ptr, 0);
    const end = Math.min(m.u8.length, ptr + maxLen);
    let i = ptr;
    while (i < end && m.u8[i] !== 0) i++;
    this.guards.check(ptr, i - ptr + 1);
    return new TextDecoder().decode(m.u8.subarray(ptr, i));
  }
}

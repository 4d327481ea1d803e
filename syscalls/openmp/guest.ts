// Guest memory access for the OpenMP host: loop bounds of 4 or 8 bytes, signed or unsigned, read and
// written in place (every write marks its page dirty), and f64 results as raw bits.
// A bad pointer traps like a wasm access ("out of bounds memory access").
import { RuntimeError, type Memory } from '../../interpreter/index.js';

function range(mem: Memory, ptr: number, len: number): void {
  if (ptr + len > mem.byteLength) throw new RuntimeError('out of bounds memory access');
}

export function readI32(mem: Memory, ptr: number): number {
  range(mem, ptr, 4);
  return mem.dv.getInt32(ptr, true);
}

export function writeI32(mem: Memory, ptr: number, v: number): void {
  range(mem, ptr, 4);
  mem.dv.setInt32(ptr, v, true);
  mem.markDirty(ptr, 4);
}

/** An integer of `bits` at ptr, read as signed or unsigned. */
export function readInt(mem: Memory, ptr: number, bits: 32 | 64, signed: boolean): bigint {
  range(mem, ptr, bits >> 3);
  if (bits === 32) return BigInt(signed ? mem.dv.getInt32(ptr, true) : mem.dv.getUint32(ptr, true));
  return signed ? mem.dv.getBigInt64(ptr, true) : mem.dv.getBigUint64(ptr, true);
}

/** Writes v wrapped to `bits` (two's complement) at ptr. */
export function writeInt(mem: Memory, ptr: number, bits: 32 | 64, v: bigint): void {
  range(mem, ptr, bits >> 3);
  if (bits === 32) mem.dv.setInt32(ptr, Number(BigInt.asIntN(32, v)), true);
  else mem.dv.setBigInt64(ptr, BigInt.asIntN(64, v), true);
  mem.markDirty(ptr, bits >> 3);
}

/** A raw argument (i32 number or i64 bigint) as a bigint, signed or unsigned. */
export function argInt(v: unknown, bits: 32 | 64, signed: boolean): bigint {
  if (bits === 32) return BigInt(signed ? (v as number) | 0 : (v as number) >>> 0);
  return signed ? BigInt.asIntN(64, v as bigint) : BigInt.asUintN(64, v as bigint);
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** A JS number as the raw f64 the host boundary uses (its bit pattern as a bigint). */
export function f64Raw(x: number): bigint { f64[0] = x; return u64[0]; }

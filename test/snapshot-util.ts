// Helpers for the snapshot tests: memory-only targets, typed writes through the dirty-marking host
// write path, and "workers" (fresh memories restored from a snapshot) whose diffs are merged back.
import { createMemory, type Memory } from '../interpreter/index.js';
import { SnapshotRegistry, type SnapshotTarget, type SnapshotDiff } from '../src/snapshot/index.js';

export function memTarget(mem: Memory): SnapshotTarget {
  return { memory: mem, globals: [], tables: [], funcs: [] };
}

export type Kind = 'i8' | 'i32' | 'i64' | 'f32' | 'f64' | 'u32';

const SIZES: Record<Kind, number> = { i8: 1, i32: 4, u32: 4, i64: 8, f32: 4, f64: 8 };

/** Write a value at addr through Memory.write (which marks the pages dirty). */
export function put(mem: Memory, addr: number, kind: Kind, v: number | bigint): void {
  const b = new Uint8Array(SIZES[kind]);
  const dv = new DataView(b.buffer);
  switch (kind) {
    case 'i8': dv.setUint8(0, Number(v)); break;
    case 'i32': dv.setInt32(0, Number(v), true); break;
    case 'u32': dv.setUint32(0, Number(v), true); break;
    case 'i64': dv.setBigInt64(0, BigInt.asIntN(64, BigInt(v)), true); break;
    case 'f32': dv.setFloat32(0, Number(v), true); break;
    case 'f64': dv.setFloat64(0, Number(v), true); break;
  }
  mem.write(addr, b);
}

export function get(mem: Memory, addr: number, kind: Kind): number | bigint {
  const dv = new DataView(mem.buffer);
  switch (kind) {
    case 'i8': return dv.getUint8(addr);
    case 'i32': return dv.getInt32(addr, true);
    case 'u32': return dv.getUint32(addr, true);
    case 'i64': return dv.getBigInt64(addr, true);
    case 'f32': return dv.getFloat32(addr, true);
    case 'f64': return dv.getFloat64(addr, true);
  }
}

/** Raw bits of a value at addr, as a hex string (for NaN payloads and -0). */
export function bits(mem: Memory, addr: number, size: 4 | 8): string {
  const dv = new DataView(mem.buffer);
  return size === 4 ? dv.getUint32(addr, true).toString(16) : dv.getBigUint64(addr, true).toString(16);
}

/** A main memory, a registry and a snapshot of the memory under "main". */
export function setup(pages: number, init?: (mem: Memory) => void, max: number | null = null) {
  const main = createMemory(pages, max);
  if (init) init(main);
  const reg = new SnapshotRegistry();
  const key = reg.snapshot(memTarget(main), { key: 'main' });
  return { main, reg, key };
}

/** A worker: a fresh memory restored from the snapshot, changed by fn, diffed against the snapshot. */
export function worker(reg: SnapshotRegistry, key: string, fn: (mem: Memory) => void): SnapshotDiff[] {
  const snap = reg.get(key);
  const mem = createMemory(snap.pages, snap.maxPages);
  reg.restore(key, memTarget(mem));
  fn(mem);
  return reg.diffWithSnapshot(key, mem);
}

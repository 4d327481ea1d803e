// The threads proposal's operators (0xFE prefix) for the dispatch loop, kept out of it so that code
// without atomics pays nothing: loads, stores, read-modify-write, cmpxchg, and wait/notify through the
// memory's Waiter (runtime/waiter.ts). One thread of wasm runs at a time, so a plain read and write is
// atomic; what is left is the spec's checks (exact alignment, bounds, shared memory), the i64 pair
// representation, dirty-page marking on every write, and blocking the context in memory.atomic.wait.
// Layouts (compile/internal-ops.ts): [Atomic, d, sub, offset, a, b?, c?], [AtomicStore, sub, offset, addr, value].
import { RuntimeError } from '../errors.js';
import { opInfo } from '../opcodes.js';
import { BLOCK } from '../runtime/func.js';
import type { Memory } from '../runtime/memory.js';
import { WaitResult } from '../runtime/waiter.js';
import type { Context } from './context.js';

/** Returned by atomicOp when the context blocks in memory.atomic.wait. */
export const ATOMIC_BLOCKED = -1;

// Sub-opcodes (see opcodes.ts).
const NOTIFY = 0x00, WAIT32 = 0x01, WAIT64 = 0x02;
const LOAD = 0x10, STORE = 0x17, RMW = 0x1e, CMPXCHG = 0x48;
const ADD = 0, SUB = 1, AND = 2, OR = 3, XOR = 4, XCHG = 5;

/** Access size in bytes, whether the operand/result is an i64, and the code length, by sub-opcode. */
const SIZE = new Uint8Array(256);
const WIDE = new Uint8Array(256);
const LEN = new Uint8Array(256);
for (let sub = 0; sub < 256; sub++) {
  const info = opInfo(0xfe00 | sub);
  if (info === undefined || info.align < 0) continue;
  SIZE[sub] = 1 << info.align;
  WIDE[sub] = info.name.startsWith('i64.') || sub === WAIT64 ? 1 : 0;
  LEN[sub] = (info.results!.length > 0 ? 4 : 3) + info.params!.length;
}

function trap(msg: string): RuntimeError { return new RuntimeError(msg); }

/** The effective address of an access of `size` bytes: trapping unless aligned to size and in bounds. */
function address(mem: Memory, base: number, offset: number, size: number): number {
  const ea = base + offset;
  // ea < 2^33: the low bits survive ToInt32, so the mask test is exact.
  if ((ea & (size - 1)) !== 0) throw trap('unaligned atomic');
  if (ea + size > mem.fastLimit) mem.checkAccess(ea, size);
  return ea;
}

/** Reads `size` bytes at ea, zero-extended, as an int32 (the low half for size 8). */
function readLo(mem: Memory, ea: number, size: number): number {
  switch (size) {
    case 1: return mem.u8[ea];
    case 2: return mem.dv.getUint16(ea, true);
    default: return mem.dv.getInt32(ea, true);
  }
}

/** Writes the low `size` bytes of lo (and hi, for size 8) at ea and marks the page dirty. */
function write(mem: Memory, ea: number, size: number, lo: number, hi: number): void {
  switch (size) {
    case 1: mem.u8[ea] = lo; break;
    case 2: mem.dv.setUint16(ea, lo, true); break;
    case 4: mem.dv.setInt32(ea, lo, true); break;
    default: mem.dv.setInt32(ea, lo, true); mem.dv.setInt32(ea + 4, hi, true);
  }
  mem.dirty[ea >>> 12] = 1; // aligned accesses never straddle a 4 KiB page
}

/** A 64-bit read-modify-write operator applied to pairs; the new value goes to out[0..1]. */
function rmw64(op: number, al: number, ah: number, bl: number, bh: number, out: Int32Array): void {
  switch (op) {
    case ADD: { const lo = (al + bl) | 0; out[0] = lo; out[1] = (ah + bh + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0; return; }
    case SUB: { out[0] = (al - bl) | 0; out[1] = (ah - bh - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0; return; }
    case AND: out[0] = al & bl; out[1] = ah & bh; return;
    case OR: out[0] = al | bl; out[1] = ah | bh; return;
    case XOR: out[0] = al ^ bl; out[1] = ah ^ bh; return;
    default: out[0] = bl; out[1] = bh; return; // XCHG
  }
}

/** A read-modify-write operator on 32 bits or less (the store truncates to the access size). */
function rmw32(op: number, a: number, b: number): number {
  switch (op) {
    case ADD: return (a + b) | 0;
    case SUB: return (a - b) | 0;
    case AND: return a & b;
    case OR: return a | b;
    case XOR: return a ^ b;
    default: return b; // XCHG
  }
}

const pair = new Int32Array(2);

/**
 * Runs the atomic instruction at pc (K.Atomic or K.AtomicStore) of the current frame at fp, with
 * `mem` the instance's memory 0 (validation guarantees one). Returns the pc of the next instruction,
 * or ATOMIC_BLOCKED when a wait blocks the context (pc then stays at the wait, which run() retries).
 */
export function atomicOp(ctx: Context, mem: Memory, code: Int32Array, pc: number, fp: number, store: boolean): number {
  const s = ctx.s;
  if (store) { // [AtomicStore, sub, offset, addr, value]
    const sub = code[pc + 1], size = SIZE[sub];
    const ea = address(mem, s[fp + code[pc + 3]] >>> 0, code[pc + 2] >>> 0, size);
    const v = fp + code[pc + 4];
    write(mem, ea, size, s[v], size === 8 ? s[v + 1] : 0);
    return pc + 5;
  }
  // [Atomic, d, sub, offset, a, b?, c?]
  const d = fp + code[pc + 1], sub = code[pc + 2], size = SIZE[sub], wide = WIDE[sub] === 1;
  const ea = address(mem, s[fp + code[pc + 4]] >>> 0, code[pc + 3] >>> 0, size);
  const next = pc + LEN[sub];
  if (sub >= LOAD && sub < STORE) {
    const lo = readLo(mem, ea, size);
    if (wide) { s[d + 1] = size === 8 ? mem.dv.getInt32(ea + 4, true) : 0; s[d] = lo; } else s[d] = lo;
    return next;
  }
  if (sub >= RMW && sub < CMPXCHG) {
    const op = ((sub - RMW) / 7) | 0, b = fp + code[pc + 5];
    const ol = readLo(mem, ea, size), oh = size === 8 ? mem.dv.getInt32(ea + 4, true) : 0;
    if (size === 8) rmw64(op, ol, oh, s[b], s[b + 1], pair);
    else { pair[0] = rmw32(op, ol, s[b]); pair[1] = 0; }
    write(mem, ea, size, pair[0], pair[1]);
    s[d] = ol;
    if (wide) s[d + 1] = oh;
    return next;
  }
  if (sub >= CMPXCHG) {
    const e = fp + code[pc + 5], r = fp + code[pc + 6];
    const ol = readLo(mem, ea, size), oh = size === 8 ? mem.dv.getInt32(ea + 4, true) : 0;
    // The expected value is wrapped to the access size before the comparison.
    const el = size === 1 ? s[e] & 0xff : size === 2 ? s[e] & 0xffff : s[e];
    if (ol === el && (size !== 8 || oh === s[e + 1])) write(mem, ea, size, s[r], size === 8 ? s[r + 1] : 0);
    s[d] = ol;
    if (wide) s[d + 1] = oh;
    return next;
  }
  if (sub === NOTIFY) {
    const waiter = mem.waiter;
    s[d] = mem.shared && waiter !== null ? waiter.notify(ctx, mem, ea, s[fp + code[pc + 5]] >>> 0) | 0 : 0;
    return next;
  }
  // memory.atomic.wait32 / wait64: [Atomic, d, sub, offset, addr, expected, timeout]
  if (!mem.shared) throw trap('expected shared memory');
  const t = fp + code[pc + 6];
  const th = s[t + 1];
  const timeoutNs = th < 0 ? Infinity : th * 4294967296 + (s[t] >>> 0);
  const resumed = ctx.waitPending;
  if (!resumed) {
    const e = fp + code[pc + 5];
    const equal = sub === WAIT32
      ? mem.dv.getInt32(ea, true) === s[e]
      : mem.dv.getInt32(ea, true) === s[e] && mem.dv.getInt32(ea + 4, true) === s[e + 1];
    if (!equal) { s[d] = WaitResult.NotEqual; return next; }
  }
  const waiter = mem.waiter;
  if (waiter === null || ctx.syncDepth > 0) {
    // No other context can run before this one returns, so nothing can notify it.
    if (timeoutNs === Infinity) {
      throw trap(waiter === null
        ? 'atomic wait would block forever: no scheduler attached to this memory'
        : 'atomic wait would block forever: no other thread can run during a synchronous call');
    }
    s[d] = WaitResult.TimedOut;
    return next;
  }
  const r = waiter.wait(ctx, mem, ea, timeoutNs, resumed);
  if (r === BLOCK) { ctx.waitPending = true; return ATOMIC_BLOCKED; }
  ctx.waitPending = false;
  s[d] = r;
  return next;
}

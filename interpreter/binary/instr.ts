// Reading one instruction from the binary format: its opcode (readOpcode) and its immediates
// (readImmediates, into a reusable Immediates object). The decoder scans every body with these to
// reject malformed input; the validator and the compiler may use them to walk bodies again.
// No allocation per instruction (a br_table longer than the label buffer grows it once).
import { Imm, OPS } from '../opcodes.js';
import type { Reader } from './reader.js';

/** Immediate kind (an `Imm`) of each one-byte opcode, or -1 when the byte is not an opcode
 *  (0xFC, the prefix, is -1 too). Read-only. */
export const KIND = new Int8Array(256).fill(-1);
/** Immediate kind of each 0xFC sub-opcode, or -1. */
const KIND_FC = new Int8Array(256).fill(-1);
/** Immediate kind of each 0xFE (atomic) sub-opcode, or -1. */
const KIND_FE = new Int8Array(256).fill(-1);
for (const op of OPS) {
  if (op.code < 0x100) KIND[op.code] = op.imm;
  else if ((op.code >> 8) === 0xfc) KIND_FC[op.code & 0xff] = op.imm;
  else if ((op.code >> 8) === 0xfe) KIND_FE[op.code & 0xff] = op.imm;
}

/** The immediate kind (`Imm`) of an internal opcode number, or -1 for an unknown opcode. */
export function immKind(op: number): number {
  if (op < 0x100) return KIND[op];
  if ((op >> 8) === 0xfc) return KIND_FC[op & 0xff];
  if ((op >> 8) === 0xfe) return KIND_FE[op & 0xff];
  return -1;
}

/** Block type of a block/loop/if in `Immediates.a`: this value means no result (0x40). */
export const BLOCK_EMPTY = -0x40;
/** Block type given as a negative multi-byte s33 (never a valid type index: "unknown type"). */
export const BLOCK_BAD_INDEX = 2 ** 32;

/**
 * The immediates of the last instruction read by `readImmediates`. One object is reused for every
 * instruction: copy out what you keep. Fields by immediate kind (`Imm`):
 * - BlockType: `a` = type index (>= 0), or BLOCK_EMPTY, or -(value type byte) for one result
 *   (e.g. -0x7f = i32); a negative multi-byte s33 gives BLOCK_BAD_INDEX.
 * - Label, Func, Local, Global, Table, Data, Elem: `a` = the index (u32, as a non-negative number).
 * - BrTable: `a` = number of labels n, `labels[0..n)` = the labels, `b` = the default label.
 * - CallIndirect: `a` = type index, `b` = table index.
 * - MemArg: `a` = alignment exponent (< 32), `b` = offset (u32 as a non-negative number).
 * - Memory (memory.size/grow/fill): `a` = memory index (always 0 in 2.0).
 * - I32: `a` = the value (int32). I64: `a` = low half, `b` = high half (int32s).
 * - F32: `a` = the bit pattern (uint32). F64: `a` = low half, `b` = high half of the bits (int32s).
 * - SelectT: `a` = number of types, `b` = the first type byte (0 when there is none).
 * - RefType (ref.null): `a` = the reference type byte (0x70 funcref, 0x6f externref).
 * - Fence (atomic.fence): nothing (the reserved byte must be 0x00).
 * - MemoryInit: `a` = data index, `b` = memory index (0). MemoryCopy: `a` = dst, `b` = src memory (0, 0).
 * - TableInit: `a` = elem index, `b` = table index. TableCopy: `a` = dst table, `b` = src table.
 */
export class Immediates {
  a = 0;
  b = 0;
  /** br_table labels; replaced by a larger array when a br_table needs more room. */
  labels: Uint32Array = new Uint32Array(64);
}

const pair = new Int32Array(2);

/**
 * Reads an opcode and returns its internal number: the byte itself, or 0xFC00 | sub for the 0xFC
 * prefix and 0xFE00 | sub for the 0xFE (atomic) prefix (the sub-opcode is a u32 LEB). Unknown opcodes
 * fail with "illegal opcode …" at the opcode. `end` (0x0b) and `else` (0x05) are returned like any
 * other opcode.
 */
export function readOpcode(r: Reader): number {
  const at = r.pos;
  const b = r.u8();
  if (b !== 0xfc && b !== 0xfe) {
    if (KIND[b] < 0) r.fail(`illegal opcode ${hex(b)}`, at);
    return b;
  }
  const sub = r.u32();
  const kinds = b === 0xfc ? KIND_FC : KIND_FE;
  if (sub > 0xff || kinds[sub] < 0) r.fail(`illegal opcode ${hex(b)} ${hex(sub)}`, at);
  return (b << 8) | sub;
}

function hex(n: number): string { return n < 16 ? '0' + n.toString(16) : n.toString(16); }

/**
 * Reads the immediates of opcode `op` (as returned by readOpcode) into `out`, checking everything
 * the binary format requires of them (LEB128 forms, value/reference type bytes, reserved zero bytes,
 * memarg alignment < 32). Fails with a CompileError ('malformed') at the offending byte.
 */
export function readImmediates(r: Reader, op: number, out: Immediates): void {
  const kind = op < 0x100 ? KIND[op] : op < 0xfe00 ? KIND_FC[op & 0xff] : KIND_FE[op & 0xff];
  switch (kind) {
    case Imm.None:
      return;
    case Imm.Label: case Imm.Func: case Imm.Local: case Imm.Global: case Imm.Table:
    case Imm.Data: case Imm.Elem: {
      const p = r.pos; // fast path: a one-byte LEB
      if (p < r.end) {
        const b = r.bytes[p];
        if (b < 0x80) { r.pos = p + 1; out.a = b; return; }
      }
      out.a = r.u32();
      return;
    }
    case Imm.I32: {
      const p = r.pos;
      if (p < r.end) {
        const b = r.bytes[p];
        if (b < 0x80) { r.pos = p + 1; out.a = (b << 25) >> 25; return; }
      }
      out.a = r.s32();
      return;
    }
    case Imm.BlockType:
      out.a = readBlockType(r);
      return;
    case Imm.MemArg: {
      const align = r.u32();
      if (align >= 32) r.fail('malformed memop flags', r.pos - 1);
      out.a = align;
      out.b = r.u32();
      return;
    }
    case Imm.BrTable: {
      const n = readLen(r);
      let labels = out.labels;
      if (n > labels.length) labels = out.labels = new Uint32Array(Math.max(n, labels.length * 2));
      for (let i = 0; i < n; i++) labels[i] = r.u32();
      out.a = n;
      out.b = r.u32();
      return;
    }
    case Imm.CallIndirect: case Imm.TableInit: case Imm.TableCopy:
      out.a = r.u32();
      out.b = r.u32();
      return;
    case Imm.I64:
      r.s64(pair);
      out.a = pair[0];
      out.b = pair[1];
      return;
    case Imm.F32:
      out.a = r.f32bits();
      return;
    case Imm.F64:
      r.f64bits(pair);
      out.a = pair[0];
      out.b = pair[1];
      return;
    case Imm.Memory:
      zeroByte(r);
      out.a = 0;
      return;
    case Imm.MemoryInit:
      out.a = r.u32();
      zeroByte(r);
      out.b = 0;
      return;
    case Imm.MemoryCopy:
      zeroByte(r);
      zeroByte(r);
      out.a = 0;
      out.b = 0;
      return;
    case Imm.SelectT: {
      const n = readLen(r);
      let first = 0;
      for (let i = 0; i < n; i++) {
        const t = readValType(r);
        if (i === 0) first = t;
      }
      out.a = n;
      out.b = first;
      return;
    }
    case Imm.RefType:
      out.a = readRefType(r);
      return;
    case Imm.Fence:
      zeroByte(r);
      return;
    default:
      r.fail(`illegal opcode ${op.toString(16)}`, r.pos);
  }
}

/** A reserved byte that must be 0x00 (memory index in 2.0). */
function zeroByte(r: Reader): void {
  const at = r.pos;
  if (r.u8() !== 0) r.fail('zero byte expected', at);
}

/** A block type: see `Immediates` for the encoding of the result. */
export function readBlockType(r: Reader): number {
  if (r.pos < r.end) {
    const b = r.bytes[r.pos];
    if (b === 0x40) { r.pos++; return BLOCK_EMPTY; }
    if ((b & 0xc0) === 0x40) return -readValType(r);
  }
  const x = r.s33();
  return x < 0 ? BLOCK_BAD_INDEX : x;
}

/**
 * A vector length or byte count (u32), which must not exceed the bytes left in the input
 * ("length out of bounds"; measured, as the reference decoder does, from the start of the LEB).
 */
export function readLen(r: Reader): number {
  const at = r.pos;
  const n = r.u32();
  if (n > r.end - at) r.fail('length out of bounds', at);
  return n;
}

/** A one-byte signed LEB (the encoding of type constructors): a continuation bit is "too long". */
function typeByte(r: Reader): number {
  const b = r.u8();
  if (b & 0x80) r.fail('integer representation too long', r.pos - 1);
  return b;
}

/** A value type byte (i32, i64, f32, f64, v128, funcref, externref). */
export function readValType(r: Reader): number {
  const b = typeByte(r);
  if ((b >= 0x7b && b <= 0x7f) || b === 0x70 || b === 0x6f) return b;
  r.fail(b <= 0x70 ? 'malformed reference type' : 'malformed value type', r.pos - 1);
}

/** A reference type byte (funcref 0x70, externref 0x6f). */
export function readRefType(r: Reader): number {
  const b = typeByte(r);
  if (b === 0x70 || b === 0x6f) return b;
  r.fail('malformed reference type', r.pos - 1);
}

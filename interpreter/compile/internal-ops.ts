// Internal opcode numbering and code layout of the compiled code (compile/ writes it, exec/loop.ts
// runs it). Register style: operands and results are frame-relative word offsets (2 words per 8-byte
// slot), so no instruction pushes or pops.
//
// Packed layout (see DECISIONS.md, "packed internal code"): the first word of an instruction holds the opcode in its low 9
// bits and a field A (23 bits, `w >>> 9`) in the rest; a second word often holds two 16-bit fields
// (`x & 0xffff`, and `x >>> 16`, or `x >> 16` for a signed immediate). Fewer code words mean fewer
// typed-array loads per instruction, which is most of what an instruction costs in V8's interpreter.
// Slot fields of 16 bits hold word offsets below FIELD_LIMIT: the compiler guarantees it (functions
// with larger frames copy such operands into scratch slots first). Layouts below name fields as
// `A`, `x = lo|hi<<16`, and plain words; d = result, a/b/c = operands, t = branch target (code index).
//
//   binary numeric          [op|d, a|b]            unary numeric / reinterpret-free moves [op|d, a]
//   loads (wasm byte)       [op|d, a|offset]       stores (wasm byte)  [op|a, v|offset]
//   i32 op with immediate   [op|d, a|imm16]        (the W forms: [op|d, a, imm32])
//   i64 op with immediate   [op|d, a, lo, hi]      (shifts: [op|d, a|n])
//   Ea: effective address of a large static offset, clamped: [op|d, a, offset] (then a load/store
//   with offset 0 from d)
//
// Cold instructions keep a plain layout: the first word is the opcode alone (A = 0) and every
// operand has its own word, e.g. [op, d, table, a].

/** Bits of the first word that hold the opcode. */
export const OP_BITS = 9;
export const OP_MASK = (1 << OP_BITS) - 1;
/** Word offsets in 16-bit fields stay below this. */
export const FIELD_LIMIT = 0x10000;
/** Field A holds values below this (word offsets, code positions, indices). */
export const A_LIMIT = 1 << (32 - OP_BITS);

export const enum K {
  Unreachable = 0,   // [op]
  Br = 1,            // [op|t]
  BrIf = 2,          // [op|t, a]            jump when a != 0
  BrUnless = 3,      // [op|t, a]            jump when a == 0
  BrTable = 4,       // [op|a, n, t0 .. t(n-1), tdefault]
  Return = 5,        // [op]                 results already moved to slots 0..
  Call = 6,          // [op|argBase, funcIndex]   results land at argBase..
  CallIndirect = 7,  // [op|argBase, typeIndex, tableIndex, a]
  Mov32 = 8,         // [op|d, a]
  Mov64 = 9,         // [op|d, a]
  MovR = 10,         // [op|d, a]
  Select32 = 11,     // [op|d, a|b, c]   d = c ? a : b
  Select64 = 12,
  SelectR = 13,
  Const32 = 14,      // [op|d, imm]
  Const64 = 15,      // [op|d, lo, hi]
  GlobalGet32 = 16,  // [op|d, g]
  GlobalGet64 = 17,
  GlobalGetR = 18,
  GlobalSet32 = 19,  // [op|a, g]
  GlobalSet64 = 20,
  GlobalSetR = 21,
  Ret32 = 27,        // [op|a]   return one i32/f32 result read from a
  Ret64 = 28,        // [op|a]   return one i64/f64 result
  RetR = 29,         // [op|a]   return one reference result

  // 0x28..0xc4: wasm numeric and load/store opcodes (see top), but for memory.size/grow.

  // i32 binary operators with an inline signed 16-bit right operand: [op|d, a|imm].
  I32AddI = 0xc5, I32MulI, I32AndI, I32OrI, I32XorI, I32ShlI, I32ShrSI, I32ShrUI,
  // i32 comparisons with an inline constant: [op|d, a|imm], in wasm order (eq ne lt_s lt_u gt_s
  // gt_u le_s le_u ge_s ge_u), so I32EqI + k matches wasm opcode 0x46 + k.
  I32EqI = 0xcd,
  // Fused compare-and-jump: [op|t, a|b] jumps when (a cmp b); same order.
  JEq = 0xd7,
  // Fused compare-with-constant-and-jump: [op|t, a|imm].
  JEqI = 0xe1,
  // i64 binary operators with an inline constant right operand: [op|d, a, lo, hi] (shifts [op|d, a|n]).
  I64AddI = 0xeb, I64MulI, I64AndI, I64OrI, I64XorI, I64ShlI, I64ShrSI, I64ShrUI,
  // i32 operators with a 32-bit inline constant: [op|d, a, imm] (same order as I32AddI..I32XorI).
  I32AddIW = 0xf5, I32MulIW, I32AndIW, I32OrIW, I32XorIW,
  /** [op|d, a, offset]: d = (a as u32) + offset, clamped to 0xffffffff (always out of bounds). */
  Ea = 0xfa,

  // ---- Fused instructions: the compiler rewrites the instruction it just emitted with the next one.
  /** [op|d, a|b, k]: d = a + (b << k)   (i32.shl by a constant, then i32.add) */
  AddShl = 0x100,
  /** Loads whose address is an i32.add (or AddShl): [op|d, a|b, offset|k<<16], the effective
   *  address ((a + (b << k)) as u32) + offset. Same order as IdxLoadOps. */
  LoadIdx = 0x101,   // 6: i32 (f32), i64 (f64), i32 8_u, i32 8_s, i32 16_u, i32 16_s
  /** Stores likewise: [op|v, a|b, offset|k<<16]. Same order as IdxStoreOps. */
  StoreIdx = 0x107,  // 4: i32 (f32, i64.store32), i64 (f64), 8, 16
  /** Stores of an i32 constant: [op|a, offset|imm16]: 32, 16, 8 bits. */
  StoreImm = 0x10b,
  /** (a & imm) then br_if / if: [op|t, a|imm] jump when (a & imm) != 0, resp. == 0. */
  JAndNZ = 0x10e,
  JAndZ = 0x10f,
  /** i64.eqz then br_if / if: [op|t, a] jump when a == 0, resp. != 0. */
  BrZ64 = 0x110,
  BrNZ64 = 0x111,
  /** i64 comparison then br_if / if: [op|t, a|b], wasm order (eq ne lt_s ... ge_u). */
  JEq64 = 0x112,
  /** i64 comparison with a constant: [op|d, a, lo, hi], wasm order. */
  I64EqI = 0x11c,
  /** ... then br_if / if: [op|t, a, lo, hi]. */
  JEq64I = 0x126,

  /** Opcodes from here on are cold: the loop's main switch leaves them to a second one. */
  Cold = 0x140,
  // Saturating truncations, unary: TruncSatBase + (0xFC sub-opcode 0..7).
  TruncSatBase = 0x140,
  MemoryInit = 0x148, // [op, seg, d, s, n]     (cold layout, like the rest of this group)
  DataDrop,          // [op, seg]
  MemoryCopy,        // [op, d, s, n]
  MemoryFill,        // [op, d, v, n]
  TableInit,         // [op, table, seg, d, s, n]
  ElemDrop,          // [op, seg]
  TableCopy,         // [op, dstTable, srcTable, d, s, n]
  TableGrow,         // [op, d, table, init, n]
  TableSize,         // [op, d, table]
  TableFill,         // [op, table, i, value, n]
  TableGet,          // [op, d, table, a]
  TableSet,          // [op, table, a(index), b(value)]
  RefNull,           // [op, d]
  RefIsNull,         // [op, d, a]
  RefFunc,           // [op, d, funcIndex]
  // Threads proposal (0xFE operators, run by exec/atomics.ts; atomic.fence compiles to nothing):
  Atomic,            // [op, d, sub, offset, a, b?, c?]  loads, rmw, cmpxchg, notify, wait (wasm operand order)
  AtomicStore,       // [op, sub, offset, addr, value]
  MemorySize,        // [op, d]
  MemoryGrow,        // [op, d, a]
  /** One past the last opcode. */
  Count,
}

/** Wasm loads and stores with an indexed (LoadIdx/StoreIdx) form, in that form's order. */
export const IdxLoadOps: readonly number[][] = [[0x28, 0x2a], [0x29, 0x2b], [0x2d], [0x2c], [0x2f], [0x2e]];
export const IdxStoreOps: readonly number[][] = [[0x36, 0x38, 0x3e], [0x37, 0x39], [0x3a, 0x3c], [0x3b, 0x3d]];

/** Wasm i32 comparison 0x46 + k negated: eq<->ne, lt_s<->ge_s, lt_u<->ge_u, gt_s<->le_s, gt_u<->le_u. */
export const NEGATE_CMP: readonly number[] = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3];

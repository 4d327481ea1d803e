// Internal opcode numbering of the compiled code (compile/ writes it, exec/loop.ts runs it).
// Register style: every operand and result is a frame-relative word offset (2 words per 8-byte slot),
// so no instruction pushes or pops. Layouts are given as [op, ...words]; `d` = result slot,
// `a`/`b`/`c` = operand slots, `t` = branch target (index into the code array), `imm` = inline value.
//
// Numeric, load/store and memory.size/grow operators keep their wasm opcode byte (0x28..0xc4):
//   loads  [op, d, addr, offset]        stores [op, addr, value, offset]
//   unary  [op, d, a]                   binary [op, d, a, b]
//   memory.size [0x3f, d]               memory.grow [0x40, d, a]
// (reinterpret and i32.wrap_i64 are compiled to moves.)

export const enum K {
  Unreachable = 0,   // [op]
  Br = 1,            // [op, t]
  BrIf = 2,          // [op, a, t]       jump when a != 0
  BrUnless = 3,      // [op, a, t]       jump when a == 0
  BrTable = 4,       // [op, a, n, t0 .. t(n-1), tdefault]
  Return = 5,        // [op]             results already moved to slots 0..
  Call = 6,          // [op, funcIndex, argBase]   results land at argBase..
  CallIndirect = 7,  // [op, typeIndex, tableIndex, argBase, a]
  Mov32 = 8,         // [op, d, a]
  Mov64 = 9,         // [op, d, a]
  MovR = 10,         // [op, d, a]
  Select32 = 11,     // [op, d, a, b, c]   d = c ? a : b
  Select64 = 12,
  SelectR = 13,
  Const32 = 14,      // [op, d, imm]
  Const64 = 15,      // [op, d, lo, hi]
  GlobalGet32 = 16,  // [op, d, g]
  GlobalGet64 = 17,
  GlobalGetR = 18,
  GlobalSet32 = 19,  // [op, g, a]
  GlobalSet64 = 20,
  GlobalSetR = 21,
  TableGet = 22,     // [op, d, table, a]
  TableSet = 23,     // [op, table, a(index), b(value)]
  RefNull = 24,      // [op, d]
  RefIsNull = 25,    // [op, d, a]
  RefFunc = 26,      // [op, d, funcIndex]
  Ret32 = 27,        // [op, a]   return one i32/f32 result read from a
  Ret64 = 28,        // [op, a]   return one i64/f64 result
  RetR = 29,         // [op, a]   return one reference result
  // Threads proposal (0xFE operators, run by exec/atomics.ts; atomic.fence compiles to nothing):
  Atomic = 30,       // [op, d, sub, offset, a, b?, c?]  loads, rmw, cmpxchg, notify, wait (wasm operand order)
  AtomicStore = 31,  // [op, sub, offset, addr, value]

  // 0x28..0xc4: wasm numeric / memory opcodes (see top).
  MemorySize = 0x3f,
  MemoryGrow = 0x40,

  // Saturating truncations, unary: 0xc5 + (0xFC sub-opcode 0..7).
  TruncSatBase = 0xc5,
  MemoryInit = 0xcd, // [op, seg, d, s, n]
  DataDrop = 0xce,   // [op, seg]
  MemoryCopy = 0xcf, // [op, d, s, n]
  MemoryFill = 0xd0, // [op, d, v, n]
  TableInit = 0xd1,  // [op, table, seg, d, s, n]
  ElemDrop = 0xd2,   // [op, seg]
  TableCopy = 0xd3,  // [op, dstTable, srcTable, d, s, n]
  TableGrow = 0xd4,  // [op, d, table, init, n]
  TableSize = 0xd5,  // [op, d, table]
  TableFill = 0xd6,  // [op, table, i, value, n]

  // i32 binary operators with an inline constant right operand: [op, d, a, imm].
  I32AddI = 0xd7, I32MulI, I32AndI, I32OrI, I32XorI, I32ShlI, I32ShrSI, I32ShrUI,
  // i32 comparisons with an inline constant: [op, d, a, imm], in wasm order (eq ne lt_s lt_u gt_s
  // gt_u le_s le_u ge_s ge_u), so I32EqI + k matches wasm opcode 0x46 + k.
  I32EqI = 0xdf,
  // Fused compare-and-jump: [op, a, b, t] jumps when (a cmp b); same order.
  JEq = 0xe9,
  // Fused compare-with-constant-and-jump: [op, a, imm, t].
  JEqI = 0xf3,
  // i64 binary operators with an inline constant right operand: [op, d, a, lo, hi].
  I64AddI = 0xfd, I64MulI, I64AndI, I64OrI, I64XorI, I64ShlI, I64ShrSI, I64ShrUI, I64EqI, I64NeI,
  /** One past the last opcode. */
  Count = 0x107,
}

/** Wasm i32 comparison 0x46 + k negated: eq<->ne, lt_s<->ge_s, lt_u<->ge_u, gt_s<->le_s, gt_u<->le_u. */
export const NEGATE_CMP: readonly number[] = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3];

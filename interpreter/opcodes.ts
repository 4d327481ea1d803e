// The one table of opcode facts every pass reads: name, encoding, immediate kind and (for plain
// numeric/memory operators) the stack signature. Internal opcode numbers: a plain opcode is its byte;
// a prefixed opcode is (prefix << 8) | subopcode, e.g. 0xFC00 | 8 for memory.init.

/** What follows the opcode in the binary format. */
export const enum Imm {
  None = 0,
  BlockType,   // block, loop, if: s33 block type
  Label,       // br, br_if: u32 label index
  BrTable,     // vec(label) label
  Func,        // call, ref.func: u32 func index
  CallIndirect,// u32 type index, u32 table index
  Local,       // u32 local index
  Global,      // u32 global index
  Table,       // u32 table index (table.get/set/size/grow/fill)
  MemArg,      // u32 align, u32 offset
  Memory,      // memory.size/grow/fill: u32 memory index (must be 0 in 2.0, a 0x00 byte)
  I32,         // s32
  I64,         // s64
  F32,         // 4 bytes
  F64,         // 8 bytes
  SelectT,     // vec(valtype)
  RefType,     // ref.null: a reference type byte
  MemoryInit,  // u32 data index, u32 memory index
  Data,        // data.drop: u32 data index
  MemoryCopy,  // u32 dst memory, u32 src memory
  TableInit,   // u32 elem index, u32 table index
  Elem,        // elem.drop: u32 elem index
  TableCopy,   // u32 dst table, u32 src table
  Fence,       // atomic.fence: one reserved 0x00 byte
}

export interface OpInfo {
  /** Internal opcode number (see top of file). */
  readonly code: number;
  /** Text-format name, e.g. "i32.add". */
  readonly name: string;
  readonly imm: Imm;
  /** Operand types popped, for operators with a fixed signature (value type names), else null. */
  readonly params: readonly string[] | null;
  /** Result types pushed, for operators with a fixed signature, else null. */
  readonly results: readonly string[] | null;
  /** For memory access operators: natural alignment as log2 of the access size in bytes (atomic
   *  operators, 0xFE prefix, must use exactly this alignment). */
  readonly align: number;
}

const table: OpInfo[] = [];
const byCode = new Map<number, OpInfo>();
const byName = new Map<string, OpInfo>();

function def(code: number, name: string, imm: Imm, sig: string | null = null, align = -1): void {
  let params: string[] | null = null;
  let results: string[] | null = null;
  if (sig !== null) {
    const [p, r] = sig.split(':');
    params = p.trim() === '' ? [] : p.trim().split(/\s+/);
    results = r.trim() === '' ? [] : r.trim().split(/\s+/);
  }
  const info: OpInfo = { code, name, imm, params, results, align };
  table.push(info);
  byCode.set(code, info);
  byName.set(name, info);
}

// Control and parametric.
def(0x00, 'unreachable', Imm.None);
def(0x01, 'nop', Imm.None, ':');
def(0x02, 'block', Imm.BlockType);
def(0x03, 'loop', Imm.BlockType);
def(0x04, 'if', Imm.BlockType);
def(0x05, 'else', Imm.None);
def(0x0b, 'end', Imm.None);
def(0x0c, 'br', Imm.Label);
def(0x0d, 'br_if', Imm.Label);
def(0x0e, 'br_table', Imm.BrTable);
def(0x0f, 'return', Imm.None);
def(0x10, 'call', Imm.Func);
def(0x11, 'call_indirect', Imm.CallIndirect);
def(0x1a, 'drop', Imm.None);
def(0x1b, 'select', Imm.None);
def(0x1c, 'select_t', Imm.SelectT); // text name is "select" with a result annotation
// Variables.
def(0x20, 'local.get', Imm.Local);
def(0x21, 'local.set', Imm.Local);
def(0x22, 'local.tee', Imm.Local);
def(0x23, 'global.get', Imm.Global);
def(0x24, 'global.set', Imm.Global);
def(0x25, 'table.get', Imm.Table);
def(0x26, 'table.set', Imm.Table);
// Memory.
const loads: [number, string, string, number][] = [
  [0x28, 'i32.load', 'i32', 2], [0x29, 'i64.load', 'i64', 3], [0x2a, 'f32.load', 'f32', 2],
  [0x2b, 'f64.load', 'f64', 3], [0x2c, 'i32.load8_s', 'i32', 0], [0x2d, 'i32.load8_u', 'i32', 0],
  [0x2e, 'i32.load16_s', 'i32', 1], [0x2f, 'i32.load16_u', 'i32', 1], [0x30, 'i64.load8_s', 'i64', 0],
  [0x31, 'i64.load8_u', 'i64', 0], [0x32, 'i64.load16_s', 'i64', 1], [0x33, 'i64.load16_u', 'i64', 1],
  [0x34, 'i64.load32_s', 'i64', 2], [0x35, 'i64.load32_u', 'i64', 2],
];
for (const [c, n, t, a] of loads) def(c, n, Imm.MemArg, `i32 : ${t}`, a);
const stores: [number, string, string, number][] = [
  [0x36, 'i32.store', 'i32', 2], [0x37, 'i64.store', 'i64', 3], [0x38, 'f32.store', 'f32', 2],
  [0x39, 'f64.store', 'f64', 3], [0x3a, 'i32.store8', 'i32', 0], [0x3b, 'i32.store16', 'i32', 1],
  [0x3c, 'i64.store8', 'i64', 0], [0x3d, 'i64.store16', 'i64', 1], [0x3e, 'i64.store32', 'i64', 2],
];
for (const [c, n, t, a] of stores) def(c, n, Imm.MemArg, `i32 ${t} :`, a);
def(0x3f, 'memory.size', Imm.Memory, ': i32');
def(0x40, 'memory.grow', Imm.Memory, 'i32 : i32');
// Constants.
def(0x41, 'i32.const', Imm.I32, ': i32');
def(0x42, 'i64.const', Imm.I64, ': i64');
def(0x43, 'f32.const', Imm.F32, ': f32');
def(0x44, 'f64.const', Imm.F64, ': f64');
// Numeric.
function group(start: number, names: string[], sig: string): void {
  names.forEach((n, i) => def(start + i, n, Imm.None, sig));
}
const icmp = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
const fcmp = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const iun = ['clz', 'ctz', 'popcnt'];
const ibin = ['add', 'sub', 'mul', 'div_s', 'div_u', 'rem_s', 'rem_u', 'and', 'or', 'xor', 'shl', 'shr_s', 'shr_u', 'rotl', 'rotr'];
const fun = ['abs', 'neg', 'ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const fbin = ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign'];
def(0x45, 'i32.eqz', Imm.None, 'i32 : i32');
group(0x46, icmp.map(n => 'i32.' + n), 'i32 i32 : i32');
def(0x50, 'i64.eqz', Imm.None, 'i64 : i32');
group(0x51, icmp.map(n => 'i64.' + n), 'i64 i64 : i32');
group(0x5b, fcmp.map(n => 'f32.' + n), 'f32 f32 : i32');
group(0x61, fcmp.map(n => 'f64.' + n), 'f64 f64 : i32');
group(0x67, iun.map(n => 'i32.' + n), 'i32 : i32');
group(0x6a, ibin.map(n => 'i32.' + n), 'i32 i32 : i32');
group(0x79, iun.map(n => 'i64.' + n), 'i64 : i64');
group(0x7c, ibin.map(n => 'i64.' + n), 'i64 i64 : i64');
group(0x8b, fun.map(n => 'f32.' + n), 'f32 : f32');
group(0x92, fbin.map(n => 'f32.' + n), 'f32 f32 : f32');
group(0x99, fun.map(n => 'f64.' + n), 'f64 : f64');
group(0xa0, fbin.map(n => 'f64.' + n), 'f64 f64 : f64');
const conversions: [number, string, string][] = [
  [0xa7, 'i32.wrap_i64', 'i64 : i32'],
  [0xa8, 'i32.trunc_f32_s', 'f32 : i32'], [0xa9, 'i32.trunc_f32_u', 'f32 : i32'],
  [0xaa, 'i32.trunc_f64_s', 'f64 : i32'], [0xab, 'i32.trunc_f64_u', 'f64 : i32'],
  [0xac, 'i64.extend_i32_s', 'i32 : i64'], [0xad, 'i64.extend_i32_u', 'i32 : i64'],
  [0xae, 'i64.trunc_f32_s', 'f32 : i64'], [0xaf, 'i64.trunc_f32_u', 'f32 : i64'],
  [0xb0, 'i64.trunc_f64_s', 'f64 : i64'], [0xb1, 'i64.trunc_f64_u', 'f64 : i64'],
  [0xb2, 'f32.convert_i32_s', 'i32 : f32'], [0xb3, 'f32.convert_i32_u', 'i32 : f32'],
  [0xb4, 'f32.convert_i64_s', 'i64 : f32'], [0xb5, 'f32.convert_i64_u', 'i64 : f32'],
  [0xb6, 'f32.demote_f64', 'f64 : f32'],
  [0xb7, 'f64.convert_i32_s', 'i32 : f64'], [0xb8, 'f64.convert_i32_u', 'i32 : f64'],
  [0xb9, 'f64.convert_i64_s', 'i64 : f64'], [0xba, 'f64.convert_i64_u', 'i64 : f64'],
  [0xbb, 'f64.promote_f32', 'f32 : f64'],
  [0xbc, 'i32.reinterpret_f32', 'f32 : i32'], [0xbd, 'i64.reinterpret_f64', 'f64 : i64'],
  [0xbe, 'f32.reinterpret_i32', 'i32 : f32'], [0xbf, 'f64.reinterpret_i64', 'i64 : f64'],
  [0xc0, 'i32.extend8_s', 'i32 : i32'], [0xc1, 'i32.extend16_s', 'i32 : i32'],
  [0xc2, 'i64.extend8_s', 'i64 : i64'], [0xc3, 'i64.extend16_s', 'i64 : i64'],
  [0xc4, 'i64.extend32_s', 'i64 : i64'],
];
for (const [c, n, s] of conversions) def(c, n, Imm.None, s);
// Reference types.
def(0xd0, 'ref.null', Imm.RefType);
def(0xd1, 'ref.is_null', Imm.None);
def(0xd2, 'ref.func', Imm.Func);
// 0xFC prefix: saturating truncation, bulk memory, table operations.
export const PREFIX_FC = 0xfc;
const sat: [string, string][] = [
  ['i32.trunc_sat_f32_s', 'f32 : i32'], ['i32.trunc_sat_f32_u', 'f32 : i32'],
  ['i32.trunc_sat_f64_s', 'f64 : i32'], ['i32.trunc_sat_f64_u', 'f64 : i32'],
  ['i64.trunc_sat_f32_s', 'f32 : i64'], ['i64.trunc_sat_f32_u', 'f32 : i64'],
  ['i64.trunc_sat_f64_s', 'f64 : i64'], ['i64.trunc_sat_f64_u', 'f64 : i64'],
];
sat.forEach(([n, s], i) => def(0xfc00 | i, n, Imm.None, s));
def(0xfc08, 'memory.init', Imm.MemoryInit, 'i32 i32 i32 :');
def(0xfc09, 'data.drop', Imm.Data, ':');
def(0xfc0a, 'memory.copy', Imm.MemoryCopy, 'i32 i32 i32 :');
def(0xfc0b, 'memory.fill', Imm.Memory, 'i32 i32 i32 :');
def(0xfc0c, 'table.init', Imm.TableInit, 'i32 i32 i32 :');
def(0xfc0d, 'elem.drop', Imm.Elem, ':');
def(0xfc0e, 'table.copy', Imm.TableCopy, 'i32 i32 i32 :');
def(0xfc0f, 'table.grow', Imm.Table);
def(0xfc10, 'table.size', Imm.Table, ': i32');
def(0xfc11, 'table.fill', Imm.Table);

// 0xFE prefix: the threads proposal's atomic operators. Every one takes a memarg whose alignment
// must equal the natural alignment (atomic.fence takes a reserved zero byte instead).
export const PREFIX_FE = 0xfe;
def(0xfe00, 'memory.atomic.notify', Imm.MemArg, 'i32 i32 : i32', 2);
def(0xfe01, 'memory.atomic.wait32', Imm.MemArg, 'i32 i32 i64 : i32', 2);
def(0xfe02, 'memory.atomic.wait64', Imm.MemArg, 'i32 i64 i64 : i32', 3);
def(0xfe03, 'atomic.fence', Imm.Fence, ':');
/** Widths of the atomic accesses in sub-opcode order within each group: [type, access suffix, log2 size]. */
const atomicWidths: [string, string, number][] = [
  ['i32', '', 2], ['i64', '', 3], ['i32', '8', 0], ['i32', '16', 1], ['i64', '8', 0], ['i64', '16', 1], ['i64', '32', 2],
];
atomicWidths.forEach(([t, w, a], i) => def(0xfe10 + i, `${t}.atomic.load${w === '' ? '' : w + '_u'}`, Imm.MemArg, `i32 : ${t}`, a));
atomicWidths.forEach(([t, w, a], i) => def(0xfe17 + i, `${t}.atomic.store${w}`, Imm.MemArg, `i32 ${t} :`, a));
['add', 'sub', 'and', 'or', 'xor', 'xchg'].forEach((op, g) => atomicWidths.forEach(([t, w, a], i) =>
  def(0xfe1e + 7 * g + i, w === '' ? `${t}.atomic.rmw.${op}` : `${t}.atomic.rmw${w}.${op}_u`, Imm.MemArg, `i32 ${t} : ${t}`, a)));
atomicWidths.forEach(([t, w, a], i) => def(0xfe48 + i, w === '' ? `${t}.atomic.rmw.cmpxchg` : `${t}.atomic.rmw${w}.cmpxchg_u`,
  Imm.MemArg, `i32 ${t} ${t} : ${t}`, a));

/** Every operator, in definition order. */
export const OPS: readonly OpInfo[] = table;
/** Operator facts by internal opcode number, or undefined for an unknown opcode. */
export function opInfo(code: number): OpInfo | undefined { return byCode.get(code); }
/** Operator facts by text name ("select_t" is the typed select). */
export function opByName(name: string): OpInfo | undefined { return byName.get(name); }

/** Internal opcode numbers by name, for switch statements in the passes. */
export const enum Op {
  Unreachable = 0x00, Nop = 0x01, Block = 0x02, Loop = 0x03, If = 0x04, Else = 0x05, End = 0x0b,
  Br = 0x0c, BrIf = 0x0d, BrTable = 0x0e, Return = 0x0f, Call = 0x10, CallIndirect = 0x11,
  Drop = 0x1a, Select = 0x1b, SelectT = 0x1c,
  LocalGet = 0x20, LocalSet = 0x21, LocalTee = 0x22, GlobalGet = 0x23, GlobalSet = 0x24,
  TableGet = 0x25, TableSet = 0x26,
  MemorySize = 0x3f, MemoryGrow = 0x40,
  I32Const = 0x41, I64Const = 0x42, F32Const = 0x43, F64Const = 0x44,
  RefNull = 0xd0, RefIsNull = 0xd1, RefFunc = 0xd2,
  MemoryInit = 0xfc08, DataDrop = 0xfc09, MemoryCopy = 0xfc0a, MemoryFill = 0xfc0b,
  TableInit = 0xfc0c, ElemDrop = 0xfc0d, TableCopy = 0xfc0e, TableGrow = 0xfc0f,
  TableSize = 0xfc10, TableFill = 0xfc11,
  AtomicNotify = 0xfe00, AtomicWait32 = 0xfe01, AtomicWait64 = 0xfe02, AtomicFence = 0xfe03,
}

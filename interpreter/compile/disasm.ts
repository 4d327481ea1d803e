// A readable listing of compiled internal code, for debugging the compiler and the executor:
// one line per instruction, "pc: name operands" (slots shown as word offsets).
import { opInfo } from '../opcodes.js';
import { K } from './internal-ops.js';
import type { Compiled } from './compiled.js';

const NAMES: Record<number, [string, number]> = {
  [K.Unreachable]: ['unreachable', 0], [K.Br]: ['br', 1], [K.BrIf]: ['br_if', 2], [K.BrUnless]: ['br_unless', 2],
  [K.BrTable]: ['br_table', 0], [K.Return]: ['return', 0], [K.Ret32]: ['ret32', 1], [K.Ret64]: ['ret64', 1], [K.RetR]: ['retr', 1],
  [K.Call]: ['call', 2], [K.CallIndirect]: ['call_indirect', 4],
  [K.Mov32]: ['mov32', 2], [K.Mov64]: ['mov64', 2], [K.MovR]: ['movr', 2],
  [K.Select32]: ['select32', 4], [K.Select64]: ['select64', 4], [K.SelectR]: ['selectr', 4],
  [K.Const32]: ['const32', 2], [K.Const64]: ['const64', 3],
  [K.GlobalGet32]: ['global.get32', 2], [K.GlobalGet64]: ['global.get64', 2], [K.GlobalGetR]: ['global.getr', 2],
  [K.GlobalSet32]: ['global.set32', 2], [K.GlobalSet64]: ['global.set64', 2], [K.GlobalSetR]: ['global.setr', 2],
  [K.TableGet]: ['table.get', 3], [K.TableSet]: ['table.set', 3], [K.RefNull]: ['ref.null', 1],
  [K.RefIsNull]: ['ref.is_null', 2], [K.RefFunc]: ['ref.func', 2],
  [K.MemoryInit]: ['memory.init', 4], [K.DataDrop]: ['data.drop', 1], [K.MemoryCopy]: ['memory.copy', 3],
  [K.MemoryFill]: ['memory.fill', 3], [K.TableInit]: ['table.init', 5], [K.ElemDrop]: ['elem.drop', 1],
  [K.TableCopy]: ['table.copy', 5], [K.TableGrow]: ['table.grow', 4], [K.TableSize]: ['table.size', 2],
  [K.TableFill]: ['table.fill', 4], [K.MemorySize]: ['memory.size', 1], [K.MemoryGrow]: ['memory.grow', 2],
  [K.Atomic]: ['atomic', 0], [K.AtomicStore]: ['atomic.store', 0],
};
const IMM = ['i32.add', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u'];
const CMP = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
IMM.forEach((n, i) => { NAMES[K.I32AddI + i] = [n + '_imm', 3]; });
CMP.forEach((n, i) => {
  NAMES[K.I32EqI + i] = ['i32.' + n + '_imm', 3];
  NAMES[K.JEq + i] = ['jump_if_' + n, 3];
  NAMES[K.JEqI + i] = ['jump_if_' + n + '_imm', 3];
});
['i64.add', 'i64.mul', 'i64.and', 'i64.or', 'i64.xor', 'i64.shl', 'i64.shr_s', 'i64.shr_u', 'i64.eq', 'i64.ne']
  .forEach((n, i) => { NAMES[K.I64AddI + i] = [n + '_imm', 4]; });
for (let i = 0; i < 8; i++) NAMES[K.TruncSatBase + i] = [opInfo(0xfc00 | i)!.name, 2];
for (let c = 0x28; c <= 0xc4; c++) {
  const info = opInfo(c);
  if (info && !NAMES[c]) NAMES[c] = [info.name, (info.params?.length ?? 0) + (info.results?.length ?? 0) + (c <= 0x3e ? 1 : 0)];
}

/** The listing of one compiled function. */
export function disassemble(c: Compiled): string {
  const code = c.code, out: string[] = [];
  for (let pc = 0; pc < code.length;) {
    const op = code[pc];
    const entry = NAMES[op];
    if (!entry) { out.push(`${pc}: ??? ${op}`); pc++; continue; }
    let n = entry[1], name = entry[0];
    if (op === K.BrTable) n = 2 + code[pc + 2] + 1;
    if (op === K.Atomic || op === K.AtomicStore) { // shown as the wasm operator named by the sub-opcode
      const sub = code[pc + (op === K.Atomic ? 2 : 1)], info = opInfo(0xfe00 | sub)!;
      name = info.name;
      n = (op === K.Atomic ? 3 : 2) + info.params!.length;
    }
    out.push(`${pc}: ${name} ${Array.from(code.subarray(pc + 1, pc + 1 + n)).join(' ')}`);
    pc += 1 + n;
  }
  return out.join('\n');
}

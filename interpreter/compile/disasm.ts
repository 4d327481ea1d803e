// A readable listing of compiled internal code, for debugging the compiler and the executor:
// one line per instruction, "pc: name operands" (slots shown as word offsets). Field A of the first
// word comes first, a word of two 16-bit fields shows as "lo|hi".
import { opInfo } from '../opcodes.js';
import { K, OP_BITS, OP_MASK } from './internal-ops.js';
import type { Compiled } from './compiled.js';

/**
 * How an instruction's words read: 'c' + n = cold layout (opcode word, then n plain words);
 * otherwise a string of field kinds after the opcode: A = field A, X = two 16-bit fields (S: the
 * high one signed), W = a plain word.
 */
const NAMES: Record<number, [string, string]> = {
  [K.Unreachable]: ['unreachable', ''], [K.Br]: ['br', 'A'], [K.BrIf]: ['br_if', 'AW'], [K.BrUnless]: ['br_unless', 'AW'],
  [K.BrTable]: ['br_table', 'A'], [K.Return]: ['return', ''], [K.Ret32]: ['ret32', 'A'], [K.Ret64]: ['ret64', 'A'], [K.RetR]: ['retr', 'A'],
  [K.Call]: ['call', 'AW'], [K.CallIndirect]: ['call_indirect', 'AWWW'],
  [K.Mov32]: ['mov32', 'AW'], [K.Mov64]: ['mov64', 'AW'], [K.MovR]: ['movr', 'AW'],
  [K.Select32]: ['select32', 'AXW'], [K.Select64]: ['select64', 'AXW'], [K.SelectR]: ['selectr', 'AXW'],
  [K.Const32]: ['const32', 'AW'], [K.Const64]: ['const64', 'AWW'],
  [K.GlobalGet32]: ['global.get32', 'AW'], [K.GlobalGet64]: ['global.get64', 'AW'], [K.GlobalGetR]: ['global.getr', 'AW'],
  [K.GlobalSet32]: ['global.set32', 'AW'], [K.GlobalSet64]: ['global.set64', 'AW'], [K.GlobalSetR]: ['global.setr', 'AW'],
  [K.TableGet]: ['table.get', 'c3'], [K.TableSet]: ['table.set', 'c3'], [K.RefNull]: ['ref.null', 'c1'],
  [K.RefIsNull]: ['ref.is_null', 'c2'], [K.RefFunc]: ['ref.func', 'c2'],
  [K.MemoryInit]: ['memory.init', 'c4'], [K.DataDrop]: ['data.drop', 'c1'], [K.MemoryCopy]: ['memory.copy', 'c3'],
  [K.MemoryFill]: ['memory.fill', 'c3'], [K.TableInit]: ['table.init', 'c5'], [K.ElemDrop]: ['elem.drop', 'c1'],
  [K.TableCopy]: ['table.copy', 'c5'], [K.TableGrow]: ['table.grow', 'c4'], [K.TableSize]: ['table.size', 'c2'],
  [K.TableFill]: ['table.fill', 'c4'], [K.MemorySize]: ['memory.size', 'c1'], [K.MemoryGrow]: ['memory.grow', 'c2'],
  [K.Atomic]: ['atomic', 'c0'], [K.AtomicStore]: ['atomic.store', 'c0'], [K.Ea]: ['ea', 'AWW'],
};
const IMM = ['i32.add', 'i32.mul', 'i32.and', 'i32.or', 'i32.xor', 'i32.shl', 'i32.shr_s', 'i32.shr_u'];
const CMP = ['eq', 'ne', 'lt_s', 'lt_u', 'gt_s', 'gt_u', 'le_s', 'le_u', 'ge_s', 'ge_u'];
IMM.forEach((n, i) => { NAMES[K.I32AddI + i] = [n + '_imm', 'AS']; });
IMM.slice(0, 5).forEach((n, i) => { NAMES[K.I32AddIW + i] = [n + '_imm32', 'AWW']; });
CMP.forEach((n, i) => {
  NAMES[K.I32EqI + i] = ['i32.' + n + '_imm', 'AS'];
  NAMES[K.JEq + i] = ['jump_if_' + n, 'AX'];
  NAMES[K.JEqI + i] = ['jump_if_' + n + '_imm', 'AS'];
});
['i64.add', 'i64.mul', 'i64.and', 'i64.or', 'i64.xor', 'i64.shl', 'i64.shr_s', 'i64.shr_u']
  .forEach((n, i) => { NAMES[K.I64AddI + i] = [n + '_imm', n.includes('sh') ? 'AX' : 'AWWW']; });
CMP.forEach((n, i) => {
  NAMES[K.I64EqI + i] = ['i64.' + n + '_imm', 'AWWW'];
  NAMES[K.JEq64 + i] = ['jump_if_i64_' + n, 'AX'];
  NAMES[K.JEq64I + i] = ['jump_if_i64_' + n + '_imm', 'AWWW'];
});
NAMES[K.AddShl] = ['i32.add_shl', 'AXW'];
['i32', 'i64', 'i32.8_u', 'i32.8_s', 'i32.16_u', 'i32.16_s'].forEach((n, i) => { NAMES[K.LoadIdx + i] = ['load_idx.' + n, 'AXX']; });
['32', '64', '8', '16'].forEach((n, i) => { NAMES[K.StoreIdx + i] = ['store_idx' + n, 'AXX']; });
['32', '16', '8'].forEach((n, i) => { NAMES[K.StoreImm + i] = ['store_imm' + n, 'AS']; });
NAMES[K.JAndNZ] = ['jump_if_and', 'AS']; NAMES[K.JAndZ] = ['jump_unless_and', 'AS'];
NAMES[K.BrZ64] = ['br_if_i64_zero', 'AW']; NAMES[K.BrNZ64] = ['br_if_i64_nonzero', 'AW'];
for (let i = 0; i < 8; i++) NAMES[K.TruncSatBase + i] = [opInfo(0xfc00 | i)!.name, 'AW'];
for (let c = 0x28; c <= 0xc4; c++) {
  const info = opInfo(c);
  if (info && !NAMES[c]) NAMES[c] = [info.name, c <= 0x3e ? 'AX' : (info.params?.length ?? 0) === 2 ? 'AX' : 'AW'];
}

/** The listing of one compiled function. */
export function disassemble(c: Compiled): string {
  const code = c.code, out: string[] = [];
  for (let pc = 0; pc < code.length;) {
    const w = code[pc], op = w & OP_MASK;
    const entry = NAMES[op];
    if (!entry) { out.push(`${pc}: ??? ${w}`); pc++; continue; }
    let [name, form] = entry;
    const args: string[] = [];
    let next = pc + 1;
    if (form[0] === 'c') {
      let n = Number(form.slice(1));
      if (op === K.Atomic || op === K.AtomicStore) { // shown as the wasm operator named by the sub-opcode
        const sub = code[pc + (op === K.Atomic ? 2 : 1)], info = opInfo(0xfe00 | sub)!;
        name = info.name;
        n = (op === K.Atomic ? 3 : 2) + info.params!.length;
      }
      for (let k = 0; k < n; k++) args.push(String(code[next++]));
    } else {
      for (const f of form) {
        if (f === 'A') args.push(String(w >>> OP_BITS));
        else if (f === 'W') args.push(String(code[next++]));
        else { const x = code[next++]; args.push(`${x & 0xffff}|${f === 'S' ? x >> 16 : x >>> 16}`); }
      }
      if (op === K.BrTable) { const n = code[next++]; args.push(String(n)); for (let k = 0; k <= n; k++) args.push(String(code[next++])); }
    }
    out.push(`${pc}: ${name} ${args.join(' ')}`);
    pc = next;
  }
  return out.join('\n');
}

// Wasm stack traces for traps: one line per frame, innermost first, "name@0xoffset" where name comes
// from the module's name section (else func[i]) and offset is the module byte offset of the instruction.
import type { FuncInst } from '../runtime/func.js';
import { offsetAt, type Compiled } from '../compile/compiled.js';

export function frameName(f: FuncInst, pc: number): string {
  const inst = f.instance;
  if (inst === null) return f.name;
  const m = inst.module;
  const idx = m.importedFuncs + f.defIndex;
  const name = m.names?.funcs?.get(idx) ?? `func[${idx}]`;
  const c = f.compiled as Compiled | null;
  const off = c ? offsetAt(c, pc) : -1;
  return off >= 0 ? `${name}@0x${off.toString(16)}` : name;
}

/** Most lines a trace keeps (a trap in a deep recursion would otherwise list every frame). */
export const MAX_TRACE = 100;

/**
 * Appends the frames of one activation to `out` (the current function at pc, then the callers saved
 * at [base, depth)), stopping at MAX_TRACE lines with a summary of the frames left out.
 */
export function appendTrace(out: string[], func: FuncInst | null, pc: number, frFunc: readonly (FuncInst | null)[], frPc: Int32Array, depth: number, base: number): void {
  if (out.length >= MAX_TRACE) return;
  if (func) out.push(frameName(func, pc));
  for (let d = depth - 1; d >= base; d--) {
    if (out.length === MAX_TRACE - 1 && d > base) { out.push(`... ${d - base + 1} more frames`); return; }
    const f = frFunc[d];
    if (f) out.push(frameName(f, frPc[d] - 1));
  }
}

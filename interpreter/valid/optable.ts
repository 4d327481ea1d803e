// Fixed operand signatures from opcodes.ts, packed into typed arrays indexed by a dense slot
// (plain opcode byte, 0x100 + sub-opcode for the 0xFC prefix, 0x200 + sub-opcode for the 0xFE prefix)
// for the body validator's default path.
import { OPS } from '../opcodes.js';
import { valTypeByName } from '../types.js';

export const SLOTS = 0x300;
/** Dense slot of an internal opcode number. */
export function slotOf(code: number): number {
  return code < 0x100 ? code : code < 0xfe00 ? 0x100 | (code & 0xff) : 0x200 | (code & 0xff);
}
/** First slot of the 0xFE (atomic) operators: their alignment must equal the natural one. */
export const ATOMIC_SLOTS = 0x200;

/** Number of popped operands, or 255 when the operator is unknown or has no fixed signature. */
export const nParams = new Uint8Array(SLOTS).fill(255);
/** Popped operand types, 3 per slot, in push order. */
export const params = new Uint8Array(SLOTS * 3);
/** Pushed result type, or 0 for none. */
export const result = new Uint8Array(SLOTS);
/** Immediate kind (opcodes.ts `Imm`). */
export const immKind = new Uint8Array(SLOTS);
/** Natural alignment (log2 bytes) of memory access operators. */
export const natAlign = new Int8Array(SLOTS).fill(-1);
/** 1 when the slot is a known operator. */
export const known = new Uint8Array(SLOTS);

for (const op of OPS) {
  const s = slotOf(op.code);
  known[s] = 1;
  immKind[s] = op.imm as number;
  natAlign[s] = op.align;
  if (op.params === null || op.results === null) continue;
  if (op.params.length > 3 || op.results.length > 1) throw new Error(`optable: unexpected signature for ${op.name}`);
  nParams[s] = op.params.length;
  op.params.forEach((n, i) => { params[s * 3 + i] = valTypeByName(n)!; });
  result[s] = op.results.length ? valTypeByName(op.results[0])! : 0;
}

// The compiled form of one function body (stored in FuncInst.compiled): internal code plus what the
// executor needs to set up a frame and to map code positions back to byte offsets for stack traces.
import type { ValType } from '../types.js';

export interface Compiled {
  /** Internal code (see internal-ops.ts). */
  readonly code: Int32Array;
  /** Words (int32 units, 2 per slot) the frame uses: params + locals + operand stack. */
  readonly frameSize: number;
  /** Word range [localStart, localEnd) of the declared locals, zeroed on entry. */
  readonly localStart: number;
  readonly localEnd: number;
  /** Slot numbers (frame-relative, not words) of reference-typed declared locals, set to null on entry. */
  readonly refLocals: Int32Array;
  /** refLocals.length (a typed array's length is a getter call in V8's interpreter). */
  readonly nRefLocals: number;
  /** Pairs (code position, module byte offset), sorted by position: instruction starts. */
  readonly pcMap: Int32Array;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

/** Byte offset in the module of the wasm instruction that produced code position `pc`, or -1. */
export function offsetAt(c: Compiled, pc: number): number {
  const m = c.pcMap;
  let lo = 0, hi = (m.length >> 1) - 1, best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (m[2 * mid] <= pc) { best = m[2 * mid + 1]; lo = mid + 1; } else hi = mid - 1;
  }
  return best;
}

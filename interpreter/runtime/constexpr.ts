// Evaluation of constant expressions (global initialisers, segment offsets, element expressions) against
// the instance being built. The module is validated, so the bytes are well-formed and well-typed.
// Supports the 2.0 constant instructions plus extended-const's i32/i64 add, sub and mul.
import { Reader } from '../binary/reader.js';
import { Op } from '../opcodes.js';
import type { ConstExpr } from '../types.js';
import type { Instance } from './instance.js';
import type { Global } from './global.js';
import { pairToI64, pairToU64, readGlobal, writeGlobal } from './values.js';

const pair = new Int32Array(2);

/** Evaluate `expr` and return its value, raw (see values.ts). */
export function evalConstExpr(expr: ConstExpr, inst: Instance): unknown {
  const r = new Reader(expr.bytes, 0, expr.bytes.length, expr.offset);
  const stack: unknown[] = [];
  for (;;) {
    const op = r.u8();
    switch (op) {
      case Op.End: return stack[stack.length - 1];
      case Op.I32Const: stack.push(r.s32()); break;
      case Op.I64Const: r.s64(pair); stack.push(pairToI64(pair[0], pair[1])); break;
      case Op.F32Const: stack.push(r.f32bits()); break;
      case Op.F64Const: r.f64bits(pair); stack.push(pairToU64(pair[0], pair[1])); break;
      case Op.RefNull: r.u8(); stack.push(null); break;
      case Op.RefFunc: stack.push(inst.funcs[r.u32()]); break;
      case Op.GlobalGet: stack.push(readGlobal(inst.globals[r.u32()])); break;
      case 0x6a: case 0x6b: case 0x6c: { // i32.add, i32.sub, i32.mul
        const b = stack.pop() as number, a = stack.pop() as number;
        stack.push(op === 0x6a ? (a + b) | 0 : op === 0x6b ? (a - b) | 0 : Math.imul(a, b));
        break;
      }
      case 0x7c: case 0x7d: case 0x7e: { // i64.add, i64.sub, i64.mul
        const b = stack.pop() as bigint, a = stack.pop() as bigint;
        stack.push(BigInt.asIntN(64, op === 0x7c ? a + b : op === 0x7d ? a - b : a * b));
        break;
      }
      default:
        throw new Error(`constant expression: unsupported opcode 0x${op.toString(16)} at byte 0x${(r.offset - 1).toString(16)}`);
    }
  }
}

/** Evaluate `expr` into a global's cell (or ref). */
export function initGlobal(g: Global, expr: ConstExpr, inst: Instance): void {
  writeGlobal(g, evalConstExpr(expr, inst));
}

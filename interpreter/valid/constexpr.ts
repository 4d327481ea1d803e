// Validation of constant expressions (global initialisers, segment offsets, element expressions):
// only t.const, ref.null, ref.func and global.get of an imported immutable global (WebAssembly 2.0).
import { CompileError } from '../errors.js';
import { Reader } from '../binary/reader.js';
import { Op } from '../opcodes.js';
import { ValType, type ConstExpr } from '../types.js';
import type { Ctx } from './context.js';

/**
 * Checks that `e` is constant and yields exactly one value of type `expected`.
 * Functions named by ref.func are added to C.refs. `where` names the enclosing definition.
 */
export function checkConstExpr(c: Ctx, e: ConstExpr, expected: number, where: string): void {
  const r = new Reader(e.bytes, 0, e.bytes.length, e.offset);
  let depth = 0, last = 0;
  for (;;) {
    const at = r.offset;
    const fail = (msg: string): never => { throw new CompileError(msg, at, 'invalid', where); };
    if (r.eof) throw new CompileError('unexpected end', at, 'malformed', where);
    const op = r.u8();
    let t: number;
    switch (op) {
      case Op.End:
        if (!r.eof) throw new CompileError('unexpected content after end of constant expression', r.offset, 'malformed', where);
        if (depth !== 1 || last !== expected) fail('type mismatch');
        return;
      case Op.I32Const: r.s32(); t = ValType.I32; break;
      case Op.I64Const: r.s64(scratch); t = ValType.I64; break;
      case Op.F32Const: r.f32bits(); t = ValType.F32; break;
      case Op.F64Const: r.f64bits(scratch); t = ValType.F64; break;
      case Op.RefNull:
        t = r.u8();
        if (t !== ValType.FuncRef && t !== ValType.ExternRef) throw new CompileError('malformed reference type', at + 1, 'malformed', where);
        break;
      case Op.RefFunc: {
        const x = r.u32();
        if (x >= c.funcType.length) fail(`unknown function ${x}`);
        c.refs[x] = 1;
        t = ValType.FuncRef;
        break;
      }
      case Op.GlobalGet: {
        const x = r.u32();
        // In 2.0, constant expressions only see imported globals.
        if (x >= c.m.importedGlobals) fail(`unknown global ${x}`);
        if (c.globalMut[x]) fail('constant expression required');
        t = c.globalType[x];
        break;
      }
      default:
        fail('constant expression required');
    }
    depth++;
    last = t!;
  }
}

const scratch = new Int32Array(2);

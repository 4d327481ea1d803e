// The dispatch loop: runs internal code (compile/internal-ops.ts) on a Context's stacks until the
// activation returns (Done), fuel runs out (Yielded) or a host function or an atomic wait blocks
// (Blocked). Traps throw a RuntimeError after saving the state for the stack trace. No wasm call is
// a JS call: calls push onto the explicit frame stack and switch the cached instance state when the
// instance changes.
//
// Slots are addressed in words (int32 units): slot k of the frame is s[fp + 2k] (lo) / s[fp + 2k + 1]
// (hi), f32 at f32[fp + 2k], f64 at f64[(fp + 2k) >> 1], references at refs[(fp + 2k) >> 1].
// Index arithmetic is written `(x + y) | 0` so that V8 emits plain int32 adds without overflow
// checks (measured: 10-15% faster); the values never leave the int32 range.
import { RuntimeError } from '../errors.js';
import type { FuncType } from '../types.js';
import type { FuncInst } from '../runtime/func.js';
import type { Memory } from '../runtime/memory.js';
import { K } from '../compile/internal-ops.js';
import type { Compiled } from '../compile/compiled.js';
import { compileFunc } from '../compile/compiler.js';
import { Status, type Context } from './context.js';
import { callHost } from './host.js';
import { memOob, memoryCopy, memoryFill, memoryInit, tableCopy, tableFill, tableInit, tableOob } from './bulk.js';
import * as N from './numeric.js';
import { i64MulImm, i64ShlImm, i64ShrSImm, i64ShrUImm } from './i64imm.js';
import { ATOMIC_BLOCKED, atomicOp } from './atomics.js';

const EMPTY_DV = new DataView(new ArrayBuffer(0));
/** Largest fuel count kept in the loop's counter at once. */
const FUEL_CHUNK = 0x3fffffff;
const EMPTY_U8 = new Uint8Array(0);

function sameType(a: FuncType, b: FuncType): boolean {
  const ap = a.params, bp = b.params, ar = a.results, br = b.results;
  if (ap.length !== bp.length || ar.length !== br.length) return false;
  for (let i = 0; i < ap.length; i++) if (ap[i] !== bp[i]) return false;
  for (let i = 0; i < ar.length; i++) if (ar[i] !== br[i]) return false;
  return true;
}

function trap(msg: string): RuntimeError { return new RuntimeError(msg); }

/** Runs the context's current activation with the given fuel; see the file comment. */
export function execute(ctx: Context, fuelIn: number): Status {
  // Fuel counts down in a small integer (so V8 keeps it unboxed); `rest` holds what does not fit.
  let fuel = fuelIn > FUEL_CHUNK ? FUEL_CHUNK : fuelIn | 0;
  let rest = fuelIn > FUEL_CHUNK ? fuelIn - FUEL_CHUNK : 0;
  let s = ctx.s, f32 = ctx.f32, f64 = ctx.f64, refs = ctx.refs;
  let frPc = ctx.frPc, frFp = ctx.frFp, frFunc = ctx.frFunc;
  const baseDepth = ctx.baseDepth, maxDepth = ctx.maxDepth;
  let func = ctx.func!, pc = ctx.pc | 0, fp = ctx.fp | 0, depth = ctx.depth | 0;
  let code = (func.compiled as Compiled).code;
  let inst = func.instance!;
  let funcs = inst.funcs, globals = inst.globals, tables = inst.tables;
  let mem: Memory | null = inst.mems.length > 0 ? inst.mems[0] : null;
  let dv = mem !== null ? mem.dv : EMPTY_DV;
  let dirty = mem !== null ? mem.dirty : EMPTY_U8;
  let memLen = mem !== null ? mem.fastLimit : 0;
  let memGen = mem !== null ? mem.generation : 0;
  try {
   refuel: for (;;) {
    outer: for (;;) {
      switch (code[pc]) {
        // ---------------------------------------------------------------- control
        case K.Unreachable: throw trap('unreachable');
        case K.Br: {
          const t = code[pc + 1];
          if (t <= pc && --fuel <= 0) { pc = t; break outer; }
          pc = t;
          continue;
        }
        case K.BrIf: {
          if (s[(fp + code[(pc + 1) | 0]) | 0] !== 0) {
            const t = code[pc + 2];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 3) | 0;
          continue;
        }
        case K.BrUnless: {
          if (s[(fp + code[(pc + 1) | 0]) | 0] === 0) {
            const t = code[pc + 2];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 3) | 0;
          continue;
        }
        case K.BrTable: {
          const i = s[(fp + code[(pc + 1) | 0]) | 0] >>> 0, n = code[pc + 2];
          const t = code[pc + 3 + (i < n ? i : n)];
          if (t <= pc && --fuel <= 0) { pc = t; break outer; }
          pc = t;
          continue;
        }
        case K.Ret32: case K.Ret64: case K.RetR: case K.Return: {
          const op = code[pc];
          if (op !== K.Return) {
            const a = (fp + code[(pc + 1) | 0]) | 0;
            if (op === K.Ret32) s[fp] = s[a];
            else if (op === K.Ret64) { s[fp] = s[a]; s[fp + 1] = s[a + 1]; }
            else refs[fp >> 1] = refs[a >> 1];
          }
          if (depth === baseDepth) {
            ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
            return Status.Done;
          }
          depth--;
          const caller = frFunc[depth]!;
          pc = frPc[depth];
          fp = frFp[depth];
          code = (caller.compiled as Compiled).code;
          if (caller.instance !== inst) {
            inst = caller.instance!;
            funcs = inst.funcs; globals = inst.globals; tables = inst.tables;
            mem = inst.mems.length > 0 ? inst.mems[0] : null;
            dv = mem !== null ? mem.dv : EMPTY_DV;
            dirty = mem !== null ? mem.dirty : EMPTY_U8;
            memLen = mem !== null ? mem.fastLimit : 0;
            memGen = mem !== null ? mem.generation : 0;
          }
          func = caller;
          continue;
        }
        case K.Call: case K.CallIndirect: {
          let callee: FuncInst, argBase: number, next: number;
          if (code[pc] === K.Call) {
            callee = funcs[code[pc + 1]];
            argBase = code[pc + 2];
            next = pc + 3;
          } else {
            const el = tables[code[pc + 2]].elements;
            const i = s[(fp + code[(pc + 4) | 0]) | 0] >>> 0;
            if (i >= el.length) throw trap('undefined element');
            const f = el[i] as FuncInst | null;
            if (f === null) throw trap(`uninitialized element ${i}`);
            const want = inst.types[code[pc + 1]];
            if (f.type !== want && !sameType(f.type, want)) throw trap('indirect call type mismatch');
            callee = f;
            argBase = code[pc + 3];
            next = pc + 5;
          }
          if (callee.host !== null) {
            ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
            ctx.top = fp + (func.compiled as Compiled).frameSize;
            if (!callHost(ctx, callee, fp + argBase, inst)) return Status.Blocked;
            s = ctx.s; f32 = ctx.f32; f64 = ctx.f64; refs = ctx.refs;
            frPc = ctx.frPc; frFp = ctx.frFp; frFunc = ctx.frFunc;
            if (mem !== null && mem.generation !== memGen) {
              dv = mem.dv; dirty = mem.dirty; memLen = mem.fastLimit; memGen = mem.generation;
            }
            pc = next;
            continue;
          }
          const cc = (callee.compiled ?? compileFunc(callee)) as Compiled;
          if (depth >= maxDepth) throw trap('call stack exhausted');
          const nfp = fp + argBase;
          if (nfp + cc.frameSize > s.length) {
            ctx.growStack(nfp + cc.frameSize);
            s = ctx.s; f32 = ctx.f32; f64 = ctx.f64; refs = ctx.refs;
          }
          if (depth >= frPc.length) {
            ctx.growFrames();
            frPc = ctx.frPc; frFp = ctx.frFp; frFunc = ctx.frFunc;
          }
          frPc[depth] = next; frFp[depth] = fp; frFunc[depth] = func;
          depth++;
          for (let w = nfp + cc.localStart, e = nfp + cc.localEnd; w < e; w++) s[w] = 0;
          const rl = cc.refLocals;
          for (let k = 0; k < rl.length; k++) refs[(nfp >> 1) + rl[k]] = null;
          fp = nfp;
          pc = 0;
          code = cc.code;
          if (callee.instance !== inst) {
            inst = callee.instance!;
            funcs = inst.funcs; globals = inst.globals; tables = inst.tables;
            mem = inst.mems.length > 0 ? inst.mems[0] : null;
            dv = mem !== null ? mem.dv : EMPTY_DV;
            dirty = mem !== null ? mem.dirty : EMPTY_U8;
            memLen = mem !== null ? mem.fastLimit : 0;
            memGen = mem !== null ? mem.generation : 0;
          }
          func = callee;
          if (--fuel <= 0) break outer;
          continue;
        }
        // ---------------------------------------------------------------- atomics (threads proposal)
        case K.Atomic: case K.AtomicStore: {
          const next = atomicOp(ctx, mem!, code, pc, fp, code[pc] === K.AtomicStore);
          if (next === ATOMIC_BLOCKED) {
            ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
            ctx.top = fp + (func.compiled as Compiled).frameSize;
            return Status.Blocked;
          }
          pc = next;
          continue;
        }
        // ---------------------------------------------------------------- moves, constants, select
        case K.Mov32: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case K.Mov64: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0;
          s[d] = s[a]; s[d + 1] = s[a + 1];
          pc = (pc + 3) | 0; continue;
        }
        case K.MovR: refs[((fp + code[(pc + 1) | 0]) | 0) >> 1] = refs[((fp + code[(pc + 2) | 0]) | 0) >> 1]; pc = (pc + 3) | 0; continue;
        case K.Select32:
          s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 4) | 0]) | 0] !== 0 ? s[(fp + code[(pc + 2) | 0]) | 0] : s[(fp + code[(pc + 3) | 0]) | 0];
          pc = (pc + 5) | 0; continue;
        case K.Select64: {
          const d = (fp + code[(pc + 1) | 0]) | 0;
          const a = s[(fp + code[(pc + 4) | 0]) | 0] !== 0 ? (fp + code[(pc + 2) | 0]) | 0 : (fp + code[(pc + 3) | 0]) | 0;
          s[d] = s[a]; s[d + 1] = s[a + 1];
          pc = (pc + 5) | 0; continue;
        }
        case K.SelectR:
          refs[((fp + code[(pc + 1) | 0]) | 0) >> 1] = s[(fp + code[(pc + 4) | 0]) | 0] !== 0 ? refs[((fp + code[(pc + 2) | 0]) | 0) >> 1] : refs[((fp + code[(pc + 3) | 0]) | 0) >> 1];
          pc = (pc + 5) | 0; continue;
        case K.Const32: s[(fp + code[(pc + 1) | 0]) | 0] = code[pc + 2]; pc = (pc + 3) | 0; continue;
        case K.Const64: {
          const d = (fp + code[(pc + 1) | 0]) | 0;
          s[d] = code[pc + 2]; s[d + 1] = code[pc + 3];
          pc = (pc + 4) | 0; continue;
        }
        // ---------------------------------------------------------------- globals, tables, refs
        case K.GlobalGet32: s[(fp + code[(pc + 1) | 0]) | 0] = globals[code[pc + 2]].cell[0]; pc = (pc + 3) | 0; continue;
        case K.GlobalGet64: {
          const d = (fp + code[(pc + 1) | 0]) | 0, c = globals[code[pc + 2]].cell;
          s[d] = c[0]; s[d + 1] = c[1];
          pc = (pc + 3) | 0; continue;
        }
        case K.GlobalGetR: refs[((fp + code[(pc + 1) | 0]) | 0) >> 1] = globals[code[pc + 2]].ref; pc = (pc + 3) | 0; continue;
        case K.GlobalSet32: globals[code[pc + 1]].cell[0] = s[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case K.GlobalSet64: {
          const a = (fp + code[(pc + 2) | 0]) | 0, c = globals[code[pc + 1]].cell;
          c[0] = s[a]; c[1] = s[a + 1];
          pc = (pc + 3) | 0; continue;
        }
        case K.GlobalSetR: globals[code[pc + 1]].ref = refs[((fp + code[(pc + 2) | 0]) | 0) >> 1]; pc = (pc + 3) | 0; continue;
        case K.TableGet: {
          const el = tables[code[pc + 2]].elements, i = s[(fp + code[(pc + 3) | 0]) | 0] >>> 0;
          if (i >= el.length) throw tableOob();
          refs[((fp + code[(pc + 1) | 0]) | 0) >> 1] = el[i];
          pc = (pc + 4) | 0; continue;
        }
        case K.TableSet: {
          const el = tables[code[pc + 1]].elements, i = s[(fp + code[(pc + 2) | 0]) | 0] >>> 0;
          if (i >= el.length) throw tableOob();
          el[i] = refs[((fp + code[(pc + 3) | 0]) | 0) >> 1];
          pc = (pc + 4) | 0; continue;
        }
        case K.RefNull: refs[((fp + code[(pc + 1) | 0]) | 0) >> 1] = null; pc = (pc + 2) | 0; continue;
        case K.RefIsNull: s[(fp + code[(pc + 1) | 0]) | 0] = refs[((fp + code[(pc + 2) | 0]) | 0) >> 1] === null ? 1 : 0; pc = (pc + 3) | 0; continue;
        case K.RefFunc: refs[((fp + code[(pc + 1) | 0]) | 0) >> 1] = funcs[code[pc + 2]]; pc = (pc + 3) | 0; continue;

        // ---------------------------------------------------------------- loads [op, d, addr, offset]
        case 0x28: case 0x2a: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) mem!.checkAccess(ea, 4);
          s[(fp + code[(pc + 1) | 0]) | 0] = dv.getInt32(ea, true);
          pc = (pc + 4) | 0; continue;
        }
        case 0x29: case 0x2b: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 8 > memLen) mem!.checkAccess(ea, 8);
          const d = (fp + code[(pc + 1) | 0]) | 0;
          s[d] = dv.getInt32(ea, true); s[d + 1] = dv.getInt32(ea + 4, true);
          pc = (pc + 4) | 0; continue;
        }
        case 0x2c: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) mem!.checkAccess(ea, 1);
          s[(fp + code[(pc + 1) | 0]) | 0] = dv.getInt8(ea);
          pc = (pc + 4) | 0; continue;
        }
        case 0x2d: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) mem!.checkAccess(ea, 1);
          s[(fp + code[(pc + 1) | 0]) | 0] = dv.getUint8(ea);
          pc = (pc + 4) | 0; continue;
        }
        case 0x2e: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) mem!.checkAccess(ea, 2);
          s[(fp + code[(pc + 1) | 0]) | 0] = dv.getInt16(ea, true);
          pc = (pc + 4) | 0; continue;
        }
        case 0x2f: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) mem!.checkAccess(ea, 2);
          s[(fp + code[(pc + 1) | 0]) | 0] = dv.getUint16(ea, true);
          pc = (pc + 4) | 0; continue;
        }
        case 0x30: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) mem!.checkAccess(ea, 1);
          const d = (fp + code[(pc + 1) | 0]) | 0, v = dv.getInt8(ea);
          s[d] = v; s[d + 1] = v >> 31;
          pc = (pc + 4) | 0; continue;
        }
        case 0x31: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) mem!.checkAccess(ea, 1);
          const d = (fp + code[(pc + 1) | 0]) | 0;
          s[d] = dv.getUint8(ea); s[d + 1] = 0;
          pc = (pc + 4) | 0; continue;
        }
        case 0x32: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) mem!.checkAccess(ea, 2);
          const d = (fp + code[(pc + 1) | 0]) | 0, v = dv.getInt16(ea, true);
          s[d] = v; s[d + 1] = v >> 31;
          pc = (pc + 4) | 0; continue;
        }
        case 0x33: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) mem!.checkAccess(ea, 2);
          const d = (fp + code[(pc + 1) | 0]) | 0;
          s[d] = dv.getUint16(ea, true); s[d + 1] = 0;
          pc = (pc + 4) | 0; continue;
        }
        case 0x34: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) mem!.checkAccess(ea, 4);
          const d = (fp + code[(pc + 1) | 0]) | 0, v = dv.getInt32(ea, true);
          s[d] = v; s[d + 1] = v >> 31;
          pc = (pc + 4) | 0; continue;
        }
        case 0x35: {
          const ea = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) mem!.checkAccess(ea, 4);
          const d = (fp + code[(pc + 1) | 0]) | 0;
          s[d] = dv.getInt32(ea, true); s[d + 1] = 0;
          pc = (pc + 4) | 0; continue;
        }
        // ---------------------------------------------------------------- stores [op, addr, value, offset]
        case 0x36: case 0x38: case 0x3e: {
          const ea = (s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 4 > memLen) mem!.checkAccess(ea, 4);
          dv.setInt32(ea, s[(fp + code[(pc + 2) | 0]) | 0], true);
          dirty[ea >>> 12] = 1; dirty[(ea + 3) >>> 12] = 1;
          pc = (pc + 4) | 0; continue;
        }
        case 0x37: case 0x39: {
          const ea = (s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 8 > memLen) mem!.checkAccess(ea, 8);
          const a = (fp + code[(pc + 2) | 0]) | 0;
          dv.setInt32(ea, s[a], true); dv.setInt32(ea + 4, s[a + 1], true);
          dirty[ea >>> 12] = 1; dirty[(ea + 7) >>> 12] = 1;
          pc = (pc + 4) | 0; continue;
        }
        case 0x3a: case 0x3c: {
          const ea = (s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 1 > memLen) mem!.checkAccess(ea, 1);
          dv.setInt8(ea, s[(fp + code[(pc + 2) | 0]) | 0]);
          dirty[ea >>> 12] = 1;
          pc = (pc + 4) | 0; continue;
        }
        case 0x3b: case 0x3d: {
          const ea = (s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) + (code[pc + 3] >>> 0);
          if (ea + 2 > memLen) mem!.checkAccess(ea, 2);
          dv.setInt16(ea, s[(fp + code[(pc + 2) | 0]) | 0], true);
          dirty[ea >>> 12] = 1; dirty[(ea + 1) >>> 12] = 1;
          pc = (pc + 4) | 0; continue;
        }
        case K.MemorySize: s[(fp + code[(pc + 1) | 0]) | 0] = mem !== null ? mem.pages : 0; pc = (pc + 2) | 0; continue;
        case K.MemoryGrow: {
          const r = mem!.grow(s[(fp + code[(pc + 2) | 0]) | 0] >>> 0);
          s[(fp + code[(pc + 1) | 0]) | 0] = r;
          dv = mem!.dv; dirty = mem!.dirty; memLen = mem!.fastLimit; memGen = mem!.generation;
          pc = (pc + 3) | 0; continue;
        }

        // ---------------------------------------------------------------- i32 comparisons
        case 0x45: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] === 0 ? 1 : 0; pc = (pc + 3) | 0; continue;
        case 0x46: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] === s[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x47: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] !== s[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x48: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] < s[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x49: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) < (s[(fp + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x4a: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] > s[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x4b: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) > (s[(fp + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x4c: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] <= s[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x4d: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) <= (s[(fp + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x4e: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >= s[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x4f: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) >= (s[(fp + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        // ---------------------------------------------------------------- i64 comparisons
        case 0x50: { const a = (fp + code[(pc + 2) | 0]) | 0; s[(fp + code[(pc + 1) | 0]) | 0] = (s[a] | s[a + 1]) === 0 ? 1 : 0; pc = (pc + 3) | 0; continue; }
        case 0x51: { const a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0; s[(fp + code[(pc + 1) | 0]) | 0] = s[a] === s[b] && s[a + 1] === s[b + 1] ? 1 : 0; pc = (pc + 4) | 0; continue; }
        case 0x52: { const a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0; s[(fp + code[(pc + 1) | 0]) | 0] = s[a] !== s[b] || s[a + 1] !== s[b + 1] ? 1 : 0; pc = (pc + 4) | 0; continue; }
        case 0x53: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64LtS(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x54: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64LtU(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x55: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64GtS(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x56: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64GtU(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x57: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64LeS(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x58: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64LeU(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x59: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64GeS(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x5a: s[(fp + code[(pc + 1) | 0]) | 0] = N.i64GeU(s, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        // ---------------------------------------------------------------- f32 / f64 comparisons
        case 0x5b: s[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] === f32[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x5c: s[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] !== f32[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x5d: s[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] < f32[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x5e: s[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] > f32[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x5f: s[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] <= f32[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x60: s[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] >= f32[(fp + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x61: s[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] === f64[((fp + code[(pc + 3) | 0]) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x62: s[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] !== f64[((fp + code[(pc + 3) | 0]) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x63: s[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] < f64[((fp + code[(pc + 3) | 0]) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x64: s[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] > f64[((fp + code[(pc + 3) | 0]) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x65: s[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] <= f64[((fp + code[(pc + 3) | 0]) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case 0x66: s[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] >= f64[((fp + code[(pc + 3) | 0]) | 0) >> 1] ? 1 : 0; pc = (pc + 4) | 0; continue;
        // ---------------------------------------------------------------- i32 arithmetic
        case 0x67: s[(fp + code[(pc + 1) | 0]) | 0] = Math.clz32(s[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x68: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32Ctz(s[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x69: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32Popcnt(s[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x6a: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] + s[(fp + code[(pc + 3) | 0]) | 0]) | 0; pc = (pc + 4) | 0; continue;
        case 0x6b: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] - s[(fp + code[(pc + 3) | 0]) | 0]) | 0; pc = (pc + 4) | 0; continue;
        case 0x6c: s[(fp + code[(pc + 1) | 0]) | 0] = Math.imul(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x6d: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32DivS(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x6e: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32DivU(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x6f: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32RemS(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x70: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32RemU(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x71: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] & s[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x72: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] | s[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x73: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] ^ s[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x74: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] << s[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x75: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >> s[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x76: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >>> s[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x77: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32Rotl(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x78: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32Rotr(s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        // ---------------------------------------------------------------- i64 arithmetic
        case 0x79: N.i64Clz(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0x7a: N.i64Ctz(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0x7b: N.i64Popcnt(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0x7c: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0;
          const al = s[a], lo = (al + s[b]) | 0;
          s[d + 1] = (s[a + 1] + s[b + 1] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
          s[d] = lo;
          pc = (pc + 4) | 0; continue;
        }
        case 0x7d: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0;
          const al = s[a], bl = s[b];
          s[d + 1] = (s[a + 1] - s[b + 1] - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
          s[d] = (al - bl) | 0;
          pc = (pc + 4) | 0; continue;
        }
        case 0x7e: N.i64Mul(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x7f: N.i64DivS(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x80: N.i64DivU(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x81: N.i64RemS(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x82: N.i64RemU(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x83: { const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0; s[d] = s[a] & s[b]; s[d + 1] = s[a + 1] & s[b + 1]; pc = (pc + 4) | 0; continue; }
        case 0x84: { const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0; s[d] = s[a] | s[b]; s[d + 1] = s[a + 1] | s[b + 1]; pc = (pc + 4) | 0; continue; }
        case 0x85: { const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0, b = (fp + code[(pc + 3) | 0]) | 0; s[d] = s[a] ^ s[b]; s[d + 1] = s[a + 1] ^ s[b + 1]; pc = (pc + 4) | 0; continue; }
        case 0x86: N.i64Shl(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x87: N.i64ShrS(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x88: N.i64ShrU(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x89: N.i64Rotl(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        case 0x8a: N.i64Rotr(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, (fp + code[(pc + 3) | 0]) | 0); pc = (pc + 4) | 0; continue;
        // ---------------------------------------------------------------- f32 arithmetic
        case 0x8b: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] & 0x7fffffff; pc = (pc + 3) | 0; continue;
        case 0x8c: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] ^ 0x80000000; pc = (pc + 3) | 0; continue;
        case 0x8d: f32[(fp + code[(pc + 1) | 0]) | 0] = Math.ceil(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x8e: f32[(fp + code[(pc + 1) | 0]) | 0] = Math.floor(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x8f: f32[(fp + code[(pc + 1) | 0]) | 0] = Math.trunc(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x90: f32[(fp + code[(pc + 1) | 0]) | 0] = N.fNearest(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x91: f32[(fp + code[(pc + 1) | 0]) | 0] = Math.sqrt(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0x92: f32[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] + f32[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x93: f32[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] - f32[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x94: f32[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] * f32[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x95: f32[(fp + code[(pc + 1) | 0]) | 0] = f32[(fp + code[(pc + 2) | 0]) | 0] / f32[(fp + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case 0x96: f32[(fp + code[(pc + 1) | 0]) | 0] = N.fMin(f32[(fp + code[(pc + 2) | 0]) | 0], f32[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x97: f32[(fp + code[(pc + 1) | 0]) | 0] = N.fMax(f32[(fp + code[(pc + 2) | 0]) | 0], f32[(fp + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case 0x98: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] & 0x7fffffff) | (s[(fp + code[(pc + 3) | 0]) | 0] & 0x80000000); pc = (pc + 4) | 0; continue;
        // ---------------------------------------------------------------- f64 arithmetic
        case 0x99: { const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0; s[d] = s[a]; s[d + 1] = s[a + 1] & 0x7fffffff; pc = (pc + 3) | 0; continue; }
        case 0x9a: { const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0; s[d] = s[a]; s[d + 1] = s[a + 1] ^ 0x80000000; pc = (pc + 3) | 0; continue; }
        case 0x9b: { const x = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]; f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = x === x ? Math.ceil(x) : NaN; pc = (pc + 3) | 0; continue; }
        case 0x9c: { const x = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]; f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = x === x ? Math.floor(x) : NaN; pc = (pc + 3) | 0; continue; }
        case 0x9d: { const x = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]; f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = x === x ? Math.trunc(x) : NaN; pc = (pc + 3) | 0; continue; }
        case 0x9e: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = N.fNearest(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case 0x9f: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = Math.sqrt(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case 0xa0: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] + f64[((fp + code[(pc + 3) | 0]) | 0) >> 1]; pc = (pc + 4) | 0; continue;
        case 0xa1: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] - f64[((fp + code[(pc + 3) | 0]) | 0) >> 1]; pc = (pc + 4) | 0; continue;
        case 0xa2: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] * f64[((fp + code[(pc + 3) | 0]) | 0) >> 1]; pc = (pc + 4) | 0; continue;
        case 0xa3: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1] / f64[((fp + code[(pc + 3) | 0]) | 0) >> 1]; pc = (pc + 4) | 0; continue;
        case 0xa4: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = N.fMin(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1], f64[((fp + code[(pc + 3) | 0]) | 0) >> 1]); pc = (pc + 4) | 0; continue;
        case 0xa5: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = N.fMax(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1], f64[((fp + code[(pc + 3) | 0]) | 0) >> 1]); pc = (pc + 4) | 0; continue;
        case 0xa6: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0, sign = s[((fp + code[(pc + 3) | 0]) | 0) + 1] & 0x80000000;
          s[d] = s[a]; s[d + 1] = (s[a + 1] & 0x7fffffff) | sign;
          pc = (pc + 4) | 0; continue;
        }
        // ---------------------------------------------------------------- conversions
        case 0xa7: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case 0xa8: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncF32S(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0xa9: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncF32U(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0xaa: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncF64S(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case 0xab: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncF64U(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case 0xac: { const d = (fp + code[(pc + 1) | 0]) | 0, v = s[(fp + code[(pc + 2) | 0]) | 0]; s[d] = v; s[d + 1] = v >> 31; pc = (pc + 3) | 0; continue; }
        case 0xad: { const d = (fp + code[(pc + 1) | 0]) | 0; s[d] = s[(fp + code[(pc + 2) | 0]) | 0]; s[d + 1] = 0; pc = (pc + 3) | 0; continue; }
        case 0xae: N.i64TruncF32S(s, (fp + code[(pc + 1) | 0]) | 0, f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0xaf: N.i64TruncF32U(s, (fp + code[(pc + 1) | 0]) | 0, f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case 0xb0: N.i64TruncF64S(s, (fp + code[(pc + 1) | 0]) | 0, f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case 0xb1: N.i64TruncF64U(s, (fp + code[(pc + 1) | 0]) | 0, f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case 0xb2: f32[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case 0xb3: f32[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >>> 0; pc = (pc + 3) | 0; continue;
        case 0xb4: f32[(fp + code[(pc + 1) | 0]) | 0] = N.f32ConvertI64S(s, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0xb5: f32[(fp + code[(pc + 1) | 0]) | 0] = N.f32ConvertI64U(s, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0xb6: f32[(fp + code[(pc + 1) | 0]) | 0] = f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]; pc = (pc + 3) | 0; continue;
        case 0xb7: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = s[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case 0xb8: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = s[(fp + code[(pc + 2) | 0]) | 0] >>> 0; pc = (pc + 3) | 0; continue;
        case 0xb9: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = N.f64ConvertI64S(s, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0xba: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = N.f64ConvertI64U(s, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0xbb: f64[((fp + code[(pc + 1) | 0]) | 0) >> 1] = f32[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case 0xbc: case 0xbe: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case 0xbd: case 0xbf: { const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0; s[d] = s[a]; s[d + 1] = s[a + 1]; pc = (pc + 3) | 0; continue; }
        case 0xc0: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] << 24) >> 24; pc = (pc + 3) | 0; continue;
        case 0xc1: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] << 16) >> 16; pc = (pc + 3) | 0; continue;
        case 0xc2: N.i64Extend8S(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0xc3: N.i64Extend16S(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        case 0xc4: N.i64Extend32S(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0); pc = (pc + 3) | 0; continue;
        // saturating truncations
        case K.TruncSatBase + 0: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncSatF32S(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 1: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncSatF32U(f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 2: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncSatF64S(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 3: s[(fp + code[(pc + 1) | 0]) | 0] = N.i32TruncSatF64U(f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 4: N.i64TruncSatF32S(s, (fp + code[(pc + 1) | 0]) | 0, f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 5: N.i64TruncSatF32U(s, (fp + code[(pc + 1) | 0]) | 0, f32[(fp + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 6: N.i64TruncSatF64S(s, (fp + code[(pc + 1) | 0]) | 0, f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;
        case K.TruncSatBase + 7: N.i64TruncSatF64U(s, (fp + code[(pc + 1) | 0]) | 0, f64[((fp + code[(pc + 2) | 0]) | 0) >> 1]); pc = (pc + 3) | 0; continue;

        // ---------------------------------------------------------------- bulk memory and tables
        case K.MemoryInit:
          memoryInit(inst, code[pc + 1], s[(fp + code[(pc + 2) | 0]) | 0] >>> 0, s[(fp + code[(pc + 3) | 0]) | 0] >>> 0, s[(fp + code[(pc + 4) | 0]) | 0] >>> 0);
          pc = (pc + 5) | 0; continue;
        case K.DataDrop: inst.datas[code[pc + 1]] = null; pc = (pc + 2) | 0; continue;
        case K.MemoryCopy:
          memoryCopy(mem!, s[(fp + code[(pc + 1) | 0]) | 0] >>> 0, s[(fp + code[(pc + 2) | 0]) | 0] >>> 0, s[(fp + code[(pc + 3) | 0]) | 0] >>> 0);
          pc = (pc + 4) | 0; continue;
        case K.MemoryFill:
          memoryFill(mem!, s[(fp + code[(pc + 1) | 0]) | 0] >>> 0, s[(fp + code[(pc + 2) | 0]) | 0], s[(fp + code[(pc + 3) | 0]) | 0] >>> 0);
          pc = (pc + 4) | 0; continue;
        case K.TableInit:
          tableInit(inst, code[pc + 1], code[pc + 2], s[(fp + code[(pc + 3) | 0]) | 0] >>> 0, s[(fp + code[(pc + 4) | 0]) | 0] >>> 0, s[(fp + code[(pc + 5) | 0]) | 0] >>> 0);
          pc = (pc + 6) | 0; continue;
        case K.ElemDrop: inst.elems[code[pc + 1]] = null; pc = (pc + 2) | 0; continue;
        case K.TableCopy:
          tableCopy(inst, code[pc + 1], code[pc + 2], s[(fp + code[(pc + 3) | 0]) | 0] >>> 0, s[(fp + code[(pc + 4) | 0]) | 0] >>> 0, s[(fp + code[(pc + 5) | 0]) | 0] >>> 0);
          pc = (pc + 6) | 0; continue;
        case K.TableGrow:
          s[(fp + code[(pc + 1) | 0]) | 0] = tables[code[pc + 2]].grow(s[(fp + code[(pc + 4) | 0]) | 0] >>> 0, refs[((fp + code[(pc + 3) | 0]) | 0) >> 1]);
          pc = (pc + 5) | 0; continue;
        case K.TableSize: s[(fp + code[(pc + 1) | 0]) | 0] = tables[code[pc + 2]].elements.length; pc = (pc + 3) | 0; continue;
        case K.TableFill:
          tableFill(tables[code[pc + 1]], s[(fp + code[(pc + 2) | 0]) | 0] >>> 0, refs[((fp + code[(pc + 3) | 0]) | 0) >> 1], s[(fp + code[(pc + 4) | 0]) | 0] >>> 0);
          pc = (pc + 5) | 0; continue;

        // ---------------------------------------------------------------- i32 with an inline constant
        case K.I32AddI: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] + code[pc + 3]) | 0; pc = (pc + 4) | 0; continue;
        case K.I32MulI: s[(fp + code[(pc + 1) | 0]) | 0] = Math.imul(s[(fp + code[(pc + 2) | 0]) | 0], code[pc + 3]); pc = (pc + 4) | 0; continue;
        case K.I32AndI: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] & code[pc + 3]; pc = (pc + 4) | 0; continue;
        case K.I32OrI: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] | code[pc + 3]; pc = (pc + 4) | 0; continue;
        case K.I32XorI: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] ^ code[pc + 3]; pc = (pc + 4) | 0; continue;
        case K.I32ShlI: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] << code[pc + 3]; pc = (pc + 4) | 0; continue;
        case K.I32ShrSI: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >> code[pc + 3]; pc = (pc + 4) | 0; continue;
        case K.I32ShrUI: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >>> code[pc + 3]; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 0: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] === code[pc + 3] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 1: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] !== code[pc + 3] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 2: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] < code[pc + 3] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 3: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) < (code[pc + 3] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 4: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] > code[pc + 3] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 5: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) > (code[pc + 3] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 6: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] <= code[pc + 3] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 7: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) <= (code[pc + 3] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 8: s[(fp + code[(pc + 1) | 0]) | 0] = s[(fp + code[(pc + 2) | 0]) | 0] >= code[pc + 3] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case K.I32EqI + 9: s[(fp + code[(pc + 1) | 0]) | 0] = (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0) >= (code[pc + 3] >>> 0) ? 1 : 0; pc = (pc + 4) | 0; continue;

        // ---------------------------------------------------------------- i64 with an inline constant
        case K.I64AddI: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0;
          const al = s[a], bl = code[(pc + 3) | 0], lo = (al + bl) | 0;
          s[d + 1] = (s[a + 1] + code[(pc + 4) | 0] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
          s[d] = lo;
          pc = (pc + 5) | 0; continue;
        }
        case K.I64AndI: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0;
          s[d] = s[a] & code[(pc + 3) | 0]; s[d + 1] = s[a + 1] & code[(pc + 4) | 0];
          pc = (pc + 5) | 0; continue;
        }
        case K.I64OrI: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0;
          s[d] = s[a] | code[(pc + 3) | 0]; s[d + 1] = s[a + 1] | code[(pc + 4) | 0];
          pc = (pc + 5) | 0; continue;
        }
        case K.I64XorI: {
          const d = (fp + code[(pc + 1) | 0]) | 0, a = (fp + code[(pc + 2) | 0]) | 0;
          s[d] = s[a] ^ code[(pc + 3) | 0]; s[d + 1] = s[a + 1] ^ code[(pc + 4) | 0];
          pc = (pc + 5) | 0; continue;
        }
        case K.I64MulI:
          i64MulImm(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, code[(pc + 3) | 0], code[(pc + 4) | 0]);
          pc = (pc + 5) | 0; continue;
        case K.I64ShlI:
          i64ShlImm(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, code[(pc + 3) | 0]);
          pc = (pc + 5) | 0; continue;
        case K.I64ShrSI:
          i64ShrSImm(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, code[(pc + 3) | 0]);
          pc = (pc + 5) | 0; continue;
        case K.I64ShrUI:
          i64ShrUImm(s, (fp + code[(pc + 1) | 0]) | 0, (fp + code[(pc + 2) | 0]) | 0, code[(pc + 3) | 0]);
          pc = (pc + 5) | 0; continue;
        case K.I64EqI: {
          const a = (fp + code[(pc + 2) | 0]) | 0;
          s[(fp + code[(pc + 1) | 0]) | 0] = s[a] === code[(pc + 3) | 0] && s[a + 1] === code[(pc + 4) | 0] ? 1 : 0;
          pc = (pc + 5) | 0; continue;
        }
        case K.I64NeI: {
          const a = (fp + code[(pc + 2) | 0]) | 0;
          s[(fp + code[(pc + 1) | 0]) | 0] = s[a] !== code[(pc + 3) | 0] || s[a + 1] !== code[(pc + 4) | 0] ? 1 : 0;
          pc = (pc + 5) | 0; continue;
        }

        // ---------------------------------------------------------------- fused compare-and-jump
        case K.JEq + 0:
          if (s[(fp + code[(pc + 1) | 0]) | 0] === s[(fp + code[(pc + 2) | 0]) | 0]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 1:
          if (s[(fp + code[(pc + 1) | 0]) | 0] !== s[(fp + code[(pc + 2) | 0]) | 0]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 2:
          if (s[(fp + code[(pc + 1) | 0]) | 0] < s[(fp + code[(pc + 2) | 0]) | 0]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 3:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) < (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 4:
          if (s[(fp + code[(pc + 1) | 0]) | 0] > s[(fp + code[(pc + 2) | 0]) | 0]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 5:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) > (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 6:
          if (s[(fp + code[(pc + 1) | 0]) | 0] <= s[(fp + code[(pc + 2) | 0]) | 0]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 7:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) <= (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 8:
          if (s[(fp + code[(pc + 1) | 0]) | 0] >= s[(fp + code[(pc + 2) | 0]) | 0]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEq + 9:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) >= (s[(fp + code[(pc + 2) | 0]) | 0] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 0:
          if (s[(fp + code[(pc + 1) | 0]) | 0] === code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 1:
          if (s[(fp + code[(pc + 1) | 0]) | 0] !== code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 2:
          if (s[(fp + code[(pc + 1) | 0]) | 0] < code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 3:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) < (code[pc + 2] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 4:
          if (s[(fp + code[(pc + 1) | 0]) | 0] > code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 5:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) > (code[pc + 2] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 6:
          if (s[(fp + code[(pc + 1) | 0]) | 0] <= code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 7:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) <= (code[pc + 2] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 8:
          if (s[(fp + code[(pc + 1) | 0]) | 0] >= code[pc + 2]) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        case K.JEqI + 9:
          if ((s[(fp + code[(pc + 1) | 0]) | 0] >>> 0) >= (code[pc + 2] >>> 0)) {
            const t = code[pc + 3];
            if (t <= pc && --fuel <= 0) { pc = t; break outer; }
            pc = t;
          } else pc = (pc + 4) | 0;
          continue;
        default:
          throw new Error(`wasmlet: bad internal opcode ${code[pc]} at ${pc}`);
      }
    }
    // This chunk of fuel is spent: take the next one, or yield.
    if (rest >= 1) {
      fuel = rest > FUEL_CHUNK ? FUEL_CHUNK : rest | 0;
      rest -= fuel;
      continue refuel;
    }
    break;
   }
  } catch (e) {
    ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
    throw ctx.annotate(e);
  }
  // Fuel exhausted: save the state; run() resumes at pc.
  ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
  ctx.top = fp + (func.compiled as Compiled).frameSize;
  return Status.Yielded;
}

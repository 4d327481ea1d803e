// The dispatch loop: runs internal code (compile/internal-ops.ts) on a Context's stacks until the
// activation returns (Done), fuel runs out (Yielded), a host function is called (HOST_CALL: the
// Context makes the call and resumes, so no interpreter frame stays on the JS stack while JS runs),
// or an atomic wait blocks (Blocked). Traps throw a RuntimeError after saving the state for the
// stack trace. No wasm call is a JS call: calls push onto the explicit frame stack and switch the
// cached instance state when the instance changes.
//
// Slots are addressed in words (int32 units): slot k of the frame is s[fp + 2k] (lo) / s[fp + 2k + 1]
// (hi), f32 at f32[fp + 2k], f64 at f64[(fp + 2k) >> 1], references at refs[(fp + 2k) >> 1].
//
// Written for V8's bytecode interpreter (node --jitless) as much as for its JIT (see DECISIONS.md):
// every temporary is one of a few function-level variables (a block-scoped const per case would get
// its own interpreter register: a large frame, and register operands that need a Wide prefix); the
// hottest cases come first, so that their feedback-slot operands stay below 256 (no Wide prefix);
// typed-array lengths are cached (a typed array's length is a getter call in the interpreter).
import { RuntimeError } from '../errors.js';
import type { FuncType } from '../types.js';
import type { FuncInst } from '../runtime/func.js';
import type { Memory } from '../runtime/memory.js';
import type { Instance } from '../runtime/instance.js';
import { K } from '../compile/internal-ops.js';
import type { Compiled } from '../compile/compiled.js';
import { compileFunc } from '../compile/compiler.js';
import { Status, type Context } from './context.js';
import { memoryCopy, memoryFill, memoryInit, tableCopy, tableFill, tableInit, tableOob } from './bulk.js';
import * as N from './numeric.js';
import { i64MulImm, i64ShlImm, i64ShrSImm, i64ShrUImm } from './i64imm.js';
import { ATOMIC_BLOCKED, atomicOp } from './atomics.js';

/** execute() stopped at a call of a host function (Context.hostFunc); not a Status. */
export const HOST_CALL = -1;

/** Largest fuel count kept in the loop's counter at once. */
const FUEL_CHUNK = 0x3fffffff;
const NO_DV: DataView = new DataView(new ArrayBuffer(0));
const NO_U8: Uint8Array = new Uint8Array(0);

/** Views of one memory's buffer, made once per buffer (memory generation). */
interface MemViews { mem: Memory | null; gen: number; u16: Uint16Array; i32: Int32Array; }
const NO_VIEWS: MemViews = { mem: null, gen: -1, u16: new Uint16Array(0), i32: new Int32Array(0) };
let lastViews: MemViews = NO_VIEWS;
function viewsOf(mem: Memory): MemViews {
  if (lastViews.mem !== mem || lastViews.gen !== mem.generation) {
    lastViews = { mem, gen: mem.generation, u16: new Uint16Array(mem.buffer), i32: new Int32Array(mem.buffer) };
  }
  return lastViews;
}
/** On a little-endian host the aligned accesses go through Uint16Array/Int32Array views of memory;
 *  `(ea & 3) === ALIGNED` never holds on a big-endian one, so every access takes the DataView path. */
const ALIGNED = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0 : -1;

function sameType(a: FuncType, b: FuncType): boolean {
  const ap = a.params, bp = b.params, ar = a.results, br = b.results;
  if (ap.length !== bp.length || ar.length !== br.length) return false;
  for (let i = 0; i < ap.length; i++) if (ap[i] !== bp[i]) return false;
  for (let i = 0; i < ar.length; i++) if (ar[i] !== br[i]) return false;
  return true;
}

function trap(msg: string): RuntimeError { return new RuntimeError(msg); }

/** The callee of the call_indirect at pc (traps as the spec says). */
function indirectCallee(inst: Instance, code: Int32Array, pc: number, i: number): FuncInst {
  const el = inst.tables[code[pc + 2]].elements;
  if (i >= el.length) throw trap('undefined element');
  const f = el[i] as FuncInst | null;
  if (f === null) throw trap(`uninitialized element ${i}`);
  const want = inst.types[code[pc + 1]];
  if (f.type !== want && !sameType(f.type, want)) throw trap('indirect call type mismatch');
  return f;
}

/** Runs the context's current activation with the given fuel; see the file comment. */
export function execute(ctx: Context, fuelIn: number): number {
  // Fuel counts down in a small integer (so V8 keeps it unboxed); `rest` holds what does not fit.
  let fuel = fuelIn > FUEL_CHUNK ? FUEL_CHUNK : fuelIn | 0;
  let rest = fuelIn > FUEL_CHUNK ? fuelIn - FUEL_CHUNK : 0;
  let s = ctx.s, f32 = ctx.f32, f64 = ctx.f64, refs = ctx.refs, sLen = s.length;
  let frPc = ctx.frPc, frFp = ctx.frFp, frFunc = ctx.frFunc, frLen = frPc.length;
  const baseDepth = ctx.baseDepth, maxDepth = ctx.maxDepth, aligned = ALIGNED;
  let func = ctx.func!, pc = ctx.pc, fp = ctx.fp, depth = ctx.depth;
  let code = (func.compiled as Compiled).code;
  let inst = func.instance!;
  let funcs = inst.funcs, globals = inst.globals, tables = inst.tables;
  let mem: Memory = inst.mems.length > 0 ? inst.mems[0] : (null as unknown as Memory);
  let dv = NO_DV, u8 = NO_U8, u16 = NO_VIEWS.u16, m32 = NO_VIEWS.i32, dirty = NO_U8;
  let memLen = 0, memGen = -1;
  /** The 4 KiB page last marked dirty by a store in this call of execute (-1: none). */
  let dpage = -1;
  if (mem !== null) {
    dv = mem.dv; u8 = mem.u8; dirty = mem.dirty; memLen = mem.fastLimit; memGen = mem.generation;
    lastViews = viewsOf(mem); u16 = lastViews.u16; m32 = lastViews.i32;
  }
  // Temporaries shared by every case: the instruction's first word and second word, and scratch.
  let w = 0, x = 0, y = 0, a = 0, b = 0, d = 0, t = 0, ea = 0, v = 0;
  /** The low 16-bit field mask, in a register (as an immediate it needs a 4-byte operand). */
  const LO = 0xffff;
  let f: FuncInst = func, cc: Compiled, el: unknown[];
  try {
   for (;;) {
    inner: for (;;) {
      w = code[pc];
      switch (w & 511) {
        // ---------------------------------------------------------------- the hottest cases first
        case 0x28: case 0x2a: // i32.load, f32.load [op|d, a|offset]
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          s[fp + (w >>> 9)] = aligned === (ea & 3) ? m32[ea >>> 2] : dv.getInt32(ea, true);
          pc += 2; continue;
        case K.I32AddI: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] + (x >> 16)) | 0; pc += 2; continue;
        case 0x2d: // i32.load8_u
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          s[fp + (w >>> 9)] = u8[ea];
          pc += 2; continue;
        case K.Mov32: s[fp + (w >>> 9)] = s[fp + code[pc + 1]]; pc += 2; continue;
        case 0x6a: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] + s[fp + (x >>> 16)]) | 0; pc += 2; continue;
        case K.BrUnless:
          if (s[fp + code[pc + 1]] === 0) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.Const32: s[fp + (w >>> 9)] = code[pc + 1]; pc += 2; continue;
        case 0x36: case 0x38: case 0x3e: // i32.store, f32.store, i64.store32 [op|a, v|offset]
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x >>> 16);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          if (aligned === (ea & 3)) m32[ea >>> 2] = s[fp + (x & LO)];
          else { dv.setInt32(ea, s[fp + (x & LO)], true); dirty[(ea + 3) >>> 12] = 1; }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 2; continue;
        case K.Br:
          t = w >>> 9;
          if (t <= pc && --fuel <= 0) { pc = t; break inner; }
          pc = t;
          continue;
        case K.I32AndI: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] & (x >> 16); pc += 2; continue;
        case K.BrIf:
          if (s[fp + code[pc + 1]] !== 0) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.I32ShlI: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] << (x >>> 16); pc += 2; continue;
        case K.Call: case K.CallIndirect:
          if ((w & 511) === K.Call) {
            f = funcs[code[pc + 1]];
            t = pc + 2;
          } else {
            f = indirectCallee(inst, code, pc, s[fp + code[pc + 3]] >>> 0);
            t = pc + 4;
          }
          a = w >>> 9;
          if (f.host !== null) {
            // The Context makes the call (see HOST_CALL) and resumes at t.
            ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
            ctx.top = fp + (func.compiled as Compiled).frameSize;
            ctx.hostFunc = f; ctx.hostArgs = fp + a; ctx.hostNext = t; ctx.fuelLeft = fuel + rest;
            return HOST_CALL;
          }
          cc = (f.compiled ?? compileFunc(f)) as Compiled;
          if (depth >= maxDepth) throw trap('call stack exhausted');
          a += fp; // the callee's frame
          if (a + cc.frameSize > sLen) {
            ctx.growStack(a + cc.frameSize);
            s = ctx.s; f32 = ctx.f32; f64 = ctx.f64; refs = ctx.refs; sLen = s.length;
          }
          if (depth >= frLen) {
            ctx.growFrames();
            frPc = ctx.frPc; frFp = ctx.frFp; frFunc = ctx.frFunc; frLen = frPc.length;
          }
          frPc[depth] = t; frFp[depth] = fp; frFunc[depth] = func;
          depth++;
          d = a + cc.localStart; b = a + cc.localEnd;
          if (b - d > 8) s.fill(0, d, b);
          else while (d < b) s[d++] = 0;
          if (cc.nRefLocals !== 0) clearRefLocals(refs, a, cc.refLocals);
          fp = a;
          pc = 0;
          code = cc.code;
          if (f.instance !== inst) {
            inst = f.instance!;
            funcs = inst.funcs; globals = inst.globals; tables = inst.tables;
            mem = inst.mems.length > 0 ? inst.mems[0] : (null as unknown as Memory);
            dpage = -1;
            if (mem !== null) {
              dv = mem.dv; u8 = mem.u8; dirty = mem.dirty; memLen = mem.fastLimit; memGen = mem.generation;
              lastViews = viewsOf(mem); u16 = lastViews.u16; m32 = lastViews.i32;
            }
          }
          func = f;
          if (--fuel <= 0) break inner;
          continue;
        case 0x2f: // i32.load16_u
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          s[fp + (w >>> 9)] = aligned === (ea & 1) ? u16[ea >>> 1] : dv.getUint16(ea, true);
          pc += 2; continue;
        case 0x2c: // i32.load8_s
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          s[fp + (w >>> 9)] = (u8[ea] << 24) >> 24;
          pc += 2; continue;
        case K.Ret32: case K.Ret64: case K.RetR: case K.Return:
          t = w & 511;
          if (t !== K.Return) {
            a = fp + (w >>> 9);
            if (t === K.Ret32) s[fp] = s[a];
            else if (t === K.Ret64) { s[fp] = s[a]; s[fp + 1] = s[a + 1]; }
            else refs[fp >> 1] = refs[a >> 1];
          }
          if (depth === baseDepth) {
            ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
            return Status.Done;
          }
          depth--;
          f = frFunc[depth]!;
          pc = frPc[depth];
          fp = frFp[depth];
          code = (f.compiled as Compiled).code;
          if (f.instance !== inst) {
            inst = f.instance!;
            funcs = inst.funcs; globals = inst.globals; tables = inst.tables;
            mem = inst.mems.length > 0 ? inst.mems[0] : (null as unknown as Memory);
            dpage = -1;
            if (mem !== null) {
              dv = mem.dv; u8 = mem.u8; dirty = mem.dirty; memLen = mem.fastLimit; memGen = mem.generation;
              lastViews = viewsOf(mem); u16 = lastViews.u16; m32 = lastViews.i32;
            }
          }
          func = f;
          continue;
        // ---------------------------------------------------------------- fused compare-and-jump [op|t, a|b], [op|t, a|imm]
        case K.JEq + 0:
          x = code[pc + 1];
          if (s[fp + (x & LO)] === s[fp + (x >>> 16)]) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 1:
          x = code[pc + 1];
          if (s[fp + (x & LO)] !== s[fp + (x >>> 16)]) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 2:
          x = code[pc + 1];
          if (s[fp + (x & LO)] < s[fp + (x >>> 16)]) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 3:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) < (s[fp + (x >>> 16)] >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 4:
          x = code[pc + 1];
          if (s[fp + (x & LO)] > s[fp + (x >>> 16)]) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 5:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) > (s[fp + (x >>> 16)] >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 6:
          x = code[pc + 1];
          if (s[fp + (x & LO)] <= s[fp + (x >>> 16)]) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 7:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) <= (s[fp + (x >>> 16)] >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 8:
          x = code[pc + 1];
          if (s[fp + (x & LO)] >= s[fp + (x >>> 16)]) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq + 9:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) >= (s[fp + (x >>> 16)] >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 0:
          x = code[pc + 1];
          if (s[fp + (x & LO)] === (x >> 16)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 1:
          x = code[pc + 1];
          if (s[fp + (x & LO)] !== (x >> 16)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 2:
          x = code[pc + 1];
          if (s[fp + (x & LO)] < (x >> 16)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 3:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) < ((x >> 16) >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 4:
          x = code[pc + 1];
          if (s[fp + (x & LO)] > (x >> 16)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 5:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) > ((x >> 16) >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 6:
          x = code[pc + 1];
          if (s[fp + (x & LO)] <= (x >> 16)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 7:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) <= ((x >> 16) >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 8:
          x = code[pc + 1];
          if (s[fp + (x & LO)] >= (x >> 16)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEqI + 9:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] >>> 0) >= ((x >> 16) >>> 0)) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        // ---------------------------------------------------------------- fused: address arithmetic, i64 compare-and-jump
        case K.AddShl: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] + (s[fp + (x >>> 16)] << code[pc + 2])) | 0; pc += 3; continue;
        case K.LoadIdx + 0:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          s[fp + (w >>> 9)] = aligned === (ea & 3) ? m32[ea >>> 2] : dv.getInt32(ea, true);
          pc += 3; continue;
        case K.LoadIdx + 1:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 8) mem.checkAccess(ea, 8);
          d = fp + (w >>> 9);
          if (aligned === (ea & 3)) { t = ea >>> 2; s[d] = m32[t]; s[d + 1] = m32[t + 1]; }
          else { s[d] = dv.getInt32(ea, true); s[d + 1] = dv.getInt32(ea + 4, true); }
          pc += 3; continue;
        case K.LoadIdx + 2:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          s[fp + (w >>> 9)] = u8[ea];
          pc += 3; continue;
        case K.LoadIdx + 3:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          s[fp + (w >>> 9)] = (u8[ea] << 24) >> 24;
          pc += 3; continue;
        case K.LoadIdx + 4:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          s[fp + (w >>> 9)] = aligned === (ea & 1) ? u16[ea >>> 1] : dv.getUint16(ea, true);
          pc += 3; continue;
        case K.LoadIdx + 5:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          s[fp + (w >>> 9)] = aligned === (ea & 1) ? (u16[ea >>> 1] << 16) >> 16 : dv.getInt16(ea, true);
          pc += 3; continue;
        case K.StoreIdx + 0:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          if (aligned === (ea & 3)) m32[ea >>> 2] = s[fp + (w >>> 9)];
          else { dv.setInt32(ea, s[fp + (w >>> 9)], true); dirty[(ea + 3) >>> 12] = 1; }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 3; continue;
        case K.StoreIdx + 1:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 8) mem.checkAccess(ea, 8);
          a = fp + (w >>> 9);
          if (aligned === (ea & 3)) { t = ea >>> 2; m32[t] = s[a]; m32[t + 1] = s[a + 1]; }
          else { dv.setInt32(ea, s[a], true); dv.setInt32(ea + 4, s[a + 1], true); }
          dirty[(ea + 7) >>> 12] = 1;
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 3; continue;
        case K.StoreIdx + 2:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          u8[ea] = s[fp + (w >>> 9)];
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 3; continue;
        case K.StoreIdx + 3:
          x = code[pc + 1]; y = code[pc + 2];
          ea = ((s[fp + (x & LO)] + (s[fp + (x >>> 16)] << (y >>> 16))) >>> 0) + (y & LO);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          if (aligned === (ea & 1)) u16[ea >>> 1] = s[fp + (w >>> 9)];
          else { dv.setInt16(ea, s[fp + (w >>> 9)], true); dirty[(ea + 1) >>> 12] = 1; }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 3; continue;
        case K.StoreImm + 0:
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x & LO);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          if (aligned === (ea & 3)) m32[ea >>> 2] = x >> 16;
          else { dv.setInt32(ea, x >> 16, true); dirty[(ea + 3) >>> 12] = 1; }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 2; continue;
        case K.StoreImm + 1:
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x & LO);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          if (aligned === (ea & 1)) u16[ea >>> 1] = x >> 16;
          else { dv.setInt16(ea, x >> 16, true); dirty[(ea + 1) >>> 12] = 1; }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 2; continue;
        case K.StoreImm + 2:
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x & LO);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          u8[ea] = x >> 16;
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 2; continue;
        case K.JAndNZ:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] & (x >> 16)) !== 0) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JAndZ:
          x = code[pc + 1];
          if ((s[fp + (x & LO)] & (x >> 16)) === 0) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.BrZ64:
          a = fp + code[pc + 1];
          if ((s[a] | s[a + 1]) === 0) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.BrNZ64:
          a = fp + code[pc + 1];
          if ((s[a] | s[a + 1]) !== 0) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 0: // eq
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if (s[a] === s[b] && v === y) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 1: // ne
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if (s[a] !== s[b] || v !== y) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 2: // lt_s
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if (v < y || (v === y && (s[a] >>> 0) < (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 3: // lt_u
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if ((v >>> 0) < (y >>> 0) || (v === y && (s[a] >>> 0) < (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 4: // gt_s
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if (v > y || (v === y && (s[a] >>> 0) > (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 5: // gt_u
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if ((v >>> 0) > (y >>> 0) || (v === y && (s[a] >>> 0) > (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 6: // le_s
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if (v < y || (v === y && (s[a] >>> 0) <= (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 7: // le_u
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if ((v >>> 0) < (y >>> 0) || (v === y && (s[a] >>> 0) <= (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 8: // ge_s
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if (v > y || (v === y && (s[a] >>> 0) >= (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64 + 9: // ge_u
          x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); v = s[a + 1]; y = s[b + 1];
          if ((v >>> 0) > (y >>> 0) || (v === y && (s[a] >>> 0) >= (s[b] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 2;
          continue;
        case K.JEq64I + 0: // eq
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if (s[a] === code[pc + 2] && v === y) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 1: // ne
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if (s[a] !== code[pc + 2] || v !== y) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 2: // lt_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if (v < y || (v === y && (s[a] >>> 0) < (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 3: // lt_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if ((v >>> 0) < (y >>> 0) || (v === y && (s[a] >>> 0) < (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 4: // gt_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if (v > y || (v === y && (s[a] >>> 0) > (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 5: // gt_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if ((v >>> 0) > (y >>> 0) || (v === y && (s[a] >>> 0) > (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 6: // le_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if (v < y || (v === y && (s[a] >>> 0) <= (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 7: // le_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if ((v >>> 0) < (y >>> 0) || (v === y && (s[a] >>> 0) <= (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 8: // ge_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if (v > y || (v === y && (s[a] >>> 0) >= (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.JEq64I + 9: // ge_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          if ((v >>> 0) > (y >>> 0) || (v === y && (s[a] >>> 0) >= (code[pc + 2] >>> 0))) {
            t = w >>> 9;
            if (t <= pc && --fuel <= 0) { pc = t; break inner; }
            pc = t;
          } else pc += 4;
          continue;
        case K.I64EqI + 0: // eq
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = s[a] === code[pc + 2] && v === y ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 1: // ne
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = s[a] !== code[pc + 2] || v !== y ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 2: // lt_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = v < y || (v === y && (s[a] >>> 0) < (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 3: // lt_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = (v >>> 0) < (y >>> 0) || (v === y && (s[a] >>> 0) < (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 4: // gt_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = v > y || (v === y && (s[a] >>> 0) > (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 5: // gt_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = (v >>> 0) > (y >>> 0) || (v === y && (s[a] >>> 0) > (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 6: // le_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = v < y || (v === y && (s[a] >>> 0) <= (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 7: // le_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = (v >>> 0) < (y >>> 0) || (v === y && (s[a] >>> 0) <= (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 8: // ge_s
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = v > y || (v === y && (s[a] >>> 0) >= (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        case K.I64EqI + 9: // ge_u
          a = fp + code[pc + 1]; v = s[a + 1]; y = code[pc + 3];
          s[fp + (w >>> 9)] = (v >>> 0) > (y >>> 0) || (v === y && (s[a] >>> 0) >= (code[pc + 2] >>> 0)) ? 1 : 0;
          pc += 4; continue;
        // ---------------------------------------------------------------- other frequent ones
        case K.I64AndI:
          d = fp + (w >>> 9); a = fp + code[pc + 1];
          s[d] = s[a] & code[pc + 2]; s[d + 1] = s[a + 1] & code[pc + 3];
          pc += 4; continue;
        case K.I64ShlI: x = code[pc + 1]; i64ShlImm(s, fp + (w >>> 9), fp + (x & LO), x >>> 16); pc += 2; continue;
        case 0x3b: case 0x3d: // i32.store16, i64.store16
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x >>> 16);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          if (aligned === (ea & 1)) u16[ea >>> 1] = s[fp + (x & LO)];
          else { dv.setInt16(ea, s[fp + (x & LO)], true); dirty[(ea + 1) >>> 12] = 1; }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 2; continue;
        case 0x31: // i64.load8_u
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          d = fp + (w >>> 9);
          s[d] = u8[ea]; s[d + 1] = 0;
          pc += 2; continue;
        case K.I32MulI: x = code[pc + 1]; s[fp + (w >>> 9)] = Math.imul(s[fp + (x & LO)], x >> 16); pc += 2; continue;
        case 0x84: // i64.or
          x = code[pc + 1]; d = fp + (w >>> 9); a = fp + (x & LO); b = fp + (x >>> 16);
          s[d] = s[a] | s[b]; s[d + 1] = s[a + 1] | s[b + 1];
          pc += 2; continue;
        case K.I64AddI:
          d = fp + (w >>> 9); a = fp + code[pc + 1];
          v = s[a]; t = (v + code[pc + 2]) | 0;
          s[d + 1] = (s[a + 1] + code[pc + 3] + ((t >>> 0) < (v >>> 0) ? 1 : 0)) | 0;
          s[d] = t;
          pc += 4; continue;
        case K.Select32:
          x = code[pc + 1];
          s[fp + (w >>> 9)] = s[fp + code[pc + 2]] !== 0 ? s[fp + (x & LO)] : s[fp + (x >>> 16)];
          pc += 3; continue;
        case 0x3a: case 0x3c: // i32.store8, i64.store8
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x >>> 16);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          u8[ea] = s[fp + (x & LO)];
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          pc += 2; continue;
        case 0x6b: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] - s[fp + (x >>> 16)]) | 0; pc += 2; continue;
        case 0x72: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] | s[fp + (x >>> 16)]; pc += 2; continue;
        case 0x71: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] & s[fp + (x >>> 16)]; pc += 2; continue;
        case 0x29: case 0x2b: // i64.load, f64.load
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 8) mem.checkAccess(ea, 8);
          d = fp + (w >>> 9);
          if (aligned === (ea & 3)) { t = ea >>> 2; s[d] = m32[t]; s[d + 1] = m32[t + 1]; }
          else { s[d] = dv.getInt32(ea, true); s[d + 1] = dv.getInt32(ea + 4, true); }
          pc += 2; continue;
        case 0x37: case 0x39: // i64.store, f64.store
          x = code[pc + 1];
          ea = (s[fp + (w >>> 9)] >>> 0) + (x >>> 16);
          if (memLen < ea + 8) mem.checkAccess(ea, 8);
          a = fp + (x & LO);
          if (aligned === (ea & 3)) { t = ea >>> 2; m32[t] = s[a]; m32[t + 1] = s[a + 1]; }
          else { dv.setInt32(ea, s[a], true); dv.setInt32(ea + 4, s[a + 1], true); }
          t = ea >>> 12;
          if (t !== dpage) { dirty[t] = 1; dpage = t; }
          dirty[(ea + 7) >>> 12] = 1;
          pc += 2; continue;
        case 0xad: // i64.extend_i32_u
          d = fp + (w >>> 9);
          s[d] = s[fp + code[pc + 1]]; s[d + 1] = 0;
          pc += 2; continue;
        case 0x7c: // i64.add
          x = code[pc + 1]; d = fp + (w >>> 9); a = fp + (x & LO); b = fp + (x >>> 16);
          v = s[a]; t = (v + s[b]) | 0;
          s[d + 1] = (s[a + 1] + s[b + 1] + ((t >>> 0) < (v >>> 0) ? 1 : 0)) | 0;
          s[d] = t;
          pc += 2; continue;
        case K.Mov64:
          d = fp + (w >>> 9); a = fp + code[pc + 1];
          s[d] = s[a]; s[d + 1] = s[a + 1];
          pc += 2; continue;
        case K.Const64:
          d = fp + (w >>> 9);
          s[d] = code[pc + 1]; s[d + 1] = code[pc + 2];
          pc += 3; continue;
        case K.GlobalGet32: s[fp + (w >>> 9)] = globals[code[pc + 1]].cell[0]; pc += 2; continue;
        case K.GlobalSet32: globals[code[pc + 1]].cell[0] = s[fp + (w >>> 9)]; pc += 2; continue;
        case 0x45: s[fp + (w >>> 9)] = s[fp + code[pc + 1]] === 0 ? 1 : 0; pc += 2; continue;
        case K.I32OrI: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] | (x >> 16); pc += 2; continue;
        case K.I32XorI: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] ^ (x >> 16); pc += 2; continue;
        case K.I32ShrSI: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] >> (x >>> 16); pc += 2; continue;
        case K.I32ShrUI: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] >>> (x >>> 16); pc += 2; continue;
        case K.I32AddIW: s[fp + (w >>> 9)] = (s[fp + code[pc + 1]] + code[pc + 2]) | 0; pc += 3; continue;
        case K.I32AndIW: s[fp + (w >>> 9)] = s[fp + code[pc + 1]] & code[pc + 2]; pc += 3; continue;
        case K.I32MulIW: s[fp + (w >>> 9)] = Math.imul(s[fp + code[pc + 1]], code[pc + 2]); pc += 3; continue;
        case K.I32OrIW: s[fp + (w >>> 9)] = s[fp + code[pc + 1]] | code[pc + 2]; pc += 3; continue;
        case K.I32XorIW: s[fp + (w >>> 9)] = s[fp + code[pc + 1]] ^ code[pc + 2]; pc += 3; continue;
        case 0x73: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] ^ s[fp + (x >>> 16)]; pc += 2; continue;
        case 0x74: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] << s[fp + (x >>> 16)]; pc += 2; continue;
        case 0x75: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] >> s[fp + (x >>> 16)]; pc += 2; continue;
        case 0x76: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] >>> s[fp + (x >>> 16)]; pc += 2; continue;
        case 0x6c: x = code[pc + 1]; s[fp + (w >>> 9)] = Math.imul(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        case K.BrTable:
          a = s[fp + (w >>> 9)] >>> 0; b = code[pc + 1];
          t = code[pc + 2 + (a < b ? a : b)];
          if (t <= pc && --fuel <= 0) { pc = t; break inner; }
          pc = t;
          continue;
        case K.Ea: // [op|d, a, offset]
          v = (s[fp + code[pc + 1]] >>> 0) + (code[pc + 2] >>> 0);
          s[fp + (w >>> 9)] = v > 0xffffffff ? -1 : v | 0;
          pc += 3; continue;
        // ---------------------------------------------------------------- i32 comparisons
        case 0x46: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] === s[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x47: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] !== s[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x48: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] < s[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x49: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) < (s[fp + (x >>> 16)] >>> 0) ? 1 : 0; pc += 2; continue;
        case 0x4a: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] > s[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x4b: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) > (s[fp + (x >>> 16)] >>> 0) ? 1 : 0; pc += 2; continue;
        case 0x4c: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] <= s[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x4d: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) <= (s[fp + (x >>> 16)] >>> 0) ? 1 : 0; pc += 2; continue;
        case 0x4e: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] >= s[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x4f: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) >= (s[fp + (x >>> 16)] >>> 0) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 0: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] === (x >> 16) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 1: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] !== (x >> 16) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 2: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] < (x >> 16) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 3: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) < ((x >> 16) >>> 0) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 4: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] > (x >> 16) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 5: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) > ((x >> 16) >>> 0) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 6: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] <= (x >> 16) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 7: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) <= ((x >> 16) >>> 0) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 8: x = code[pc + 1]; s[fp + (w >>> 9)] = s[fp + (x & LO)] >= (x >> 16) ? 1 : 0; pc += 2; continue;
        case K.I32EqI + 9: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] >>> 0) >= ((x >> 16) >>> 0) ? 1 : 0; pc += 2; continue;
        // ---------------------------------------------------------------- remaining loads
        case 0x2e: // i32.load16_s
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          s[fp + (w >>> 9)] = aligned === (ea & 1) ? (u16[ea >>> 1] << 16) >> 16 : dv.getInt16(ea, true);
          pc += 2; continue;
        case 0x30: // i64.load8_s
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 1) mem.checkAccess(ea, 1);
          d = fp + (w >>> 9); v = (u8[ea] << 24) >> 24;
          s[d] = v; s[d + 1] = v >> 31;
          pc += 2; continue;
        case 0x32: // i64.load16_s
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          d = fp + (w >>> 9); v = dv.getInt16(ea, true);
          s[d] = v; s[d + 1] = v >> 31;
          pc += 2; continue;
        case 0x33: // i64.load16_u
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 2) mem.checkAccess(ea, 2);
          d = fp + (w >>> 9);
          s[d] = dv.getUint16(ea, true); s[d + 1] = 0;
          pc += 2; continue;
        case 0x34: // i64.load32_s
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          d = fp + (w >>> 9); v = aligned === (ea & 3) ? m32[ea >>> 2] : dv.getInt32(ea, true);
          s[d] = v; s[d + 1] = v >> 31;
          pc += 2; continue;
        case 0x35: // i64.load32_u
          x = code[pc + 1];
          ea = (s[fp + (x & LO)] >>> 0) + (x >>> 16);
          if (memLen < ea + 4) mem.checkAccess(ea, 4);
          d = fp + (w >>> 9);
          s[d] = aligned === (ea & 3) ? m32[ea >>> 2] : dv.getInt32(ea, true); s[d + 1] = 0;
          pc += 2; continue;
        // ---------------------------------------------------------------- moves, select, globals
        case K.MovR: refs[(fp + (w >>> 9)) >> 1] = refs[(fp + code[pc + 1]) >> 1]; pc += 2; continue;
        case K.Select64:
          x = code[pc + 1]; d = fp + (w >>> 9);
          a = s[fp + code[pc + 2]] !== 0 ? fp + (x & LO) : fp + (x >>> 16);
          s[d] = s[a]; s[d + 1] = s[a + 1];
          pc += 3; continue;
        case K.SelectR:
          x = code[pc + 1];
          refs[(fp + (w >>> 9)) >> 1] = s[fp + code[pc + 2]] !== 0 ? refs[(fp + (x & LO)) >> 1] : refs[(fp + (x >>> 16)) >> 1];
          pc += 3; continue;
        case K.GlobalGet64:
          d = fp + (w >>> 9); t = code[pc + 1];
          s[d] = globals[t].cell[0]; s[d + 1] = globals[t].cell[1];
          pc += 2; continue;
        case K.GlobalGetR: refs[(fp + (w >>> 9)) >> 1] = globals[code[pc + 1]].ref; pc += 2; continue;
        case K.GlobalSet64:
          a = fp + (w >>> 9); t = code[pc + 1];
          globals[t].cell[0] = s[a]; globals[t].cell[1] = s[a + 1];
          pc += 2; continue;
        case K.GlobalSetR: globals[code[pc + 1]].ref = refs[(fp + (w >>> 9)) >> 1]; pc += 2; continue;
        case K.Unreachable: throw trap('unreachable');
        // ---------------------------------------------------------------- i64 comparisons
        case 0x50: a = fp + code[pc + 1]; s[fp + (w >>> 9)] = (s[a] | s[a + 1]) === 0 ? 1 : 0; pc += 2; continue;
        case 0x51: x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); s[fp + (w >>> 9)] = s[a] === s[b] && s[a + 1] === s[b + 1] ? 1 : 0; pc += 2; continue;
        case 0x52: x = code[pc + 1]; a = fp + (x & LO); b = fp + (x >>> 16); s[fp + (w >>> 9)] = s[a] !== s[b] || s[a + 1] !== s[b + 1] ? 1 : 0; pc += 2; continue;
        case 0x53: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64LtS(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x54: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64LtU(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x55: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64GtS(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x56: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64GtU(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x57: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64LeS(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x58: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64LeU(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x59: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64GeS(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        case 0x5a: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i64GeU(s, fp + (x & LO), fp + (x >>> 16)) ? 1 : 0; pc += 2; continue;
        // ---------------------------------------------------------------- f32 / f64 comparisons
        case 0x5b: x = code[pc + 1]; s[fp + (w >>> 9)] = f32[fp + (x & LO)] === f32[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x5c: x = code[pc + 1]; s[fp + (w >>> 9)] = f32[fp + (x & LO)] !== f32[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x5d: x = code[pc + 1]; s[fp + (w >>> 9)] = f32[fp + (x & LO)] < f32[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x5e: x = code[pc + 1]; s[fp + (w >>> 9)] = f32[fp + (x & LO)] > f32[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x5f: x = code[pc + 1]; s[fp + (w >>> 9)] = f32[fp + (x & LO)] <= f32[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x60: x = code[pc + 1]; s[fp + (w >>> 9)] = f32[fp + (x & LO)] >= f32[fp + (x >>> 16)] ? 1 : 0; pc += 2; continue;
        case 0x61: x = code[pc + 1]; s[fp + (w >>> 9)] = f64[(fp + (x & LO)) >> 1] === f64[(fp + (x >>> 16)) >> 1] ? 1 : 0; pc += 2; continue;
        case 0x62: x = code[pc + 1]; s[fp + (w >>> 9)] = f64[(fp + (x & LO)) >> 1] !== f64[(fp + (x >>> 16)) >> 1] ? 1 : 0; pc += 2; continue;
        case 0x63: x = code[pc + 1]; s[fp + (w >>> 9)] = f64[(fp + (x & LO)) >> 1] < f64[(fp + (x >>> 16)) >> 1] ? 1 : 0; pc += 2; continue;
        case 0x64: x = code[pc + 1]; s[fp + (w >>> 9)] = f64[(fp + (x & LO)) >> 1] > f64[(fp + (x >>> 16)) >> 1] ? 1 : 0; pc += 2; continue;
        case 0x65: x = code[pc + 1]; s[fp + (w >>> 9)] = f64[(fp + (x & LO)) >> 1] <= f64[(fp + (x >>> 16)) >> 1] ? 1 : 0; pc += 2; continue;
        case 0x66: x = code[pc + 1]; s[fp + (w >>> 9)] = f64[(fp + (x & LO)) >> 1] >= f64[(fp + (x >>> 16)) >> 1] ? 1 : 0; pc += 2; continue;
        // ---------------------------------------------------------------- i32 arithmetic
        case 0x67: s[fp + (w >>> 9)] = Math.clz32(s[fp + code[pc + 1]]); pc += 2; continue;
        case 0x68: s[fp + (w >>> 9)] = N.i32Ctz(s[fp + code[pc + 1]]); pc += 2; continue;
        case 0x69: s[fp + (w >>> 9)] = N.i32Popcnt(s[fp + code[pc + 1]]); pc += 2; continue;
        case 0x6d: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i32DivS(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        case 0x6e: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i32DivU(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        case 0x6f: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i32RemS(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        case 0x70: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i32RemU(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        case 0x77: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i32Rotl(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        case 0x78: x = code[pc + 1]; s[fp + (w >>> 9)] = N.i32Rotr(s[fp + (x & LO)], s[fp + (x >>> 16)]); pc += 2; continue;
        // ---------------------------------------------------------------- i64 arithmetic
        case 0x79: N.i64Clz(s, fp + (w >>> 9), fp + code[pc + 1]); pc += 2; continue;
        case 0x7a: N.i64Ctz(s, fp + (w >>> 9), fp + code[pc + 1]); pc += 2; continue;
        case 0x7b: N.i64Popcnt(s, fp + (w >>> 9), fp + code[pc + 1]); pc += 2; continue;
        case 0x7d: x = code[pc + 1]; // i64.sub
          d = fp + (w >>> 9); a = fp + (x & LO); b = fp + (x >>> 16);
          v = s[a]; t = s[b];
          s[d + 1] = (s[a + 1] - s[b + 1] - ((v >>> 0) < (t >>> 0) ? 1 : 0)) | 0;
          s[d] = (v - t) | 0;
          pc += 2; continue;
        case 0x7e: x = code[pc + 1]; N.i64Mul(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x7f: x = code[pc + 1]; N.i64DivS(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x80: x = code[pc + 1]; N.i64DivU(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x81: x = code[pc + 1]; N.i64RemS(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x82: x = code[pc + 1]; N.i64RemU(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x83: x = code[pc + 1];
          d = fp + (w >>> 9); a = fp + (x & LO); b = fp + (x >>> 16);
          s[d] = s[a] & s[b]; s[d + 1] = s[a + 1] & s[b + 1];
          pc += 2; continue;
        case 0x85: x = code[pc + 1];
          d = fp + (w >>> 9); a = fp + (x & LO); b = fp + (x >>> 16);
          s[d] = s[a] ^ s[b]; s[d + 1] = s[a + 1] ^ s[b + 1];
          pc += 2; continue;
        case 0x86: x = code[pc + 1]; N.i64Shl(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x87: x = code[pc + 1]; N.i64ShrS(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x88: x = code[pc + 1]; N.i64ShrU(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x89: x = code[pc + 1]; N.i64Rotl(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        case 0x8a: x = code[pc + 1]; N.i64Rotr(s, fp + (w >>> 9), fp + (x & LO), fp + (x >>> 16)); pc += 2; continue;
        // ---------------------------------------------------------------- f32 arithmetic
        case 0x8b: s[fp + (w >>> 9)] = s[fp + code[pc + 1]] & 0x7fffffff; pc += 2; continue;
        case 0x8c: s[fp + (w >>> 9)] = s[fp + code[pc + 1]] ^ 0x80000000; pc += 2; continue;
        case 0x8d: f32[fp + (w >>> 9)] = Math.ceil(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0x8e: f32[fp + (w >>> 9)] = Math.floor(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0x8f: f32[fp + (w >>> 9)] = Math.trunc(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0x90: f32[fp + (w >>> 9)] = N.fNearest(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0x91: f32[fp + (w >>> 9)] = Math.sqrt(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0x92: x = code[pc + 1]; f32[fp + (w >>> 9)] = f32[fp + (x & LO)] + f32[fp + (x >>> 16)]; pc += 2; continue;
        case 0x93: x = code[pc + 1]; f32[fp + (w >>> 9)] = f32[fp + (x & LO)] - f32[fp + (x >>> 16)]; pc += 2; continue;
        case 0x94: x = code[pc + 1]; f32[fp + (w >>> 9)] = f32[fp + (x & LO)] * f32[fp + (x >>> 16)]; pc += 2; continue;
        case 0x95: x = code[pc + 1]; f32[fp + (w >>> 9)] = f32[fp + (x & LO)] / f32[fp + (x >>> 16)]; pc += 2; continue;
        case 0x96: x = code[pc + 1]; f32[fp + (w >>> 9)] = N.fMin(f32[fp + (x & LO)], f32[fp + (x >>> 16)]); pc += 2; continue;
        case 0x97: x = code[pc + 1]; f32[fp + (w >>> 9)] = N.fMax(f32[fp + (x & LO)], f32[fp + (x >>> 16)]); pc += 2; continue;
        case 0x98: x = code[pc + 1]; s[fp + (w >>> 9)] = (s[fp + (x & LO)] & 0x7fffffff) | (s[fp + (x >>> 16)] & 0x80000000); pc += 2; continue;
        // ---------------------------------------------------------------- f64 arithmetic
        case 0x99: d = fp + (w >>> 9); a = fp + code[pc + 1]; s[d] = s[a]; s[d + 1] = s[a + 1] & 0x7fffffff; pc += 2; continue;
        case 0x9a: d = fp + (w >>> 9); a = fp + code[pc + 1]; s[d] = s[a]; s[d + 1] = s[a + 1] ^ 0x80000000; pc += 2; continue;
        case 0x9b: v = f64[(fp + code[pc + 1]) >> 1]; f64[(fp + (w >>> 9)) >> 1] = v === v ? Math.ceil(v) : NaN; pc += 2; continue;
        case 0x9c: v = f64[(fp + code[pc + 1]) >> 1]; f64[(fp + (w >>> 9)) >> 1] = v === v ? Math.floor(v) : NaN; pc += 2; continue;
        case 0x9d: v = f64[(fp + code[pc + 1]) >> 1]; f64[(fp + (w >>> 9)) >> 1] = v === v ? Math.trunc(v) : NaN; pc += 2; continue;
        case 0x9e: f64[(fp + (w >>> 9)) >> 1] = N.fNearest(f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
        case 0x9f: f64[(fp + (w >>> 9)) >> 1] = Math.sqrt(f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
        case 0xa0: x = code[pc + 1]; f64[(fp + (w >>> 9)) >> 1] = f64[(fp + (x & LO)) >> 1] + f64[(fp + (x >>> 16)) >> 1]; pc += 2; continue;
        case 0xa1: x = code[pc + 1]; f64[(fp + (w >>> 9)) >> 1] = f64[(fp + (x & LO)) >> 1] - f64[(fp + (x >>> 16)) >> 1]; pc += 2; continue;
        case 0xa2: x = code[pc + 1]; f64[(fp + (w >>> 9)) >> 1] = f64[(fp + (x & LO)) >> 1] * f64[(fp + (x >>> 16)) >> 1]; pc += 2; continue;
        case 0xa3: x = code[pc + 1]; f64[(fp + (w >>> 9)) >> 1] = f64[(fp + (x & LO)) >> 1] / f64[(fp + (x >>> 16)) >> 1]; pc += 2; continue;
        case 0xa4: x = code[pc + 1]; f64[(fp + (w >>> 9)) >> 1] = N.fMin(f64[(fp + (x & LO)) >> 1], f64[(fp + (x >>> 16)) >> 1]); pc += 2; continue;
        case 0xa5: x = code[pc + 1]; f64[(fp + (w >>> 9)) >> 1] = N.fMax(f64[(fp + (x & LO)) >> 1], f64[(fp + (x >>> 16)) >> 1]); pc += 2; continue;
        case 0xa6: x = code[pc + 1];
          d = fp + (w >>> 9); a = fp + (x & LO); v = s[fp + (x >>> 16) + 1] & 0x80000000;
          s[d] = s[a]; s[d + 1] = (s[a + 1] & 0x7fffffff) | v;
          pc += 2; continue;
        // ---------------------------------------------------------------- conversions
        case 0xa7: s[fp + (w >>> 9)] = s[fp + code[pc + 1]]; pc += 2; continue;
        case 0xa8: s[fp + (w >>> 9)] = N.i32TruncF32S(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0xa9: s[fp + (w >>> 9)] = N.i32TruncF32U(f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0xaa: s[fp + (w >>> 9)] = N.i32TruncF64S(f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
        case 0xab: s[fp + (w >>> 9)] = N.i32TruncF64U(f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
        case 0xac: d = fp + (w >>> 9); v = s[fp + code[pc + 1]]; s[d] = v; s[d + 1] = v >> 31; pc += 2; continue;
        case 0xae: N.i64TruncF32S(s, fp + (w >>> 9), f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0xaf: N.i64TruncF32U(s, fp + (w >>> 9), f32[fp + code[pc + 1]]); pc += 2; continue;
        case 0xb0: N.i64TruncF64S(s, fp + (w >>> 9), f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
        case 0xb1: N.i64TruncF64U(s, fp + (w >>> 9), f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
        case 0xb2: f32[fp + (w >>> 9)] = s[fp + code[pc + 1]]; pc += 2; continue;
        case 0xb3: f32[fp + (w >>> 9)] = s[fp + code[pc + 1]] >>> 0; pc += 2; continue;
        case 0xb4: f32[fp + (w >>> 9)] = N.f32ConvertI64S(s, fp + code[pc + 1]); pc += 2; continue;
        case 0xb5: f32[fp + (w >>> 9)] = N.f32ConvertI64U(s, fp + code[pc + 1]); pc += 2; continue;
        case 0xb6: f32[fp + (w >>> 9)] = f64[(fp + code[pc + 1]) >> 1]; pc += 2; continue;
        case 0xb7: f64[(fp + (w >>> 9)) >> 1] = s[fp + code[pc + 1]]; pc += 2; continue;
        case 0xb8: f64[(fp + (w >>> 9)) >> 1] = s[fp + code[pc + 1]] >>> 0; pc += 2; continue;
        case 0xb9: f64[(fp + (w >>> 9)) >> 1] = N.f64ConvertI64S(s, fp + code[pc + 1]); pc += 2; continue;
        case 0xba: f64[(fp + (w >>> 9)) >> 1] = N.f64ConvertI64U(s, fp + code[pc + 1]); pc += 2; continue;
        case 0xbb: f64[(fp + (w >>> 9)) >> 1] = f32[fp + code[pc + 1]]; pc += 2; continue;
        case 0xbc: case 0xbe: s[fp + (w >>> 9)] = s[fp + code[pc + 1]]; pc += 2; continue;
        case 0xbd: case 0xbf: d = fp + (w >>> 9); a = fp + code[pc + 1]; s[d] = s[a]; s[d + 1] = s[a + 1]; pc += 2; continue;
        case 0xc0: s[fp + (w >>> 9)] = (s[fp + code[pc + 1]] << 24) >> 24; pc += 2; continue;
        case 0xc1: s[fp + (w >>> 9)] = (s[fp + code[pc + 1]] << 16) >> 16; pc += 2; continue;
        case 0xc2: N.i64Extend8S(s, fp + (w >>> 9), fp + code[pc + 1]); pc += 2; continue;
        case 0xc3: N.i64Extend16S(s, fp + (w >>> 9), fp + code[pc + 1]); pc += 2; continue;
        case 0xc4: N.i64Extend32S(s, fp + (w >>> 9), fp + code[pc + 1]); pc += 2; continue;
        // ---------------------------------------------------------------- i64 with an inline constant
        case K.I64OrI:
          d = fp + (w >>> 9); a = fp + code[pc + 1];
          s[d] = s[a] | code[pc + 2]; s[d + 1] = s[a + 1] | code[pc + 3];
          pc += 4; continue;
        case K.I64XorI:
          d = fp + (w >>> 9); a = fp + code[pc + 1];
          s[d] = s[a] ^ code[pc + 2]; s[d + 1] = s[a + 1] ^ code[pc + 3];
          pc += 4; continue;
        case K.I64MulI: i64MulImm(s, fp + (w >>> 9), fp + code[pc + 1], code[pc + 2], code[pc + 3]); pc += 4; continue;
        case K.I64ShrSI: x = code[pc + 1]; i64ShrSImm(s, fp + (w >>> 9), fp + (x & LO), x >>> 16); pc += 2; continue;
        case K.I64ShrUI: x = code[pc + 1]; i64ShrUImm(s, fp + (w >>> 9), fp + (x & LO), x >>> 16); pc += 2; continue;
        default:
          // ------------------------------------------------------------------ cold instructions
          // (a second switch, so that the first one's jump table stays below 256 entries)
          switch (w & 511) {
          // ---------------------------------------------------------------- atomics (threads proposal)
          case K.Atomic: case K.AtomicStore:
            t = atomicOp(ctx, mem, code, pc, fp, code[pc] === K.AtomicStore);
            dpage = -1;
            if (t === ATOMIC_BLOCKED) {
              ctx.pc = pc; ctx.fp = fp; ctx.func = func; ctx.depth = depth;
              ctx.top = fp + (func.compiled as Compiled).frameSize;
              return Status.Blocked;
            }
            pc = t;
            continue;
          // ---------------------------------------------------------------- memory size and grow
          case K.MemorySize: s[fp + code[pc + 1]] = mem !== null ? mem.pages : 0; pc += 2; continue;
          case K.MemoryGrow:
            s[fp + code[pc + 1]] = mem.grow(s[fp + code[pc + 2]] >>> 0);
            if (mem.generation !== memGen) {
              dv = mem.dv; u8 = mem.u8; dirty = mem.dirty; memLen = mem.fastLimit; memGen = mem.generation;
              lastViews = viewsOf(mem); u16 = lastViews.u16; m32 = lastViews.i32;
            }
            dpage = -1;
            pc += 3; continue;
          // ---------------------------------------------------------------- tables and references
          case K.TableGet:
            el = tables[code[pc + 2]].elements; t = s[fp + code[pc + 3]] >>> 0;
            if (t >= el.length) throw tableOob();
            refs[(fp + code[pc + 1]) >> 1] = el[t];
            pc += 4; continue;
          case K.TableSet:
            el = tables[code[pc + 1]].elements; t = s[fp + code[pc + 2]] >>> 0;
            if (t >= el.length) throw tableOob();
            el[t] = refs[(fp + code[pc + 3]) >> 1];
            pc += 4; continue;
          case K.RefNull: refs[(fp + code[pc + 1]) >> 1] = null; pc += 2; continue;
          case K.RefIsNull: s[fp + code[pc + 1]] = refs[(fp + code[pc + 2]) >> 1] === null ? 1 : 0; pc += 3; continue;
          case K.RefFunc: refs[(fp + code[pc + 1]) >> 1] = funcs[code[pc + 2]]; pc += 3; continue;
          // saturating truncations
          case K.TruncSatBase + 0: s[fp + (w >>> 9)] = N.i32TruncSatF32S(f32[fp + code[pc + 1]]); pc += 2; continue;
          case K.TruncSatBase + 1: s[fp + (w >>> 9)] = N.i32TruncSatF32U(f32[fp + code[pc + 1]]); pc += 2; continue;
          case K.TruncSatBase + 2: s[fp + (w >>> 9)] = N.i32TruncSatF64S(f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
          case K.TruncSatBase + 3: s[fp + (w >>> 9)] = N.i32TruncSatF64U(f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
          case K.TruncSatBase + 4: N.i64TruncSatF32S(s, fp + (w >>> 9), f32[fp + code[pc + 1]]); pc += 2; continue;
          case K.TruncSatBase + 5: N.i64TruncSatF32U(s, fp + (w >>> 9), f32[fp + code[pc + 1]]); pc += 2; continue;
          case K.TruncSatBase + 6: N.i64TruncSatF64S(s, fp + (w >>> 9), f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
          case K.TruncSatBase + 7: N.i64TruncSatF64U(s, fp + (w >>> 9), f64[(fp + code[pc + 1]) >> 1]); pc += 2; continue;
          // ---------------------------------------------------------------- bulk memory and tables
          case K.MemoryInit:
            memoryInit(inst, code[pc + 1], s[fp + code[pc + 2]] >>> 0, s[fp + code[pc + 3]] >>> 0, s[fp + code[pc + 4]] >>> 0);
            pc += 5; continue;
          case K.DataDrop: inst.datas[code[pc + 1]] = null; pc += 2; continue;
          case K.MemoryCopy:
            memoryCopy(mem, s[fp + code[pc + 1]] >>> 0, s[fp + code[pc + 2]] >>> 0, s[fp + code[pc + 3]] >>> 0);
            pc += 4; continue;
          case K.MemoryFill:
            memoryFill(mem, s[fp + code[pc + 1]] >>> 0, s[fp + code[pc + 2]], s[fp + code[pc + 3]] >>> 0);
            pc += 4; continue;
          case K.TableInit:
            tableInit(inst, code[pc + 1], code[pc + 2], s[fp + code[pc + 3]] >>> 0, s[fp + code[pc + 4]] >>> 0, s[fp + code[pc + 5]] >>> 0);
            pc += 6; continue;
          case K.ElemDrop: inst.elems[code[pc + 1]] = null; pc += 2; continue;
          case K.TableCopy:
            tableCopy(inst, code[pc + 1], code[pc + 2], s[fp + code[pc + 3]] >>> 0, s[fp + code[pc + 4]] >>> 0, s[fp + code[pc + 5]] >>> 0);
            pc += 6; continue;
          case K.TableGrow:
            s[fp + code[pc + 1]] = tables[code[pc + 2]].grow(s[fp + code[pc + 4]] >>> 0, refs[(fp + code[pc + 3]) >> 1]);
            pc += 5; continue;
          case K.TableSize: s[fp + code[pc + 1]] = tables[code[pc + 2]].elements.length; pc += 3; continue;
          case K.TableFill:
            tableFill(tables[code[pc + 1]], s[fp + code[pc + 2]] >>> 0, refs[(fp + code[pc + 3]) >> 1], s[fp + code[pc + 4]] >>> 0);
            pc += 5; continue;
            default:
              throw new Error(`wasmlet: bad internal opcode ${w & 511} at ${pc}`);
          }
          continue;
      }
    }
    // This chunk of fuel is spent: take the next one, or yield.
    if (rest >= 1) {
      fuel = rest > FUEL_CHUNK ? FUEL_CHUNK : rest | 0;
      rest -= fuel;
      continue;
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

/** Sets a new frame's reference-typed locals to null. */
function clearRefLocals(refs: unknown[], fp: number, rl: Int32Array): void {
  for (let k = 0; k < rl.length; k++) refs[(fp >> 1) + rl[k]] = null;
}

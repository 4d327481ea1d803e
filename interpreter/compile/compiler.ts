// Translates one validated function body into internal code (internal-ops.ts): a flat Int32Array
// with resolved branch targets and frame-relative slots computed at compile time. The compiler trusts
// validation; it tracks the operand stack (heights and value types) to place every value in a slot.
//
// Frame layout in slots: params, declared locals, then the operand stack (the value at stack height i
// lives in its "home" slot nLocals + i). Operands produced by local.get and constants are kept
// deferred (the consumer reads the local's slot directly, or the constant inline) until something
// needs them in their home slot: a block boundary, a call, a write to that local.
import { Reader } from '../binary/reader.js';
import { BLOCK_EMPTY, Immediates, readImmediates, readOpcode } from '../binary/instr.js';
import { Op, opInfo } from '../opcodes.js';
import { ValType, isRefType, valTypeByName, type FuncBody, type FuncType, type Module } from '../types.js';
import type { FuncInst } from '../runtime/func.js';
import { K, NEGATE_CMP } from './internal-ops.js';
import type { Compiled } from './compiled.js';
import { moduleInfo, type ModuleInfo } from './module-info.js';

/** Where a stack entry's value is: in its home slot, in a local's slot, or a constant not yet stored. */
const HOME = 0, LOCAL = 1, CONST = 2;

const enum Kind { Block, Loop, If, Else, Func }

interface Ctrl {
  kind: Kind;
  /** Stack height below the block's params. */
  start: number;
  params: readonly ValType[];
  results: readonly ValType[];
  /** Loop: code position of the loop head. */
  head: number;
  /** Code positions of forward branch targets to patch when the block ends. */
  fixups: number[];
  /** If: code position of the jump-to-else target, -1 once bound. */
  elseFix: number;
  unreachable: boolean;
}

// Per-opcode facts for the plain numeric operators (0x45..0xc4 and the 0xFC saturating truncations,
// indexed by their internal number): operand count and result type.
const ARITY = new Int8Array(256);
const RESULT = new Uint8Array(256);
for (let c = 0x45; c <= 0xc4; c++) setNumeric(c, c);
for (let sub = 0; sub < 8; sub++) setNumeric(0xfc00 | sub, K.TruncSatBase + sub);
function setNumeric(wasm: number, internal: number): void {
  const info = opInfo(wasm);
  if (!info || !info.params || !info.results) return;
  ARITY[internal] = info.params.length;
  RESULT[internal] = valTypeByName(info.results[0])!;
}

/** i32 binary opcode -> its inline-constant form (0 when none). */
const IMM_FORM = new Uint16Array(256);
IMM_FORM[0x6a] = K.I32AddI; IMM_FORM[0x6b] = K.I32AddI; IMM_FORM[0x6c] = K.I32MulI;
IMM_FORM[0x71] = K.I32AndI; IMM_FORM[0x72] = K.I32OrI; IMM_FORM[0x73] = K.I32XorI;
IMM_FORM[0x74] = K.I32ShlI; IMM_FORM[0x75] = K.I32ShrSI; IMM_FORM[0x76] = K.I32ShrUI;
for (let k = 0; k < 10; k++) IMM_FORM[0x46 + k] = K.I32EqI + k;
/** i64 binary opcode -> its inline-constant form (0 when none). */
const IMM_FORM64 = new Uint16Array(256);
IMM_FORM64[0x7c] = K.I64AddI; IMM_FORM64[0x7d] = K.I64AddI; IMM_FORM64[0x7e] = K.I64MulI;
IMM_FORM64[0x83] = K.I64AndI; IMM_FORM64[0x84] = K.I64OrI; IMM_FORM64[0x85] = K.I64XorI;
IMM_FORM64[0x86] = K.I64ShlI; IMM_FORM64[0x87] = K.I64ShrSI; IMM_FORM64[0x88] = K.I64ShrUI;
IMM_FORM64[0x51] = K.I64EqI; IMM_FORM64[0x52] = K.I64NeI;

const EMPTY: readonly ValType[] = [];
const SINGLE: Record<number, readonly ValType[]> = {};
for (const t of [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef]) SINGLE[t] = [t];

const is64 = (t: number): boolean => t === ValType.I64 || t === ValType.F64;
const movOp = (t: number): number => isRefType(t) ? K.MovR : is64(t) ? K.Mov64 : K.Mov32;

const cache = new WeakMap<FuncBody, Compiled>();

/** Compiles a wasm FuncInst's body (once per body; shared by every instance of the module). */
export function compileFunc(f: FuncInst): Compiled {
  const inst = f.instance!;
  const body = inst.module.codes[f.defIndex];
  let c = cache.get(body);
  if (c === undefined) {
    c = new FuncCompiler(inst.module, f.type, body).compile();
    cache.set(body, c);
  }
  f.compiled = c;
  return c;
}

class FuncCompiler {
  private readonly info: ModuleInfo;
  private readonly code: number[] = [];
  private readonly pcMap: number[] = [];
  private readonly localTypes: ValType[] = [];
  /** Word offset of the home slot of stack height 0. */
  private readonly homeBase: number;
  // Operand stack entries.
  private readonly sKind: number[] = [];
  private readonly sType: number[] = [];
  /** LOCAL: the local's word offset; CONST: low word. */
  private readonly sLoc: number[] = [];
  /** CONST: high word. */
  private readonly sHi: number[] = [];
  private h = 0;
  private maxH = 0;
  private readonly ctrl: Ctrl[] = [];
  // The last emitted single-result instruction, for fusing its result into local.set / br_if / if.
  private lastStart = -1;
  private lastEnd = -1;
  private lastH = -1;
  /** Positions of the Br instructions emitted (for jump threading). */
  private readonly brSites: number[] = [];

  constructor(private readonly m: Module, private readonly type: FuncType, private readonly body: FuncBody) {
    this.info = moduleInfo(m);
    for (const p of type.params) this.localTypes.push(p);
    for (const run of body.locals) for (let i = 0; i < run.count; i++) this.localTypes.push(run.type);
    this.homeBase = 2 * this.localTypes.length;
  }

  compile(): Compiled {
    const { code, body, type } = this;
    this.ctrl.push({ kind: Kind.Func, start: 0, params: EMPTY, results: type.results, head: 0, fixups: [], elseFix: -1, unreachable: false });
    const r = new Reader(body.code, 0, body.code.length, body.offset);
    const imm = new Immediates();
    while (this.ctrl.length > 0) {
      this.mark(r.offset);
      const op = readOpcode(r);
      readImmediates(r, op, imm);
      this.instr(op, imm, r);
    }
    this.threadJumps();
    const nParams = type.params.length;
    const refLocals: number[] = [];
    for (let i = nParams; i < this.localTypes.length; i++) if (isRefType(this.localTypes[i])) refLocals.push(i);
    return {
      code: Int32Array.from(code),
      frameSize: this.homeBase + 2 * this.maxH,
      localStart: 2 * nParams,
      localEnd: this.homeBase,
      refLocals: Int32Array.from(refLocals),
      pcMap: Int32Array.from(this.pcMap),
      params: type.params,
      results: type.results,
    };
  }

  /** A Br whose target is a return instruction becomes that return instruction (same size). */
  private threadJumps(): void {
    const code = this.code;
    for (const p of this.brSites) {
      const t = code[p + 1], op = code[t];
      if (op === K.Return) code[p] = K.Return;
      else if (op === K.Ret32 || op === K.Ret64 || op === K.RetR) { code[p] = op; code[p + 1] = code[t + 1]; }
    }
  }

  /** Records that code emitted from here on comes from the instruction at module offset `off`. */
  private mark(off: number): void {
    const m = this.pcMap, pc = this.code.length;
    if (m.length > 0 && m[m.length - 2] === pc) m[m.length - 1] = off;
    else m.push(pc, off);
  }

  // ---- operand stack ----

  private home(i: number): number { return this.homeBase + 2 * i; }

  private push(kind: number, type: number, loc: number, hi: number): void {
    const i = this.h++;
    this.sKind[i] = kind; this.sType[i] = type; this.sLoc[i] = loc; this.sHi[i] = hi;
    if (this.h > this.maxH) this.maxH = this.h;
  }
  private pushHome(type: number): number { this.push(HOME, type, 0, 0); return this.home(this.h - 1); }

  /** Emits code that stores entry i into `dst` (without changing the entry). */
  private moveTo(i: number, dst: number): void {
    const k = this.sKind[i], t = this.sType[i];
    if (k === CONST) {
      if (is64(t)) this.code.push(K.Const64, dst, this.sLoc[i], this.sHi[i]);
      else this.code.push(K.Const32, dst, this.sLoc[i]);
      return;
    }
    const src = k === LOCAL ? this.sLoc[i] : this.home(i);
    if (src !== dst) this.code.push(movOp(t), dst, src);
  }

  /** Puts entry i into its home slot. */
  private materialize(i: number): void {
    if (this.sKind[i] === HOME) return;
    this.moveTo(i, this.home(i));
    this.sKind[i] = HOME;
  }
  private materializeAll(): void { for (let i = 0; i < this.h; i++) this.materialize(i); }

  /** The word offset where entry i can be read by the next instruction (stores a constant first). */
  private operand(i: number): number {
    const k = this.sKind[i];
    if (k === LOCAL) return this.sLoc[i];
    if (k === CONST) this.materialize(i);
    return this.home(i);
  }

  /** Pops n operands, pushes a result of type rt and emits [op, d, ...operands] (operands popped). */
  private simple(op: number, rt: number, nOps: number): void {
    const h = this.h - nOps;
    const a = nOps > 0 ? this.operand(h) : 0;
    const b = nOps > 1 ? this.operand(h + 1) : 0;
    const c = nOps > 2 ? this.operand(h + 2) : 0;
    this.h = h;
    const st = this.code.length;
    const d = this.pushHome(rt);
    if (nOps === 0) this.code.push(op, d);
    else if (nOps === 1) this.code.push(op, d, a);
    else if (nOps === 2) this.code.push(op, d, a, b);
    else this.code.push(op, d, a, b, c);
    this.setLast(st);
  }

  private setLast(st: number): void { this.lastStart = st; this.lastEnd = this.code.length; this.lastH = this.h - 1; }
  private clearLast(): void { this.lastEnd = -1; }
  /** Was entry i (HOME) produced by the last emitted instruction, with nothing emitted since? */
  private isLast(i: number): boolean {
    return this.lastEnd === this.code.length && this.lastH === i && this.sKind[i] === HOME;
  }

  /** Emits an instruction with no result: [op, ...prefix, operands of the top n entries..., ...suffix]. */
  private sink(op: number, nOps: number, prefix: number[], suffix: number[] = []): void {
    const h = this.h - nOps;
    const words: number[] = [];
    for (let i = 0; i < nOps; i++) words.push(this.operand(h + i));
    this.h = h;
    this.code.push(op, ...prefix, ...words, ...suffix);
  }

  // ---- control ----

  private blockType(bt: number): [readonly ValType[], readonly ValType[]] {
    if (bt === BLOCK_EMPTY) return [EMPTY, EMPTY];
    if (bt < 0) return [EMPTY, SINGLE[-bt]];
    const t = this.m.types[bt];
    return [t.params, t.results];
  }

  private pushCtrl(kind: Kind, bt: number): Ctrl {
    const [params, results] = this.blockType(bt);
    const c: Ctrl = { kind, start: this.h - params.length, params, results, head: this.code.length, fixups: [], elseFix: -1, unreachable: false };
    this.ctrl.push(c);
    return c;
  }

  private labelTypes(c: Ctrl): readonly ValType[] { return c.kind === Kind.Loop ? c.params : c.results; }

  /** Registers code[pos] as a branch target to label c. */
  private target(c: Ctrl, pos: number): void {
    if (c.kind === Kind.Loop) this.code[pos] = c.head; else c.fixups.push(pos);
  }

  /** Can a branch to c jump directly (the label's values already sit in its slots)? */
  private direct(c: Ctrl): boolean {
    if (c.kind === Kind.Func) return false;
    const n = this.labelTypes(c).length;
    if (n === 0) return true;
    if (this.h - n !== c.start) return false;
    for (let i = c.start; i < this.h; i++) if (this.sKind[i] !== HOME) return false;
    return true;
  }

  /** Moves the label's values into place and jumps (or returns). Leaves the stack state unchanged. */
  private branch(c: Ctrl): void {
    if (c.kind === Kind.Func) { this.ret(); return; }
    const n = this.labelTypes(c).length;
    for (let k = 0; k < n; k++) this.moveTo(this.h - n + k, this.home(c.start + k));
    this.code.push(K.Br, 0);
    this.brSites.push(this.code.length - 2);
    this.target(c, this.code.length - 1);
  }

  /** Moves the results to slots 0.. and returns. Leaves the stack state unchanged. */
  private ret(): void {
    const n = this.type.results.length, base = this.h - n, code = this.code;
    if (n === 1 && this.sKind[base] !== CONST) {
      const t = this.sType[base];
      code.push(isRefType(t) ? K.RetR : is64(t) ? K.Ret64 : K.Ret32, this.sKind[base] === LOCAL ? this.sLoc[base] : this.home(base));
      return;
    }
    // A result read from a local that the result moves overwrite goes through its home slot first.
    const viaHome: boolean[] = [];
    for (let k = 0; k < n; k++) {
      const i = base + k;
      if (this.sKind[i] === LOCAL && this.sLoc[i] < 2 * n) {
        code.push(movOp(this.sType[i]), this.home(i), this.sLoc[i]);
        viaHome[k] = true;
      }
    }
    for (let k = 0; k < n; k++) {
      const i = base + k;
      if (viaHome[k]) code.push(movOp(this.sType[i]), 2 * k, this.home(i));
      else this.moveTo(i, 2 * k);
    }
    code.push(K.Return);
  }

  /** After br, br_table, return, unreachable: the rest of the block is dead; skip to its else/end. */
  private dead(r: Reader): void {
    const c = this.ctrl[this.ctrl.length - 1];
    c.unreachable = true;
    this.h = c.start;
    this.clearLast();
    let depth = 0;
    const imm = new Immediates();
    for (;;) {
      const at = r.pos;
      const op = readOpcode(r);
      if (op === Op.End || op === Op.Else) {
        if (depth === 0) { r.pos = at; return; }
        if (op === Op.End) depth--;
      } else if (op === Op.Block || op === Op.Loop || op === Op.If) depth++;
      readImmediates(r, op, imm);
    }
  }

  /**
   * If the condition (entry i, just popped) came from the i32 compare or eqz emitted last, rewrites
   * that instruction into a compare-and-jump (jumping when the condition is true, or false when
   * `negate`) and returns the position of its target word; otherwise -1.
   */
  private fuseJump(i: number, negate: boolean): number {
    if (!this.isLast(i)) return -1;
    const code = this.code, st = this.lastStart, op = code[st];
    let pos = -1;
    if (op === 0x45) { // i32.eqz: [op, d, a] -> jump on a == 0 (or a != 0)
      code[st] = negate ? K.BrIf : K.BrUnless;
      code[st + 1] = code[st + 2];
      pos = st + 2;
    } else if ((op >= 0x46 && op <= 0x4f) || (op >= K.I32EqI && op < K.I32EqI + 10)) {
      const withImm = op >= K.I32EqI;
      let k = withImm ? op - K.I32EqI : op - 0x46;
      if (negate) k = NEGATE_CMP[k];
      code[st] = (withImm ? K.JEqI : K.JEq) + k;
      code[st + 1] = code[st + 2];
      code[st + 2] = code[st + 3];
      pos = st + 3;
    }
    if (pos >= 0) { code[pos] = 0; this.clearLast(); }
    return pos;
  }

  /** Emits [op, cond, 0] for the condition entry i (just popped); returns the target position. */
  private condJump(op: number, i: number): number {
    const w = this.operand(i);
    this.code.push(op, w, 0);
    return this.code.length - 1;
  }

  // ---- instructions ----

  private instr(op: number, imm: Immediates, r: Reader): void {
    const code = this.code;
    switch (op) {
      case Op.Unreachable: code.push(K.Unreachable); this.dead(r); return;
      case Op.Nop: return;
      case Op.Block: this.materializeAll(); this.pushCtrl(Kind.Block, imm.a); return;
      case Op.Loop: this.materializeAll(); this.pushCtrl(Kind.Loop, imm.a); this.clearLast(); return;
      case Op.If: {
        const i = --this.h;
        let pos = -1;
        let clean = true;
        for (let j = 0; j < i; j++) if (this.sKind[j] !== HOME) { clean = false; break; }
        if (clean) pos = this.fuseJump(i, true);
        if (pos < 0) { this.materializeAll(); pos = this.condJump(K.BrUnless, i); }
        this.pushCtrl(Kind.If, imm.a).elseFix = pos;
        return;
      }
      case Op.Else: {
        const c = this.ctrl[this.ctrl.length - 1];
        if (!c.unreachable) {
          for (let i = c.start; i < this.h; i++) this.materialize(i);
          code.push(K.Br, 0);
          this.brSites.push(code.length - 2);
          c.fixups.push(code.length - 1);
        }
        code[c.elseFix] = code.length;
        c.elseFix = -1;
        c.kind = Kind.Else;
        c.unreachable = false;
        this.h = c.start;
        for (const t of c.params) this.pushHome(t);
        this.clearLast();
        return;
      }
      case Op.End: {
        const c = this.ctrl.pop()!;
        if (c.kind === Kind.Func) { if (!c.unreachable) this.ret(); return; }
        if (!c.unreachable) for (let i = c.start; i < this.h; i++) this.materialize(i);
        if (c.elseFix >= 0) code[c.elseFix] = code.length;
        for (const p of c.fixups) code[p] = code.length;
        this.h = c.start;
        for (const t of c.results) this.pushHome(t);
        this.clearLast();
        return;
      }
      case Op.Br: this.branch(this.ctrl[this.ctrl.length - 1 - imm.a]); this.dead(r); return;
      case Op.BrIf: {
        const c = this.ctrl[this.ctrl.length - 1 - imm.a];
        const i = --this.h;
        if (this.direct(c)) {
          let pos = this.fuseJump(i, false);
          if (pos < 0) pos = this.condJump(K.BrIf, i);
          this.target(c, pos);
        } else {
          let pos = this.fuseJump(i, true);
          if (pos < 0) pos = this.condJump(K.BrUnless, i);
          this.branch(c);
          code[pos] = code.length;
          this.clearLast();
        }
        return;
      }
      case Op.BrTable: {
        const n = imm.a;
        const labels = Array.from(imm.labels.subarray(0, n));
        labels.push(imm.b);
        const i = --this.h;
        const w = this.operand(i);
        const base = code.length + 3;
        code.push(K.BrTable, w, n);
        for (let k = 0; k <= n; k++) code.push(0);
        const stubs = new Map<number, number>();
        for (let k = 0; k <= n; k++) {
          const c = this.ctrl[this.ctrl.length - 1 - labels[k]];
          if (this.direct(c)) { this.target(c, base + k); continue; }
          let at = stubs.get(labels[k]);
          if (at === undefined) { at = code.length; stubs.set(labels[k], at); this.branch(c); }
          code[base + k] = at;
        }
        this.dead(r);
        return;
      }
      case Op.Return: this.ret(); this.dead(r); return;
      case Op.Call: {
        const ft = this.info.funcTypes[imm.a];
        this.call(ft, [K.Call, imm.a], -1);
        return;
      }
      case Op.CallIndirect: {
        const ft = this.m.types[imm.a];
        const i = --this.h;
        const w = this.operand(i);
        this.call(ft, [K.CallIndirect, imm.a, imm.b], w);
        return;
      }
      case Op.Drop: this.h--; return;
      case Op.Select: case Op.SelectT: {
        const t = this.sType[this.h - 2];
        this.simple(isRefType(t) ? K.SelectR : is64(t) ? K.Select64 : K.Select32, t, 3);
        return;
      }
      case Op.LocalGet: this.push(LOCAL, this.localTypes[imm.a], 2 * imm.a, 0); return;
      case Op.LocalSet: case Op.LocalTee: this.setLocal(imm.a, op === Op.LocalTee); return;
      case Op.GlobalGet: {
        const t = this.info.globalTypes[imm.a];
        const k = isRefType(t) ? K.GlobalGetR : is64(t) ? K.GlobalGet64 : K.GlobalGet32;
        this.withImm(k, t, 0, [imm.a]);
        return;
      }
      case Op.GlobalSet: {
        const t = this.info.globalTypes[imm.a];
        this.sink(isRefType(t) ? K.GlobalSetR : is64(t) ? K.GlobalSet64 : K.GlobalSet32, 1, [imm.a]);
        return;
      }
      case Op.TableGet: this.withImm(K.TableGet, this.elemType(imm.a), 1, [imm.a]); return;
      case Op.TableSet: this.sink(K.TableSet, 2, [imm.a]); return;
      case Op.MemorySize: this.simple(K.MemorySize, ValType.I32, 0); return;
      case Op.MemoryGrow: this.simple(K.MemoryGrow, ValType.I32, 1); return;
      case Op.I32Const: this.push(CONST, ValType.I32, imm.a | 0, 0); return;
      case Op.I64Const: this.push(CONST, ValType.I64, imm.a | 0, imm.b | 0); return;
      case Op.F32Const: this.push(CONST, ValType.F32, imm.a | 0, 0); return;
      case Op.F64Const: this.push(CONST, ValType.F64, imm.a | 0, imm.b | 0); return;
      case Op.RefNull: this.simple(K.RefNull, imm.a, 0); return;
      case Op.RefIsNull: this.simple(K.RefIsNull, ValType.I32, 1); return;
      case Op.RefFunc: this.withImm(K.RefFunc, ValType.FuncRef, 0, [imm.a]); return;
      case Op.MemoryInit: this.sink(K.MemoryInit, 3, [imm.a]); return;
      case Op.DataDrop: code.push(K.DataDrop, imm.a); return;
      case Op.MemoryCopy: this.sink(K.MemoryCopy, 3, []); return;
      case Op.MemoryFill: this.sink(K.MemoryFill, 3, []); return;
      case Op.TableInit: this.sink(K.TableInit, 3, [imm.b, imm.a]); return;
      case Op.ElemDrop: code.push(K.ElemDrop, imm.a); return;
      case Op.TableCopy: this.sink(K.TableCopy, 3, [imm.a, imm.b]); return;
      case Op.TableGrow: this.withImm(K.TableGrow, ValType.I32, 2, [imm.a]); return;
      case Op.TableSize: this.withImm(K.TableSize, ValType.I32, 0, [imm.a]); return;
      case Op.TableFill: this.sink(K.TableFill, 3, [imm.a]); return;
      case Op.AtomicFence: return; // one thread runs at a time: nothing to order
    }
    if (op >= 0xfe00) { this.atomic(op, imm.b | 0); return; }
    if (op >= 0x28 && op <= 0x35) { // loads: [op, d, addr, offset]
      const rt = valTypeByName(opInfo(op)!.results![0])!;
      this.withImm(op, rt, 1, [imm.b | 0], true);
      return;
    }
    if (op >= 0x36 && op <= 0x3e) { this.sink(op, 2, [], [imm.b | 0]); return; } // stores: [op, addr, v, offset]
    this.numeric(op);
  }

  /**
   * A 0xFE operator other than atomic.fence: [Atomic, d, sub, offset, operands…] when it has a
   * result, [AtomicStore, sub, offset, addr, value] for the stores (exec/atomics.ts runs both).
   */
  private atomic(op: number, offset: number): void {
    const info = opInfo(op)!, sub = op & 0xff;
    if (info.results!.length === 0) { this.sink(K.AtomicStore, 2, [sub, offset]); return; }
    this.withImm(K.Atomic, valTypeByName(info.results![0])!, info.params!.length, [sub, offset]);
  }

  private elemType(table: number): ValType {
    let n = 0;
    for (const im of this.m.imports) {
      if (im.desc.kind === 1 /* Table */) { if (n === table) return im.desc.type.elem; n++; }
    }
    return this.m.tables[table - n].elem;
  }

  /**
   * Emits a single-result instruction with immediates: [op, d, ...imms, ...operands] (or operands
   * before the immediates when `opsFirst`).
   */
  private withImm(op: number, rt: number, nOps: number, imms: number[], opsFirst = false): void {
    const h = this.h - nOps;
    const words: number[] = [];
    for (let i = 0; i < nOps; i++) words.push(this.operand(h + i));
    this.h = h;
    const st = this.code.length;
    const d = this.pushHome(rt);
    if (opsFirst) this.code.push(op, d, ...words, ...imms);
    else this.code.push(op, d, ...imms, ...words);
    this.setLast(st);
  }

  private call(ft: FuncType, head: number[], indexWord: number): void {
    const n = ft.params.length, base = this.h - n;
    for (let i = base; i < this.h; i++) this.materialize(i);
    const argBase = this.home(base);
    this.code.push(...head, argBase);
    if (indexWord >= 0) this.code.push(indexWord);
    this.h = base;
    for (const t of ft.results) this.pushHome(t);
    this.clearLast();
  }

  private setLocal(x: number, tee: boolean): void {
    const w = 2 * x, top = this.h - 1, code = this.code;
    // Other entries still reading this local must get their own copy first.
    let shared = false;
    for (let i = 0; i < top; i++) if (this.sKind[i] === LOCAL && this.sLoc[i] === w) { shared = true; break; }
    if (!shared && this.isLast(top)) {
      // The value was just computed into its home slot: compute it straight into the local.
      code[this.lastStart + 1] = w;
      this.clearLast();
      if (tee) { this.sKind[top] = LOCAL; this.sLoc[top] = w; } else this.h--;
      return;
    }
    for (let i = 0; i < top; i++) if (this.sKind[i] === LOCAL && this.sLoc[i] === w) this.materialize(i);
    this.moveTo(top, w);
    if (!tee) this.h--;
  }

  private numeric(op: number): void {
    let internal = op;
    if (op >= 0xfc00) internal = K.TruncSatBase + (op & 0xff);
    // Reinterpretations and wrap keep the bits: only the entry's type changes.
    if (op === 0xa7 || op === 0xbc || op === 0xbd || op === 0xbe || op === 0xbf) {
      const top = this.h - 1;
      const t = RESULT[op];
      if (this.sKind[top] === CONST && op === 0xa7) this.sHi[top] = 0;
      this.sType[top] = t;
      return;
    }
    const rt = RESULT[internal];
    const n = ARITY[internal];
    if (n === 2) {
      const immOp = IMM_FORM[op];
      const top = this.h - 1;
      if (immOp !== 0 && this.sKind[top] === CONST && this.sType[top] === ValType.I32) {
        let v = this.sLoc[top];
        if (op === 0x6b) v = -v | 0;
        else if (op >= 0x74 && op <= 0x76) v &= 31;
        this.h--;
        const a = this.operand(top - 1);
        this.h--;
        const st = this.code.length;
        const d = this.pushHome(rt);
        this.code.push(immOp, d, a, v);
        this.setLast(st);
        return;
      }
      const immOp64 = IMM_FORM64[op];
      if (immOp64 !== 0 && this.sKind[top] === CONST && this.sType[top] === ValType.I64) {
        let lo = this.sLoc[top], hi = this.sHi[top];
        if (op === 0x7d) { hi = (~hi + (lo === 0 ? 1 : 0)) | 0; lo = -lo | 0; }
        else if (op >= 0x86 && op <= 0x88) { lo &= 63; hi = 0; }
        this.h--;
        const a = this.operand(top - 1);
        this.h--;
        const st = this.code.length;
        const d = this.pushHome(rt);
        this.code.push(immOp64, d, a, lo, hi);
        this.setLast(st);
        return;
      }
    }
    this.simple(internal, rt, n);
  }
}

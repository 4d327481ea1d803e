// Translates one validated function body into internal code (internal-ops.ts): a flat Int32Array
// with resolved branch targets and frame-relative slots computed at compile time. The compiler trusts
// validation; it tracks the operand stack (heights and value types) to place every value in a slot.
//
// Frame layout in slots: params, declared locals, then the operand stack (the value at stack height i
// lives in its "home" slot nLocals + i). Operands produced by local.get and constants are kept
// deferred (the consumer reads the local's slot directly, or the constant inline) until something
// needs them in their home slot: a block boundary, a call, a write to that local.
//
// Code layout: see internal-ops.ts (packed first word: opcode | field A << 9). A frame larger than
// FIELD_LIMIT words ("far" mode, a second compilation) has scratch slots after the parameters:
// operands read through a 16-bit field that lie beyond the limit are copied there first.
import { Reader } from '../binary/reader.js';
import { BLOCK_EMPTY, Immediates, readImmediates, readOpcode } from '../binary/instr.js';
import { Op, opInfo } from '../opcodes.js';
import { ValType, isRefType, valTypeByName, type FuncBody, type FuncType, type Module } from '../types.js';
import type { FuncInst } from '../runtime/func.js';
import { A_LIMIT, FIELD_LIMIT, IdxLoadOps, IdxStoreOps, K, NEGATE_CMP, OP_BITS, OP_MASK } from './internal-ops.js';
import type { Compiled } from './compiled.js';
import { moduleInfo, type ModuleInfo } from './module-info.js';

/** Where a stack entry's value is: in its home slot, in a local's slot, or a constant not yet stored. */
const HOME = 0, LOCAL = 1, CONST = 2;
/** Scratch slots of a far-mode frame (enough for the 16-bit fields of one instruction). */
const N_SCRATCH = 3;

/** A first code word: opcode and field A. */
function w0(op: number, a: number): number {
  if (a >= A_LIMIT) throw new RangeError('wasmlet: function too large for the internal code');
  return op | (a << OP_BITS);
}
/** A second code word of two 16-bit fields (hi may be a signed 16-bit immediate). */
function x2(lo: number, hi: number): number { return lo | (hi << 16); }
const fitsI16 = (v: number): boolean => v >= -0x8000 && v < 0x8000;

/** Cold instructions with a result keep it in the word after the opcode (not in field A). */
const DEST_IN_WORD1 = new Set<number>([K.TableGet, K.RefNull, K.RefIsNull, K.RefFunc, K.MemorySize,
  K.MemoryGrow, K.TableGrow, K.TableSize, K.Atomic]);

/** Wasm load/store opcode -> its indexed form (LoadIdx + i, StoreIdx + i), 0 when none. */
const IDX_FORM = new Uint16Array(256);
IdxLoadOps.forEach((ops, i) => { for (const op of ops) IDX_FORM[op] = K.LoadIdx + i; });
IdxStoreOps.forEach((ops, i) => { for (const op of ops) IDX_FORM[op] = K.StoreIdx + i; });
/** i32 store opcode -> its constant-value form (StoreImm + 0/1/2), 0 when none. */
const IMM_STORE = new Uint16Array(256);
IMM_STORE[0x36] = K.StoreImm; IMM_STORE[0x3b] = K.StoreImm + 1; IMM_STORE[0x3a] = K.StoreImm + 2;

/** I32AddI..I32XorI + WIDE_IMM: the same operators with a 32-bit immediate. */
const WIDE_IMM = K.I32AddIW - K.I32AddI;

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
  /** If: the jump-to-else target (a `setTarget` ref), 0 once bound. */
  elseFix: number;
  /** Code positions of forward branch targets are `setTarget` refs. */
  unreachable: boolean;
}

// Per-opcode facts for the plain numeric operators (0x45..0xc4 and the 0xFC saturating truncations,
// indexed by their internal number): operand count and result type.
const ARITY = new Int8Array(K.Count);
const RESULT = new Uint8Array(K.Count);
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
for (let k = 0; k < 10; k++) IMM_FORM64[0x51 + k] = K.I64EqI + k;

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
    c = new FuncCompiler(inst.module, f.type, body, false).compile();
    if (c.frameSize > FIELD_LIMIT) c = new FuncCompiler(inst.module, f.type, body, true).compile();
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
  /** Word offset of each local. */
  private readonly localWord: number[] = [];
  private readonly nParams: number;
  /** Far mode: word offset of the first scratch slot (-1 in near mode). */
  private readonly scratch: number;
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
  /** The last instruction's result is in the word after the opcode (cold layout), not in field A. */
  private lastDestWord1 = false;
  private lastEnd = -1;
  private lastH = -1;
  /** Positions of the Br instructions emitted (for jump threading). */
  private readonly brSites: number[] = [];

  constructor(private readonly m: Module, private readonly type: FuncType, private readonly body: FuncBody, far: boolean) {
    this.info = moduleInfo(m);
    for (const p of type.params) this.localTypes.push(p);
    for (const run of body.locals) for (let i = 0; i < run.count; i++) this.localTypes.push(run.type);
    const np = this.nParams = type.params.length;
    const skip = far ? N_SCRATCH : 0;
    if (far && 2 * (np + N_SCRATCH) > FIELD_LIMIT) throw new RangeError('wasmlet: too many parameters');
    this.scratch = far ? 2 * np : -1;
    for (let i = 0; i < this.localTypes.length; i++) this.localWord.push(2 * (i < np ? i : i + skip));
    this.homeBase = 2 * (this.localTypes.length + skip);
  }

  compile(): Compiled {
    const { code, body, type } = this;
    this.ctrl.push({ kind: Kind.Func, start: 0, params: EMPTY, results: type.results, head: 0, fixups: [], elseFix: 0, unreachable: false });
    const r = new Reader(body.code, 0, body.code.length, body.offset);
    const imm = new Immediates();
    while (this.ctrl.length > 0) {
      this.mark(r.offset);
      const op = readOpcode(r);
      readImmediates(r, op, imm);
      this.instr(op, imm, r);
    }
    this.threadJumps();
    if (code.length >= A_LIMIT) throw new RangeError('wasmlet: function too large for the internal code');
    const nParams = this.nParams;
    const refLocals: number[] = [];
    for (let i = nParams; i < this.localTypes.length; i++) if (isRefType(this.localTypes[i])) refLocals.push(this.localWord[i] >> 1);
    return {
      code: Int32Array.from(code),
      frameSize: this.homeBase + 2 * this.maxH,
      localStart: 2 * nParams,
      localEnd: this.homeBase,
      refLocals: Int32Array.from(refLocals),
      nRefLocals: refLocals.length,
      pcMap: Int32Array.from(this.pcMap),
      params: type.params,
      results: type.results,
    };
  }

  /** A Br whose target is a return instruction becomes that return instruction (both one word). */
  private threadJumps(): void {
    const code = this.code;
    for (const p of this.brSites) {
      const t = code[p] >>> OP_BITS, op = code[t] & OP_MASK;
      if (op === K.Return || op === K.Ret32 || op === K.Ret64 || op === K.RetR) code[p] = code[t];
    }
  }

  /**
   * Sets a branch target. `ref` names where it goes: a code index (a whole word, as in br_table), or
   * ~index for field A of the word at index.
   */
  private setTarget(ref: number, t: number): void {
    if (ref >= 0) this.code[ref] = t;
    else this.code[~ref] = w0(this.code[~ref] & OP_MASK, t);
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
      if (is64(t)) this.code.push(w0(K.Const64, dst), this.sLoc[i], this.sHi[i]);
      else this.code.push(w0(K.Const32, dst), this.sLoc[i]);
      return;
    }
    const src = k === LOCAL ? this.sLoc[i] : this.home(i);
    if (src !== dst) this.code.push(w0(movOp(t), dst), src);
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

  /** operand(i) for a 16-bit field: in far mode, an operand beyond the limit goes via scratch slot k. */
  private operand16(i: number, k: number): number {
    const w = this.operand(i);
    if (w < FIELD_LIMIT) return w;
    const sw = this.scratch + 2 * k;
    this.code.push(w0(movOp(this.sType[i]), sw), w);
    return sw;
  }

  /** Pops n operands (1: unary [op|d, a], 2: binary [op|d, a|b], 3: select [op|d, a|b, c]) and
   *  pushes the result of type rt. */
  private simple(op: number, rt: number, nOps: number): void {
    const h = this.h - nOps;
    let a: number, b = 0, c = 0;
    if (nOps === 1) a = this.operand(h);
    else { a = this.operand16(h, 0); b = this.operand16(h + 1, 1); if (nOps === 3) c = this.operand(h + 2); }
    this.h = h;
    const st = this.code.length;
    const d = this.pushHome(rt);
    if (nOps === 1) this.code.push(w0(op, d), a);
    else if (nOps === 2) this.code.push(w0(op, d), x2(a, b));
    else this.code.push(w0(op, d), x2(a, b), c);
    this.setLast(st);
  }

  /** A cold-layout instruction with a result: [op, d, ...imms, ...operands]. */
  private coldResult(op: number, rt: number, nOps: number, imms: number[]): void {
    const h = this.h - nOps;
    const words: number[] = [];
    for (let i = 0; i < nOps; i++) words.push(this.operand(h + i));
    this.h = h;
    const st = this.code.length;
    const d = this.pushHome(rt);
    this.code.push(op, d, ...imms, ...words);
    this.setLast(st);
    this.lastDestWord1 = true;
  }

  private setLast(st: number): void {
    this.lastStart = st; this.lastEnd = this.code.length; this.lastH = this.h - 1; this.lastDestWord1 = false;
  }
  /** Makes the last instruction write its result to word offset w instead. */
  private retargetLast(w: number): void {
    const st = this.lastStart;
    if (this.lastDestWord1) this.code[st + 1] = w;
    else this.code[st] = w0(this.code[st] & OP_MASK, w);
  }
  private clearLast(): void { this.lastEnd = -1; }
  /** Was entry i (HOME) produced by the last emitted instruction, with nothing emitted since? */
  private isLast(i: number): boolean {
    return this.lastEnd === this.code.length && this.lastH === i && this.sKind[i] === HOME;
  }

  /** Emits a cold-layout instruction with no result: [op, ...prefix, operands of the top n entries...]. */
  private sink(op: number, nOps: number, prefix: number[]): void {
    const h = this.h - nOps;
    const words: number[] = [];
    for (let i = 0; i < nOps; i++) words.push(this.operand(h + i));
    this.h = h;
    this.code.push(op, ...prefix, ...words);
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
    const c: Ctrl = { kind, start: this.h - params.length, params, results, head: this.code.length, fixups: [], elseFix: 0, unreachable: false };
    this.ctrl.push(c);
    return c;
  }

  private labelTypes(c: Ctrl): readonly ValType[] { return c.kind === Kind.Loop ? c.params : c.results; }

  /** Registers a branch target (a `setTarget` ref) to label c. */
  private target(c: Ctrl, ref: number): void {
    if (c.kind === Kind.Loop) this.setTarget(ref, c.head); else c.fixups.push(ref);
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
    this.code.push(K.Br);
    this.brSites.push(this.code.length - 1);
    this.target(c, ~(this.code.length - 1));
  }

  /** Moves the results to slots 0.. and returns. Leaves the stack state unchanged. */
  private ret(): void {
    const n = this.type.results.length, base = this.h - n, code = this.code;
    if (n === 1 && this.sKind[base] !== CONST) {
      const t = this.sType[base];
      code.push(w0(isRefType(t) ? K.RetR : is64(t) ? K.Ret64 : K.Ret32, this.sKind[base] === LOCAL ? this.sLoc[base] : this.home(base)));
      return;
    }
    // A result read from a local that the result moves overwrite goes through its home slot first.
    const viaHome: boolean[] = [];
    for (let k = 0; k < n; k++) {
      const i = base + k;
      if (this.sKind[i] === LOCAL && this.sLoc[i] < 2 * n) {
        code.push(w0(movOp(this.sType[i]), this.home(i)), this.sLoc[i]);
        viaHome[k] = true;
      }
    }
    for (let k = 0; k < n; k++) {
      const i = base + k;
      if (viaHome[k]) code.push(w0(movOp(this.sType[i]), 2 * k), this.home(i));
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
   * `negate`) and returns the target's `setTarget` ref; otherwise 0 (never a valid ref).
   */
  private fuseJump(i: number, negate: boolean): number {
    if (!this.isLast(i) || this.lastDestWord1) return 0;
    const code = this.code, st = this.lastStart, op = code[st] & OP_MASK;
    if (op === 0x45) { // i32.eqz [op|d, a] -> [BrIf/BrUnless|t, a]
      code[st] = negate ? K.BrIf : K.BrUnless;
    } else if (op === 0x50) { // i64.eqz likewise
      code[st] = negate ? K.BrNZ64 : K.BrZ64;
    } else if (op === K.I32AndI) { // [and|d, a|imm] -> [JAnd|t, a|imm]
      code[st] = negate ? K.JAndZ : K.JAndNZ;
    } else if ((op >= 0x46 && op <= 0x4f) || (op >= K.I32EqI && op < K.I32EqI + 10)) {
      // [cmp|d, a|b] -> [jcmp|t, a|b]
      const withImm = op >= K.I32EqI;
      let k = withImm ? op - K.I32EqI : op - 0x46;
      if (negate) k = NEGATE_CMP[k];
      code[st] = (withImm ? K.JEqI : K.JEq) + k;
    } else if ((op >= 0x51 && op <= 0x5a) || (op >= K.I64EqI && op < K.I64EqI + 10)) {
      // i64: [cmp|d, a|b] -> [jcmp|t, a|b]; [cmpi|d, a, lo, hi] -> [jcmpi|t, a, lo, hi]
      const withImm = op >= K.I64EqI;
      let k = withImm ? op - K.I64EqI : op - 0x51;
      if (negate) k = NEGATE_CMP[k];
      code[st] = (withImm ? K.JEq64I : K.JEq64) + k;
    } else return 0;
    this.clearLast();
    return ~st;
  }

  /** Emits [op|t, cond] for the condition entry i (just popped); returns the target's ref. */
  private condJump(op: number, i: number): number {
    const w = this.operand(i);
    this.code.push(op, w);
    return ~(this.code.length - 2);
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
        let ref = 0;
        let clean = true;
        for (let j = 0; j < i; j++) if (this.sKind[j] !== HOME) { clean = false; break; }
        if (clean) ref = this.fuseJump(i, true);
        if (ref === 0) { this.materializeAll(); ref = this.condJump(K.BrUnless, i); }
        this.pushCtrl(Kind.If, imm.a).elseFix = ref;
        return;
      }
      case Op.Else: {
        const c = this.ctrl[this.ctrl.length - 1];
        if (!c.unreachable) {
          for (let i = c.start; i < this.h; i++) this.materialize(i);
          code.push(K.Br);
          this.brSites.push(code.length - 1);
          c.fixups.push(~(code.length - 1));
        }
        this.setTarget(c.elseFix, code.length);
        c.elseFix = 0;
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
        if (c.elseFix !== 0) this.setTarget(c.elseFix, code.length);
        for (const p of c.fixups) this.setTarget(p, code.length);
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
          let ref = this.fuseJump(i, false);
          if (ref === 0) ref = this.condJump(K.BrIf, i);
          this.target(c, ref);
        } else {
          let ref = this.fuseJump(i, true);
          if (ref === 0) ref = this.condJump(K.BrUnless, i);
          this.branch(c);
          this.setTarget(ref, code.length);
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
        const base = code.length + 2;
        code.push(w0(K.BrTable, w), n);
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
        this.call(ft, K.Call, [imm.a], -1);
        return;
      }
      case Op.CallIndirect: {
        const ft = this.m.types[imm.a];
        const i = --this.h;
        const w = this.operand(i);
        this.call(ft, K.CallIndirect, [imm.a, imm.b], w);
        return;
      }
      case Op.Drop: this.h--; return;
      case Op.Select: case Op.SelectT: {
        const t = this.sType[this.h - 2];
        this.simple(isRefType(t) ? K.SelectR : is64(t) ? K.Select64 : K.Select32, t, 3);
        return;
      }
      case Op.LocalGet: this.push(LOCAL, this.localTypes[imm.a], this.localWord[imm.a], 0); return;
      case Op.LocalSet: case Op.LocalTee: this.setLocal(imm.a, op === Op.LocalTee); return;
      case Op.GlobalGet: {
        const t = this.info.globalTypes[imm.a];
        const k = isRefType(t) ? K.GlobalGetR : is64(t) ? K.GlobalGet64 : K.GlobalGet32;
        const st = code.length;
        code.push(w0(k, this.pushHome(t)), imm.a);
        this.setLast(st);
        return;
      }
      case Op.GlobalSet: {
        const t = this.info.globalTypes[imm.a];
        const a = this.operand(--this.h);
        code.push(w0(isRefType(t) ? K.GlobalSetR : is64(t) ? K.GlobalSet64 : K.GlobalSet32, a), imm.a);
        return;
      }
      case Op.TableGet: this.coldResult(K.TableGet, this.elemType(imm.a), 1, [imm.a]); return;
      case Op.TableSet: this.sink(K.TableSet, 2, [imm.a]); return;
      case Op.MemorySize: this.coldResult(K.MemorySize, ValType.I32, 0, []); return;
      case Op.MemoryGrow: this.coldResult(K.MemoryGrow, ValType.I32, 1, []); return;
      case Op.I32Const: this.push(CONST, ValType.I32, imm.a | 0, 0); return;
      case Op.I64Const: this.push(CONST, ValType.I64, imm.a | 0, imm.b | 0); return;
      case Op.F32Const: this.push(CONST, ValType.F32, imm.a | 0, 0); return;
      case Op.F64Const: this.push(CONST, ValType.F64, imm.a | 0, imm.b | 0); return;
      case Op.RefNull: this.coldResult(K.RefNull, imm.a, 0, []); return;
      case Op.RefIsNull: this.coldResult(K.RefIsNull, ValType.I32, 1, []); return;
      case Op.RefFunc: this.coldResult(K.RefFunc, ValType.FuncRef, 0, [imm.a]); return;
      case Op.MemoryInit: this.sink(K.MemoryInit, 3, [imm.a]); return;
      case Op.DataDrop: code.push(K.DataDrop, imm.a); return;
      case Op.MemoryCopy: this.sink(K.MemoryCopy, 3, []); return;
      case Op.MemoryFill: this.sink(K.MemoryFill, 3, []); return;
      case Op.TableInit: this.sink(K.TableInit, 3, [imm.b, imm.a]); return;
      case Op.ElemDrop: code.push(K.ElemDrop, imm.a); return;
      case Op.TableCopy: this.sink(K.TableCopy, 3, [imm.a, imm.b]); return;
      case Op.TableGrow: this.coldResult(K.TableGrow, ValType.I32, 2, [imm.a]); return;
      case Op.TableSize: this.coldResult(K.TableSize, ValType.I32, 0, [imm.a]); return;
      case Op.TableFill: this.sink(K.TableFill, 3, [imm.a]); return;
      case Op.AtomicFence: return; // one thread runs at a time: nothing to order
    }
    if (op >= 0xfe00) { this.atomic(op, imm.b | 0); return; }
    if (op >= 0x28 && op <= 0x35) { this.load(op, imm.b); return; }
    if (op >= 0x36 && op <= 0x3e) { this.store(op, imm.b); return; }
    this.numeric(op);
  }

  /** The address operand (entry i) as a slot with the static offset folded in when it does not fit
   *  16 bits: [Ea|tmp, a, offset] into the entry's home slot. Returns [slot, offset left]. */
  private address(i: number, offset: number): [number, number] {
    if (offset < 0x10000) return [this.operand16(i, 0), offset];
    const a = this.operand(i), d = this.home(i);
    this.code.push(w0(K.Ea, d), a, offset | 0);
    this.sKind[i] = HOME;
    return [d, 0];
  }

  /**
   * If entry i is the result of the i32.add or AddShl just emitted, and offset fits 16 bits: turns
   * that instruction into `op` [op|A, a|b, offset|k<<16] (A filled in by the caller) and returns its
   * position; otherwise -1.
   */
  private fuseAddress(i: number, offset: number, op: number): number {
    if (op === 0 || offset >= 0x10000 || !this.isLast(i) || this.lastDestWord1) return -1;
    const code = this.code, st = this.lastStart, last = code[st] & OP_MASK;
    if (last === 0x6a) code.push(offset);
    else if (last === K.AddShl) code[st + 2] = offset | (code[st + 2] << 16);
    else return -1;
    code[st] = op;
    this.clearLast();
    // A trap in the fused instruction is the load's or store's: map its start to that offset.
    const m = this.pcMap, off = m[m.length - 1];
    if (m[m.length - 2] > st) m.length -= 2;
    if (m[m.length - 2] === st) m[m.length - 1] = off; else m.push(st, off);
    return st;
  }

  /** A load [op|d, a|offset], or an indexed one. */
  private load(op: number, offset: number): void {
    const rt = valTypeByName(opInfo(op)!.results![0])!;
    const i = this.h - 1;
    const st = this.fuseAddress(i, offset, IDX_FORM[op]);
    if (st >= 0) {
      this.h = i;
      this.code[st] = w0(this.code[st], this.pushHome(rt));
      this.setLast(st);
      return;
    }
    const [a, off] = this.address(i, offset);
    this.h = i;
    const at = this.code.length;
    const d = this.pushHome(rt);
    this.code.push(w0(op, d), x2(a, off));
    this.setLast(at);
  }

  /** A store [op|a, v|offset], an indexed one, or one of a constant. */
  private store(op: number, offset: number): void {
    const i = this.h - 2, vi = i + 1;
    if (this.sKind[vi] !== CONST) {
      const st = this.fuseAddress(i, offset, IDX_FORM[op]);
      if (st >= 0) {
        this.code[st] = w0(this.code[st], this.operand(vi));
        this.h = i;
        return;
      }
    } else if (IMM_STORE[op] !== 0 && offset < 0x10000 && fitsI16(this.sLoc[vi])) {
      const imm = this.sLoc[vi];
      const [a] = this.address(i, offset);
      this.h = i;
      this.code.push(w0(IMM_STORE[op], a), x2(offset, imm));
      return;
    }
    const v = this.operand16(vi, 1);
    const [a, off] = this.address(i, offset);
    // An Ea into the address's home slot cannot have overwritten v: v is the entry above it.
    this.h = i;
    this.code.push(w0(op, a), x2(v, off));
  }

  /**
   * A 0xFE operator other than atomic.fence: [Atomic, d, sub, offset, operands…] when it has a
   * result, [AtomicStore, sub, offset, addr, value] for the stores (exec/atomics.ts runs both).
   */
  private atomic(op: number, offset: number): void {
    const info = opInfo(op)!, sub = op & 0xff;
    if (info.results!.length === 0) { this.sink(K.AtomicStore, 2, [sub, offset]); return; }
    this.coldResult(K.Atomic, valTypeByName(info.results![0])!, info.params!.length, [sub, offset]);
  }

  private elemType(table: number): ValType {
    let n = 0;
    for (const im of this.m.imports) {
      if (im.desc.kind === 1 /* Table */) { if (n === table) return im.desc.type.elem; n++; }
    }
    return this.m.tables[table - n].elem;
  }

  /** [op|argBase, ...imms, index?] */
  private call(ft: FuncType, op: number, imms: number[], indexWord: number): void {
    const n = ft.params.length, base = this.h - n;
    for (let i = base; i < this.h; i++) this.materialize(i);
    const argBase = this.home(base);
    this.code.push(w0(op, argBase), ...imms);
    if (indexWord >= 0) this.code.push(indexWord);
    this.h = base;
    for (const t of ft.results) this.pushHome(t);
    this.clearLast();
  }

  private setLocal(x: number, tee: boolean): void {
    const w = this.localWord[x], top = this.h - 1;
    // Other entries still reading this local must get their own copy first.
    let shared = false;
    for (let i = 0; i < top; i++) if (this.sKind[i] === LOCAL && this.sLoc[i] === w) { shared = true; break; }
    if (!shared && this.isLast(top)) {
      // The value was just computed into its home slot: compute it straight into the local.
      this.retargetLast(w);
      this.clearLast();
      if (tee) { this.sKind[top] = LOCAL; this.sLoc[top] = w; } else this.h--;
      return;
    }
    for (let i = 0; i < top; i++) if (this.sKind[i] === LOCAL && this.sLoc[i] === w) this.materialize(i);
    this.moveTo(top, w);
    if (!tee) this.h--;
  }

  /**
   * i32.add of the result of the i32.shl-by-constant just emitted (either operand) and an operand
   * that is not a pending constant: rewrites the shift into AddShl [op|d, a|b, k].
   */
  private fuseAddShl(): boolean {
    const top = this.h - 1;
    let shifted: number;
    if (this.isLast(top)) shifted = top;
    else if (this.isLast(top - 1)) shifted = top - 1;
    else return false;
    const other = shifted === top ? top - 1 : top;
    const code = this.code, st = this.lastStart;
    if ((code[st] & OP_MASK) !== K.I32ShlI || this.sKind[other] === CONST) return false;
    const a = this.operand16(other, 0);
    if (this.code.length !== this.lastEnd) return false; // a far-mode copy was emitted: keep both
    const x = code[st + 1];
    this.h -= 2;
    const d = this.pushHome(ValType.I32);
    code[st] = w0(K.AddShl, d);
    code[st + 1] = x2(a, x & 0xffff);
    code.push(x >>> 16);
    this.setLast(st);
    return true;
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
    if (op === 0x6a && this.fuseAddShl()) return;
    if (n === 2) {
      const immOp = IMM_FORM[op];
      const top = this.h - 1;
      if (immOp !== 0 && this.sKind[top] === CONST && this.sType[top] === ValType.I32) {
        let v = this.sLoc[top];
        if (op === 0x6b) v = -v | 0;
        else if (op >= 0x74 && op <= 0x76) v &= 31;
        const wide = !fitsI16(v);
        // Wide constants: [op|d, a, imm32] for add/mul/and/or/xor; compares take the plain form.
        if (!wide || immOp < K.I32ShlI) {
          this.h--;
          const a = wide ? this.operand(top - 1) : this.operand16(top - 1, 0);
          this.h--;
          const st = this.code.length;
          const d = this.pushHome(rt);
          if (wide) this.code.push(w0(immOp + WIDE_IMM, d), a, v);
          else this.code.push(w0(immOp, d), x2(a, v));
          this.setLast(st);
          return;
        }
      }
      const immOp64 = IMM_FORM64[op];
      if (immOp64 !== 0 && this.sKind[top] === CONST && this.sType[top] === ValType.I64) {
        let lo = this.sLoc[top], hi = this.sHi[top];
        if (op === 0x7d) { hi = (~hi + (lo === 0 ? 1 : 0)) | 0; lo = -lo | 0; }
        const shift = op >= 0x86 && op <= 0x88;
        this.h--;
        const a = shift ? this.operand16(top - 1, 0) : this.operand(top - 1);
        this.h--;
        const st = this.code.length;
        const d = this.pushHome(rt);
        if (shift) this.code.push(w0(immOp64, d), x2(a, lo & 63));
        else this.code.push(w0(immOp64, d), a, lo, hi);
        this.setLast(st);
        return;
      }
    }
    this.simple(internal, rt, n);
  }
}

// Function-body validation: the spec appendix's operand-stack / control-stack algorithm, run directly
// over the body bytes with typed-array stacks (no allocation per instruction). Operators with a fixed
// signature in opcodes.ts go through one table-driven path; the rest are written out below.
import { CompileError } from '../errors.js';
import { Reader } from '../binary/reader.js';
import { Imm, Op } from '../opcodes.js';
import { ValType, type FuncBody } from '../types.js';
import { UNKNOWN, blockSig, type Ctx } from './context.js';
import { ATOMIC_SLOTS, immKind, natAlign, nParams, params, result, slotOf } from './optable.js';

const K_BLOCK = 0, K_LOOP = 1, K_IF = 2, K_ELSE = 3, K_FUNC = 4;
const I32 = ValType.I32;
/** Above this many locals, local types are looked up by run instead of a flat array. */
const FLAT_LOCALS = 1 << 20;

/** Facts learned while validating one body, for the compiler. */
export interface BodyFacts {
  /** Maximum operand stack height (values, not counting locals). */
  maxStack: number;
  /** Maximum control nesting depth, including the function frame. */
  maxDepth: number;
}

export class BodyValidator {
  private vals = new Uint8Array(256);
  private sp = 0;
  private maxSp = 0;
  private kinds = new Uint8Array(32);
  private sigs = new Int32Array(32);
  private heights = new Int32Array(32);
  private unreach = new Uint8Array(32);
  private csp = 0;
  private maxCsp = 0;
  private localTypes = new Uint8Array(256);
  private nLocals = 0;
  private runEnds: Float64Array | null = null;
  private runTypes: Uint8Array | null = null;
  private scratch = new Uint8Array(16);
  private at = 0;
  private funcIndex = 0;
  private c: Ctx;

  constructor(c: Ctx) { this.c = c; }

  private fail(msg: string): never {
    throw new CompileError(msg, this.at, 'invalid', `function ${this.funcIndex}`);
  }
  private malformed(msg: string): never {
    throw new CompileError(msg, this.at, 'malformed', `function ${this.funcIndex}`);
  }

  // ---- operand stack ----
  private push(t: number): void {
    if (this.sp === this.vals.length) { const v = new Uint8Array(this.sp * 2); v.set(this.vals); this.vals = v; }
    this.vals[this.sp++] = t;
    if (this.sp > this.maxSp) this.maxSp = this.sp;
  }
  private pop(): number {
    const f = this.csp - 1;
    if (this.sp === this.heights[f]) {
      if (this.unreach[f]) return UNKNOWN;
      this.fail('type mismatch');
    }
    return this.vals[--this.sp];
  }
  private popExpect(t: number): number {
    const a = this.pop();
    if (a !== t && a !== UNKNOWN && t !== UNKNOWN) this.fail('type mismatch');
    return a;
  }
  private pushTypes(ts: Uint8Array): void { for (let i = 0; i < ts.length; i++) this.push(ts[i]); }
  private popTypes(ts: Uint8Array): void { for (let i = ts.length - 1; i >= 0; i--) this.popExpect(ts[i]); }
  /** pop_vals then push_vals of what was popped (br_table's per-label check). */
  private popPush(ts: Uint8Array): void {
    const n = ts.length;
    if (this.scratch.length < n) this.scratch = new Uint8Array(n * 2);
    const s = this.scratch;
    for (let i = n - 1; i >= 0; i--) s[i] = this.popExpect(ts[i]);
    for (let i = 0; i < n; i++) this.push(s[i]);
  }

  // ---- control stack ----
  private pushCtrl(kind: number, sig: number): void {
    const n = this.csp;
    if (n === this.kinds.length) {
      const k = new Uint8Array(n * 2); k.set(this.kinds); this.kinds = k;
      const s = new Int32Array(n * 2); s.set(this.sigs); this.sigs = s;
      const h = new Int32Array(n * 2); h.set(this.heights); this.heights = h;
      const u = new Uint8Array(n * 2); u.set(this.unreach); this.unreach = u;
    }
    this.kinds[n] = kind; this.sigs[n] = sig; this.heights[n] = this.sp; this.unreach[n] = 0;
    this.csp = n + 1;
    if (this.csp > this.maxCsp) this.maxCsp = this.csp;
    this.pushTypes(this.c.sigParams[sig]);
  }
  private popCtrl(): void {
    const f = this.csp - 1;
    this.popTypes(this.c.sigResults[this.sigs[f]]);
    if (this.sp !== this.heights[f]) this.fail('type mismatch');
    this.csp = f;
  }
  /** Frame index for label `l`, failing with "unknown label". */
  private label(l: number): number {
    if (l >= this.csp) this.fail(`unknown label ${l}`);
    return this.csp - 1 - l;
  }
  private labelTypes(f: number): Uint8Array {
    return this.kinds[f] === K_LOOP ? this.c.sigParams[this.sigs[f]] : this.c.sigResults[this.sigs[f]];
  }
  private setUnreachable(): void {
    const f = this.csp - 1;
    this.sp = this.heights[f];
    this.unreach[f] = 1;
  }

  // ---- locals ----
  private setupLocals(ps: Uint8Array, body: FuncBody): void {
    let total = ps.length;
    for (const run of body.locals) total += run.count;
    this.nLocals = total;
    if (total <= FLAT_LOCALS) {
      this.runEnds = this.runTypes = null;
      if (this.localTypes.length < total) this.localTypes = new Uint8Array(Math.max(total, this.localTypes.length * 2));
      const lt = this.localTypes;
      lt.set(ps, 0);
      let i = ps.length;
      for (const run of body.locals) { lt.fill(run.type, i, i + run.count); i += run.count; }
    } else {
      const n = ps.length + body.locals.length;
      const ends = new Float64Array(n), types = new Uint8Array(n);
      let end = 0, k = 0;
      for (let i = 0; i < ps.length; i++) { ends[k] = ++end; types[k++] = ps[i]; }
      for (const run of body.locals) { end += run.count; ends[k] = end; types[k++] = run.type; }
      this.runEnds = ends; this.runTypes = types;
    }
  }
  private localType(x: number): number {
    if (x >= this.nLocals) this.fail(`unknown local ${x}`);
    const ends = this.runEnds;
    if (ends === null) return this.localTypes[x];
    let lo = 0, hi = ends.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (x < ends[mid]) hi = mid; else lo = mid + 1; }
    return this.runTypes![lo];
  }

  // ---- index checks ----
  private table(x: number): number {
    if (x >= this.c.tableElem.length) this.fail(`unknown table ${x}`);
    return this.c.tableElem[x];
  }
  private memory(x: number): void {
    if (x >= this.c.nMems) this.fail(`unknown memory ${x}`);
  }
  private elem(x: number): number {
    if (x >= this.c.elemType.length) this.fail(`unknown elem segment ${x}`);
    return this.c.elemType[x];
  }
  private data(x: number): void {
    if (x >= this.c.nDatas) this.fail(`unknown data segment ${x}`);
  }
  private readBlockSig(r: Reader): number {
    const bt = r.s33();
    const sig = blockSig(this.c, bt);
    if (sig === -1) this.fail(`unknown type ${bt}`);
    if (sig === -2) this.malformed('malformed value type');
    return sig;
  }
  private skipLeb(r: Reader): void {
    const b = r.bytes, end = r.end;
    let p = r.pos;
    while (p < end && (b[p] & 0x80)) p++;
    if (p >= end) { this.at = r.base + end; this.malformed('unexpected end'); }
    r.pos = p + 1;
  }

  /** Validates the body of function `funcIndex` (function index space). */
  validate(funcIndex: number, body: FuncBody): BodyFacts {
    const c = this.c;
    this.funcIndex = funcIndex;
    const typeIdx = c.funcType[funcIndex];
    this.setupLocals(c.sigParams[typeIdx], body);
    const code = body.code, base = body.offset, end = code.length;
    const r = new Reader(code, 0, end, base);
    // The function frame: no start types (parameters are locals), end types are the results.
    this.sp = 0; this.maxSp = 0;
    this.kinds[0] = K_FUNC; this.sigs[0] = typeIdx; this.heights[0] = 0; this.unreach[0] = 0;
    this.csp = 1; this.maxCsp = 1;

    for (;;) {
      if (r.pos >= end) { this.at = base + end; this.malformed('unexpected end'); }
      const start = r.pos;
      this.at = base + start;
      let op = code[r.pos++];
      if (op === 0xfc || op === 0xfe) {
        const sub = r.u32();
        if (sub > 0xff) this.malformed('illegal opcode');
        op = (op << 8) | sub;
      }
      switch (op) {
        case Op.Unreachable: this.setUnreachable(); break;
        case Op.Nop: break;
        case Op.Block: case Op.Loop: {
          const sig = this.readBlockSig(r);
          this.popTypes(c.sigParams[sig]);
          this.pushCtrl(op === Op.Block ? K_BLOCK : K_LOOP, sig);
          break;
        }
        case Op.If: {
          const sig = this.readBlockSig(r);
          this.popExpect(I32);
          this.popTypes(c.sigParams[sig]);
          this.pushCtrl(K_IF, sig);
          break;
        }
        case Op.Else: {
          const f = this.csp - 1;
          if (this.kinds[f] !== K_IF) this.malformed('else without matching if');
          const sig = this.sigs[f];
          this.popCtrl();
          this.pushCtrl(K_ELSE, sig);
          break;
        }
        case Op.End: {
          const f = this.csp - 1;
          const kind = this.kinds[f], sig = this.sigs[f];
          this.popCtrl();
          // An `if` without `else` behaves as if its else branch were empty: params must equal results.
          if (kind === K_IF) { this.pushCtrl(K_ELSE, sig); this.popCtrl(); }
          if (this.csp === 0) {
            if (r.pos !== end) this.malformed('section size mismatch');
            return { maxStack: this.maxSp, maxDepth: this.maxCsp };
          }
          this.pushTypes(c.sigResults[sig]);
          break;
        }
        case Op.Br: {
          const f = this.label(r.u32());
          this.popTypes(this.labelTypes(f));
          this.setUnreachable();
          break;
        }
        case Op.BrIf: {
          const f = this.label(r.u32());
          this.popExpect(I32);
          const lt = this.labelTypes(f);
          this.popTypes(lt);
          this.pushTypes(lt);
          break;
        }
        case Op.BrTable: {
          const n = r.u32();
          const first = r.pos;
          for (let i = 0; i < n; i++) this.skipLeb(r);
          const fm = this.label(r.u32());
          const after = r.pos;
          this.popExpect(I32);
          const arity = this.labelTypes(fm).length;
          r.pos = first;
          for (let i = 0; i < n; i++) {
            const lt = this.labelTypes(this.label(r.u32()));
            if (lt.length !== arity) this.fail('type mismatch');
            this.popPush(lt);
          }
          r.pos = after;
          this.popTypes(this.labelTypes(fm));
          this.setUnreachable();
          break;
        }
        case Op.Return:
          this.popTypes(c.sigResults[this.sigs[0]]);
          this.setUnreachable();
          break;
        case Op.Call: {
          const x = r.u32();
          if (x >= c.funcType.length) this.fail(`unknown function ${x}`);
          const t = c.funcType[x];
          this.popTypes(c.sigParams[t]);
          this.pushTypes(c.sigResults[t]);
          break;
        }
        case Op.CallIndirect: {
          const y = r.u32();
          const x = r.u32();
          const et = this.table(x);
          if (y >= c.nTypes) this.fail(`unknown type ${y}`);
          if (et !== ValType.FuncRef) this.fail('type mismatch');
          this.popExpect(I32);
          this.popTypes(c.sigParams[y]);
          this.pushTypes(c.sigResults[y]);
          break;
        }
        case Op.Drop: this.pop(); break;
        case Op.Select: {
          this.popExpect(I32);
          const t1 = this.pop(), t2 = this.pop();
          if (!isNumOrUnknown(t1) || !isNumOrUnknown(t2)) this.fail('type mismatch');
          if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail('type mismatch');
          this.push(t1 === UNKNOWN ? t2 : t1);
          break;
        }
        case Op.SelectT: {
          const n = r.u32();
          if (n !== 1) this.fail('invalid result arity');
          const t = r.u8();
          this.popExpect(I32);
          this.popExpect(t);
          this.popExpect(t);
          this.push(t);
          break;
        }
        case Op.LocalGet: this.push(this.localType(r.u32())); break;
        case Op.LocalSet: this.popExpect(this.localType(r.u32())); break;
        case Op.LocalTee: {
          const t = this.localType(r.u32());
          this.popExpect(t);
          this.push(t);
          break;
        }
        case Op.GlobalGet: {
          const x = r.u32();
          if (x >= c.globalType.length) this.fail(`unknown global ${x}`);
          this.push(c.globalType[x]);
          break;
        }
        case Op.GlobalSet: {
          const x = r.u32();
          if (x >= c.globalType.length) this.fail(`unknown global ${x}`);
          if (!c.globalMut[x]) this.fail('global is immutable');
          this.popExpect(c.globalType[x]);
          break;
        }
        case Op.TableGet: {
          const t = this.table(r.u32());
          this.popExpect(I32);
          this.push(t);
          break;
        }
        case Op.TableSet: {
          const t = this.table(r.u32());
          this.popExpect(t);
          this.popExpect(I32);
          break;
        }
        case Op.RefNull: {
          const t = r.u8();
          if (t !== ValType.FuncRef && t !== ValType.ExternRef) this.malformed('malformed reference type');
          this.push(t);
          break;
        }
        case Op.RefIsNull: {
          const t = this.pop();
          if (t !== UNKNOWN && t !== ValType.FuncRef && t !== ValType.ExternRef) this.fail('type mismatch');
          this.push(I32);
          break;
        }
        case Op.RefFunc: {
          const x = r.u32();
          if (x >= c.funcType.length) this.fail(`unknown function ${x}`);
          if (!c.refs[x]) this.fail('undeclared function reference');
          this.push(ValType.FuncRef);
          break;
        }
        case Op.TableInit: {
          const y = r.u32();
          const t = this.table(r.u32());
          if (this.elem(y) !== t) this.fail('type mismatch');
          this.popExpect(I32); this.popExpect(I32); this.popExpect(I32);
          break;
        }
        case Op.ElemDrop: this.elem(r.u32()); break;
        case Op.TableCopy: {
          const t1 = this.table(r.u32());
          const t2 = this.table(r.u32());
          if (t1 !== t2) this.fail('type mismatch');
          this.popExpect(I32); this.popExpect(I32); this.popExpect(I32);
          break;
        }
        case Op.TableGrow: {
          const t = this.table(r.u32());
          this.popExpect(I32);
          this.popExpect(t);
          this.push(I32);
          break;
        }
        case Op.TableSize: this.table(r.u32()); this.push(I32); break;
        case Op.TableFill: {
          const t = this.table(r.u32());
          this.popExpect(I32);
          this.popExpect(t);
          this.popExpect(I32);
          break;
        }
        default: {
          // Operators with a fixed signature: immediates first, then pop params, push the result.
          const s = slotOf(op);
          const np = nParams[s];
          if (np === 255) this.malformed('illegal opcode');
          switch (immKind[s]) {
            case Imm.None: break;
            case Imm.MemArg: {
              const align = r.u32();
              r.u32();
              this.memory(0);
              if (s >= ATOMIC_SLOTS) {
                if (align !== natAlign[s]) this.fail('atomic alignment must be natural');
              } else if (align > natAlign[s]) this.fail('alignment must not be larger than natural');
              break;
            }
            case Imm.Fence: if (r.u8() !== 0) this.malformed('zero byte expected'); break;
            case Imm.Memory: this.memory(r.u8()); break;
            case Imm.I32: case Imm.I64: this.skipLeb(r); break;
            case Imm.F32: case Imm.F64: {
              const n = immKind[s] === Imm.F32 ? 4 : 8;
              if (r.pos + n > end) { this.at = base + end; this.malformed('unexpected end'); }
              r.pos += n;
              break;
            }
            case Imm.MemoryInit: {
              const d = r.u32();
              this.memory(r.u8());
              this.data(d);
              break;
            }
            case Imm.Data: this.data(r.u32()); break;
            case Imm.MemoryCopy: this.memory(r.u8()); this.memory(r.u8()); break;
            default: this.malformed('illegal opcode');
          }
          const base3 = s * 3;
          for (let i = np - 1; i >= 0; i--) this.popExpect(params[base3 + i]);
          const res = result[s];
          if (res !== 0) this.push(res);
        }
      }
    }
  }
}

function isNumOrUnknown(t: number): boolean {
  return t === UNKNOWN || (t >= ValType.V128 && t <= ValType.I32);
}

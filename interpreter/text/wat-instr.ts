// Instruction encoder of the text parser: plain and folded instructions, structured control with
// labels and block types, and every immediate kind, written straight to binary code bytes.
import { Imm, opByName, OpInfo } from '../opcodes.js';
import { Tok } from './lexer.js';
import { Buf } from './buf.js';
import { Cursor } from './cursor.js';
import { RangeFail, parseI32, parseI64, parseU32 } from './literals.js';
import { parseF32, parseF64 } from './float-literal.js';
import { ModCtx, isIndex, u32, valType } from './wat-context.js';
import { SimdImm, SimdOp, simdOp } from './simd-ops.js';
import { SHAPES, writeLane } from './v128-literal.js';

/** Per-body state: local names and the label stack (innermost last; null for unnamed blocks). */
export class BodyCtx {
  readonly labels: (string | null)[] = [];
  constructor(readonly locals: Map<string, number> = new Map()) {}
}

export class InstrEncoder {
  readonly c: Cursor;
  constructor(readonly m: ModCtx, readonly f: BodyCtx, readonly out: Buf) { this.c = m.c; }

  /** Instructions up to (not including) `)`, `end`, `else` or the end of input. */
  instrs(): void {
    const c: Cursor = this.c;
    for (;;) {
      const k = c.k();
      if (k === Tok.LParen) { this.folded(); continue; }
      if (k === Tok.Atom) {
        if (c.isKw('end') || c.isKw('else')) return;
        this.plain();
        continue;
      }
      if (k === Tok.RParen || k === Tok.Eof) return;
      c.unexpected();
    }
  }

  /** A constant expression body (instructions then `end`), e.g. a global initializer. */
  expr(): void {
    this.instrs();
    this.out.u8(0x0b);
  }

  /** A single folded instruction `( … )`. */
  one(): void {
    if (!this.c.isLParen()) this.c.unexpected();
    this.folded();
  }

  private op(name: string, at: number): OpInfo | SimdOp {
    const info = name === 'select_t' ? undefined : opByName(name) ?? simdOp(name);
    if (info === undefined) this.c.unexpected(at);
    return info;
  }

  private emitOpcode(code: number): void {
    if (code < 0x100) this.out.u8(code);
    else { this.out.u8(code >> 8); this.out.u32(code & 0xff); }
  }

  /** A plain (flat) instruction, or a flat block/loop/if with its `end`. */
  private plain(): void {
    const c: Cursor = this.c;
    const at = c.i;
    const name = c.text(c.i++);
    if (name === 'block' || name === 'loop' || name === 'if') { this.flatBlock(name); return; }
    this.immediates(this.op(name, at));
  }

  private flatBlock(name: string): void {
    const c: Cursor = this.c, out = this.out;
    const label = this.label();
    const bt = this.blockType();
    out.u8(name === 'block' ? 0x02 : name === 'loop' ? 0x03 : 0x04);
    this.emitBlockType(bt);
    this.instrs();
    if (name === 'if' && c.isKw('else')) {
      c.i++;
      this.endLabel(label);
      out.u8(0x05);
      this.instrs();
    }
    if (!c.isKw('end')) c.unexpected();
    c.i++;
    this.endLabel(label);
    out.u8(0x0b);
    this.f.labels.pop();
  }

  /** An optional id after `end`/`else` must repeat the block's label. */
  private endLabel(label: string | null): void {
    const c: Cursor = this.c;
    if (c.isId()) {
      if (c.text() !== label) c.fail('mismatching label');
      c.i++;
    }
  }

  /** `( … )` folded instruction. */
  private folded(): void {
    const c: Cursor = this.c, out = this.out;
    c.i++; // (
    if (!c.isAtom()) c.unexpected();
    const at = c.i;
    const name = c.text(c.i++);
    if (name === 'block' || name === 'loop') {
      const label = this.label();
      const bt = this.blockType();
      out.u8(name === 'block' ? 0x02 : 0x03);
      this.emitBlockType(bt);
      this.instrs();
      c.rparen();
      out.u8(0x0b);
      this.f.labels.pop();
      return;
    }
    if (name === 'if') {
      const label = this.label();
      const bt = this.blockType();
      // The label is not in scope for the condition.
      this.f.labels.pop();
      while (c.isLParen() && !c.isOpen('then')) this.folded();
      this.f.labels.push(label);
      out.u8(0x04);
      this.emitBlockType(bt);
      if (!c.open('then')) c.unexpected();
      this.instrs();
      c.rparen();
      if (c.open('else')) {
        out.u8(0x05);
        this.instrs();
        c.rparen();
      }
      c.rparen();
      out.u8(0x0b);
      this.f.labels.pop();
      return;
    }
    // Plain operator: immediates come first in the text but after the operands in the binary.
    const info = this.op(name, at);
    const mark = out.len;
    this.immediates(info);
    const opLen = out.len - mark;
    if (c.isLParen()) {
      const saved = out.bytes.slice(mark, mark + opLen);
      out.len = mark;
      while (c.isLParen()) this.folded();
      out.raw(saved);
    }
    c.rparen();
  }

  private label(): string | null {
    const id = this.c.optId();
    this.f.labels.push(id);
    return id;
  }

  /** Block type as an s33 value: a type index (>= 0) or the negated single byte (0x40 or a value type). */
  private blockType(): number {
    const tu = this.m.typeUse(false);
    if (tu.index !== null) return this.m.funcTypeIndex(tu);
    const { params, results } = tu.sig;
    if (params.length === 0 && results.length === 0) return -0x40;
    if (params.length === 0 && results.length === 1) return -results[0];
    return this.m.typeFor(tu.sig);
  }

  private emitBlockType(bt: number): void {
    if (bt < 0) this.out.u8(-bt); else this.out.s33(bt);
  }

  private labelIndex(): number {
    const c: Cursor = this.c;
    if (c.isId()) {
      const name = c.text();
      const ls = this.f.labels;
      for (let j = ls.length - 1; j >= 0; j--) {
        if (ls[j] === name) { c.i++; return ls.length - 1 - j; }
      }
      c.fail('unknown label');
    }
    return u32(c);
  }

  private localIndex(): number {
    const c: Cursor = this.c;
    if (c.isId()) {
      const v = this.f.locals.get(c.text());
      if (v === undefined) c.fail('unknown local');
      c.i++;
      return v;
    }
    return u32(c);
  }

  /** Optional index (a table or memory): defaults to 0. */
  private optIndex(space: 'tables' | 'mems'): number {
    return isIndex(this.c) ? this.m.index(this.m[space]) : 0;
  }

  private constant<T>(parse: (t: string) => T | null): T {
    const c: Cursor = this.c;
    if (c.isAtom()) {
      let v: T | null;
      try { v = parse(c.text()); } catch (e) { if (e instanceof RangeFail) c.fail(e.reason); throw e; }
      if (v !== null) { c.i++; return v; }
    }
    c.unexpected();
  }

  /** Writes the opcode and its immediates. */
  private immediates(op: OpInfo | SimdOp): void {
    if ('sub' in op) { this.simd(op); return; }
    const info = op;
    const c: Cursor = this.c, m = this.m, out = this.out;
    switch (info.imm) {
      case Imm.None:
        if (info.code === 0x1b) { this.select(); return; }
        this.emitOpcode(info.code);
        return;
      case Imm.Label: out.u8(info.code); out.u32(this.labelIndex()); return;
      case Imm.BrTable: {
        const labels: number[] = [];
        while (isIndex(c)) labels.push(this.labelIndex());
        if (labels.length === 0) c.unexpected();
        out.u8(info.code);
        out.u32(labels.length - 1);
        for (const l of labels) out.u32(l);
        return;
      }
      case Imm.Func: out.u8(info.code); out.u32(m.index(m.funcs)); return;
      case Imm.CallIndirect: {
        const table = this.optIndex('tables');
        const tu = m.typeUse(false);
        const type = m.funcTypeIndex(tu);
        out.u8(info.code); out.u32(type); out.u32(table);
        return;
      }
      case Imm.Local: out.u8(info.code); out.u32(this.localIndex()); return;
      case Imm.Global: out.u8(info.code); out.u32(m.index(m.globals)); return;
      case Imm.Table: { const t = this.optIndex('tables'); this.emitOpcode(info.code); out.u32(t); return; }
      case Imm.Memory: { const x = this.optIndex('mems'); this.emitOpcode(info.code); out.u32(x); return; }
      case Imm.MemArg: { const a = this.memarg(info.align); this.emitOpcode(info.code); out.u32(a.align); out.u32(a.offset); return; }
      case Imm.Fence: this.emitOpcode(info.code); out.u8(0); return;
      case Imm.I32: { const v = this.constant(parseI32); out.u8(info.code); out.s32(v); return; }
      case Imm.I64: { const v = this.constant(parseI64); out.u8(info.code); out.s64(v); return; }
      case Imm.F32: { const v = this.constant(parseF32); out.u8(info.code); out.f32(v); return; }
      case Imm.F64: { const v = this.constant(parseF64); out.u8(info.code); out.f64(v); return; }
      case Imm.RefType: {
        let t = -1;
        if (c.isKw('func')) t = 0x70; else if (c.isKw('extern')) t = 0x6f; else c.unexpected();
        c.i++;
        out.u8(info.code); out.u8(t);
        return;
      }
      case Imm.MemoryInit: {
        // memory.init (memidx)? dataidx
        let mem = 0;
        if (isIndex(c) && isIndex(c, c.i + 1)) mem = m.index(m.mems);
        const d = m.index(m.datas);
        m.usesDataCount = true;
        this.emitOpcode(info.code); out.u32(d); out.u32(mem);
        return;
      }
      case Imm.Data: { const d = m.index(m.datas); m.usesDataCount = true; this.emitOpcode(info.code); out.u32(d); return; }
      case Imm.MemoryCopy: {
        let dst = 0, src = 0;
        if (isIndex(c)) { dst = m.index(m.mems); src = m.index(m.mems); }
        this.emitOpcode(info.code); out.u32(dst); out.u32(src);
        return;
      }
      case Imm.TableInit: {
        // table.init (tableidx)? elemidx
        let table = 0;
        if (isIndex(c) && isIndex(c, c.i + 1)) table = m.index(m.tables);
        const e = m.index(m.elems);
        this.emitOpcode(info.code); out.u32(e); out.u32(table);
        return;
      }
      case Imm.Elem: { const e = m.index(m.elems); this.emitOpcode(info.code); out.u32(e); return; }
      case Imm.TableCopy: {
        let dst = 0, src = 0;
        if (isIndex(c)) { dst = m.index(m.tables); src = m.index(m.tables); }
        this.emitOpcode(info.code); out.u32(dst); out.u32(src);
        return;
      }
      default:
        c.unexpected(c.i - 1);
    }
  }

  /** `select` or `select (result t*)*`. */
  private select(): void {
    const c: Cursor = this.c, out = this.out;
    if (!c.isOpen('result')) { out.u8(0x1b); return; }
    const types: number[] = [];
    while (c.open('result')) {
      while (!c.isRParen()) types.push(valType(c));
      c.i++;
    }
    out.u8(0x1c);
    out.u32(types.length);
    for (const t of types) out.u8(t);
  }

  /** `offset=N? align=N?`, with the alignment as log2. */
  private memarg(natural: number): { align: number; offset: number } {
    const c: Cursor = this.c;
    let offset = 0, align = natural;
    if (c.isAtom() && c.text().startsWith('offset=')) offset = this.field('offset=');
    if (c.isAtom() && c.text().startsWith('align=')) {
      const at = c.i;
      const a = this.field('align=');
      if (a === 0 || (a & (a - 1)) !== 0) c.fail('alignment must be a power of two', at);
      align = 31 - Math.clz32(a);
    }
    return { align, offset };
  }

  /** A lane index: a u8 ("malformed lane index" beyond). */
  private laneIndex(): number {
    const c: Cursor = this.c;
    let v: number | null = null;
    if (c.isAtom()) {
      try { v = parseU32(c.text()); } catch (e) { if (!(e instanceof RangeFail)) throw e; v = 256; }
    }
    if (v === null) c.unexpected();
    if (v > 255) c.fail('malformed lane index');
    c.i++;
    return v;
  }

  /** A 0xFD operator and its immediates. */
  private simd(op: SimdOp): void {
    const c: Cursor = this.c, out = this.out;
    switch (op.imm) {
      case SimdImm.None: this.simdOpcode(op); return;
      case SimdImm.MemArg: {
        const a = this.memarg(op.align);
        this.simdOpcode(op); out.u32(a.align); out.u32(a.offset);
        return;
      }
      case SimdImm.MemArgLane: {
        const a = this.memarg(op.align);
        const lane = this.laneIndex();
        this.simdOpcode(op); out.u32(a.align); out.u32(a.offset); out.u8(lane);
        return;
      }
      case SimdImm.Lane: { const lane = this.laneIndex(); this.simdOpcode(op); out.u8(lane); return; }
      case SimdImm.Shuffle: {
        const at = c.i;
        let n = 0;
        while (c.isAtom(at + n)) n++;
        if (n !== 16) c.fail('invalid lane length', at);
        const lanes: number[] = [];
        for (let k = 0; k < 16; k++) {
          let v: number | null = null;
          try { v = parseU32(c.text()); } catch (e) { if (!(e instanceof RangeFail)) throw e; }
          if (v === null || v > 255) c.fail('malformed lane index');
          lanes.push(v);
          c.i++;
        }
        this.simdOpcode(op);
        for (const l of lanes) out.u8(l);
        return;
      }
      case SimdImm.Const: {
        const shape = c.isAtom() ? SHAPES[c.text()] : undefined;
        if (shape === undefined) c.unexpected();
        c.i++;
        const at = c.i;
        let n = 0;
        while (c.isAtom(at + n)) n++;
        if (n !== shape.lanes) c.fail('wrong number of lane literals', at);
        const bytes = new Uint8Array(16);
        const dv = new DataView(bytes.buffer);
        for (let k = 0; k < n; k++) {
          let ok: boolean;
          try { ok = writeLane(dv, shape, k, c.text()); } catch (e) { if (e instanceof RangeFail) c.fail(e.reason); throw e; }
          if (!ok) c.unexpected();
          c.i++;
        }
        this.simdOpcode(op);
        out.raw(bytes);
        return;
      }
    }
  }

  private simdOpcode(op: SimdOp): void {
    this.out.u8(0xfd);
    this.out.u32(op.sub);
  }

  private field(prefix: string): number {
    const c: Cursor = this.c;
    let v: number | null;
    try { v = parseU32(c.text().slice(prefix.length)); } catch (e) { if (e instanceof RangeFail) c.fail(e.reason); throw e; }
    if (v === null) c.unexpected();
    c.i++;
    return v;
  }
}

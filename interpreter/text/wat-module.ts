// Text-format modules to binary: `watToBinary`. Pass 1 collects the ids of every index space and
// the explicit types; pass 2 encodes each field into its section, and the sections are assembled
// in binary order. The result is decoded by the shared binary decoder like any other module.
import { CompileError } from '../errors.js';
import { Tok, lex } from './lexer.js';
import { Cursor } from './cursor.js';
import { Buf } from './buf.js';
import { utf8ToString } from './literals.js';
import { ModCtx, Sig, Space, TypeUse, isIndex, refType, valType, valTypeCode } from './wat-context.js';
import { BodyCtx, InstrEncoder } from './wat-instr.js';
import { I32_CONST_0_END, elemList, encodeData, encodeElem, offsetExpr } from './wat-segments.js';

/** Encodes a text module (`(module …)` or bare module fields) to the binary format. */
export interface WatOptions {
  /** Emit a "name" custom section with the module and function ids (default true). */
  names?: boolean;
}

export function watToBinary(text: string, opts: WatOptions = {}): Uint8Array {
  const c: Cursor = new Cursor(lex(text));
  if (c.isOpen('module')) {
    c.i += 2;
    const moduleId = c.optId();
    if (c.isKw('binary') || c.isKw('quote')) {
      const quote = c.isKw('quote');
      c.i++;
      const bytes = c.strings();
      c.rparen();
      if (c.i !== c.eof) c.unexpected();
      if (!quote) return bytes;
      const t = utf8ToString(bytes);
      if (t === null) c.fail('malformed UTF-8 encoding');
      return watToBinary(t, opts);
    }
    const enc = new ModuleEncoder(c, opts.names === false ? null : moduleId, opts.names !== false);
    const out = enc.encode();
    c.rparen();
    if (c.i !== c.eof) c.unexpected();
    enc.checkEncodable();
    return out;
  }
  const enc = new ModuleEncoder(c, null, opts.names !== false);
  const out = enc.encode();
  if (c.i !== c.eof) c.unexpected();
  enc.checkEncodable();
  return out;
}

/**
 * The 1.0 text form `(elem 0 (offset …) …)` / `(data 0 (offset …) …)`: a bare numeric table or memory
 * index before the offset (2.0 writes `(table 0)` / `(memory 0)`; a `$id` there is the segment's own
 * name, so only a number is taken). The threads proposal's tests still use it.
 */
function legacyIndex(c: Cursor): boolean {
  return isIndex(c) && !c.isId() && c.isLParen(c.i + 1);
}

interface Section { count: number; buf: Buf; }
function section(): Section { return { count: 0, buf: new Buf() }; }


/** Encodes the module fields from the cursor up to the closing `)` or the end of input. */
class ModuleEncoder {
  private readonly m: ModCtx;
  private readonly fields: number[] = [];
  private readonly imports = section();
  private readonly funcs = section();
  private readonly tables = section();
  private readonly mems = section();
  private readonly globals = section();
  private readonly exports = section();
  private readonly elems = section();
  private readonly datas = section();
  private readonly codes = section();
  private start: number | null = null;
  /** Pass-2 counters of entities defined so far, per space (imports included). */
  private n = { func: 0, table: 0, mem: 0, global: 0 };
  /**
   * The first invalid construct the binary format cannot express (a shared memory without a maximum:
   * limits flag 0x02 is malformed in the 2.0 binary format), reported after parsing as the validator
   * would report it.
   */
  private invalid: { reason: string; where: string } | null = null;

  constructor(private readonly c: Cursor, private readonly moduleId: string | null = null, private readonly names = true) {
    this.m = new ModCtx(c);
  }

  /** Throws the deferred validation error, if any (call after the whole text has parsed). */
  checkEncodable(): void {
    if (this.invalid !== null) throw new CompileError(this.invalid.reason, -1, 'invalid', this.invalid.where);
  }

  encode(): Uint8Array {
    const c: Cursor = this.c;
    this.scan();
    const end = c.i;
    for (const at of this.fields) { c.i = at; this.field(); }
    c.i = end;
    return this.assemble();
  }

  // ---- pass 1: ids, counts, explicit types, import order ----

  private scan(): void {
    const c: Cursor = this.c, m = this.m;
    let firstDef: string | null = null;
    while (c.isLParen()) {
      const at = c.i;
      this.fields.push(at);
      c.i++;
      if (!c.isAtom()) c.unexpected();
      const kw = c.text(c.i++);
      const idAt = c.i;
      switch (kw) {
        case 'type': {
          const id = c.optId();
          m.types.define(c, id, idAt);
          c.lparen(); c.kw('func');
          if (c.isOpen('type')) c.unexpected();
          const tu = m.typeUse(true);
          c.rparen();
          c.rparen();
          m.sigs.push(tu.sig);
          break;
        }
        case 'import': {
          c.name(); c.name();
          c.lparen();
          if (!c.isAtom()) c.unexpected();
          const k = c.text();
          const space = this.spaceOf(k);
          if (space === null) c.unexpected();
          c.i++;
          if (firstDef !== null) c.fail('import after ' + firstDef, at);
          space.define(c, c.optId(), c.i - 1);
          break;
        }
        case 'func': case 'table': case 'memory': case 'global': {
          const space = this.spaceOf(kw)!;
          space.define(c, c.optId(), idAt);
          while (c.isOpen('export')) c.skip();
          if (c.isOpen('import')) {
            if (firstDef !== null) c.fail('import after ' + firstDef, at);
            break;
          }
          if (firstDef === null) firstDef = kw === 'func' ? 'function' : kw;
          if (kw === 'table' && c.isAtom() && valTypeCode(c.text()) >= 0 && c.isOpen('elem', c.i + 1)) m.elems.define(c, null, at);
          if (kw === 'memory' && c.isOpen('data')) m.datas.define(c, null, at);
          break;
        }
        case 'elem': m.elems.define(c, c.optId(), idAt); break;
        case 'data': m.datas.define(c, c.optId(), idAt); break;
        case 'export': case 'start': break;
        default: c.unexpected(c.i - 1);
      }
      c.i = at;
      c.skip();
    }
    if (!c.isRParen() && c.k() !== Tok.Eof) c.unexpected();
  }

  private spaceOf(kw: string): Space | null {
    const m = this.m;
    switch (kw) {
      case 'func': return m.funcs;
      case 'table': return m.tables;
      case 'memory': return m.mems;
      case 'global': return m.globals;
    }
    return null;
  }

  // ---- pass 2: encoding ----

  private field(): void {
    const c: Cursor = this.c;
    c.i++;
    const kw = c.text(c.i++);
    switch (kw) {
      case 'type': c.skipRest(); return;
      case 'import': this.importField(); return;
      case 'func': this.funcField(); return;
      case 'table': this.tableField(); return;
      case 'memory': this.memoryField(); return;
      case 'global': this.globalField(); return;
      case 'export': this.exportField(); return;
      case 'start': {
        const at = c.i - 2;
        const x = this.m.index(this.m.funcs);
        c.rparen();
        if (this.start !== null) c.fail('multiple start sections', at);
        this.start = x;
        return;
      }
      case 'elem': this.elemField(); return;
      case 'data': this.dataField(); return;
    }
  }

  /** `(export "name")*` on a definition. */
  private inlineExports(kind: number, index: number): void {
    const c: Cursor = this.c;
    while (c.open('export')) {
      const name = c.name();
      c.rparen();
      this.addExport(name.bytes, kind, index);
    }
  }

  private addExport(name: Uint8Array, kind: number, index: number): void {
    const b = this.exports.buf;
    b.vecBytes(name); b.u8(kind); b.u32(index);
    this.exports.count++;
  }

  /** `(import "m" "n")` inside a definition: returns the names, or null. */
  private inlineImport(): { mod: Uint8Array; name: Uint8Array } | null {
    const c: Cursor = this.c;
    if (!c.open('import')) return null;
    const mod = c.name().bytes, name = c.name().bytes;
    c.rparen();
    return { mod, name };
  }

  private beginImport(mod: Uint8Array, name: Uint8Array, kind: number): Buf {
    const b = this.imports.buf;
    b.vecBytes(mod); b.vecBytes(name); b.u8(kind);
    this.imports.count++;
    return b;
  }

  private importField(): void {
    const c: Cursor = this.c, m = this.m;
    const mod = c.name().bytes, name = c.name().bytes;
    c.lparen();
    const kind = c.text(c.i++);
    c.optId();
    switch (kind) {
      case 'func': {
        const tu = m.typeUse(true);
        this.checkParamNames(tu);
        const t = m.funcTypeIndex(tu);
        this.beginImport(mod, name, 0).u32(t);
        this.n.func++;
        break;
      }
      case 'table': this.tableType(this.beginImport(mod, name, 1)); this.n.table++; break;
      case 'memory': this.memType(this.beginImport(mod, name, 2)); this.n.mem++; break;
      case 'global': this.globalType(this.beginImport(mod, name, 3)); this.n.global++; break;
    }
    c.rparen();
    c.rparen();
  }

  private checkParamNames(tu: TypeUse): Map<string, number> {
    const locals = new Map<string, number>();
    tu.paramNames.forEach((id, i) => {
      if (id === null) return;
      if (locals.has(id)) this.c.fail('duplicate local');
      locals.set(id, i);
    });
    return locals;
  }

  private funcField(): void {
    const c: Cursor = this.c, m = this.m;
    c.optId();
    const index = this.n.func++;
    this.inlineExports(0, index);
    const imp = this.inlineImport();
    const tu = m.typeUse(true);
    const locals = this.checkParamNames(tu);
    const type = m.funcTypeIndex(tu);
    if (imp !== null) {
      c.rparen();
      this.beginImport(imp.mod, imp.name, 0).u32(type);
      return;
    }
    this.funcs.buf.u32(type);
    this.funcs.count++;
    const sig: Sig | null = m.sigOf(tu);
    let next = sig !== null ? sig.params.length : tu.sig.params.length;
    // Locals, run-length encoded.
    const runs: [number, number][] = [];
    const addLocal = (t: number): void => {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === t) last[0]++; else runs.push([1, t]);
      next++;
    };
    while (c.open('local')) {
      if (c.isId()) {
        const id = c.text();
        if (locals.has(id)) c.fail('duplicate local');
        locals.set(id, next);
        c.i++;
        addLocal(valType(c));
        c.rparen();
        continue;
      }
      while (!c.isRParen()) addLocal(valType(c));
      c.i++;
    }
    const body = new Buf(256);
    body.u32(runs.length);
    for (const [n, t] of runs) { body.u32(n); body.u8(t); }
    new InstrEncoder(m, new BodyCtx(locals), body).expr();
    c.rparen();
    this.codes.buf.sized(body);
    this.codes.count++;
  }

  private tableType(b: Buf): void {
    const lim = this.m.limits();
    const rt = refType(this.c);
    b.u8(rt);
    this.writeLimits(b, lim);
  }

  /** `min max? shared?` (threads proposal: `shared` sets limits flag bit 1). */
  private memType(b: Buf): void {
    const lim = this.m.limits();
    const c: Cursor = this.c;
    if (!c.isKw('shared')) { this.writeLimits(b, lim); return; }
    c.i++;
    if (lim.max === null) {
      this.invalid ??= { reason: 'shared memory must have maximum', where: 'memory type' };
      lim.max = lim.min;
    }
    b.u8(3); b.u32(lim.min); b.u32(lim.max);
  }

  private writeLimits(b: Buf, lim: { min: number; max: number | null }): void {
    if (lim.max === null) { b.u8(0); b.u32(lim.min); } else { b.u8(1); b.u32(lim.min); b.u32(lim.max); }
  }

  private globalType(b: Buf): void {
    const c: Cursor = this.c;
    if (c.open('mut')) { b.u8(valType(c)); b.u8(1); c.rparen(); } else { b.u8(valType(c)); b.u8(0); }
  }

  private tableField(): void {
    const c: Cursor = this.c;
    c.optId();
    const index = this.n.table++;
    this.inlineExports(1, index);
    const imp = this.inlineImport();
    if (imp !== null) {
      this.tableType(this.beginImport(imp.mod, imp.name, 1));
      c.rparen();
      return;
    }
    if (c.isAtom() && valTypeCode(c.text()) >= 0) {
      // (table reftype (elem …)): size from the element count, plus an active segment at 0.
      const rt = refType(c);
      if (!c.open('elem')) c.unexpected();
      const list = elemList(this.m, rt);
      c.rparen();
      const n = list.funcs !== null ? list.funcs.length : list.exprs!.length;
      this.tables.buf.u8(rt);
      this.writeLimits(this.tables.buf, { min: n, max: n });
      this.tables.count++;
      encodeElem(this.elems.buf, 'active', index, I32_CONST_0_END, list);
      this.elems.count++;
      c.rparen();
      return;
    }
    this.tableType(this.tables.buf);
    this.tables.count++;
    c.rparen();
  }

  private memoryField(): void {
    const c: Cursor = this.c;
    c.optId();
    const index = this.n.mem++;
    this.inlineExports(2, index);
    const imp = this.inlineImport();
    if (imp !== null) {
      this.memType(this.beginImport(imp.mod, imp.name, 2));
      c.rparen();
      return;
    }
    if (c.open('data')) {
      const bytes = c.strings();
      c.rparen();
      const pages = Math.ceil(bytes.length / 65536);
      this.writeLimits(this.mems.buf, { min: pages, max: pages });
      this.mems.count++;
      encodeData(this.datas.buf, index, I32_CONST_0_END, bytes);
      this.datas.count++;
      c.rparen();
      return;
    }
    this.memType(this.mems.buf);
    this.mems.count++;
    c.rparen();
  }

  private globalField(): void {
    const c: Cursor = this.c;
    c.optId();
    const index = this.n.global++;
    this.inlineExports(3, index);
    const imp = this.inlineImport();
    if (imp !== null) {
      this.globalType(this.beginImport(imp.mod, imp.name, 3));
      c.rparen();
      return;
    }
    this.globalType(this.globals.buf);
    new InstrEncoder(this.m, new BodyCtx(), this.globals.buf).expr();
    this.globals.count++;
    c.rparen();
  }

  private exportField(): void {
    const c: Cursor = this.c, m = this.m;
    const name = c.name().bytes;
    c.lparen();
    if (!c.isAtom()) c.unexpected();
    const kw = c.text(c.i++);
    let kind: number, index: number;
    switch (kw) {
      case 'func': kind = 0; index = m.index(m.funcs); break;
      case 'table': kind = 1; index = m.index(m.tables); break;
      case 'memory': kind = 2; index = m.index(m.mems); break;
      case 'global': kind = 3; index = m.index(m.globals); break;
      default: c.unexpected(c.i - 1);
    }
    c.rparen();
    c.rparen();
    this.addExport(name, kind, index);
  }

  private elemField(): void {
    const c: Cursor = this.c, m = this.m;
    c.optId();
    let mode: 'active' | 'passive' | 'declare' = 'passive', table = 0, off: Uint8Array | null = null;
    if (c.isKw('declare')) {
      c.i++;
      mode = 'declare';
    } else if (c.open('table')) {
      table = m.index(m.tables);
      c.rparen();
      mode = 'active';
      off = offsetExpr(m);
    } else if (legacyIndex(c)) {
      table = m.index(m.tables);
      mode = 'active';
      off = offsetExpr(m);
    } else if (c.isLParen()) {
      mode = 'active';
      off = offsetExpr(m);
    }
    encodeElem(this.elems.buf, mode, table, off, elemList(m, null));
    this.elems.count++;
    c.rparen();
  }

  private dataField(): void {
    const c: Cursor = this.c, m = this.m;
    c.optId();
    let mem = -1, off: Uint8Array | null = null;
    if (c.open('memory')) {
      mem = m.index(m.mems);
      c.rparen();
      off = offsetExpr(m);
    } else if (legacyIndex(c)) {
      mem = m.index(m.mems);
      off = offsetExpr(m);
    } else if (c.isLParen()) {
      mem = 0;
      off = offsetExpr(m);
    }
    encodeData(this.datas.buf, mem, off, c.strings());
    this.datas.count++;
    c.rparen();
  }

  // ---- assembly ----

  private assemble(): Uint8Array {
    const out = new Buf(1024);
    out.raw(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    const sigs = this.m.sigs;
    if (sigs.length > 0) {
      const b = new Buf();
      b.u32(sigs.length);
      for (const s of sigs) {
        b.u8(0x60);
        b.u32(s.params.length); for (const t of s.params) b.u8(t);
        b.u32(s.results.length); for (const t of s.results) b.u8(t);
      }
      out.u8(1); out.sized(b);
    }
    const vec = (id: number, s: Section): void => {
      if (s.count === 0) return;
      const b = new Buf(s.buf.len + 5);
      b.u32(s.count);
      b.raw(s.buf.view());
      out.u8(id); out.sized(b);
    };
    vec(2, this.imports);
    vec(3, this.funcs);
    vec(4, this.tables);
    vec(5, this.mems);
    vec(6, this.globals);
    vec(7, this.exports);
    if (this.start !== null) { const b = new Buf(); b.u32(this.start); out.u8(8); out.sized(b); }
    vec(9, this.elems);
    if (this.m.usesDataCount) { const b = new Buf(); b.u32(this.datas.count); out.u8(12); out.sized(b); }
    vec(10, this.codes);
    vec(11, this.datas);
    this.nameSection(out);
    return out.result();
  }

  /** The "name" custom section: the module's id and the functions' ids (without `$`), for stack traces. */
  private nameSection(out: Buf): void {
    if (!this.names) return;
    const funcNames = [...this.m.funcs.names].sort((a, b) => a[1] - b[1]);
    if (this.moduleId === null && funcNames.length === 0) return;
    const body = new Buf();
    const utf8 = new TextEncoder();
    const name = (b: Buf, id: string): void => { const bytes = utf8.encode(id.slice(1)); b.u32(bytes.length); b.raw(bytes); };
    if (this.moduleId !== null) { const sub = new Buf(); name(sub, this.moduleId); body.u8(0); body.sized(sub); }
    if (funcNames.length > 0) {
      const sub = new Buf();
      sub.u32(funcNames.length);
      for (const [id, index] of funcNames) { sub.u32(index); name(sub, id); }
      body.u8(1); body.sized(sub);
    }
    const sec = new Buf();
    name(sec, '$name');
    sec.raw(body.view());
    out.u8(0); out.sized(sec);
  }
}



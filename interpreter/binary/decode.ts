// The binary decoder: WebAssembly 2.0 module bytes to the Module structure (types.ts). It rejects
// malformed input with the spec's messages (CompileError, phase 'malformed', absolute byte offset).
// Function bodies and constant expressions are kept as byte ranges, but every instruction is scanned
// (opcodes, immediates, block nesting) so that a decoded module is well-formed.
//
// Like the reference interpreter, sections are read from one stream over the whole module: a section
// whose contents run past its declared size is a "section size mismatch", and lengths are checked
// against the bytes left in the module ("length out of bounds"). Sections must come in the order
// type, import, function, table, memory, global, export, start, element, data count, code, data, each
// at most once (custom sections anywhere); anything else is "unexpected content after last section".
import { CompileError } from '../errors.js';
import { Imm, Op } from '../opcodes.js';
import {
  ExternKind, SegmentMode, ValType,
  type ConstExpr, type CustomSection, type DataSegment, type ElemSegment, type Export, type FuncBody,
  type FuncType, type Global, type GlobalType, type Import, type ImportDesc, type Limits, type LocalRun, type Module,
  type NameMap, type RefType, type TableType,
} from '../types.js';
import { EOS, Reader } from './reader.js';
import { Immediates, KIND, readImmediates, readLen, readOpcode, readRefType, readValType } from './instr.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Rank of each non-custom section id (index) in the required order: data count (12) before code (10). */
const ORDER = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10];

/** Decodes a module. The result keeps views (subarrays) into `bytes`: do not modify them afterwards. */
export function decodeModule(bytes: Uint8Array): Module {
  return new Decoder(bytes).module();
}

class Decoder {
  private readonly r: Reader;
  private readonly imm = new Immediates();
  /** Block kinds by nesting depth while scanning an expression: 1 = then-branch of an if. */
  private ctl = new Uint8Array(64);
  /** Set when a function body uses memory.init or data.drop. */
  private usesDataIndex = false;
  private readonly m: Module;

  constructor(private readonly bytes: Uint8Array) {
    this.r = new Reader(bytes);
    this.m = {
      types: [], imports: [], funcs: [], tables: [], mems: [], globals: [], exports: [], start: null,
      elems: [], datas: [], dataCount: null, codes: [], customs: [],
      names: { module: null, funcs: new Map(), locals: new Map() },
      importedFuncs: 0, importedTables: 0, importedMems: 0, importedGlobals: 0,
    };
  }

  module(): Module {
    const r = this.r, b = this.bytes, len = b.length;
    if (len < 4) { r.pos = len; r.fail(EOS); }
    if (b[0] !== 0x00 || b[1] !== 0x61 || b[2] !== 0x73 || b[3] !== 0x6d) r.fail('magic header not detected', 0);
    if (len < 8) { r.pos = len; r.fail(EOS); }
    if (b[4] !== 1 || b[5] !== 0 || b[6] !== 0 || b[7] !== 0) r.fail('unknown binary version', 4);
    r.pos = 8;

    let last = 0; // order of the last non-custom section
    while (r.pos < len) {
      const at = r.pos;
      const id = b[at];
      if (id > 12) r.fail('malformed section id', at);
      if (id !== 0) {
        if (ORDER[id] <= last) r.fail('unexpected content after last section', at);
        last = ORDER[id];
      }
      r.pos++;
      const size = readLen(r);
      const start = r.pos, end = start + size;
      switch (id) {
        case 0: this.custom(start, end); break;
        case 1: this.typeSection(); break;
        case 2: this.importSection(); break;
        case 3: this.funcSection(); break;
        case 4: this.tableSection(); break;
        case 5: this.memorySection(); break;
        case 6: this.globalSection(); break;
        case 7: this.exportSection(); break;
        case 8: this.m.start = r.u32(); break;
        case 9: this.elemSection(); break;
        case 10: this.codeSection(); break;
        case 11: this.dataSection(); break;
        case 12: this.m.dataCount = r.u32(); break;
      }
      if (r.pos !== end) r.fail('section size mismatch', start);
    }

    const m = this.m;
    if (m.funcs.length !== m.codes.length) r.fail('function and code section have inconsistent lengths', len);
    if (m.dataCount !== null && m.dataCount !== m.datas.length) {
      r.fail('data count and data section have inconsistent lengths', len);
    }
    if (m.dataCount === null && this.usesDataIndex) r.fail('data count section required', len);
    return m;
  }

  // ---- helpers ----

  private name(): string {
    const r = this.r, at = r.pos;
    const n = readLen(r);
    const start = r.pos;
    if (start + n > r.end) { r.pos = r.end; r.fail(EOS); }
    r.pos = start + n;
    const s = decodeUtf8(this.bytes, start, start + n);
    return s ?? r.fail('malformed UTF-8 encoding', at);
  }

  private limits(memory: boolean): Limits {
    const r = this.r, at = r.pos;
    const flags = r.u8();
    const v = flags & 0x7f;
    // 0: min; 1: min and max; 3 (threads, memories only): shared, min and max.
    if (v > 1 && !(memory && v === 3)) r.fail('integer too large', at);
    if (flags & 0x80) r.fail('integer representation too long', at);
    const min = r.u32();
    const max = v & 1 ? r.u32() : null;
    return { min, max, shared: v === 3 };
  }

  private tableType(): TableType {
    const elem = readRefType(this.r) as RefType;
    return { elem, limits: this.limits(false) };
  }

  private globalType(): GlobalType {
    const r = this.r;
    const type = readValType(r) as ValType;
    const at = r.pos;
    const mut = r.u8();
    if (mut > 1) r.fail('malformed mutability', at);
    return { type, mutable: mut === 1 };
  }

  /** A constant expression: instructions through the final `end`, kept as bytes. */
  private constExpr(): ConstExpr {
    const start = this.r.pos;
    this.scanExpr();
    return { bytes: this.bytes.subarray(start, this.r.pos), offset: start };
  }

  /**
   * Scans instructions up to and including the `end` that closes the expression, checking opcodes,
   * immediates and block structure. Returns true if memory.init or data.drop occurs.
   */
  private scanExpr(): boolean {
    const r = this.r, imm = this.imm, bytes = this.bytes, end = r.end, kinds = KIND;
    let ctl = this.ctl, depth = 0, usesData = false;
    let pos = r.pos; // kept in a local; r.pos is synced around calls that read through r
    ctl[0] = 0;
    for (;;) {
      if (pos >= end) { r.pos = end; r.fail(EOS); }
      const at = pos;
      const b = bytes[pos++];
      const kind = kinds[b];
      if (kind === Imm.None) { // most instructions: no immediates
        if (b === Op.End) {
          if (depth === 0) { r.pos = pos; return usesData; }
          depth--;
        } else if (b === Op.Else) {
          if (ctl[depth] !== 1) r.fail('END opcode expected', at);
          ctl[depth] = 0;
        }
        continue;
      }
      // Fast paths for common immediates whose LEBs are one byte long (always well-formed).
      switch (kind) {
        case Imm.Local: case Imm.Global: case Imm.Label: case Imm.Func: case Imm.I32:
          if (pos < end && bytes[pos] < 0x80) { pos++; continue; }
          break;
        case Imm.MemArg:
          if (pos + 1 < end && bytes[pos] < 32 && bytes[pos + 1] < 0x80) { pos += 2; continue; }
          break;
        case Imm.BlockType:
          r.pos = pos;
          readImmediates(r, b, imm);
          pos = r.pos;
          if (++depth === ctl.length) {
            const c = new Uint8Array(ctl.length * 2);
            c.set(ctl);
            this.ctl = ctl = c;
          }
          ctl[depth] = b === Op.If ? 1 : 0;
          continue;
      }
      // Other immediates, the 0xFC prefix, and unknown opcodes (readOpcode reports them).
      let op = b;
      if (kind < 0) { r.pos = at; op = readOpcode(r); } else r.pos = pos;
      if (op === Op.MemoryInit || op === Op.DataDrop) usesData = true;
      readImmediates(r, op, imm);
      pos = r.pos;
    }
  }

  // ---- sections ----

  private custom(start: number, end: number): void {
    const r = this.r;
    const name = this.name();
    // The name may run past the section's end; the rest is then of negative size.
    if (r.pos > end || end > r.end) { r.pos = r.end; r.fail(EOS); }
    const bytes = this.bytes.subarray(r.pos, end);
    const sec: CustomSection = { name, bytes, offset: r.pos };
    this.m.customs.push(sec);
    if (name === 'name') {
      const names = decodeNames(this.bytes, r.pos, end);
      if (names !== null) this.m.names = names;
    }
    r.pos = end;
  }

  private typeSection(): void {
    const r = this.r, n = readLen(r), types = this.m.types;
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const form = r.u8();
      if (form & 0x80) r.fail('integer representation too long', at);
      if (form !== 0x60) r.fail('malformed function type', at);
      const params = this.valTypes();
      const results = this.valTypes();
      const t: FuncType = { params, results };
      types.push(t);
    }
  }

  private valTypes(): ValType[] {
    const r = this.r, n = readLen(r), ts: ValType[] = new Array(n);
    for (let i = 0; i < n; i++) ts[i] = readValType(r) as ValType;
    return ts;
  }

  private importSection(): void {
    const r = this.r, m = this.m, n = readLen(r);
    for (let i = 0; i < n; i++) {
      const module = this.name();
      const name = this.name();
      const at = r.pos;
      const kind = r.u8();
      let desc: ImportDesc;
      switch (kind) {
        case ExternKind.Func: desc = { kind, typeIndex: r.u32() }; m.importedFuncs++; break;
        case ExternKind.Table: desc = { kind, type: this.tableType() }; m.importedTables++; break;
        case ExternKind.Memory: desc = { kind, type: { limits: this.limits(true) } }; m.importedMems++; break;
        case ExternKind.Global: desc = { kind, type: this.globalType() }; m.importedGlobals++; break;
        default: return r.fail('malformed import kind', at);
      }
      const im: Import = { module, name, desc };
      m.imports.push(im);
    }
  }

  private funcSection(): void {
    const r = this.r, n = readLen(r), funcs = this.m.funcs;
    for (let i = 0; i < n; i++) funcs.push(r.u32());
  }

  private tableSection(): void {
    const n = readLen(this.r);
    for (let i = 0; i < n; i++) this.m.tables.push(this.tableType());
  }

  private memorySection(): void {
    const n = readLen(this.r);
    for (let i = 0; i < n; i++) this.m.mems.push({ limits: this.limits(true) });
  }

  private globalSection(): void {
    const n = readLen(this.r);
    for (let i = 0; i < n; i++) {
      const type = this.globalType();
      const g: Global = { type, init: this.constExpr() };
      this.m.globals.push(g);
    }
  }

  private exportSection(): void {
    const r = this.r, n = readLen(r);
    for (let i = 0; i < n; i++) {
      const name = this.name();
      const at = r.pos;
      const kind = r.u8();
      if (kind > 3) r.fail('malformed export kind', at);
      const e: Export = { name, kind: kind as ExternKind, index: r.u32() };
      this.m.exports.push(e);
    }
  }

  private elemSection(): void {
    const r = this.r, n = readLen(r);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const flags = r.u32();
      if (flags > 7) r.fail('malformed elements segment kind', at);
      // bit 0: passive or declarative; bit 1: explicit table index (active) or declarative;
      // bit 2: element expressions instead of function indices.
      let mode = SegmentMode.Active, table = 0, offset: ConstExpr | null = null;
      if (flags & 1) mode = flags & 2 ? SegmentMode.Declarative : SegmentMode.Passive;
      else {
        if (flags & 2) table = r.u32();
        offset = this.constExpr();
      }
      let type: RefType = ValType.FuncRef;
      if (flags & 3) {
        if (flags & 4) type = readRefType(r) as RefType;
        else {
          const kat = r.pos;
          if (r.u8() !== 0) r.fail('malformed element kind', kat);
        }
      }
      const count = readLen(r);
      let funcs: number[] | null = null, exprs: ConstExpr[] | null = null;
      if (flags & 4) {
        exprs = new Array(count);
        for (let j = 0; j < count; j++) exprs[j] = this.constExpr();
      } else {
        funcs = new Array(count);
        for (let j = 0; j < count; j++) funcs[j] = r.u32();
      }
      const seg: ElemSegment = { mode, table, offset, type, funcs, exprs };
      this.m.elems.push(seg);
    }
  }

  private codeSection(): void {
    const r = this.r, n = readLen(r), codes = this.m.codes;
    for (let i = 0; i < n; i++) {
      const size = readLen(r);
      const start = r.pos, end = start + size;
      // Locals: runs of (count, type); the total must stay below 2^32.
      const lat = r.pos;
      const nRuns = readLen(r);
      const locals: LocalRun[] = new Array(nRuns);
      let total = 0;
      for (let j = 0; j < nRuns; j++) {
        const count = r.u32();
        locals[j] = { count, type: readValType(r) as ValType };
        total += count;
      }
      if (total > 0xffffffff) r.fail('too many locals', lat);
      const codeStart = r.pos;
      if (this.scanExpr()) this.usesDataIndex = true;
      if (r.pos !== end) r.fail('section size mismatch', start);
      const body: FuncBody = { locals, localCount: total, code: this.bytes.subarray(codeStart, end), offset: codeStart };
      codes.push(body);
    }
  }

  private dataSection(): void {
    const r = this.r, n = readLen(r);
    for (let i = 0; i < n; i++) {
      const at = r.pos;
      const flags = r.u32();
      if (flags > 2) r.fail('malformed data segment kind', at);
      let memory = 0, offset: ConstExpr | null = null;
      if (flags !== 1) {
        if (flags === 2) memory = r.u32();
        offset = this.constExpr();
      }
      const size = readLen(r);
      const start = r.pos;
      if (start + size > r.end) { r.pos = r.end; r.fail(EOS); }
      r.pos = start + size;
      const seg: DataSegment = {
        mode: flags === 1 ? SegmentMode.Passive : SegmentMode.Active,
        memory, offset, bytes: this.bytes.subarray(start, start + size),
      };
      this.m.datas.push(seg);
    }
  }
}

/** UTF-8 bytes [start, end) to a string, or null when they are not valid UTF-8. */
function decodeUtf8(b: Uint8Array, start: number, end: number): string | null {
  if (start === end) return '';
  if (end - start <= 32) {
    // Short ASCII names (the common case) without a TextDecoder call.
    let s = '', i = start;
    for (; i < end; i++) {
      const c = b[i];
      if (c >= 0x80) break;
      s += String.fromCharCode(c);
    }
    if (i === end) return s;
  }
  try {
    return utf8.decode(b.subarray(start, end));
  } catch {
    return null;
  }
}

/**
 * The "name" custom section (module, function and local names), or null when it is malformed: a
 * bad name section never fails the module. Other subsections (labels, types, …) are skipped.
 */
function decodeNames(bytes: Uint8Array, start: number, end: number): NameMap | null {
  const names: NameMap = { module: null, funcs: new Map(), locals: new Map() };
  const r = new Reader(bytes, start, end);
  const name = (): string => {
    const n = r.u32();
    if (n > r.end - r.pos) throw new CompileError('length out of bounds');
    const s = decodeUtf8(bytes, r.pos, r.pos + n);
    if (s === null) throw new CompileError('malformed UTF-8 encoding');
    r.pos += n;
    return s;
  };
  const nameMap = (into: Map<number, string>): void => {
    const n = r.u32();
    for (let i = 0; i < n; i++) {
      const idx = r.u32();
      into.set(idx, name());
    }
  };
  try {
    let lastId = -1;
    while (r.pos < end) {
      const id = r.u8();
      const size = r.u32();
      if (size > end - r.pos || id <= lastId) return null;
      lastId = id;
      const subEnd = r.pos + size;
      r.end = subEnd;
      if (id === 0) names.module = name();
      else if (id === 1) nameMap(names.funcs);
      else if (id === 2) {
        const n = r.u32();
        for (let i = 0; i < n; i++) {
          const func = r.u32();
          const m = new Map<number, string>();
          nameMap(m);
          names.locals.set(func, m);
        }
      } else r.pos = subEnd;
      if (r.pos !== subEnd) return null;
      r.end = end;
    }
    return names;
  } catch (e) {
    if (e instanceof CompileError) return null;
    throw e;
  }
}

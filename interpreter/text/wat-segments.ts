// Element and data segments of the text parser: element lists (function indices or expressions),
// offset expressions, and the segment encodings (the flags forms of the binary format).
import { Buf } from './buf.js';
import { Cursor } from './cursor.js';
import { ModCtx, isIndex, refType } from './wat-context.js';
import { BodyCtx, InstrEncoder } from './wat-instr.js';

/** `(i32.const 0)` then `end`: the offset of inline table elements and memory data. */
export const I32_CONST_0_END = new Uint8Array([0x41, 0x00, 0x0b]);

export interface ElemList { type: number; funcs: number[] | null; exprs: Uint8Array[] | null; }

/** An expression as bytes (instructions then `end`), outside any function. */
function exprBytes(m: ModCtx, parse: (e: InstrEncoder) => void): Uint8Array {
  const b = new Buf(16);
  parse(new InstrEncoder(m, new BodyCtx(), b));
  b.u8(0x0b);
  return b.result();
}

/** `(offset instr*)` or a single folded instruction. */
export function offsetExpr(m: ModCtx): Uint8Array {
  const c: Cursor = m.c;
  if (c.open('offset')) {
    const r = exprBytes(m, e => e.instrs());
    c.rparen();
    return r;
  }
  if (!c.isLParen()) c.unexpected();
  return exprBytes(m, e => e.one());
}

/**
 * An element list: `func x*`, `reftype elemexpr*`, or bare function indices (the legacy active
 * form). For a table's inline `(elem …)`, `tableRt` is the table's type and no keyword is written.
 */
export function elemList(m: ModCtx, tableRt: number | null): ElemList {
  const c: Cursor = m.c;
  if (tableRt !== null) return c.isLParen() ? elemExprs(m, tableRt) : elemFuncs(m);
  if (c.isKw('func')) { c.i++; return elemFuncs(m); }
  if (c.isKw('funcref') || c.isKw('externref')) return elemExprs(m, refType(c));
  return elemFuncs(m);
}

function elemFuncs(m: ModCtx): ElemList {
  const c: Cursor = m.c;
  const funcs: number[] = [];
  while (isIndex(c)) funcs.push(m.index(m.funcs));
  if (!c.isRParen()) c.unexpected();
  return { type: 0x70, funcs, exprs: null };
}

/** `(item instr*)` or a single folded instruction, per element. */
function elemExprs(m: ModCtx, rt: number): ElemList {
  const c: Cursor = m.c;
  const exprs: Uint8Array[] = [];
  while (c.isLParen()) {
    if (c.open('item')) {
      exprs.push(exprBytes(m, e => e.instrs()));
      c.rparen();
    } else {
      exprs.push(exprBytes(m, e => e.one()));
    }
  }
  if (!c.isRParen()) c.unexpected();
  return { type: rt, funcs: null, exprs };
}

/** One element segment entry (flags 0–7 chosen from mode, table and list form). */
export function encodeElem(b: Buf, mode: 'active' | 'passive' | 'declare', table: number, offset: Uint8Array | null, list: ElemList): void {
  if (list.funcs !== null) {
    if (mode === 'active') {
      if (table === 0) { b.u8(0); b.raw(offset!); } else { b.u8(2); b.u32(table); b.raw(offset!); b.u8(0); }
    } else { b.u8(mode === 'passive' ? 1 : 3); b.u8(0); }
    b.u32(list.funcs.length);
    for (const f of list.funcs) b.u32(f);
    return;
  }
  if (mode === 'active') {
    if (table === 0 && list.type === 0x70) { b.u8(4); b.raw(offset!); } else { b.u8(6); b.u32(table); b.raw(offset!); b.u8(list.type); }
  } else { b.u8(mode === 'passive' ? 5 : 7); b.u8(list.type); }
  b.u32(list.exprs!.length);
  for (const e of list.exprs!) b.raw(e);
}

/** One data segment entry; `mem` -1 means passive. */
export function encodeData(b: Buf, mem: number, offset: Uint8Array | null, bytes: Uint8Array): void {
  if (mem < 0) b.u8(1);
  else if (mem === 0) { b.u8(0); b.raw(offset!); } else { b.u8(2); b.u32(mem); b.raw(offset!); }
  b.vecBytes(bytes);
}

// Module-level state of the text parser: the index spaces with their symbolic names, the type list
// (explicit types first, implicit ones appended on first use), and the small grammar pieces shared
// by module fields and instructions (value types, indices, type uses, limits).
import { Cursor } from './cursor.js';
import { parseU32, RangeFail } from './literals.js';

export interface Sig { params: number[]; results: number[]; }

export class Space {
  readonly names = new Map<string, number>();
  count = 0;
  /** `unknown` is the noun in "unknown …" errors, `dup` the one in "duplicate …". */
  constructor(readonly unknown: string, readonly dup: string) {}
  /** Adds the next entity; `id` may be null. Returns its index. */
  define(c: Cursor, id: string | null, at: number): number {
    if (id !== null) {
      if (this.names.has(id)) c.fail('duplicate ' + this.dup, at);
      this.names.set(id, this.count);
    }
    return this.count++;
  }
}

export function sameSig(a: Sig, b: Sig): boolean {
  if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
  for (let i = 0; i < a.params.length; i++) if (a.params[i] !== b.params[i]) return false;
  for (let i = 0; i < a.results.length; i++) if (a.results[i] !== b.results[i]) return false;
  return true;
}

const VALTYPES: Record<string, number> = {
  i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f,
};

/** A value type keyword's binary encoding, or -1. */
export function valTypeCode(t: string): number { return VALTYPES[t] ?? -1; }

export function valType(c: Cursor): number {
  if (c.isAtom()) {
    const v = VALTYPES[c.text()];
    if (v !== undefined) { c.i++; return v; }
  }
  c.unexpected();
}

export function refType(c: Cursor): number {
  if (c.isKw('funcref')) { c.i++; return 0x70; }
  if (c.isKw('externref')) { c.i++; return 0x6f; }
  c.unexpected();
}

/** Whether the token is an atom that can be an index (a number or an id). */
export function isIndex(c: Cursor, i = c.i): boolean {
  if (!c.isAtom(i)) return false;
  const ch = c.src.charCodeAt(c.start[i]);
  return ch === 0x24 ? c.isId(i) : ch >= 0x30 && ch <= 0x39;
}

/** An unsigned 32-bit number ("i32 constant out of range" when too big). */
export function u32(c: Cursor): number {
  if (c.isAtom()) {
    let v: number | null;
    try { v = parseU32(c.text()); } catch (e) { if (e instanceof RangeFail) c.fail(e.reason); throw e; }
    if (v !== null) { c.i++; return v; }
  }
  c.unexpected();
}

/** A type use: optional explicit index, then inline parameters and results. */
export interface TypeUse {
  index: number | null;
  /** Token position of `(type …)`, for errors. */
  at: number;
  sig: Sig;
  paramNames: (string | null)[];
  /** Inline params or results were written. */
  inline: boolean;
}

export class ModCtx {
  readonly types = new Space('type', 'type');
  readonly funcs = new Space('function', 'func');
  readonly tables = new Space('table', 'table');
  readonly mems = new Space('memory', 'memory');
  readonly globals = new Space('global', 'global');
  readonly elems = new Space('elem segment', 'elem');
  readonly datas = new Space('data segment', 'data');
  /** Every type of the type section: explicit ones (pass 1), then implicit ones in order of first use. */
  readonly sigs: Sig[] = [];
  /** Set when memory.init or data.drop is used (the data count section is then required). */
  usesDataCount = false;

  constructor(readonly c: Cursor) {}

  /** An index into `space`: a number, or an id that must be defined. */
  index(space: Space): number {
    const c: Cursor = this.c;
    if (c.isId()) {
      const v = space.names.get(c.text());
      if (v === undefined) c.fail('unknown ' + space.unknown);
      c.i++;
      return v;
    }
    return u32(c);
  }

  /** Index of the first type equal to `sig`, appending an implicit type when none is. */
  typeFor(sig: Sig): number {
    for (let i = 0; i < this.sigs.length; i++) if (sameSig(this.sigs[i], sig)) return i;
    this.sigs.push(sig);
    return this.sigs.length - 1;
  }

  /**
   * Parses `(type x)? (param …)* (result …)*`. Parameter ids are allowed when `names` is set
   * (functions), rejected otherwise (blocks, call_indirect).
   */
  typeUse(names: boolean): TypeUse {
    const c: Cursor = this.c;
    let index: number | null = null;
    const at = c.i;
    if (c.open('type')) { index = this.index(this.types); c.rparen(); }
    const params: number[] = [], results: number[] = [], paramNames: (string | null)[] = [];
    let inline = false;
    while (c.isOpen('param')) {
      c.i += 2;
      inline = true;
      if (c.isId()) {
        if (!names) c.unexpected();
        paramNames.push(c.text()); c.i++;
        params.push(valType(c));
        c.rparen();
        continue;
      }
      while (!c.isRParen()) { params.push(valType(c)); paramNames.push(null); }
      c.i++;
    }
    while (c.isOpen('result')) {
      c.i += 2;
      inline = true;
      while (!c.isRParen()) results.push(valType(c));
      c.i++;
    }
    if (c.isOpen('param')) c.unexpected();
    return { index, at, sig: { params, results }, paramNames, inline };
  }

  /** The type index of a function type use, checking inline params/results against `(type x)`. */
  funcTypeIndex(tu: TypeUse): number {
    if (tu.index === null) return this.typeFor(tu.sig);
    if (tu.inline) {
      const t = this.sigs[tu.index];
      if (t === undefined) this.c.fail('unknown type', tu.at);
      if (!sameSig(t, tu.sig)) this.c.fail('inline function type', tu.at);
    }
    return tu.index;
  }

  /** The signature a type use stands for (for parameter numbering); null when the index is unknown. */
  sigOf(tu: TypeUse): Sig | null {
    if (tu.index === null || tu.inline) return tu.sig;
    return this.sigs[tu.index] ?? null;
  }

  /** Limits `min max?` (u32 each) written to `out` as the binary limits encoding. */
  limits(): { min: number; max: number | null } {
    const min = u32(this.c);
    const max = isIndex(this.c) && !this.c.isId() ? u32(this.c) : null;
    return { min, max };
  }
}

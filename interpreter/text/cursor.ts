// A cursor over lexed tokens shared by the module parser and the script parser: lookahead helpers,
// string decoding, and malformed-text errors in the reference interpreter's wording.
import { CompileError } from '../errors.js';
import { OPS } from '../opcodes.js';
import { Tok, Tokens, lineCol } from './lexer.js';
import { decodeString, StringFail, utf8ToString, RangeFail, parseU32 } from './literals.js';
import { parseF64 } from './float-literal.js';
import { SIMD_OP_NAMES } from './simd-ops.js';

/** Keywords of the text and script formats that are not operator names. */
const KEYWORDS = new Set([
  'module', 'type', 'func', 'param', 'result', 'local', 'import', 'export', 'table', 'memory', 'global',
  'mut', 'start', 'elem', 'data', 'offset', 'item', 'declare', 'then', 'else', 'end', 'block', 'loop', 'if',
  'i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref', 'extern', 'ref', 'null', 'shared',
  'binary', 'quote', 'definition', 'instance', 'register', 'invoke', 'get', 'script', 'input', 'output',
  'assert_return', 'assert_trap', 'assert_exhaustion', 'assert_malformed', 'assert_invalid',
  'assert_unlinkable', 'assert_uninstantiable', 'nan:canonical', 'nan:arithmetic', 'ref.extern', 'ref.host',
  'either', 'select', 'i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2',
]);
for (const op of OPS) KEYWORDS.add(op.name);
for (const name of SIMD_OP_NAMES) KEYWORDS.add(name);

/** Whether an atom is a token the reference lexer knows (keyword, id, number, memarg field). */
export function isKnownAtom(t: string): boolean {
  if (KEYWORDS.has(t)) return true;
  const c = t.charCodeAt(0);
  if (c === 0x24 /* $ */) return t.length > 1;
  if (t.startsWith('offset=') || t.startsWith('align=')) return isNat(t.slice(t.indexOf('=') + 1));
  return isNumber(t);
}

function isNat(t: string): boolean {
  try { return parseU32(t) !== null; } catch (e) { return e instanceof RangeFail; }
}

function isNumber(t: string): boolean {
  try { return parseF64(t) !== null; } catch (e) { return e instanceof RangeFail; }
}

export class Cursor {
  readonly src: string;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  i: number;
  /** Index of the Eof token. */
  readonly eof: number;

  constructor(t: Tokens, i = 0) {
    this.src = t.src; this.kind = t.kind; this.start = t.start; this.end = t.end;
    this.i = i;
    this.eof = t.count;
  }

  text(i = this.i): string { return this.src.slice(this.start[i], this.end[i]); }
  k(i = this.i): number { return this.kind[i]; }
  isAtom(i = this.i): boolean { return this.kind[i] === Tok.Atom; }
  isLParen(i = this.i): boolean { return this.kind[i] === Tok.LParen; }
  isRParen(i = this.i): boolean { return this.kind[i] === Tok.RParen; }
  isString(i = this.i): boolean { return this.kind[i] === Tok.String; }
  isId(i = this.i): boolean { return this.kind[i] === Tok.Atom && this.src.charCodeAt(this.start[i]) === 0x24 && this.end[i] - this.start[i] > 1; }
  /** Atom equal to `kw` at token i. */
  isKw(kw: string, i = this.i): boolean {
    return this.kind[i] === Tok.Atom && this.end[i] - this.start[i] === kw.length && this.src.startsWith(kw, this.start[i]);
  }
  /** `(` followed by the keyword `kw`. */
  isOpen(kw: string, i = this.i): boolean { return this.kind[i] === Tok.LParen && this.isKw(kw, i + 1); }

  // ---- errors ----

  where(i: number): string {
    const { line, col } = lineCol(this.src, this.start[Math.min(i, this.eof)]);
    const tok = i >= this.eof ? 'end of input' : JSON.stringify(this.text(i).slice(0, 40));
    return `line ${line}:${col}, at ${tok}`;
  }
  fail(reason: string, i = this.i): never {
    throw new CompileError(reason, -1, 'malformed', this.where(i));
  }
  /** The error for a token that does not fit the grammar here. */
  unexpected(i = this.i): never {
    const k = this.kind[i];
    if (k === Tok.Reserved || (k === Tok.Atom && !isKnownAtom(this.text(i)))) this.fail('unknown operator ' + this.text(i), i);
    if (k === Tok.Eof) this.fail('unexpected end of input', i);
    this.fail('unexpected token', i);
  }

  // ---- consuming ----

  lparen(): void { if (this.kind[this.i] !== Tok.LParen) this.unexpected(); this.i++; }
  rparen(): void { if (this.kind[this.i] !== Tok.RParen) this.unexpected(); this.i++; }
  kw(kw: string): void { if (!this.isKw(kw)) this.unexpected(); this.i++; }
  /** Consumes `(kw` if present. */
  open(kw: string): boolean {
    if (this.isOpen(kw)) { this.i += 2; return true; }
    return false;
  }
  atom(): string { if (this.kind[this.i] !== Tok.Atom) this.unexpected(); return this.text(this.i++); }
  /** An optional `$id`: returns it (with `$`) or null. */
  optId(): string | null { return this.isId() ? this.text(this.i++) : null; }

  /** A string literal's bytes. */
  bytes(): Uint8Array {
    if (this.kind[this.i] !== Tok.String) this.unexpected();
    const i = this.i++;
    try {
      return decodeString(this.src, this.start[i], this.end[i]);
    } catch (e) {
      if (e instanceof StringFail) this.fail(e.reason, i);
      throw e;
    }
  }
  /** A string that must be valid UTF-8 (a name). */
  name(): { bytes: Uint8Array; text: string } {
    const at = this.i;
    const bytes = this.bytes();
    const text = utf8ToString(bytes);
    if (text === null) this.fail('malformed UTF-8 encoding', at);
    return { bytes, text };
  }
  /** Concatenated string literals up to the next non-string token. */
  strings(): Uint8Array {
    const parts: Uint8Array[] = [];
    let n = 0;
    while (this.kind[this.i] === Tok.String) { const b = this.bytes(); parts.push(b); n += b.length; }
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }

  /** Skips a balanced s-expression starting at `(` (or a single token). */
  skip(): void {
    if (this.kind[this.i] !== Tok.LParen) { if (this.i < this.eof) this.i++; return; }
    let depth = 0;
    do {
      const k = this.kind[this.i];
      if (k === Tok.LParen) depth++;
      else if (k === Tok.RParen) depth--;
      else if (k === Tok.Eof) this.fail('unexpected end of input');
      this.i++;
    } while (depth > 0);
  }
  /** Skips to just after the `)` closing the current list (the `(` was already consumed). */
  skipRest(): void {
    while (this.kind[this.i] !== Tok.RParen) {
      if (this.kind[this.i] === Tok.Eof) this.fail('unexpected end of input');
      this.skip();
    }
    this.i++;
  }
}

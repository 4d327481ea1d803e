// Tokenizer for the WebAssembly text format and .wast scripts: one char-code loop that yields
// parentheses, atoms (keywords, numbers, identifiers), strings and reserved tokens, as parallel
// typed arrays of kind/start/end offsets. Comments and white space are skipped.
import { CompileError } from '../errors.js';

export const enum Tok {
  LParen = 1,
  RParen = 2,
  /** A run of idchars: keyword, number or `$id`. */
  Atom = 3,
  /** A single string literal, quotes included in [start, end). */
  String = 4,
  /** Any other run of characters (e.g. a string glued to an atom): always an error where used. */
  Reserved = 5,
  Eof = 6,
}

export interface Tokens {
  readonly src: string;
  /** Number of tokens, not counting the final Eof token. */
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** idchar per the spec: printable ASCII except space, quote, comma, semicolon, parens, brackets, braces. */
const IDCHAR = new Uint8Array(128);
for (let c = 0x21; c < 0x7f; c++) IDCHAR[c] = 1;
for (const ch of '",;()[]{}') IDCHAR[ch.charCodeAt(0)] = 0;

export function isIdChar(c: number): boolean { return c < 128 && IDCHAR[c] === 1; }

/** 1-based line and column of a character offset. */
export function lineCol(src: string, offset: number): { line: number; col: number } {
  let line = 1, lineStart = 0;
  const end = Math.min(offset, src.length);
  for (let i = 0; i < end; i++) if (src.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  return { line, col: end - lineStart + 1 };
}

export function lexError(src: string, reason: string, offset: number): never {
  const { line, col } = lineCol(src, offset);
  throw new CompileError(reason, -1, 'malformed', `line ${line}:${col}`);
}

export function lex(src: string): Tokens {
  let cap = (src.length >> 2) + 16;
  let kind = new Uint8Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let n = 0;
  const len = src.length;
  const push = (k: number, s: number, e: number): void => {
    if (n === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap); k2.set(kind); kind = k2;
      const s2 = new Int32Array(cap); s2.set(start); start = s2;
      const e2 = new Int32Array(cap); e2.set(end); end = e2;
    }
    kind[n] = k; start[n] = s; end[n] = e; n++;
  };
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte order mark is not a token
  while (i < len) {
    const c = src.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) { i++; continue; }
    if (c === 0x28 /* ( */) {
      if (i + 1 < len && src.charCodeAt(i + 1) === 0x3b /* ; */) { i = skipBlockComment(src, i); continue; }
      push(Tok.LParen, i, i + 1); i++; continue;
    }
    if (c === 0x29 /* ) */) { push(Tok.RParen, i, i + 1); i++; continue; }
    if (c === 0x3b && i + 1 < len && src.charCodeAt(i + 1) === 0x3b) {
      // Line comment: up to the end of the line (LF, CR or CRLF).
      i += 2;
      while (i < len) { const d = src.charCodeAt(i); if (d === 0x0a || d === 0x0d) break; i++; }
      continue;
    }
    // A token: a maximal run of idchars and strings (and stray characters, which make it reserved).
    const s = i;
    let strings = 0, idchars = 0, stray = false;
    while (i < len) {
      const d = src.charCodeAt(i);
      if (d < 128 && IDCHAR[d] === 1) { idchars++; i++; continue; }
      if (d === 0x22 /* " */) { i = skipString(src, i); strings++; continue; }
      if (d === 0x20 || d === 0x0a || d === 0x09 || d === 0x0d || d === 0x28 || d === 0x29) break;
      if (d === 0x3b && i + 1 < len && src.charCodeAt(i + 1) === 0x3b) break;
      stray = true; // any other character makes the token reserved
      i++;
    }
    if (stray) push(Tok.Reserved, s, i);
    else if (strings === 0) push(Tok.Atom, s, i);
    else push(strings === 1 && idchars === 0 ? Tok.String : Tok.Reserved, s, i);
  }
  push(Tok.Eof, len, len);
  return { src, count: n - 1, kind, start, end };
}

/** Returns the offset just after the closing quote. */
function skipString(src: string, i: number): number {
  const s = i;
  i++;
  const len = src.length;
  while (i < len) {
    const c = src.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c /* \ */) { i += 2; continue; }
    if (c === 0x0a) break;
    i++;
  }
  return lexError(src, 'unclosed string', s);
}

/** Skips a (possibly nested) block comment starting at `(;`; returns the offset after its `;)`. */
function skipBlockComment(src: string, i: number): number {
  const s = i;
  let depth = 1;
  i += 2;
  const len = src.length;
  while (i < len) {
    const c = src.charCodeAt(i);
    if (c === 0x28 && i + 1 < len && src.charCodeAt(i + 1) === 0x3b) { depth++; i += 2; continue; }
    if (c === 0x3b && i + 1 < len && src.charCodeAt(i + 1) === 0x29) {
      i += 2;
      if (--depth === 0) return i;
      continue;
    }
    i++;
  }
  return lexError(src, 'unclosed comment', s);
}

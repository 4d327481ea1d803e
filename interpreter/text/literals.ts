// Integer and string literals of the text format: syntax checks (underscores only between digits),
// range checks with the spec's messages, and string escapes decoded to bytes.

/** Thrown by literal parsers for a well-formed literal whose value does not fit. */
export class RangeFail extends Error {
  constructor(readonly reason: string) { super(reason); }
}

export interface IntScan {
  neg: boolean;
  /** A sign character was written (+ or -). */
  signed: boolean;
  hex: boolean;
  /** Digits without underscores. */
  digits: string;
}

function isDigit(c: number, hex: boolean): boolean {
  return (c >= 0x30 && c <= 0x39) || (hex && ((c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)));
}

/**
 * Scans digits with single underscores between them, from t[i]. Returns the end index (exclusive) and
 * appends the digits to out[0]; -1 if there is no digit at i or an underscore is misplaced.
 */
export function scanDigits(t: string, i: number, hex: boolean, out: string[]): number {
  const s = i;
  const len = t.length;
  if (i >= len || !isDigit(t.charCodeAt(i), hex)) return -1;
  let clean = true;
  while (i < len) {
    const c = t.charCodeAt(i);
    if (isDigit(c, hex)) { i++; continue; }
    if (c === 0x5f /* _ */) {
      if (i + 1 >= len || !isDigit(t.charCodeAt(i + 1), hex)) return -1;
      clean = false;
      i++;
      continue;
    }
    break;
  }
  out[0] += clean ? t.slice(s, i) : t.slice(s, i).replace(/_/g, '');
  return i;
}

/** Scans an integer literal (sign? (num | 0x hexnum)); null when `t` is not one. */
export function scanInt(t: string): IntScan | null {
  let i = 0;
  let neg = false, signed = false;
  const c0 = t.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) { neg = c0 === 0x2d; signed = true; i = 1; }
  let hex = false;
  if (t.charCodeAt(i) === 0x30 && (t.charCodeAt(i + 1) === 0x78)) { hex = true; i += 2; }
  const out = [''];
  const e = scanDigits(t, i, hex, out);
  if (e !== t.length) return null;
  return { neg, signed, hex, digits: out[0] };
}

function magnitude(s: IntScan): bigint {
  return BigInt(s.hex ? '0x' + s.digits : s.digits);
}

/** The magnitude as a plain number: exact up to 2^53, Infinity beyond. */
function smallMagnitude(s: IntScan): number {
  if (s.hex ? s.digits.length <= 13 : s.digits.length <= 15) return parseInt(s.digits, s.hex ? 16 : 10);
  const m = magnitude(s);
  return m <= 0x20000000000000n ? Number(m) : Infinity;
}

/** An unsigned 32-bit literal (indices, limits, memarg): no sign. Null when not an unsigned integer. */
export function parseU32(t: string): number | null {
  const c0 = t.charCodeAt(0);
  if (!(c0 >= 0x30 && c0 <= 0x39)) return null;
  const s = scanInt(t);
  if (s === null) return null;
  const v = smallMagnitude(s);
  if (v > 0xffffffff) throw new RangeFail('i32 constant out of range');
  return v;
}

/** An i32 literal (signed or unsigned range), wrapped to int32. Null when not an integer literal. */
export function parseI32(t: string): number | null {
  const s = scanInt(t);
  if (s === null) return null;
  const v = smallMagnitude(s);
  if ((s.neg ? v > 0x80000000 : v > 0xffffffff)) throw new RangeFail('constant out of range');
  return (s.neg ? -v : v) | 0;
}

/** An iN literal for N <= 64 (signed or unsigned range), as a signed bigint. */
export function parseIntN(t: string, bits: number): bigint | null {
  const s = scanInt(t);
  if (s === null) return null;
  const m = magnitude(s);
  const lim = 1n << BigInt(bits);
  if (s.neg ? m > lim >> 1n : m >= lim) throw new RangeFail('constant out of range');
  return BigInt.asIntN(bits, s.neg ? -m : m);
}

/** An i64 literal as a signed bigint. */
export function parseI64(t: string): bigint | null {
  return parseIntN(t, 64);
}

export class StringFail extends Error {
  constructor(readonly reason: string, readonly at: number) { super(reason); }
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Decodes the string literal src[start, end) (quotes included) to bytes; throws StringFail. */
export function decodeString(src: string, start: number, end: number): Uint8Array {
  const s = start + 1, e = end - 1;
  // Fast path: printable ASCII without escapes.
  let simple = true;
  for (let i = s; i < e; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x5c) { simple = false; break; }
  }
  if (simple) {
    const out = new Uint8Array(e - s);
    for (let i = s; i < e; i++) out[i - s] = src.charCodeAt(i);
    return out;
  }
  const bytes: number[] = [];
  const utf8 = (cp: number): void => {
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  };
  let i = s;
  while (i < e) {
    const c = src.charCodeAt(i);
    if (c === 0x5c) {
      const d = src.charCodeAt(i + 1);
      switch (d) {
        case 0x74: bytes.push(9); i += 2; continue;      // \t
        case 0x6e: bytes.push(10); i += 2; continue;     // \n
        case 0x72: bytes.push(13); i += 2; continue;     // \r
        case 0x22: bytes.push(0x22); i += 2; continue;   // \"
        case 0x27: bytes.push(0x27); i += 2; continue;   // \'
        case 0x5c: bytes.push(0x5c); i += 2; continue;   // \\
        case 0x75: {                                     // \u{hex}
          if (src.charCodeAt(i + 2) !== 0x7b) throw new StringFail('illegal escape', i);
          let j = i + 3;
          const out = [''];
          j = scanDigits(src, j, true, out);
          if (j < 0 || j >= e || src.charCodeAt(j) !== 0x7d) throw new StringFail('illegal escape', i);
          const cp = out[0].length > 8 ? Infinity : parseInt(out[0], 16);
          if (cp >= 0x110000 || (cp >= 0xd800 && cp < 0xe000)) throw new StringFail('illegal escape', i);
          utf8(cp);
          i = j + 1;
          continue;
        }
        default: {
          const h = hexVal(d), l = hexVal(src.charCodeAt(i + 2));
          if (h < 0 || l < 0 || i + 2 >= e) throw new StringFail('illegal escape', i);
          bytes.push((h << 4) | l);
          i += 3;
          continue;
        }
      }
    }
    if (c < 0x20 || c === 0x7f) throw new StringFail('illegal control character', i);
    if (c < 0x80) { bytes.push(c); i++; continue; }
    // Non-ASCII source character: UTF-8 encode its code point (surrogate pairs joined).
    let cp = c;
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < e) {
      const c2 = src.charCodeAt(i + 1);
      if (c2 >= 0xdc00 && c2 < 0xe000) { cp = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00); i++; }
    }
    utf8(cp);
    i++;
  }
  return Uint8Array.from(bytes);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 bytes to a string, or null when they are not valid UTF-8. */
export function utf8ToString(b: Uint8Array): string | null {
  try { return utf8Decoder.decode(b); } catch { return null; }
}

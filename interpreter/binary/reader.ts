// A cursor over module bytes: LEB128 integers, floats, names. Every failure is a CompileError
// carrying the spec's message and the byte offset.
import { CompileError } from '../errors.js';

// ignoreBOM: a leading U+FEFF is part of a name, not a byte-order mark to strip.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** The spec's message for reading past the end of the input (every truncation reports this). */
export const EOS = 'unexpected end of section or function';

export class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, pos = 0, public end = bytes.length, /** offset of bytes[0] in the module */ readonly base = 0) {
    this.pos = pos;
  }

  fail(msg: string, at = this.pos): never { throw new CompileError(msg, this.base + at, 'malformed'); }
  get eof(): boolean { return this.pos >= this.end; }
  /** Absolute module offset of the cursor. */
  get offset(): number { return this.base + this.pos; }

  u8(): number {
    if (this.pos >= this.end) this.fail(EOS);
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 up to 32 bits. */
  u32(): number {
    let result = 0, shift = 0;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(EOS);
      const b = this.bytes[this.pos++];
      if (i === 4) {
        // As the reference decoder: unused bits are checked before the continuation bit.
        if (b & 0x70) this.fail('integer too large', this.pos - 1);
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        return (result | (b << 28)) >>> 0;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) return result >>> 0;
    }
  }

  /** Signed LEB128 up to 32 bits. */
  s32(): number {
    let result = 0, shift = 0;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(EOS);
      const b = this.bytes[this.pos++];
      if (i === 4) {
        // Remaining bits (beyond 32) must be a sign extension of bit 31.
        const top = b & 0x78; // bits 3..6 of the last byte: must be all 0 or all 1 (with bit 3 = sign)
        if (top !== 0 && top !== 0x78) this.fail('integer too large', this.pos - 1);
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) {
        if (shift < 32 && (b & 0x40)) result |= -1 << shift;
        return result;
      }
    }
  }

  /** Signed LEB128 up to 33 bits (block types). Returns a JS number (exact). */
  s33(): number {
    let result = 0, mul = 1;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(EOS);
      const b = this.bytes[this.pos++];
      if (i === 4) {
        // 33 bits: 4*7 = 28 bits so far, 5 more from this byte (bits 0..4); bits 5..6 are sign copies.
        const top = b & 0x70;
        if (top !== 0 && top !== 0x70) this.fail('integer too large', this.pos - 1);
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        result += (b & 0x1f) * mul;
        if (b & 0x10) result -= 2 ** 33;
        return result;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if (!(b & 0x80)) {
        if (b & 0x40) result -= mul;
        return result;
      }
    }
  }

  /** Signed LEB128 up to 64 bits, as [lo, hi] int32 halves written to out[0], out[1]. */
  s64(out: Int32Array | number[]): void {
    let lo = 0, hi = 0, shift = 0;
    for (let i = 0; ; i++) {
      if (this.pos >= this.end) this.fail(EOS);
      const b = this.bytes[this.pos++];
      if (i === 9) {
        // 63 bits so far; bit 0 of this byte is bit 63; bits 1..6 must equal the sign (bit 0).
        const top = b & 0x7f;
        if (top !== 0 && top !== 0x7f) this.fail('integer too large', this.pos - 1);
        if (b & 0x80) this.fail('integer representation too long', this.pos - 1);
        hi |= (b & 1) << 31;
        out[0] = lo; out[1] = hi;
        return;
      }
      const v = b & 0x7f;
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else {
        hi |= v << (shift - 32);
      }
      shift += 7;
      if (!(b & 0x80)) {
        if (b & 0x40) { // sign-extend from bit `shift`
          if (shift < 32) { lo |= -1 << shift; hi = -1; }
          else if (shift < 64) hi |= -1 << (shift - 32);
        }
        out[0] = lo; out[1] = hi;
        return;
      }
    }
  }

  /** Raw little-endian 32-bit pattern (f32 bits), as an unsigned number. */
  f32bits(): number {
    if (this.pos + 4 > this.end) { this.pos = this.end; this.fail(EOS); }
    const b = this.bytes, p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** Raw little-endian 64-bit pattern (f64 bits), as [lo, hi] int32 halves. */
  f64bits(out: Int32Array | number[]): void {
    if (this.pos + 8 > this.end) { this.pos = this.end; this.fail(EOS); }
    const b = this.bytes, p = this.pos;
    this.pos += 8;
    out[0] = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
    out[1] = b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24);
  }

  bytesN(n: number): Uint8Array {
    if (this.pos + n > this.end) { this.pos = this.end; this.fail(EOS); }
    const r = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  /** A name: u32 length then UTF-8 bytes. */
  name(): string {
    const n = this.u32();
    const start = this.pos;
    if (this.pos + n > this.end) { this.pos = this.end; this.fail(EOS); }
    const b = this.bytesN(n);
    try { return utf8.decode(b); } catch { this.fail('malformed UTF-8 encoding', start); }
  }
}

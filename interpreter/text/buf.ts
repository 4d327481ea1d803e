// A growable byte buffer for writing the binary format: bytes, LEB128 integers, float bits, names.

export class Buf {
  bytes: Uint8Array;
  len = 0;
  constructor(cap = 64) { this.bytes = new Uint8Array(cap); }

  private grow(need: number): void {
    let cap = this.bytes.length * 2;
    while (cap < this.len + need) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.bytes.subarray(0, this.len));
    this.bytes = b;
  }

  u8(b: number): void {
    if (this.len === this.bytes.length) this.grow(1);
    this.bytes[this.len++] = b;
  }

  /** Unsigned LEB128 of a number in [0, 2^32). */
  u32(v: number): void {
    v >>>= 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.u8(b);
    } while (v !== 0);
  }

  /** Signed LEB128 of an int32 (or any exact integer in [-2^33, 2^33) for s33 block types). */
  s33(v: number): void {
    for (;;) {
      const b = v & 0x7f;
      v = Math.floor(v / 128);
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { this.u8(b); return; }
      this.u8(b | 0x80);
    }
  }

  s32(v: number): void { this.s33(v | 0); }

  /** Signed LEB128 of a 64-bit value given as a signed bigint. */
  s64(v: bigint): void {
    if (v >= -0x80000000n && v < 0x80000000n) { this.s33(Number(v)); return; }
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) { this.u8(b); return; }
      this.u8(b | 0x80);
    }
  }

  /** 4 little-endian bytes of a uint32 bit pattern. */
  f32(bits: number): void {
    this.u8(bits & 0xff); this.u8((bits >>> 8) & 0xff); this.u8((bits >>> 16) & 0xff); this.u8(bits >>> 24);
  }

  /** 8 little-endian bytes of a uint64 bit pattern. */
  f64(bits: bigint): void {
    const lo = Number(bits & 0xffffffffn), hi = Number(bits >> 32n);
    this.f32(lo); this.f32(hi);
  }

  raw(b: Uint8Array): void {
    if (this.len + b.length > this.bytes.length) this.grow(b.length);
    this.bytes.set(b, this.len);
    this.len += b.length;
  }

  /** u32 length, then the bytes (a name or a data string). */
  vecBytes(b: Uint8Array): void { this.u32(b.length); this.raw(b); }

  /** u32 size prefix, then another buffer's contents. */
  sized(b: Buf): void { this.u32(b.len); this.raw(b.view()); }

  view(): Uint8Array { return this.bytes.subarray(0, this.len); }
  result(): Uint8Array { return this.bytes.slice(0, this.len); }
}

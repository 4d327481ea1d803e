// A minimal little-endian byte writer and reader for the module's own records (continuations,
// filesystem images): u8, u32, i32, u64 (bigint), length-prefixed bytes and UTF-8 strings. The
// reader throws RecordFormatError on truncated input instead of reading past the end.

export class RecordFormatError extends Error {
  constructor(message: string) { super(message); this.name = 'RecordFormatError'; }
}

export class ByteWriter {
  private buf = new Uint8Array(256);
  private dv = new DataView(this.buf.buffer);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + n) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.buf.subarray(0, this.at));
    this.buf = b;
    this.dv = new DataView(b.buffer);
  }

  u8(v: number): void { this.room(1); this.buf[this.at++] = v & 0xff; }
  u32(v: number): void { this.room(4); this.dv.setUint32(this.at, v >>> 0, true); this.at += 4; }
  i32(v: number): void { this.room(4); this.dv.setInt32(this.at, v | 0, true); this.at += 4; }
  u64(v: bigint): void { this.room(8); this.dv.setBigUint64(this.at, BigInt.asUintN(64, v), true); this.at += 8; }
  bytes(b: Uint8Array): void { this.u32(b.length); this.room(b.length); this.buf.set(b, this.at); this.at += b.length; }
  str(s: string): void { this.bytes(new TextEncoder().encode(s)); }
  raw(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.at); this.at += b.length; }

  finish(): Uint8Array { return this.buf.slice(0, this.at); }
}

export class ByteReader {
  private readonly dv: DataView;
  at = 0;
  constructor(private readonly buf: Uint8Array, private readonly what: string) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (this.at + n > this.buf.length) throw new RecordFormatError(`${this.what}: truncated at byte ${this.at}`);
  }

  u8(): number { this.need(1); return this.buf[this.at++]; }
  u32(): number { this.need(4); const v = this.dv.getUint32(this.at, true); this.at += 4; return v; }
  i32(): number { this.need(4); const v = this.dv.getInt32(this.at, true); this.at += 4; return v; }
  u64(): bigint { this.need(8); const v = this.dv.getBigUint64(this.at, true); this.at += 8; return v; }
  bytes(): Uint8Array<ArrayBuffer> { const n = this.u32(); this.need(n); const b = new Uint8Array(this.buf.subarray(this.at, this.at + n)); this.at += n; return b; }
  str(): string { return new TextDecoder().decode(this.bytes()); }
  raw(n: number): Uint8Array { this.need(n); const b = this.buf.subarray(this.at, this.at + n); this.at += n; return b; }
  get done(): boolean { return this.at === this.buf.length; }
}

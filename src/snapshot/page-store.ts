// The bytes of a snapshot's memory as 64 KiB chunks (one per wasm page) shared copy-on-write between
// snapshots: a snapshot taken from a memory that is in step with an earlier one copies only the chunks
// holding dirty pages and shares the rest, and all-zero chunks of grown memory share one zero chunk.
// A chunk is written in place only when this store owns it exclusively (`owned`); otherwise it is
// cloned first, so sharing is never visible.
import { WASM_PAGE } from '../../interpreter/index.js';

export const CHUNK_SIZE = WASM_PAGE;
export const CHUNK_SHIFT = 16;

/** The one shared all-zero chunk (never written: stores clone before writing a chunk they do not own). */
export const ZERO_CHUNK: Uint8Array = new Uint8Array(CHUNK_SIZE);

export class PageStore {
  /** One CHUNK_SIZE array per wasm page. */
  chunks: Uint8Array[];
  /** 1 where this store may write chunks[i] in place. */
  owned: Uint8Array;

  constructor(chunks: Uint8Array[], owned: Uint8Array) {
    this.chunks = chunks;
    this.owned = owned;
  }

  /** A store holding a copy of `bytes` (length a multiple of CHUNK_SIZE), in one allocation. */
  static copyOf(bytes: Uint8Array): PageStore {
    const copy = bytes.slice();
    const n = copy.length / CHUNK_SIZE;
    const chunks = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) chunks[i] = copy.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE);
    return new PageStore(chunks, new Uint8Array(n).fill(1));
  }

  /** A store of `n` zero chunks. */
  static zeros(n: number): PageStore {
    return new PageStore(new Array<Uint8Array>(n).fill(ZERO_CHUNK), new Uint8Array(n));
  }

  get chunkCount(): number { return this.chunks.length; }
  get byteLength(): number { return this.chunks.length * CHUNK_SIZE; }

  /** Chunk i, for reading only. */
  chunk(i: number): Uint8Array { return this.chunks[i]; }

  /** Chunk i, made exclusively ours first (for writing). */
  writableChunk(i: number): Uint8Array {
    if (this.owned[i] === 0) {
      this.chunks[i] = this.chunks[i].slice();
      this.owned[i] = 1;
    }
    return this.chunks[i];
  }

  /**
   * A new store of `n` chunks that shares this store's chunks (up to n; zero chunks beyond) except where
   * `replace(i)` returns a fresh chunk, which the new store owns. Shared chunks become read-only in both.
   */
  derive(n: number, replace: (i: number) => Uint8Array | null): PageStore {
    const chunks = new Array<Uint8Array>(n);
    const owned = new Uint8Array(n);
    const have = this.chunks.length;
    for (let i = 0; i < n; i++) {
      const fresh = replace(i);
      if (fresh !== null) { chunks[i] = fresh; owned[i] = 1; }
      else if (i < have) { chunks[i] = this.chunks[i]; this.owned[i] = 0; }
      else chunks[i] = ZERO_CHUNK;
    }
    return new PageStore(chunks, owned);
  }

  /** Grow to n chunks (zero chunks); never shrinks. */
  grow(n: number): void {
    const old = this.chunks.length;
    if (n <= old) return;
    this.chunks.length = n;
    this.chunks.fill(ZERO_CHUNK, old, n);
    const owned = new Uint8Array(n);
    owned.set(this.owned);
    this.owned = owned;
  }

  /** Copy [offset, offset + dst.length) into dst; bytes past the end read as zero. */
  read(offset: number, dst: Uint8Array): void {
    let done = 0;
    const len = dst.length;
    const size = this.byteLength;
    while (done < len) {
      const at = offset + done;
      if (at >= size) { dst.fill(0, done); return; }
      const c = at >>> CHUNK_SHIFT, o = at & (CHUNK_SIZE - 1);
      const n = Math.min(len - done, CHUNK_SIZE - o);
      dst.set(this.chunks[c].subarray(o, o + n), done);
      done += n;
    }
  }

  /** Write bytes at offset (copy-on-write); the store must already be large enough. */
  write(offset: number, bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) {
      const at = offset + done;
      const c = at >>> CHUNK_SHIFT, o = at & (CHUNK_SIZE - 1);
      const n = Math.min(bytes.length - done, CHUNK_SIZE - o);
      this.writableChunk(c).set(bytes.subarray(done, done + n), o);
      done += n;
    }
  }

  /** True when chunk i holds only zero bytes. */
  isZeroChunk(i: number): boolean {
    const c = this.chunks[i];
    if (c === ZERO_CHUNK) return true;
    if ((c.byteOffset & 3) === 0) {
      const w = new Int32Array(c.buffer, c.byteOffset, CHUNK_SIZE >>> 2);
      let acc = 0;
      for (let k = 0; k < w.length; k++) acc |= w[k];
      return acc === 0;
    }
    for (let k = 0; k < c.length; k++) if (c[k] !== 0) return false;
    return true;
  }

  /** The whole contents as one contiguous array. */
  toBytes(): Uint8Array {
    const out = new Uint8Array(this.byteLength);
    for (let i = 0; i < this.chunks.length; i++) if (this.chunks[i] !== ZERO_CHUNK) out.set(this.chunks[i], i * CHUNK_SIZE);
    return out;
  }
}

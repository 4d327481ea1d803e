// Memory management of a bound module (faasm-semantics.md §2): the brk, growMemory/shrinkMemory,
// mmapMemory/unmapMemory over a free list, mmapFile, guard regions, setMemorySize, views and checked
// access. Wasm pages are 64 KiB, host pages 4 KiB. Requests that cannot be met throw MemoryError and
// leave memory unchanged.
import { WASM_PAGE, HOST_PAGE, MAX_PAGES, type Memory } from '../../interpreter/index.js';
import { MemoryError } from './errors.js';
import { FreeList, type Region } from './regions.js';
import { GuardRegions } from './guards.js';
import { CheckedMemory } from './checked.js';
import { resizeMemory } from './resize.js';

/** Faasm's guard region size: ten wasm pages. */
export const GUARD_REGION_SIZE = 10 * WASM_PAGE;

/** Everything a snapshot needs to put the memory bookkeeping back. */
export interface MemoryBookkeeping {
  brk: number;
  knownPages: number;
  usedTop: number;
  free: Region[];
  guards: Region[];
}

/** Reads a file's bytes for mmapFile: (fd, length) → the first `length` bytes (fewer at EOF). */
export type FileReader = (fd: number, length: number) => Uint8Array;

const roundUp = (n: number, unit: number): number => Math.ceil(n / unit) * unit;

export class ModuleMemory {
  private brk = 0;
  /** Memory size (pages) when the brk was last set; a different size means the guest grew it. */
  private knownPages = 0;
  /** Highest address ever handed out: memory above it (up to the end) is still all zero. */
  private usedTop = 0;
  readonly freeList = new FreeList();
  readonly guards = new GuardRegions();
  readonly checked: CheckedMemory;

  constructor(private readonly getMemory: () => Memory | null) {
    this.checked = new CheckedMemory(() => this.memory(), this.guards);
  }

  /** The linear memory (MemoryError when the module has none). */
  memory(): Memory {
    const m = this.getMemory();
    if (m === null) throw new MemoryError('the module has no linear memory');
    return m;
  }

  /** Starts the bookkeeping: the brk at the end of memory, no free regions, no guards. */
  init(): void {
    const m = this.getMemory();
    this.brk = this.usedTop = m === null ? 0 : m.byteLength;
    this.knownPages = m === null ? 0 : m.pages;
    this.freeList.clear();
  }

  /** Follows growth by the guest (memory.grow): the brk moves to the new end. */
  private sync(): Memory {
    const m = this.memory();
    if (m.pages !== this.knownPages) {
      if (m.pages > this.knownPages) this.brk = this.usedTop = m.byteLength;
      else {
        // Made smaller by someone else (a snapshot restore): nothing lies above the new end.
        this.brk = Math.min(this.brk, m.byteLength);
        this.usedTop = Math.min(this.usedTop, m.byteLength);
        this.freeList.truncate(this.brk);
      }
      this.knownPages = m.pages;
    }
    return m;
  }

  getCurrentBrk(): number { this.sync(); return this.brk; }
  getMemorySizeBytes(): number { return this.memory().byteLength; }
  getMaxMemoryPages(): number {
    const m = this.memory();
    return Math.min(m.max ?? MAX_PAGES, MAX_PAGES, m.hostLimit);
  }

  /** A live view of the whole memory (replaced when memory grows or is reset). Host writes through
   *  it must be followed by markDirty(offset, length), or use checked.write(). */
  getMemoryView(): Uint8Array { return this.memory().u8; }

  /** Faasm's wasmPointerToNative: a checked live view of [ptr, ptr+len). */
  wasmPointerToNative(ptr: number, len = 1): Uint8Array { return this.checked.view(ptr, len); }

  /** Zeroes [from, to) where it may hold old data (below usedTop), marking the pages dirty. */
  private zero(m: Memory, from: number, to: number): void {
    const end = Math.min(to, this.usedTop);
    if (end > from) { m.u8.fill(0, from, end); m.markDirty(from, end - from); }
    if (to > this.usedTop) this.usedTop = to;
  }

  /** Raises the brk by n bytes (a multiple of the wasm page), growing memory when it does not fit.
   *  Returns the old brk. */
  growMemory(n: number): number {
    if (!Number.isInteger(n) || n < 0 || n % WASM_PAGE !== 0) {
      throw new MemoryError(`growMemory: ${n} is not a multiple of the wasm page size (${WASM_PAGE})`);
    }
    const m = this.sync();
    const old = this.brk;
    if (n === 0) return old;
    const next = old + n;
    if (next > m.byteLength) {
      const missing = (next - m.byteLength) / WASM_PAGE;
      if (m.pages + missing > this.getMaxMemoryPages() || m.grow(missing) < 0) {
        throw new MemoryError(`growMemory: ${n} bytes from brk 0x${old.toString(16)} exceed the maximum of ${this.getMaxMemoryPages()} pages`);
      }
      this.knownPages = m.pages;
    }
    this.zero(m, old, next);
    this.brk = next;
    return old;
  }

  /** Lowers the brk by n bytes (a multiple of the wasm page, not above the brk); memory keeps its
   *  size. Returns the old brk. */
  shrinkMemory(n: number): number {
    if (!Number.isInteger(n) || n < 0 || n % WASM_PAGE !== 0) {
      throw new MemoryError(`shrinkMemory: ${n} is not a multiple of the wasm page size (${WASM_PAGE})`);
    }
    this.sync();
    const old = this.brk;
    if (n > old) throw new MemoryError(`shrinkMemory: ${n} bytes is more than the brk (0x${old.toString(16)})`);
    this.brk = old - n;
    this.freeList.truncate(this.brk);
    return old;
  }

  /** A zero-filled region of n bytes (rounded up to wasm pages): the lowest free region that fits,
   *  else fresh memory at the brk. Returns its offset. */
  mmapMemory(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new MemoryError(`mmapMemory: bad length ${n}`);
    const len = roundUp(n, WASM_PAGE);
    const m = this.sync();
    const off = this.freeList.take(len);
    if (off >= 0) {
      m.u8.fill(0, off, off + len);
      m.markDirty(off, len);
      return off;
    }
    return this.growMemory(len);
  }

  /** Returns [off, off+n) (n rounded up to wasm pages) to the module: a region ending at the brk
   *  lowers the brk (together with free regions just below it), any other goes on the free list.
   *  n = 0 does nothing. Guards inside the region are removed. */
  unmapMemory(off: number, n: number): void {
    if (n === 0) return;
    if (!Number.isInteger(off) || off < 0 || off % WASM_PAGE !== 0) {
      throw new MemoryError(`unmapMemory: offset 0x${off.toString(16)} is not wasm-page aligned`);
    }
    if (!Number.isInteger(n) || n < 0) throw new MemoryError(`unmapMemory: bad length ${n}`);
    const m = this.sync();
    const len = roundUp(n, WASM_PAGE);
    if (off + len > this.brk) {
      throw new MemoryError(`unmapMemory: [0x${off.toString(16)}, 0x${(off + len).toString(16)}) goes past the brk (0x${this.brk.toString(16)})`);
    }
    this.guards.remove(m, off / HOST_PAGE, len / HOST_PAGE);
    if (off + len === this.brk) {
      this.brk = this.freeList.releaseAt(off);
    } else {
      this.freeList.add(off, len);
    }
  }

  /** Maps the first `length` bytes of a file into a fresh region (a copy: later writes to either side
   *  are not shared). Returns the region's offset. */
  mmapFile(read: FileReader, fd: number, length: number): number {
    const bytes = read(fd, length);
    const off = this.mmapMemory(Math.max(length, 1));
    if (bytes.length > 0) this.checked.write(off, bytes.subarray(0, length));
    return off;
  }

  /** Makes [offset, offset+length) trap on any access. offset must be host-page aligned; length is
   *  rounded up to host pages (default: GUARD_REGION_SIZE). Returns the end of the region. */
  createMemoryGuardRegion(offset: number, length = GUARD_REGION_SIZE): number {
    if (!Number.isInteger(offset) || offset < 0 || offset % HOST_PAGE !== 0) {
      throw new MemoryError(`createMemoryGuardRegion: offset 0x${offset.toString(16)} is not host-page (4 KiB) aligned`);
    }
    const len = roundUp(Math.max(length, 1), HOST_PAGE);
    const m = this.sync();
    if (offset + len > m.byteLength) {
      throw new MemoryError(`createMemoryGuardRegion: [0x${offset.toString(16)}, 0x${(offset + len).toString(16)}) is outside memory`);
    }
    this.guards.add(m, offset / HOST_PAGE, len / HOST_PAGE);
    return offset + len;
  }

  /** Removes the guards from [offset, offset+length) (host pages). */
  removeMemoryGuardRegion(offset: number, length = GUARD_REGION_SIZE): void {
    const m = this.memory();
    const first = Math.floor(offset / HOST_PAGE);
    this.guards.remove(m, first, Math.ceil((offset + length) / HOST_PAGE) - first);
  }

  /** Makes memory exactly n bytes (rounded up to wasm pages), growing or shrinking it; the brk goes
   *  to the new end. Free regions and guards above it are dropped. */
  setMemorySize(n: number): void {
    if (!Number.isInteger(n) || n < 0) throw new MemoryError(`setMemorySize: bad size ${n}`);
    const pages = Math.ceil(n / WASM_PAGE);
    const m = this.sync();
    if (pages > this.getMaxMemoryPages()) {
      throw new MemoryError(`setMemorySize: ${pages} pages exceed the maximum of ${this.getMaxMemoryPages()}`);
    }
    if (pages < m.pages) this.guards.truncate(m, pages * WASM_PAGE);
    try { resizeMemory(m, pages); } catch (e) { throw new MemoryError(`setMemorySize: ${(e as Error).message}`); }
    this.brk = m.byteLength;
    this.knownPages = m.pages;
    this.usedTop = this.brk;
    this.freeList.truncate(this.brk);
  }

  bookkeeping(): MemoryBookkeeping {
    this.sync();
    return { brk: this.brk, knownPages: this.knownPages, usedTop: this.usedTop, free: this.freeList.list(), guards: this.guards.list() };
  }

  /** Puts the bookkeeping back (after the memory itself was restored to the matching state). */
  restoreBookkeeping(b: MemoryBookkeeping): void {
    this.brk = b.brk;
    this.knownPages = b.knownPages;
    this.usedTop = b.usedTop;
    this.freeList.restore(b.free);
    const m = this.getMemory();
    if (m !== null) this.guards.restore(m, b.guards);
  }
}

// A linear memory: one ArrayBuffer with typed views and an exact dirty-page map (4 KiB host pages)
// that every write path marks. Growing replaces the buffer (views are re-created; `generation`
// tells cached holders to reload).
import { RuntimeError } from '../errors.js';
import type { Waiter } from './waiter.js';

export const WASM_PAGE = 65536;
export const HOST_PAGE_SHIFT = 12;
export const HOST_PAGE = 1 << HOST_PAGE_SHIFT;
/** 2^16 pages of 64 KiB: the 32-bit address space. */
export const MAX_PAGES = 65536;
/** Host pages per wasm page. Page counts are multiplied, never shifted: 65536 wasm pages are 2^32
 *  bytes, which a 32-bit shift would wrap to 0. */
const HOST_PAGES_PER_WASM_PAGE = WASM_PAGE / HOST_PAGE;

export class Memory {
  buffer: ArrayBuffer;
  u8: Uint8Array;
  dv: DataView;
  /** Size in wasm pages. */
  pages: number;
  readonly max: number | null;
  readonly shared: boolean;
  /** One byte per 4 KiB page: 1 when written since the last clearDirty(). */
  dirty: Uint8Array;
  /** Incremented whenever buffer (and so every view) is replaced. */
  generation = 0;
  /** Upper limit on pages this host will allocate (an engine setting, not the module's max). */
  hostLimit: number;
  /** Guard pages: one byte per 4 KiB host page, 1 = any access traps; null while there are none. */
  guards: Uint8Array | null = null;
  /** Accesses ending at or below this address need no other check: the memory's length while there
   *  are no guards, else the lowest guarded address. The executor's fast bound (a changed value
   *  bumps `generation`). */
  fastLimit: number;
  /**
   * Called after every successful grow (by 0 pages too) with the buffer from before the grow; null by
   * default. The JS API (src/webassembly) uses it to detach the old buffer as its spec requires.
   */
  onGrow: ((oldBuffer: ArrayBuffer) => void) | null = null;
  /**
   * The scheduler's side of memory.atomic.wait/notify on this (shared) memory (runtime/waiter.ts);
   * null: no other context can notify, so waits never block.
   */
  waiter: Waiter | null = null;

  constructor(min: number, max: number | null, shared = false, hostLimit = MAX_PAGES) {
    this.pages = min;
    this.max = max;
    this.shared = shared;
    this.hostLimit = hostLimit;
    this.buffer = new ArrayBuffer(min * WASM_PAGE);
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
    this.dirty = new Uint8Array(min * HOST_PAGES_PER_WASM_PAGE);
    this.fastLimit = min * WASM_PAGE;
  }

  get byteLength(): number { return this.pages * WASM_PAGE; }

  /** memory.grow: returns the old size in pages, or -1 when the grow is refused. */
  grow(delta: number): number {
    const old = this.pages;
    const limit = Math.min(this.max ?? MAX_PAGES, MAX_PAGES, this.hostLimit);
    if (delta < 0 || old + delta > limit) return -1;
    if (delta === 0) {
      if (this.onGrow !== null) this.onGrow(this.buffer);
      return old;
    }
    let next: ArrayBuffer;
    try { next = new ArrayBuffer((old + delta) * WASM_PAGE); } catch { return -1; }
    const prev = this.buffer;
    new Uint8Array(next).set(this.u8);
    const dirty = new Uint8Array((old + delta) * HOST_PAGES_PER_WASM_PAGE);
    dirty.set(this.dirty);
    this.buffer = next;
    this.u8 = new Uint8Array(next);
    this.dv = new DataView(next);
    this.dirty = dirty;
    this.pages = old + delta;
    if (this.guards !== null) {
      const g = new Uint8Array(dirty.length);
      g.set(this.guards);
      this.guards = g;
    }
    this.updateFastLimit();
    this.generation++;
    if (this.onGrow !== null) this.onGrow(prev);
    return old;
  }

  /** Host side: makes the memory exactly `pages` pages, also smaller (restoring a snapshot). Kept
   *  bytes and dirty bits stay; guards above the new end are dropped. */
  setSize(pages: number): void {
    if (pages >= this.pages) {
      if (pages > this.pages && this.grow(pages - this.pages) < 0) throw new RangeError(`cannot grow memory to ${pages} pages`);
      return;
    }
    const bytes = pages * WASM_PAGE;
    const next = new ArrayBuffer(bytes);
    const prev = this.buffer;
    this.u8 = new Uint8Array(next);
    this.u8.set(new Uint8Array(prev, 0, bytes));
    this.buffer = next;
    this.dv = new DataView(next);
    this.dirty = this.dirty.slice(0, pages * HOST_PAGES_PER_WASM_PAGE);
    if (this.guards !== null) {
      this.guards = this.guards.slice(0, this.dirty.length);
      if (this.guards.indexOf(1) < 0) this.guards = null;
    }
    this.pages = pages;
    this.updateFastLimit();
    this.generation++;
    if (this.onGrow !== null) this.onGrow(prev);
  }

  private updateFastLimit(): void {
    const i = this.guards === null ? -1 : this.guards.indexOf(1);
    this.fastLimit = i < 0 ? this.u8.length : i * HOST_PAGE;
  }

  /** Marks host pages [first, first+count) as guard pages (on) or ordinary pages (off). */
  setGuard(first: number, count: number, on: boolean): void {
    const end = Math.min(first + count, this.dirty.length);
    if (on) {
      if (this.guards === null) this.guards = new Uint8Array(this.dirty.length);
      this.guards.fill(1, first, end);
    } else if (this.guards !== null) {
      this.guards.fill(0, first, end);
      if (this.guards.indexOf(1) < 0) this.guards = null;
    }
    this.updateFastLimit();
    this.generation++;
  }

  /** Traps when [addr, addr+len) touches a guard page (callers have bounds-checked). */
  checkGuards(addr: number, len: number): void {
    const g = this.guards;
    if (g === null || len <= 0) return;
    const last = (addr + len - 1) >>> HOST_PAGE_SHIFT;
    for (let p = addr >>> HOST_PAGE_SHIFT; p <= last; p++) {
      if (g[p] !== 0) throw new RuntimeError(`out of bounds memory access: guard page at 0x${(p << HOST_PAGE_SHIFT >>> 0).toString(16)}`);
    }
  }

  /** The slow path of a load or store that failed the fast bound (fastLimit): traps when the access
   *  is out of bounds or touches a guard page, else returns and the access goes ahead. */
  checkAccess(addr: number, len: number): void {
    if (addr + len > this.u8.length) throw new RuntimeError('out of bounds memory access');
    this.checkGuards(addr, len);
  }

  /** Mark [addr, addr+len) dirty. Callers have bounds-checked. */
  markDirty(addr: number, len: number): void {
    if (len <= 0) return;
    const first = addr >>> HOST_PAGE_SHIFT, last = (addr + len - 1) >>> HOST_PAGE_SHIFT;
    if (first === last) this.dirty[first] = 1; else this.dirty.fill(1, first, last + 1);
  }

  clearDirty(): void { this.dirty.fill(0); }

  /** Checked host write: copies bytes into memory at addr and marks the pages dirty. */
  write(addr: number, bytes: Uint8Array): void {
    if (addr < 0 || addr + bytes.length > this.u8.length) throw new RuntimeError('out of bounds memory access');
    if (this.guards !== null) this.checkGuards(addr, bytes.length);
    this.u8.set(bytes, addr);
    this.markDirty(addr, bytes.length);
  }

  /** Checked host read: a copy of [addr, addr+len). */
  read(addr: number, len: number): Uint8Array {
    if (addr < 0 || len < 0 || addr + len > this.u8.length) throw new RuntimeError('out of bounds memory access');
    if (this.guards !== null) this.checkGuards(addr, len);
    return this.u8.slice(addr, addr + len);
  }
}

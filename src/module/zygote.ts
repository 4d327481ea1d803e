// The zygote: a module instance's state right after initialisation, kept so that reset() can put it
// back exactly. Memory: a copy of the bytes; restoring copies back only the 4 KiB pages dirtied since
// (Memory.dirty, exact by DESIGN.md §4), so its cost follows the pages touched, not the memory size.
// Also globals, tables, dropped segments and the memory bookkeeping (brk, free list, guards).
import { WASM_PAGE, HOST_PAGE_SHIFT, type Instance, type Memory, type Global } from '../../interpreter/index.js';
import type { ModuleMemory, MemoryBookkeeping } from '../memory/index.js';
import { resizeMemory } from '../memory/index.js';

interface GlobalCopy { g: Global; lo: number; hi: number; ref: unknown; }

export class Zygote {
  private readonly pages: number;
  private readonly bytes: Uint8Array | null;
  private readonly globals: GlobalCopy[];
  private readonly tables: unknown[][];
  private readonly datas: (Uint8Array | null)[];
  private readonly elems: (unknown[] | null)[];
  private readonly bookkeeping: MemoryBookkeeping | null;

  /** Takes the instance's current state; clears the memory's dirty map (dirty = changed since). */
  constructor(private readonly instance: Instance, private readonly mm: ModuleMemory) {
    const mem: Memory | undefined = instance.mems[0];
    this.pages = mem?.pages ?? 0;
    this.bytes = mem ? mem.u8.slice() : null;
    mem?.clearDirty();
    this.globals = instance.globals.filter((g) => g.type.mutable)
      .map((g) => ({ g, lo: g.cell[0], hi: g.cell[1], ref: g.ref }));
    this.tables = instance.tables.map((t) => t.elements.slice());
    this.datas = instance.datas.slice();
    this.elems = instance.elems.slice();
    this.bookkeeping = mem ? mm.bookkeeping() : null;
  }

  get memoryBytes(): number { return this.pages * WASM_PAGE; }

  /** Puts the instance back to this state. Returns the number of 4 KiB pages copied. */
  restore(): number {
    const inst = this.instance;
    const mem: Memory | undefined = inst.mems[0];
    let copied = 0;
    if (mem && this.bytes) {
      if (mem.pages !== this.pages) {
        // Grown since: a new buffer of the zygote's size (a full copy; growing is the rare case).
        resizeMemory(mem, this.pages);
        mem.u8.set(this.bytes);
        copied = this.bytes.length >>> HOST_PAGE_SHIFT;
      } else {
        copied = restoreDirtyPages(mem, this.bytes);
      }
      mem.clearDirty();
    }
    for (const c of this.globals) { c.g.cell[0] = c.lo; c.g.cell[1] = c.hi; c.g.ref = c.ref; }
    inst.tables.forEach((t, i) => { t.elements = this.tables[i].slice(); });
    inst.datas = this.datas.slice();
    inst.elems = this.elems.slice();
    if (this.bookkeeping) this.mm.restoreBookkeeping(this.bookkeeping);
    return copied;
  }
}

/** Copies back every dirty 4 KiB page from `from` (a run of dirty pages in one copy). Returns the
 *  number of pages copied. */
export function restoreDirtyPages(mem: Memory, from: Uint8Array): number {
  const dirty = mem.dirty, u8 = mem.u8, n = dirty.length;
  // Four pages per word to skip clean stretches quickly (the map's length is a multiple of 16).
  const words = (dirty.byteOffset & 3) === 0 && (n & 3) === 0 ? new Uint32Array(dirty.buffer, dirty.byteOffset, n >>> 2) : null;
  let copied = 0, p = 0;
  while (p < n) {
    if (words !== null && (p & 3) === 0) {
      while (p < n && words[p >>> 2] === 0) p += 4;
      if (p >= n) break;
    }
    if (dirty[p] === 0) { p++; continue; }
    let q = p + 1;
    while (q < n && dirty[q] !== 0) q++;
    const a = p << HOST_PAGE_SHIFT, b = q << HOST_PAGE_SHIFT;
    u8.set(from.subarray(a, b), a);
    copied += q - p;
    p = q;
  }
  return copied;
}

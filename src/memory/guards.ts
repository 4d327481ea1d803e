// Guard regions: host-page (4 KiB) ranges of linear memory that trap on any access ("out of bounds
// memory access: guard page at 0x…"). The bookkeeping lives here (a page map, empty and free while no
// guard exists); the engine hook (guard-hook.ts) makes wasm loads and stores trap as well.
import { HOST_PAGE, HOST_PAGE_SHIFT, RuntimeError, type Memory } from '../../interpreter/index.js';
import type { Region } from './regions.js';
import { guardHook } from './guard-hook.js';

/** The trap for an access touching the guard page that starts at `page << 12`. */
export function guardTrap(page: number): RuntimeError {
  return new RuntimeError(`out of bounds memory access: guard page at 0x${(page * HOST_PAGE).toString(16)}`);
}

export class GuardRegions {
  /** Guarded host pages (page number → 1); empty while there are none. */
  private pages = new Set<number>();

  get count(): number { return this.pages.size; }

  /** Guards host pages [first, first+count) in the bookkeeping and, when it has the hook, the engine. */
  add(mem: Memory, first: number, count: number): void {
    for (let p = first; p < first + count; p++) this.pages.add(p);
    guardHook(mem)?.setGuard(first, count, true);
  }

  /** Removes guards from host pages [first, first+count). */
  remove(mem: Memory, first: number, count: number): void {
    let any = false;
    for (let p = first; p < first + count; p++) if (this.pages.delete(p)) any = true;
    if (any) guardHook(mem)?.setGuard(first, count, false);
  }

  /** Removes every guard at or above byte `limit` (memory shrunk below them). */
  truncate(mem: Memory, limit: number): void {
    const first = Math.ceil(limit / HOST_PAGE);
    const drop = [...this.pages].filter((p) => p >= first);
    for (const p of drop) this.remove(mem, p, 1);
  }

  /** The first guard page touched by [addr, addr+len), or -1. Free when no guard exists. */
  hit(addr: number, len: number): number {
    if (this.pages.size === 0 || len <= 0) return -1;
    const last = (addr + len - 1) >>> HOST_PAGE_SHIFT;
    for (let p = addr >>> HOST_PAGE_SHIFT; p <= last; p++) if (this.pages.has(p)) return p;
    return -1;
  }

  /** Throws the guard trap when [addr, addr+len) touches a guard page. */
  check(addr: number, len: number): void {
    const p = this.hit(addr, len);
    if (p >= 0) throw guardTrap(p);
  }

  /** Guarded ranges in bytes, merged, in address order. */
  list(): Region[] {
    const sorted = [...this.pages].sort((a, b) => a - b);
    const out: Region[] = [];
    for (const p of sorted) {
      const last = out[out.length - 1];
      if (last !== undefined && last.offset + last.length === p * HOST_PAGE) last.length += HOST_PAGE;
      else out.push({ offset: p * HOST_PAGE, length: HOST_PAGE });
    }
    return out;
  }

  /** Makes the guards exactly `regions` (bookkeeping and engine). */
  restore(mem: Memory, regions: readonly Region[]): void {
    const want = new Set<number>();
    for (const r of regions) for (let a = r.offset; a < r.offset + r.length; a += HOST_PAGE) want.add(a >>> HOST_PAGE_SHIFT);
    for (const p of [...this.pages]) if (!want.has(p)) this.remove(mem, p, 1);
    for (const p of want) if (!this.pages.has(p)) this.add(mem, p, 1);
  }
}

// The free list of unmapped regions below the brk: sorted, non-overlapping, coalesced byte ranges that
// mmapMemory reuses (first fit by lowest address; the rule is docs/DECISIONS.md D22).

export interface Region { offset: number; length: number; }

export class FreeList {
  /** Sorted by offset; no two regions overlap or touch (touching regions are merged). */
  private regions: Region[] = [];

  get size(): number { return this.regions.length; }

  /** Adds [offset, offset+length) to the list, merging it with regions it overlaps or touches. */
  add(offset: number, length: number): void {
    if (length <= 0) return;
    let start = offset, end = offset + length;
    const kept: Region[] = [];
    let at = 0;
    for (const r of this.regions) {
      const rEnd = r.offset + r.length;
      if (rEnd < start) { kept.push(r); at = kept.length; }
      else if (r.offset > end) kept.push(r);
      else { start = Math.min(start, r.offset); end = Math.max(end, rEnd); }
    }
    kept.splice(at, 0, { offset: start, length: end - start });
    this.regions = kept;
  }

  /** Takes `length` bytes from the lowest region large enough (splitting it); -1 when none fits. */
  take(length: number): number {
    for (let i = 0; i < this.regions.length; i++) {
      const r = this.regions[i];
      if (r.length < length) continue;
      const off = r.offset;
      if (r.length === length) this.regions.splice(i, 1);
      else this.regions[i] = { offset: off + length, length: r.length - length };
      return off;
    }
    return -1;
  }

  /** When the highest region ends exactly at `brk`, removes it and returns its start (the lower brk);
   *  otherwise returns brk unchanged. Coalescing means one step is enough. */
  releaseAt(brk: number): number {
    const last = this.regions[this.regions.length - 1];
    if (last !== undefined && last.offset + last.length === brk) {
      this.regions.pop();
      return last.offset;
    }
    return brk;
  }

  /** Drops everything at or above `limit` (trimming a region that crosses it). */
  truncate(limit: number): void {
    const kept: Region[] = [];
    for (const r of this.regions) {
      if (r.offset >= limit) continue;
      kept.push(r.offset + r.length > limit ? { offset: r.offset, length: limit - r.offset } : r);
    }
    this.regions = kept;
  }

  /** Whether any byte of [offset, offset+length) is on the list. */
  overlaps(offset: number, length: number): boolean {
    return this.regions.some((r) => r.offset < offset + length && offset < r.offset + r.length);
  }

  list(): Region[] { return this.regions.map((r) => ({ ...r })); }
  restore(list: readonly Region[]): void { this.regions = list.map((r) => ({ ...r })); }
  clear(): void { this.regions = []; }
}

// Scanning page maps (one byte per 4 KiB page, non-zero = dirty, as Memory.dirty): the dirty page
// indices, coalesced runs of them, and byte regions. Clean stretches are skipped sixteen map bytes at a
// time, so a 256 MiB memory's 64 KiB map costs a few microseconds when little is dirty.
import { HOST_PAGE } from '../../interpreter/index.js';
import type { DirtyRegion } from './types.js';

/** Calls fn(first, end) for each maximal run of non-zero bytes [first, end) in map[from, to). */
export function forEachRun(map: Uint8Array, fn: (first: number, end: number) => void, from = 0, to = map.length): void {
  let i = from;
  let words: Int32Array | null = null;
  if ((map.byteOffset & 3) === 0) words = new Int32Array(map.buffer, map.byteOffset, map.length >>> 2);
  while (i < to) {
    // Skip clean bytes, a word at a time where aligned.
    if (words !== null) {
      while (i < to && (i & 3) !== 0 && map[i] === 0) i++;
      if ((i & 3) === 0) {
        let w = i >>> 2;
        const wEnd = to >>> 2;
        while (w + 4 <= wEnd && (words[w] | words[w + 1] | words[w + 2] | words[w + 3]) === 0) w += 4;
        while (w < wEnd && words[w] === 0) w++;
        i = w << 2;
      }
    }
    while (i < to && map[i] === 0) i++;
    if (i >= to) return;
    const first = i;
    while (i < to && map[i] !== 0) i++;
    fn(first, i);
  }
}

/** Indices of the non-zero bytes of map, ascending. */
export function dirtyPages(map: Uint8Array): number[] {
  const out: number[] = [];
  forEachRun(map, (a, b) => { for (let p = a; p < b; p++) out.push(p); });
  return out;
}

/** Number of non-zero bytes in map. */
export function countDirty(map: Uint8Array): number {
  let n = 0;
  forEachRun(map, (a, b) => { n += b - a; });
  return n;
}

/** The dirty pages of map as coalesced byte ranges. */
export function dirtyRegions(map: Uint8Array): DirtyRegion[] {
  const out: DirtyRegion[] = [];
  forEachRun(map, (a, b) => { out.push({ offset: a * HOST_PAGE, length: (b - a) * HOST_PAGE }); });
  return out;
}

/** A copy of map at least `length` bytes long (zeros beyond). */
export function extendedCopy(map: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(Math.max(length, map.length));
  out.set(map);
  return out;
}

/** dst[i] |= src[i] over src's non-zero bytes (dst at least as long as the dirty part of src). */
export function orInto(dst: Uint8Array, src: Uint8Array): void {
  forEachRun(src, (a, b) => { dst.fill(1, a, Math.min(b, dst.length)); });
}

// Resizing a linear memory from the host, in both directions: wasm code can only grow a memory, but
// restoring a snapshot or setMemorySize may need it smaller again. The Memory object keeps its
// identity; its buffer, views and dirty map are replaced, `generation` bumped (DECISIONS.md D4) and
// onGrow told that the old buffer is gone.
// When the engine offers Memory.setSize (the proposed hook, DECISIONS.md D24) that is used instead.
import { WASM_PAGE, HOST_PAGE_SHIFT, type Memory } from '../../interpreter/index.js';

/**
 * Makes `mem` exactly `pages` wasm pages. Bytes below the new size are kept (pages past the old size
 * read as zero); dirty bits of kept pages are kept. Throws a RangeError when the host cannot allocate.
 */
export function resizeMemory(mem: Memory, pages: number): void {
  if (pages === mem.pages) return;
  const hook = (mem as unknown as { setSize?: (pages: number) => void }).setSize;
  if (typeof hook === 'function') { hook.call(mem, pages); return; }
  if (pages > mem.pages) {
    if (mem.grow(pages - mem.pages) < 0) throw new RangeError(`cannot grow memory to ${pages} pages`);
    return;
  }
  const bytes = pages * WASM_PAGE;
  const prev = mem.buffer;
  const buf = new ArrayBuffer(bytes);
  const u8 = new Uint8Array(buf);
  u8.set(mem.u8.subarray(0, bytes));
  const dirty = mem.dirty.slice(0, bytes >>> HOST_PAGE_SHIFT);
  mem.buffer = buf;
  mem.u8 = u8;
  mem.dv = new DataView(buf);
  mem.dirty = dirty;
  mem.pages = pages;
  mem.generation++;
  if (mem.onGrow !== null) mem.onGrow(prev);
}

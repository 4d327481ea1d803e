// Resizing a linear memory from the host, in both directions: wasm code can only grow a memory, but
// restoring a snapshot or setMemorySize may need it smaller again. The engine's Memory.setSize keeps
// the Memory's identity (buffer and views replaced, `generation` bumped, DECISIONS.md D4/D24); the
// snapshot layer's dirty tracking is then told, so a later restore or diff sees the new size.
import type { Memory } from '../../interpreter/index.js';
import { noteMemoryResized } from '../snapshot/dirty.js';

/**
 * Makes `mem` exactly `pages` wasm pages. Bytes below the new size are kept (pages past the old size
 * read as zero); dirty bits of kept pages are kept. Throws a RangeError when the host cannot allocate.
 */
export function resizeMemory(mem: Memory, pages: number): void {
  if (pages === mem.pages) return;
  mem.setSize(pages);
  noteMemoryResized(mem);
}

// The ArrayBuffer side of a memory: detaching a buffer that a grow replaced (the JS API says the old
// buffer of a grown memory is detached), and "refreshing" a memory whose size did not change (a grow
// by 0 pages still gives JS a new buffer object). Detaching moves the bytes with structuredClone's
// transfer list, so nothing is copied.
import type { Memory as EngineMemory } from '../../interpreter/index.js';

type Clone = (value: unknown, options: { transfer: ArrayBuffer[] }) => unknown;
const clone: Clone | undefined = (globalThis as { structuredClone?: Clone }).structuredClone;

/** Detaches `buf` (its byteLength becomes 0); returns a new ArrayBuffer owning its bytes, or null when the host cannot. */
export function detach(buf: ArrayBuffer): ArrayBuffer | null {
  if (clone === undefined || buf.byteLength === 0) return null;
  try {
    return clone(buf, { transfer: [buf] }) as ArrayBuffer;
  } catch {
    return null;
  }
}

/** Gives the memory a new buffer object over the same bytes and detaches the old one. */
export function refresh(mem: EngineMemory): void {
  const next = detach(mem.buffer);
  if (next === null) return;
  mem.buffer = next;
  mem.u8 = new Uint8Array(next);
  mem.dv = new DataView(next);
  mem.generation++; // cached views elsewhere in the engine reload
}

/** Installs the grow hook: after a grow (from JS or from wasm) the buffer JS saw before is detached. */
export function watchGrowth(mem: EngineMemory): void {
  if (mem.shared) return; // a shared memory's buffer is never detached
  mem.onGrow = (old: ArrayBuffer) => {
    if (old === mem.buffer) refresh(mem);
    else detach(old);
  };
}

// args_get/args_sizes_get and environ_get/environ_sizes_get: NUL-terminated UTF-8 strings and a
// pointer array, in the layout wasi-libc expects.
import { Errno } from './errno.js';
import { encodeUtf8, type Guest } from './guest-memory.js';
import { u32, type WasiDefs } from './call.js';

function encodeAll(list: readonly string[]): Uint8Array[] { return list.map((s) => encodeUtf8(s + '\0')); }

/** Writes the pointers at ptrs and the strings from buf on. */
function writeList(g: Guest, list: readonly string[], ptrs: number, buf: number): number {
  const enc = encodeAll(list);
  let total = 0;
  for (const b of enc) total += b.length;
  g.check(ptrs, enc.length * 4);
  g.check(buf, total);
  let at = buf;
  for (let i = 0; i < enc.length; i++) {
    g.setU32(ptrs + i * 4, at);
    g.write(at, enc[i]);
    at += enc[i].length;
  }
  return Errno.SUCCESS;
}

function writeSizes(g: Guest, list: readonly string[], countPtr: number, sizePtr: number): number {
  let total = 0;
  for (const b of encodeAll(list)) total += b.length;
  g.check(countPtr, 4);
  g.check(sizePtr, 4);
  g.setU32(countPtr, list.length);
  g.setU32(sizePtr, total);
  return Errno.SUCCESS;
}

export const argsEnvDefs: WasiDefs = {
  args_get: { params: 'ii', run: (h, g, a) => writeList(g, h.args, u32(a, 0), u32(a, 1)) },
  args_sizes_get: { params: 'ii', run: (h, g, a) => writeSizes(g, h.args, u32(a, 0), u32(a, 1)) },
  environ_get: { params: 'ii', run: (h, g, a) => writeList(g, h.env, u32(a, 0), u32(a, 1)) },
  environ_sizes_get: { params: 'ii', run: (h, g, a) => writeSizes(g, h.env, u32(a, 0), u32(a, 1)) },
};

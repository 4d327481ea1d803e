// Bulk memory and table operators (2.0 semantics: every bounds check happens before any write; a
// zero-length operation at the very end is fine). Memory writes mark their dirty pages. Operands are
// unsigned 32-bit values as numbers.
import { RuntimeError } from '../errors.js';
import type { Instance } from '../runtime/instance.js';
import type { Memory } from '../runtime/memory.js';
import type { Table } from '../runtime/table.js';

export function memOob(): RuntimeError { return new RuntimeError('out of bounds memory access'); }
export function tableOob(): RuntimeError { return new RuntimeError('out of bounds table access'); }

export function memoryInit(inst: Instance, seg: number, d: number, s: number, n: number): void {
  const mem = inst.mems[0];
  const data = inst.datas[seg];
  const len = data === null || data === undefined ? 0 : data.length;
  if (s + n > len || d + n > mem.u8.length) throw memOob();
  if (n === 0) return;
  if (mem.guards !== null) mem.checkGuards(d, n);
  mem.u8.set(data!.subarray(s, s + n), d);
  mem.markDirty(d, n);
}

export function memoryCopy(mem: Memory, d: number, s: number, n: number): void {
  const len = mem.u8.length;
  if (s + n > len || d + n > len) throw memOob();
  if (n === 0) return;
  if (mem.guards !== null) { mem.checkGuards(s, n); mem.checkGuards(d, n); }
  mem.u8.copyWithin(d, s, s + n);
  mem.markDirty(d, n);
}

export function memoryFill(mem: Memory, d: number, v: number, n: number): void {
  if (d + n > mem.u8.length) throw memOob();
  if (n === 0) return;
  if (mem.guards !== null) mem.checkGuards(d, n);
  mem.u8.fill(v & 255, d, d + n);
  mem.markDirty(d, n);
}

export function tableInit(inst: Instance, table: number, seg: number, d: number, s: number, n: number): void {
  const t = inst.tables[table];
  const elems = inst.elems[seg];
  const len = elems === null || elems === undefined ? 0 : elems.length;
  if (s + n > len || d + n > t.elements.length) throw tableOob();
  for (let i = 0; i < n; i++) t.elements[d + i] = elems![s + i];
}

export function tableCopy(inst: Instance, dt: number, st: number, d: number, s: number, n: number): void {
  const td = inst.tables[dt].elements, ts = inst.tables[st].elements;
  if (s + n > ts.length || d + n > td.length) throw tableOob();
  if (n === 0) return;
  if (td === ts) { td.copyWithin(d, s, s + n); return; }
  for (let i = 0; i < n; i++) td[d + i] = ts[s + i];
}

export function tableFill(t: Table, i: number, v: unknown, n: number): void {
  const el = t.elements;
  if (i + n > el.length) throw tableOob();
  for (let k = 0; k < n; k++) el[i + k] = v;
}

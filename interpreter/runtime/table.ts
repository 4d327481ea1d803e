// A table of references (funcref: FuncInst or null; externref: any JS value, null being ref.null and
// undefined a non-null value). An init value left out is ref.null; undefined given for a funcref is too.
import type { RefType } from '../types.js';
import { refValue } from './values.js';

/** Largest table this engine will allocate, in elements (an engine limit; the spec's is 2^32-1). */
export const MAX_TABLE_SIZE = 10_000_000;

export class Table {
  elements: unknown[];
  constructor(readonly type: RefType, min: number, readonly max: number | null, ...init: [unknown?]) {
    this.elements = new Array(min).fill(this.element(init));
  }
  get size(): number { return this.elements.length; }
  /** table.grow: returns the old size, or -1 when refused. */
  grow(delta: number, ...init: [unknown?]): number {
    const old = this.elements.length;
    const limit = Math.min(this.max ?? 0xffffffff, MAX_TABLE_SIZE);
    if (delta < 0 || old + delta > limit) return -1;
    const v = this.element(init);
    for (let i = 0; i < delta; i++) this.elements.push(v);
    return old;
  }
  /** The element an optional init argument stands for (not a default parameter: undefined is a value). */
  private element(init: [unknown?]): unknown {
    if (init.length === 0) return null;
    return refValue(this.type, init[0]);
  }
}

// A module instance: the module plus the resolved index spaces and segment state.
import type { FuncType, Module } from '../types.js';
import type { FuncInst } from './func.js';
import type { Table } from './table.js';
import type { Memory } from './memory.js';
import type { Global } from './global.js';

export type ExternVal = FuncInst | Table | Memory | Global;

export class Instance {
  types: FuncType[];
  funcs: FuncInst[] = [];
  tables: Table[] = [];
  mems: Memory[] = [];
  globals: Global[] = [];
  exports = new Map<string, ExternVal>();
  /** Element segments' references; null once dropped (elem.drop, or after active/declarative init). */
  elems: (unknown[] | null)[] = [];
  /** Data segments' bytes; null once dropped. */
  datas: (Uint8Array | null)[] = [];
  constructor(readonly module: Module) { this.types = module.types; }
}

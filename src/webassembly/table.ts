// WebAssembly.Table: a JS object over one engine table (the same object every time that table is
// exported): get, set, grow and length, with elements converted by ToJSValue / ToWebAssemblyValue.
import { createTable, MAX_TABLE_SIZE, ValType, type Table as EngineTable } from '../../interpreter/index.js';
import { defaultRawValue, toJs, toWasm } from './values.js';
import { dictionary, elementTypeOf, enforceU32, webidlInterface } from './webidl.js';
import { EngineLink } from './engine-link.js';

export interface TableDescriptor { element: 'anyfunc' | 'funcref' | 'externref'; initial: number; maximum?: number; }

const link = new EngineLink<EngineTable, Table>('WebAssembly.Table', () => Table.prototype);

/** The raw element for an optional `value` argument: missing (or undefined) means DefaultValue. */
function elementValue(t: EngineTable | ValType, value: unknown): unknown {
  const type = typeof t === 'number' ? t : t.type;
  return value === undefined ? defaultRawValue(type) : toWasm(type, value);
}

function checkIndex(t: EngineTable, index: unknown, where: string): number {
  const i = enforceU32(index, `${where}: Argument 0`);
  if (i >= t.size) throw new RangeError(`${where}: invalid index ${i} into a table of size ${t.size}`);
  return i;
}

export class Table {
  constructor(descriptor: TableDescriptor, value?: unknown) {
    const where = 'WebAssembly.Table()';
    const d = dictionary(descriptor, where);
    const type = elementTypeOf(d.element, where);
    const initialV = d.initial;
    if (initialV === undefined) throw new TypeError(`${where}: Property 'initial' is required`);
    const initial = enforceU32(initialV, `${where}: Property 'initial'`);
    const maximumV = d.maximum;
    const maximum = maximumV === undefined ? null : enforceU32(maximumV, `${where}: Property 'maximum'`);
    if (initial > MAX_TABLE_SIZE) throw new RangeError(`${where}: Property 'initial': value ${initial} is above the upper bound ${MAX_TABLE_SIZE}`);
    if (maximum !== null && maximum < initial) throw new RangeError(`${where}: Property 'maximum': value ${maximum} is below the lower bound ${initial}`);
    link.attach(this, createTable(type, initial, maximum, elementValue(type, value)));
  }

  get length(): number {
    return link.self(this, 'WebAssembly.Table.length').size;
  }

  grow(delta: number, value?: unknown): number {
    const where = 'WebAssembly.Table.grow()';
    const t = link.self(this, where);
    const d = enforceU32(delta, `${where}: Argument 0`);
    const old = t.grow(d, elementValue(t, value));
    if (old < 0) throw new RangeError(`${where}: failed to grow table by ${d}`);
    return old;
  }

  get(index: number): unknown {
    const where = 'WebAssembly.Table.get()';
    const t = link.self(this, where);
    return toJs(t.type, t.elements[checkIndex(t, index, where)]);
  }

  set(index: number, value?: unknown): void {
    const where = 'WebAssembly.Table.set()';
    const t = link.self(this, where);
    const i = checkIndex(t, index, where);
    t.elements[i] = elementValue(t, value);
  }
}

webidlInterface(Table, 'WebAssembly.Table', 1);

/** The WebAssembly.Table of an engine table (made on first use). */
export function tableFromEngine(t: EngineTable): Table {
  return link.wrap(t);
}

/** The engine table behind a WebAssembly.Table, or undefined for any other value. */
export function engineTable(v: unknown): EngineTable | undefined {
  return link.engine(v);
}

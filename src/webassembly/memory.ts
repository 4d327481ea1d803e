// WebAssembly.Memory: a JS object over one engine memory (the same object every time that memory is
// exported). `buffer` is the engine's own ArrayBuffer, so JS and wasm see the same bytes; `grow`
// returns the old size in pages and detaches the old buffer (a grow inside wasm does too).
// Writes that JS makes through `buffer` are not dirty-tracked (nothing in the JS API snapshots).
import { createMemory, MAX_PAGES, type Memory as EngineMemory } from '../../interpreter/index.js';
import { watchGrowth } from './buffer.js';
import { dictionary, enforceU32, webidlInterface } from './webidl.js';
import { EngineLink } from './engine-link.js';

export interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean; }

const link = new EngineLink<EngineMemory, Memory>('WebAssembly.Memory', () => Memory.prototype, watchGrowth);

export class Memory {
  constructor(descriptor: MemoryDescriptor) {
    const where = 'WebAssembly.Memory()';
    const d = dictionary(descriptor, where);
    const initialV = d.initial;
    if (initialV === undefined) throw new TypeError(`${where}: Property 'initial' is required`);
    const initial = enforceU32(initialV, `${where}: Property 'initial'`);
    const maximumV = d.maximum;
    const maximum = maximumV === undefined ? null : enforceU32(maximumV, `${where}: Property 'maximum'`);
    const shared = Boolean(d.shared);
    if (initial > MAX_PAGES) throw new RangeError(`${where}: Property 'initial': value ${initial} is above the upper bound ${MAX_PAGES}`);
    if (maximum !== null && maximum > MAX_PAGES) throw new RangeError(`${where}: Property 'maximum': value ${maximum} is above the upper bound ${MAX_PAGES}`);
    if (maximum !== null && maximum < initial) throw new RangeError(`${where}: Property 'maximum': value ${maximum} is below the lower bound ${initial}`);
    if (shared && maximum === null) throw new TypeError(`${where}: a shared memory must have a maximum`);
    let mem: EngineMemory;
    try { mem = createMemory(initial, maximum, shared); } catch { throw new RangeError(`${where}: could not allocate memory`); }
    link.attach(this, mem);
  }

  grow(delta: number): number {
    const where = 'WebAssembly.Memory.grow()';
    const mem = link.self(this, where);
    const d = enforceU32(delta, `${where}: Argument 0`);
    const old = mem.grow(d);
    if (old < 0) throw new RangeError(`${where}: Maximum memory size exceeded`);
    return old;
  }

  get buffer(): ArrayBuffer {
    return link.self(this, 'WebAssembly.Memory.buffer').buffer;
  }
}

webidlInterface(Memory, 'WebAssembly.Memory', 1);

/** The WebAssembly.Memory of an engine memory (made on first use). */
export function memoryFromEngine(mem: EngineMemory): Memory {
  return link.wrap(mem);
}

/** The engine memory behind a WebAssembly.Memory, or undefined for any other value. */
export function engineMemory(v: unknown): EngineMemory | undefined {
  return link.engine(v);
}

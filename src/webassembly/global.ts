// WebAssembly.Global: a JS object over one engine global (the same object every time that global is
// exported). `value` (and valueOf) reads it with ToJSValue; setting it checks mutability and converts
// with ToWebAssemblyValue (i64 takes a BigInt; a Number is a TypeError).
import {
  createGlobal, getGlobalValue, setGlobalValue, ValType, type Global as EngineGlobal,
} from '../../interpreter/index.js';
import { defaultRawValue, toJs, toWasm } from './values.js';
import { dictionary, valueTypeOf, webidlInterface } from './webidl.js';
import { EngineLink } from './engine-link.js';

export interface GlobalDescriptor { value: string; mutable?: boolean; }

const link = new EngineLink<EngineGlobal, Global>('WebAssembly.Global', () => Global.prototype);

function read(g: EngineGlobal): unknown {
  return toJs(g.type.type, getGlobalValue(g));
}

export class Global {
  constructor(descriptor: GlobalDescriptor, value?: unknown) {
    const where = 'WebAssembly.Global()';
    const d = dictionary(descriptor, where);
    const mutable = Boolean(d.mutable);
    const type: ValType = valueTypeOf(d.value, where);
    const raw = value === undefined ? defaultRawValue(type) : toWasm(type, value);
    link.attach(this, createGlobal(type, mutable, raw));
  }

  valueOf(): unknown {
    return read(link.self(this, 'WebAssembly.Global.valueOf()'));
  }

  get value(): unknown {
    return read(link.self(this, 'WebAssembly.Global.value'));
  }

  set value(v: unknown) {
    const where = 'set WebAssembly.Global.value';
    const g = link.self(this, where);
    if (!g.type.mutable) throw new TypeError(`${where}: Can't set the value of an immutable global.`);
    setGlobalValue(g, toWasm(g.type.type, v));
  }
}

webidlInterface(Global, 'WebAssembly.Global', 1);

/** The WebAssembly.Global of an engine global (made on first use). */
export function globalFromEngine(g: EngineGlobal): Global {
  return link.wrap(g);
}

/** The engine global behind a WebAssembly.Global, or undefined for any other value. */
export function engineGlobal(v: unknown): EngineGlobal | undefined {
  return link.engine(v);
}

/** A new immutable engine global holding a raw value (for imports given as plain values). */
export function constantGlobal(type: ValType, raw: unknown): EngineGlobal {
  return createGlobal(type, false, raw);
}

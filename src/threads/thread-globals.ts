// The globals each thread keeps its own value of: clang keeps the C stack pointer in a mutable global
// (__stack_pointer) and, with TLS, the thread's TLS block in __tls_base. The scheduler saves and
// restores their values at every switch. Found by export name, by the name section's global names
// (subsection 7), or (the stack pointer) as clang's convention: the first defined global, a mutable i32.
// wasi-threads modules get every defined mutable global per thread, as each of their threads would
// have an instance of its own.
import { ValType, type Global, type Instance } from '../../interpreter/index.js';

/** Global names from the module's "name" custom section (index → name), possibly empty. */
export function globalNames(inst: Instance): Map<number, string> {
  const out = new Map<number, string>();
  const sec = inst.module.customs.find((c) => c.name === 'name');
  if (sec === undefined) return out;
  const b = sec.bytes;
  let p = 0;
  const u32 = (): number => {
    let r = 0, shift = 0;
    for (;;) {
      if (p >= b.length) throw new Error('truncated');
      const x = b[p++];
      r += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return r;
      shift += 7;
    }
  };
  try {
    while (p < b.length) {
      const id = b[p++];
      const size = u32();
      const end = p + size;
      if (id === 7) {
        const n = u32();
        for (let i = 0; i < n; i++) {
          const idx = u32(), len = u32();
          out.set(idx, new TextDecoder().decode(b.subarray(p, p + len)));
          p += len;
        }
      }
      p = end;
    }
  } catch { /* a malformed name section only loses names */ }
  return out;
}

/** A global by name: an export, else a name-section entry. */
function byName(inst: Instance, name: string, names: Map<number, string>): Global | null {
  const e = inst.exports.get(name);
  if (e !== undefined && inst.globals.includes(e as Global)) return e as Global;
  for (const [i, n] of names) if (n === name && inst.globals[i] !== undefined) return inst.globals[i];
  return null;
}

export interface ThreadGlobalSet {
  /** Globals whose values are per thread, in a fixed order. */
  readonly globals: Global[];
  /** The stack pointer among them (or null when none was found). */
  readonly stackPointer: Global | null;
  readonly tlsBase: Global | null;
}

/** The per-thread globals of a pthreads module (wasi: false) or a wasi-threads module (wasi: true). */
export function findThreadGlobals(inst: Instance, wasi = false): ThreadGlobalSet {
  const names = globalNames(inst);
  let sp = byName(inst, '__stack_pointer', names);
  const imported = inst.module.importedGlobals;
  if (sp === null && inst.module.globals.length > 0) {
    const g = inst.module.globals[0].type;
    if (g.mutable && g.type === ValType.I32) sp = inst.globals[imported];
  }
  const tls = byName(inst, '__tls_base', names);
  const globals: Global[] = [];
  if (wasi) {
    for (let i = 0; i < inst.module.globals.length; i++) {
      const t = inst.module.globals[i].type;
      if (t.mutable && (t.type === ValType.I32 || t.type === ValType.I64 || t.type === ValType.F32 || t.type === ValType.F64)) globals.push(inst.globals[imported + i]);
    }
  } else {
    if (sp !== null && sp.type.mutable) globals.push(sp);
    if (tls !== null && tls.type.mutable && tls !== sp) globals.push(tls);
  }
  return { globals, stackPointer: sp, tlsBase: tls };
}

/** Saves and loads the values of a set of globals (raw cells; numeric globals only). */
export class GlobalSwap {
  constructor(readonly globals: readonly Global[]) {}
  /** A fresh save area holding the globals' current values. */
  capture(): Int32Array {
    const a = new Int32Array(this.globals.length * 2);
    this.save(a);
    return a;
  }
  save(into: Int32Array): void {
    const gs = this.globals;
    for (let i = 0; i < gs.length; i++) { into[2 * i] = gs[i].cell[0]; into[2 * i + 1] = gs[i].cell[1]; }
  }
  load(from: Int32Array): void {
    const gs = this.globals;
    for (let i = 0; i < gs.length; i++) { gs[i].cell[0] = from[2 * i]; gs[i].cell[1] = from[2 * i + 1]; }
  }
  /** Sets global g's value in a save area (i32). */
  setI32(area: Int32Array, g: Global, v: number): void {
    const i = this.globals.indexOf(g);
    if (i >= 0) { area[2 * i] = v | 0; area[2 * i + 1] = 0; }
  }
}

// The part of an instance a snapshot holds besides memory bytes: what to snapshot (a SnapshotTarget:
// an engine Instance, or memory + globals + tables + function index space), and capturing / restoring
// globals and tables. Function references are kept as indices into the target's function index space,
// so a snapshot restores into another instance of the same module; references with no index there
// (host functions, other instances' functions, externref values) are kept only in-process.
import { FuncInst, Instance, ValType, type Global, type Memory, type Table } from '../../interpreter/index.js';
import { NULL_REF, OPAQUE_REF, type GlobalState, type TableState } from './snapshot-data.js';
import { SnapshotError } from './types.js';

/** What a snapshot is taken from and restored into. */
export interface SnapshotTarget {
  memory: Memory | null;
  globals: readonly Global[];
  tables: readonly Table[];
  /** The function index space (for references in tables and globals); empty when there are none. */
  funcs: readonly FuncInst[];
}

/** An engine Instance (its first memory, globals, tables, functions) or an explicit target. */
export type SnapshotSource = Instance | SnapshotTarget;

export function targetOf(src: SnapshotSource): SnapshotTarget {
  if (src instanceof Instance) return { memory: src.mems[0] ?? null, globals: src.globals, tables: src.tables, funcs: src.funcs };
  return src;
}

/** Index of every function of the target, for capturing references. */
function funcIndex(target: SnapshotTarget): Map<unknown, number> {
  const m = new Map<unknown, number>();
  for (let i = target.funcs.length - 1; i >= 0; i--) m.set(target.funcs[i], i);
  return m;
}

function captureRef(v: unknown, index: Map<unknown, number>): number {
  if (v === null || v === undefined) return NULL_REF;
  if (v instanceof FuncInst) return index.get(v) ?? OPAQUE_REF;
  return OPAQUE_REF;
}

function isRef(t: ValType): boolean { return t === ValType.FuncRef || t === ValType.ExternRef; }

export function captureGlobals(target: SnapshotTarget): GlobalState[] {
  const index = target.globals.some(g => isRef(g.type.type)) ? funcIndex(target) : new Map<unknown, number>();
  return target.globals.map((g) => {
    const s: GlobalState = { type: g.type.type, mutable: g.type.mutable, lo: g.cell[0], hi: g.cell[1], ref: NULL_REF };
    if (isRef(g.type.type)) {
      s.ref = captureRef(g.ref, index);
      if (s.ref === OPAQUE_REF) s.opaque = g.ref;
    }
    return s;
  });
}

export function captureTables(target: SnapshotTarget): TableState[] {
  if (target.tables.length === 0) return [];
  const index = funcIndex(target);
  return target.tables.map((t) => {
    const refs = new Int32Array(t.elements.length);
    let opaque: Map<number, unknown> | null = null;
    for (let i = 0; i < refs.length; i++) {
      const v = t.elements[i];
      const r = captureRef(v, index);
      refs[i] = r;
      if (r === OPAQUE_REF) (opaque ??= new Map()).set(i, v);
    }
    return { elemType: t.type, max: t.max, refs, opaque };
  });
}

function resolveRef(r: number, opaque: () => unknown, target: SnapshotTarget, what: string): unknown {
  if (r === NULL_REF) return null;
  if (r === OPAQUE_REF) {
    const v = opaque();
    if (v === undefined) throw new SnapshotError(`${what}: the snapshot holds a reference with no function index, which was not kept (deserialised snapshot)`);
    return v;
  }
  const f = target.funcs[r];
  if (f === undefined) throw new SnapshotError(`${what}: function index ${r} is outside the instance's ${target.funcs.length} functions`);
  return f;
}

/** Check that the snapshot's globals and tables fit the target, references included (before anything is written). */
export function checkShape(target: SnapshotTarget, globals: readonly GlobalState[], tables: readonly TableState[]): void {
  if (globals.length !== target.globals.length) {
    throw new SnapshotError(`snapshot has ${globals.length} globals, the instance has ${target.globals.length}`);
  }
  for (let i = 0; i < globals.length; i++) {
    const g = target.globals[i].type;
    if (g.type !== globals[i].type || g.mutable !== globals[i].mutable) {
      throw new SnapshotError(`global ${i}: snapshot type 0x${globals[i].type.toString(16)}${globals[i].mutable ? ' mut' : ''} differs from the instance's 0x${g.type.toString(16)}${g.mutable ? ' mut' : ''}`);
    }
  }
  if (tables.length !== target.tables.length) {
    throw new SnapshotError(`snapshot has ${tables.length} tables, the instance has ${target.tables.length}`);
  }
  for (let i = 0; i < tables.length; i++) {
    const t = target.tables[i];
    if (t.type !== tables[i].elemType) throw new SnapshotError(`table ${i}: element type differs from the snapshot's`);
    if (t.max !== null && tables[i].refs.length > t.max) {
      throw new SnapshotError(`table ${i}: snapshot size ${tables[i].refs.length} is above the table's maximum ${t.max}`);
    }
    const refs = tables[i].refs;
    for (let k = 0; k < refs.length; k++) checkRef(refs[k], tables[i].opaque?.has(k) ?? false, target, `table ${i} element ${k}`);
  }
  for (let i = 0; i < globals.length; i++) {
    if (isRef(globals[i].type)) checkRef(globals[i].ref, 'opaque' in globals[i], target, `global ${i}`);
  }
}

function checkRef(r: number, kept: boolean, target: SnapshotTarget, what: string): void {
  if (r >= target.funcs.length) {
    throw new SnapshotError(`${what}: function index ${r} is outside the instance's ${target.funcs.length} functions`);
  }
  if (r === OPAQUE_REF && !kept) {
    throw new SnapshotError(`${what}: the snapshot holds a reference with no function index, which was not kept`);
  }
}

/** Write mutable globals back (immutable ones cannot have changed). */
export function restoreGlobals(target: SnapshotTarget, globals: readonly GlobalState[]): void {
  for (let i = 0; i < globals.length; i++) {
    const s = globals[i], g = target.globals[i];
    if (!s.mutable) continue;
    if (isRef(s.type)) g.ref = resolveRef(s.ref, () => s.opaque, target, `global ${i}`);
    else { g.cell[0] = s.lo; g.cell[1] = s.hi; }
  }
}

/** Put table contents and sizes back (the elements array is changed in place). */
export function restoreTables(target: SnapshotTarget, tables: readonly TableState[]): void {
  for (let i = 0; i < tables.length; i++) {
    const s = tables[i], els = target.tables[i].elements;
    const values = new Array<unknown>(s.refs.length);
    for (let k = 0; k < values.length; k++) {
      values[k] = resolveRef(s.refs[k], () => s.opaque?.get(k), target, `table ${i} element ${k}`);
    }
    els.length = values.length;
    for (let k = 0; k < values.length; k++) els[k] = values[k];
  }
}

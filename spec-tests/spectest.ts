// The `spectest` host module every spec script may import from: no-op print functions, four
// immutable globals (666 / 666.6), a funcref table (10..20), a memory (1..2 pages) and a shared memory
// (1..2 pages, threads proposal).
import { createGlobal, createMemory, createTable, hostFunction, type ExternVal } from '../interpreter/index.js';

function f32Bits(x: number): number {
  const f = new Float32Array([x]);
  return new Uint32Array(f.buffer)[0];
}
function f64Bits(x: number): bigint {
  const f = new Float64Array([x]);
  return new BigUint64Array(f.buffer)[0];
}

/** A fresh spectest module (one per script, so scripts cannot disturb each other). */
export function makeSpectest(): Map<string, ExternVal> {
  const m = new Map<string, ExternVal>();
  const print = (name: string, params: string[]) =>
    m.set(name, hostFunction({ params, results: [] }, () => undefined, `spectest.${name}`));
  print('print', []);
  print('print_i32', ['i32']);
  print('print_i64', ['i64']);
  print('print_f32', ['f32']);
  print('print_f64', ['f64']);
  print('print_i32_f32', ['i32', 'f32']);
  print('print_f64_f64', ['f64', 'f64']);
  m.set('global_i32', createGlobal('i32', false, 666));
  m.set('global_i64', createGlobal('i64', false, 666n));
  m.set('global_f32', createGlobal('f32', false, f32Bits(666.6)));
  m.set('global_f64', createGlobal('f64', false, f64Bits(666.6)));
  m.set('table', createTable('funcref', 10, 20));
  m.set('memory', createMemory(1, 2));
  m.set('shared_memory', createMemory(1, 2, true)); // threads proposal
  return m;
}

// Assembles the "wasi_snapshot_preview1" import module: every function definition of the groups,
// turned into host FuncInsts of the right wasm type bound to one WasiHost.
import { FuncInst, ValType, type FuncType, type HostFn } from '../../interpreter/index.js';
import { callWasi, type WasiDefs } from './call.js';
import type { WasiHost } from './host-interface.js';
import { argsEnvDefs } from './args-env.js';
import { clockDefs } from './clock.js';
import { randomDefs } from './random.js';
import { fdDefs } from './fd.js';
import { fdIoDefs } from './fd-io.js';
import { pathDefs } from './path.js';
import { pollDefs } from './poll.js';
import { procDefs } from './proc.js';
import { sockDefs } from './sock.js';

export const WASI_MODULE = 'wasi_snapshot_preview1';

/** Every preview1 definition by import name. */
export const wasiDefs: WasiDefs = {
  ...argsEnvDefs, ...clockDefs, ...randomDefs, ...fdDefs, ...fdIoDefs, ...pathDefs, ...pollDefs,
  ...procDefs, ...sockDefs,
};

function typeOf(params: string, noResult: boolean): FuncType {
  return {
    params: [...params].map((c) => (c === 'I' ? ValType.I64 : ValType.I32)),
    results: noResult ? [] : [ValType.I32],
  };
}

/** The host functions of wasi_snapshot_preview1 bound to host, by name. */
export function createWasiFunctions(host: WasiHost): Record<string, FuncInst> {
  const out: Record<string, FuncInst> = {};
  for (const [name, def] of Object.entries(wasiDefs)) {
    const fn: HostFn = (args) => {
      const r = callWasi(def, host, args);
      return def.noResult ? undefined : r;
    };
    out[name] = FuncInst.host(typeOf(def.params, def.noResult === true), fn, `${WASI_MODULE}.${name}`);
  }
  return out;
}

/** An import object with the wasi_snapshot_preview1 module, to merge with other import modules. */
export function createWasiImports(host: WasiHost): Record<string, Record<string, FuncInst>> {
  return { [WASI_MODULE]: createWasiFunctions(host) };
}

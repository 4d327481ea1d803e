// `wasmlet run`: compile a module file, instantiate it, call one export and print its results.
import {
  compile, instantiate, invoke, toRaw, fromRaw, FuncInst, CompileError, LinkError, RuntimeError,
  ValType, valTypeName, type Instance,
} from '../interpreter/index.js';

interface Out { write(s: string): unknown }

/** Pick the export to call: the named one, else _start, else main, else the only exported function. */
function pickExport(inst: Instance, name: string | null): string {
  if (name !== null) return name;
  const funcs = [...inst.exports].filter(([, v]) => v instanceof FuncInst).map(([k]) => k);
  for (const n of ['_start', 'main']) if (funcs.includes(n)) return n;
  if (funcs.length === 1) return funcs[0];
  throw new Error(`no export to run: pass --invoke NAME (exported functions: ${funcs.join(', ') || 'none'})`);
}

/** Parse a command-line argument as a value of type t. */
function parseArg(t: ValType, s: string): unknown {
  switch (t) {
    case ValType.I32: return toRaw(t, Number(BigInt.asIntN(32, BigInt(s))));
    case ValType.I64: return toRaw(t, BigInt.asIntN(64, BigInt(s)));
    case ValType.F32: case ValType.F64: return toRaw(t, Number(s));
    default: throw new Error(`cannot pass a ${valTypeName(t)} from the command line`);
  }
}

export function runCommand(args: string[], read: (path: string) => Uint8Array, out: Out, err: Out): number {
  let file: string | null = null, exportName: string | null = null;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--invoke') exportName = args[++i] ?? null;
    else if (file === null) file = a;
    else rest.push(a);
  }
  if (file === null) { err.write('wasmlet run: missing FILE\n'); return 2; }
  try {
    const bytes = read(file);
    const input = /\.wat$/i.test(file) ? new TextDecoder().decode(bytes) : bytes;
    const module = compile(input);
    const inst = instantiate(module, {});
    const name = pickExport(inst, exportName);
    const f = inst.exports.get(name);
    if (!(f instanceof FuncInst)) throw new Error(`export "${name}" is not a function`);
    if (rest.length !== f.type.params.length) {
      throw new Error(`"${name}" takes ${f.type.params.length} argument(s) (${f.type.params.map(valTypeName).join(' ')}), got ${rest.length}`);
    }
    const results = invoke(inst, name, f.type.params.map((t, i) => parseArg(t, rest[i])));
    results.forEach((r, i) => out.write(`${String(fromRaw(f.type.results[i], r))}\n`));
    return 0;
  } catch (e) {
    if (e instanceof RuntimeError) {
      err.write(`wasmlet: trap: ${e.reason}\n`);
      for (const frame of e.wasmStack) err.write(`  at ${frame}\n`);
    } else if (e instanceof CompileError || e instanceof LinkError) {
      err.write(`wasmlet: ${file}: ${e.name}: ${e.message}\n`);
    } else {
      err.write(`wasmlet: ${(e as Error).message ?? String(e)}\n`);
    }
    return 1;
  }
}

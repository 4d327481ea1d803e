// `wasmlet run [--dir HOST::GUEST] [--env K=V] [--fuel N] [--invoke NAME] FILE [ARGS…]`: a module
// exporting _start runs as a WASI command (argv = FILE ARGS…; its exit code is returned; a trap prints
// the wasm stack and returns 134). Otherwise (or with --invoke) one export is called with ARGS
// converted to its parameter types and its results are printed, one per line.
import { fromRaw, FuncInst, CompileError, LinkError, RuntimeError, valTypeName } from '../interpreter/index.js';
import { ExitError } from '../syscalls/wasi/index.js';
import { WasmModule, formatTrap, TRAP_EXIT_CODE } from './module/wasm-module.js';
import { createMessage } from './module/message.js';
import { FileFunctionStore } from './module/function-store.js';
import { processStdout, processStderr, type OutputSink } from './module/output-capture.js';
import type { StdinMode } from './module/module-host.js';
import { emptyOptions, parseCommonOption } from './cli-options.js';
import { parseArg } from './cli-args.js';

export interface Out { write(s: string): unknown }

export interface RunIo {
  /** Results and messages of wasmlet itself. */
  out: Out;
  err: Out;
  /** The program's own stdout/stderr (default: this process's fd 1 and 2). */
  stdout?: OutputSink;
  stderr?: OutputSink;
  /** The program's stdin (default: this process's). */
  stdin?: StdinMode;
}

export const RUN_USAGE = `usage: wasmlet run [--dir HOST[::GUEST][:ro]] [--mem-dir GUEST] [--env K=V] [--fuel N] [--invoke NAME]
                   [--seed N] [--threads N] [--schedule-hash] FILE.wasm|FILE.wat [ARGS…]
  A module exporting _start runs as a WASI command: ARGS are its arguments, its exit code is
  wasmlet's. Otherwise (or with --invoke) the export NAME (default: main, else the only exported
  function) is called with ARGS converted to its parameter types; results are printed one per line.
  --dir      preopen a host directory (at GUEST, default the same path); :ro mounts it read-only
  --mem-dir  preopen an empty in-memory directory at GUEST
  --env      set an environment variable (K alone copies it from wasmlet's environment)
  --fuel     stop the program after N units of work (loop iterations and calls)
  --seed     threaded programs: permute the scheduler's choices with seed N (same seed, same run)
  --threads  OpenMP team size (default: OMP_NUM_THREADS, else 4)
  --schedule-hash  threaded programs: print the hash of the thread schedule to stderr at the end`;

/** The export to call when there is no _start: --invoke NAME, else main, else the only function. */
function pickExport(exportsOf: () => string[], name: string | null): string {
  if (name !== null) return name;
  const funcs = exportsOf().filter((n) => n !== '_initialize');
  if (funcs.includes('main')) return 'main';
  if (funcs.length === 1) return funcs[0];
  throw new Error(`no export to run: pass --invoke NAME (exported functions: ${funcs.join(', ') || 'none'})`);
}

export function runCommand(args: string[], io: RunIo): number {
  const o = emptyOptions();
  let file: string | null = null, exportName: string | null = null;
  const rest: string[] = [];
  try {
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { i++; break; }
      if (a === '--invoke') { exportName = args[++i] ?? null; if (exportName === null) throw new Error('--invoke needs a value'); continue; }
      const used = parseCommonOption(args, i, o);
      if (used > 0) { i += used - 1; continue; }
      if (a.startsWith('--') && a.length > 2) throw new Error(`unknown option ${a}`);
      break;
    }
    file = args[i] ?? null;
    rest.push(...args.slice(i + 1));
  } catch (e) {
    io.err.write(`wasmlet run: ${(e as Error).message}\n${RUN_USAGE}\n`);
    return 2;
  }
  if (file === null) { io.err.write(`wasmlet run: missing FILE\n${RUN_USAGE}\n`); return 2; }

  const wm = new WasmModule({
    store: new FileFunctionStore(file), dirs: o.dirs, env: o.env, fuel: o.fuel,
    stdout: io.stdout ?? processStdout, stderr: io.stderr ?? processStderr, stdin: io.stdin ?? 'inherit',
    threads: { seed: o.seed, threads: o.threads },
  });
  const msg = createMessage('cli', file, { cmdline: '' });
  try {
    wm.bindToFunction(msg, false);
    const inst = wm.instance;
    const exported = (): string[] => [...inst.exports].filter(([, v]) => v instanceof FuncInst).map(([k]) => k);
    const command = (exportName ?? '_start') === '_start' && exported().includes('_start');
    if (command) {
      // argv: the file, then the arguments exactly as given (no re-splitting).
      msg.cmdline = rest.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const code = wm.executeFunction(msg);
      if (o.scheduleHash) io.err.write(`wasmlet: schedule ${wm.scheduler.traceHash()} (${wm.scheduler.stats.slices} slices, ${wm.scheduler.stats.spawned} threads)\n`);
      if (msg.error !== null) io.err.write(`wasmlet: ${code === TRAP_EXIT_CODE ? 'trap: ' : ''}${msg.error}\n`);
      return code;
    }
    const name = pickExport(exported, exportName);
    const f = inst.exports.get(name);
    if (!(f instanceof FuncInst)) throw new Error(`export "${name}" is not a function`);
    if (rest.length !== f.type.params.length) {
      throw new Error(`"${name}" takes ${f.type.params.length} argument(s) (${f.type.params.map(valTypeName).join(' ')}), got ${rest.length}`);
    }
    const results = wm.invokeExport(name, f.type.params.map((t, k) => parseArg(t, rest[k], k)));
    results.forEach((r, k) => io.out.write(`${String(fromRaw(f.type.results[k], r))}\n`));
    return 0;
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof RuntimeError) {
      io.err.write(`wasmlet: trap: ${formatTrap(e)}\n`);
      return TRAP_EXIT_CODE;
    }
    if (e instanceof CompileError || e instanceof LinkError) io.err.write(`wasmlet: ${file}: ${e.name}: ${e.message}\n`);
    else io.err.write(`wasmlet: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

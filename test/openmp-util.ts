// Test harness for the OpenMP host: runs a fixture's _start as the main thread of a scheduler (with
// thread stacks and the per-thread stack pointer), with WASI and the OpenMP host attached, and returns
// its exit code, captured stdout and the schedule's hash.
import { readFileSync } from 'node:fs';
import {
  compile, instantiate, createContext, FuncInst, Status, RuntimeError, type Instance, type ExternVal, type Module,
} from '../interpreter/index.js';
import { createWasiFunctions, ExitError } from '../syscalls/wasi/index.js';
import { createOpenMpHost } from '../syscalls/openmp/index.js';
import { ModuleMemory } from '../src/memory/index.js';
import { ModuleHost } from '../src/module/module-host.js';
import { OutputCapture } from '../src/module/output-capture.js';
import { Scheduler } from '../src/threads/scheduler.js';
import { ThreadStacks } from '../src/threads/stacks.js';
import { findThreadGlobals } from '../src/threads/thread-globals.js';
import { fixture } from './fixtures/locate.js';

export interface OmpRun {
  code: number;
  stdout: string;
  error: string | null;
  hash: string;
  threadsSpawned: number;
}

const modules = new Map<string, Module>();

export function loadFixture(name: string): Module {
  let m = modules.get(name);
  if (m === undefined) { m = compile(readFileSync(fixture(name))); modules.set(name, m); }
  return m;
}

export function runOmp(name: string, opts: { threads?: number; seed?: number; env?: string[]; args?: string[]; slice?: number } = {}): OmpRun {
  const module = loadFixture(name);
  let inst: Instance | null = null;
  const mm = new ModuleMemory(() => inst?.mems[0] ?? null);
  const output = new OutputCapture({ capture: true });
  const env = opts.env ?? [];
  const host = new ModuleHost(() => mm.memory(), { dirs: [], env, output, stdin: 'none' });
  host.beginInvocation([name, ...(opts.args ?? [])], {}, new Uint8Array(0));
  const wasi = createWasiFunctions(host);
  let sched: Scheduler | null = null;
  const omp = createOpenMpHost(() => sched!, {
    env: () => host.env, threads: opts.threads,
    clockNs: (id) => host.nondet.clockTime(id, 1n) ?? 0n,
  });
  const resolve = (mod: string, n: string): ExternVal | undefined =>
    mod === 'wasi_snapshot_preview1' ? wasi[n] : mod === 'env' ? omp.functions[n] : undefined;
  const ctx = createContext();
  inst = instantiate(module, resolve, { context: ctx });
  mm.init();
  sched = new Scheduler(inst, { seed: opts.seed, slice: opts.slice, stacks: new ThreadStacks(mm), threadGlobals: findThreadGlobals(inst) });
  sched.onRunStart(() => omp.reset());
  const start = inst.exports.get('_start') as FuncInst;
  const out = sched.runMain(ctx, start, []);
  let code = 0, error: string | null = null;
  if (out.status === Status.Trapped) {
    if (out.error instanceof ExitError) code = out.error.code;
    else { code = 134; error = out.error instanceof RuntimeError ? out.error.message : String(out.error); }
  } else if (out.status !== Status.Done) { code = 124; error = 'fuel'; }
  return { code, stdout: output.getCapturedStdout(), error, hash: sched.traceHash(), threadsSpawned: sched.stats.spawned };
}

// WasmModule: one function bound to a module instance (Faasm's Faaslet module). bindToFunction loads
// user/function from the function store, compiles, instantiates with WASI and the Faasm host
// interface, runs initialisation (start function, _initialize, _faasm_zygote) and keeps the state as
// the zygote. executeFunction runs one invocation (_start → main); reset puts the zygote back so
// nothing leaks between invocations. Memory management is delegated to ModuleMemory (src/memory);
// snapshots to ModuleSnapshots, mid-run snapshots and resume to ModuleCheckpoints, merge regions
// and ranges kept out of diffs to ModuleMergeRegions.
import {
  compile, instantiate, createContext, rawArgs, FuncInst, RuntimeError, ValType, Status, valTypeName,
  type Context, type Instance, type Module, type Memory, type ExternVal,
} from '../../interpreter/index.js';
import { createWasiFunctions, WASI_MODULE, ExitError, type Nondeterminism, type WasiFs } from '../../syscalls/wasi/index.js';
import { createFaasmIoFunctions } from '../../syscalls/faasm/io.js';
import { createFaasmSnapshotFunctions, FunctionMigratedError } from '../../syscalls/faasm/snapshot.js';
import { ModuleMemory, MemoryError } from '../memory/index.js';
import { createMessage, argvForMessage, funcToString, checkMessageShape, type Message } from './message.js';
import { DirectoryFunctionStore, type FunctionStore } from './function-store.js';
import { OutputCapture, type OutputSink } from './output-capture.js';
import { ModuleHost, type DirMount, type StdinMode } from './module-host.js';
import { ModuleSnapshots } from './module-snapshots.js';
import {
  SnapshotRegistry, takeSnapshot, type SnapshotData, type SnapshotDiff, type DirtyRegion, type MergeRegion,
  type SnapshotDataType, type SnapshotMergeOperation,
} from '../snapshot/index.js';
import {
  ModuleCheckpoints, readContinuation, continuationEntry, applyContinuation, type MigrationPolicy, type CheckpointOwner,
} from './module-checkpoints.js';
import { ModuleMergeRegions, ignoreRangesInSnapshot, type AddressRange } from './module-merge.js';
import { ThreadRequestType, type BatchExecuteRequest } from './message.js';
import { ThreadRuntime, moduleUsesThreads, type ThreadOptions } from '../threads/runtime.js';
import { runThreadMessages } from '../threads/batch.js';
import { runOmpMessages } from './omp-thread.js';
import type { Scheduler } from '../threads/scheduler.js';
import type { PthreadMutex } from '../../syscalls/threads/index.js';

/** Exit code reported for an invocation that trapped (128 + SIGABRT, as native runtimes report). */
export const TRAP_EXIT_CODE = 134;
/** Exit code reported for an invocation stopped because its fuel ran out. */
export const FUEL_EXIT_CODE = 124;
/** Return value of an invocation that migrated at a __faasm_migrate_point (Faasm's
 *  MIGRATED_FUNCTION_RETURN_VALUE); msg.snapshotKey says where it continues. */
export const MIGRATED_EXIT_CODE = -99;
export const ZYGOTE_FUNC_NAME = '_faasm_zygote';
export const ENTRY_FUNC_NAME = '_start';

export interface WasmModuleOptions {
  /** Where functions come from (default: the directory $WASMLET_STORE, else ./functions). */
  store?: FunctionStore;
  /** Preopened directories (default: none). */
  dirs?: readonly DirMount[];
  /** The module's environment (each message's env is added on top). */
  env?: Record<string, string> | readonly string[];
  /** Start with stdout/stderr capture on (default off: they go to the sinks). */
  captureStdout?: boolean;
  /** Sinks for stdout/stderr when not capturing (default: this process's fd 1 and 2). */
  stdout?: OutputSink;
  stderr?: OutputSink;
  /** Where the program's stdin comes from (default: the message's inputData). */
  stdin?: StdinMode;
  /** The nondeterminism door (clocks, random, stdin); default: the system's. */
  nondet?: Nondeterminism;
  /** Fuel per invocation (loop iterations and calls); default unlimited. */
  fuel?: number;
  /** More imports, consulted before the built-in ones. */
  imports?: (module: string, name: string) => ExternVal | undefined;
  /** Deepest wasm call stack (frames). */
  maxDepth?: number;
  /** The snapshot registry (default: one of this module's own); share one to restore snapshots taken
   *  by other modules of the same function. */
  snapshots?: SnapshotRegistry;
  /** Asked at each __faasm_migrate_point whether the invocation moves (default: never). */
  migrate?: MigrationPolicy;
  /** Threads (pthreads, wasi-threads, OpenMP): scheduler seed and slice, trace, team size, stacks. */
  threads?: ThreadOptions;
}

/** Compiled modules by store location, shared by all WasmModules (bindToFunction's cache). */
const compiledCache = new Map<string, Module>();
let nextModuleId = 1;

/** A trap as text: the reason and the wasm stack, one frame per line. */
export function formatTrap(e: RuntimeError): string {
  return [e.reason, ...e.wasmStack.map((f) => `  at ${f}`)].join('\n');
}

export class WasmModule {
  readonly output: OutputCapture;
  readonly memory: ModuleMemory;
  private readonly opts: WasmModuleOptions;
  private readonly store: FunctionStore;
  private bound: { user: string; fn: string } | null = null;
  private inst: Instance | null = null;
  private host: ModuleHost | null = null;
  private snaps: ModuleSnapshots | null = null;
  private zygoteKey = '';
  private readonly id = nextModuleId++;
  private ctx: Context | null = null;
  /** Scheduler, thread stacks and thread libraries (when the module imports one, or once asked for). */
  private threadRt: ThreadRuntime | null = null;
  /** The running invocation (message, where its captured output starts), for mid-run snapshots. */
  private running: { msg: Message; out0: number; err0: number } | null = null;
  private migrationPolicy: MigrationPolicy | undefined;
  private readonly checkpoints: ModuleCheckpoints;
  private readonly cpOwner: CheckpointOwner;
  /** Merge regions for the next threads and ranges kept out of diffs. */
  readonly mergeRegions = new ModuleMergeRegions();
  /** Statistics: invocations run, resets done, 4 KiB pages copied by the last reset. */
  readonly stats = { invocations: 0, resets: 0, lastResetPages: 0, lastResetMs: 0 };

  constructor(opts: WasmModuleOptions = {}) {
    this.opts = opts;
    this.store = opts.store ?? new DirectoryFunctionStore(process.env.WASMLET_STORE ?? 'functions');
    this.output = new OutputCapture({ capture: opts.captureStdout, stdout: opts.stdout, stderr: opts.stderr });
    this.memory = new ModuleMemory(() => this.inst?.mems[0] ?? null);
    this.migrationPolicy = opts.migrate;
    this.cpOwner = {
      instance: () => this.requireBound(),
      snapshots: () => this.snaps,
      host: () => this.host!,
      output: this.output,
      memory: this.memory,
      invocation: () => this.running,
      migrationPolicy: () => this.migrationPolicy,
      keyPrefix: () => `checkpoint:${this.bound?.user ?? ''}/${this.bound?.fn ?? ''}:${this.id}`,
    };
    this.checkpoints = new ModuleCheckpoints(this.cpOwner);
  }

  // ------------------------------------------------------------------ lifecycle

  isBound(): boolean { return this.bound !== null; }
  getBoundUser(): string { return this.bound?.user ?? ''; }
  getBoundFunction(): string { return this.bound?.fn ?? ''; }
  /** The bound instance (throws when not bound). */
  get instance(): Instance { return this.requireBound(); }
  /** The execution context invocations run on. */
  get context(): Context { this.requireBound(); return this.ctx!; }
  /** The filesystem the module sees. */
  get fs(): WasiFs { this.requireBound(); return this.host!.fs; }

  private requireBound(): Instance {
    if (this.inst === null) throw new Error('WasmModule: not bound to a function');
    return this.inst;
  }

  private checkMessage(msg: Pick<Message, 'user' | 'function'>): void {
    checkMessageShape(msg, 'WasmModule');
    const b = this.bound!;
    if (msg.user !== b.user || msg.function !== b.fn) {
      throw new Error(`WasmModule: bound to ${b.user}/${b.fn}, not ${funcToString(msg)}`);
    }
  }

  /**
   * Loads, compiles and instantiates msg.user/msg.function, runs its initialisation and keeps the
   * result as the zygote. With `cache`, the compiled module is reused by later binds. Binding again
   * to the same function does nothing; to a different one is an error.
   */
  bindToFunction(msg: Pick<Message, 'user' | 'function'>, cache = true): void {
    checkMessageShape(msg, 'WasmModule.bindToFunction');
    if (this.bound !== null) {
      if (msg.user === this.bound.user && msg.function === this.bound.fn) return;
      throw new Error(`WasmModule: cannot bind to ${funcToString(msg)}, already bound to ${this.bound.user}/${this.bound.fn}`);
    }
    const key = this.store.describe(msg.user, msg.function);
    let module = cache ? compiledCache.get(key) : undefined;
    if (module === undefined) {
      module = compile(this.store.load(msg.user, msg.function));
      if (cache) compiledCache.set(key, module);
    }
    const env = Array.isArray(this.opts.env) ? [...this.opts.env as string[]]
      : Object.entries(this.opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
    const host = new ModuleHost(() => this.memory.memory(), {
      dirs: this.opts.dirs ?? [], env, output: this.output, nondet: this.opts.nondet, stdin: this.opts.stdin ?? 'input',
    });
    host.beginInvocation([msg.function], {}, new Uint8Array(0));
    const wasi = createWasiFunctions(host);
    const faasm = { ...createFaasmSnapshotFunctions(this.checkpoints), ...createFaasmIoFunctions(host) };
    const extra = this.opts.imports;
    const threads = moduleUsesThreads(module) ? this.newThreadRuntime(module, host) : null;
    const resolve = (mod: string, name: string): ExternVal | undefined => {
      const v = extra?.(mod, name) ?? threads?.resolve(mod, name);
      if (v !== undefined) return v;
      if (mod === WASI_MODULE) return wasi[name];
      if (mod === 'env') return faasm[name];
      return undefined;
    };
    const ctx = createContext({ maxDepth: this.opts.maxDepth });
    const inst = instantiate(module, resolve, { context: ctx });
    this.inst = inst;
    this.host = host;
    this.ctx = ctx;
    try {
      this.memory.init();
      this.threadRt = threads;
      threads?.attach(inst);
      const init = inst.exports.get('_initialize');
      if (init instanceof FuncInst) ctx.invoke(init, []);
      const zygote = inst.exports.get(ZYGOTE_FUNC_NAME);
      if (zygote instanceof FuncInst) {
        const r = ctx.invoke(zygote, []);
        if (r.length > 0 && r[0] !== 0) throw new Error(`zygote of ${funcToString(msg)} failed with ${String(r[0])}`);
      }
      host.markZygote();
      threads?.markZygote();
      this.snaps = new ModuleSnapshots(inst, this.memory, this.opts.snapshots ?? new SnapshotRegistry());
      this.zygoteKey = this.snaps.take(`zygote:${funcToString(msg)}:${this.id}`);
    } catch (e) {
      this.inst = null; this.host = null; this.ctx = null; this.threadRt = null;
      throw e;
    }
    this.bound = { user: msg.user, fn: msg.function };
  }

  /** The entry of an invocation: _start, else a main() taking no arguments. */
  private entry(): FuncInst {
    const inst = this.requireBound();
    const start = inst.exports.get(ENTRY_FUNC_NAME);
    if (start instanceof FuncInst) {
      if (start.type.params.length > 0) {
        throw new Error(`WasmModule: ${this.getBoundUser()}/${this.getBoundFunction()}: ${ENTRY_FUNC_NAME} must take no parameters (it takes ${start.type.params.map(valTypeName).join(' ')})`);
      }
      return start;
    }
    const main = inst.exports.get('main');
    if (main instanceof FuncInst && main.type.params.length === 0) return main;
    throw new Error(`WasmModule: ${this.getBoundUser()}/${this.getBoundFunction()} exports no ${ENTRY_FUNC_NAME}`);
  }

  /**
   * Runs one invocation: argv = [function, ...cmdline], the message's env and input; returns the exit
   * code (also msg.returnValue). A trap gives TRAP_EXIT_CODE with the trap in msg.error; running out
   * of fuel gives FUEL_EXIT_CODE. Call reset() before the next invocation.
   */
  executeFunction(msg: Message): number {
    this.requireBound();
    this.checkMessage(msg);
    const entry = this.entry();
    this.host!.beginInvocation(argvForMessage(msg), msg.env ?? {}, msg.inputData ?? new Uint8Array(0));
    return this.runInvocation(msg, entry, []);
  }

  /** Runs entry(args) as the invocation of msg (see executeFunction); captured output from
   *  `out0`/`err0` on is the invocation's. */
  private runInvocation(msg: Message, entry: FuncInst, args: unknown[],
    out0 = this.output.getCapturedStdoutBytes().length, err0 = this.output.getCapturedStderrBytes().length): number {
    const host = this.host!, ctx = this.ctx!;
    msg.error = null;
    msg.startTimestamp = Date.now();
    msg.checkpoints = [];
    this.checkpoints.beginInvocation();
    this.running = { msg, out0, err0 };
    const t0 = performance.now();
    let code: number;
    try {
      const fuel = this.opts.fuel ?? Infinity;
      const st = this.runEntry(ctx, entry, args, fuel);
      if (st === Status.Done) {
        code = entry.type.results.length > 0 && entry.type.results[0] === ValType.I32 ? ctx.results[0] as number : 0;
      } else if (st === Status.Trapped) {
        const e = ctx.error;
        if (e instanceof ExitError) code = e.code;
        else if (e instanceof FunctionMigratedError) { code = MIGRATED_EXIT_CODE; msg.snapshotKey = e.snapshotKey; }
        else if (e instanceof RuntimeError) { code = TRAP_EXIT_CODE; msg.error = formatTrap(e); }
        else throw e;
      } else if (st === Status.Yielded) {
        code = FUEL_EXIT_CODE;
        msg.error = `fuel exhausted (${fuel} units)`;
      } else {
        code = TRAP_EXIT_CODE;
        msg.error = 'the program blocked with no scheduler to wake it';
      }
    } finally {
      this.running = null;
      msg.executionMs = performance.now() - t0;
      msg.finishTimestamp = Date.now();
      this.stats.invocations++;
    }
    msg.returnValue = code;
    msg.outputData = host.output();
    if (this.output.capture) {
      const dec = new TextDecoder();
      msg.stdout = dec.decode(this.output.getCapturedStdoutBytes().subarray(out0));
      msg.stderr = dec.decode(this.output.getCapturedStderrBytes().subarray(err0));
    }
    return code;
  }

  /**
   * Continues an invocation from a mid-run snapshot (taken by __faasm_snapshot or at a migration
   * point; default key: msg.snapshotKey): restores it as reset(msg, key) does, puts back the
   * invocation's argv, env, input, output and captured stdout/stderr so far and its in-memory files,
   * and calls the continuation the guest named, fn(arg), as the invocation's entry. Works on this
   * module after other work, or on another module bound to the same function that shares the
   * registry (or pulled the snapshot from a remote store). Returns the exit code like
   * executeFunction: msg gets the whole invocation's output, as if it had never stopped.
   */
  resume(msg: Message, snapshotKey = msg.snapshotKey ?? ''): number {
    this.requireBound();
    this.checkMessage(msg);
    if (snapshotKey === '') throw new Error('WasmModule.resume: no snapshot key (pass one, or set msg.snapshotKey)');
    const c = readContinuation(this.snapshots.get(snapshotKey), snapshotKey);
    this.reset(msg, snapshotKey);
    const { entry, args } = continuationEntry(this.instance, c);
    applyContinuation(this.cpOwner, c);
    return this.runInvocation(msg, entry, args, 0, 0);
  }

  /**
   * Puts the module back to its zygote (or to the registry's snapshot `snapshotKey` when not ''):
   * memory (only the pages dirtied since), globals, tables, the brk, free list and guards; open
   * descriptors and in-memory files, input/output, captured output and the merge regions for the next
   * threads go back to the zygote's (faasm-semantics §1). `msg`, when given, must name the bound
   * function. Not allowed while an invocation runs (from a host call).
   */
  reset(msg?: Pick<Message, 'user' | 'function'>, snapshotKey = ''): void {
    if (this.bound === null) return;
    if (msg !== undefined) this.checkMessage(msg);
    if (this.running !== null) throw new Error('WasmModule: reset during an invocation');
    const t0 = performance.now();
    this.stats.lastResetPages = this.snaps!.restore(snapshotKey === '' ? this.zygoteKey : snapshotKey);
    this.threadRt?.afterReset();
    this.host!.reset();
    this.output.clearCapturedStdout();
    this.output.clearCapturedStderr();
    this.mergeRegions.clear();
    this.stats.resets++;
    this.stats.lastResetMs = performance.now() - t0;
  }

  /** The snapshot registry holding this module's zygote and snapshots. */
  get snapshots(): SnapshotRegistry { this.requireBound(); return this.snaps!.registry; }
  /** The zygote's key in the registry. */
  getZygoteKey(): string { this.requireBound(); return this.zygoteKey; }

  /** Snapshots the module's current state (Faasm's snapshot()); returns the key for restore/reset. */
  snapshot(locallyRestorable = true): string {
    this.requireBound();
    return this.snaps!.take(undefined, locallyRestorable);
  }

  /** Makes memory, globals, tables and the memory bookkeeping equal to snapshot `key` (Faasm's
   *  restore(); files and captured output are left alone: see reset()). */
  restore(key: string): void {
    this.requireBound();
    if (this.running !== null) throw new Error('WasmModule: restore during an invocation');
    this.snaps!.restore(key);
  }

  // ------------------------------------------------------------------ threads (faasm-semantics §6)

  /** A thread runtime for the module; the WASI host's sleeps then go through its scheduler
   *  (ThreadRuntime.sleeper: a sleeping thread blocks, the others run). */
  private newThreadRuntime(module: Module, host: ModuleHost): ThreadRuntime {
    const rt = new ThreadRuntime(module, this.memory, {
      env: () => host.env,
      clockNs: (id) => host.nondet.clockTime(id, 1n) ?? BigInt(Date.now()) * 1_000_000n,
      threads: this.opts.threads?.threads,
    }, this.opts.threads, (off, len) => this.excludeFromSnapshotDiffs(off, len));
    host.sleeper = rt.sleeper;
    return rt;
  }

  /** Runs entry(args) on ctx: through the scheduler (with every thread it creates) when the module
   *  has a thread runtime; results and error end up on ctx as after ctx.run(). */
  private runEntry(ctx: Context, entry: FuncInst, args: unknown[], fuel: number): Status {
    if (this.threadRt === null) {
      ctx.start(entry, args);
      return ctx.run(fuel);
    }
    const out = this.threadRt.runMain(ctx, entry, args, fuel);
    ctx.results = out.results;
    ctx.error = out.error;
    return out.status;
  }

  /** The thread runtime, created on first use for a module that imports no thread library. */
  get threads(): ThreadRuntime {
    const inst = this.requireBound();
    if (this.threadRt === null) {
      const rt = this.newThreadRuntime(inst.module, this.host!);
      rt.attach(inst);
      rt.markZygote();
      this.threadRt = rt;
    }
    return this.threadRt;
  }
  /** The thread scheduler (trace, traceHash(), stats). */
  get scheduler(): Scheduler { return this.threads.scheduler; }
  /** Scheduler seed (undefined: fixed order), slice and tracing for the next invocations. */
  setThreadOptions(o: Pick<ThreadOptions, 'seed' | 'slice' | 'trace'>): void { this.threads.configure(o); }
  /** Adds n thread-stack slots (stack between two guard regions); returns their stack tops. */
  createThreadStacks(n: number): number[] { return this.threads.createThreadStacks(n); }
  /** The stack top of every thread-stack slot. */
  getThreadStacks(): number[] { return this.threads.getThreadStacks(); }
  /** The pthread mutex at guest address addr; throws when there is none. */
  getPthreadMutex(addr: number): PthreadMutex { return this.threads.getPthreadMutex(addr); }
  /** The pthread mutex at guest address addr, created (unlocked) when there is none. */
  getOrCreatePthreadMutex(addr: number): PthreadMutex { return this.threads.getOrCreatePthreadMutex(addr); }

  /**
   * Runs message msgIdx of a batch: a PTHREAD batch's message runs as a thread on the stack of slot
   * threadPoolIdx (executePthread), an OPENMP one through executeOMPThread, a function message
   * through executeFunction. Returns the message's return value.
   */
  executeTask(threadPoolIdx: number, msgIdx: number, req: BatchExecuteRequest): number {
    const msg = req.messages[msgIdx];
    if (msg === undefined) throw new Error(`executeTask: the batch has no message ${msgIdx}`);
    if (req.type === 'threads' && req.subType === ThreadRequestType.PTHREAD) return this.executePthread(threadPoolIdx, msg);
    if (req.type === 'threads' && req.subType === ThreadRequestType.OPENMP) return this.executeOMPThread(threadPoolIdx, msg);
    return this.executeFunction(msg);
  }

  /** Runs msg.funcPtr(...msg.threadArgs) as a thread on the stack of slot threadPoolIdx over this
   *  module's memory until it ends (threads it creates run meanwhile); returns its exit value. */
  executePthread(threadPoolIdx: number, msg: Message): number {
    this.requireBound();
    return runThreadMessages(this.threads, [msg], [threadPoolIdx], formatTrap)[0];
  }

  /** Runs every message of a PTHREAD batch as threads together (message i on slot i), so they can
   *  synchronise with each other; returns their return values. */
  executeThreads(req: BatchExecuteRequest): number[] {
    this.requireBound();
    return runThreadMessages(this.threads, req.messages, req.messages.map((_, i) => i), formatTrap);
  }

  /**
   * Runs an OPENMP thread message (src/module/omp-thread.ts): msg.funcPtr(&gtid, &btid,
   * ...msg.threadArgs) as thread msg.ompThreadNum of a team of msg.ompNumThreads, on the stack of slot
   * threadPoolIdx, its team mates running elsewhere; returns 0 when the region returned.
   */
  executeOMPThread(threadPoolIdx: number, msg: Message): number {
    this.requireBound();
    return runOmpMessages(this.threads, [msg], [threadPoolIdx], false, formatTrap)[0];
  }

  /** Runs every message of an OPENMP batch together as one team (message i on slot i), so they
   *  synchronise with each other as after a fork; returns their return values. */
  executeOMPThreads(req: BatchExecuteRequest): number[] {
    this.requireBound();
    return runOmpMessages(this.threads, req.messages, req.messages.map((_, i) => i), true, formatTrap);
  }

  /** Removes snapshot `key` from the registry (the zygote stays: it is what reset() goes back to). */
  deleteSnapshot(key: string): void {
    this.requireBound();
    if (key === this.zygoteKey) throw new Error('WasmModule: the zygote snapshot cannot be deleted');
    this.snaps!.delete(key);
  }

  /** The module's state now as a SnapshotData that is not registered (Faasm's getSnapshotData()):
   *  memory, globals and tables; a detached copy, so dirty tracking is left as it was. */
  getSnapshotData(): SnapshotData {
    return takeSnapshot(this.instance, { locallyRestorable: false });
  }

  /** Byte ranges of memory written since the last snapshot or restore. */
  getDirtyRegions(): DirtyRegion[] { return this.snapshots.getDirtyRegions(this.instance); }

  /** The memory's changes against snapshot `key` through the snapshot's merge regions (or `regions`),
   *  visiting only the pages written since the memory was in step with it. */
  diffWithSnapshot(key: string, regions?: readonly MergeRegion[]): SnapshotDiff[] {
    return this.snapshots.diffWithSnapshot(key, this.instance, regions !== undefined ? { regions } : {});
  }

  // ------------------------------------------------------------------ merge regions (faasm-semantics §5)

  /** A merge region for the snapshots of the next threads (checked now; cleared by reset). */
  addMergeRegionForNextThreads(offset: number, length: number, dataType: SnapshotDataType,
    operation: SnapshotMergeOperation, overwrite = false): void {
    this.mergeRegions.add(offset, length, dataType, operation, overwrite);
  }
  getMergeRegions(): readonly MergeRegion[] { return this.mergeRegions.get(); }
  clearMergeRegions(): void { this.mergeRegions.clear(); }

  /** Keeps [offset, offset + length) out of the diffs of snapshots prepared for threads (the threads
   *  layer registers each thread stack here); kept across resets. */
  excludeFromSnapshotDiffs(offset: number, length: number): void { this.mergeRegions.ignore(offset, length); }
  getExcludedRanges(): AddressRange[] { return this.mergeRegions.ignoredRanges(); }

  /** Faasm's ignoreThreadStacksInSnapshot: every excluded range (thread stacks) becomes a Raw Ignore
   *  merge region of snapshot `key`, so its diffs leave them out. */
  ignoreThreadStacksInSnapshot(key: string): void {
    this.ignoreRangesInSnapshot(key, this.mergeRegions.ignoredRanges());
  }

  /** Keeps the given ranges out of snapshot `key`'s diffs (one Raw Ignore region per joined range). */
  ignoreRangesInSnapshot(key: string, ranges: readonly AddressRange[]): void {
    ignoreRangesInSnapshot(this.snapshots.get(key), ranges);
  }

  /** A snapshot for threads to start from: the current state, with the merge regions for the next
   *  threads and the excluded ranges as its merge regions. Returns its key. */
  snapshotForThreads(locallyRestorable = true): string {
    const key = this.snapshot(locallyRestorable);
    try {
      this.mergeRegions.applyTo(this.snapshots.get(key));
    } catch (e) {
      this.snaps!.delete(key);
      throw e;
    }
    return key;
  }

  /** Decides at each __faasm_migrate_point whether the invocation moves (undefined: never). */
  setMigrationPolicy(policy: MigrationPolicy | undefined): void { this.migrationPolicy = policy; }

  /** Drops the compiled-module cache so later binds read the function store again, and forgets
   *  captured output. The bound instance stays as it is. */
  flush(): void {
    compiledCache.clear();
    this.output.clearCapturedStdout();
    this.output.clearCapturedStderr();
  }

  /** A description of the module's state (bound function, memory, brk, dirty pages, free list,
   *  guards, tables); also passed to `write` (default: stderr). */
  printDebugInfo(write: (s: string) => void = (s) => { process.stderr.write(s); }): string {
    const lines: string[] = [];
    if (this.bound === null) lines.push('WasmModule: not bound');
    else {
      const inst = this.inst!;
      const mem: Memory | undefined = inst.mems[0];
      lines.push(`WasmModule: bound to ${this.bound.user}/${this.bound.fn}`);
      lines.push(`  functions: ${inst.funcs.length} (${inst.module.importedFuncs} imported), exports: ${[...inst.exports.keys()].join(', ')}`);
      if (mem) {
        const dirty = mem.dirty.reduce((n, d) => n + (d !== 0 ? 1 : 0), 0);
        lines.push(`  memory: ${mem.pages} pages (${mem.byteLength} bytes, max ${this.memory.getMaxMemoryPages()} pages), brk 0x${this.memory.getCurrentBrk().toString(16)}`);
        lines.push(`  dirty since the last snapshot or reset: ${dirty} of ${mem.dirty.length} host pages; zygote memory ${this.snaps?.memorySize(this.zygoteKey) ?? 0} bytes`);
        lines.push(`  free regions: ${this.memory.freeList.list().map((r) => `0x${r.offset.toString(16)}+0x${r.length.toString(16)}`).join(' ') || 'none'}`);
        lines.push(`  guard regions: ${this.memory.guards.list().map((r) => `0x${r.offset.toString(16)}+0x${r.length.toString(16)}`).join(' ') || 'none'}`);
      } else lines.push('  memory: none');
      lines.push(`  tables: ${inst.tables.map((t) => t.size).join(', ') || 'none'}; globals: ${inst.globals.length}`);
      lines.push(`  invocations: ${this.stats.invocations}, resets: ${this.stats.resets} (last copied ${this.stats.lastResetPages} pages)`);
      lines.push(`  stdout capture: ${this.output.capture ? 'on' : 'off'}`);
    }
    const text = lines.join('\n') + '\n';
    write(text);
    return text;
  }

  /** Calls an export with raw arguments on this module's context (reactor-style functions). */
  invokeExport(name: string, args: unknown[] = []): unknown[] {
    const inst = this.requireBound();
    const f = inst.exports.get(name);
    if (!(f instanceof FuncInst)) throw new Error(`WasmModule: no exported function "${name}"`);
    args = rawArgs(f.type, args, `WasmModule.invokeExport("${name}")`);
    if (this.threadRt !== null && this.running === null && this.ctx!.syncDepth === 0) {
      // A threaded module: the call is a main thread, with every thread it creates (and can block).
      const out = this.threadRt.runMain(this.ctx!, f, args, Infinity);
      if (out.status === Status.Done) return out.results;
      throw out.error;
    }
    return this.ctx!.invoke(f, args);
  }

  // ------------------------------------------------------------------ stdout / stderr capture

  /** Turns capture of fd 1/2 writes on or off. */
  captureStdout(on = true): void { this.output.capture = on; }
  getCapturedStdout(): string { return this.output.getCapturedStdout(); }
  clearCapturedStdout(): void { this.output.clearCapturedStdout(); }
  getCapturedStderr(): string { return this.output.getCapturedStderr(); }
  clearCapturedStderr(): void { this.output.clearCapturedStderr(); }

  // ------------------------------------------------------------------ memory (faasm-semantics §2)

  getCurrentBrk(): number { return this.memory.getCurrentBrk(); }
  growMemory(n: number): number { return this.memory.growMemory(n); }
  shrinkMemory(n: number): number { return this.memory.shrinkMemory(n); }
  mmapMemory(n: number): number { return this.memory.mmapMemory(n); }
  unmapMemory(offset: number, n: number): void { this.memory.unmapMemory(offset, n); }
  /** Maps the first `length` bytes of the file open at guest descriptor fd into a fresh region. */
  mmapFile(fd: number, length: number): number {
    const fs = this.fs;
    return this.memory.mmapFile((f, len) => {
      const buf = new Uint8Array(len);
      let got = 0;
      while (got < len) {
        const n = fs.pread(f, [buf.subarray(got)], BigInt(got));
        if (n === 0) break;
        got += n;
      }
      return buf.subarray(0, got);
    }, fd, length);
  }
  createMemoryGuardRegion(offset: number, length?: number): number { return this.memory.createMemoryGuardRegion(offset, length); }
  setMemorySize(n: number): void { this.memory.setMemorySize(n); }
  getMemorySizeBytes(): number { return this.memory.getMemorySizeBytes(); }
  getMaxMemoryPages(): number { return this.memory.getMaxMemoryPages(); }
  getMemoryView(): Uint8Array { return this.memory.getMemoryView(); }
  wasmPointerToNative(ptr: number, len = 1): Uint8Array { return this.memory.wasmPointerToNative(ptr, len); }
  readMemory(ptr: number, len: number): Uint8Array { return this.memory.checked.read(ptr, len); }
  writeMemory(ptr: number, data: Uint8Array | string): void {
    this.memory.checked.write(ptr, typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }
}

export { createMessage, MemoryError };

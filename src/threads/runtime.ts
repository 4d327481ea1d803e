// The thread runtime of one bound module: decides from its imports whether it needs threads (pthreads,
// wasi-threads, OpenMP), provides those imports (and a shared `env.memory` for wasi-threads modules
// that import one), creates the scheduler once the module is instantiated, owns the thread-stack pool,
// and runs invocations through the scheduler. WasmModule holds one when the module needs it.
import {
  ExternKind, FuncInst, ValType, createContext, createMemory, type Context, type ExternVal, type Instance, type Module,
} from '../../interpreter/index.js';
import {
  createPthreadHost, isPthreadImport, wasiSchedYield, wasiThreadFunctions, WASI_THREADS_MODULE, THREAD_SPAWN,
  UnknownMutexError, type PthreadHost, type PthreadMutex, type ThreadHostEnv, type ThreadLibContext,
} from '../../syscalls/threads/index.js';
import { createOpenMpHost, isOpenMpImport, type OpenMpHost } from '../../syscalls/openmp/index.js';
import type { WasiSleeper } from '../../syscalls/wasi/host-interface.js';
import type { ModuleMemory } from '../memory/index.js';
import { Scheduler, type RunOutcome } from './scheduler.js';
import { ThreadStacks } from './stacks.js';
import { findThreadGlobals } from './thread-globals.js';

const WASI_PREVIEW1 = 'wasi_snapshot_preview1';

export interface ThreadOptions {
  /** Permute scheduling choices reproducibly (--seed N); undefined: the fixed order. */
  seed?: number;
  /** Fuel units per scheduler slice. */
  slice?: number;
  /** Record the schedule (Scheduler.trace); its hash is always kept. */
  trace?: boolean;
  /** OpenMP team size (--threads N). */
  threads?: number;
  /** Thread stack bytes per slot (default 1 MiB) and guard bytes on each side (default 640 KiB). */
  stackSize?: number;
  guardSize?: number;
  /** Thread-stack slots created at bind time (createThreadStacks; default 0: created on demand). */
  poolSize?: number;
  /** Deepest wasm call stack of a thread (frames). */
  maxDepth?: number;
}

/** Which thread libraries a module imports. */
export interface ThreadNeeds { pthreads: boolean; wasiThreads: boolean; openmp: boolean; sharedMemoryImport: boolean }

export function threadNeeds(m: Module): ThreadNeeds {
  const n: ThreadNeeds = { pthreads: false, wasiThreads: false, openmp: false, sharedMemoryImport: false };
  for (const im of m.imports) {
    if (im.desc.kind === ExternKind.Func) {
      if (im.module === 'env' && isPthreadImport(im.name)) n.pthreads = true;
      if (im.module === WASI_THREADS_MODULE && im.name === THREAD_SPAWN) n.wasiThreads = true;
      if (isOpenMpImport(im.module, im.name)) n.openmp = true;
    } else if (im.desc.kind === ExternKind.Memory && im.desc.type.limits.shared) n.sharedMemoryImport = true;
  }
  return n;
}

/** Whether the module needs the thread runtime. */
export function moduleUsesThreads(m: Module): boolean {
  const n = threadNeeds(m);
  return n.pthreads || n.wasiThreads || n.openmp;
}

export class ThreadRuntime {
  readonly needs: ThreadNeeds;
  readonly stacks: ThreadStacks;
  readonly pthreads: PthreadHost;
  readonly openmp: OpenMpHost | null;
  private sched: Scheduler | null = null;
  private readonly wasi: Record<string, FuncInst>;
  private readonly yieldFn: FuncInst;
  private zygoteSlots = 0;
  private readonly opts: ThreadOptions;

  constructor(private readonly module: Module, readonly memory: ModuleMemory, env: ThreadHostEnv, opts: ThreadOptions = {},
    /** Told about every stack slot created (WasmModule keeps them out of snapshot diffs). */
    private readonly onStack?: (offset: number, length: number) => void) {
    this.opts = { ...opts };
    this.needs = threadNeeds(module);
    this.stacks = new ThreadStacks(memory, { stackSize: opts.stackSize, guardSize: opts.guardSize });
    const fullEnv: ThreadHostEnv = { env: () => env.env(), clockNs: (id) => env.clockNs(id), threads: opts.threads ?? env.threads, stackSize: this.stacks.stackSize };
    const lib: ThreadLibContext = { sched: () => this.scheduler, env: fullEnv };
    this.pthreads = createPthreadHost(lib);
    this.openmp = this.needs.openmp ? createOpenMpHost(() => this.scheduler, fullEnv) : null;
    this.wasi = wasiThreadFunctions(lib);
    this.yieldFn = wasiSchedYield(lib);
  }

  /**
   * How the WASI host's poll_oneoff sleeps a thread (WasmModule gives it to its ModuleHost): the
   * running thread blocks on the scheduler for the sleep's length in scheduler time (WaitKind
   * 'sleep'), so the other threads run meanwhile, and the call is retried when the timeout fires.
   * Not possible (null: the caller sleeps the process as without threads) while no thread of the
   * scheduler runs (initialisation, a direct call) or inside a nested synchronous call (callSync).
   */
  readonly sleeper: WasiSleeper = {
    resumed: () => this.sched?.resumed() ?? null,
    block: (ns, value) => {
      const s = this.sched, t = s?.running ?? null;
      if (s === null || t === null || t.context.syncDepth > 0) return null;
      return s.block({ kind: 'sleep', text: `the end of a sleep of ${ns} ns (poll_oneoff)` },
        { timeoutNs: Number(ns), timeoutValue: value });
    },
  };

  /** The scheduler (once attach() ran). */
  get scheduler(): Scheduler {
    if (this.sched === null) throw new Error('wasmlet threads: the module is not instantiated yet');
    return this.sched;
  }

  /** Imports this runtime provides: pthread_* / sched_yield (env), wasi.thread-spawn, the OpenMP
   *  functions, a yielding wasi sched_yield, and a shared env.memory when the module imports one. */
  resolve(mod: string, name: string): ExternVal | undefined {
    if (mod === 'env') {
      const p = this.pthreads.functions[name];
      if (p !== undefined) return p;
      if (this.openmp !== null && isOpenMpImport(mod, name)) return this.openmp.functions[name];
    }
    if (mod === WASI_THREADS_MODULE) return this.wasi[name];
    if (mod === WASI_PREVIEW1 && name === 'sched_yield') return this.yieldFn;
    for (const im of this.module.imports) {
      if (im.module === mod && im.name === name && im.desc.kind === ExternKind.Memory && im.desc.type.limits.shared) {
        const l = im.desc.type.limits;
        return createMemory(l.min, l.max, true);
      }
    }
    return undefined;
  }

  /** Creates the scheduler for the instantiated module and the initial stack pool. */
  attach(inst: Instance): void {
    const o = this.opts;
    this.sched = new Scheduler(inst, {
      seed: o.seed, slice: o.slice, trace: o.trace, maxDepth: o.maxDepth, stacks: this.stacks,
      threadGlobals: findThreadGlobals(inst, this.needs.wasiThreads && !this.needs.pthreads),
    });
    this.stacks.beforeFirstSlot = initGuestMalloc(inst, () => this.sched?.running?.context ?? null);
    this.sched.onRunStart(() => {
      this.pthreads.objects.dropWaiters();
      this.openmp?.reset();
    });
    if ((o.poolSize ?? 0) > 0) this.createThreadStacks(o.poolSize!);
  }

  /** Adds n thread-stack slots (Faasm's createThreadStacks); returns their tops. */
  createThreadStacks(n: number): number[] {
    const before = this.stacks.count;
    const tops = this.stacks.createThreadStacks(n);
    for (let i = before; i < this.stacks.count; i++) this.noteSlot(i);
    return tops;
  }

  private noteSlot(i: number): void {
    const s = this.stacks.slot(i);
    this.onStack?.(s.base, s.guardHigh.offset + s.guardHigh.length - s.base);
  }

  /** Stack tops of every slot. */
  getThreadStacks(): number[] { return this.stacks.getThreadStacks(); }

  /** The state after initialisation is the zygote: remember how many slots it has. */
  markZygote(): void { this.zygoteSlots = this.stacks.count; }

  /** After the module's memory went back to the zygote (or another snapshot of this run's module):
   *  slots created since do not exist any more. */
  afterReset(): void {
    this.stacks.truncate(this.zygoteSlots);
    this.stacks.releaseAll();
    this.pthreads.objects.clear();
  }

  /** Seed, slice and tracing for the next runs. */
  configure(o: Pick<ThreadOptions, 'seed' | 'slice' | 'trace'>): void {
    Object.assign(this.opts, o);
    this.sched?.configure(o);
  }

  /** Runs entry(args) as the main thread with every thread it creates (see Scheduler.runMain). */
  runMain(ctx: Context, entry: FuncInst, args: unknown[], fuel: number): RunOutcome {
    const before = this.stacks.count;
    try {
      return this.scheduler.runMain(ctx, entry, args, fuel);
    } finally {
      for (let i = before; i < this.stacks.count; i++) this.noteSlot(i);
    }
  }

  /** The mutex at a guest address; throws when there is none (Faasm's getPthreadMutex). */
  getPthreadMutex(addr: number): PthreadMutex {
    const m = this.pthreads.objects.findMutex(addr);
    if (m === undefined) throw new UnknownMutexError(addr);
    return m;
  }

  /** The mutex at a guest address, created when unknown (Faasm's getOrCreatePthreadMutex). */
  getOrCreatePthreadMutex(addr: number): PthreadMutex {
    return this.pthreads.objects.getOrCreateMutex(addr, this.sched?.memory ?? null);
  }
}

/**
 * wasi-libc's malloc, on its first call, takes all memory from __heap_base to the end of memory as
 * its heap; a thread stack grown before that call would become heap (threads then corrupt each
 * other's stacks and the heap). So before the first stack slot is grown, the module's own malloc and
 * free (found by name in the name section, with the C signatures) are called once, on the running
 * thread's context (or a fresh one), which initialises the allocator; at any later time the pair
 * is harmless. The project's pthread.h and omp.h do the same from a constructor; this covers
 * programs built with other headers. Returns null when the module has no such functions.
 */
function initGuestMalloc(inst: Instance, running: () => Context | null): (() => void) | null {
  let malloc: FuncInst | undefined, free: FuncInst | undefined;
  for (const f of inst.funcs) {
    if (f.host !== null) continue;
    const p = f.type.params, r = f.type.results;
    if (f.name === 'malloc' && p.length === 1 && p[0] === ValType.I32 && r.length === 1 && r[0] === ValType.I32) malloc = f;
    else if (f.name === 'free' && p.length === 1 && p[0] === ValType.I32 && r.length === 0) free = f;
  }
  if (malloc === undefined || free === undefined) return null;
  const m = malloc, fr = free;
  return () => {
    const ctx = running() ?? createContext();
    const p = ctx.invoke(m, [1])[0] as number;
    if (p !== 0) ctx.invoke(fr, [p]);
  };
}

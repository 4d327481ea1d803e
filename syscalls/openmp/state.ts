// The OpenMP host's state: teams, each thread's place in its team (thread number, worksharing
// cursor, the loop it is in), the internal control variables (ICVs: nthreads-var, run-sched-var,
// dyn-var, max-active-levels-var) and the lock tables. A thread's state lives in its scheduler
// thread's `data` under this runtime's key; a thread that never forked is an initial thread
// (level 0, a team of one).
import { RuntimeError, type Memory } from '../../interpreter/index.js';
import type { SchedThread, ThreadHostEnv, ThreadScheduler } from '../threads/scheduler-api.js';
import { LockTable } from './locks.js';
import { SharedLoop, type LoopKind } from './schedule.js';

/** Default team size when neither --threads nor OMP_NUM_THREADS says otherwise. */
export const DEFAULT_TEAM_SIZE = 4;
/** Most threads in one team (thread-limit-var). */
export const THREAD_LIMIT = 256;

export interface RunSched { kind: LoopKind; chunk: number }

/** One team: created by a fork (or a serialized region), shared by its threads. */
export class Team {
  private wsMap: Map<number, WsEntry> | null = null;
  constructor(
    readonly size: number,
    /** Nesting level (1 for the outermost parallel region; 0 for an initial thread's implicit team). */
    readonly level: number,
    /** Enclosing active (size > 1) regions, this one included. */
    readonly activeLevel: number,
    /** Thread numbers of the ancestors at levels 0 … level-1 (level 0's is 0). */
    readonly ancestors: readonly number[],
    /** Team sizes at levels 0 … level (level 0's is 1). */
    readonly sizes: readonly number[],
    /**
     * The other members run elsewhere (another process or machine: executeOMPThread runs one thread
     * of a team on its own, its memory merged back afterwards). Such a thread does not wait for the
     * others: barriers pass, `single` is thread 0's, dynamic and guided loops are split statically by
     * thread number, ordered parts run in this thread's own order.
     */
    readonly remote = false,
  ) {}
  /** Members taking part here (the whole team, or this one thread of a remote team). */
  get present(): number { return this.remote ? 1 : this.size; }
  /** Worksharing constructs in progress (dispatch loops, single, copyprivate), by the ordinal each
   *  thread gives its n-th construct: all threads of a team meet them in the same order. */
  get ws(): Map<number, WsEntry> { return this.wsMap ??= new Map(); }
}

/** A worksharing construct's shared part. */
export type WsEntry =
  | { kind: 'loop'; loop: SharedLoop }
  | { kind: 'single'; arrived: number }
  | { kind: 'copyprivate'; src: number; departed: number };

/** A thread's current dispatch loop (dynamic, guided, runtime or ordered schedules). */
export interface ThreadLoop {
  loop: SharedLoop;
  key: number;
  /** Chunks this thread has taken (static kinds hand out chunk tid + k·nth). */
  taken: number;
  /** Ordered loops: the logical iteration the thread is running and whether its ordered region ran. */
  cur: bigint;
  orderedDone: boolean;
}

/** What a thread saved when it entered a serialized region (if(0), or nested in serialized code). */
interface SavedPlace { team: Team; tid: number; wsCount: number; loop: ThreadLoop | null }

export class OmpThread {
  /** Thread number in the current team (omp_get_thread_num). */
  tid = 0;
  /** Worksharing constructs this thread has entered in the current team. */
  wsCount = 0;
  loop: ThreadLoop | null = null;
  /** ICVs of this thread's data environment. */
  nthreads: number;
  runSched: RunSched;
  dynamic = false;
  /** num_threads clause of the next fork (0: none). */
  pushedThreads = 0;
  private serial: SavedPlace[] | null = null;
  /** A fork this thread waits on. */
  fork: Fork | null = null;
  /** Phase of a multi-step blocking call (copyprivate, end_reduce) across its retries. */
  phase = 0;
  /** The worksharing ordinal of the copyprivate in progress. */
  copyKey = 0;
  constructor(readonly sched: SchedThread, public team: Team, icv: { nthreads: number; runSched: RunSched; dynamic: boolean }) {
    this.nthreads = icv.nthreads;
    this.runSched = { ...icv.runSched };
    this.dynamic = icv.dynamic;
  }
  /** libomp's global thread id: the scheduler's thread id minus one (the main thread is 0). */
  get gtid(): number { return this.sched.id - 1; }

  enterSerial(team: Team): void {
    (this.serial ??= []).push({ team: this.team, tid: this.tid, wsCount: this.wsCount, loop: this.loop });
    this.team = team; this.tid = 0; this.wsCount = 0; this.loop = null;
  }
  leaveSerial(): boolean {
    const s = this.serial?.pop();
    if (s === undefined) return false;
    this.team = s.team; this.tid = s.tid; this.wsCount = s.wsCount; this.loop = s.loop;
    return true;
  }
}

/** A parallel region in progress, as its encountering thread sees it. */
export interface Fork {
  team: Team;
  threads: SchedThread[];
  remaining: number;
}

/** Threads waiting for their turn in an ordered loop. */
export interface OrderedWaiter { thread: SchedThread; iter: bigint }

export class OmpRuntime {
  /** Critical sections (and the reduction lock), by the address of their name variable. */
  readonly critical = new LockTable('critical section');
  /** omp_lock_t and omp_nest_lock_t, by address. */
  readonly locks = new LockTable('omp lock');
  readonly nestLocks = new LockTable('omp nest lock');
  /** Ordered-loop waiters per shared loop. */
  readonly orderedWaiters = new Map<SharedLoop, OrderedWaiter[]>();
  /** max-active-levels-var: a parallel region nested deeper runs with a team of one. */
  maxActiveLevels = 1;
  private readonly key = Symbol('openmp');
  private defaults: { nthreads: number; runSched: RunSched; dynamic: boolean } | null = null;

  constructor(readonly sched: () => ThreadScheduler, readonly env: ThreadHostEnv) {}

  /** Forgets every lock and wait (a new run: memory went back to its snapshot). */
  reset(): void {
    this.critical.clear();
    this.locks.clear();
    this.nestLocks.clear();
    this.orderedWaiters.clear();
    this.defaults = null;
    this.maxActiveLevels = 1;
  }

  private envValue(name: string): string | undefined {
    let v: string | undefined;
    for (const e of this.env.env()) if (e.startsWith(name + '=')) v = e.slice(name.length + 1);
    return v;
  }

  /** The initial ICVs: --threads, else OMP_NUM_THREADS, else 4; OMP_SCHEDULE; OMP_DYNAMIC;
   *  OMP_MAX_ACTIVE_LEVELS / OMP_NESTED. */
  initialIcvs(): { nthreads: number; runSched: RunSched; dynamic: boolean } {
    if (this.defaults !== null) return this.defaults;
    let nthreads = DEFAULT_TEAM_SIZE;
    const fromEnv = parseInt((this.envValue('OMP_NUM_THREADS') ?? '').split(',')[0], 10);
    if (this.env.threads !== undefined && this.env.threads > 0) nthreads = this.env.threads;
    else if (fromEnv > 0) nthreads = fromEnv;
    nthreads = Math.min(Math.floor(nthreads), THREAD_LIMIT);
    const runSched = parseSchedule(this.envValue('OMP_SCHEDULE'));
    const dynamic = /^(true|1)$/i.test(this.envValue('OMP_DYNAMIC') ?? '');
    const levels = parseInt(this.envValue('OMP_MAX_ACTIVE_LEVELS') ?? '', 10);
    if (levels >= 0) this.maxActiveLevels = levels;
    else if (/^(true|1)$/i.test(this.envValue('OMP_NESTED') ?? '')) this.maxActiveLevels = THREAD_LIMIT;
    this.defaults = { nthreads, runSched, dynamic };
    return this.defaults;
  }

  /** The OpenMP state of thread t (default: the running one); an initial thread's on first use. */
  thread(t: SchedThread = this.sched().current): OmpThread {
    let s = t.data.get(this.key) as OmpThread | undefined;
    if (s === undefined) {
      s = new OmpThread(t, new Team(1, 0, 0, [], [1]), this.initialIcvs());
      t.data.set(this.key, s);
    }
    return s;
  }

  /** The memory the threads share (a trap when the module has none). */
  memory(): Memory {
    const m = this.sched().memory;
    if (m === null) throw new RuntimeError('OpenMP needs a linear memory');
    return m;
  }

  /** Attaches the state of a new team thread. */
  attach(t: SchedThread, s: OmpThread): void { t.data.set(this.key, s); }
}

/** OMP_SCHEDULE ("kind[,chunk]", optionally "monotonic:"/"nonmonotonic:"): default static. */
export function parseSchedule(v: string | undefined): RunSched {
  const m = /^\s*(?:(?:non)?monotonic\s*:\s*)?(static|dynamic|guided|auto)\s*(?:,\s*(\d+))?\s*$/i.exec(v ?? '');
  if (m === null) return { kind: 'static', chunk: 0 };
  const chunk = m[2] !== undefined ? parseInt(m[2], 10) : 0;
  const k = m[1].toLowerCase();
  const kind: LoopKind = k === 'dynamic' ? 'dynamic' : k === 'guided' ? 'guided' : chunk > 0 && k === 'static' ? 'static-chunked' : 'static';
  return { kind, chunk };
}

// The OpenMP host (module `env`): the __kmpc_* entry points clang -fopenmp emits and the omp_*
// library routines, built on the thread scheduler (syscalls/threads/scheduler-api.ts). A parallel
// region is a team of scheduler threads over the one memory; blocking calls (barrier, critical,
// locks, ordered, the fork's wait for its team) block the calling thread, never the process.
import type { FuncInst } from '../../interpreter/index.js';
import type { SchedThread, ThreadHostEnv, ThreadScheduler } from '../threads/scheduler-api.js';
import type { OmpFns } from './define.js';
import { OmpRuntime, Team, THREAD_LIMIT } from './state.js';
import { forkFunctions, spawnTeamThread } from './fork.js';
import { taskFunctions } from './tasks.js';
import { loopFunctions } from './loops.js';
import { syncFunctions } from './sync.js';
import { apiFunctions } from './api.js';

export { OmpRuntime, DEFAULT_TEAM_SIZE, THREAD_LIMIT } from './state.js';

/** One thread of an OpenMP team to run on its own (Faasm's OPENMP batch messages). */
export interface OmpThreadRequest {
  /** The outlined region: an index into the instance's table 0. */
  microtask: number;
  /** The shared-variable addresses the region receives after &gtid and &btid. */
  args: readonly number[];
  /** This thread's number in its team, and the team's size. */
  threadNum: number;
  numThreads: number;
  /** Nesting level of the region (1: outermost). */
  level?: number;
  /** The thread-stack slot to run on (Faasm's threadPoolIdx; runtime use, default: any free one). */
  slot?: number;
}

export interface OpenMpHost {
  /** Host functions by import name (module "env"). */
  readonly functions: Record<string, FuncInst>;
  /** Forgets locks and waits of an earlier run (call at the start of each run). */
  reset(): void;
  /**
   * Spawns thread `threadNum` of a team whose other members run elsewhere (see Team.remote): it
   * computes its own share of static loops, passes barriers, and runs `single` when it is thread 0.
   * Call inside a scheduler run (Scheduler.beginRun), then drive it.
   */
  startRemoteThread(req: OmpThreadRequest): SchedThread;
  /**
   * Spawns a whole team together (one request per member, threadNum 0…n-1, the same numThreads and
   * level), so its threads synchronise with each other as in a fork. Call inside a scheduler run.
   */
  startTeam(reqs: readonly OmpThreadRequest[]): SchedThread[];
  readonly runtime: OmpRuntime;
}

/**
 * The OpenMP host over a scheduler (a getter: the scheduler needs the instance these functions are
 * imported into) and the thread host environment (--threads, the module env, the clock).
 */
export function createOpenMpHost(sched: () => ThreadScheduler, env: ThreadHostEnv): OpenMpHost {
  const rt = new OmpRuntime(sched, env);
  const fns: OmpFns = {};
  forkFunctions(rt, fns);
  loopFunctions(rt, fns);
  syncFunctions(rt, fns);
  apiFunctions(rt, fns);
  taskFunctions(rt, fns);
  const teamOf = (req: OmpThreadRequest, remote: boolean): Team => {
    const n = Math.max(1, Math.min(req.numThreads, THREAD_LIMIT));
    const level = Math.max(1, req.level ?? 1);
    const sizes = [1, ...new Array<number>(level - 1).fill(1), n];
    return new Team(n, level, n > 1 ? 1 : 0, new Array<number>(level).fill(0), sizes, remote);
  };
  const start = (req: OmpThreadRequest, team: Team): SchedThread => {
    if (!(req.threadNum >= 0 && req.threadNum < team.size)) throw new RangeError(`OpenMP thread ${req.threadNum} of a team of ${team.size}`);
    return spawnTeamThread(rt, {
      microtask: req.microtask, shared: req.args, team, tid: req.threadNum, icv: rt.initialIcvs(), slot: req.slot,
      name: `omp thread ${req.threadNum} of ${team.size}, level ${team.level}`,
    });
  };
  const startRemoteThread = (req: OmpThreadRequest): SchedThread => start(req, teamOf(req, true));
  const startTeam = (reqs: readonly OmpThreadRequest[]): SchedThread[] => {
    if (reqs.length === 0) return [];
    const team = teamOf({ ...reqs[0], numThreads: reqs.length }, false);
    const seen = new Set<number>();
    for (const r of reqs) {
      if (seen.has(r.threadNum)) throw new RangeError(`OpenMP team: thread ${r.threadNum} twice`);
      seen.add(r.threadNum);
    }
    return reqs.map((r) => start(r, team));
  };
  return { functions: fns, reset: () => rt.reset(), startRemoteThread, startTeam, runtime: rt };
}

/** True when the import is one the OpenMP host provides (for attaching it only when needed). */
export function isOpenMpImport(module: string, name: string): boolean {
  return module === 'env' && (name.startsWith('__kmpc_') || name.startsWith('omp_'));
}

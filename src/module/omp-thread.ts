// OPENMP thread messages (Faasm's executeOMPThread): a message names one thread of an OpenMP team —
// the outlined region (msg.funcPtr, a table index), the shared-variable addresses (msg.threadArgs),
// its thread number and team size (msg.ompThreadNum, msg.ompNumThreads) and nesting level
// (msg.ompLevel) — and runs it as microtask(&gtid, &btid, args…) on the stack of thread-pool slot
// threadPoolIdx over the module's memory. A single message runs as a thread whose team mates run
// elsewhere (their memory merged back through merge regions, as Faasm distributes a team): it takes
// its own share of static loops and does not wait for the others. A whole batch runs as one team.
import type { RuntimeError } from '../../interpreter/index.js';
import type { OmpThreadRequest } from '../../syscalls/openmp/index.js';
import type { SchedThread } from '../../syscalls/threads/scheduler-api.js';
import type { ThreadRuntime } from '../threads/runtime.js';
import { finishThreadMessages } from '../threads/batch.js';
import type { Message } from './message.js';

function request(msg: Message, slot: number, numThreads?: number): OmpThreadRequest {
  if (msg.funcPtr === undefined) throw new Error(`OpenMP thread message ${msg.id} has no funcPtr (the microtask's table index)`);
  return {
    microtask: msg.funcPtr,
    args: msg.threadArgs ?? [],
    threadNum: msg.ompThreadNum ?? 0,
    numThreads: numThreads ?? msg.ompNumThreads ?? 1,
    level: msg.ompLevel ?? 1,
    slot,
  };
}

/**
 * Runs OpenMP thread messages on slots `slots[i]`: alone (`together` false: one message, its team
 * mates elsewhere) or as one team; sets each message's returnValue (0 when the region returned) and
 * error; returns the return values.
 */
export function runOmpMessages(
  rt: ThreadRuntime, msgs: Message[], slots: number[], together: boolean, format: (e: RuntimeError) => string,
): number[] {
  const omp = rt.openmp;
  if (omp === null) throw new Error('executeOMPThread: the module imports no OpenMP functions');
  const s = rt.scheduler;
  s.beginRun();
  const t0 = performance.now();
  for (const m of msgs) { m.error = null; m.startTimestamp = Date.now(); }
  let threads: SchedThread[];
  if (together) threads = omp.startTeam(msgs.map((m, i) => ({ ...request(m, slots[i], msgs.length), threadNum: m.ompThreadNum ?? i })));
  else threads = [omp.startRemoteThread(request(msgs[0], slots[0]))];
  return finishThreadMessages(rt, msgs, threads, t0, format, () => 0);
}

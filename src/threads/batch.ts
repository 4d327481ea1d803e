// Thread batches (Faasm's executeTask / executePthread for BatchExecuteRequests of type PTHREAD): each
// message names a thread entry (msg.funcPtr, a table index) and its arguments (msg.threadArgs); it runs
// on the stack of thread-pool slot `threadPoolIdx` as a scheduler thread over the module's memory.
// One message runs to its end (threads it creates run meanwhile); a whole batch runs its threads
// together, so they may synchronise with each other.
import { RuntimeError, Status } from '../../interpreter/index.js';
import { ExitError } from '../../syscalls/exit-error.js';
import type { SchedThread } from '../../syscalls/threads/scheduler-api.js';
import type { Message } from '../module/message.js';
import type { ThreadRuntime } from './runtime.js';

/** Exit code of a thread message that trapped (as for functions). */
export const TRAP_CODE = 134;

function entryOf(msg: Message): { fn: number; args: number[] } {
  if (msg.funcPtr === undefined) throw new Error(`thread message ${msg.id} has no funcPtr (the entry's table index)`);
  return { fn: msg.funcPtr, args: msg.threadArgs ?? [] };
}

/** Runs the messages as threads on slots `slots[i]` together; sets each message's returnValue (and
 *  error); returns the return values. */
export function runThreadMessages(rt: ThreadRuntime, msgs: Message[], slots: number[], format: (e: RuntimeError) => string): number[] {
  const s = rt.scheduler;
  s.beginRun();
  const threads: SchedThread[] = [];
  const t0 = performance.now();
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i], { fn, args } = entryOf(m);
    m.error = null;
    m.startTimestamp = Date.now();
    threads.push(s.spawn(fn, args, { slot: slots[i], name: `${m.function} message ${m.id}` }));
  }
  return finishThreadMessages(rt, msgs, threads, t0, format, (t) => t.exitValue);
}

/**
 * Runs the scheduler until every thread of `threads` (thread i runs message i, started at `t0`) is
 * done, then sets each message's timing, returnValue (`doneValue` of a finished thread, the code of an
 * exit, else TRAP_CODE) and error. An exception that is neither a trap nor an exit is rethrown.
 * Returns the return values.
 */
export function finishThreadMessages(
  rt: ThreadRuntime, msgs: Message[], threads: SchedThread[], t0: number,
  format: (e: RuntimeError) => string, doneValue: (t: SchedThread) => number,
): number[] {
  const out = rt.scheduler.runUntil(() => threads.every((t) => t.state === 'done'));
  for (let i = 0; i < msgs.length; i++) {
    const m = msgs[i], t = threads[i];
    m.finishTimestamp = Date.now();
    m.executionMs = performance.now() - t0;
    if (t.state === 'done') { m.returnValue = doneValue(t); continue; }
    const e = out.error;
    if (out.status === Status.Trapped && e instanceof ExitError) m.returnValue = e.code;
    else {
      m.returnValue = TRAP_CODE;
      m.error = out.status === Status.Yielded ? 'fuel exhausted' : e instanceof RuntimeError ? format(e) : String(e);
    }
  }
  if (out.status === Status.Trapped && !(out.error instanceof RuntimeError) && !(out.error instanceof ExitError)) throw out.error;
  return msgs.map((m) => m.returnValue);
}

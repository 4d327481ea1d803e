// A Message names the function to run (user, function) and carries one invocation's input (bytes,
// command line, environment) and, afterwards, its results: output bytes, return value, captured
// stdout/stderr, an error for traps, and timing. A BatchExecuteRequest groups messages of one kind.
import { splitCmdline } from './cmdline.js';

export interface Message {
  id: number;
  user: string;
  function: string;
  /** Input bytes: returned by __faasm_read_input and readable as the program's stdin. */
  inputData: Uint8Array;
  /** Arguments after the program name, split like a shell would. */
  cmdline: string;
  /** Environment entries for this invocation (added to the module's own). */
  env: Record<string, string>;
  /** Output bytes (set by __faasm_write_output). */
  outputData: Uint8Array;
  /** The exit code: main's return value, proc_exit's code, or non-zero after a trap. */
  returnValue: number;
  /** What the invocation wrote to stdout / stderr while capture was on (else empty). */
  stdout: string;
  stderr: string;
  /** The trap (message and wasm stack) or other failure of the invocation; null when none. */
  error: string | null;
  /** Wall-clock start and end (ms since the epoch) and the execution time (ms, high resolution). */
  startTimestamp: number;
  finishTimestamp: number;
  executionMs: number;
  /** The snapshot a migrated invocation continues from (Faasm's snapshotKey): set when the
   *  invocation migrated at a __faasm_migrate_point; WasmModule.resume(msg) reads it. */
  snapshotKey?: string;
  /** Keys of the snapshots the invocation took with __faasm_snapshot, in order. */
  checkpoints?: string[];
  /** Thread batches: the thread's entry as an index into table 0 (pthread start routine, OpenMP
   *  microtask; Faasm's funcPtr). */
  funcPtr?: number;
  /** Thread batches: the entry's i32 arguments (a pthread's one void* argument; an OpenMP
   *  microtask's shared-variable addresses, after &gtid and &btid). */
  threadArgs?: number[];
  /** OPENMP batches: the thread's number in its team (default 0), the team's size (default 1; a
   *  whole batch run together is one team of its messages) and the region's nesting level (default 1). */
  ompThreadNum?: number;
  ompNumThreads?: number;
  ompLevel?: number;
}

let nextId = 1;

/** A new message for user/function; `init` fills any other field (string input becomes UTF-8). */
export function createMessage(
  user: string, fn: string,
  init: Partial<Omit<Message, 'inputData'>> & { inputData?: Uint8Array | string } = {},
): Message {
  const { inputData, ...rest } = init;
  return {
    id: nextId++, user, function: fn, cmdline: '', env: {},
    outputData: new Uint8Array(0), returnValue: 0, stdout: '', stderr: '', error: null,
    startTimestamp: 0, finishTimestamp: 0, executionMs: 0,
    ...rest,
    inputData: typeof inputData === 'string' ? new TextEncoder().encode(inputData) : inputData ?? new Uint8Array(0),
  };
}

/** argv for the message's program: the function name, then its command line split like a shell. */
export function argvForMessage(msg: Message): string[] {
  return [msg.function, ...splitCmdline(msg.cmdline ?? '')];
}

/**
 * Throws a TypeError naming the field unless `msg` is a message for a function: an object whose user
 * and function are strings, and whose cmdline and inputData, when present, are a string and bytes.
 */
export function checkMessageShape(msg: unknown, what: string): void {
  if (msg === null || typeof msg !== 'object') throw new TypeError(`${what}: expected a message (see createMessage), got ${msg === null ? 'null' : typeof msg}`);
  const m = msg as Partial<Record<keyof Message, unknown>>;
  for (const f of ['user', 'function'] as const) {
    if (typeof m[f] !== 'string') throw new TypeError(`${what}: the message's ${f} must be a string, got ${m[f] === null ? 'null' : typeof m[f]}`);
  }
  if (m.cmdline !== undefined && typeof m.cmdline !== 'string') throw new TypeError(`${what}: the message's cmdline must be a string`);
  if (m.inputData !== undefined && !(m.inputData instanceof Uint8Array)) throw new TypeError(`${what}: the message's inputData must be a Uint8Array`);
}

/** "user/function". */
export function funcToString(msg: Pick<Message, 'user' | 'function'>): string {
  return `${msg.user}/${msg.function}`;
}

/** Kinds of thread batches (Faasm's ThreadRequestType). */
export const enum ThreadRequestType { UNSET = 0, PTHREAD = 1, OPENMP = 2 }

/** Messages of one kind: functions, or threads of one module. */
export interface BatchExecuteRequest {
  type: 'functions' | 'threads';
  subType: ThreadRequestType;
  messages: Message[];
}

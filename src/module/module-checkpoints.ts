// Mid-run snapshots of a bound module (the host side of syscalls/faasm/snapshot.ts): __faasm_snapshot
// and __faasm_migrate_point take a snapshot of memory, globals and tables at the host call, and attach
// the continuation record (continuation.ts) that lets resume() re-enter the guest through the
// function it named. Keys are recorded on the running message (msg.checkpoints; a migration sets
// msg.snapshotKey). Also the checks and the state a resumed run starts from.
import { FuncInst, RuntimeError, ValType, type Instance } from '../../interpreter/index.js';
import type { FaasmSnapshotHost } from '../../syscalls/faasm/snapshot.js';
import type { SnapshotData } from '../snapshot/index.js';
import type { ModuleMemory } from '../memory/index.js';
import { attachContinuation, continuationOf, type Continuation } from './continuation.js';
import type { Message } from './message.js';
import type { ModuleHost } from './module-host.js';
import type { ModuleSnapshots } from './module-snapshots.js';
import type { OutputCapture } from './output-capture.js';

/** Asked at each __faasm_migrate_point: true moves the invocation (snapshot, then it ends). */
export type MigrationPolicy = (point: { msg: Message; fn: number; arg: number; count: number }) => boolean;

/** What the checkpoints need from their module. */
export interface CheckpointOwner {
  instance(): Instance;
  /** The module's snapshots; null while the module initialises. */
  snapshots(): ModuleSnapshots | null;
  host(): ModuleHost;
  readonly output: OutputCapture;
  readonly memory: ModuleMemory;
  /** The running invocation (its message, where its captured stdout/stderr begin), or null. */
  invocation(): { msg: Message; out0: number; err0: number } | null;
  migrationPolicy(): MigrationPolicy | undefined;
  /** Prefix of the keys of this module's mid-run snapshots. */
  keyPrefix(): string;
}

const fnTypeText = (f: FuncInst): string =>
  `(${f.type.params.map((t) => `0x${t.toString(16)}`).join(' ')}) -> (${f.type.results.map((t) => `0x${t.toString(16)}`).join(' ')})`;

/** The continuation at function-table index fn: a function taking an optional i32 and returning an
 *  optional i32 (C `int fn(int)`). Throws a RuntimeError naming the problem. */
export function continuationFunc(inst: Instance, fn: number, what: string): FuncInst {
  const table = inst.tables[0];
  if (table === undefined) throw new RuntimeError(`${what}: the module has no function table`);
  const f = fn < table.elements.length ? table.elements[fn] : undefined;
  if (!(f instanceof FuncInst)) throw new RuntimeError(`${what}: function-table index ${fn} holds no function`);
  const { params, results } = f.type;
  const okParams = params.length === 0 || (params.length === 1 && params[0] === ValType.I32);
  const okResults = results.length === 0 || (results.length === 1 && results[0] === ValType.I32);
  if (!okParams || !okResults) throw new RuntimeError(`${what}: continuation ${fn} has type ${fnTypeText(f)}; expected int fn(int)`);
  return f;
}

export class ModuleCheckpoints implements FaasmSnapshotHost {
  private taken = 0;
  private migrationPoints = 0;

  constructor(private readonly owner: CheckpointOwner) {}

  /** A new invocation starts: numbering restarts. */
  beginInvocation(): void { this.taken = 0; this.migrationPoints = 0; }

  snapshotAt(fn: number, arg: number): number {
    return this.take(fn, arg, false, '__faasm_snapshot').index;
  }

  migrationPoint(fn: number, arg: number): string | null {
    const inv = this.owner.invocation();
    const policy = this.owner.migrationPolicy();
    if (inv === null || policy === undefined) return null;
    continuationFunc(this.owner.instance(), fn, '__faasm_migrate_point');
    if (!policy({ msg: inv.msg, fn, arg, count: ++this.migrationPoints })) return null;
    const { key } = this.take(fn, arg, true, '__faasm_migrate_point');
    inv.msg.snapshotKey = key;
    return key;
  }

  private take(fn: number, arg: number, migrated: boolean, what: string): { key: string; index: number } {
    const o = this.owner;
    const inv = o.invocation();
    const snaps = o.snapshots();
    if (inv === null || snaps === null) throw new RuntimeError(`${what}: snapshots are taken only during an invocation`);
    const inst = o.instance();
    if (fn !== 0) continuationFunc(inst, fn, what);
    const index = ++this.taken;
    const key = snaps.take(`${o.keyPrefix()}:${inv.msg.id}:${index}`, true);
    const c: Continuation = {
      fn, arg, index, migrated,
      invocation: o.host().invocationState(),
      stdout: o.output.capture ? o.output.getCapturedStdoutBytes().slice(inv.out0) : new Uint8Array(0),
      stderr: o.output.capture ? o.output.getCapturedStderrBytes().slice(inv.err0) : new Uint8Array(0),
      bookkeeping: inst.mems.length > 0 ? o.memory.bookkeeping() : null,
      droppedDatas: dropped(inst.datas),
      droppedElems: dropped(inst.elems),
    };
    attachContinuation(snaps.registry.get(key), c);
    (inv.msg.checkpoints ??= []).push(key);
    return { key, index };
  }
}

function dropped(xs: readonly unknown[]): number[] {
  const out: number[] = [];
  xs.forEach((x, i) => { if (x === null) out.push(i); });
  return out;
}

/** The continuation record of snapshot `key`; an Error when it has none or names no function. */
export function readContinuation(snap: SnapshotData, key: string): Continuation {
  const c = continuationOf(snap);
  if (c === null) throw new Error(`resume: snapshot "${key}" has no continuation (it was not taken by __faasm_snapshot or __faasm_migrate_point)`);
  if (c.fn === 0) throw new Error(`resume: snapshot "${key}" was taken without a continuation function`);
  return c;
}

/** The function a resumed run calls, with its arguments (after the snapshot's tables are restored). */
export function continuationEntry(inst: Instance, c: Continuation): { entry: FuncInst; args: unknown[] } {
  const entry = continuationFunc(inst, c.fn, 'resume');
  return { entry, args: entry.type.params.length > 0 ? [c.arg] : [] };
}

/** After the snapshot itself was restored (and reset): puts back what the continuation record holds
 *  — memory bookkeeping, dropped segments, the invocation's host state, its captured output so far. */
export function applyContinuation(owner: CheckpointOwner, c: Continuation): void {
  const inst = owner.instance();
  if (c.bookkeeping !== null && inst.mems.length > 0) owner.memory.restoreBookkeeping(c.bookkeeping);
  for (const i of c.droppedDatas) if (i < inst.datas.length) inst.datas[i] = null;
  for (const i of c.droppedElems) if (i < inst.elems.length) inst.elems[i] = null;
  owner.host().restoreInvocationState(c.invocation);
  if (owner.output.capture) {
    if (c.stdout.length > 0) owner.output.stdout(c.stdout);
    if (c.stderr.length > 0) owner.output.stderr(c.stderr);
  }
}

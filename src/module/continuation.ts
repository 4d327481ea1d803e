// The continuation record of a mid-run snapshot: where a resumed run re-enters (function-table index
// and argument, as the guest named them at __faasm_snapshot / __faasm_migrate_point) and what the
// module besides memory, globals and tables needs to go on exactly — the invocation's argv, env,
// input and stdin position, output and captured stdout/stderr so far, in-memory files, the memory
// bookkeeping (brk, free list, guards) and which data/element segments were dropped. Kept in the
// snapshot as the thread state with id CONTINUATION_ID, as versioned bytes, so it travels with the
// snapshot when it is serialised.
import type { SnapshotData } from '../snapshot/index.js';
import type { MemoryBookkeeping } from '../memory/index.js';
import { ByteReader, ByteWriter, RecordFormatError } from './byte-codec.js';
import { readFsImage, writeFsImage } from './fs-image.js';
import type { InvocationState } from './module-host.js';

/** The thread-state id that holds a snapshot's continuation (0: the main thread). */
export const CONTINUATION_ID = 0;
const MAGIC = 'WLCONT';
const VERSION = 1;

export interface Continuation {
  /** Function-table index of the continuation (0: none) and its argument. */
  fn: number;
  arg: number;
  /** Number of the snapshot within its invocation (1, 2, …). */
  index: number;
  /** True when taken at a migration point (the invocation ended there). */
  migrated: boolean;
  invocation: InvocationState;
  /** Captured stdout / stderr of the invocation up to the snapshot (empty when capture was off). */
  stdout: Uint8Array;
  stderr: Uint8Array;
  bookkeeping: MemoryBookkeeping | null;
  /** Indices of dropped data and element segments. */
  droppedDatas: number[];
  droppedElems: number[];
}

function writeList(w: ByteWriter, xs: readonly number[]): void { w.u32(xs.length); for (const x of xs) w.u32(x); }
function readList(r: ByteReader): number[] { const n = r.u32(); const xs: number[] = []; for (let i = 0; i < n; i++) xs.push(r.u32()); return xs; }

export function encodeContinuation(c: Continuation): Uint8Array {
  const w = new ByteWriter();
  w.raw(new TextEncoder().encode(MAGIC));
  w.u32(VERSION);
  w.u32(c.fn); w.i32(c.arg); w.u32(c.index); w.u8(c.migrated ? 1 : 0);
  const inv = c.invocation;
  w.u32(inv.args.length); for (const a of inv.args) w.str(a);
  w.u32(inv.env.length); for (const e of inv.env) w.str(e);
  w.bytes(inv.input); w.u32(inv.stdinPos); w.bytes(inv.output);
  w.u32(inv.files.length); for (const f of inv.files) writeFsImage(w, f);
  w.bytes(c.stdout); w.bytes(c.stderr);
  const b = c.bookkeeping;
  w.u8(b === null ? 0 : 1);
  if (b !== null) {
    w.u32(b.brk); w.u32(b.knownPages); w.u32(b.usedTop);
    w.u32(b.free.length); for (const r of b.free) { w.u32(r.offset); w.u32(r.length); }
    w.u32(b.guards.length); for (const r of b.guards) { w.u32(r.offset); w.u32(r.length); }
  }
  writeList(w, c.droppedDatas);
  writeList(w, c.droppedElems);
  return w.finish();
}

/** True when the bytes start like a continuation record. */
export function isContinuation(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) === MAGIC;
}

export function decodeContinuation(bytes: Uint8Array): Continuation {
  const r = new ByteReader(bytes, 'continuation record');
  if (!isContinuation(bytes)) throw new RecordFormatError('continuation record: bad magic');
  r.raw(MAGIC.length);
  const version = r.u32();
  if (version !== VERSION) throw new RecordFormatError(`continuation record: unknown version ${version}`);
  const fn = r.u32(), arg = r.i32(), index = r.u32(), migrated = r.u8() === 1;
  const args: string[] = []; for (let n = r.u32(); n > 0; n--) args.push(r.str());
  const env: string[] = []; for (let n = r.u32(); n > 0; n--) env.push(r.str());
  const input = r.bytes(), stdinPos = r.u32(), output = r.bytes();
  const files = []; for (let n = r.u32(); n > 0; n--) files.push(readFsImage(r));
  const stdout = r.bytes(), stderr = r.bytes();
  let bookkeeping: MemoryBookkeeping | null = null;
  if (r.u8() === 1) {
    const brk = r.u32(), knownPages = r.u32(), usedTop = r.u32();
    const free = []; for (let n = r.u32(); n > 0; n--) free.push({ offset: r.u32(), length: r.u32() });
    const guards = []; for (let n = r.u32(); n > 0; n--) guards.push({ offset: r.u32(), length: r.u32() });
    bookkeeping = { brk, knownPages, usedTop, free, guards };
  }
  const droppedDatas = readList(r), droppedElems = readList(r);
  if (!r.done) throw new RecordFormatError('continuation record: trailing bytes');
  return {
    fn, arg, index, migrated, invocation: { args, env, input, stdinPos, output, files },
    stdout, stderr, bookkeeping, droppedDatas, droppedElems,
  };
}

/** Stores the record in the snapshot (replacing an earlier one). */
export function attachContinuation(snap: SnapshotData, c: Continuation): void {
  snap.threads = [...snap.threads.filter((t) => t.id !== CONTINUATION_ID), { id: CONTINUATION_ID, bytes: encodeContinuation(c) }];
}

/** The snapshot's continuation record, or null when it has none. */
export function continuationOf(snap: SnapshotData): Continuation | null {
  const t = snap.threads.find((s) => s.id === CONTINUATION_ID && isContinuation(s.bytes));
  return t === undefined ? null : decodeContinuation(t.bytes);
}

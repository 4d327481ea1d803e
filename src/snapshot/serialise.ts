// Snapshot ⇄ bytes, so a snapshot can go to a file or another process. Format (little-endian):
//   header (24 bytes): magic "WLSNAP\r\n", u32 format version (1), u32 CRC-32 of the body,
//                      u32 body length low, u32 body length high
//   body: u32 flags (1 = has memory, 2 = has maximum), u32 pages, u32 maximum pages,
//         chunk bitmap (one bit per 64 KiB page, 1 = stored; all-zero pages are left out), stored pages,
//         u32 global count, per global: u8 type, u8 mutable, u16 0, i32 lo, i32 hi, i32 reference,
//         u32 table count, per table: u8 element type, u8 has maximum, u16 0, u32 maximum, u32 size,
//           size × i32 reference,
//         u32 merge region count, per region: u32 offset, u32 length, u8 data type, u8 operation, u16 0,
//         u32 thread count, per thread: u32 id, u32 length, bytes.
// References are function indices, -1 for null; values with no index cannot be written (an error, or
// null with { opaqueRefs: 'null' }). Reading checks magic, version, length and checksum before anything
// else and throws SnapshotFormatError with what is wrong.
import { ValType, type RefType } from '../../interpreter/index.js';
import { crc32 } from './crc32.js';
import { CHUNK_SIZE, PageStore, ZERO_CHUNK } from './page-store.js';
import { NULL_REF, OPAQUE_REF, SnapshotData, type GlobalState, type TableState, type ThreadState } from './snapshot-data.js';
import { MergeRegionError, SnapshotError, SnapshotFormatError, type MergeRegion } from './types.js';

export const SNAPSHOT_MAGIC = Uint8Array.of(0x57, 0x4c, 0x53, 0x4e, 0x41, 0x50, 0x0d, 0x0a);
export const SNAPSHOT_FORMAT_VERSION = 1;
const HEADER = 24;
const FLAG_MEMORY = 1, FLAG_MAX = 2;

export interface SerialiseOptions {
  /** References with no function index: 'error' (default) throws SnapshotError, 'null' writes ref.null. */
  opaqueRefs?: 'error' | 'null';
}

/** Writes into a preallocated buffer. */
class Writer {
  readonly bytes: Uint8Array;
  readonly dv: DataView;
  at = 0;
  constructor(n: number) { this.bytes = new Uint8Array(n); this.dv = new DataView(this.bytes.buffer); }
  u8(v: number): void { this.dv.setUint8(this.at, v); this.at += 1; }
  u16(v: number): void { this.dv.setUint16(this.at, v, true); this.at += 2; }
  u32(v: number): void { this.dv.setUint32(this.at, v >>> 0, true); this.at += 4; }
  i32(v: number): void { this.dv.setInt32(this.at, v | 0, true); this.at += 4; }
  raw(b: Uint8Array): void { this.bytes.set(b, this.at); this.at += b.length; }
}

/** Reads with a bounds check on every field. */
class Reader {
  readonly dv: DataView;
  at: number;
  constructor(readonly bytes: Uint8Array, start: number) { this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length); this.at = start; }
  need(n: number, what: string): void {
    if (this.at + n > this.bytes.length) throw new SnapshotFormatError(`truncated snapshot: ${what} needs ${n} bytes at ${this.at}, ${this.bytes.length - this.at} left`);
  }
  u8(what: string): number { this.need(1, what); return this.dv.getUint8(this.at++); }
  u16(what: string): number { this.need(2, what); const v = this.dv.getUint16(this.at, true); this.at += 2; return v; }
  u32(what: string): number { this.need(4, what); const v = this.dv.getUint32(this.at, true); this.at += 4; return v; }
  i32(what: string): number { this.need(4, what); const v = this.dv.getInt32(this.at, true); this.at += 4; return v; }
  raw(n: number, what: string): Uint8Array { this.need(n, what); const v = this.bytes.subarray(this.at, this.at + n); this.at += n; return v; }
}

function refOut(ref: number, opts: SerialiseOptions, what: string): number {
  if (ref !== OPAQUE_REF) return ref;
  if (opts.opaqueRefs === 'null') return NULL_REF;
  throw new SnapshotError(`cannot serialise ${what}: it holds a reference with no function index (a host function, another instance's function or an externref value); pass { opaqueRefs: 'null' } to write it as null`);
}

/** The snapshot as bytes (see the file comment for the format). */
export function serialiseSnapshot(snap: SnapshotData, opts: SerialiseOptions = {}): Uint8Array {
  const store = snap.memory;
  const chunks = store.chunkCount;
  const stored: number[] = [];
  for (let i = 0; i < chunks; i++) if (!store.isZeroChunk(i)) stored.push(i);
  let n = HEADER + 12 + Math.ceil(chunks / 8) + stored.length * CHUNK_SIZE;
  n += 4 + snap.globals.length * 16;
  n += 4;
  for (const t of snap.tables) n += 12 + t.refs.length * 4;
  n += 4 + snap.getMergeRegions().length * 12;
  n += 4;
  for (const t of snap.threads) n += 8 + t.bytes.length;

  const w = new Writer(n);
  w.at = HEADER;
  w.u32((snap.hasMemory ? FLAG_MEMORY : 0) | (snap.maxPages !== null ? FLAG_MAX : 0));
  w.u32(chunks);
  w.u32(snap.maxPages ?? 0);
  const bitmap = new Uint8Array(Math.ceil(chunks / 8));
  for (const i of stored) bitmap[i >>> 3] |= 1 << (i & 7);
  w.raw(bitmap);
  for (const i of stored) w.raw(store.chunk(i));
  w.u32(snap.globals.length);
  snap.globals.forEach((g, i) => {
    w.u8(g.type); w.u8(g.mutable ? 1 : 0); w.u16(0); w.i32(g.lo); w.i32(g.hi); w.i32(refOut(g.ref, opts, `global ${i}`));
  });
  w.u32(snap.tables.length);
  snap.tables.forEach((t, i) => {
    w.u8(t.elemType); w.u8(t.max !== null ? 1 : 0); w.u16(0); w.u32(t.max ?? 0); w.u32(t.refs.length);
    for (let k = 0; k < t.refs.length; k++) w.i32(refOut(t.refs[k], opts, `table ${i} element ${k}`));
  });
  const regions = snap.getMergeRegions();
  w.u32(regions.length);
  for (const r of regions) { w.u32(r.offset); w.u32(r.length); w.u8(r.dataType); w.u8(r.operation); w.u16(0); }
  w.u32(snap.threads.length);
  for (const t of snap.threads) { w.u32(t.id); w.u32(t.bytes.length); w.raw(t.bytes); }
  if (w.at !== n) throw new Error(`serialiseSnapshot: wrote ${w.at} bytes, expected ${n}`);

  const body = w.bytes.subarray(HEADER);
  w.at = 0;
  w.raw(SNAPSHOT_MAGIC);
  w.u32(SNAPSHOT_FORMAT_VERSION);
  w.u32(crc32(body));
  w.u32(body.length % 2 ** 32);
  w.u32(Math.floor(body.length / 2 ** 32));
  return w.bytes;
}

function refIn(r: number, funcsOk: boolean, what: string): number {
  if (r < NULL_REF || (!funcsOk && r !== NULL_REF)) throw new SnapshotFormatError(`bad reference ${r} in ${what}`);
  return r;
}

/** A snapshot from bytes made by serialiseSnapshot; SnapshotFormatError when they cannot be read. */
export function deserialiseSnapshot(bytes: Uint8Array): SnapshotData {
  if (bytes.length < HEADER) throw new SnapshotFormatError(`truncated snapshot: ${bytes.length} bytes, the header alone is ${HEADER}`);
  for (let i = 0; i < SNAPSHOT_MAGIC.length; i++) {
    if (bytes[i] !== SNAPSHOT_MAGIC[i]) throw new SnapshotFormatError('not a wasmlet snapshot (bad magic)');
  }
  const h = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
  const version = h.getUint32(8, true);
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotFormatError(`unsupported snapshot format version ${version} (this build reads version ${SNAPSHOT_FORMAT_VERSION})`);
  }
  const sum = h.getUint32(12, true);
  const bodyLength = h.getUint32(16, true) + h.getUint32(20, true) * 2 ** 32;
  const have = bytes.length - HEADER;
  if (have < bodyLength) throw new SnapshotFormatError(`truncated snapshot: the header says ${bodyLength} body bytes, ${have} present`);
  if (have > bodyLength) throw new SnapshotFormatError(`snapshot has ${have - bodyLength} bytes after its body`);
  const body = bytes.subarray(HEADER);
  const actual = crc32(body);
  if (actual !== sum) {
    throw new SnapshotFormatError(`snapshot checksum mismatch (stored 0x${sum.toString(16).padStart(8, '0')}, computed 0x${actual.toString(16).padStart(8, '0')}): the bytes are corrupt`);
  }

  const r = new Reader(bytes, HEADER);
  const flags = r.u32('flags');
  const chunks = r.u32('page count');
  const max = r.u32('maximum pages');
  const bitmap = r.raw(Math.ceil(chunks / 8), 'page bitmap');
  let present = 0;
  for (let i = 0; i < chunks; i++) if (bitmap[i >>> 3] & (1 << (i & 7))) present++;
  const data = r.raw(present * CHUNK_SIZE, 'memory pages').slice();
  const list = new Array<Uint8Array>(chunks);
  const owned = new Uint8Array(chunks);
  let k = 0;
  for (let i = 0; i < chunks; i++) {
    if (bitmap[i >>> 3] & (1 << (i & 7))) { list[i] = data.subarray(k * CHUNK_SIZE, (k + 1) * CHUNK_SIZE); owned[i] = 1; k++; }
    else list[i] = ZERO_CHUNK;
  }

  const globals: GlobalState[] = [];
  const nGlobals = r.u32('global count');
  for (let i = 0; i < nGlobals; i++) {
    const type = r.u8('global type') as ValType;
    if (![ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.FuncRef, ValType.ExternRef].includes(type)) {
      throw new SnapshotFormatError(`global ${i}: bad value type 0x${(type as number).toString(16)}`);
    }
    const mutable = r.u8('global mutability') === 1;
    r.u16('padding');
    const lo = r.i32('global value'), hi = r.i32('global value');
    const ref = refIn(r.i32('global reference'), type === ValType.FuncRef, `global ${i}`);
    globals.push({ type, mutable, lo, hi, ref });
  }
  const tables: TableState[] = [];
  const nTables = r.u32('table count');
  for (let i = 0; i < nTables; i++) {
    const elemByte = r.u8('table type');
    if (elemByte !== ValType.FuncRef && elemByte !== ValType.ExternRef) throw new SnapshotFormatError(`table ${i}: bad element type 0x${elemByte.toString(16)}`);
    const elemType = elemByte as RefType;
    const hasMax = r.u8('table maximum flag') === 1;
    r.u16('padding');
    const tmax = r.u32('table maximum');
    const size = r.u32('table size');
    r.need(size * 4, `table ${i} elements`);
    const refs = new Int32Array(size);
    for (let e = 0; e < size; e++) refs[e] = refIn(r.i32('table element'), elemType === ValType.FuncRef, `table ${i}`);
    tables.push({ elemType, max: hasMax ? tmax : null, refs, opaque: null });
  }
  const mergeRegions: MergeRegion[] = [];
  const nRegions = r.u32('merge region count');
  for (let i = 0; i < nRegions; i++) {
    const offset = r.u32('region offset'), length = r.u32('region length');
    const dataType = r.u8('region data type'), operation = r.u8('region operation');
    r.u16('padding');
    mergeRegions.push({ offset, length, dataType, operation });
  }
  const threads: ThreadState[] = [];
  const nThreads = r.u32('thread count');
  for (let i = 0; i < nThreads; i++) {
    const id = r.u32('thread id');
    const len = r.u32('thread state length');
    threads.push({ id, bytes: r.raw(len, 'thread state').slice() });
  }
  if (r.at !== bytes.length) throw new SnapshotFormatError(`snapshot body has ${bytes.length - r.at} unread bytes`);
  try {
    return new SnapshotData({
      memory: new PageStore(list, owned), hasMemory: (flags & FLAG_MEMORY) !== 0, maxPages: (flags & FLAG_MAX) !== 0 ? max : null,
      globals, tables, threads, mergeRegions,
    });
  } catch (e) {
    if (e instanceof MergeRegionError) throw new SnapshotFormatError(`bad merge region in snapshot: ${e.message}`);
    throw e;
  }
}

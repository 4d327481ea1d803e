// The snapshot registry: snapshots by key in this process (snapshot → key, restore, get, delete, list),
// the diff / merge entry points by key, and push / pull of serialised snapshots to a RemoteSnapshotStore
// (the interface a Redis or file store implements later; InMemoryRemoteStore here). A WasmModule holds
// one registry and passes its engine Instance (or memory + globals + tables) as the target.
import type { Memory } from '../../interpreter/index.js';
import { applyDiffs, queueDiffs, writeQueuedDiffs } from './apply.js';
import { takeSnapshot, type SnapshotOptions } from './capture.js';
import { diffWithSnapshot, type DiffOptions } from './diff.js';
import { getDirtyRegions } from './dirty.js';
import { checkShape, restoreGlobals, restoreTables, targetOf, type SnapshotSource } from './instance-state.js';
import { restoreMemory, type RestoreReport } from './restore.js';
import { deserialiseSnapshot, serialiseSnapshot, type SerialiseOptions } from './serialise.js';
import type { SnapshotData } from './snapshot-data.js';
import { SnapshotError, type DirtyRegion, type SnapshotDiff } from './types.js';

/** Where serialised snapshots go to be shared between processes or machines. */
export interface RemoteSnapshotStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  delete(key: string): Promise<boolean>;
  list(): Promise<string[]>;
}

/** A RemoteSnapshotStore in this process (tests, single-machine use). */
export class InMemoryRemoteStore implements RemoteSnapshotStore {
  private readonly blobs = new Map<string, Uint8Array>();
  async put(key: string, bytes: Uint8Array): Promise<void> { this.blobs.set(key, bytes.slice()); }
  async get(key: string): Promise<Uint8Array | undefined> { return this.blobs.get(key)?.slice(); }
  async delete(key: string): Promise<boolean> { return this.blobs.delete(key); }
  async list(): Promise<string[]> { return [...this.blobs.keys()]; }
}

export interface RegistrySnapshotOptions extends SnapshotOptions {
  /** Key to store under (an existing snapshot with that key is replaced); default a fresh "snapshot-N". */
  key?: string;
}

export class SnapshotRegistry {
  private readonly snapshots = new Map<string, SnapshotData>();
  private counter = 0;

  constructor(readonly remote: RemoteSnapshotStore | null = null, readonly keyPrefix = 'snapshot-') {}

  /** Snapshot the target and store it; returns the key. */
  snapshot(src: SnapshotSource, opts: RegistrySnapshotOptions = {}): string {
    const key = opts.key ?? this.freshKey();
    this.register(key, takeSnapshot(src, opts));
    return key;
  }

  /** Store a snapshot made elsewhere (e.g. deserialised) under key, replacing any snapshot there. */
  register(key: string, snap: SnapshotData): void {
    const old = this.snapshots.get(key);
    if (old !== undefined && old !== snap) old.dispose();
    this.snapshots.set(key, snap);
  }

  /**
   * Make the target's memory, mutable globals and tables equal to the snapshot's. Globals and tables are
   * checked to fit before anything is written. See RestoreReport for memory size differences.
   */
  restore(key: string, src: SnapshotSource): RestoreReport {
    const snap = this.get(key);
    const target = targetOf(src);
    checkShape(target, snap.globals, snap.tables);
    if (snap.hasMemory !== (target.memory !== null)) {
      throw new SnapshotError(`cannot restore "${key}": the snapshot ${snap.hasMemory ? 'has' : 'has no'} memory, the target ${target.memory !== null ? 'has' : 'has no'} memory`);
    }
    const report: RestoreReport = target.memory !== null
      ? restoreMemory(target.memory, snap)
      : { mode: 'full', copiedPages: 0, zeroedPages: 0, grownPages: 0, snapshotSize: 0, memorySize: 0, excessBytes: 0 };
    restoreGlobals(target, snap.globals);
    restoreTables(target, snap.tables);
    return report;
  }

  has(key: string): boolean { return this.snapshots.has(key); }

  /** The snapshot under key; SnapshotError when there is none. */
  get(key: string): SnapshotData {
    const s = this.snapshots.get(key);
    if (s === undefined) throw new SnapshotError(`no snapshot with key "${key}"`);
    return s;
  }

  /** Remove the snapshot; returns whether there was one. */
  delete(key: string): boolean {
    const s = this.snapshots.get(key);
    if (s === undefined) return false;
    this.snapshots.delete(key);
    s.dispose();
    return true;
  }

  list(): string[] { return [...this.snapshots.keys()]; }

  clear(): void { for (const k of this.list()) this.delete(k); }

  /** Byte ranges of the target's memory written since its last snapshot or restore. */
  getDirtyRegions(src: SnapshotSource | Memory): DirtyRegion[] {
    const mem = 'u8' in src ? src : targetOf(src).memory;
    return mem === null ? [] : getDirtyRegions(mem);
  }

  /** The target's memory changes against the snapshot, through its merge regions. */
  diffWithSnapshot(key: string, src: SnapshotSource | Memory, opts?: DiffOptions): SnapshotDiff[] {
    const mem = 'u8' in src ? src : targetOf(src).memory;
    if (mem === null) return [];
    return diffWithSnapshot(this.get(key), mem, opts);
  }

  /** Merge diffs (of one or many workers) into the snapshot. */
  applyDiffs(key: string, diffs: readonly SnapshotDiff[]): void { applyDiffs(this.get(key), diffs); }
  queueDiffs(key: string, diffs: readonly SnapshotDiff[]): void { queueDiffs(this.get(key), diffs); }
  writeQueuedDiffs(key: string): void { writeQueuedDiffs(this.get(key)); }

  /** Send the snapshot to the remote store. */
  async push(key: string, opts?: SerialiseOptions): Promise<void> {
    await this.requireRemote().put(key, serialiseSnapshot(this.get(key), opts));
  }

  /** Fetch the snapshot from the remote store and register it under key. */
  async pull(key: string): Promise<SnapshotData> {
    const bytes = await this.requireRemote().get(key);
    if (bytes === undefined) throw new SnapshotError(`no snapshot with key "${key}" in the remote store`);
    const snap = deserialiseSnapshot(bytes);
    this.register(key, snap);
    return snap;
  }

  private requireRemote(): RemoteSnapshotStore {
    if (this.remote === null) throw new SnapshotError('this registry has no remote snapshot store');
    return this.remote;
  }

  private freshKey(): string {
    let k: string;
    do k = `${this.keyPrefix}${++this.counter}`; while (this.snapshots.has(k));
    return k;
  }
}

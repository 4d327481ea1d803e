// Snapshots of a bound module, over the snapshot registry (src/snapshot): the registry keeps memory
// bytes, globals and tables and restores only the pages dirtied since; this file adds what the module
// itself needs besides — shrinking memory back first (wasm cannot, the host can), the dropped state of
// data/element segments, and the memory bookkeeping (brk, free list, guards). The zygote is one of them.
import { WASM_PAGE, type Instance } from '../../interpreter/index.js';
import { SnapshotRegistry } from '../snapshot/index.js';
import { resizeMemory, type ModuleMemory, type MemoryBookkeeping } from '../memory/index.js';

interface Extras {
  datas: (Uint8Array | null)[];
  elems: (unknown[] | null)[];
  bookkeeping: MemoryBookkeeping | null;
}

export class ModuleSnapshots {
  private readonly extras = new Map<string, Extras>();

  constructor(private readonly instance: Instance, private readonly mm: ModuleMemory, readonly registry: SnapshotRegistry) {}

  /** Snapshots the instance under `key` (default: a fresh key); returns the key. A locally
   *  restorable snapshot becomes the memory's dirty-tracking baseline. */
  take(key?: string, locallyRestorable = true): string {
    const inst = this.instance;
    const k = this.registry.snapshot(inst, { key, locallyRestorable });
    this.extras.set(k, {
      datas: inst.datas.slice(), elems: inst.elems.slice(),
      bookkeeping: inst.mems.length > 0 ? this.mm.bookkeeping() : null,
    });
    return k;
  }

  has(key: string): boolean { return this.registry.has(key); }

  /** Size in bytes of the snapshot's memory. */
  memorySize(key: string): number { return this.registry.get(key).size; }

  /**
   * Makes the instance equal to snapshot `key`: memory resized to the snapshot's size, then its bytes
   * (only the pages changed since, when the memory is in step with it), mutable globals, tables,
   * segments and bookkeeping. Snapshots taken elsewhere leave the brk at the end of memory with no free
   * regions or guards. Returns the number of 4 KiB pages written.
   */
  restore(key: string): number {
    const inst = this.instance;
    const snap = this.registry.get(key);
    const mem = inst.mems[0];
    if (mem !== undefined && mem.pages > snap.pages) resizeMemory(mem, snap.pages);
    const report = this.registry.restore(key, inst);
    const x = this.extras.get(key);
    if (x !== undefined) {
      inst.datas = x.datas.slice();
      inst.elems = x.elems.slice();
      if (x.bookkeeping !== null) this.mm.restoreBookkeeping(x.bookkeeping);
    } else if (mem !== undefined) {
      this.mm.restoreBookkeeping({ brk: snap.pages * WASM_PAGE, knownPages: mem.pages, usedTop: mem.byteLength, free: [], guards: [] });
    }
    return report.copiedPages + report.zeroedPages;
  }

  delete(key: string): void {
    this.extras.delete(key);
    this.registry.delete(key);
  }
}

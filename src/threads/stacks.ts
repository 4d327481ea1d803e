// Thread stacks carved out of linear memory (faasm-semantics §6, Faasm's createThreadStacks): each
// slot is grown from the brk as `guard | stack | guard`, both guards trapping on any access (src/memory
// guard regions), the stack top (stacks grow down) at base + guard + stackSize - 16, 16-byte aligned.
// Slots are handed to threads and given back when they end; more are created on demand.
import { WASM_PAGE } from '../../interpreter/index.js';
import { GUARD_REGION_SIZE, type ModuleMemory, type Region } from '../memory/index.js';

/** Default stack of a thread slot: 1 MiB. */
export const THREAD_STACK_SIZE = 1 << 20;

export interface StackSlot {
  readonly index: number;
  /** Start of the slot (the lower guard). */
  readonly base: number;
  /** Lowest and one-past-highest stack byte. */
  readonly stackLow: number;
  readonly stackHigh: number;
  /** Initial stack pointer: stackHigh - 16. */
  readonly top: number;
  readonly guardLow: Region;
  readonly guardHigh: Region;
  inUse: boolean;
}

export interface ThreadStackOptions {
  /** Stack bytes per slot (rounded up to the wasm page); default THREAD_STACK_SIZE. */
  stackSize?: number;
  /** Guard bytes on each side (rounded up to the wasm page); default GUARD_REGION_SIZE (640 KiB). */
  guardSize?: number;
  /** Most slots ever created (default 1024). */
  maxSlots?: number;
}

const roundUp = (n: number, unit: number): number => Math.ceil(n / unit) * unit;

export class ThreadStacks {
  readonly stackSize: number;
  readonly guardSize: number;
  readonly maxSlots: number;
  private readonly slots: StackSlot[] = [];
  /** Called before memory grows for the first slot (while none exists): see ThreadRuntime.attach. */
  beforeFirstSlot: (() => void) | null = null;

  constructor(private readonly mem: ModuleMemory, opts: ThreadStackOptions = {}) {
    this.stackSize = roundUp(Math.max(opts.stackSize ?? THREAD_STACK_SIZE, WASM_PAGE), WASM_PAGE);
    this.guardSize = roundUp(Math.max(opts.guardSize ?? GUARD_REGION_SIZE, WASM_PAGE), WASM_PAGE);
    this.maxSlots = opts.maxSlots ?? 1024;
  }

  get count(): number { return this.slots.length; }

  /** Creates n more slots with ONE growth of memory from the brk; returns their stack tops. (Growing
   *  memory copies all of it, so slots made one grow at a time cost O(n²) copying: 16 slots of a
   *  2 MiB module copied ≈340 MiB.) */
  createThreadStacks(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) throw new Error(`createThreadStacks: ${n} is not a slot count`);
    if (this.slots.length + n > this.maxSlots) {
      throw new Error(`no thread stack left (${this.maxSlots} slots at most, ${this.slots.length} exist, ${n} more asked for)`);
    }
    if (n === 0) return [];
    if (this.slots.length === 0 && this.beforeFirstSlot !== null) this.beforeFirstSlot();
    const g = this.guardSize, s = this.stackSize, size = s + 2 * g;
    const first = this.mem.growMemory(n * size);
    const tops: number[] = [];
    for (let i = 0; i < n; i++) {
      const base = first + i * size;
      this.mem.createMemoryGuardRegion(base, g);
      this.mem.createMemoryGuardRegion(base + g + s, g);
      const slot: StackSlot = {
        index: this.slots.length, base, stackLow: base + g, stackHigh: base + g + s, top: base + g + s - 16,
        guardLow: { offset: base, length: g }, guardHigh: { offset: base + g + s, length: g }, inUse: false,
      };
      this.slots.push(slot);
      tops.push(slot.top);
    }
    return tops;
  }

  /** Makes sure `n` slots are free, creating the missing ones together (one memory growth): a team
   *  of threads about to start asks for its stacks at once. */
  reserve(n: number): void {
    let free = 0;
    for (const s of this.slots) if (!s.inUse) free++;
    if (free < n) this.createThreadStacks(Math.min(n - free, this.maxSlots - this.slots.length));
  }

  /** The stack tops of every slot (Faasm's getThreadStacks). */
  getThreadStacks(): number[] { return this.slots.map((s) => s.top); }

  slot(index: number): StackSlot {
    const s = this.slots[index];
    if (s === undefined) throw new Error(`no thread stack slot ${index} (${this.slots.length} exist)`);
    return s;
  }

  /** A free slot (the lowest-numbered), creating one when all are in use; marks it in use. */
  acquire(): StackSlot {
    let s = this.slots.find((x) => !x.inUse);
    if (s === undefined) {
      // Exactly one more (as Faasm: one slot per thread, getThreadStacks shows no spare ones); a
      // team that starts together reserves its slots first, in one growth (reserve()).
      const k = this.slots.length;
      this.createThreadStacks(1);
      s = this.slots[k];
    }
    s.inUse = true;
    return s;
  }

  release(slot: StackSlot): void { slot.inUse = false; }

  /** Marks every slot free (a new invocation). */
  releaseAll(): void { for (const s of this.slots) s.inUse = false; }

  /** The slot whose guard region holds `addr`, or null. */
  slotOfGuard(addr: number): StackSlot | null {
    for (const s of this.slots) {
      if ((addr >= s.guardLow.offset && addr < s.guardLow.offset + s.guardLow.length)
        || (addr >= s.guardHigh.offset && addr < s.guardHigh.offset + s.guardHigh.length)) return s;
    }
    return null;
  }

  /** Forgets slots beyond the first n (memory was reset to a state from before they existed). */
  truncate(n: number): void {
    if (this.slots.length > n) this.slots.length = n;
  }
}

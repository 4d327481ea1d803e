// The engine hook that makes guard pages trap inside wasm code (Memory.setGuard, docs/DECISIONS.md
// D24). GuardRegions drives it; the module's own checked accesses enforce guards as well. Looked up
// by feature so that a Memory from elsewhere without the hook still works (host-side checks only).
import type { Memory } from '../../interpreter/index.js';

/** What the engine's Memory offers once the hook exists. */
export interface GuardHook {
  /** One byte per 4 KiB host page, 1 = guard page; null while none exist. */
  guards: Uint8Array | null;
  /** Marks host pages [first, first+count) as guard pages (on) or ordinary pages (off). */
  setGuard(first: number, count: number, on: boolean): void;
}

/** The memory's guard hook, or null when the engine has none. */
export function guardHook(mem: Memory): GuardHook | null {
  const m = mem as unknown as Partial<GuardHook>;
  return typeof m.setGuard === 'function' ? (m as GuardHook) : null;
}

/** Whether this engine traps on guard pages inside wasm code. */
export function engineHasGuardHook(mem: Memory): boolean { return guardHook(mem) !== null; }

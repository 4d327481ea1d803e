// Recording and replaying the nondeterminism door: record() wraps a door and appends every answer to
// a log; replay() answers from such a log in order, so a run repeats exactly (a mismatch throws).
import type { Nondeterminism } from './host-interface.js';

export type NondetEvent =
  | { kind: 'clockTime'; id: number; value: bigint | null }
  | { kind: 'clockRes'; id: number; value: bigint | null }
  | { kind: 'random'; bytes: Uint8Array }
  | { kind: 'stdin'; bytes: Uint8Array }
  | { kind: 'sleep'; ns: bigint };

/** A door that forwards to `inner` and appends each answer to `log`. */
export function recordNondeterminism(inner: Nondeterminism, log: NondetEvent[]): Nondeterminism {
  return {
    clockTime(id, precision) { const value = inner.clockTime(id, precision); log.push({ kind: 'clockTime', id, value }); return value; },
    clockRes(id) { const value = inner.clockRes(id); log.push({ kind: 'clockRes', id, value }); return value; },
    random(buf) { inner.random(buf); log.push({ kind: 'random', bytes: buf.slice() }); },
    stdin(max) { const bytes = inner.stdin(max).slice(); log.push({ kind: 'stdin', bytes }); return bytes; },
    sleep(ns) { inner.sleep(ns); log.push({ kind: 'sleep', ns }); },
  };
}

/** A door that answers from a recorded log; throws when the program asks something else. */
export function replayNondeterminism(log: readonly NondetEvent[]): Nondeterminism {
  let i = 0;
  function next<K extends NondetEvent['kind']>(kind: K): Extract<NondetEvent, { kind: K }> {
    const e = log[i];
    if (e === undefined || e.kind !== kind) {
      throw new Error(`replay diverged at event ${i}: program asked for ${kind}, log has ${e?.kind ?? 'nothing'}`);
    }
    i++;
    return e as Extract<NondetEvent, { kind: K }>;
  }
  return {
    clockTime() { return next('clockTime').value; },
    clockRes() { return next('clockRes').value; },
    random(buf) {
      const e = next('random');
      if (e.bytes.length !== buf.length) throw new Error(`replay diverged at event ${i - 1}: random of ${buf.length} bytes, log has ${e.bytes.length}`);
      buf.set(e.bytes);
    },
    stdin(max) { const e = next('stdin'); return e.bytes.slice(0, max); },
    sleep() { next('sleep'); },
  };
}

// The default door for nondeterminism: the host's real clocks, crypto random bytes, a configured
// stdin (none unless given) and a real sleep. Swap it for a recording or replaying one (nondet-record.ts).
import { readSync } from 'node:fs';
import { getRandomValues } from 'node:crypto';
import type { Nondeterminism } from './host-interface.js';
import { ClockId } from './constants.js';

export interface SystemNondetOptions {
  /** Standard input: bytes, 'inherit' (the process's own stdin), or a function; default: empty. */
  stdin?: Uint8Array | 'inherit' | ((max: number) => Uint8Array);
}

function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Reads up to max bytes from the process's stdin, waiting while it would block. */
function readProcessStdin(max: number): Uint8Array {
  const buf = new Uint8Array(Math.max(0, Math.min(max, 1 << 16)));
  for (;;) {
    try {
      return buf.subarray(0, readSync(0, buf, 0, buf.length, null));
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') { sleepMs(1); continue; }
      if (code === 'EOF') return new Uint8Array(0);
      throw e;
    }
  }
}

function stdinSource(opt: SystemNondetOptions['stdin']): (max: number) => Uint8Array {
  if (opt === undefined) return () => new Uint8Array(0);
  if (opt === 'inherit') return readProcessStdin;
  if (typeof opt === 'function') return opt;
  let pos = 0;
  return (max) => { const r = opt.slice(pos, pos + max); pos += r.length; return r; };
}

/** Real clocks (ns), crypto random, the given stdin, Atomics.wait sleeping. */
export function systemNondeterminism(opts: SystemNondetOptions = {}): Nondeterminism {
  const hrBase = process.hrtime.bigint();
  const wallBase = BigInt(Date.now()) * 1_000_000n;
  const stdin = stdinSource(opts.stdin);
  return {
    clockTime(id) {
      switch (id) {
        case ClockId.REALTIME: return wallBase + (process.hrtime.bigint() - hrBase);
        case ClockId.MONOTONIC: return process.hrtime.bigint();
        case ClockId.PROCESS_CPUTIME: case ClockId.THREAD_CPUTIME: {
          const u = process.cpuUsage();
          return BigInt(u.user + u.system) * 1000n;
        }
        default: return null;
      }
    },
    clockRes(id) {
      switch (id) {
        case ClockId.REALTIME: case ClockId.MONOTONIC: return 1n;
        case ClockId.PROCESS_CPUTIME: case ClockId.THREAD_CPUTIME: return 1000n;
        default: return null;
      }
    },
    random(buf) {
      for (let i = 0; i < buf.length; i += 65536) getRandomValues(buf.subarray(i, Math.min(buf.length, i + 65536)));
    },
    stdin,
    sleep(ns) { sleepMs(Number(ns) / 1e6); },
  };
}

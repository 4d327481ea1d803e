// Command-line options shared by `wasmlet run` and `wasmlet invoke`: --dir HOST[::GUEST][:ro],
// --mem-dir GUEST (an in-memory directory), --env K=V (or K, taken from this process), --fuel N,
// and for threaded programs --seed N (scheduler permutation), --threads N (OpenMP team size) and
// --schedule-hash (print the schedule's hash when the run ends).
// Each parser returns how many arguments it used.
import type { DirMount } from './module/module-host.js';

export interface CommonOptions {
  dirs: DirMount[];
  env: Record<string, string>;
  fuel: number | undefined;
  /** Scheduler seed for threaded programs (undefined: the fixed order). */
  seed: number | undefined;
  /** OpenMP team size. */
  threads: number | undefined;
  /** Print the thread schedule's hash at the end of the run. */
  scheduleHash: boolean;
}

export function emptyOptions(): CommonOptions {
  return { dirs: [], env: {}, fuel: undefined, seed: undefined, threads: undefined, scheduleHash: false };
}

/** Parses a --dir value: HOST, HOST::GUEST, either followed by :ro for a read-only mount. */
export function parseDir(v: string): DirMount {
  let readOnly = false;
  if (v.endsWith(':ro')) { readOnly = true; v = v.slice(0, -3); }
  const i = v.indexOf('::');
  const host = i < 0 ? v : v.slice(0, i);
  const guest = i < 0 ? v : v.slice(i + 2);
  if (host === '' || guest === '') throw new Error(`bad --dir "${v}": expected HOST::GUEST`);
  return { host, guest, readOnly };
}

/**
 * Tries to read one common option at args[i]; returns the number of arguments consumed (0 when
 * args[i] is not one of them). Throws on a missing or bad value.
 */
export function parseCommonOption(args: readonly string[], i: number, o: CommonOptions): number {
  const a = args[i];
  const value = (): string => {
    const v = args[i + 1];
    if (v === undefined) throw new Error(`${a} needs a value`);
    return v;
  };
  switch (a) {
    case '--dir': o.dirs.push(parseDir(value())); return 2;
    case '--mem-dir': {
      const guest = value();
      if (guest === '') throw new Error('--mem-dir needs a guest path');
      o.dirs.push({ guest });
      return 2;
    }
    case '--env': {
      const v = value();
      const eq = v.indexOf('=');
      if (eq < 0) {
        const inherited = process.env[v];
        if (inherited !== undefined) o.env[v] = inherited;
      } else if (eq === 0) throw new Error(`bad --env "${v}": expected KEY=VALUE`);
      else o.env[v.slice(0, eq)] = v.slice(eq + 1);
      return 2;
    }
    case '--fuel': {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`bad --fuel "${v}": expected a positive integer`);
      o.fuel = n;
      return 2;
    }
    case '--seed': {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n > 0xffffffff) throw new Error(`bad --seed "${v}": expected an integer from 0 to 4294967295`);
      o.seed = n;
      return 2;
    }
    case '--threads': {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`bad --threads "${v}": expected a positive integer`);
      o.threads = n;
      return 2;
    }
    case '--schedule-hash': o.scheduleHash = true; return 1;
    default: return 0;
  }
}

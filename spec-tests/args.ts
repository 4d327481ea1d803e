// Command-line arguments of the spec runner (options may stand before or after the paths).
import { availableParallelism } from 'node:os';

export const USAGE = `usage: npm run spec -- [paths…] [options]
  paths                  .wast files or folders (default: $WASMLET_SPEC_DIR, else ../shared/spec-testsuite-2.0)
  --json FILE            write {file: {passed, failed, skipped}}
  --verbose, -v          print every failure in full
  --groups               print per feature-group totals (automatic for a folder with GROUPS.json)
  --timeout SECONDS      per-file time limit (default: $WASMLET_SPEC_TIMEOUT, else 60)
  --jobs N               files run in parallel worker threads (default: cores; 0 = in this thread)
  --check-expectations   check the run against spec-tests/expectations.json (both ways)
  --update-expectations  rewrite spec-tests/expectations.json from this run (keeps existing reasons)
  --expectations FILE    another expectations file`;

export interface CliOptions {
  paths: string[];
  json: string | null;
  verbose: boolean;
  groups: boolean;
  timeoutS: number;
  jobs: number;
  check: boolean;
  update: boolean;
  expectations: string | null;
  help: boolean;
}

/** Parse arguments; options may stand before or after the paths. Throws on a bad option. */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): CliOptions {
  const o: CliOptions = {
    paths: [], json: null, verbose: false, groups: false,
    timeoutS: Number(env.WASMLET_SPEC_TIMEOUT) > 0 ? Number(env.WASMLET_SPEC_TIMEOUT) : 60,
    jobs: Math.max(1, availableParallelism()), check: false, update: false, expectations: null, help: false,
  };
  const value = (i: number, name: string): string => {
    if (i >= argv.length) throw new Error(`${name} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : null;
    const take = () => inline ?? value(++i, name);
    switch (name) {
      case '--json': o.json = take(); break;
      case '--verbose': case '-v': o.verbose = true; break;
      case '--groups': o.groups = true; break;
      case '--timeout': o.timeoutS = positive(take(), name); break;
      case '--jobs': o.jobs = Math.floor(nonNegative(take(), name)); break;
      case '--check-expectations': o.check = true; break;
      case '--update-expectations': o.update = true; break;
      case '--expectations': o.expectations = take(); break;
      case '--help': case '-h': o.help = true; break;
      case '--': break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  return o;
}

function positive(s: string, name: string): number {
  const n = Number(s);
  if (!(n > 0)) throw new Error(`${name}: expected a positive number, got ${s}`);
  return n;
}
function nonNegative(s: string, name: string): number {
  const n = Number(s);
  if (!(n >= 0)) throw new Error(`${name}: expected a number, got ${s}`);
  return n;
}


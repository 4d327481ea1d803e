// Benchmark entry point: `npm run bench -- [name...]` runs the named benchmarks (default: all).
// Engine comparisons (wasmlet vs Node's WebAssembly) live in engine.ts.
import { CASES, runEngineCase, formatResult } from './engine.js';
import { runSnapshotBench } from './snapshot.js';
import { runInvokeBench, runGuardBench } from './invoke.js';
import { runJsapiBench } from './jsapi.js';
import { runThreadsBench } from './threads.js';

/** Benchmarks other than the engine cases, by name (run after them when no name is given). */
const OTHER: Record<string, (minMs: number) => void> = { invoke: runInvokeBench, guards: runGuardBench, snapshot: runSnapshotBench, jsapi: runJsapiBench, threads: runThreadsBench };

function main(argv: string[]): number {
  const minMsArg = argv.find(a => a.startsWith('--min-ms='));
  const minMs = minMsArg ? Number(minMsArg.slice('--min-ms='.length)) : 1000;
  const names = argv.filter(a => !a.startsWith('--'));
  const known = new Map(CASES.map(c => [c.name, c]));
  for (const n of names) {
    if (!known.has(n) && !(n in OTHER)) {
      console.error(`unknown benchmark "${n}"; known: ${[...known.keys(), ...Object.keys(OTHER)].join(', ')}`);
      return 2;
    }
  }
  for (const n of names.length ? names : [...known.keys(), ...Object.keys(OTHER)]) {
    const c = known.get(n);
    if (c) console.log(formatResult(runEngineCase(c, minMs)));
    else OTHER[n](minMs);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));

// Benchmark entry point: `npm run bench -- [name...]` runs the named benchmarks (default: all).
// Engine comparisons (wasmlet vs Node's WebAssembly) live in engine.ts.
import { CASES, runEngineCase, formatResult } from './engine.js';

function main(argv: string[]): number {
  const minMsArg = argv.find(a => a.startsWith('--min-ms='));
  const minMs = minMsArg ? Number(minMsArg.slice('--min-ms='.length)) : 1000;
  const names = argv.filter(a => !a.startsWith('--'));
  const known = new Map(CASES.map(c => [c.name, c]));
  for (const n of names) {
    if (!known.has(n)) {
      console.error(`unknown benchmark "${n}"; known: ${[...known.keys()].join(', ')}`);
      return 2;
    }
  }
  const selected = names.length ? names.map(n => known.get(n)!) : CASES;
  for (const c of selected) console.log(formatResult(runEngineCase(c, minMs)));
  return 0;
}

process.exitCode = main(process.argv.slice(2));

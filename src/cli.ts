#!/usr/bin/env node
// The wasmlet command line: `wasmlet run FILE [--invoke NAME] [--fuel N] [ARGS…]` compiles a .wat or
// .wasm file, instantiates it and calls an export with the given arguments, printing its results.
import { readFileSync } from 'node:fs';
import { runCommand } from './run-command.js';

const USAGE = `usage: wasmlet run FILE.wat|FILE.wasm [--invoke EXPORT] [ARGS…]
  Calls EXPORT (default: _start, else main, else the only exported function) with ARGS
  converted to its parameter types, and prints the results one per line.`;

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  if (cmd === 'run') return runCommand(rest, (p) => readFileSync(p), process.stdout, process.stderr);
  if (cmd === '--version') { process.stdout.write('wasmlet 0.1.0\n'); return 0; }
  process.stderr.write(USAGE + '\n');
  return cmd === undefined || cmd === '--help' || cmd === '-h' ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));

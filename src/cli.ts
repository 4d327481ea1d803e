#!/usr/bin/env node
// The wasmlet command line: `wasmlet run …` runs a module (a WASI command, or one export), `wasmlet
// invoke …` runs a function of a function store repeatedly with reset in between.
import { runCommand, RUN_USAGE } from './run-command.js';
import { invokeCommand, INVOKE_USAGE } from './invoke-command.js';

const USAGE = `${RUN_USAGE}\n\n${INVOKE_USAGE}`;

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  const io = { out: process.stdout, err: process.stderr };
  if (cmd === 'run') return runCommand(rest, io);
  if (cmd === 'invoke') return invokeCommand(rest, io);
  if (cmd === '--version') { process.stdout.write('wasmlet 0.1.0\n'); return 0; }
  const help = cmd === undefined || cmd === '--help' || cmd === '-h';
  process.stderr.write(`${help ? '' : `wasmlet: unknown command "${cmd}"\n`}${USAGE}\n`);
  return help ? 0 : 2;
}

process.exitCode = main(process.argv.slice(2));

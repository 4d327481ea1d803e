// Tests for the command line (src/cli.ts): `wasmlet run` as a WASI command (exit codes, --dir with
// read-only mounts, --mem-dir, --env, --fuel, stdin) and as a call of one export (--invoke, results
// printed), usage errors; `wasmlet invoke` on a function store with --input and --repeat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, cliPath } from './fixtures/locate.js';
import { parseDir } from '../src/cli-options.js';

function wasmlet(args: string[], input?: string, env: NodeJS.ProcessEnv = process.env): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { input: input ?? '', env, maxBuffer: 1 << 24 });
  return { code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

const tmp = mkdtempSync(join(tmpdir(), 'wasmlet-cli-'));
const wat = (name: string, text: string): string => { const p = join(tmp, name); writeFileSync(p, text); return p; };

test('--dir parsing', () => {
  assert.equal(parseDir('/a/b::/data'), { host: '/a/b', guest: '/data', readOnly: false });
  assert.equal(parseDir('/a::/x:ro'), { host: '/a', guest: '/x', readOnly: true });
  assert.equal(parseDir('rel'), { host: 'rel', guest: 'rel', readOnly: false });
  assert.throws(() => parseDir('::/x'));
});

test('run: a plain export with arguments prints its results', () => {
  const f = wat('add.wat', '(module (func (export "add") (param i32 i64) (result i64 i32) (i64.add (i64.extend_i32_s (local.get 0)) (local.get 1)) (i32.const 7)))');
  const r = wasmlet(['run', '--invoke', 'add', f, '-5', '10000000000']);
  assert.is(r.err, '');
  assert.is(r.out, '9999999995\n7\n');
  assert.is(r.code, 0);
  const only = wat('one.wat', '(module (func (export "f") (result f64) (f64.const 2.5)))');
  assert.is(wasmlet(['run', only]).out, '2.5\n');
});

test('run --invoke: arguments must fit their types; bad ones are errors naming the argument', () => {
  const f = wat('args4.wat', '(module (func (export "f") (param i32 f32 i64 f64) (result i32 f32 i64 f64) (local.get 0) (local.get 1) (local.get 2) (local.get 3)))');
  const ok = wasmlet(['run', '--invoke', 'f', f, '4294967295', '-inf', '0x10', '2.5']);
  assert.is(ok.err, '');
  assert.is(ok.out, '-1\n-Infinity\n16\n2.5\n');
  const bad = (args: string[], re: RegExp): void => {
    const r = wasmlet(['run', '--invoke', 'f', f, ...args]);
    assert.is(r.code, 1, args.join(' '));
    assert.is(r.out, '', 'nothing ran');
    assert.match(r.err, re);
  };
  bad(['1', 'x', '2', '3'], /argument 2 \(f32\): "x" is not a number/);
  bad(['1.5', '1', '2', '3'], /argument 1 \(i32\): "1.5" is not an integer/);
  bad(['4294967296', '1', '2', '3'], /argument 1 \(i32\): 4294967296 is out of range/);
  bad(['-2147483649', '1', '2', '3'], /argument 1 \(i32\): -2147483649 is out of range/);
  bad(['1', '1', '99999999999999999999999', '3'], /argument 3 \(i64\): .* out of range/);
  bad(['1', '1', '2', ''], /argument 4 \(f64\): "" is not a number/);
  const unknown = wasmlet(['frobnicate']);
  assert.is(unknown.code, 2);
  assert.match(unknown.err, /^wasmlet: unknown command "frobnicate"\nusage:/);
});

test('run: a command exports _start; trap shows the stack; fuel; usage errors', () => {
  const ok = wat('start.wat', '(module (func (export "_start")))');
  assert.is(wasmlet(['run', ok]).code, 0);
  const trap = wat('trap.wat', '(module (func $inner (unreachable)) (func $outer (call $inner)) (func (export "_start") (call $outer)))');
  const r = wasmlet(['run', trap]);
  assert.is(r.code, 134);
  // The text encoder writes a name section, so the frames carry the function ids.
  assert.match(r.err, /trap: unreachable\n {2}at inner@0x[0-9a-f]+\n {2}at outer@0x[0-9a-f]+\n {2}at func\[2\]@0x/);
  const spin = wat('spin.wat', '(module (func (export "_start") (loop $l (br $l))))');
  const f = wasmlet(['run', '--fuel', '10000', spin]);
  assert.is(f.code, 124);
  assert.match(f.err, /fuel exhausted/);
  assert.is(wasmlet(['run']).code, 2);
  assert.is(wasmlet(['run', '--bogus', ok]).code, 2);
  assert.is(wasmlet(['run', '--fuel', 'x', ok]).code, 2);
  const missing = wasmlet(['run', join(tmp, 'missing.wasm')]);
  assert.is(missing.code, 1);
  assert.match(missing.err, /no such file|ENOENT/);
  const bad = wat('bad.wat', '(module (func (export "f") (result i32) (i64.const 1)))');
  assert.match(wasmlet(['run', bad]).err, /CompileError: type mismatch/);
});

test('run: C command with exit codes, args after the file untouched, env, stdin', () => {
  const r = wasmlet(['run', fixture('exitcode.wasm'), 'exit', '42']);
  assert.is(r.code, 42);
  assert.is(r.out, 'mode=exit code=42\n');
  const a = wasmlet(['run', '--env', 'GREETING=hello', '--env', 'WASMLET_T', fixture('args.wasm'), '--fuel', 'x y'], '',
    { ...process.env, WASMLET_T: 'inherited' });
  assert.is(a.code, 0);
  assert.match(a.out, /argv\[1\]="--fuel"\nargv\[2\]="x y"\n/);
  assert.match(a.out, /env\[0\]=GREETING=hello\nenv\[1\]=WASMLET_T=inherited\nenvc=2\n/);
  const io = wasmlet(['run', fixture('counter.wasm')], 'from stdin');
  assert.match(io.out, /input=from stdin/);
});

test('run: --dir read-only refuses writes, --mem-dir is private', () => {
  const d = mkdtempSync(join(tmp, 'ro-'));
  const ro = wasmlet(['run', '--dir', `${d}::/sandbox:ro`, fixture('files.wasm')]);
  assert.match(ro.out, /^mkdir: -1\n/);
  assert.equal(readdirSync(d), []);
  const mem = wasmlet(['run', '--mem-dir', '/sandbox', fixture('files.wasm')]);
  assert.match(mem.out, /^mkdir: 0\n/);
  assert.match(mem.out, /ls \/sandbox\/dir: b.txt c.txt \(2\)/);
  assert.is(mem.code, 0);
});

test('invoke: repeat with reset, input and output data, timing report', () => {
  const store = join(tmp, 'store');
  for (const [fn, file] of [['counter', 'counter.wasm'], ['reverse', 'faasm_io.wasm']]) {
    mkdirSync(join(store, 'demo', fn), { recursive: true });
    copyFileSync(fixture(file), join(store, 'demo', fn, 'function.wasm'));
  }
  const r = wasmlet(['invoke', '--store', store, 'demo', 'counter', '--mem-dir', '/data', '--input', 'hi', '--cmdline', 'a b', '--repeat', '20', '--verbose']);
  assert.is(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.is(lines.length, 20);
  for (const l of lines) assert.match(l, /^counter=1 heap=0x[0-9a-f]+ file_existed=0 message=pristine argc=3 arg1=a input=hi$/);
  assert.is(new Set(lines).size, 1, 'identical every time');
  assert.match(r.err, /#20: exit 0, execute/);
  assert.match(r.err, /20 invocation\(s\)/);
  assert.match(r.err, /reset: +mean/);
  assert.match(r.err, /a full copy of the/);
  const rev = wasmlet(['invoke', '--store', store, 'demo', 'reverse', '--input', 'olleh', '--quiet']);
  assert.is(rev.out, 'hello');
  assert.is(rev.code, 0);
  assert.is(wasmlet(['invoke', '--store', store, 'demo']).code, 2);
  const missing = wasmlet(['invoke', '--store', store, 'demo', 'nope']);
  assert.is(missing.code, 1);
  assert.match(missing.err, /not found/);
});

test.run();

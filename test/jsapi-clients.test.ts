// JS API tests with real clients: sql.js and quickjs-emscripten, unmodified, each run in a child
// `node --jitless --import wasmlet/polyfill` (no native WebAssembly there) and compared with the same
// script on Node's native WebAssembly: identical output (query results, exported database bytes'
// SHA-256, QuickJS's printed output). Also: the polyfill leaves a native WebAssembly alone.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const here = dirname(fileURLToPath(import.meta.url));
const clients = join(here, 'clients');

/** The package root (the nearest package.json named wasmlet): `wasmlet/polyfill` resolves from there. */
function packageRoot(): string {
  for (let d = here; ; d = dirname(d)) {
    const p = join(d, 'package.json');
    if (existsSync(p) && JSON.parse(readFileSync(p, 'utf8')).name === 'wasmlet') return d;
    if (dirname(d) === d) throw new Error('no wasmlet package.json above ' + here);
  }
}
const root = packageRoot();

interface Run { stdout: string; stderr: string; status: number | null; }

function node(args: string[]): Run {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The app run natively and on wasmlet under --jitless; both must succeed with the same stdout. */
function compare(app: string, args: string[] = []): string[] {
  const script = join(clients, app);
  const native = node([script, ...args]);
  assert.is(native.status, 0, native.stderr);
  const ours = node(['--jitless', '--import', 'wasmlet/polyfill', script, ...args]);
  assert.is(ours.status, 0, ours.stderr);
  assert.is(ours.stdout, native.stdout);
  const timing = /timing (\{.*\})/.exec(ours.stderr);
  if (timing) console.log(`    ${app} ${args.join(' ')}: wasmlet --jitless ${JSON.stringify(JSON.parse(timing[1]), (k, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
  return native.stdout.trim().split('\n');
}

test('polyfill: installs only where there is no WebAssembly', () => {
  const probe = "console.log(typeof WebAssembly, String(WebAssembly.Module).includes('[native code]'))";
  assert.is(node(['--import', 'wasmlet/polyfill', '-e', probe]).stdout.trim(), 'object true');
  const jitless = node(['--jitless', '--import', 'wasmlet/polyfill', '-e', probe]);
  assert.is(jitless.stdout.trim(), 'object false', jitless.stderr);
  assert.is(node(['--jitless', '-e', 'console.log(typeof WebAssembly)']).stdout.trim(), 'undefined');
});

test('sql.js: 10,000 rows, joins, aggregates, an index, exported bytes — identical to native', () => {
  const lines = compare('sqljs-app.js', ['10000']);
  assert.is(lines.length, 12);
  assert.ok(!lines.some(l => l.startsWith('error:')), lines.join('\n'));
  assert.match(lines[lines.length - 1], /^export \d+ bytes sha256 [0-9a-f]{64}$/);
  assert.match(lines[7], /USING INDEX orders_by_customer/);
});

test('quickjs-emscripten: a JS program computing and printing — identical to native', () => {
  const lines = compare('quickjs-app.js');
  assert.ok(lines.length >= 10);
  assert.ok(lines.includes('fib(20) = 6765'), lines.join('\n'));
  assert.ok(!lines.some(l => l.startsWith('error:')), lines.join('\n'));
});

test.run();

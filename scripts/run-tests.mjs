// The `npm test` wrapper (after the build): runs every dist/test/**/*.test.js with uvu in its own child
// process, then the spec runner over the 2.0 suite checked against spec-tests/expectations.json, and
// prints last exactly one line `N passed, N failed`. Exits non-zero on any failure or when no test ran.
// Environment: WASMLET_SPEC_DIR (default ../shared/spec-testsuite-2.0), WASMLET_TEST_SPEC=0 to leave
// the spec suite out (local use only), WASMLET_TEST_TIMEOUT (seconds per unit-test file, default 600).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** uvu's closing summary in a test file's output: { total, passed, skipped } or null. */
export function parseUvuSummary(output) {
  const text = output.replace(/\x1b\[[0-9;]*m/g, '');
  const last = (re) => { let v = null; for (const m of text.matchAll(re)) v = Number(m[1]); return v; };
  const total = last(/^\s*Total:\s+(\d+)/gm);
  const passed = last(/^\s*Passed:\s+(\d+)/gm);
  const skipped = last(/^\s*Skipped:\s+(\d+)/gm);
  if (total === null || passed === null) return null;
  return { total, passed, skipped: skipped ?? 0 };
}

/**
 * Passed and failed counts of one test file (`file` names it in the note) from its output and exit.
 * uvu's Total counts the tests that ran, so failed = total - passed. A skipped test (test.skip, or a
 * test left out by test.only: uvu's Skipped counts both) is a failure too: a case skipped and called
 * done is a defect here, so every skip counts as one failed test, with a note naming the file. A
 * crash or a non-zero exit with no failing test counts as one failure.
 */
export function unitCounts(output, exitCode, signal, file = 'this file') {
  const s = parseUvuSummary(output);
  if (!s) return { passed: 0, failed: 1, skipped: 0, note: signal ? `killed (${signal})` : `no uvu summary (exit ${exitCode})` };
  let failed = Math.max(0, s.total - s.passed);
  const notes = [];
  if ((exitCode !== 0 || signal) && failed === 0) { failed = 1; notes.push(signal ? `killed (${signal})` : `exit code ${exitCode}`); }
  if (s.skipped > 0) {
    failed += s.skipped;
    notes.push(`${s.skipped} skipped test${s.skipped > 1 ? 's' : ''} in ${file} counted as failed (test.skip or test.only)`);
  }
  return { passed: s.passed, failed, skipped: s.skipped, note: notes.join('; ') };
}

function listTests(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTests(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

/** Run `node args…`; resolves { code, signal, output }. Output is captured, or passed through when inherit. */
function runNode(args, { timeoutMs = 0, inherit = false, env = process.env } = {}) {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    if (!inherit) {
      child.stdout.on('data', (d) => { output += d; });
      child.stderr.on('data', (d) => { output += d; });
    }
    const timer = timeoutMs > 0 ? setTimeout(() => { output += `\n(timed out after ${timeoutMs / 1000} s)\n`; child.kill('SIGKILL'); }, timeoutMs) : null;
    child.on('error', (e) => { output += `\n${e.message}\n`; });
    child.on('close', (code, signal) => { if (timer) clearTimeout(timer); done({ code, signal, output }); });
  });
}

/** Compiled tests whose source still exists (a stale dist/ may hold tests deleted since). */
function currentTests() {
  return listTests(join(dist, 'test')).filter((f) => {
    const src = join(root, relative(dist, f)).replace(/\.js$/, '');
    return ['.ts', '.mts', '.js', '.mjs'].some((ext) => existsSync(src + ext));
  });
}

async function unitTests() {
  const files = currentTests();
  const timeoutMs = (Number(process.env.WASMLET_TEST_TIMEOUT) || 600) * 1000;
  const results = new Array(files.length);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const i = next++;
      const r = await runNode([files[i]], { timeoutMs });
      const file = relative(root, files[i]).split(sep).join('/');
      results[i] = { file, ...unitCounts(r.output, r.code, r.signal, file), output: r.output };
    }
  };
  await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, lane));
  let passed = 0, failed = 0;
  for (const r of results) {
    passed += r.passed; failed += r.failed;
    console.log(`${r.file}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? ` (${r.note})` : ''}`);
    if (r.failed) console.log(r.output.replace(/^/gm, '    '));
  }
  const skipping = results.filter((r) => r.skipped > 0);
  if (skipping.length > 0) {
    console.log(`skipped tests count as failures: ${skipping.map((r) => `${r.file} (${r.skipped})`).join(', ')}`);
  }
  console.log(`unit tests: ${passed} passed, ${failed} failed in ${files.length} files`);
  return { passed, failed, files: files.length };
}

/** The suites npm test runs: the 2.0 suite (the issue's gate) and the newest suite (3.0 and
 * proposals), each checked both ways against its own expectations file. */
function specSuites() {
  return [
    { dir: process.env.WASMLET_SPEC_DIR || resolve(root, '../shared/spec-testsuite-2.0'), expectations: 'expectations.json' },
    { dir: process.env.WASMLET_SPEC_NEWEST_DIR || resolve(root, '../shared/spec-testsuite'), expectations: 'expectations-newest.json' },
  ];
}

async function specTests() {
  let passed = 0, failed = 0;
  for (const s of specSuites()) {
    const r = await specSuite(s.dir, join(root, 'spec-tests', s.expectations));
    passed += r.passed; failed += r.failed;
  }
  return { passed, failed };
}

async function specSuite(suite, expectationsPath) {
  const tmp = mkdtempSync(join(tmpdir(), 'wasmlet-spec-'));
  const json = join(tmp, 'spec.json');
  try {
    console.log(`\nspec suite: ${suite}`);
    const r = await runNode([join(dist, 'spec-tests', 'cli.js'), suite, '--check-expectations', '--expectations', expectationsPath, '--json', json], { inherit: true });
    if (!existsSync(json)) {
      console.log(`spec runner failed (exit ${r.code ?? r.signal}) without results`);
      return { passed: 0, failed: 1 };
    }
    const results = JSON.parse(readFileSync(json, 'utf8'));
    const exp = await import(pathToFileURL(join(dist, 'spec-tests', 'expectations.js')).href);
    const listed = exp.readExpectations(expectationsPath);
    const check = exp.checkExpectations(results, listed.files, true);
    let failed = check.failed;
    if (r.code !== 0 && failed === 0) {
      console.log(`spec runner exited with ${r.code ?? r.signal} although the expectations hold`);
      failed = 1;
    }
    console.log(`spec (counted against expectations): ${check.passed} passed, ${failed} failed; expected: ${check.expectedFailed} failures, ${check.expectedSkipped} skips`);
    return { passed: check.passed, failed };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const unit = await unitTests();
  const spec = process.env.WASMLET_TEST_SPEC === '0'
    ? (console.log('spec suite left out (WASMLET_TEST_SPEC=0)'), { passed: 0, failed: 0 })
    : await specTests();
  const passed = unit.passed + spec.passed;
  let failed = unit.failed + spec.failed;
  if (unit.files === 0 || unit.passed + unit.failed === 0) { console.log('no unit tests ran'); failed += 1; }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  main().catch((e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exitCode = 1;
  });
}

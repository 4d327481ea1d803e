// Tests for the spec runner's pure parts: NaN patterns, value comparison, quote-module wrapping,
// argument parsing, expectation checks and updates, feature groups, report lines, and the helpers of
// scripts/run-tests.mjs and scripts/check-deps.mjs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import {
  ExternRefs, isArithmeticNan32, isArithmeticNan64, isCanonicalNan32, isCanonicalNan64, matches, toRaw,
  unsupportedValue, describeExpected, describeRaw,
} from '../spec-tests/values.js';
import { quoteToModuleText, usesSimd } from '../spec-tests/source.js';
import { parseArgs } from '../spec-tests/args.js';
import { checkExpectations, fullyPasses, newReason, updateExpectations } from '../spec-tests/expectations.js';
import { groupOf, groupTotals } from '../spec-tests/groups.js';
import { formatFile } from '../spec-tests/report.js';
import { abandon, addOutcome, type FileResult } from '../spec-tests/results.js';

const here = dirname(fileURLToPath(import.meta.url));
/** scripts/ of the repository: above this file (dist/test/), else under the working directory. */
const scripts = [resolve(here, '..', '..', 'scripts'), resolve('scripts')].find((d) => existsSync(join(d, 'run-tests.mjs')))
  ?? resolve('scripts');
const importScript = (name: string) => import(pathToFileURL(join(scripts, name)).href);

// ---- NaN patterns ----

test('f32 canonical NaN: exactly the quiet bit, either sign', () => {
  assert.ok(isCanonicalNan32(0x7fc00000));
  assert.ok(isCanonicalNan32(0xffc00000));
  assert.not.ok(isCanonicalNan32(0x7fc00001));
  assert.not.ok(isCanonicalNan32(0x7fa00000));
  assert.not.ok(isCanonicalNan32(0x7f800000)); // +inf
  assert.not.ok(isCanonicalNan32(0x3f800000));
});

test('f32 arithmetic NaN: quiet bit set, any payload', () => {
  assert.ok(isArithmeticNan32(0x7fc00000));
  assert.ok(isArithmeticNan32(0xffc00000));
  assert.ok(isArithmeticNan32(0x7fffffff));
  assert.ok(isArithmeticNan32(0xffc00001));
  assert.not.ok(isArithmeticNan32(0x7fa00000)); // signalling
  assert.not.ok(isArithmeticNan32(0x7f800001));
  assert.not.ok(isArithmeticNan32(0x7f800000));
  assert.not.ok(isArithmeticNan32(0));
});

test('f64 canonical and arithmetic NaN', () => {
  assert.ok(isCanonicalNan64(0x7ff8000000000000n));
  assert.ok(isCanonicalNan64(0xfff8000000000000n));
  assert.ok(isCanonicalNan64(-0x0008000000000000n)); // 0xfff8… as a signed bigint
  assert.not.ok(isCanonicalNan64(0x7ff8000000000001n));
  assert.not.ok(isCanonicalNan64(0x7ff0000000000000n));
  assert.ok(isArithmeticNan64(0x7ff8000000000001n));
  assert.ok(isArithmeticNan64(0xffffffffffffffffn));
  assert.not.ok(isArithmeticNan64(0x7ff4000000000000n));
  assert.not.ok(isArithmeticNan64(0x7ff0000000000000n));
  assert.not.ok(isArithmeticNan64(0x3ff0000000000000n));
});

// ---- value comparison ----

test('integers compare by value, floats by bits', () => {
  const x = new ExternRefs();
  assert.ok(matches(-1, { type: 'i32', value: -1 }, x));
  assert.ok(matches(0xffffffff, { type: 'i32', value: -1 }, x));
  assert.not.ok(matches(1n, { type: 'i32', value: 1 }, x));
  assert.ok(matches(-1n, { type: 'i64', value: -1n }, x));
  assert.ok(matches(0xffffffffffffffffn, { type: 'i64', value: -1n }, x));
  assert.not.ok(matches(1, { type: 'i64', value: 1n }, x));
  assert.ok(matches(0x80000000, { type: 'f32', bits: 0x80000000 }, x));
  assert.not.ok(matches(0, { type: 'f32', bits: 0x80000000 }, x)); // -0 is not +0
  assert.ok(matches(0x7fa00000, { type: 'f32', bits: 0x7fa00000 }, x)); // payload kept
  assert.not.ok(matches(0x7fc00000, { type: 'f32', bits: 0x7fa00000 }, x));
  assert.not.ok(matches(1.5, { type: 'f32', bits: 1 }, x));
  assert.ok(matches(0x8000000000000000n, { type: 'f64', bits: 0x8000000000000000n }, x));
  assert.not.ok(matches(0n, { type: 'f64', bits: 0x8000000000000000n }, x));
  assert.not.ok(matches(0, { type: 'f64', bits: 0n }, x));
});

test('NaN patterns in expected results', () => {
  const x = new ExternRefs();
  assert.ok(matches(0xffc00000, { type: 'f32', nan: 'canonical' }, x));
  assert.not.ok(matches(0x7fc00001, { type: 'f32', nan: 'canonical' }, x));
  assert.ok(matches(0x7fc00001, { type: 'f32', nan: 'arithmetic' }, x));
  assert.ok(matches(0x7ff8000000000000n, { type: 'f64', nan: 'canonical' }, x));
  assert.ok(matches(0x7ffc000000000000n, { type: 'f64', nan: 'arithmetic' }, x));
  assert.not.ok(matches(0x7ff4000000000000n, { type: 'f64', nan: 'arithmetic' }, x));
});

test('references: null, extern N, any non-null func', () => {
  const x = new ExternRefs();
  assert.ok(matches(null, { type: 'ref.null', kind: 'func' }, x));
  assert.not.ok(matches(undefined, { type: 'ref.null', kind: 'extern' }, x));
  assert.not.ok(matches({}, { type: 'ref.null', kind: 'extern' }, x));
  const e1 = toRaw({ type: 'ref.extern', value: 1 }, x);
  assert.is(e1, toRaw({ type: 'ref.extern', value: 1 }, x), 'stable object per N');
  assert.is.not(e1, toRaw({ type: 'ref.extern', value: 2 }, x));
  assert.ok(matches(e1, { type: 'ref.extern', value: 1 }, x));
  assert.not.ok(matches(e1, { type: 'ref.extern', value: 2 }, x));
  assert.not.ok(matches(null, { type: 'ref.extern', value: 1 }, x));
  const isFunc = (v: unknown) => v instanceof Map;
  assert.ok(matches(new Map(), { type: 'ref.any-of', kind: 'func' }, x, isFunc));
  assert.not.ok(matches({}, { type: 'ref.any-of', kind: 'func' }, x, isFunc));
  assert.not.ok(matches(null, { type: 'ref.any-of', kind: 'func' }, x, isFunc));
  assert.ok(matches(e1, { type: 'ref.any-of', kind: 'extern' }, x));
  assert.is(describeRaw(e1, undefined, x), 'ref.extern 1');
});

test('either matches any option', () => {
  const x = new ExternRefs();
  const e = { type: 'either' as const, options: [{ type: 'i32' as const, value: 1 }, { type: 'i32' as const, value: 2 }] };
  assert.ok(matches(2, e, x));
  assert.not.ok(matches(3, e, x));
  assert.is(describeExpected(e), 'either(i32:1 | i32:2)');
});

test('v128 lanes compare per lane, integer lanes modulo their width', () => {
  const x = new ExternRefs();
  const b = new Uint8Array(16).fill(0xff);
  assert.ok(matches(b, { type: 'v128-lanes', shape: 'i8x16', lanes: Array(16).fill({ type: 'i32', value: -1 }) }, x));
  assert.ok(matches(b, { type: 'v128-lanes', shape: 'i16x8', lanes: Array(8).fill({ type: 'i32', value: 0xffff }) }, x));
  assert.ok(matches(b, { type: 'v128-lanes', shape: 'f32x4', lanes: Array(4).fill({ type: 'f32', nan: 'arithmetic' }) }, x));
  assert.not.ok(matches(b, { type: 'v128-lanes', shape: 'f32x4', lanes: Array(4).fill({ type: 'f32', nan: 'canonical' }) }, x));
  assert.ok(matches(b, { type: 'v128', bytes: new Uint8Array(16).fill(0xff) }, x));
  assert.not.ok(matches(new Uint8Array(16), { type: 'v128', bytes: b }, x));
});

test('raw arguments', () => {
  const x = new ExternRefs();
  assert.is(toRaw({ type: 'i32', value: -5 }, x), -5);
  assert.is(toRaw({ type: 'i64', value: 0xffffffffffffffffn }, x), -1n);
  assert.is(toRaw({ type: 'f32', bits: 0xffc00000 }, x), 0xffc00000);
  assert.is(toRaw({ type: 'f64', bits: -1n }, x), 0xffffffffffffffffn);
  assert.is(toRaw({ type: 'ref.null', kind: 'extern' }, x), null);
});

test('unsupported values name a reason', () => {
  assert.is(unsupportedValue({ type: 'i32', value: 1 }, false), null);
  assert.ok(unsupportedValue({ type: 'v128', bytes: new Uint8Array(16) }, false)?.includes('SIMD'));
  assert.is(unsupportedValue({ type: 'v128', bytes: new Uint8Array(16) }, true), null);
  assert.ok(unsupportedValue({ type: 'ref.null', kind: 'any' }, true));
  assert.is(unsupportedValue({ type: 'ref.null', kind: 'extern' }, false), null);
});

// ---- module sources ----

test('quote texts: fields are wrapped, whole modules are not', () => {
  assert.is(quoteToModuleText('(memory 1)'), '(module (memory 1)\n)');
  assert.is(quoteToModuleText(' (module (memory 0))'), ' (module (memory 0))');
  assert.is(quoteToModuleText(';; c\n(; block (; nested ;) ;) (module $m)'), ';; c\n(; block (; nested ;) ;) (module $m)');
  assert.is(quoteToModuleText('(module)'), '(module)');
  assert.is(quoteToModuleText(''), '(module \n)');
  assert.ok(quoteToModuleText('(modulex)').startsWith('(module (modulex)'));
});

test('SIMD detection by module text', () => {
  assert.ok(usesSimd({ kind: 'text', text: '(module (func (result v128) (v128.const i32x4 0 0 0 0)))' }));
  assert.ok(usesSimd({ kind: 'quote', text: '(func (drop (f32x4.splat (f32.const 0))))' }));
  assert.not.ok(usesSimd({ kind: 'text', text: '(module (func $v128x (call $i8x16_fn)))' }));
  assert.ok(usesSimd({ kind: 'binary', bytes: new Uint8Array([0x60, 0x00, 0x01, 0x7b]) }));
  assert.not.ok(usesSimd({ kind: 'binary', bytes: new Uint8Array([0x00, 0x61, 0x73, 0x6d]) }));
});

// ---- arguments ----

test('options before or after paths', () => {
  const a = parseArgs(['--json', 'out.json', 'a.wast', '--verbose', 'dir', '--timeout=5', '--jobs', '0']);
  assert.equal(a.paths, ['a.wast', 'dir']);
  assert.is(a.json, 'out.json');
  assert.ok(a.verbose);
  assert.is(a.timeoutS, 5);
  assert.is(a.jobs, 0);
  const b = parseArgs(['--update-expectations'], { WASMLET_SPEC_TIMEOUT: '7' });
  assert.ok(b.update);
  assert.is(b.timeoutS, 7);
  assert.equal(b.paths, []);
  assert.throws(() => parseArgs(['--bogus']));
  assert.throws(() => parseArgs(['--json']));
  assert.throws(() => parseArgs(['--timeout', '0']));
});

// ---- expectations ----

const ok = { passed: 10, failed: 0, skipped: 0 };
const bad = { passed: 8, failed: 2, skipped: 0 };
const skips = { passed: 8, failed: 0, skipped: 2 };

test('expectations: clean run', () => {
  const r = checkExpectations({ 'a.wast': ok, 'simd_x.wast': bad }, { 'simd_x.wast': 'SIMD: own issue' }, true);
  assert.equal(r.violations, []);
  assert.is(r.passed, 18);
  assert.is(r.failed, 0);
  assert.is(r.expectedFailed, 2);
});

test('expectations: an unlisted file with failures or skips fails', () => {
  const r = checkExpectations({ 'a.wast': bad, 'b.wast': skips, 'c.wast': ok }, {}, true);
  assert.equal(r.violations.map((v) => [v.file, v.kind]), [['a.wast', 'unlisted-fails'], ['b.wast', 'unlisted-fails']]);
  assert.is(r.failed, 4);
  assert.is(r.passed, 26);
});

test('expectations: a listed file that passes fails the run', () => {
  const r = checkExpectations({ 'a.wast': ok }, { 'a.wast': 'was broken' }, true);
  assert.is(r.violations.length, 1);
  assert.is(r.violations[0].kind, 'listed-passes');
  assert.ok(r.violations[0].message.includes('now passes: remove from expectations'));
  assert.is(r.failed, 1);
});

test('expectations: stale entries only count on a complete run', () => {
  assert.is(checkExpectations({ 'a.wast': ok }, { 'gone.wast': 'x' }, true).violations[0].kind, 'stale');
  assert.equal(checkExpectations({ 'a.wast': ok }, { 'gone.wast': 'x' }, false).violations, []);
});

test('expectations: update keeps reasons, adds and drops entries', () => {
  const next = updateExpectations(
    { 'a.wast': ok, 'b.wast': bad, 'c.wast': skips, 'd.wast': bad },
    { 'a.wast': 'old', 'b.wast': 'keep me', 'zz.wast': 'not run' },
    false, (f) => (f === 'd.wast' ? 'line 3: boom' : 'line 9: why'));
  assert.equal(next, {
    'b.wast': 'keep me',
    'c.wast': 'skips: 2 of 10; line 9: why',
    'd.wast': 'fails: 2 of 10; line 3: boom',
    'zz.wast': 'not run',
  });
  assert.equal(Object.keys(updateExpectations({}, { 'zz.wast': 'x' }, true, () => '')), []);
  assert.is(newReason(bad, ''), 'fails: 2 of 10');
  assert.ok(fullyPasses(ok));
  assert.not.ok(fullyPasses(skips));
});

// ---- groups ----

test('feature groups from GROUPS.json, folders, or the 2.0 rule', () => {
  const g = { 'a.wast': '2.0:core', 'b.wast': '3.0:gc' };
  assert.is(groupOf('a.wast', g), '2.0:core');
  assert.is(groupOf('proposals/threads/atomic.wast', g), 'proposals/threads');
  assert.is(groupOf('legacy/throw.wast', g), 'legacy');
  assert.is(groupOf('new.wast', g), 'other');
  assert.is(groupOf('simd_lane.wast', null), '2.0:simd');
  assert.is(groupOf('i32.wast', null), '2.0:core');
  const t = groupTotals([{ key: 'a.wast', ...ok }, { key: 'b.wast', ...bad }, { key: 'c.wast', ...skips }], g);
  assert.equal(t.map((x) => [x.group, x.passed, x.failed, x.skipped, x.filesPassing, x.files]),
    [['2.0:core', 10, 0, 0, 1, 1], ['3.0:gc', 8, 2, 0, 0, 1], ['other', 8, 0, 2, 0, 1]]);
});

// ---- results and report lines ----

function result(key: string): FileResult {
  return { key, path: key, passed: 0, failed: 0, skipped: 0, failures: [], skips: [], ms: 0 };
}

test('outcomes and abandoned files are counted', () => {
  const r = result('x.wast');
  addOutcome(r, { status: 'passed', line: 1 });
  addOutcome(r, { status: 'failed', line: 2, message: 'bad' });
  addOutcome(r, { status: 'skipped', line: 3, message: 'v128' });
  assert.equal([r.passed, r.failed, r.skipped], [1, 1, 1]);
  abandon(r, [1, 2, 3, 4, 5, 6], 3, 'timed out: no result within 1 s');
  assert.is(r.failed, 4, 'the hung command and the two after it');
  assert.is(r.failures[1].line, 4);
  const lines = formatFile(r, { verbose: false, listedReason: null });
  assert.is(lines[0], 'x.wast: 1 passed, 4 failed, 1 skipped');
  assert.ok(lines.some((l) => l.includes('line 2: bad')));
  assert.ok(lines.some((l) => l.includes('skipped 1 (first at line 3): v128')));
  const listed = formatFile(r, { verbose: false, listedReason: 'SIMD: own issue' });
  assert.ok(listed.includes('  (expected: SIMD: own issue)'));
  assert.not.ok(listed.some((l) => l.includes('line 2: bad')), 'no failure details for listed files');
});

test('skip reasons are grouped', () => {
  const r = result('s.wast');
  for (let i = 0; i < 5; i++) addOutcome(r, { status: 'skipped', line: 10 + i, message: `module at line ${i} was skipped: SIMD` });
  const lines = formatFile(r, { verbose: false, listedReason: null });
  assert.equal(lines.slice(1), ['  skipped 5 (first at line 10): module at line … was skipped: SIMD']);
});

// ---- scripts ----

test('run-tests: uvu summaries and failure counts', async () => {
  const m = await importScript('run-tests.mjs');
  const out = '• • ✘ (2 / 3)\n\n  Total:     3\n\x1b[31m  Passed:    2\x1b[39m\n  Skipped:   1\n  Duration:  1ms\n';
  assert.equal(m.parseUvuSummary(out), { total: 3, passed: 2, skipped: 1 });
  assert.equal(m.unitCounts(out, 1, null, 'dist/test/x.test.js'), {
    passed: 2, failed: 2, skipped: 1,
    note: '1 skipped test in dist/test/x.test.js counted as failed (test.skip or test.only)',
  }, 'one failing and one skipped test');
  assert.is(m.unitCounts('crash', 1, null).failed, 1);
  const clean = '  Total:     4\n  Passed:    4\n  Skipped:   0\n';
  assert.is(m.unitCounts(clean, 0, null).failed, 0);
  assert.is(m.unitCounts(clean, 1, null).failed, 1, 'non-zero exit counts');
  assert.is(m.unitCounts(clean, null, 'SIGKILL').failed, 1);
});

test('run-tests: a skipped test is a failure, named by file', async () => {
  const m = await importScript('run-tests.mjs');
  // Everything that ran passed and uvu exited 0, but two tests were skipped.
  const skipped = '• • •  (3 / 3)\n\n  Total:     3\n\x1b[32m  Passed:    3\x1b[39m\n  Skipped:   \x1b[33m2\x1b[39m\n  Duration:  1ms\n';
  const r = m.unitCounts(skipped, 0, null, 'dist/test/a.test.js');
  assert.is(r.passed, 3);
  assert.is(r.failed, 2);
  assert.is(r.skipped, 2);
  assert.match(r.note, /2 skipped tests in dist\/test\/a\.test\.js counted as failed/);
  // A non-zero exit with no failing test is still one more failure besides the skips.
  const crashed = m.unitCounts(skipped, 1, null, 'dist/test/a.test.js');
  assert.is(crashed.failed, 3);
  assert.match(crashed.note, /^exit code 1; 2 skipped tests in dist\/test\/a\.test\.js/);
  // No skips: no note, no extra failures.
  assert.equal(m.unitCounts('  Total:     3\n  Passed:    3\n  Skipped:   0\n', 0, null, 'x'), { passed: 3, failed: 0, skipped: 0, note: '' });
});

test('run-tests: real uvu output with test.skip and test.only counts the skips as failures', async () => {
  const m = await importScript('run-tests.mjs');
  const uvu = import.meta.resolve('uvu');
  const run = (body: string) => spawnSync(process.execPath, ['--input-type=module', '-e',
    `import { test } from ${JSON.stringify(uvu)};\n${body}\ntest.run();`], { encoding: 'utf8' });
  const withSkip = run("test('a', () => {}); test.skip('b', () => {}); test('c', () => {});");
  assert.is(withSkip.status, 0, 'uvu itself exits 0 with a skipped test');
  const a = m.unitCounts(withSkip.stdout + withSkip.stderr, withSkip.status, withSkip.signal, 'dist/test/skip.test.js');
  assert.equal([a.passed, a.failed, a.skipped], [2, 1, 1]);
  assert.match(a.note, /1 skipped test in dist\/test\/skip\.test\.js/);
  const withOnly = run("test('a', () => {}); test.only('b', () => {}); test('c', () => {});");
  const b = m.unitCounts(withOnly.stdout + withOnly.stderr, withOnly.status, withOnly.signal, 'dist/test/only.test.js');
  assert.equal([b.passed, b.failed, b.skipped], [1, 2, 2], 'the two tests test.only left out are failures');
});

test('check-deps: wrong-way imports', async () => {
  const m = await importScript('check-deps.mjs');
  assert.is(m.violation('spec-tests/cli.ts', 'interpreter/index'), null);
  assert.ok(m.violation('spec-tests/cli.ts', 'interpreter/binary/decode'));
  assert.ok(m.violation('spec-tests/cli.ts', 'src/index'));
  assert.ok(m.violation('spec-tests/cli.ts', 'syscalls/fd'));
  assert.ok(m.violation('interpreter/exec/run.ts', 'src/index'));
  assert.ok(m.violation('interpreter/exec/run.ts', 'syscalls/fd'));
  assert.is(m.violation('interpreter/exec/run.ts', 'interpreter/types'), null);
  assert.ok(m.violation('syscalls/fd.ts', 'src/index'));
  assert.ok(m.violation('src/index.ts', 'interpreter/types'));
  assert.is(m.violation('src/index.ts', 'syscalls/fd'), null);
  assert.is(m.violation('test/x.test.ts', 'interpreter/types'), null);
  const found = m.importsOf("import {\n a,\n} from '../x.js';\n// import b from '../no.js'\nexport * from './y.js';\nawait import('./z.js');\nconst s = 'http://q';\n");
  assert.equal(found.map((f: { spec: string }) => f.spec).sort(), ['../x.js', './y.js', './z.js']);
});

test.run();

// End-to-end tests of the spec runner's script execution against the engine: every assertion form
// passes when right and fails when wrong (so the runner can never pass a suite by accident), skips
// carry reasons, and the spectest module and the registry behave as the suite expects.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runScript, supportsSimd } from '../spec-tests/script.js';
import type { Outcome } from '../spec-tests/results.js';

/** Run a script and return the status of each command by line. */
function run(text: string, simd = false): Map<number, Outcome> {
  return new Map(runScript(text, { simd }).map((o) => [o.line, o]));
}

function expectStatuses(text: string, want: Record<number, Outcome['status']>): Map<number, Outcome> {
  const got = run(text);
  for (const [line, status] of Object.entries(want)) {
    const o = got.get(Number(line));
    assert.ok(o, `no command at line ${line}`);
    assert.is(o!.status, status, `line ${line}: ${o!.message ?? ''}`);
  }
  return got;
}

const MODULE = `(module $m
  (func (export "one") (result i32) (i32.const 1))
  (func (export "nan") (result f32) (f32.const nan:0x400001))
  (func (export "cnan") (result f64) (f64.const nan))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
  (func $rec (export "rec") (call $rec))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "fr") (result funcref) (ref.func $rec))
  (func (export "nul") (result funcref) (ref.null func))
  (global (export "g") i64 (i64.const -7)))
`; // 10 lines: commands below start at line 11

test('assert_return: values, NaN patterns, references, either, get', () => {
  expectStatuses(MODULE + `(assert_return (invoke "one") (i32.const 1))
(assert_return (invoke "one") (i32.const 2))
(assert_return (invoke "one") (f32.const 1))
(assert_return (invoke "nan") (f32.const nan:arithmetic))
(assert_return (invoke "nan") (f32.const nan:canonical))
(assert_return (invoke "cnan") (f64.const nan:canonical))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 2))
(assert_return (invoke "id" (ref.null extern)) (ref.null extern))
(assert_return (invoke "fr") (ref.func))
(assert_return (invoke "nul") (ref.func))
(assert_return (invoke "nul") (ref.null func))
(assert_return (get "g") (i64.const -7))
(assert_return (get $m "g") (i64.const 7))
(assert_return (invoke $m "one") (either (i32.const 3) (i32.const 1)))
(assert_return (invoke $m "one") (either (i32.const 3) (i32.const 4)))
(assert_return (invoke "missing"))
`, {
    11: 'passed', 12: 'failed', 13: 'failed', 14: 'passed', 15: 'failed', 16: 'passed', 17: 'passed', 18: 'failed',
    19: 'passed', 20: 'passed', 21: 'failed', 22: 'passed', 23: 'passed', 24: 'failed', 25: 'passed', 26: 'failed', 27: 'failed',
  });
});

test('assert_trap and assert_exhaustion check the message prefix', () => {
  const got = expectStatuses(MODULE + `(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 0)) "integer divide")
(assert_trap (invoke "div" (i32.const 0)) "integer overflow")
(assert_trap (invoke "div" (i32.const 1)) "integer divide by zero")
(assert_exhaustion (invoke "rec") "call stack exhausted")
(assert_exhaustion (invoke "one") "call stack exhausted")
`, { 11: 'passed', 12: 'passed', 13: 'failed', 14: 'failed', 15: 'passed', 16: 'failed' });
  const m = got.get(13)!.message!;
  assert.ok(m.includes('integer overflow') && m.includes('integer divide by zero'), 'both messages printed');
});

test('assert_invalid and assert_malformed need the right phase and message', () => {
  const got = expectStatuses(`(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_invalid (module (func (result i32) (i64.const 0))) "unknown local")
(assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
(assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
(assert_malformed (module quote "(func (i32.bogus))") "unexpected token")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module binary "\\00asm\\01\\00\\00\\00") "unknown binary version")
(assert_invalid (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module quote "(memory 1)" "(memory 1)") "multiple memories")
(assert_invalid (module quote "(memory 1)" "(memory 1)") "multiple memories")
`, { 1: 'passed', 2: 'failed', 3: 'failed', 4: 'passed', 5: 'failed', 6: 'passed', 7: 'failed', 8: 'failed', 9: 'failed', 10: 'passed' });
  assert.ok(got.get(2)!.message!.includes('wrong message'));
  assert.ok(got.get(8)!.message!.includes('malformed'));
});

test('assert_unlinkable and instantiation traps', () => {
  expectStatuses(`(assert_unlinkable (module (import "spectest" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "print_i32" (func))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "table" (table 10 15 funcref))) "incompatible import type")
(assert_trap (module (memory 0) (data (i32.const 1) "a")) "out of bounds memory access")
(assert_trap (module (memory 1) (data (i32.const 1) "a")) "out of bounds memory access")
(assert_trap (module (func $t unreachable) (start $t)) "unreachable")
`, { 1: 'passed', 2: 'passed', 3: 'failed', 4: 'passed', 5: 'passed', 6: 'failed', 7: 'passed' });
});

test('spectest values, register, and modules that did not load', () => {
  const got = expectStatuses(`(module $n
  (import "spectest" "global_i32" (global $g i32)) (import "spectest" "global_f32" (global $f f32))
  (import "spectest" "global_f64" (global $d f64)) (import "spectest" "global_i64" (global $l i64))
  (import "spectest" "table" (table 10 20 funcref)) (import "spectest" "memory" (memory 1 2))
  (import "spectest" "print_i32_f32" (func (param i32 f32)))
  (func (export "g") (result i32) (global.get $g)) (func (export "f") (result f32) (global.get $f))
  (func (export "d") (result f64) (global.get $d)) (func (export "l") (result i64) (global.get $l)))
(assert_return (invoke "g") (i32.const 666))
(assert_return (invoke "f") (f32.const 666.6))
(assert_return (invoke "d") (f64.const 666.6))
(assert_return (invoke "l") (i64.const 666))
(register "n" $n)
(module (import "n" "g" (func (result i32))))
(assert_unlinkable (module (import "n" "zz" (func))) "unknown import")
(module $bad (func (result i32) (i64.const 0)))
(assert_return (invoke "x") (i32.const 0))
(register "bad" $bad)
(module (import "bad" "x" (func)))
`, { 1: 'passed', 8: 'passed', 9: 'passed', 10: 'passed', 11: 'passed', 12: 'passed', 13: 'passed', 14: 'passed', 15: 'failed', 16: 'failed', 17: 'failed', 18: 'failed' });
  assert.ok(got.get(16)!.message!.includes('line 15'), 'points at the module that did not load');
});

test('v128 commands are skipped with a reason when SIMD is not supported', () => {
  if (supportsSimd()) return; // nothing to skip once the engine has SIMD
  const got = expectStatuses(`(module (func (export "v") (param v128) (result v128) (local.get 0)))
(assert_return (invoke "v" (v128.const i32x4 0 0 0 0)) (v128.const i32x4 0 0 0 0))
(module (func (export "one") (result i32) (i32.const 1)))
(assert_return (invoke "one") (i32.const 1))
`, { 2: 'skipped', 3: 'passed', 4: 'passed' });
  // The module itself may load (v128 in a signature needs no SIMD instruction) or be skipped.
  assert.ok(got.get(1)!.status !== 'failed');
  assert.ok(got.get(2)!.message!.includes('SIMD'));
  const ops = run(`(module (func (export "s") (result v128) (v128.const i32x4 1 2 3 4)))
(assert_return (invoke "s") (v128.const i32x4 1 2 3 4))
`);
  assert.is(ops.get(1)!.status, 'skipped', ops.get(1)!.message);
  assert.ok(ops.get(1)!.message!.includes('SIMD'));
  assert.is(ops.get(2)!.status, 'skipped');
});

test('a script that does not parse is one failure', () => {
  const got = runScript('(module', { simd: false });
  assert.is(got.length, 1);
  assert.is(got[0].status, 'failed');
});

test.run();

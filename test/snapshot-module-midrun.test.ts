// Tests for snapshots taken mid-run by a host call (__faasm_snapshot / __faasm_migrate_point,
// syscalls/faasm/snapshot.ts) and resumed through the continuation the guest names: the midrun C
// fixture resumed on the same module after other work, on a fresh module sharing the registry and
// from a serialised snapshot in another registry gives the same stdout, output data, files and exit
// code as an uninterrupted run; migration ends an invocation and another module finishes it; WAT
// modules check that memory, globals, tables and dropped segments come back as they were at the call,
// and the errors (bad continuation, no continuation, snapshots during initialisation).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { WasmModule, TRAP_EXIT_CODE, MIGRATED_EXIT_CODE } from '../src/module/wasm-module.js';
import { createMessage, type Message } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import { decodeContinuation, encodeContinuation, continuationOf, type Continuation } from '../src/module/continuation.js';
import { ByteReader, ByteWriter, RecordFormatError } from '../src/module/byte-codec.js';
import { readFsImage, writeFsImage } from '../src/module/fs-image.js';
import { MemoryBackend } from '../src/fs/index.js';
import { SnapshotRegistry, InMemoryRemoteStore } from '../src/snapshot/index.js';
import { fixture } from './fixtures/locate.js';

const WAT = `(module
  (import "env" "__faasm_snapshot" (func $snap (param i32 i32) (result i32)))
  (import "env" "__faasm_read_input" (func $input (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (table 8 funcref)
  (elem (i32.const 1) $cont $b $c $bad)
  (data $d "passive")
  (func $b (result i32) (i32.const 20))
  (func $c (result i32) (i32.const 30))
  (func $bad (param i64) (result i32) (i32.const 0))
  ;; g * 100 + table[5]() + arg + mem[100] * 1000
  (func $cont (param $a i32) (result i32)
    (i32.add
      (i32.add (i32.mul (global.get $g) (i32.const 100)) (call_indirect (result i32) (i32.const 5)))
      (i32.add (local.get $a) (i32.mul (i32.load (i32.const 100)) (i32.const 1000)))))
  (func (export "_start") (result i32)
    (drop (call $input (i32.const 0) (i32.const 1)))
    (if (i32.eq (i32.load8_u (i32.const 0)) (i32.const 97)) ;; 'a': snapshot, then change everything
      (then
        (global.set $g (i32.const 5))
        (table.set (i32.const 5) (ref.func $b))
        (data.drop $d)
        (i32.store (i32.const 100) (i32.const 77))
        (drop (call $snap (i32.const 1) (i32.const 7)))
        (global.set $g (i32.const 9))
        (table.set (i32.const 5) (ref.func $c))
        (i32.store (i32.const 100) (i32.const 88))
        (return (call $cont (i32.const 7)))))
    (if (i32.eq (i32.load8_u (i32.const 0)) (i32.const 98)) ;; 'b': a continuation of the wrong type
      (then (return (call $snap (i32.const 4) (i32.const 0)))))
    (if (i32.eq (i32.load8_u (i32.const 0)) (i32.const 99)) ;; 'c': outside the table
      (then (return (call $snap (i32.const 100) (i32.const 0)))))
    (if (i32.eq (i32.load8_u (i32.const 0)) (i32.const 100)) ;; 'd': no continuation
      (then (return (call $snap (i32.const 0) (i32.const 0)))))
    ;; otherwise: two snapshots, returns the sum of their numbers (1 + 2)
    (i32.add (call $snap (i32.const 1) (i32.const 1)) (call $snap (i32.const 1) (i32.const 2)))))`;

const store = new MapFunctionStore()
  .set('demo', 'midrun', readFileSync(fixture('midrun.wasm')))
  .set('demo', 'wat', WAT)
  .set('demo', 'zyg', `(module
    (import "env" "__faasm_snapshot" (func $snap (param i32 i32) (result i32)))
    (memory 1)
    (func (export "_faasm_zygote") (result i32) (drop (call $snap (i32.const 0) (i32.const 0))) (i32.const 0))
    (func (export "_start")))`);

function bound(fn: string, opts: ConstructorParameters<typeof WasmModule>[0] = {}): WasmModule {
  const m = new WasmModule({ store, captureStdout: true, dirs: [{ guest: '/data' }], ...opts });
  m.bindToFunction(createMessage('demo', fn));
  return m;
}

const ALL_RIGHTS = (1n << 64n) - 1n;

interface Outcome { code: number; stdout: string; output: string; error: string | null; log: string }

function outcome(m: WasmModule, msg: Message): Outcome {
  let log = '';
  try {
    const fd = m.fs.open(3, 0, 'log.txt', 0, ALL_RIGHTS, ALL_RIGHTS, 0);
    const buf = new Uint8Array(4096);
    const n = m.fs.read(fd, [buf]);
    m.fs.close(fd);
    log = new TextDecoder().decode(buf.subarray(0, n));
  } catch { log = '(no log)'; }
  return { code: msg.returnValue, stdout: msg.stdout, output: new TextDecoder().decode(msg.outputData), error: msg.error, log };
}

function run(m: WasmModule, mode: string, input: string): { msg: Message; out: Outcome } {
  const msg = createMessage('demo', 'midrun', { cmdline: mode, inputData: input });
  m.executeFunction(msg);
  return { msg, out: outcome(m, msg) };
}

function resume(m: WasmModule, key: string): Outcome {
  const msg = createMessage('demo', 'midrun');
  m.resume(msg, key);
  return outcome(m, msg);
}

test('midrun fixture: snapshot mid-run, resume on the same module after other work, on a fresh one', () => {
  const m = bound('midrun');
  const plain = run(m, 'none', 'seed-1').out;
  assert.is(plain.error, null);
  assert.match(plain.stdout, /^seed [0-9a-f]{8}\nstep 7 /);
  assert.match(plain.stdout, /step 39 acc=[0-9a-f]{16} heap=81920\nlog:\nseed [0-9a-f]{8}\nfinished acc=[0-9a-f]{16}\ndone\n$/);
  assert.match(plain.log, /^seed [0-9a-f]{8}\nfinished acc=/);
  m.reset();
  const { msg, out } = run(m, 'snapshot', 'seed-1');
  assert.equal(out, plain, 'taking a snapshot does not disturb the run');
  assert.is(msg.checkpoints!.length, 1);
  const key = msg.checkpoints![0];
  assert.ok(m.snapshots.has(key));
  m.reset(msg);

  // Other work in between: other inputs, other modes.
  const other = run(m, 'snapshot', 'another seed').out;
  assert.is.not(other.output, plain.output);
  m.reset();
  run(m, 'none', 'x');
  m.reset();

  const t0 = performance.now();
  const resumed = resume(m, key);
  const resumeMs = performance.now() - t0;
  assert.equal(resumed, plain, 'resumed on the same module: same stdout, output, log and exit code');
  m.reset();
  assert.equal(resume(m, key), plain, 'and again');

  const fresh = bound('midrun', { snapshots: m.snapshots });
  assert.equal(resume(fresh, key), plain, 'resumed on a fresh module sharing the registry');
  assert.is(fresh.getCurrentBrk(), m.getCurrentBrk(), 'same brk at the end');
  assert.is(fresh.getMemorySizeBytes(), m.getMemorySizeBytes());
  console.log(`  midrun: resume (restore + rest of the run) ${resumeMs.toFixed(1)} ms`);
});

test('midrun fixture: a serialised snapshot resumes in another registry and module', async () => {
  const remote = new InMemoryRemoteStore();
  const a = bound('midrun', { snapshots: new SnapshotRegistry(remote) });
  const { msg, out } = run(a, 'snapshot', 'shipped');
  const key = msg.checkpoints![0];
  await a.snapshots.push(key);
  const otherRegistry = new SnapshotRegistry(remote);
  await otherRegistry.pull(key);
  const b = bound('midrun', { snapshots: otherRegistry });
  assert.equal(resume(b, key), out);
});

test('midrun fixture: migration ends the invocation at the point; another module finishes it', () => {
  const never = bound('midrun');
  const whole = run(never, 'migrate', 'moving').out;
  assert.is(whole.error, null);
  const points: { fn: number; arg: number; count: number }[] = [];
  const a = bound('midrun', { migrate: (p) => { points.push({ fn: p.fn, arg: p.arg, count: p.count }); return true; } });
  const { msg, out } = run(a, 'migrate', 'moving');
  assert.is(out.code, MIGRATED_EXIT_CODE);
  assert.is(msg.returnValue, MIGRATED_EXIT_CODE);
  assert.is(points.length, 1);
  assert.is(points[0].arg, 17);
  assert.is(points[0].count, 1);
  assert.ok(msg.snapshotKey !== undefined && a.snapshots.has(msg.snapshotKey));
  assert.ok(whole.stdout.startsWith(out.stdout) && out.stdout.length < whole.stdout.length);
  assert.match(out.stdout, /step 15 [^\n]*\n$/, 'stopped after step 15');
  assert.is(out.output, '');
  const b = bound('midrun', { snapshots: a.snapshots });
  const next = createMessage('demo', 'midrun', { snapshotKey: msg.snapshotKey });
  b.resume(next);
  assert.equal(outcome(b, next), whole, 'the migrated invocation finishes as if it had not moved');
  // The policy can be changed later; a declining policy lets the run go on.
  a.reset();
  a.setMigrationPolicy(() => false);
  assert.equal(run(a, 'migrate', 'moving').out, whole);
});

test('WAT: resume restores memory, globals, tables and dropped segments as they were at the call', () => {
  const m = bound('wat', { dirs: [] });
  const msg = createMessage('demo', 'wat', { inputData: 'a' });
  assert.is(m.executeFunction(msg), 9 * 100 + 30 + 7 + 88 * 1000, 'the run went on after the snapshot');
  const key = msg.checkpoints![0];
  const c = continuationOf(m.snapshots.get(key))!;
  assert.is(c.fn, 1);
  assert.is(c.arg, 7);
  assert.equal(c.droppedDatas, [0]);
  m.reset();
  assert.ok(m.instance.datas[0] !== null, 'reset brings the segment back (zygote)');
  const r = createMessage('demo', 'wat');
  assert.is(m.resume(r, key), 5 * 100 + 20 + 7 + 77 * 1000, 'continuation saw g=5, table[5]=$b, mem[100]=77');
  assert.is(m.instance.datas[0], null, 'the segment is dropped again');
  const fresh = bound('wat', { dirs: [], snapshots: m.snapshots });
  assert.is(fresh.resume(createMessage('demo', 'wat'), key), 77527);
  assert.is(fresh.instance.datas[0], null);
});

test('WAT: snapshot numbers, bad continuations trap, no continuation cannot resume', () => {
  const m = bound('wat', { dirs: [] });
  const two = createMessage('demo', 'wat', { inputData: 'z' });
  assert.is(m.executeFunction(two), 3, 'numbers 1 and 2');
  assert.is(two.checkpoints!.length, 2);
  assert.is(continuationOf(m.snapshots.get(two.checkpoints![1]))!.index, 2);
  m.reset();
  const bad = createMessage('demo', 'wat', { inputData: 'b' });
  assert.is(m.executeFunction(bad), TRAP_EXIT_CODE);
  assert.match(bad.error!, /__faasm_snapshot: continuation 4 has type .*expected int fn\(int\)/);
  m.reset();
  const outside = createMessage('demo', 'wat', { inputData: 'c' });
  assert.is(m.executeFunction(outside), TRAP_EXIT_CODE);
  assert.match(outside.error!, /function-table index 100 holds no function/);
  m.reset();
  const none = createMessage('demo', 'wat', { inputData: 'd' });
  assert.is(m.executeFunction(none), 1);
  m.reset();
  assert.throws(() => m.resume(createMessage('demo', 'wat'), none.checkpoints![0]), /without a continuation function/);
  assert.throws(() => m.resume(createMessage('demo', 'wat'), m.getZygoteKey()), /has no continuation/);
  assert.throws(() => m.resume(createMessage('demo', 'wat')), /no snapshot key/);
  assert.throws(() => m.resume(createMessage('demo', 'wat'), 'nope'), /no snapshot with key/);
  assert.throws(() => m.resume(createMessage('demo', 'midrun'), two.checkpoints![0]), /bound to demo\/wat/);
  assert.throws(() => bound('zyg', { dirs: [] }), /only during an invocation/);
});

test('continuation records and filesystem images round-trip; damaged records are refused', () => {
  const fs = new MemoryBackend({ now: () => 5n });
  const root = fs.root();
  const file = fs.createFile(root, 'a.txt');
  fs.open(file, false, true).pwrite(new TextEncoder().encode('hello'), 0);
  fs.mkdir(root, 'sub');
  const dir = fs.lookup(root, 'sub')!;
  fs.link(file, dir, 'hard');
  fs.symlink(dir, 'ln', '../a.txt');
  const c: Continuation = {
    fn: 3, arg: -5, index: 2, migrated: true,
    invocation: { args: ['f', 'x y'], env: ['A=1'], input: Uint8Array.of(1, 2), stdinPos: 1, output: Uint8Array.of(9), files: [fs.snapshot()] },
    stdout: new TextEncoder().encode('out'), stderr: new Uint8Array(0),
    bookkeeping: { brk: 65536, knownPages: 2, usedTop: 131072, free: [{ offset: 65536, length: 65536 }], guards: [] },
    droppedDatas: [0, 3], droppedElems: [],
  };
  const bytes = encodeContinuation(c);
  const back = decodeContinuation(bytes);
  assert.equal({ ...back, invocation: { ...back.invocation, files: [] } }, { ...c, invocation: { ...c.invocation, files: [] } });
  const copy = new MemoryBackend();
  copy.restore(back.invocation.files[0]);
  const w1 = new ByteWriter(); writeFsImage(w1, fs.snapshot());
  const w2 = new ByteWriter(); writeFsImage(w2, copy.snapshot());
  assert.equal(w2.finish(), w1.finish(), 'the tree survives byte for byte');
  const img = readFsImage(new ByteReader(w1.finish(), 'image'));
  const a = img.root.entries!.get('a.txt')!, hard = img.root.entries!.get('sub')!.entries!.get('hard')!;
  assert.ok(a === hard, 'hard links stay one inode');
  assert.is(img.root.entries!.get('sub')!.entries!.get('ln')!.target, '../a.txt');
  assert.throws(() => decodeContinuation(bytes.subarray(0, bytes.length - 3)), (e: unknown) => e instanceof RecordFormatError);
  assert.throws(() => decodeContinuation(Uint8Array.of(...bytes, 0)), /trailing bytes/);
  const wrongVersion = bytes.slice(); wrongVersion[6] = 9;
  assert.throws(() => decodeContinuation(wrongVersion), /unknown version 9/);
});

test.run();

// Tests for WasmModule (src/module): binding from a directory function store, invocations with argv,
// env, input and output data, exit codes and traps, stdout/stderr capture, fuel, reactors, and 100
// invocations with reset in between proving nothing leaks (memory bytes, globals, heap, files).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WasmModule, TRAP_EXIT_CODE, FUEL_EXIT_CODE } from '../src/module/wasm-module.js';
import { createMessage, argvForMessage } from '../src/module/message.js';
import { splitCmdline } from '../src/module/cmdline.js';
import { DirectoryFunctionStore, MapFunctionStore, FunctionNotFoundError } from '../src/module/function-store.js';
import { fixture } from './fixtures/locate.js';

const storeDir = mkdtempSync(join(tmpdir(), 'wasmlet-store-'));
for (const [fn, file] of [['counter', 'counter.wasm'], ['exitcode', 'exitcode.wasm'], ['printf', 'printf.wasm'],
  ['io', 'faasm_io.wasm'], ['memapi', 'memapi.wasm'], ['args', 'args.wasm'], ['churn', 'malloc_churn.wasm']]) {
  mkdirSync(join(storeDir, 'demo', fn), { recursive: true });
  copyFileSync(fixture(file), join(storeDir, 'demo', fn, 'function.wasm'));
}
mkdirSync(join(storeDir, 'demo', 'wat'), { recursive: true });
writeFileSync(join(storeDir, 'demo', 'wat', 'function.wat'), `(module
  (global $g (mut i32) (i32.const 0))
  (func (export "_start") (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (if (i32.ne (global.get $g) (i32.const 1)) (then unreachable)))
  (func (export "spin") (loop $l (br $l))))`);
const store = new DirectoryFunctionStore(storeDir);

const call = (m: WasmModule, name: string, ...args: number[]): number => m.invokeExport(name, args)[0] as number;

function bound(fn: string, opts: ConstructorParameters<typeof WasmModule>[0] = {}): WasmModule {
  const m = new WasmModule({ store, captureStdout: true, ...opts });
  m.bindToFunction(createMessage('demo', fn));
  return m;
}

test('cmdline splitting follows the shell', () => {
  assert.equal(splitCmdline(`a "b c" 'd e' f\\ g "q\\"x" ''`), ['a', 'b c', 'd e', 'f g', 'q"x', '']);
  assert.equal(splitCmdline('  '), []);
  assert.equal(argvForMessage(createMessage('u', 'fn', { cmdline: 'x  y' })), ['fn', 'x', 'y']);
  assert.throws(() => splitCmdline('"open'));
});

test('bind: bound user/function, errors for a different function and missing functions', () => {
  const m = new WasmModule({ store });
  assert.not.ok(m.isBound());
  assert.is(m.getBoundUser(), '');
  m.bindToFunction(createMessage('demo', 'counter'));
  assert.ok(m.isBound());
  assert.is(m.getBoundUser(), 'demo');
  assert.is(m.getBoundFunction(), 'counter');
  m.bindToFunction(createMessage('demo', 'counter'));
  assert.throws(() => m.bindToFunction(createMessage('demo', 'printf')), /already bound/);
  assert.throws(() => m.executeFunction(createMessage('demo', 'printf')), /bound to demo\/counter/);
  assert.throws(() => new WasmModule({ store }).bindToFunction(createMessage('demo', 'nope')), /not found/);
  assert.throws(() => new WasmModule({ store }).bindToFunction(createMessage('..', 'x')), /invalid user/);
});

test('bad input to bind, execute and invokeExport: typed errors naming what is wrong', () => {
  const missing = (() => { try { new WasmModule({ store }).bindToFunction(createMessage('demo', 'nope')); } catch (e) { return e; } return null; })();
  assert.instance(missing, FunctionNotFoundError);
  assert.is((missing as FunctionNotFoundError).user, 'demo');
  assert.is((missing as FunctionNotFoundError).fn, 'nope');
  assert.instance((() => { try { new WasmModule({ store: new MapFunctionStore() }).bindToFunction(createMessage('u', 'f')); } catch (e) { return e; } return null; })(), FunctionNotFoundError);
  const typeError = (fn: () => unknown, re: RegExp): void => {
    assert.throws(fn, (e: unknown) => e instanceof TypeError && re.test(e.message), String(re));
  };
  typeError(() => new WasmModule({ store }).bindToFunction(null as never), /bindToFunction: expected a message/);
  typeError(() => new WasmModule({ store }).bindToFunction({} as never), /the message's user must be a string, got undefined/);
  typeError(() => new WasmModule({ store }).bindToFunction({ user: 'demo', function: 7 } as never), /the message's function must be a string, got number/);
  const m = bound('memapi');
  typeError(() => m.executeFunction(null as never), /expected a message/);
  typeError(() => m.executeFunction({ ...createMessage('demo', 'memapi'), cmdline: 5 } as never), /cmdline must be a string/);
  typeError(() => m.invokeExport('poke', []), /invokeExport\("poke"\): expected 2 arguments, got 0/);
  typeError(() => m.invokeExport('poke', ['16', 1]), /argument 0 \(i32\) must be a 32-bit integer number, got "16"/);
  assert.throws(() => m.invokeExport('nope'), /no exported function "nope"/);
  const sp = new WasmModule({ store: new MapFunctionStore().set('u', 'sp', '(module (func (export "_start") (param i32)))') });
  sp.bindToFunction(createMessage('u', 'sp'));
  assert.throws(() => sp.executeFunction(createMessage('u', 'sp')), /_start must take no parameters \(it takes i32\)/);
});

test('execute: argv from cmdline, env, stdin from input data, captured stdout', () => {
  const m = bound('args', { env: { HOME: '/h' } });
  const msg = createMessage('demo', 'args', { cmdline: `x 'y z'`, env: { GREETING: 'hey' } });
  assert.is(m.executeFunction(msg), 0);
  assert.match(msg.stdout, /^argc=3\nargv\[1\]="x"\nargv\[2\]="y z"\nenv\[0\]=HOME=\/h\nenv\[1\]=GREETING=hey\n/);
  assert.is(m.getCapturedStdout(), msg.stdout);
  m.clearCapturedStdout();
  assert.is(m.getCapturedStdout(), '');
  assert.ok(msg.executionMs > 0 && msg.finishTimestamp >= msg.startTimestamp);
});

test('exit codes: return, exit(), _exit, traps with the wasm stack on the message', () => {
  const m = bound('exitcode');
  const cases: [string, number][] = [['return 0', 0], ['return 5', 5], ['exit 3', 3], ['_exit 2', 2], ['', 0]];
  for (const [cmdline, code] of cases) {
    const msg = createMessage('demo', 'exitcode', { cmdline });
    assert.is(m.executeFunction(msg), code, cmdline);
    assert.is(msg.returnValue, code);
    assert.is(msg.error, null);
    m.reset(msg);
  }
  const msg = createMessage('demo', 'exitcode', { cmdline: 'trap' });
  assert.is(m.executeFunction(msg), TRAP_EXIT_CODE);
  assert.match(msg.error!, /^unreachable\n {2}at deep_trap@0x[0-9a-f]+\n/);
  assert.match(msg.error!, /at main@0x/);
  assert.match(msg.stdout, /mode=trap/);
  m.reset(msg);
  const again = createMessage('demo', 'exitcode', { cmdline: 'return 1' });
  assert.is(m.executeFunction(again), 1, 'usable after a trap and reset');
});

test('without reset, state leaks into the next invocation (the counter fixture notices)', () => {
  const m = bound('counter', { dirs: [{ guest: '/data' }] });
  assert.is(m.executeFunction(createMessage('demo', 'counter')), 0);
  const msg = createMessage('demo', 'counter');
  assert.is(m.executeFunction(msg), 3);
  assert.match(msg.stdout, /counter=2 heap=0x[0-9a-f]+ file_existed=1 message=dirty/);
  m.reset();
  assert.is(m.executeFunction(createMessage('demo', 'counter')), 0);
});

test('Faasm input/output: __faasm_read_input / __faasm_write_output', () => {
  const m = bound('io');
  const msg = createMessage('demo', 'io', { inputData: 'stressed' });
  assert.is(m.executeFunction(msg), 0);
  assert.is(new TextDecoder().decode(msg.outputData), 'desserts');
  assert.is(msg.stdout, 'reversed 8 bytes\n');
  m.reset(msg);
  const empty = createMessage('demo', 'io');
  m.executeFunction(empty);
  assert.is(empty.outputData.length, 0, 'output does not leak into the next invocation');
});

test('capture off: output goes to the sinks; stderr captured separately', () => {
  const seen: string[] = [];
  const m = bound('printf', { captureStdout: false, stdout: (b) => seen.push(new TextDecoder().decode(b)) });
  const msg = createMessage('demo', 'printf');
  m.executeFunction(msg);
  assert.is(msg.stdout, '');
  assert.match(seen.join(''), /^int: 42 -42/);
  m.captureStdout(true);
  m.reset(msg);
  m.executeFunction(msg);
  assert.match(m.getCapturedStdout(), /^int: 42 -42/);
  assert.is(m.getCapturedStderr(), '');
});

test('fuel: an endless invocation stops with FUEL_EXIT_CODE', () => {
  const store2 = new MapFunctionStore().set('u', 'spin', '(module (func (export "_start") (loop $l (br $l))))');
  const m = new WasmModule({ store: store2, fuel: 100000 });
  m.bindToFunction(createMessage('u', 'spin'));
  const msg = createMessage('u', 'spin');
  assert.is(m.executeFunction(msg), FUEL_EXIT_CODE);
  assert.match(msg.error!, /fuel exhausted/);
});

test('WAT functions in the store; reset restores mutable globals', () => {
  const m = bound('wat');
  for (let i = 0; i < 5; i++) {
    assert.is(m.executeFunction(createMessage('demo', 'wat')), 0, `call ${i}`);
    m.reset();
  }
  m.executeFunction(createMessage('demo', 'wat'));
  assert.is(m.executeFunction(createMessage('demo', 'wat')), TRAP_EXIT_CODE, 'global leaks without reset');
});

test('reactor: _initialize runs at bind (constructors), exports callable', () => {
  const m = bound('memapi');
  assert.equal(m.invokeExport('initialised'), [42]);
  assert.throws(() => m.executeFunction(createMessage('demo', 'memapi')), /exports no _start/);
});

test('100 invocations with reset: no leaks in memory, globals, heap or files', () => {
  const m = bound('counter', { dirs: [{ guest: '/data' }] });
  const mem = m.instance.mems[0];
  const zygoteBytes = mem.u8.slice();
  const zygoteGlobals = m.instance.globals.map((g) => [g.cell[0], g.cell[1]]);
  const zygoteBrk = m.getCurrentBrk();
  let firstLine = '';
  for (let i = 0; i < 100; i++) {
    const msg = createMessage('demo', 'counter', { inputData: `call ${i}`, cmdline: `arg${i}` });
    const code = m.executeFunction(msg);
    const line = msg.stdout.replace(/arg1=arg\d+ input=call \d+/, '');
    if (i === 0) firstLine = line;
    assert.is(code, 0, `invocation ${i}: ${msg.stdout}${msg.error ?? ''}`);
    assert.is(line, firstLine, `invocation ${i} saw the same fresh state`);
    assert.match(msg.stdout, new RegExp(`arg1=arg${i} input=call ${i}\\n$`));
    m.reset(msg);
    assert.is(m.getCurrentBrk(), zygoteBrk);
  }
  assert.match(firstLine, /counter=1 heap=0x[0-9a-f]+ file_existed=0 message=pristine/);
  assert.is(mem.u8.length, zygoteBytes.length, 'memory back to its zygote size');
  assert.ok(mem.u8.every((b, i) => b === zygoteBytes[i]), 'memory bytes equal the zygote');
  assert.equal(m.instance.globals.map((g) => [g.cell[0], g.cell[1]]), zygoteGlobals);
  assert.is(m.stats.invocations, 100);
  assert.is(m.stats.resets, 100);
});

test('reset copies only dirty pages when memory did not grow', () => {
  const m = bound('memapi');
  const heap = (m.invokeExport('alloc', [16]) as number[])[0];
  m.reset();
  m.invokeExport('poke', [heap, 7]);
  m.reset();
  assert.ok(m.stats.lastResetPages >= 1 && m.stats.lastResetPages <= 4, `copied ${m.stats.lastResetPages} pages`);
  assert.equal(m.invokeExport('peek', [heap]), [0]);
  m.reset();
  assert.is(m.stats.lastResetPages, 0, 'nothing dirty, nothing copied');
});

test('named snapshots: snapshot(), restore(key), reset(msg, key); the zygote stays', () => {
  const m = bound('memapi');
  const heap = call(m, 'alloc', 64);
  call(m, 'poke', heap, 11);
  const key = m.snapshot();
  assert.ok(m.snapshots.has(key));
  call(m, 'poke', heap, 22);
  call(m, 'grow', 2);
  m.restore(key);
  assert.is(call(m, 'peek', heap), 11);
  assert.is(m.getCurrentBrk(), m.getMemorySizeBytes());
  call(m, 'poke', heap, 33);
  m.reset(undefined, key);
  assert.is(call(m, 'peek', heap), 11);
  m.reset();
  assert.is(call(m, 'peek', heap), 0, 'back to the zygote');
  assert.ok(m.snapshots.has(m.getZygoteKey()));
  assert.throws(() => m.reset(undefined, 'no-such-key'));
});

test('printDebugInfo and flush', () => {
  const m = bound('counter');
  let text = '';
  m.printDebugInfo((s) => { text = s; });
  assert.match(text, /bound to demo\/counter/);
  assert.match(text, /brk 0x/);
  m.flush();
  assert.ok(m.isBound());
  const unbound = new WasmModule({ store });
  assert.match(unbound.printDebugInfo(() => {}), /not bound/);
});

test('malloc churn and memory.grow as a bound function, twice with reset', () => {
  const m = bound('churn');
  for (let i = 0; i < 2; i++) {
    const msg = createMessage('demo', 'churn');
    assert.is(m.executeFunction(msg), 0);
    assert.match(msg.stdout, /bad=0\n/);
    assert.match(msg.stdout, /grew=yes/);
    m.reset(msg);
  }
});

test.run();

// Tests for sleeping threads (poll_oneoff under the cooperative scheduler, docs/DECISIONS.md D31):
// poll_oneoff's contract with a WasiSleeper (block for the earliest clock, the retry tops the sleep
// up to its length by the door's monotonic clock and reports the same expired clocks; descriptors
// answer at once; a sleeper that cannot block leaves today's real sleep), and the C fixture
// test/fixtures/pt_sleep.c run through WasmModule: other threads run while one sleeps (the main
// thread sleeps 4 x 50 ms while a worker counts), producer/consumer orders, sleepers waking in
// deadline order, elapsed monotonic time >= the time asked for, one seed byte-identical (output and
// schedule hash), record/replay through the nondeterminism door.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BLOCK, Memory } from '../interpreter/index.js';
import {
  createWasiFunctions, recordNondeterminism, replayNondeterminism, systemNondeterminism, stdioDevices, Errno,
  EventType, type Nondeterminism, type NondetEvent, type WasiHost,
} from '../syscalls/wasi/index.js';
import type { WasiSleeper } from '../syscalls/wasi/host-interface.js';
import { Vfs } from '../src/fs/index.js';
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage } from '../src/module/message.js';
import { FileFunctionStore } from '../src/module/function-store.js';
import { fixture } from './fixtures/locate.js';

// ------------------------------------------------------------------ poll_oneoff with a sleeper

/** A door whose monotonic clock moves only when told (or when it sleeps). */
function virtualDoor() {
  const sleeps: bigint[] = [];
  const door = {
    mono: 1_000_000n,
    clockTime: (id: number) => (id === 0 ? 1_700_000_000_000_000_000n + door.mono : id === 1 ? door.mono : null),
    clockRes: (id: number) => (id <= 1 ? 1n : null),
    random: (buf: Uint8Array) => { buf.fill(1); },
    stdin: () => new Uint8Array(0),
    sleep: (ns: bigint) => { sleeps.push(ns); door.mono += ns; },
  };
  return { door, sleeps };
}

function pollSetup(canBlock: boolean) {
  const mem = new Memory(1, null);
  const { door, sleeps } = virtualDoor();
  const blocks: { ns: bigint; value: unknown }[] = [];
  let wake: { value: unknown } | null = null;
  const sleeper: WasiSleeper = {
    resumed: () => { const r = wake; wake = null; return r; },
    block: (ns, value) => { if (!canBlock) return null; blocks.push({ ns, value }); return BLOCK; },
  };
  const io = { nondet: door as Nondeterminism, stdout: () => undefined, stderr: () => undefined };
  const host: WasiHost = { ...io, memory: () => mem, args: [], env: [], fs: new Vfs({ stdio: stdioDevices(io), now: () => 0n }), sleeper };
  const fns = createWasiFunctions(host);
  const poll = (n: number): unknown => fns.poll_oneoff.host!([1000, 3000, n, 96], { context: null, caller: null });
  const dv = mem.dv;
  const sub = (i: number, userdata: bigint, type: number, f: (at: number) => void) => {
    const at = 1000 + i * 48;
    mem.u8.fill(0, at, at + 48);
    dv.setBigUint64(at, userdata, true);
    mem.u8[at + 8] = type;
    f(at);
  };
  const clock = (i: number, ud: bigint, timeout: bigint, abs = false) => sub(i, ud, EventType.CLOCK, (at) => {
    dv.setUint32(at + 16, 1, true);
    dv.setBigUint64(at + 24, timeout, true);
    dv.setUint16(at + 40, abs ? 1 : 0, true);
  });
  const fdSub = (i: number, ud: bigint, fd: number) => sub(i, ud, EventType.FD_WRITE, (at) => dv.setUint32(at + 16, fd, true));
  const events = () => {
    const out: [bigint, number, number][] = [];
    for (let i = 0; i < dv.getUint32(96, true); i++) {
      const at = 3000 + i * 32;
      out.push([dv.getBigUint64(at, true), dv.getUint16(at + 8, true), mem.u8[at + 10]]);
    }
    return out;
  };
  return { door, sleeps, blocks, poll, clock, fdSub, events, mem, wakeWith: (v: unknown) => { wake = { value: v }; } };
}

test('poll_oneoff with a sleeper: blocks for the earliest clock, the retry tops up real time and reports the expired clocks', () => {
  const t = pollSetup(true);
  t.clock(0, 11n, 5_000_000n);
  t.clock(1, 22n, 2_000_000n);
  t.clock(2, 33n, t.door.mono + 2_000_000n, true);
  assert.is(t.poll(3), BLOCK, 'the thread blocks instead of the process sleeping');
  assert.equal(t.sleeps, [], 'no real sleep while blocked');
  assert.is(t.blocks.length, 1);
  assert.is(t.blocks[0].ns, 2_000_000n);
  t.mem.u8.fill(0xee, 3000, 3200); // the retry writes the events itself
  // The scheduler ran others for 0.5 ms of door time, then the timeout fired: the retry sleeps the rest.
  t.door.mono += 500_000n;
  t.wakeWith(t.blocks[0].value);
  assert.is(t.poll(3), Errno.SUCCESS);
  assert.equal(t.sleeps, [1_500_000n], 'topped up to the requested 2 ms by the monotonic clock');
  assert.equal(t.events(), [[22n, 0, EventType.CLOCK], [33n, 0, EventType.CLOCK]]);

  // A retry after enough real time has passed does not sleep at all.
  t.clock(0, 44n, 1_000_000n);
  assert.is(t.poll(1), BLOCK);
  t.door.mono += 3_000_000n;
  t.wakeWith(t.blocks[1].value);
  assert.is(t.poll(1), Errno.SUCCESS);
  assert.equal(t.sleeps, [1_500_000n]);
  assert.equal(t.events(), [[44n, 0, EventType.CLOCK]]);
});

test('poll_oneoff with a sleeper: descriptors and expired clocks answer at once; a sleeper that cannot block leaves the real sleep', () => {
  const t = pollSetup(true);
  t.clock(0, 1n, 1_000_000_000n);
  t.fdSub(1, 2n, 1);
  assert.is(t.poll(2), Errno.SUCCESS);
  assert.equal(t.events(), [[2n, 0, EventType.FD_WRITE]]);
  t.clock(0, 3n, t.door.mono - 1n, true);
  assert.is(t.poll(1), Errno.SUCCESS);
  assert.equal(t.events(), [[3n, 0, EventType.CLOCK]]);
  assert.equal(t.blocks, []);
  assert.equal(t.sleeps, []);

  const u = pollSetup(false);
  u.clock(0, 9n, 7_000n);
  assert.is(u.poll(1), Errno.SUCCESS);
  assert.equal(u.sleeps, [7_000n], 'no thread to block: the process sleeps through the door, as before');
  assert.equal(u.events(), [[9n, 0, EventType.CLOCK]]);
});

// ------------------------------------------------------------------ the C fixture through WasmModule

const EXPECTED = [
  'worker progressed during 4 of 4 sleeps of main',
  'condvar consumer: p1 c1 p2 c2 p3 c3 p4 c4 p5 c5 ',
  'spinning consumer: p1 c1 p2 c2 p3 c3 p4 c4 p5 c5 (spun: yes)',
  'sleepers woke: short long ',
  "main's sleeps lasted at least what they asked for: yes",
  '',
].join('\n');

function run(opts: { seed?: number; nondet?: Nondeterminism } = {}) {
  const file = fixture('pt_sleep.wasm');
  const m = new WasmModule({ store: new FileFunctionStore(file), captureStdout: true, nondet: opts.nondet, threads: { seed: opts.seed } });
  m.bindToFunction(createMessage('t', file), false);
  const msg = createMessage('t', file);
  const t0 = performance.now();
  const code = m.executeFunction(msg);
  return { code, stdout: msg.stdout, error: msg.error, hash: m.scheduler.traceHash(), ms: performance.now() - t0 };
}

test('pt_sleep.wasm: a sleeping thread lets the others run (main sleeps 200 ms while a worker counts; producer/consumer orders)', () => {
  const r = run();
  assert.is(r.error, null);
  assert.is(r.stdout, EXPECTED);
  assert.is(r.code, 0);
  // Every sleep of the program, one after another: 4 x 50 + 2 x 5 x 20 + 30 (the sleepers overlap) + 50 ms.
  assert.ok(r.ms >= 480, `the run took ${r.ms.toFixed(0)} ms, less than its sleeps`);
});

test('pt_sleep.wasm: the same seed gives the same output and schedule; other seeds the same output', () => {
  const a = run({ seed: 5 }), b = run({ seed: 5 });
  assert.is(a.stdout, EXPECTED);
  assert.is(b.stdout, a.stdout);
  assert.is(b.hash, a.hash);
  assert.is(b.code, 0);
  for (const seed of [1, 2]) assert.is(run({ seed }).stdout, EXPECTED, `seed ${seed}`);
});

test('pt_sleep.wasm: on a virtual clock each sleep is topped up through the door; record and replay repeat the run', () => {
  const { door, sleeps } = virtualDoor();
  const v = run({ nondet: door });
  assert.is(v.stdout, EXPECTED);
  // The virtual monotonic clock moves only when the door sleeps, so each sleep is topped up to its
  // length: in full, except the 30 ms sleeper, which overlapped the 10 ms one (20 ms left for it).
  const ms = sleeps.map((ns) => Number(ns / 1_000_000n)).sort((x, y) => x - y);
  assert.equal(ms, [10, ...Array<number>(12).fill(20), 30, 50, 50, 50, 50]);

  const log: NondetEvent[] = [];
  const rec = run({ nondet: recordNondeterminism(systemNondeterminism(), log), seed: 3 });
  assert.is(rec.stdout, EXPECTED);
  assert.ok(log.some((e) => e.kind === 'clockTime'));
  const rep = run({ nondet: replayNondeterminism(log), seed: 3 });
  assert.is(rep.stdout, rec.stdout);
  assert.is(rep.hash, rec.hash);
});

test.run();

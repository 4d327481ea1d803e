// Tests for the OpenMP host's loop arithmetic (syscalls/openmp/schedule.ts): for many bounds, steps
// (negative too, and 64-bit ranges), team sizes and chunks, the static split and every dispatch kind
// hand out each iteration exactly once, flag the sequentially last one, and follow the static rules
// (balanced blocks; chunk c to thread c mod nth).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SharedLoop, decodeSchedule, staticSplit, tripCount, type LoopKind } from '../syscalls/openmp/schedule.js';
import { mulberry32 } from '../src/threads/mulberry32.js';

/** A small seeded generator. */
const rng = mulberry32;

/** The iterations of lb..ub by incr, in order. */
function iterations(lb: bigint, ub: bigint, incr: bigint): bigint[] {
  const out: bigint[] = [];
  if (incr > 0n) for (let i = lb; i <= ub; i += incr) out.push(i);
  else for (let i = lb; i >= ub; i += incr) out.push(i);
  return out;
}

interface Case { lb: bigint; ub: bigint; incr: bigint; nth: number; chunk: bigint }

function cases(n: number): Case[] {
  const r = rng(7);
  const out: Case[] = [];
  for (let k = 0; k < n; k++) {
    const base = k % 3 === 0 ? 5_000_000_000n : BigInt((r() % 200) - 100);
    const len = BigInt(r() % 60);
    const step = BigInt(1 + (r() % 4)) * (k % 2 === 0 ? 1n : -1n);
    const ub = step > 0n ? base + len : base - len;
    out.push({ lb: base, ub, incr: step, nth: 1 + (r() % 7), chunk: BigInt(r() % 5) });
  }
  out.push({ lb: 0n, ub: -1n, incr: 1n, nth: 4, chunk: 0n }); // empty
  out.push({ lb: 0n, ub: 1n, incr: 1n, nth: 4, chunk: 0n }); // fewer iterations than threads
  return out;
}

test('tripCount and decodeSchedule', () => {
  assert.is(tripCount(0n, 9n, 1n), 10n);
  assert.is(tripCount(9n, 0n, -3n), 4n);
  assert.is(tripCount(1n, 0n, 1n), 0n);
  assert.is(tripCount(0n, 5n, 0n), 0n);
  assert.equal(decodeSchedule(34), { kind: 'static', ordered: false, runtime: false });
  assert.equal(decodeSchedule(33), { kind: 'static-chunked', ordered: false, runtime: false });
  assert.equal(decodeSchedule(35 | (1 << 30)), { kind: 'dynamic', ordered: false, runtime: false });
  assert.equal(decodeSchedule(36 | (1 << 29)), { kind: 'guided', ordered: false, runtime: false });
  assert.equal(decodeSchedule(37), { kind: 'static', ordered: false, runtime: true });
  assert.equal(decodeSchedule(65), { kind: 'static-chunked', ordered: true, runtime: false });
  assert.equal(decodeSchedule(67), { kind: 'dynamic', ordered: true, runtime: false });
});

test('static split: every iteration once, balanced blocks, round-robin chunks, last flag', () => {
  for (const c of cases(300)) {
    const all = iterations(c.lb, c.ub, c.incr);
    for (const kind of ['static', 'static-chunked'] as LoopKind[]) {
      const seen = new Map<bigint, number>();
      let lastOwner = -1, ranLast = -1;
      for (let t = 0; t < c.nth; t++) {
        const s = staticSplit(kind, t, c.nth, c.lb, c.ub, c.incr, c.chunk);
        if (s.last) { assert.is(lastOwner, -1, 'one thread has the last iteration'); lastOwner = t; }
        // Walk the thread's chunks as clang's code does: [lower, min(upper, ub)], then += stride.
        let lo = s.lower, hi = s.upper;
        for (let guard = 0; guard < 1000; guard++) {
          const inRange = c.incr > 0n ? lo <= c.ub : lo >= c.ub;
          if (!inRange || all.length === 0) break;
          const top = c.incr > 0n ? (hi < c.ub ? hi : c.ub) : (hi > c.ub ? hi : c.ub);
          for (let i = lo; c.incr > 0n ? i <= top : i >= top; i += c.incr) {
            seen.set(i, (seen.get(i) ?? 0) + 1);
            if (i === all[all.length - 1]) ranLast = t;
          }
          if (kind === 'static' || c.nth === 1) break;
          lo += s.stride; hi += s.stride;
        }
        if (kind === 'static-chunked' && all.length > 0 && c.nth > 1) {
          const ch = c.chunk < 1n ? 1n : c.chunk;
          assert.is(s.lower, c.lb + BigInt(t) * ch * c.incr, 'chunk t starts thread t');
        }
      }
      assert.is(seen.size, all.length, `${kind} ${JSON.stringify(c, (_, v) => typeof v === 'bigint' ? String(v) : v)}`);
      for (const i of all) assert.is(seen.get(i), 1);
      assert.is(lastOwner, ranLast, `${kind}: the thread flagged last runs the last iteration`);
    }
  }
});

test('dispatch: static, chunked, dynamic and guided hand out each iteration once', () => {
  for (const c of cases(200)) {
    const all = iterations(c.lb, c.ub, c.incr);
    for (const kind of ['static', 'static-chunked', 'dynamic', 'guided'] as LoopKind[]) {
      const loop = new SharedLoop(kind, c.nth, c.lb, c.ub, c.incr, c.chunk);
      const seen = new Map<bigint, number>();
      const taken = new Array<number>(c.nth).fill(0);
      const done = new Array<boolean>(c.nth).fill(false);
      let lastSeen = 0;
      const r = rng(Number(c.lb & 0xffffn) + c.nth);
      while (done.some((d) => !d)) {
        const t = r() % c.nth;
        if (done[t]) continue;
        const ch = loop.take(t, taken[t]);
        if (ch === null) { done[t] = true; continue; }
        taken[t]++;
        assert.ok(ch.first <= ch.last);
        if (ch.last === loop.trip - 1n) lastSeen++;
        for (let k = ch.first; k <= ch.last; k++) {
          const i = loop.at(k);
          seen.set(i, (seen.get(i) ?? 0) + 1);
        }
      }
      assert.is(seen.size, all.length, kind);
      for (const i of all) assert.is(seen.get(i), 1, kind);
      assert.is(lastSeen, all.length > 0 ? 1 : 0, `${kind}: the last chunk is flagged once`);
    }
  }
});

test('guided chunks shrink and respect the minimum chunk', () => {
  const loop = new SharedLoop('guided', 4, 0n, 999n, 1n, 5n);
  const sizes: bigint[] = [];
  for (let c = loop.take(0, 0); c !== null; c = loop.take(0, 0)) sizes.push(c.last - c.first + 1n);
  assert.is(sizes[0], 125n);
  for (let i = 1; i < sizes.length; i++) assert.ok(sizes[i] <= sizes[i - 1]);
  for (const s of sizes.slice(0, -1)) assert.ok(s >= 5n);
  assert.is(sizes.reduce((a, b) => a + b, 0n), 1000n);
});

test.run();

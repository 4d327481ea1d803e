// Tests for memory management through the module API (src/memory): brk, growMemory, shrinkMemory,
// mmapMemory/unmapMemory with the free list, mmapFile, setMemorySize, checked access, guard regions
// (bookkeeping, checked host access, and wasm code trapping through the engine's guard hook) and
// reset putting all of it back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuntimeError } from '../interpreter/index.js';
import { RIGHT } from '../syscalls/wasi/index.js';
import { WasmModule } from '../src/module/wasm-module.js';
import { createMessage } from '../src/module/message.js';
import { MapFunctionStore } from '../src/module/function-store.js';
import { FreeList, MemoryError, GUARD_REGION_SIZE, engineHasGuardHook } from '../src/memory/index.js';
import { readFileSync } from 'node:fs';
import { fixture } from './fixtures/locate.js';

const P = 65536;
const store = new MapFunctionStore()
  .set('demo', 'memapi', readFileSync(fixture('memapi.wasm')))
  .set('demo', 'small', '(module (memory (export "memory") 1 4) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))');

function bound(fn = 'memapi', opts: ConstructorParameters<typeof WasmModule>[0] = {}): WasmModule {
  const m = new WasmModule({ store, ...opts });
  m.bindToFunction(createMessage('demo', fn));
  return m;
}
const call = (m: WasmModule, name: string, ...args: number[]): number => m.invokeExport(name, args)[0] as number;

function throwsMemoryError(fn: () => unknown, re: RegExp): void {
  try { fn(); } catch (e) {
    assert.instance(e, MemoryError);
    assert.match((e as Error).message, re);
    return;
  }
  assert.unreachable('expected a MemoryError');
}

function trapsWith(fn: () => unknown, re: RegExp): void {
  try { fn(); } catch (e) {
    assert.instance(e, RuntimeError, String(e));
    assert.match((e as RuntimeError).reason, re);
    return;
  }
  assert.unreachable('expected a trap');
}

test('free list: coalescing, first fit, release at the brk, truncate', () => {
  const f = new FreeList();
  f.add(5 * P, P);
  f.add(1 * P, P);
  f.add(2 * P, P);
  assert.equal(f.list(), [{ offset: P, length: 2 * P }, { offset: 5 * P, length: P }]);
  f.add(3 * P, 2 * P);
  assert.equal(f.list(), [{ offset: P, length: 5 * P }], 'touching regions merge');
  assert.is(f.take(2 * P), P);
  assert.equal(f.list(), [{ offset: 3 * P, length: 3 * P }]);
  assert.is(f.take(4 * P), -1);
  assert.is(f.releaseAt(6 * P), 3 * P);
  assert.is(f.size, 0);
  f.add(0, 4 * P);
  f.truncate(P);
  assert.equal(f.list(), [{ offset: 0, length: P }]);
});

test('brk starts at the end of memory; guest memory.grow moves it', () => {
  const m = bound();
  const size = m.getMemorySizeBytes();
  assert.is(m.getCurrentBrk(), size);
  assert.is(call(m, 'memory_pages'), size / P);
  assert.is(call(m, 'grow', 3), size / P);
  assert.is(m.getCurrentBrk(), size + 3 * P);
  assert.is(m.getMemorySizeBytes(), size + 3 * P);
  assert.is(m.getMaxMemoryPages(), 65536);
});

test('growMemory / shrinkMemory', () => {
  const m = bound();
  const brk0 = m.getCurrentBrk();
  assert.is(m.growMemory(0), brk0);
  assert.is(m.growMemory(2 * P), brk0);
  assert.is(m.getCurrentBrk(), brk0 + 2 * P);
  assert.is(call(m, 'memory_pages'), brk0 / P + 2, 'the guest sees the grown memory');
  throwsMemoryError(() => m.growMemory(100), /not a multiple of the wasm page/);
  throwsMemoryError(() => m.shrinkMemory(100), /not a multiple/);
  call(m, 'poke', brk0 + P, 1234);
  assert.is(m.shrinkMemory(P), brk0 + 2 * P);
  assert.is(m.getCurrentBrk(), brk0 + P);
  assert.is(m.getMemorySizeBytes(), brk0 + 2 * P, 'memory keeps its size');
  assert.is(m.growMemory(P), brk0 + P, 'fits again: only the brk moves');
  assert.is(m.getMemorySizeBytes(), brk0 + 2 * P);
  assert.is(call(m, 'peek', brk0 + P), 0, 'memory handed out again is zero');
  throwsMemoryError(() => m.shrinkMemory(m.getCurrentBrk() + P), /more than the brk/);
  const before = m.getMemorySizeBytes();
  throwsMemoryError(() => m.growMemory(65536 * P), /exceed the maximum/);
  assert.is(m.getMemorySizeBytes(), before, 'memory unchanged after a refused grow');
  const small = bound('small');
  assert.is(small.getMaxMemoryPages(), 4);
  throwsMemoryError(() => small.growMemory(4 * P), /maximum of 4 pages/);
  assert.is(small.growMemory(3 * P), P);
});

test('mmapMemory / unmapMemory with the free list (DECISIONS D22)', () => {
  const m = bound();
  const brk0 = m.getCurrentBrk();
  const a = m.mmapMemory(1);
  assert.is(a, brk0, 'a fresh region at the brk');
  assert.is(m.getCurrentBrk(), brk0 + P, 'rounded up to a wasm page');
  const b = m.mmapMemory(3 * P + 1);
  assert.is(b, brk0 + P);
  const c = m.mmapMemory(P);
  assert.is(c, brk0 + 5 * P);
  assert.is(m.getCurrentBrk(), brk0 + 6 * P);
  call(m, 'fill', b, 0x77, 4 * P);
  m.unmapMemory(b, 4 * P);
  assert.equal(m.memory.freeList.list(), [{ offset: b, length: 4 * P }]);
  assert.is(m.getCurrentBrk(), brk0 + 6 * P, 'a region below the brk leaves the brk alone');
  const d = m.mmapMemory(P);
  assert.is(d, b, 'reused: the lowest free region that fits');
  assert.is(call(m, 'peek8', d + 100), 0, 'reused regions are zero-filled');
  assert.is(call(m, 'peek8', d + P + 100), 0x77, 'the rest of the free region is untouched');
  m.unmapMemory(c, P);
  assert.is(m.getCurrentBrk(), b + P, 'unmapping at the brk lowers it, taking the free region below too');
  assert.equal(m.memory.freeList.list(), []);
  m.unmapMemory(a, 0);
  throwsMemoryError(() => m.unmapMemory(a + 8, P), /not wasm-page aligned/);
  throwsMemoryError(() => m.unmapMemory(m.getCurrentBrk(), P), /past the brk/);
  const big = m.mmapMemory(2 * P);
  assert.is(big, b + P);
});

test('mmapFile maps a copy of a file into a fresh region', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wasmlet-mmap-'));
  writeFileSync(join(dir, 'data.bin'), Buffer.from('mapped file contents'));
  const m = bound('memapi', { dirs: [{ guest: '/d', host: dir, readOnly: true }] });
  const fd = m.fs.open(3, 0, 'data.bin', 0, RIGHT.FD_READ | RIGHT.FD_SEEK, 0n, 0);
  const off = m.mmapFile(fd, 20);
  assert.is(off % P, 0);
  assert.is(new TextDecoder().decode(m.readMemory(off, 20)), 'mapped file contents');
  assert.is(call(m, 'peek8', off), 'm'.charCodeAt(0), 'the guest sees it');
  const off2 = m.mmapFile(fd, 100000);
  assert.is(m.getCurrentBrk(), off2 + 2 * P, 'length rounds up to wasm pages');
  assert.is(m.readMemory(off2 + 20, 1)[0], 0, 'past the end of the file: zero');
});

test('setMemorySize grows and shrinks memory; the brk follows', () => {
  const m = bound('small');
  m.setMemorySize(3 * P);
  assert.is(m.getMemorySizeBytes(), 3 * P);
  assert.is(m.getCurrentBrk(), 3 * P);
  m.writeMemory(2 * P, 'abc');
  m.setMemorySize(P + 1);
  assert.is(m.getMemorySizeBytes(), 2 * P, 'rounded up to wasm pages');
  assert.is(call(m, 'grow', 0), 2, 'memory.size seen by the guest');
  throwsMemoryError(() => m.setMemorySize(5 * P), /exceed the maximum/);
  m.setMemorySize(3 * P);
  assert.is(m.readMemory(2 * P, 3)[0], 0, 'pages given up and grown again read as zero');
});

test('checked access: bounds, dirty marking, views', () => {
  const m = bound();
  const size = m.getMemorySizeBytes();
  trapsWith(() => m.readMemory(size - 2, 4), /^out of bounds memory access$/);
  trapsWith(() => m.wasmPointerToNative(size), /out of bounds/);
  trapsWith(() => m.wasmPointerToNative(-1), /out of bounds/);
  const heap = call(m, 'alloc', 64);
  m.instance.mems[0].clearDirty();
  m.writeMemory(heap, 'hello');
  assert.is(m.instance.mems[0].dirty[heap >>> 12], 1, 'host writes mark pages dirty');
  assert.is(call(m, 'peek8', heap + 1), 'e'.charCodeAt(0));
  const view = m.wasmPointerToNative(heap, 5);
  assert.is(new TextDecoder().decode(view), 'hello');
  assert.is(m.getMemoryView().length, size);
  assert.is(m.memory.checked.cString(heap), 'hello');
});

test('guard regions: bookkeeping and checked host access', () => {
  const m = bound();
  const base = m.growMemory(GUARD_REGION_SIZE + 2 * P);
  assert.is(m.createMemoryGuardRegion(base), base + GUARD_REGION_SIZE);
  assert.is(m.createMemoryGuardRegion(base + GUARD_REGION_SIZE + P, 4096), base + GUARD_REGION_SIZE + P + 4096);
  assert.equal(m.memory.guards.list(), [
    { offset: base, length: GUARD_REGION_SIZE }, { offset: base + GUARD_REGION_SIZE + P, length: 4096 },
  ]);
  throwsMemoryError(() => m.createMemoryGuardRegion(base + 100), /not host-page/);
  throwsMemoryError(() => m.createMemoryGuardRegion(m.getMemorySizeBytes()), /outside memory/);
  const hex = (n: number): string => `0x${n.toString(16)}`;
  trapsWith(() => m.readMemory(base + 8, 4), new RegExp(`^out of bounds memory access: guard page at ${hex(base)}$`));
  trapsWith(() => m.writeMemory(base + GUARD_REGION_SIZE - 2, 'xyz'), new RegExp(`guard page at ${hex(base + GUARD_REGION_SIZE - 4096)}`));
  m.writeMemory(base + GUARD_REGION_SIZE, 'ok');
  trapsWith(() => m.readMemory(base + GUARD_REGION_SIZE + P - 1, 2), new RegExp(`guard page at ${hex(base + GUARD_REGION_SIZE + P)}`));
  m.unmapMemory(base, GUARD_REGION_SIZE);
  assert.is(m.memory.guards.list().length, 1, 'unmapping removes the guards in the region');
  m.readMemory(base, 4);
});

test('guard page trap in wasm code (the engine guard hook, DECISIONS D24)', () => {
  const m = bound();
  assert.ok(engineHasGuardHook(m.instance.mems[0]), 'the engine memory has the guard hook');
  const base = m.growMemory(GUARD_REGION_SIZE + P);
  m.createMemoryGuardRegion(base);
  const msg = `out of bounds memory access: guard page at 0x${(base + 4096).toString(16)}`;
  trapsWith(() => call(m, 'poke', base + 4096 + 12, 1), new RegExp(`^${msg}$`));
  trapsWith(() => call(m, 'peek', base + 4096 - 2), /guard page at/);
  trapsWith(() => call(m, 'fill', base + GUARD_REGION_SIZE - 8, 1, 16), /guard page at/);
  call(m, 'poke', base + GUARD_REGION_SIZE, 5);
  assert.is(call(m, 'peek', base + GUARD_REGION_SIZE), 5, 'next to the guard is fine');
  m.reset();
  m.growMemory(GUARD_REGION_SIZE + P);
  call(m, 'poke', base + 4096, 1);
});

test('reset restores the brk, free list, guards and memory size', () => {
  const m = bound();
  const brk0 = m.getCurrentBrk(), size0 = m.getMemorySizeBytes();
  const a = m.mmapMemory(P);
  m.mmapMemory(P);
  m.unmapMemory(a, P);
  m.createMemoryGuardRegion(m.growMemory(GUARD_REGION_SIZE));
  call(m, 'grow', 2);
  m.reset();
  assert.is(m.getCurrentBrk(), brk0);
  assert.is(m.getMemorySizeBytes(), size0);
  assert.is(call(m, 'memory_pages'), size0 / P);
  assert.equal(m.memory.freeList.list(), []);
  assert.equal(m.memory.guards.list(), []);
  assert.is(m.mmapMemory(P), brk0);
});

test.run();

// Micro-benchmarks of the executor: small WAT programs (recursive calls, a tight i32 loop, memory
// traffic, i64 arithmetic) and C kernels compiled with clang (bench/kernels.c -> kernels.wasm).
// Run: node dist/bench/exec.js (prints the best of several runs per workload, after a warm-up).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, decodeModule, instantiate, validateModule, Context, type FuncInst, type Instance } from '../interpreter/index.js';

const WAT = `(module
  (memory 1)
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "loop") (param $n i32) (result i32) (local $acc i32)
    (block $done (loop $top
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $acc (i32.add (local.get $acc) (i32.xor (local.get $n) (i32.const 0x55))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $top)))
    (local.get $acc))
  (func (export "mem") (param $n i32) (result i32) (local $i i32) (local $s i32)
    (loop $outer
      (local.set $i (i32.const 0))
      (loop $fill
        (i32.store (local.get $i) (i32.add (local.get $i) (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load offset=4 (local.get $i))))
        (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 60000))))
      (br_if $outer (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s))
  (func (export "i64") (param $n i32) (result i64) (local $x i64)
    (local.set $x (i64.const 1))
    (loop $l
      (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $x))
)`;

const inst = instantiate(compile(WAT));
const ctx = new Context();
function fn(name: string, from: Instance = inst): FuncInst { return from.exports.get(name) as FuncInst; }

function bench(label: string, f: () => unknown, reps = 5): void {
  f(); // warm up (compiles lazily, lets V8 optimize)
  let best = Infinity, result: unknown;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    result = f();
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(20)} ${best.toFixed(1).padStart(8)} ms   (${String(result)})`);
}

bench('fib(25)', () => ctx.invoke(fn('fib'), [25]));
bench('fib(30)', () => ctx.invoke(fn('fib'), [30]), 2);
bench('loop 10M', () => ctx.invoke(fn('loop'), [10_000_000]));
bench('mem 100x15000', () => ctx.invoke(fn('mem'), [100]));
bench('i64 lcg 2M', () => ctx.invoke(fn('i64'), [2_000_000]));

const kernelPaths = [fileURLToPath(new URL('../../bench/kernels.wasm', import.meta.url)), 'bench/kernels.wasm'];
const kernelPath = kernelPaths.find(p => existsSync(p));
if (kernelPath) {
  const m = decodeModule(readFileSync(kernelPath));
  validateModule(m);
  const k = instantiate(m);
  bench('crc32 64K x20', () => ctx.invoke(fn('crc32', k), [20]));
  bench('sieve 1M', () => ctx.invoke(fn('sieve', k), [1_000_000]));
  bench('quicksort 100K', () => ctx.invoke(fn('sort', k), [100_000]));
  bench('matmul f64 64', () => ctx.invoke(fn('matmul', k), [64]));
  bench('hash64 2M', () => ctx.invoke(fn('hash64', k), [2_000_000]));
  bench('fib C (27)', () => ctx.invoke(fn('fibc', k), [27]));
}

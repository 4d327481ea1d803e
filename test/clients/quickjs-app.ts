// A real client of the WebAssembly JS API: quickjs-emscripten (the QuickJS JavaScript engine compiled
// by emscripten), unmodified. Evaluates a JS program inside QuickJS that computes and prints; prints
// what it printed on stdout (compared across WebAssembly implementations), and the load and
// workload times on stderr as `timing {"loadMs":…,"workMs":…}`.
import { getQuickJS } from 'quickjs-emscripten';

const PROGRAM = String.raw`
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print('fib(20) =', fib(20));
const primes = [];
for (let n = 2; primes.length < 200; n++) if (primes.every(p => n % p !== 0)) primes.push(n);
print('200th prime =', primes[199], 'sum =', primes.reduce((a, b) => a + b, 0));
let big = 1n;
for (let i = 1n; i <= 30n; i++) big *= i;
print('30! =', big.toString());
print('floats', Math.sqrt(2).toFixed(12), (0.1 + 0.2).toString(), Math.sin(1e6).toPrecision(10), (2 ** 0.5 * 1e21).toString());
const words = 'the quick brown fox jumps over the lazy dog again and again'.split(' ');
const counts = {};
for (const w of words) counts[w] = (counts[w] || 0) + 1;
print(JSON.stringify(Object.entries(counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))));
print('regex', 'a1b22c333'.replace(/\d+/g, d => '<' + d.length + '>'), /^(\w+)@(\w+)\.com$/.exec('me@example.com').slice(1).join('|'));
class Shape { area() { return 0; } toString() { return this.constructor.name + '(' + this.area().toFixed(3) + ')'; } }
class Circle extends Shape { constructor(r) { super(); this.r = r; } area() { return Math.PI * this.r * this.r; } }
class Square extends Shape { constructor(s) { super(); this.s = s; } area() { return this.s * this.s; } }
print([new Circle(1.5), new Square(2), new Circle(0.25)].sort((a, b) => a.area() - b.area()).join(', '));
try { null.x; } catch (e) { print('caught', e.name, e.message); }
const m = new Map(); for (let i = 0; i < 1000; i++) m.set('k' + (i * 7919 % 1000), i);
let acc = 0; for (const [k, v] of m) acc = (acc * 31 + v + k.length) % 1000000007;
print('map hash', acc, m.size);
const arr = Array.from({ length: 5000 }, (_, i) => (i * 2654435761) % 10007);
arr.sort((a, b) => a - b);
print('sorted', arr[0], arr[2500], arr[4999], arr.length);
function* gen() { let a = 0, b = 1; for (;;) { yield a; [a, b] = [b, a + b]; } }
const it = gen(); const firsts = []; for (let i = 0; i < 15; i++) firsts.push(it.next().value);
print('gen', firsts.join(','));
print('json', JSON.stringify({ a: [1, 2.5, 'x', null, true], b: { c: 'd\u00e9' } }), JSON.parse('[1,{"x":[2,3]}]')[1].x[1]);
print('date', new Date(Date.UTC(2020, 1, 29, 12, 0, 0)).toISOString());
`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const QuickJS = await getQuickJS();
  const t1 = performance.now();
  const vm = QuickJS.newContext();
  const out: string[] = [];
  const print = vm.newFunction('print', (...args) => {
    out.push(args.map(a => vm.getString(a)).join(' '));
  });
  vm.setProp(vm.global, 'print', print);
  print.dispose();
  const result = vm.evalCode(PROGRAM, 'program.js');
  if (result.error) {
    out.push('error: ' + JSON.stringify(vm.dump(result.error)));
    result.error.dispose();
  } else {
    result.value.dispose();
  }
  vm.dispose();
  const t2 = performance.now();
  for (const l of out) console.log(l);
  console.error(`timing ${JSON.stringify({ loadMs: t1 - t0, workMs: t2 - t1 })}`);
}

await main();

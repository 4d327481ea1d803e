// A real client of the WebAssembly JS API: sql.js (SQLite compiled by emscripten), unmodified. Creates
// tables, inserts N rows (argv[2], default 10,000) in one transaction, builds an index, runs queries
// with joins, aggregates and the index, and exports the database. Prints the query results and the
// SHA-256 of the exported bytes on stdout (compared across WebAssembly implementations), and the
// load and workload times on stderr as `timing {"loadMs":…,"workMs":…}`.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

interface Statement { run(params?: unknown[]): void; free(): void; }
interface QueryResult { columns: string[]; values: unknown[][]; }
interface Database {
  run(sql: string): void;
  exec(sql: string): QueryResult[];
  prepare(sql: string): Statement;
  export(): Uint8Array;
  close(): void;
}
type InitSqlJs = () => Promise<{ Database: new () => Database }>;

const require = createRequire(import.meta.url);
const initSqlJs = require('sql.js') as InitSqlJs;

/** A small deterministic generator (LCG), so every run inserts the same rows. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s >>> 8; }; // high bits: the low ones cycle
}

const CITIES = ['Amsterdam', 'Berlin', 'Cairo', 'Delhi', 'Edinburgh', 'Fukuoka', 'Geneva', 'Hanoi', 'Istanbul', 'Jakarta'];
const PRODUCTS = ['apple', 'bread', 'cheese', 'dates', 'eggs', 'flour', 'grapes', 'honey', 'ink', 'jam', 'kale', 'lemons'];

function workload(SQL: { Database: new () => Database }, rows: number): string[] {
  const out: string[] = [];
  const rnd = lcg(12345);
  const db = new SQL.Database();
  db.run(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, since REAL)`);
  db.run(`CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
          product TEXT NOT NULL, qty INTEGER NOT NULL, price REAL NOT NULL, ts INTEGER NOT NULL)`);
  const customers = 500;
  const addCustomer = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?)');
  db.run('BEGIN');
  for (let i = 1; i <= customers; i++) {
    addCustomer.run([i, `customer-${i.toString(36)}`, CITIES[rnd() % CITIES.length], 2000 + (rnd() % 2400) / 100]);
  }
  addCustomer.free();
  const addOrder = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)');
  for (let i = 1; i <= rows; i++) {
    const ts = 1_600_000_000_000 + (rnd() % 1_000_000) * 1000; // beyond 2^32: i64 paths
    addOrder.run([i, 1 + (rnd() % customers), PRODUCTS[rnd() % PRODUCTS.length], 1 + (rnd() % 9), (rnd() % 100000) / 100, ts]);
  }
  addOrder.free();
  db.run('COMMIT');
  db.run('CREATE INDEX orders_by_customer ON orders(customer_id)');
  const queries = [
    `SELECT c.city, COUNT(*) AS n, ROUND(SUM(o.qty * o.price), 2) AS revenue, ROUND(AVG(o.price), 4) AS avg_price
       FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.city ORDER BY c.city`,
    `SELECT c.name, ROUND(SUM(o.qty * o.price), 2) AS total FROM customers c JOIN orders o ON o.customer_id = c.id
       GROUP BY c.id ORDER BY total DESC, c.id LIMIT 5`,
    `SELECT COUNT(*), MAX(price), MIN(ts), SUM(qty) FROM orders WHERE customer_id = 42`,
    `SELECT product, COUNT(*), SUM(qty), printf('%.3f', AVG(price)) FROM orders GROUP BY product ORDER BY 2 DESC, 1`,
    `SELECT SUM(ts), MAX(ts) - MIN(ts), COUNT(DISTINCT customer_id) FROM orders`,
    `SELECT id, qty, SUM(qty) OVER (ORDER BY id ROWS 2 PRECEDING) FROM orders WHERE id <= 8`,
    `SELECT upper(substr(name, 1, 12)), length(name), hex(id) FROM customers WHERE city LIKE 'B%' ORDER BY id LIMIT 4`,
    `EXPLAIN QUERY PLAN SELECT * FROM orders WHERE customer_id = 7`,
  ];
  // A failing statement is reported in the output (some WebAssembly implementations get some wrong).
  const query = (q: string): void => {
    try { out.push(JSON.stringify(db.exec(q))); } catch (e) { out.push(`error: ${(e as Error).message}`); }
  };
  for (const q of queries) query(q);
  query('DELETE FROM orders WHERE qty = 1');
  query('VACUUM');
  query('SELECT COUNT(*), TOTAL(price) FROM orders');
  const bytes = db.export();
  out.push(`export ${bytes.length} bytes sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
  db.close();
  return out;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10000);
  const t0 = performance.now();
  const SQL = await initSqlJs();
  const t1 = performance.now();
  const lines = workload(SQL, rows);
  const t2 = performance.now();
  for (const l of lines) console.log(l);
  console.error(`timing ${JSON.stringify({ loadMs: t1 - t0, workMs: t2 - t1 })}`);
}

await main();

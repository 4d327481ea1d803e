// `npm run spec -- [paths…] [options]`: runs .wast files or folders, prints a line per file and, last,
// `spec: N passed, N failed, N skipped`. Options: --json FILE, --verbose, --groups, --timeout S,
// --jobs N, --check-expectations, --update-expectations, --expectations FILE.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFiles } from './pool.js';
import type { FileResult, FileSpec } from './results.js';
import {
  checkExpectations, readExpectations, updateExpectations, writeExpectations, type Counts, type ExpectationsFile,
} from './expectations.js';
import { groupTotals, readGroups } from './groups.js';
import { parseArgs, USAGE, type CliOptions } from './args.js';
import { formatFile } from './report.js';

/** The repository root: the nearest folder above this file with wasmlet's package.json, else cwd. */
export function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'interpreter'))) return d;
    const up = dirname(d);
    if (up === d) return process.cwd();
    d = up;
  }
}

/** Every .wast file under dir, as paths relative to dir with '/' separators, sorted. */
export function listWast(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.wast')) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

interface Plan { files: FileSpec[]; dirs: string[]; suiteNames: Set<string>; complete: boolean }

function plan(paths: string[]): Plan {
  const files: FileSpec[] = [];
  const dirs: string[] = [];
  const suiteNames = new Set<string>();
  let complete = true;
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new Error(`no such file or folder: ${p}`);
    if (statSync(abs).isDirectory()) {
      dirs.push(abs);
      suiteNames.add(basename(abs));
      for (const k of listWast(abs)) files.push({ key: k, path: join(abs, k) });
    } else {
      complete = false;
      suiteNames.add(basename(dirname(abs)));
      files.push({ key: basename(abs), path: abs });
    }
  }
  return { files, dirs, suiteNames, complete };
}

function counts(results: FileResult[]): Record<string, Counts> {
  const o: Record<string, Counts> = {};
  for (const r of results) o[r.key] = { passed: r.passed, failed: r.failed, skipped: r.skipped };
  return o;
}

/** The closing line of a run that could not start. */
const NOTHING = 'spec: 0 passed, 0 failed, 0 skipped';

export async function main(argv: string[]): Promise<number> {
  let o: CliOptions;
  try { o = parseArgs(argv, process.env); } catch (e) {
    console.error(`spec: ${(e as Error).message}\n${USAGE}`);
    console.log(NOTHING);
    return 2;
  }
  if (o.help) { console.log(USAGE); return 0; }
  const root = repoRoot();
  const paths = o.paths.length ? o.paths : [process.env.WASMLET_SPEC_DIR || resolve(root, '../shared/spec-testsuite-2.0')];
  let p: Plan;
  try { p = plan(paths); } catch (e) {
    console.error(`spec: ${(e as Error).message}`);
    console.log(NOTHING);
    return 1;
  }

  const expPath = o.expectations ?? join(root, 'spec-tests', 'expectations.json');
  let exp: ExpectationsFile | null = null;
  if (o.check || o.update) {
    if (existsSync(expPath)) exp = readExpectations(expPath);
    else if (o.check) { console.error(`spec: no expectations file ${expPath}`); console.log(NOTHING); return 1; }
    else exp = { suite: [...p.suiteNames][0] ?? '', files: {} };
    const other = [...p.suiteNames].filter((s) => s !== exp!.suite);
    if (other.length) {
      console.error(`spec: ${expPath} is for the suite "${exp.suite}", this run is on "${other.join('", "')}"`);
      console.log(NOTHING);
      return 1;
    }
  }
  const listed = (o.check && exp) ? exp.files : {};
  const isListed = (k: string) => Object.prototype.hasOwnProperty.call(listed, k);

  // Print per-file lines in list order as results arrive.
  const order = new Map(p.files.map((f, i) => [f.key + '\0' + f.path, i]));
  const ready = new Map<number, FileResult>();
  let printed = 0;
  const onFile = (r: FileResult) => {
    ready.set(order.get(r.key + '\0' + r.path)!, r);
    while (ready.has(printed)) {
      const x = ready.get(printed)!;
      ready.delete(printed++);
      for (const l of formatFile(x, { verbose: o.verbose, listedReason: isListed(x.key) ? listed[x.key] : null })) console.log(l);
    }
  };
  const t0 = Date.now();
  const results = await runFiles(p.files, { jobs: o.jobs, timeoutMs: o.timeoutS * 1000, onFile });
  const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 });
  const c = counts(results);

  if (o.json) writeFileSync(o.json, JSON.stringify(c, null, 2) + '\n');

  const groupsMap = p.dirs.length ? readGroups(p.dirs[0]) : p.files.length ? readGroups(dirname(p.files[0].path)) : null;
  if (o.groups || (groupsMap && p.dirs.length)) {
    console.log('\nfeature groups:');
    for (const g of groupTotals(results, groupsMap)) {
      console.log(`  ${g.group}: ${g.passed} passed, ${g.failed} failed, ${g.skipped} skipped (${g.filesPassing}/${g.files} files pass fully)`);
    }
  }

  let code = total.failed > 0 || results.length === 0 ? 1 : 0;
  if (o.update && exp) {
    const first = new Map(results.map((r) => {
      const d = r.failures[0] ?? r.skips[0];
      return [r.key, d ? `line ${d.line}: ${d.message}` : ''];
    }));
    const next = updateExpectations(c, exp.files, p.complete, (k) => first.get(k) ?? '');
    const added = Object.keys(next).filter((k) => !(k in exp!.files)).length;
    const removed = Object.keys(exp.files).filter((k) => !(k in next)).length;
    writeExpectations(expPath, { suite: exp.suite, comment: exp.comment ?? COMMENT, files: next });
    console.log(`expectations: wrote ${Object.keys(next).length} entries to ${relative(process.cwd(), expPath) || expPath} (${added} added, ${removed} removed)`);
    code = results.length === 0 ? 1 : 0;
  } else if (o.check && exp) {
    const ch = checkExpectations(c, exp.files, p.complete);
    for (const v of ch.violations) console.log(`expectation violated: ${v.message}`);
    const listedRun = Object.keys(c).filter(isListed).length;
    console.log(`expectations: ${ch.violations.length} violations; ${ch.expectedFailed} expected failures and ${ch.expectedSkipped} expected skips in ${listedRun} listed files`);
    code = ch.failed > 0 || results.length === 0 ? 1 : 0;
  }
  console.log(`(${results.length} files in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`spec: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return code;
}

const COMMENT = 'Spec files that do not pass fully yet, with the reason. npm test fails when an unlisted file fails or a listed one passes; `npm run spec -- --update-expectations` rewrites the list from a run.';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
    console.error(e);
    console.log('spec: 0 passed, 1 failed, 0 skipped');
    process.exitCode = 1;
  });
}

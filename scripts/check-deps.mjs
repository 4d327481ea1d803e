// Fails the build when an import runs the wrong way between the top-level layers (DESIGN.md §1):
// outside interpreter/ only interpreter/index.js may be imported (test/ excepted: unit tests reach
// inside), interpreter/ imports nothing outside itself, syscalls/ never imports src/, and spec-tests/
// imports neither src/ nor syscalls/.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SCANNED = ['interpreter', 'syscalls', 'src', 'spec-tests', 'bench', 'scripts'];

/** Source text with comments blanked out (strings and template literals kept). */
export function stripComments(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < s.length && s[j] !== c) { if (s[j] === '\\') j++; else if (s[j] === '\n' && c !== '`') break; j++; }
      out += s.slice(i, j + 1); i = j;
    } else if (c === '/' && s[i + 1] === '/') {
      while (i < s.length && s[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      const stop = end < 0 ? s.length : end + 2;
      out += s.slice(i, stop).replace(/[^\n]/g, ' '); i = stop - 1;
    } else out += c;
  }
  return out;
}

/** The module specifiers a source file imports, with their line numbers. */
export function importsOf(text) {
  const src = stripComments(text);
  const found = [];
  const patterns = [
    /(?:^|[^\w$.])(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /(?:^|[^\w$.])import\s*(['"])([^'"]+)\1/g,
    /(?:^|[^\w$.])import\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
    /(?:^|[^\w$.])require\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const re of patterns) {
    for (const m of src.matchAll(re)) {
      const at = m.index + m[0].indexOf(m[2]);
      found.push({ spec: m[2], line: src.slice(0, at).split('\n').length });
    }
  }
  return found;
}

/** The layer of a repo-relative path ('interpreter', 'src', …) or '' at the top. */
function layer(rel) { const i = rel.indexOf('/'); return i < 0 ? '' : rel.slice(0, i); }

/** Why importing `target` (repo-relative, no extension) from `from` (repo-relative) is wrong, or null. */
export function violation(from, target) {
  const a = layer(from), b = layer(target);
  if (a === 'interpreter') {
    return b === 'interpreter' ? null : `interpreter/ must not import ${b || target}/`;
  }
  if (b === 'interpreter' && a !== 'test' && target !== 'interpreter/index') {
    return 'outside interpreter/, import only interpreter/index.js';
  }
  if (a === 'syscalls' && b === 'src') return 'syscalls/ must not import src/';
  if (a === 'spec-tests' && (b === 'src' || b === 'syscalls')) return `spec-tests/ must not import ${b}/`;
  return null;
}

function walk(dir, out) {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** All wrong-way imports under root: [{file, line, spec, why}]. */
export function checkDeps(root, folders = SCANNED) {
  const problems = [];
  let files = 0;
  for (const folder of folders) {
    for (const file of walk(join(root, folder), [])) {
      files++;
      const from = relative(root, file).split(sep).join('/');
      for (const { spec, line } of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(dirname(file), spec)).split(sep).join('/').replace(SOURCE, '');
        if (target.startsWith('..')) continue;
        const why = violation(from, target);
        if (why) problems.push({ file: from, line, spec, why });
      }
    }
  }
  return { files, problems };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const { files, problems } = checkDeps(root);
  for (const p of problems) console.error(`${p.file}:${p.line}: imports '${p.spec}': ${p.why}`);
  if (problems.length) {
    console.error(`check-deps: ${problems.length} wrong-way import(s) (see DESIGN.md §1)`);
    process.exitCode = 1;
  } else {
    console.log(`check-deps: ${files} files, imports OK`);
  }
}

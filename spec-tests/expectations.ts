// The expectations list: spec files that are known not to pass yet, each with a reason. Pure logic to
// check a run against the list (both ways) and to rewrite the list from a run, plus reading/writing it.
import { readFileSync, writeFileSync } from 'node:fs';

export interface Counts { passed: number; failed: number; skipped: number }

export interface ExpectationsFile {
  /** Folder name of the suite the list is for (e.g. "spec-testsuite-2.0"). */
  suite: string;
  comment?: string;
  /** File (relative to the suite folder) → why it does not pass yet. */
  files: Record<string, string>;
}

export type ViolationKind = 'unlisted-fails' | 'listed-passes' | 'stale';
export interface Violation { file: string; kind: ViolationKind; message: string }

export interface CheckResult {
  violations: Violation[];
  /** Commands passed in all files. */
  passed: number;
  /** Failed and skipped commands of unlisted files, plus one per listed-passes or stale entry. */
  failed: number;
  /** Failed and skipped commands in listed files (expected). */
  expectedFailed: number;
  expectedSkipped: number;
}

/** A file passes fully when nothing failed and nothing was skipped. */
export function fullyPasses(c: Counts): boolean { return c.failed === 0 && c.skipped === 0; }

/**
 * Check results against the list. `complete` says the run covered the whole suite folder, so a listed
 * file that was not run is a stale entry.
 */
export function checkExpectations(results: Record<string, Counts>, listed: Record<string, string>, complete: boolean): CheckResult {
  const out: CheckResult = { violations: [], passed: 0, failed: 0, expectedFailed: 0, expectedSkipped: 0 };
  for (const file of Object.keys(results).sort()) {
    const c = results[file];
    out.passed += c.passed;
    const isListed = Object.prototype.hasOwnProperty.call(listed, file);
    if (isListed) {
      if (fullyPasses(c)) {
        out.failed++;
        out.violations.push({ file, kind: 'listed-passes', message: `${file}: now passes: remove from expectations` });
      } else {
        out.expectedFailed += c.failed;
        out.expectedSkipped += c.skipped;
      }
    } else if (!fullyPasses(c)) {
      out.failed += c.failed + c.skipped;
      const what = [c.failed ? `${c.failed} failed` : '', c.skipped ? `${c.skipped} skipped` : ''].filter(Boolean).join(', ');
      out.violations.push({ file, kind: 'unlisted-fails', message: `${file}: ${what}, and not in the expectations list` });
    }
  }
  if (complete) {
    for (const file of Object.keys(listed).sort()) {
      if (!Object.prototype.hasOwnProperty.call(results, file)) {
        out.failed++;
        out.violations.push({ file, kind: 'stale', message: `${file}: listed in expectations but not in the suite: remove it` });
      }
    }
  }
  return out;
}

/** The reason a new entry gets: "fails: N of M; <first failure>" (or skips, when nothing failed). */
export function newReason(c: Counts, firstMessage: string): string {
  const total = c.passed + c.failed + c.skipped;
  const head = c.failed > 0 ? `fails: ${c.failed} of ${total}` : `skips: ${c.skipped} of ${total}`;
  const msg = firstMessage.length > 200 ? firstMessage.slice(0, 197) + '...' : firstMessage;
  return msg ? `${head}; ${msg}` : head;
}

/**
 * The list rewritten from a run: files that do not pass fully are listed (existing reasons kept, new
 * ones get newReason), files that pass are dropped; entries for files not run are kept unless `complete`.
 */
export function updateExpectations(
  results: Record<string, Counts>, listed: Record<string, string>, complete: boolean,
  firstMessage: (file: string) => string,
): Record<string, string> {
  const next: Record<string, string> = {};
  for (const file of Object.keys(listed)) {
    if (!Object.prototype.hasOwnProperty.call(results, file) && !complete) next[file] = listed[file];
  }
  for (const file of Object.keys(results)) {
    const c = results[file];
    if (fullyPasses(c)) continue;
    next[file] = Object.prototype.hasOwnProperty.call(listed, file) ? listed[file] : newReason(c, firstMessage(file));
  }
  const sorted: Record<string, string> = {};
  for (const k of Object.keys(next).sort()) sorted[k] = next[k];
  return sorted;
}

export function readExpectations(path: string): ExpectationsFile {
  const j = JSON.parse(readFileSync(path, 'utf8')) as Partial<ExpectationsFile>;
  if (typeof j.suite !== 'string' || typeof j.files !== 'object' || j.files === null) {
    throw new Error(`${path}: expected {"suite": "...", "files": {"file.wast": "reason"}}`);
  }
  return { suite: j.suite, comment: j.comment, files: j.files };
}

export function writeExpectations(path: string, e: ExpectationsFile): void {
  writeFileSync(path, JSON.stringify(e, null, 2) + '\n');
}

// Per-file results of the spec runner: counts plus failure and skip details, and how outcomes add up
// (including a file abandoned after a hang or crash). Pure.

/** One command's outcome. */
export type Status = 'passed' | 'failed' | 'skipped';
export interface Outcome { status: Status; line: number; message?: string }

export interface Detail { line: number; message: string }

export interface FileResult {
  key: string;
  path: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: Detail[];
  skips: Detail[];
  ms: number;
}

export interface FileSpec { key: string; path: string }

export function emptyResult(f: FileSpec): FileResult {
  return { key: f.key, path: f.path, passed: 0, failed: 0, skipped: 0, failures: [], skips: [], ms: 0 };
}

/** Add one command's outcome to a file result. */
export function addOutcome(r: FileResult, o: Outcome): void {
  if (o.status === 'passed') r.passed++;
  else if (o.status === 'failed') { r.failed++; r.failures.push({ line: o.line, message: o.message ?? '' }); }
  else { r.skipped++; r.skips.push({ line: o.line, message: o.message ?? '' }); }
}

/** Account for a file that stopped early: the current command failed, the rest were not run. */
export function abandon(r: FileResult, lines: number[] | null, done: number, why: string): void {
  const total = lines ? lines.length : done + 1;
  if (done >= total) return; // every command had reported
  const line = lines && done < lines.length ? lines[done] : 0;
  r.failed++;
  r.failures.push({ line, message: why });
  const rest = total - done - 1;
  if (rest > 0) {
    r.failed += rest;
    r.failures.push({ line, message: `${rest} later command(s) not run (${why.split(':')[0]})` });
  }
}


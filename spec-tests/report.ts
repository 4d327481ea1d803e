// Printable per-file report lines of the spec runner: the count line, failure details, skip reasons.
import type { FileResult } from './results.js';

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 3) + '...' : one;
}

/** Lines describing one file's result: the count line, failures, and grouped skip reasons. */
export function formatFile(r: FileResult, o: { verbose: boolean; listedReason: string | null }): string[] {
  const lines = [`${r.key}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`];
  if (o.listedReason !== null && (r.failed || r.skipped)) lines.push(`  (expected: ${o.listedReason})`);
  if (r.failures.length && (o.verbose || o.listedReason === null)) {
    const show = o.verbose ? r.failures : r.failures.slice(0, 10);
    for (const f of show) lines.push(`  line ${f.line}: ${o.verbose ? f.message : clip(f.message, 300)}`);
    if (show.length < r.failures.length) lines.push(`  … ${r.failures.length - show.length} more failures (--verbose shows all)`);
  }
  if (r.skips.length) {
    const byReason = new Map<string, { n: number; first: number }>();
    for (const s of r.skips) {
      const k = s.message.replace(/line \d+/g, 'line …');
      const g = byReason.get(k);
      if (g) g.n++; else byReason.set(k, { n: 1, first: s.line });
    }
    for (const [reason, g] of byReason) lines.push(`  skipped ${g.n} (first at line ${g.first}): ${reason}`);
  }
  return lines;
}


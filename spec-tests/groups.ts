// Feature-group totals: which group each spec file belongs to (the suite's GROUPS.json, else a rule
// for the 2.0 suite) and the per-group sums of a run.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Counts } from './expectations.js';

/** The suite's GROUPS.json (file → group), or null when the folder has none. */
export function readGroups(suiteDir: string): Record<string, string> | null {
  const p = join(suiteDir, 'GROUPS.json');
  if (!existsSync(p)) return null;
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, string>;
}

/** The group of a file key (path relative to the suite folder). */
export function groupOf(key: string, groups: Record<string, string> | null): string {
  if (groups && Object.prototype.hasOwnProperty.call(groups, key)) return groups[key];
  const parts = key.split('/');
  if (parts.length > 1) {
    // Subfolders of the newest suite: proposals/<name>/…, custom/…, legacy/…
    return parts[0] === 'proposals' && parts.length > 2 ? `proposals/${parts[1]}` : parts[0];
  }
  if (groups) return 'other';
  return key.startsWith('simd_') ? '2.0:simd' : '2.0:core';
}

export interface GroupTotal extends Counts { group: string; files: number; filesPassing: number }

/** Per-group sums, sorted by group name. */
export function groupTotals(results: { key: string; passed: number; failed: number; skipped: number }[],
  groups: Record<string, string> | null): GroupTotal[] {
  const map = new Map<string, GroupTotal>();
  for (const r of results) {
    const g = groupOf(r.key, groups);
    let t = map.get(g);
    if (!t) { t = { group: g, files: 0, filesPassing: 0, passed: 0, failed: 0, skipped: 0 }; map.set(g, t); }
    t.files++;
    if (r.failed === 0 && r.skipped === 0) t.filesPassing++;
    t.passed += r.passed; t.failed += r.failed; t.skipped += r.skipped;
  }
  return [...map.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}

// Runs .wast files in worker threads (a few at a time) with a per-file time limit: a file whose
// worker hangs or crashes is ended, its hung command and the commands not run count as failures.
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { runScript, supportsSimd } from './script.js';
import { validateOptionsFor } from './profiles.js';
import { abandon, addOutcome, emptyResult, type FileResult, type FileSpec } from './results.js';
import type { Job, WorkerMessage } from './worker.js';

export interface PoolOptions {
  /** Parallel workers; 0 runs the files in this thread (no hang protection, only a deadline between commands). */
  jobs: number;
  timeoutMs: number;
  /** Called as each file finishes (in completion order). */
  onFile?(r: FileResult): void;
}

/** Run files, in order of the list, at most `jobs` at a time. */
export async function runFiles(files: FileSpec[], opts: PoolOptions): Promise<FileResult[]> {
  if (opts.jobs <= 0) return runInline(files, opts);
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  const workerUrl = new URL('./worker.js', import.meta.url);

  const runOne = (w: Worker, f: FileSpec): Promise<{ result: FileResult; keep: boolean }> => new Promise((resolve) => {
    const r = emptyResult(f);
    const t0 = Date.now();
    let lines: number[] | null = null;
    let done = 0;
    let settled = false;
    const finish = (keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.off('message', onMessage); w.off('error', onError); w.off('exit', onExit);
      r.ms = Date.now() - t0;
      resolve({ result: r, keep });
    };
    const onMessage = (m: WorkerMessage) => {
      if (m.t === 'parsed') lines = m.lines;
      else if (m.t === 'r') { addOutcome(r, m.o); done++; }
      else finish(true);
    };
    const onError = (e: Error) => {
      abandon(r, lines, done, `worker crashed: ${e.message}`);
      finish(false);
    };
    const onExit = (code: number) => {
      abandon(r, lines, done, `worker exited with code ${code}`);
      finish(false);
    };
    const timer = setTimeout(() => {
      abandon(r, lines, done, `timed out: no result within ${Math.round(opts.timeoutMs / 1000)} s (engine hang?)`);
      finish(false);
      void w.terminate();
    }, opts.timeoutMs);
    w.on('message', onMessage); w.on('error', onError); w.on('exit', onExit);
    w.postMessage({ path: f.path } satisfies Job);
  });

  const lane = async () => {
    let w: Worker | null = null;
    try {
      while (next < files.length) {
        const i = next++;
        w ??= new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: 4096 } });
        const { result, keep } = await runOne(w, files[i]);
        if (!keep) { void w.terminate(); w = null; }
        results[i] = result;
        opts.onFile?.(result);
      }
    } finally {
      if (w) await w.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.jobs, files.length) }, lane));
  return results;
}

/** Run in this thread (for debugging and profiling): a deadline stops a slow file between commands. */
async function runInline(files: FileSpec[], opts: PoolOptions): Promise<FileResult[]> {
  const simd = supportsSimd();
  const out: FileResult[] = [];
  for (const f of files) {
    const r = emptyResult(f);
    const t0 = Date.now();
    try {
      runScript(readFileSync(f.path, 'utf8'), { simd, deadline: t0 + opts.timeoutMs, validate: validateOptionsFor(f.path) }, { result: (o) => addOutcome(r, o) });
    } catch (e) {
      abandon(r, null, 0, `runner crashed: ${String(e)}`);
    }
    r.ms = Date.now() - t0;
    out.push(r);
    opts.onFile?.(r);
  }
  return out;
}

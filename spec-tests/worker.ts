// Worker-thread entry of the spec runner: runs the .wast files the main thread sends, one at a time,
// and posts one message per command so the main thread can account for a file that hangs.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { runScript, supportsSimd, type Outcome } from './script.js';
import { validateOptionsFor } from './profiles.js';

/** Messages to the main thread. */
export type WorkerMessage =
  | { t: 'parsed'; lines: number[] }
  | { t: 'r'; o: Outcome }
  | { t: 'done'; ms: number };

/** A job from the main thread. */
export interface Job { path: string }

const port = parentPort;
if (port) {
  const simd = supportsSimd();
  port.on('message', (job: Job) => {
    const t0 = Date.now();
    let text: string;
    try {
      text = readFileSync(job.path, 'utf8');
    } catch (e) {
      port.postMessage({ t: 'parsed', lines: [0] } satisfies WorkerMessage);
      port.postMessage({ t: 'r', o: { status: 'failed', line: 0, message: `cannot read: ${String(e)}` } } satisfies WorkerMessage);
      port.postMessage({ t: 'done', ms: Date.now() - t0 } satisfies WorkerMessage);
      return;
    }
    runScript(text, { simd, validate: validateOptionsFor(job.path) }, {
      parsed: (lines) => port.postMessage({ t: 'parsed', lines } satisfies WorkerMessage),
      // Passes carry nothing but the status: keep the message small.
      result: (o) => port.postMessage({ t: 'r', o: o.status === 'passed' ? { status: 'passed', line: o.line } : o } satisfies WorkerMessage),
    });
    port.postMessage({ t: 'done', ms: Date.now() - t0 } satisfies WorkerMessage);
  });
}

// Where a module's stdout and stderr go: to sinks (the terminal by default, written synchronously),
// or, while capture is on, into per-module buffers read by getCaptured*/cleared by clearCaptured*.
import { writeSync } from 'node:fs';

export type OutputSink = (bytes: Uint8Array) => void;

/** Writes all bytes to a file descriptor synchronously, waiting while a non-blocking pipe is full. */
export function writeAllSync(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
    }
  }
}

export const processStdout: OutputSink = (b) => writeAllSync(1, b);
export const processStderr: OutputSink = (b) => writeAllSync(2, b);

class Buffered {
  private chunks: Uint8Array[] = [];
  private length = 0;
  push(b: Uint8Array): void { this.chunks.push(b); this.length += b.length; }
  bytes(): Uint8Array {
    if (this.chunks.length !== 1) {
      const all = new Uint8Array(this.length);
      let at = 0;
      for (const c of this.chunks) { all.set(c, at); at += c.length; }
      this.chunks = [all];
    }
    return this.chunks[0] ?? new Uint8Array(0);
  }
  clear(): void { this.chunks = []; this.length = 0; }
}

export class OutputCapture {
  capture: boolean;
  private readonly out = new Buffered();
  private readonly err = new Buffered();

  constructor(opts: { capture?: boolean; stdout?: OutputSink; stderr?: OutputSink } = {}) {
    this.capture = opts.capture ?? false;
    this.stdoutSink = opts.stdout ?? processStdout;
    this.stderrSink = opts.stderr ?? processStderr;
  }

  stdoutSink: OutputSink;
  stderrSink: OutputSink;

  /** fd 1 writes (bytes owned by the caller: copied when kept). */
  stdout(b: Uint8Array): void { if (this.capture) this.out.push(b.slice()); else this.stdoutSink(b); }
  stderr(b: Uint8Array): void { if (this.capture) this.err.push(b.slice()); else this.stderrSink(b); }

  getCapturedStdoutBytes(): Uint8Array { return this.out.bytes(); }
  getCapturedStderrBytes(): Uint8Array { return this.err.bytes(); }
  getCapturedStdout(): string { return new TextDecoder().decode(this.out.bytes()); }
  getCapturedStderr(): string { return new TextDecoder().decode(this.err.bytes()); }
  clearCapturedStdout(): void { this.out.clear(); }
  clearCapturedStderr(): void { this.err.clear(); }
}

// The host side of one bound module: the WasiHost the WASI layer calls (args, env, stdio through the
// output capture, the nondeterminism door, the virtual filesystem) and the Faasm input/output host.
// Holds the per-invocation state that reset() must clear: args/env/input/output, open descriptors
// and in-memory files.
import type { Memory } from '../../interpreter/index.js';
import {
  systemNondeterminism, stdioDevices, ClockId, type WasiHost, type Nondeterminism,
} from '../../syscalls/wasi/index.js';
import type { WasiSleeper } from '../../syscalls/wasi/host-interface.js';
import type { FaasmIoHost } from '../../syscalls/faasm/io.js';
import { Vfs, MemoryBackend, HostBackend, type MemSnapshot } from '../fs/index.js';
import type { OutputCapture } from './output-capture.js';

/** A preopened directory: a host directory when `host` is given, else an in-memory one. */
export interface DirMount {
  guest: string;
  host?: string;
  readOnly?: boolean;
}

/** An invocation's host-side state: argv, environment, input (and stdin's read position), output
 *  bytes so far, and the trees of the in-memory mounts. */
export interface InvocationState {
  args: string[];
  env: string[];
  input: Uint8Array;
  stdinPos: number;
  output: Uint8Array;
  files: MemSnapshot[];
}

/** Where stdin comes from: the invocation's input bytes (default), the process's stdin, or nothing. */
export type StdinMode = 'input' | 'inherit' | 'none';

export interface ModuleHostOptions {
  dirs: readonly DirMount[];
  /** The module's own environment ("K=V"), before each message's entries. */
  env: readonly string[];
  output: OutputCapture;
  /** A nondeterminism door to use (its stdin is then used as is); default: the system's. */
  nondet?: Nondeterminism;
  stdin: StdinMode;
}

export class ModuleHost implements WasiHost, FaasmIoHost {
  args: string[] = [];
  env: string[];
  readonly nondet: Nondeterminism;
  readonly fs: Vfs;
  /** Set by WasmModule when a thread runtime (a scheduler) runs the module's threads: poll_oneoff
   *  then blocks the calling thread instead of sleeping the process. Null: real sleeps, as before. */
  sleeper: WasiSleeper | null = null;
  private inputBytes: Uint8Array = new Uint8Array(0);
  private stdinPos = 0;
  private outputBytes: Uint8Array = new Uint8Array(0);
  private readonly memBackends: { backend: MemoryBackend; snap: MemSnapshot | null }[] = [];

  constructor(private readonly getMemory: () => Memory, private readonly opts: ModuleHostOptions) {
    this.env = [...opts.env];
    this.nondet = opts.nondet ?? systemNondeterminism({
      stdin: opts.stdin === 'inherit' ? 'inherit' : (max) => this.readInput(max),
    });
    const now = (): bigint => this.nondet.clockTime(ClockId.REALTIME, 1n) ?? BigInt(Date.now()) * 1_000_000n;
    this.fs = new Vfs({ stdio: stdioDevices(this), now });
    for (const d of opts.dirs) {
      if (d.host !== undefined) {
        this.fs.mount(d.guest, new HostBackend(d.host, { readOnly: d.readOnly ?? false }));
      } else {
        const backend = new MemoryBackend({ readOnly: d.readOnly ?? false, now });
        this.memBackends.push({ backend, snap: null });
        this.fs.mount(d.guest, backend);
      }
    }
  }

  private readInput(max: number): Uint8Array {
    if (this.opts.stdin === 'none') return new Uint8Array(0);
    const r = this.inputBytes.subarray(this.stdinPos, this.stdinPos + max);
    this.stdinPos += r.length;
    return r.slice();
  }

  memory(): Memory { return this.getMemory(); }
  stdout(bytes: Uint8Array): void { this.opts.output.stdout(bytes); }
  stderr(bytes: Uint8Array): void { this.opts.output.stderr(bytes); }

  input(): Uint8Array { return this.inputBytes; }
  setOutput(bytes: Uint8Array): void { this.outputBytes = bytes.slice(); }
  output(): Uint8Array { return this.outputBytes; }

  /** Sets up one invocation's argv, environment additions and input. */
  beginInvocation(args: string[], env: Record<string, string>, input: Uint8Array): void {
    this.args = args;
    const extra = Object.entries(env);
    const keys = new Set(extra.map(([k]) => k));
    this.env = [...this.opts.env.filter((e) => !keys.has(e.slice(0, e.indexOf('=')))), ...extra.map(([k, v]) => `${k}=${v}`)];
    this.inputBytes = input;
    this.stdinPos = 0;
    this.outputBytes = new Uint8Array(0);
  }

  /** Records the filesystem state to go back to (after initialisation: the zygote). */
  markZygote(): void {
    this.fs.markInitial();
    for (const m of this.memBackends) m.snap = m.backend.snapshot();
  }

  /** The running invocation's host-side state (for a mid-run snapshot). */
  invocationState(): InvocationState {
    return {
      args: [...this.args], env: [...this.env], input: this.inputBytes.slice(), stdinPos: this.stdinPos,
      output: this.outputBytes.slice(), files: this.memBackends.map((m) => m.backend.snapshot()),
    };
  }

  /** Puts an invocation's host-side state back (after reset()): args, env, input and how much of it
   *  stdin has read, output so far, in-memory files (matched to this module's in-memory mounts in
   *  order; descriptors stay as reset() left them). */
  restoreInvocationState(s: InvocationState): void {
    this.args = [...s.args];
    this.env = [...s.env];
    this.inputBytes = s.input.slice();
    this.stdinPos = s.stdinPos;
    this.outputBytes = s.output.slice();
    if (s.files.length !== this.memBackends.length) {
      throw new Error(`the snapshot holds ${s.files.length} in-memory directories, this module mounts ${this.memBackends.length}`);
    }
    s.files.forEach((f, i) => this.memBackends[i].backend.restore(f));
  }

  /** Per-invocation state back to the zygote: descriptors opened since closed, in-memory files as
   *  they were, no args/env additions, no input or output. */
  reset(): void {
    this.fs.resetDescriptors();
    for (const m of this.memBackends) if (m.snap !== null) m.backend.restore(m.snap);
    this.args = [];
    this.env = [...this.opts.env];
    this.inputBytes = new Uint8Array(0);
    this.stdinPos = 0;
    this.outputBytes = new Uint8Array(0);
  }
}

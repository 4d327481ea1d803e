// A Context is one thread of wasm execution as data: a value stack (one ArrayBuffer with int32/f32/f64
// views over 8-byte slots, plus a parallel array for references), an explicit frame stack, the current
// function/pc/fp and a status. invoke() runs a call to completion (nested calls from host functions
// stack on top of the running activation); start()/run(fuel) drive a call in fuel-limited slices.
import { RuntimeError } from '../errors.js';
import { BLOCK, TailCall, type FuncInst } from '../runtime/func.js';
import type { Compiled } from '../compile/compiled.js';
import { compileFunc } from '../compile/compiler.js';
import { execute, HOST_CALL } from './loop.js';
import { hostCallResults, readHostArgs, writeHostResults } from './host.js';
import { readResults, writeRaw } from './values.js';
import { valTypeName } from '../types.js';
import { checkRawArg } from '../runtime/raw-args.js';
import { appendTrace } from './trace.js';

export const enum Status { Ready = 0, Running, Done, Yielded, Blocked, Trapped }

const INITIAL_WORDS = 1 << 13; // 4096 slots = 32 KiB
const INITIAL_FRAMES = 256;

/** A JS stack overflow (also seen as a SyntaxError when it hits while a regular expression compiles). */
function isStackOverflow(e: unknown): boolean {
  return (e instanceof RangeError || e instanceof SyntaxError) && String(e.message).includes('call stack size');
}

export class Context {
  status: Status = Status.Ready;
  /** Raw results of the finished call (run() reached Done). */
  results: unknown[] = [];
  /** The RuntimeError of a trap (or the exception a host function threw) when status is Trapped. */
  error: unknown = null;
  /** Most wasm frames on this context at once (counting every activation). */
  readonly maxDepth: number;

  // Value stack (words: int32 units; a slot is 2 words).
  s: Int32Array;
  f32: Float32Array;
  f64: Float64Array;
  refs: unknown[];
  // Frame stack: the callers of the current function (return pc, frame pointer, function).
  frPc: Int32Array;
  frFp: Int32Array;
  frFunc: (FuncInst | null)[];
  // Execution state, saved whenever the loop stops (yield, block, host call, trap, return).
  pc = 0;
  fp = 0;
  func: FuncInst | null = null;
  depth = 0;
  /** First word a nested activation may use (above every live frame). */
  top = 0;
  /** Frame depth at which the running activation started. */
  baseDepth = 0;
  /**
   * Synchronous activations (invoke) in progress on this context. While one runs, no other context can
   * run, so memory.atomic.wait never blocks (see runtime/waiter.ts).
   */
  syncDepth = 0;
  /** The instruction at pc is a memory.atomic.wait that blocked; run() retries it (exec/atomics.ts). */
  waitPending = false;
  // A call from wasm to a host function leaves execute() (so that no interpreter frame stays on the
  // JS stack while the host function runs, nests invokes, or blocks) and is made by drive().
  /** The host function execute() stopped at (HOST_CALL), the word of its arguments, the pc after the call. */
  hostFunc: FuncInst | null = null;
  hostArgs = 0;
  hostNext = 0;
  /** Fuel left when execute() stopped for a host call. */
  fuelLeft = 0;
  /** start() given a host function: called by run(). */
  private hostEntry: { f: FuncInst; args: unknown[] } | null = null;

  constructor(opts?: { maxDepth?: number }) {
    this.maxDepth = opts?.maxDepth ?? 20000;
    const buf = new ArrayBuffer(INITIAL_WORDS * 4);
    this.s = new Int32Array(buf);
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    this.refs = new Array(INITIAL_WORDS >> 1).fill(null);
    this.frPc = new Int32Array(INITIAL_FRAMES);
    this.frFp = new Int32Array(INITIAL_FRAMES);
    this.frFunc = new Array(INITIAL_FRAMES).fill(null);
  }

  /** Makes the value stack at least `words` long (views are replaced). */
  growStack(words: number): void {
    let n = this.s.length;
    while (n < words) n *= 2;
    let buf: ArrayBuffer;
    try { buf = new ArrayBuffer(n * 4); } catch { throw new RuntimeError('call stack exhausted'); }
    const s = new Int32Array(buf);
    s.set(this.s);
    this.s = s;
    this.f32 = new Float32Array(buf);
    this.f64 = new Float64Array(buf);
    for (let i = this.refs.length; i < n >> 1; i++) this.refs.push(null);
  }

  /** Doubles the frame stack. */
  growFrames(): void {
    const n = this.frPc.length * 2;
    const pc = new Int32Array(n), fp = new Int32Array(n);
    pc.set(this.frPc);
    fp.set(this.frFp);
    this.frPc = pc;
    this.frFp = fp;
    for (let i = this.frFunc.length; i < n; i++) this.frFunc.push(null);
  }

  /** Turns a JS stack overflow into a trap and adds this activation's frames to a trap's stack trace. */
  annotate(e: unknown): unknown {
    if (isStackOverflow(e)) e = new RuntimeError('call stack exhausted');
    if (e instanceof RuntimeError) {
      try {
        appendTrace(e.wasmStack, this.func, this.pc, this.frFunc, this.frPc, this.depth, this.baseDepth);
      } catch { /* the trace is best effort */ }
    }
    return e;
  }

  /** Sets up func(args) as a new activation whose frame starts at word `base`. */
  private enter(func: FuncInst, args: readonly unknown[], base: number): void {
    this.enterAt(func, args, base, (func.compiled ?? compileFunc(func)) as Compiled);
    this.baseDepth = this.depth;
  }

  /** Sets up func(args)'s frame at word `base` and makes it the current activation's running frame. */
  private enterAt(func: FuncInst, args: readonly unknown[], base: number, c: Compiled): void {
    if (base + c.frameSize > this.s.length) this.growStack(base + c.frameSize);
    const ps = func.type.params;
    if (args.length !== ps.length) {
      throw new TypeError(`${func.name}: expected ${ps.length} argument(s), got ${args.length}`);
    }
    for (let i = 0; i < ps.length; i++) {
      // The same rule as the API's rawArgs (a bigint taken modulo 2^32 for an i32, a safe integer
      // number for an i64, …); writeRaw then stores the value in its raw form.
      checkRawArg(ps[i], args[i], i, func.name);
      writeRaw(this, base + 2 * i, ps[i], args[i]);
    }
    this.s.fill(0, base + c.localStart, base + c.localEnd);
    for (let k = 0; k < c.refLocals.length; k++) this.refs[(base >> 1) + c.refLocals[k]] = null;
    this.func = func;
    this.pc = 0;
    this.fp = base;
  }

  invoke(func: FuncInst, args: unknown[]): unknown[] {
    const pc = this.pc, fp = this.fp, f = this.func, depth = this.depth, top = this.top;
    const baseDepth = this.baseDepth, status = this.status;
    this.syncDepth++;
    try {
      if (func.host !== null) {
        const r = func.host(args, { context: this, caller: null });
        if (r === BLOCK) throw new RuntimeError('host function blocked in a synchronous call');
        return hostCallResults(func, r);
      }
      if (f !== null) {
        // Nested in a running (or suspended) activation: count it as a frame.
        if (this.depth >= this.maxDepth) throw new RuntimeError('call stack exhausted');
        if (this.depth >= this.frPc.length) this.growFrames();
        this.frFunc[this.depth] = null;
        this.depth++;
      }
      this.enter(func, args, top);
      this.status = Status.Running;
      // The loop of drive(), written out here: while a host function runs, this is the only frame of
      // the engine on the JS stack (JS <-> wasm alternations nest as deep as the JS stack allows).
      for (;;) {
        const st = execute(this, Infinity);
        if (st !== HOST_CALL) {
          if (st !== Status.Done) throw new RuntimeError('host function blocked in a synchronous call');
          return readResults(this, this.fp, func.type.results);
        }
        const next = this.hostNext;
        const r = this.callHost();
        if (r === BLOCK) throw new RuntimeError('host function blocked in a synchronous call');
        if (!(r instanceof TailCall)) this.pc = next;
      }
    } catch (e) {
      throw isStackOverflow(e) ? new RuntimeError('call stack exhausted') : e;
    } finally {
      this.syncDepth--;
      this.pc = pc; this.fp = fp; this.func = f; this.depth = depth; this.top = top;
      this.baseDepth = baseDepth; this.status = status;
    }
  }

  start(func: FuncInst, args: unknown[]): void {
    if (this.status === Status.Running) throw new Error('wasmlet: start() on a running context');
    this.depth = 0;
    this.top = 0;
    this.results = [];
    this.error = null;
    this.waitPending = false;
    if (func.host !== null) {
      this.hostEntry = { f: func, args };
      this.func = null;
    } else {
      this.hostEntry = null;
      this.enter(func, args, 0);
    }
    this.status = Status.Ready;
  }

  /**
   * Runs the started call for at most `fuel` units of work (loop iterations and calls); returns how it
   * stopped. `fuel` must be a number above 0 (TypeError for a non-number, RangeError for NaN, 0 or
   * less, checked before anything else): Infinity runs to the end; a fraction counts as its whole
   * units, but every run makes progress as if given at least 1. 0 is refused rather than returning
   * Yielded at once, as a slice that cannot run anything would let a `while (run(n) === Yielded)`
   * loop spin forever; a caller with a budget checks it first (as the thread scheduler does).
   */
  run(fuel: number): Status {
    if (typeof fuel !== 'number') {
      throw new TypeError(`Context.run: fuel must be a number, got ${fuel === null ? 'null' : typeof fuel}`);
    }
    if (!(fuel > 0)) throw new RangeError(`Context.run: fuel must be a positive number or Infinity, got ${fuel}`);
    const st0 = this.status;
    if (st0 !== Status.Ready && st0 !== Status.Yielded && st0 !== Status.Blocked) return st0;
    this.status = Status.Running;
    try {
      const he = this.hostEntry;
      if (he !== null) {
        const r = he.f.host!(he.args, { context: this, caller: null });
        if (r === BLOCK) return this.status = Status.Blocked;
        this.results = hostCallResults(he.f, r);
        this.hostEntry = null;
        return this.status = Status.Done;
      }
      const st = this.drive(fuel);
      if (st === Status.Done) {
        this.results = readResults(this, this.fp, this.func!.type.results);
        this.finish();
      }
      return this.status = st;
    } catch (e) {
      this.error = isStackOverflow(e) ? new RuntimeError('call stack exhausted') : e;
      this.finish();
      return this.status = Status.Trapped;
    }
  }

  /** Runs the current activation: execute(), and the host calls it stops at, until it returns a Status. */
  private drive(fuel: number): Status {
    for (;;) {
      const st = execute(this, fuel);
      if (st !== HOST_CALL) return st as Status;
      const next = this.hostNext;
      fuel = this.fuelLeft;
      const r = this.callHost();
      if (r === BLOCK) return Status.Blocked; // pc stays at the call: the next run() makes it again
      if (!(r instanceof TailCall)) this.pc = next; // (a TailCall made its callee the running frame)
    }
  }

  /** Makes the host call execute() stopped at (HOST_CALL) and writes its results; returns what the
   *  host function returned (BLOCK: nothing written, the call is to be made again). The caller reads
   *  hostNext first: a nested activation's host calls overwrite these fields. */
  private callHost(): unknown {
    const f = this.hostFunc!, w = this.hostArgs;
    this.hostFunc = null;
    try {
      const r = f.host!(readHostArgs(this, f, w), { context: this, caller: this.func!.instance });
      if (r instanceof TailCall) return this.tailCall(f, w, r);
      if (r !== BLOCK) writeHostResults(this, f, w, r);
      return r;
    } catch (e) {
      throw this.annotate(e);
    }
  }

  /** A host function h, called with its arguments at word w, answered TailCall t: pushes t.func's
   *  frame at w, as if the calling code had called it there; execute() then runs it, and its return
   *  resumes the caller at hostNext with the results at w. Returns the TailCall (no BLOCK). */
  private tailCall(h: FuncInst, w: number, t: TailCall): TailCall {
    const g = t.func;
    if (g.host !== null) throw new TypeError(`host function ${h.name}: a TailCall must name a wasm function, not ${g.name}`);
    // (A host function with no results may name any callee: its results land in the caller's dead
    // operand slots at w and are ignored.)
    const rs = h.type.results, gs = g.type.results;
    if (rs.length !== 0 && (rs.length !== gs.length || rs.some((x, i) => x !== gs[i]))) {
      throw new TypeError(`host function ${h.name}: TailCall to ${g.name}, whose results (${gs.map(valTypeName).join(' ')}) are not the host function's (${rs.map(valTypeName).join(' ')})`);
    }
    const c = (g.compiled ?? compileFunc(g)) as Compiled;
    if (this.depth >= this.maxDepth) throw new RuntimeError('call stack exhausted');
    if (this.depth >= this.frPc.length) this.growFrames();
    // The caller's frame (execute() saved it when it stopped at the host call) returns to hostNext;
    // it is pushed once enterAt has checked the arguments (a bad one leaves the frames as they were).
    const callerFunc = this.func, callerFp = this.fp;
    this.enterAt(g, t.args, w, c);
    this.frPc[this.depth] = this.hostNext;
    this.frFp[this.depth] = callerFp;
    this.frFunc[this.depth] = callerFunc;
    this.depth++;
    return t;
  }

  private finish(): void {
    this.waitPending = false;
    this.depth = 0;
    this.top = 0;
    this.func = null;
    this.hostEntry = null;
    this.frFunc.fill(null);
  }
}

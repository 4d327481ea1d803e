// The engine's error classes: malformed/invalid modules, unlinkable imports, and traps.

/** A module that is malformed (decoder, text parser) or invalid (validator). */
export class CompileError extends Error {
  /** Byte offset in the module where the problem was found, or -1 when unknown. */
  readonly offset: number;
  /** The spec's message, without location. */
  readonly reason: string;
  /** 'malformed' for decoding/parsing failures, 'invalid' for validation failures. */
  readonly phase: 'malformed' | 'invalid';
  constructor(reason: string, offset = -1, phase: 'malformed' | 'invalid' = 'malformed', where = '') {
    super(offset >= 0 ? `${reason} (at byte 0x${offset.toString(16)}${where ? ', ' + where : ''})` : reason + (where ? ` (${where})` : ''));
    this.name = 'CompileError';
    this.reason = reason;
    this.offset = offset;
    this.phase = phase;
  }
}

/** An import that cannot be satisfied, or a segment that does not fit at instantiation. */
export class LinkError extends Error {
  readonly reason: string;
  constructor(reason: string, where = '') {
    super(where ? `${reason} (${where})` : reason);
    this.name = 'LinkError';
    this.reason = reason;
  }
}

/** A trap. `reason` is the spec's message ("integer divide by zero", "out of bounds memory access"…). */
export class RuntimeError extends Error {
  readonly reason: string;
  /** Wasm stack trace, innermost first: function names (or indices) and byte offsets. */
  wasmStack: string[] = [];
  constructor(reason: string) {
    super(reason);
    this.name = 'RuntimeError';
    this.reason = reason;
  }
}
/** Traps are RuntimeErrors; the alias reads better at throw sites. */
export { RuntimeError as Trap };

// Where bound functions come from: a function store maps user/function to module bytes. The
// default is a directory, <root>/<user>/<function>/function.wasm (or function.wat as text).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface FunctionStore {
  /** The module for user/function: binary bytes, or WAT text; throws when there is none. */
  load(user: string, fn: string): Uint8Array | string;
  /** A printable location, for messages. */
  describe(user: string, fn: string): string;
}

/** The store has no module for user/function. */
export class FunctionNotFoundError extends Error {
  constructor(readonly user: string, readonly fn: string, detail: string) {
    super(`function ${user}/${fn} not found${detail}`);
    this.name = 'FunctionNotFoundError';
  }
}

/** Names are non-empty strings that may not reach outside the store's directory. */
function checkName(kind: string, name: unknown): void {
  if (typeof name !== 'string') throw new TypeError(`invalid ${kind} name: expected a string, got ${name === null ? 'null' : typeof name}`);
  if (name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new Error(`invalid ${kind} name "${name}"`);
  }
}

function isFile(path: string): boolean { return existsSync(path) && statSync(path).isFile(); }

export class DirectoryFunctionStore implements FunctionStore {
  constructor(readonly root: string) {}

  describe(user: string, fn: string): string { return join(this.root, user, fn, 'function.wasm'); }

  load(user: string, fn: string): Uint8Array | string {
    checkName('user', user);
    checkName('function', fn);
    const dir = join(this.root, user, fn);
    const wasm = join(dir, 'function.wasm');
    if (isFile(wasm)) return readFileSync(wasm);
    const wat = join(dir, 'function.wat');
    if (isFile(wat)) return readFileSync(wat, 'utf8');
    throw new FunctionNotFoundError(user, fn, ` (no ${wasm})`);
  }
}

/** A store holding modules in memory (tests, embedding). */
export class MapFunctionStore implements FunctionStore {
  private readonly modules = new Map<string, Uint8Array | string>();
  set(user: string, fn: string, module: Uint8Array | string): this { this.modules.set(`${user}/${fn}`, module); return this; }
  describe(user: string, fn: string): string { return `memory:${user}/${fn}`; }
  load(user: string, fn: string): Uint8Array | string {
    const m = this.modules.get(`${user}/${fn}`);
    if (m === undefined) throw new FunctionNotFoundError(user, fn, '');
    return m;
  }
}

/** A store that answers every user/function with one module file (the CLI's `run`). */
export class FileFunctionStore implements FunctionStore {
  constructor(readonly path: string) {}
  describe(): string { return this.path; }
  load(): Uint8Array | string {
    if (existsSync(this.path) && statSync(this.path).isDirectory()) throw new Error(`${this.path} is a directory, not a module file`);
    return /\.wat$/i.test(this.path) ? readFileSync(this.path, 'utf8') : readFileSync(this.path);
  }
}

// compileStreaming and instantiateStreaming (JS API Web embedding): take a Response or a promise of
// one, check it (a Response, type basic/cors/default, ok status, Content-Type application/wasm,
// body not used), read its bytes, then compile / instantiate as the non-streaming functions do.
import { compileLater, instantiateCompiled, type WebAssemblyInstantiatedSource } from './functions.js';
import type { Module } from './module.js';

interface ResponseLike {
  readonly type: string;
  readonly ok: boolean;
  readonly bodyUsed: boolean;
  readonly headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}

function isResponse(v: unknown): v is ResponseLike {
  // Looked up at the call, not at load: in Node, touching `Response` loads undici, which itself
  // compiles WebAssembly (llhttp), so it must not happen while the polyfill is being installed.
  const ResponseCtor = (globalThis as { Response?: Function }).Response;
  if (ResponseCtor !== undefined) return v instanceof ResponseCtor;
  const r = v as ResponseLike;
  return typeof v === 'object' && v !== null && typeof r.arrayBuffer === 'function' && typeof r.headers?.get === 'function';
}

/** The bytes of a potential WebAssembly response, or a rejection (TypeError) saying what is wrong with it. */
function responseBytes(source: unknown, where: string): Promise<Uint8Array> {
  return Promise.resolve(source).then(r => {
    if (!isResponse(r)) throw new TypeError(`${where}: Argument 0 must be a Response or a promise of one`);
    const mime = (r.headers.get('Content-Type') ?? '').replace(/^[\t ]+|[\t ]+$/g, '');
    if (mime.toLowerCase() !== 'application/wasm') {
      throw new TypeError(`${where}: Incorrect response MIME type. Expected 'application/wasm'.`);
    }
    if (r.type !== 'basic' && r.type !== 'cors' && r.type !== 'default') {
      throw new TypeError(`${where}: Response type '${r.type}' is not allowed`);
    }
    if (!r.ok) throw new TypeError(`${where}: HTTP status code is not ok`);
    if (r.bodyUsed) throw new TypeError(`${where}: the response body has already been used`);
    return r.arrayBuffer().then(b => new Uint8Array(b));
  });
}

export function compileStreaming(source: unknown): Promise<Module> {
  const where = 'WebAssembly.compileStreaming()';
  return responseBytes(source, where).then(b => compileLater(b, where));
}

export function instantiateStreaming(source: unknown, importObject?: object): Promise<WebAssemblyInstantiatedSource> {
  const where = 'WebAssembly.instantiateStreaming()';
  return instantiateCompiled(responseBytes(source, where).then(b => compileLater(b, where)), importObject, where);
}
Object.defineProperty(instantiateStreaming, 'length', { value: 1, configurable: true });

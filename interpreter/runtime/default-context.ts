// The shared context used when the API caller does not name one (invoke, instantiate's start function).
// Synchronous calls nest on it, so one is enough; contexts driven by run() are always separate ones.
import { Context } from '../exec/context.js';

let shared: Context | null = null;

export function defaultContext(): Context {
  if (shared === null) shared = new Context();
  return shared;
}

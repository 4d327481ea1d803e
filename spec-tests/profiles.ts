// Validation profiles: a proposal's test suite is written against the core spec version it branched
// from, and a few 2.0 relaxations turn its assert_invalid cases into accepted modules. The runner
// validates such suites under that version's rules (interpreter ValidateOptions), chosen by file path.
import type { ValidateOptions } from '../interpreter/index.js';

/** Suites (path fragments) and the rules their spec version had where 2.0 differs. */
const PROFILES: [RegExp, ValidateOptions][] = [
  // The threads proposal branched from WebAssembly 1.0: one table at most ("multiple tables").
  [/(^|[\\/])proposals[\\/]threads[\\/]/, { multipleTables: false }],
];

/** The validation rules for the .wast file at `path` (undefined: the 2.0 defaults). */
export function validateOptionsFor(path: string): ValidateOptions | undefined {
  for (const [re, o] of PROFILES) if (re.test(path)) return o;
  return undefined;
}

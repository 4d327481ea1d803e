// The validator's public surface: validateModule, plus per-body facts for the compiler.
export { validateModule, bodyFacts, type ValidateOptions } from './module.js';
export type { BodyFacts } from './func.js';

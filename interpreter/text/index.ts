// The text format: WAT modules to binary, and .wast scripts to commands.
export { watToBinary } from './wat-module.js';
export { parseWast } from './wast.js';
export type * from './wast-types.js';

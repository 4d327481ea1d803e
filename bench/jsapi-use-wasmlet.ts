// Preload for the jsapi benchmark (`node --import`): makes wasmlet the global WebAssembly even where
// Node has its own (to time wasmlet with the JIT on). Under --jitless, `wasmlet/polyfill` is used.
import { installWebAssembly } from '../src/webassembly/index.js';

installWebAssembly({ force: true });

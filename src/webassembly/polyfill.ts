// The `wasmlet/polyfill` entry point: importing it installs wasmlet as `globalThis.WebAssembly` where
// the host has none, e.g. `node --jitless --import wasmlet/polyfill app.js`. No eval or new Function.
import { installWebAssembly } from './index.js';

installWebAssembly();

// Preload for the jsapi benchmark (`node --import`): makes polywasm (the other pure-JS WebAssembly,
// a devDependency) the global WebAssembly, as its README says to install it.
const name = 'polywasm'; // a variable: polywasm ships no type declarations
const { WebAssembly } = (await import(name)) as { WebAssembly: unknown };
(globalThis as { WebAssembly?: unknown }).WebAssembly = WebAssembly;

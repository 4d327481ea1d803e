// ExitError: thrown by proc_exit (and by any host function that ends the program) to unwind the
// guest with an exit code; the runtime catches it and reports the code (Faasm's WasmExitException).
export class ExitError extends Error {
  /** The exit code as the guest passed it (WASI exitcode, u32). */
  readonly code: number;
  constructor(code: number) {
    super(`exit with code ${code}`);
    this.name = 'ExitError';
    this.code = code >>> 0;
  }
}

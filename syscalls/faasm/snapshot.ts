// The Faasm host interface's mid-run snapshots (module "env"): __faasm_snapshot(fn, arg) → n takes a
// snapshot of the running module and goes on; __faasm_migrate_point(fn, arg) asks the host whether
// this invocation should move, and if so ends it after the snapshot (FunctionMigratedError). Both
// name a continuation — fn is a function-table index (a C function pointer `int fn(int)`), arg its
// argument — which is what a resumed run calls: wasm's own call stack is not part of a snapshot, so
// the guest says where to re-enter (Faasm's FaasmMigrateEntryPoint). Narrow interface, no src/.
import { FuncInst, ValType } from '../../interpreter/index.js';

export interface FaasmSnapshotHost {
  /**
   * Snapshot the module now with continuation table[fn](arg) (fn 0: none; the snapshot can be
   * restored but not resumed). Returns the snapshot's number within the invocation (1, 2, …).
   * Throws a RuntimeError when fn is not a callable continuation.
   */
  snapshotAt(fn: number, arg: number): number;
  /**
   * A migration point: when the host wants the invocation moved, it snapshots with the continuation
   * and returns the snapshot's key (the invocation then ends); otherwise null (the guest goes on).
   */
  migrationPoint(fn: number, arg: number): string | null;
}

/** Ends an invocation that was migrated at a migration point (Faasm's FunctionMigratedException);
 *  the runtime catches it. `snapshotKey` is where the invocation continues from. */
export class FunctionMigratedError extends Error {
  constructor(readonly snapshotKey: string) {
    super(`function migrated (continues from snapshot "${snapshotKey}")`);
    this.name = 'FunctionMigratedError';
  }
}

const I32 = ValType.I32;

/** The functions by import name. */
export function createFaasmSnapshotFunctions(host: FaasmSnapshotHost): Record<string, FuncInst> {
  return {
    __faasm_snapshot: FuncInst.host({ params: [I32, I32], results: [I32] }, (args) => {
      return host.snapshotAt((args[0] as number) >>> 0, args[1] as number);
    }, 'env.__faasm_snapshot'),
    __faasm_migrate_point: FuncInst.host({ params: [I32, I32], results: [] }, (args) => {
      const key = host.migrationPoint((args[0] as number) >>> 0, args[1] as number);
      if (key !== null) throw new FunctionMigratedError(key);
    }, 'env.__faasm_migrate_point'),
  };
}

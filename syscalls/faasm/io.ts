// The Faasm host interface's input and output (module "env"): __faasm_read_input(buf, len) → n and
// __faasm_write_output(buf, len), over a narrow host interface (the invocation's input bytes and an
// output sink). Bad pointers trap like any out-of-bounds access.
import { FuncInst, ValType, RuntimeError, type Memory } from '../../interpreter/index.js';

export interface FaasmIoHost {
  /** The guest's current linear memory. */
  memory(): Memory;
  /** The current invocation's input bytes. */
  input(): Uint8Array;
  /** Replaces the invocation's output bytes (a copy). */
  setOutput(bytes: Uint8Array): void;
}

const I32 = ValType.I32;

function range(mem: Memory, ptr: number, len: number): void {
  if (len < 0 || ptr + len > mem.u8.length) throw new RuntimeError('out of bounds memory access');
}

/** The functions by import name. read_input with len 0 returns the input's size; otherwise it copies
 *  min(len, size) bytes and returns that count. write_output replaces the output. */
export function createFaasmIoFunctions(host: FaasmIoHost): Record<string, FuncInst> {
  return {
    __faasm_read_input: FuncInst.host({ params: [I32, I32], results: [I32] }, (args) => {
      const ptr = (args[0] as number) >>> 0, len = (args[1] as number) >>> 0;
      const input = host.input();
      if (len === 0) return input.length;
      const n = Math.min(len, input.length);
      const mem = host.memory();
      range(mem, ptr, n);
      mem.u8.set(input.subarray(0, n), ptr);
      mem.markDirty(ptr, n);
      return n;
    }, 'env.__faasm_read_input'),
    __faasm_write_output: FuncInst.host({ params: [I32, I32], results: [] }, (args) => {
      const ptr = (args[0] as number) >>> 0, len = (args[1] as number) >>> 0;
      const mem = host.memory();
      range(mem, ptr, len);
      host.setOutput(mem.u8.slice(ptr, ptr + len));
    }, 'env.__faasm_write_output'),
  };
}

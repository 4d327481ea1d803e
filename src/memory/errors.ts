// MemoryError: a memory-management request the module refuses (bad alignment, past the maximum,
// beyond the brk…); the memory is left unchanged. Guest accesses that fail are traps (RuntimeError).
export class MemoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryError';
  }
}

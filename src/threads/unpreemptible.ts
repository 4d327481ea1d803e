// Functions a thread is not preempted in: the C library's allocator, stdio and environment entry
// points. Debian's wasi-libc is built without thread support (no locks in malloc or stdio), so a
// thread preempted in the middle of malloc while another thread enters malloc corrupts the heap.
// The scheduler therefore lets a thread whose slice ran out while one of these functions is on its
// call stack run on until it has left them (docs/DECISIONS.md D34). The check is made only when a
// slice ends (a walk of the thread's frames), so it costs the interpreter nothing. Functions are
// known by their names in the module's name section; a module stripped of names gets no protection.
import type { Context, FuncInst } from '../../interpreter/index.js';

/** Entry points of wasi-libc (and musl) whose state is shared and unlocked. */
const NAMES = new Set([
  // allocation (dlmalloc behind them)
  'malloc', 'free', 'calloc', 'realloc', 'reallocarray', 'aligned_alloc', 'posix_memalign', 'memalign',
  'valloc', 'pvalloc', 'malloc_usable_size', 'dlmalloc', 'dlfree', 'dlrealloc', 'dlcalloc', 'sbrk',
  // stdio (FILE buffers)
  'printf', 'fprintf', 'vprintf', 'vfprintf', 'dprintf', 'vdprintf', 'puts', 'fputs', 'fputc', 'putc',
  'putchar', 'fwrite', 'fflush', 'fopen', 'fdopen', 'freopen', 'fclose', 'fread', 'fgets', 'fgetc',
  'getc', 'getchar', 'ungetc', 'scanf', 'fscanf', 'vscanf', 'vfscanf', 'perror', 'setvbuf', 'fseek',
  'fseeko', 'ftell', 'ftello', 'rewind', '__stdio_write', '__stdio_read', '__stdout_write',
  // the environment
  'setenv', 'unsetenv', 'putenv',
]);

const known = new WeakMap<FuncInst, boolean>();

function isUnpreemptible(f: FuncInst): boolean {
  let v = known.get(f);
  if (v === undefined) {
    v = f.host === null && NAMES.has(f.name);
    known.set(f, v);
  }
  return v;
}

/** Whether the context (stopped at the end of a slice) is inside one of those functions. */
export function inUnpreemptible(ctx: Context): boolean {
  if (ctx.func !== null && isUnpreemptible(ctx.func)) return true;
  const fr = ctx.frFunc;
  for (let i = ctx.depth - 1; i >= 0; i--) {
    const f = fr[i];
    if (f !== null && isUnpreemptible(f)) return true;
  }
  return false;
}

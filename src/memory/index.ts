// Memory management for bound modules: brk, mmap/munmap with a free list, guard regions, resizing
// and checked access.
export { ModuleMemory, GUARD_REGION_SIZE, type MemoryBookkeeping, type FileReader } from './module-memory.js';
export { MemoryError } from './errors.js';
export { FreeList, type Region } from './regions.js';
export { GuardRegions, guardTrap } from './guards.js';
export { guardHook, engineHasGuardHook, type GuardHook } from './guard-hook.js';
export { CheckedMemory } from './checked.js';
export { resizeMemory } from './resize.js';

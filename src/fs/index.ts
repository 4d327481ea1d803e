// The virtual filesystem's public names: the VFS (a WasiFs), its backends and their interface.
export { Vfs, type VfsOptions, type MountOptions } from './vfs.js';
export { MemoryBackend, type MemoryBackendOptions, type MemSnapshot } from './memory-backend.js';
export { HostBackend, type HostBackendOptions } from './host-backend.js';
export type { Backend, FsNode, FileHandle, ListEntry } from './backend.js';
export { resolvePath, MAX_SYMLINKS, type Resolved } from './resolve.js';
export { errnoOfHostError } from './host-errors.js';

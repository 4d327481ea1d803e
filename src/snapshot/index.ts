// Snapshots of module instances: snapshot data and its byte format, the registry, dirty-page tracking,
// restore, diffs and merge regions. The public names of src/snapshot/.
export {
  SnapshotDataType, SnapshotMergeOperation, DATA_TYPE_SIZE, SnapshotError, SnapshotFormatError, MergeRegionError,
  unsupportedReason, type SnapshotDiff, type MergeRegion, type DirtyRegion,
} from './types.js';
export {
  SnapshotData, NULL_REF, OPAQUE_REF, type GlobalState, type TableState, type ThreadState,
} from './snapshot-data.js';
export { MergeRegions } from './merge-regions.js';
export { targetOf, type SnapshotTarget, type SnapshotSource } from './instance-state.js';
export { takeSnapshot, type SnapshotOptions } from './capture.js';
export { restoreMemory, type RestoreReport } from './restore.js';
export { DirtyTracker, trackerFor, getDirtyRegions, noteMemoryResized, MAX_BASELINES } from './dirty.js';
export { diffWithSnapshot, type DiffOptions } from './diff.js';
export { applyDiffs, queueDiffs, writeQueuedDiffs } from './apply.js';
export {
  serialiseSnapshot, deserialiseSnapshot, SNAPSHOT_MAGIC, SNAPSHOT_FORMAT_VERSION, type SerialiseOptions,
} from './serialise.js';
export { SnapshotRegistry, InMemoryRemoteStore, type RemoteSnapshotStore, type RegistrySnapshotOptions } from './registry.js';
export { crc32, crc32js } from './crc32.js';

// Public face of the manifest layer.
export { ManifestFolder, commitsNewestFirst, foldManifest, type HeadView, type ManifestState, type PublishedPin } from './fold.js';
export { CURRENT_FORMAT, decideFormat, type FormatDecision, type FormatMigration } from './format.js';
export { MANIFEST_COLUMNS, manifestRowsToArrow, manifestSchema, readManifestRows } from './manifest-table.js';
export { MANIFEST_COMPACTION_INTERVAL, MANIFEST_RETAINED_VERSIONS, MANIFEST_RETENTION_GRACE_MS, ManifestStore, PUBLISHER_RETRY_BUDGET, retentionCutoff, type RetentionPolicy } from './manifest-store.js';
export { type BranchDeleteResult, type DataFork, type GraphBranch } from './branch-ops.js';
export { GRAPH_BRANCH_NATIVE_PREFIX, SCHEMA_APPLY_LOCK_BRANCH, graphBranchOfNative, nativeBranchOf, parseBranchName, pathPrefixRelated } from './branch-names.js';
export { checkPreconditions, publishRows, type CommitIntent, type HeadPrecondition, type PublishRequest, type PublishResult } from './publish.js';
export {
  abandonedHeadRow,
  commitRow,
  formatRow,
  headRow,
  isAbandonedHead,
  pinRow,
  registrationRow,
  tombstoneRow,
  type CommitRecord,
  type HeadRecord,
  type TablePin,
  type TableRegistration,
} from './records.js';
export { MAIN_BRANCH, MANIFEST_TABLE, headCas, type ManifestRow, type StoredManifestRow } from './rows.js';
export { GRAPH_FILES, catalogTables, readAcceptedCatalog, tableIdOf } from './graph-files.js';
export { initGraph, type InitResult } from './init.js';
export { TableHandleCache, makeSnapshot, type GraphSnapshot, type SnapshotTable } from './snapshot.js';

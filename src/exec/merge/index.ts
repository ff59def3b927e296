// Public surface of branch merge.
export { ancestorDistances, isAncestor, mergeBase } from './merge-base.js';
export { conflictWire, conflictsError, type MergeConflictWire } from './conflict-report.js';
export { runMerge, type MergeHost, type MergeOptions, type MergeOutcome, type MergeResult, type MergeTableReport } from './run-merge.js';
export { decideEntity, type EntityOutcome, type MergeConflict, type MergeConflictKind } from './three-way.js';

// Public surface of diff, per-commit changes and the change feed (spec branching §8).
export { CHANGE_OPS, normalizeFilter, type ChangeFilter, type ChangeOp, type EntityKind, type NormalizedFilter } from './change-filter.js';
export { diffSnapshots, type ChangeSet, type ChangeStats, type EntityChange, type ResolvedTarget } from './change-set.js';
export { causeOf, typeIdOf, type ChangeBlock, type ChangeCause, type ChangeHost, type CommitChange } from './commit-block.js';
export { commitChangesPage, type CommitChangesOptions, type CommitChangesPage } from './commit-changes.js';
export { pollChanges, type ChangeFeedOptions, type ChangeFeedPage } from './change-feed.js';
export { diffStates, type DiffSide, type EntityDelta } from './diff-tables.js';
export { imageOf, jsonValue, type EntityImage, type JsonValue } from './images.js';
export { CHANGE_LIMITS } from './limits.js';
export { MAX_TOKEN_BYTES } from './tokens.js';

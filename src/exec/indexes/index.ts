// Public surface of key-index maintenance.
export { KEY_INDEX_MIN_ROWS, ensureKeyIndexes, type BuiltIndex, type EnsureIndexOptions, type IndexHost } from './ensure-indices.js';

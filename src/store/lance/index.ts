// Public surface of the LanceDB table layer: the only code that imports @lancedb/lancedb and apache-arrow.
export { arrow, type ArrowTable, type DataType, type Field, type RecordBatch, type Schema } from './arrow.js';
export { type BranchInfo } from './branches.js';
export { LANCE_ERROR_RULES, classifyLanceError, lanceCall, type LanceErrorContext, type LanceErrorRule } from './classify.js';
export { LanceConnection, connectLance, type ConnectOptions, type CreateTableOptions, type TableRef } from './connection.js';
export { type MergeInsertSpec, type MergeWriteResult } from './merge-insert.js';
export { RESERVED_TABLE_NAMES, assertBranchName, assertTableName } from './names.js';
export { assertOptimizeOptions, type OptimizeOptions, type OptimizeResult } from './optimize.js';
export { rowsToArrow } from './rows.js';
export { batchesToTable, columnsToArrow, columnsToBatch, type ColumnBuffers } from './columnar.js';
export { columnValues } from './column-values.js';
export {
  LEGACY_PRIMARY_KEY_METADATA_KEY,
  PRIMARY_KEY_METADATA_KEY,
  ROW_CREATED_AT_VERSION,
  ROW_ID,
  ROW_LAST_UPDATED_AT_VERSION,
  fieldNames,
  primaryKeyOf,
  rowsWithSchema,
  withPrimaryKey,
} from './schema.js';
export { poisonCasCondition, sqlColumn, sqlString } from './sql.js';
export { STABLE_ROW_IDS_OPTION, lanceStorageOptions } from './storage-options.js';
export { TableHandle, type DeleteWriteResult, type WriteResult } from './table-handle.js';
export { TableReader, type RowVersion, type ScanOptions, type TableVersionInfo } from './table-reader.js';
export { TableSnapshot } from './table-snapshot.js';
export { arrowType, schemaFromColumns, type ColumnSpec } from './columns.js';

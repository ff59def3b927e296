// Public surface of the read executor.
export { executeRead, type ExecuteReadOptions, type ReadRows } from './read-query.js';
export { ExecContext, type SlotRow, type SnapshotSource, type ValueRow } from './context.js';
export { convertParams, encodeValue, compareNullable, type CellValue } from './values.js';

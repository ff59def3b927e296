// Physical form of the graph manifest table: its columns, rows to Arrow and back, and the row readers.
import {
  columnValues,
  ROW_CREATED_AT_VERSION,
  ROW_LAST_UPDATED_AT_VERSION,
  rowsToArrow,
  schemaFromColumns,
  type ArrowTable,
  type ColumnSpec,
  type Schema,
  type TableReader,
} from '../store/lance/index.js';
import type { ManifestRow, StoredManifestRow } from './rows.js';

const utf8 = { kind: 'utf8' } as const;
const int64 = { kind: 'int', bits: 64, signed: true } as const;

/** Columns of the manifest table, format 1. `object_id` is the primary key. */
export const MANIFEST_COLUMNS: readonly ColumnSpec[] = Object.freeze([
  { name: 'object_id', type: utf8, nullable: false },
  { name: 'object_type', type: utf8, nullable: false },
  { name: 'table_id', type: utf8, nullable: true },
  { name: 'table_key', type: utf8, nullable: true },
  { name: 'table_version', type: int64, nullable: true },
  { name: 'table_branch', type: utf8, nullable: true },
  { name: 'row_count', type: int64, nullable: true },
  { name: 'deleted_ids', type: { kind: 'list', element: utf8 }, nullable: true },
  { name: 'full_rewrite', type: { kind: 'bool' }, nullable: true },
  { name: 'graph_branch', type: utf8, nullable: true },
  { name: 'head_cas', type: utf8, nullable: true },
  { name: 'metadata', type: utf8, nullable: true },
]);

let schema: Schema | undefined;

/** The manifest's Arrow schema (built once). */
export function manifestSchema(): Schema {
  schema ??= schemaFromColumns(MANIFEST_COLUMNS);
  return schema;
}

/** Manifest rows as an Arrow table with exactly the manifest's columns. */
export function manifestRowsToArrow(rows: readonly ManifestRow[]): ArrowTable {
  return rowsToArrow(
    manifestSchema(),
    rows.map((r) => ({ ...r, deleted_ids: r.deleted_ids === null ? null : [...r.deleted_ids] })),
  );
}

/**
 * Read manifest rows (all, or those matching a Lance SQL filter) with their creation and last-update versions.
 * @example
 * await readManifestRows(snapshot, '_row_last_updated_at_version > 41');
 */
export async function readManifestRows(reader: TableReader, filter?: string): Promise<StoredManifestRow[]> {
  const table = await reader.scan({ withRowVersions: true, columns: MANIFEST_COLUMNS.map((c) => c.name), ...(filter === undefined ? {} : { filter }) });
  const col = (name: string) => columnValues(table, name);
  const [objectId, objectType, tableId, tableKey, tableVersion, tableBranch, rowCount, deletedIds, fullRewrite, graphBranch, headCas, metadata] =
    MANIFEST_COLUMNS.map((c) => col(c.name));
  const created = col(ROW_CREATED_AT_VERSION);
  const updated = col(ROW_LAST_UPDATED_AT_VERSION);
  const out: StoredManifestRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    out.push({
      object_id: objectId![i] as string,
      object_type: objectType![i] as string,
      table_id: tableId![i] as string | null,
      table_key: tableKey![i] as string | null,
      table_version: tableVersion![i] as number | null,
      table_branch: tableBranch![i] as string | null,
      row_count: rowCount![i] as number | null,
      deleted_ids: deletedIds![i] as string[] | null,
      full_rewrite: fullRewrite![i] as boolean | null,
      graph_branch: graphBranch![i] as string | null,
      head_cas: headCas![i] as string | null,
      metadata: metadata![i] as string | null,
      created_at_version: created[i] as number,
      updated_at_version: updated[i] as number,
    });
  }
  return out;
}

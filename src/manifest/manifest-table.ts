// Physical form of the graph manifest table: its columns, rows to Arrow and back, and the row readers.
import {
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
  const col = (name: string) => table.getChild(name);
  const cols = Object.fromEntries(MANIFEST_COLUMNS.map((c) => [c.name, col(c.name)]));
  const created = col(ROW_CREATED_AT_VERSION);
  const updated = col(ROW_LAST_UPDATED_AT_VERSION);
  const out: StoredManifestRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const str = (n: string): string | null => (cols[n]?.get(i) as string | null | undefined) ?? null;
    const num = (n: string): number | null => {
      const v = cols[n]?.get(i) as bigint | number | null | undefined;
      return v === null || v === undefined ? null : Number(v);
    };
    const list = cols['deleted_ids']?.get(i) as { toArray(): unknown[] } | null | undefined;
    out.push({
      object_id: str('object_id') as string,
      object_type: str('object_type') as string,
      table_id: str('table_id'),
      table_key: str('table_key'),
      table_version: num('table_version'),
      table_branch: str('table_branch'),
      row_count: num('row_count'),
      deleted_ids: list === null || list === undefined ? null : list.toArray().map(String),
      full_rewrite: (cols['full_rewrite']?.get(i) as boolean | null | undefined) ?? null,
      graph_branch: str('graph_branch'),
      head_cas: str('head_cas'),
      metadata: str('metadata'),
      created_at_version: Number(created?.get(i)),
      updated_at_version: Number(updated?.get(i)),
    });
  }
  return out;
}

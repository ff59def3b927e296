// The graph manifest's row model (format 1): kinds, object ids and the plain-JS form of every row.

/** The physical name of the graph manifest table (`__manifest` in the spec; LanceDB reserves that name). */
export const MANIFEST_TABLE = '_graph_manifest';

/** The graph's default branch. */
export const MAIN_BRANCH = 'main';

/** Row kinds. Readers ignore kinds they do not know (forward compatibility within a format). */
export type ManifestRowKind = 'format' | 'table' | 'table_version' | 'table_tombstone' | 'graph_commit' | 'graph_head';

/** One manifest row as JS values; absent columns are `null`. */
export interface ManifestRow {
  readonly object_id: string;
  readonly object_type: ManifestRowKind | string;
  /** Table identity (`node_<S>_<I>` / `edge_<S>_<I>`), equal to its LanceDB table name. */
  readonly table_id: string | null;
  /** `node:<Type>` / `edge:<Type>` at the time of the row. */
  readonly table_key: string | null;
  /** Dataset version (version rows). */
  readonly table_version: number | null;
  /** Native branch owning that version; `null` = the dataset's main lineage. */
  readonly table_branch: string | null;
  /** Entity count at that version. */
  readonly row_count: number | null;
  /** Ids this publish deleted from the table (version rows); `null` when none. */
  readonly deleted_ids: readonly string[] | null;
  /** True when the version replaced the whole table (overwrite): deleted ids are then not enumerated. */
  readonly full_rewrite: boolean | null;
  /** Graph branch of commit and head rows. */
  readonly graph_branch: string | null;
  /** `<branch incarnation>:<head commit id>` on head rows; NULL on every other row (the publish CAS depends on it). */
  readonly head_cas: string | null;
  /** Kind-specific JSON. */
  readonly metadata: string | null;
}

/** A row as read back, with the manifest versions LanceDB stamps on it (stable row ids). */
export interface StoredManifestRow extends ManifestRow {
  /** Manifest version that inserted the row: the publish order. */
  readonly created_at_version: number;
  /** Manifest version that last wrote the row (head rows are updated in place). */
  readonly updated_at_version: number;
}

const EMPTY: Omit<ManifestRow, 'object_id' | 'object_type'> = Object.freeze({
  table_id: null,
  table_key: null,
  table_version: null,
  table_branch: null,
  row_count: null,
  deleted_ids: null,
  full_rewrite: null,
  graph_branch: null,
  head_cas: null,
  metadata: null,
});

/** Object id of the format row. */
export const FORMAT_OBJECT_ID = 'format';

/** Object id of a table registration. */
export function tableObjectId(tableId: string): string {
  return `table:${tableId}`;
}

/**
 * Object id of a version row: keyed by (identity, native branch, version) — version numbers repeat across native
 * branches — plus the publishing commit, so every version row is insert-only even if a version is pinned twice.
 */
export function versionObjectId(tableId: string, branch: string | null, version: number, commitId: string): string {
  return `table_version:${tableId}:${branch ?? 'main'}:${String(version).padStart(20, '0')}:${commitId}`;
}

/** Object id of a tombstone (one per dropping commit). */
export function tombstoneObjectId(tableId: string, commitId: string): string {
  return `table_tombstone:${tableId}:${commitId}`;
}

/** Object id of a commit row. */
export function commitObjectId(commitId: string): string {
  return `graph_commit:${commitId}`;
}

/** Object id of a branch head row. */
export function headObjectId(branch: string): string {
  return `graph_head:${branch}`;
}

/** The value of `head_cas` for a head. */
export function headCas(incarnation: string, commitId: string): string {
  return `${incarnation}:${commitId}`;
}

/** Build a row from the columns that matter for its kind; the rest are NULL. */
export function makeRow(fields: Pick<ManifestRow, 'object_id' | 'object_type'> & Partial<ManifestRow>): ManifestRow {
  return Object.freeze({ ...EMPTY, ...fields });
}

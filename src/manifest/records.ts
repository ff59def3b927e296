// Typed records decoded from manifest rows: formats, registrations, pins, commits and heads, and their row encoders.
import { OmniError } from '../errors/index.js';
import {
  FORMAT_OBJECT_ID,
  commitObjectId,
  headCas,
  headObjectId,
  makeRow,
  tableObjectId,
  tombstoneObjectId,
  versionObjectId,
  type ManifestRow,
} from './rows.js';

/** A table registration: identity, alias and kind. */
export interface TableRegistration {
  readonly tableId: string;
  readonly tableKey: string;
}

/** A published pin of one table: the exact (native branch, version) a commit made visible. */
export interface TablePin {
  readonly tableId: string;
  readonly tableKey: string;
  /** Native branch of the version; `null` = the dataset's main lineage. */
  readonly branch: string | null;
  readonly version: number;
  readonly rowCount: number;
  /** Ids the publishing write deleted (empty when none, or when `fullRewrite`). */
  readonly deletedIds: readonly string[];
  readonly fullRewrite: boolean;
}

/** A graph commit. `manifestVersion` is the manifest version whose publish inserted the commit row. */
export interface CommitRecord {
  readonly id: string;
  readonly branch: string;
  readonly manifestVersion: number;
  readonly parents: readonly string[];
  readonly actor: string | null;
  /** Authorship time, microseconds since the epoch (minted before any effect). */
  readonly createdAtMicros: number;
  readonly kind: string;
  readonly message: string | null;
  readonly operationId: string | null;
}

/** A branch head: the branch incarnation and its head commit. */
export interface HeadRecord {
  readonly branch: string;
  readonly incarnation: string;
  readonly commitId: string;
}

/** Encode the format row. */
export function formatRow(formatVersion: number, writer: string): ManifestRow {
  return makeRow({ object_id: FORMAT_OBJECT_ID, object_type: 'format', metadata: JSON.stringify({ format_version: formatVersion, writer }) });
}

/** Encode a table registration. */
export function registrationRow(reg: TableRegistration): ManifestRow {
  return makeRow({ object_id: tableObjectId(reg.tableId), object_type: 'table', table_id: reg.tableId, table_key: reg.tableKey });
}

/** Encode a pin published by `commitId`. */
export function pinRow(pin: TablePin, commitId: string): ManifestRow {
  return makeRow({
    object_id: versionObjectId(pin.tableId, pin.branch, pin.version, commitId),
    object_type: 'table_version',
    table_id: pin.tableId,
    table_key: pin.tableKey,
    table_version: pin.version,
    table_branch: pin.branch,
    row_count: pin.rowCount,
    deleted_ids: pin.deletedIds.length === 0 ? null : [...pin.deletedIds],
    full_rewrite: pin.fullRewrite,
    metadata: JSON.stringify({ commit_id: commitId }),
  });
}

/** Encode a tombstone of `tableId` made by `commitId`. */
export function tombstoneRow(tableId: string, tableKey: string, commitId: string): ManifestRow {
  return makeRow({ object_id: tombstoneObjectId(tableId, commitId), object_type: 'table_tombstone', table_id: tableId, table_key: tableKey });
}

/** Encode a commit row (the manifest version is not stored: it is the row's creation version). */
export function commitRow(c: Omit<CommitRecord, 'manifestVersion'>): ManifestRow {
  return makeRow({
    object_id: commitObjectId(c.id),
    object_type: 'graph_commit',
    graph_branch: c.branch,
    metadata: JSON.stringify({
      id: c.id,
      parents: c.parents,
      actor: c.actor,
      created_at: c.createdAtMicros,
      kind: c.kind,
      message: c.message,
      operation_id: c.operationId,
    }),
  });
}

/** Encode a head row (the only row the publish CAS updates). */
export function headRow(h: HeadRecord): ManifestRow {
  return makeRow({
    object_id: headObjectId(h.branch),
    object_type: 'graph_head',
    graph_branch: h.branch,
    head_cas: headCas(h.incarnation, h.commitId),
    metadata: JSON.stringify({ incarnation: h.incarnation, head_commit_id: h.commitId }),
  });
}

/** Prefix of `head_cas` on an abandoned head slot (never a real head: incarnations are ULIDs). */
const ABANDONED_PREFIX = 'abandoned:';

/**
 * Encode the marker that retires the head slot of an interrupted branch create before its native branch is removed
 * (design §4.3). Written with the same guarded merge as a head row, it makes a late head insert of the interrupted
 * create fail, so the removal can never delete a branch that became live. Readers treat the branch as absent.
 */
export function abandonedHeadRow(branch: string, claimId: string): ManifestRow {
  return makeRow({
    object_id: headObjectId(branch),
    object_type: 'graph_head',
    graph_branch: branch,
    head_cas: `${ABANDONED_PREFIX}${claimId}`,
    metadata: JSON.stringify({ abandoned: true, claim: claimId }),
  });
}

/** True for the marker {@link abandonedHeadRow} writes. */
export function isAbandonedHead(row: ManifestRow): boolean {
  return row.object_type === 'graph_head' && row.head_cas !== null && row.head_cas.startsWith(ABANDONED_PREFIX);
}

/** Decode the format row's version. */
export function decodeFormat(row: ManifestRow): number {
  const meta = parseMetadata(row);
  const v = meta['format_version'];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw corrupt(row, `format_version is ${JSON.stringify(v)}`);
  return v;
}

/** Decode a commit row inserted at `manifestVersion`. */
export function decodeCommit(row: ManifestRow, manifestVersion: number): CommitRecord {
  const m = parseMetadata(row);
  const parents = m['parents'];
  if (typeof m['id'] !== 'string' || !Array.isArray(parents) || typeof m['created_at'] !== 'number' || row.graph_branch === null) {
    throw corrupt(row, 'commit metadata is incomplete');
  }
  return Object.freeze({
    id: m['id'],
    branch: row.graph_branch,
    manifestVersion,
    parents: Object.freeze(parents.map(String)),
    actor: typeof m['actor'] === 'string' ? m['actor'] : null,
    createdAtMicros: m['created_at'],
    kind: typeof m['kind'] === 'string' ? m['kind'] : 'unknown',
    message: typeof m['message'] === 'string' ? m['message'] : null,
    operationId: typeof m['operation_id'] === 'string' ? m['operation_id'] : null,
  });
}

/** Decode a head row. */
export function decodeHead(row: ManifestRow): HeadRecord {
  const m = parseMetadata(row);
  if (typeof m['incarnation'] !== 'string' || typeof m['head_commit_id'] !== 'string' || row.graph_branch === null) {
    throw corrupt(row, 'head metadata is incomplete');
  }
  if (row.head_cas !== headCas(m['incarnation'], m['head_commit_id'])) throw corrupt(row, 'head_cas disagrees with its metadata');
  return Object.freeze({ branch: row.graph_branch, incarnation: m['incarnation'], commitId: m['head_commit_id'] });
}

/** The commit that published a version row. */
export function decodePinCommit(row: ManifestRow): string {
  const id = parseMetadata(row)['commit_id'];
  if (typeof id !== 'string') throw corrupt(row, 'version row names no publishing commit');
  return id;
}

/** Decode a version row. */
export function decodePin(row: ManifestRow): TablePin {
  if (row.table_id === null || row.table_key === null || row.table_version === null || row.row_count === null) {
    throw corrupt(row, 'version row lacks identity, version or row count');
  }
  return Object.freeze({
    tableId: row.table_id,
    tableKey: row.table_key,
    branch: row.table_branch,
    version: row.table_version,
    rowCount: row.row_count,
    deletedIds: Object.freeze([...(row.deleted_ids ?? [])]),
    fullRewrite: row.full_rewrite === true,
  });
}

function parseMetadata(row: ManifestRow): Record<string, unknown> {
  if (row.metadata === null) throw corrupt(row, 'metadata is missing');
  try {
    const v = JSON.parse(row.metadata) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw corrupt(row, 'metadata is not a JSON object');
}

function corrupt(row: ManifestRow, why: string): OmniError {
  return new OmniError('internal', `corrupt manifest row '${row.object_id}': ${why}`, { details: { object_id: row.object_id } });
}

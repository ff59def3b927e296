// The recovery audit table: one row per recovery outcome, keyed by operation id so an append is idempotent.
import { connectLance, rowsToArrow, schemaFromColumns, type ColumnSpec, type LanceConnection } from '../store/lance/index.js';

/** The audit table's name at the graph root. */
export const AUDIT_TABLE = '_graph_commit_recoveries';

/** What recovery did with one sidecar. */
export type RecoveryKind = 'rolled_forward' | 'rolled_back' | 'orphaned_branch_discarded' | 'already_published';

/** One table's outcome. */
export interface TableOutcome {
  readonly table_key: string;
  readonly from_version: number | null;
  readonly to_version: number | null;
}

/** One audit row. */
export interface AuditEntry {
  readonly operation_id: string;
  readonly graph_commit_id: string;
  readonly recovery_kind: RecoveryKind;
  readonly recovery_for_actor: string | null;
  readonly sidecar_writer_kind: string;
  readonly per_table_outcomes: readonly TableOutcome[];
  readonly created_at: number;
}

const utf8 = { kind: 'utf8' } as const;
const COLUMNS: readonly ColumnSpec[] = [
  { name: 'operation_id', type: utf8, nullable: false },
  { name: 'graph_commit_id', type: utf8, nullable: false },
  { name: 'recovery_kind', type: utf8, nullable: false },
  { name: 'recovery_for_actor', type: utf8, nullable: true },
  { name: 'sidecar_writer_kind', type: utf8, nullable: false },
  { name: 'per_table_outcomes_json', type: utf8, nullable: false },
  { name: 'created_at', type: { kind: 'int', bits: 64, signed: true }, nullable: false },
];

/**
 * Append `entry` unless a row for its operation exists (insert-if-absent on the primary key). The table is created
 * on first use.
 */
export async function appendAudit(conn: LanceConnection, entry: AuditEntry): Promise<void> {
  const schema = schemaFromColumns(COLUMNS);
  const rows = rowsToArrow(schema, [{ ...entry, per_table_outcomes_json: JSON.stringify(entry.per_table_outcomes) }]);
  const names = await conn.tableNames();
  if (!names.includes(AUDIT_TABLE)) {
    try {
      (await conn.createTable(AUDIT_TABLE, { schema, primaryKey: 'operation_id', rows })).close();
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'conflict') throw err;
    }
  }
  const table = await conn.openHead(AUDIT_TABLE);
  try {
    await table.mergeInsert(rows, { on: 'operation_id', whenNotMatchedInsert: true });
  } finally {
    table.close();
  }
}

/** Every audit row (for tests and operators), oldest operation first. */
export async function readAudit(uri: string): Promise<AuditEntry[]> {
  const conn = await connectLance(uri);
  try {
    if (!(await conn.tableNames()).includes(AUDIT_TABLE)) return [];
    const t = await conn.openHead(AUDIT_TABLE);
    const rows = (await t.scan()).toArray() as Array<Record<string, unknown>>;
    t.close();
    return rows
      .map((r) => ({
        operation_id: String(r['operation_id']),
        graph_commit_id: String(r['graph_commit_id']),
        recovery_kind: r['recovery_kind'] as RecoveryKind,
        recovery_for_actor: (r['recovery_for_actor'] as string | null) ?? null,
        sidecar_writer_kind: String(r['sidecar_writer_kind']),
        per_table_outcomes: JSON.parse(String(r['per_table_outcomes_json'])) as TableOutcome[],
        created_at: Number(r['created_at']),
      }))
      .sort((a, b) => (a.operation_id < b.operation_id ? -1 : 1));
  } finally {
    conn.close();
  }
}

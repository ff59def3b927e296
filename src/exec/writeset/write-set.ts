// Write sets: the durable write protocol's only input — what to write to which tables, and the commit it becomes.
import { OmniError } from '../../errors/index.js';
import type { HeadRecord } from '../../manifest/index.js';
import type { ArrowTable } from '../../store/lance/index.js';
import { newUlid, nowMicros } from '../../util/ids.js';

/** Which writer produced a write set (recorded in the sidecar and the audit trail). */
export type WriterKind = 'mutation' | 'load' | 'merge' | 'schema_apply' | 'index_build' | 'optimize';

/** How a table's rows are written. Each is exactly one table commit. */
export type TableWriteMode =
  /** Insert rows whose ids are new (the caller has checked); appended as they are. */
  | 'append'
  /** Insert or replace rows by `id`, and delete `deleteIds`, in one merge-insert. */
  | 'upsert'
  /** Replace the whole table with `rows`. */
  | 'overwrite'
  /** Build a btree index on `indexColumn` (content-neutral: the rows do not change). */
  | 'index';

/** The change to one table. `rows` are full physical rows (every column of the table). */
export interface TableWrite {
  readonly tableId: string;
  readonly tableKey: string;
  readonly mode: TableWriteMode;
  readonly rows: ArrowTable | null;
  readonly deleteIds: readonly string[];
  /** The column an `index` write indexes. */
  readonly indexColumn?: string;
}

/** One atomic graph write: every table change lands, or none is visible. */
export interface WriteSet {
  readonly branch: string;
  /** The head the write was prepared against; a moved head is `read_set_conflict`. */
  readonly expectedHead: HeadRecord;
  readonly actor: string | null;
  readonly writerKind: WriterKind;
  /** Client-suppliable idempotency key; also names the sidecar. */
  readonly operationId: string;
  readonly commitId: string;
  readonly rollbackId: string;
  readonly createdAtMicros: number;
  readonly message: string | null;
  readonly mergedParent?: string;
  readonly tables: readonly TableWrite[];
}

/** Inputs of `makeWriteSet`; ids and the time are minted when absent. */
export type WriteSetInput = Omit<WriteSet, 'operationId' | 'commitId' | 'rollbackId' | 'createdAtMicros' | 'message' | 'actor'> &
  Partial<Pick<WriteSet, 'operationId' | 'commitId' | 'rollbackId' | 'createdAtMicros' | 'message' | 'actor'>>;

/**
 * Build a checked write set with pre-minted ids: the commit id, the rollback id and the authorship time are fixed
 * before any effect, so a retry or a recovery publishes the same commit.
 * @example
 * const ws = makeWriteSet({ branch: 'main', expectedHead: await graph.head(), writerKind: 'load', tables: [...] });
 */
export function makeWriteSet(input: WriteSetInput): WriteSet {
  const seen = new Set<string>();
  for (const t of input.tables) {
    if (seen.has(t.tableId)) throw new OmniError('internal', `write set touches table ${t.tableId} twice; merge its changes first`);
    seen.add(t.tableId);
    if (t.mode !== 'upsert' && t.deleteIds.length > 0) throw new OmniError('internal', `a ${t.mode} write of ${t.tableId} cannot delete ids`);
    if (t.mode === 'append' && (t.rows === null || t.rows.numRows === 0)) throw new OmniError('internal', `an append to ${t.tableId} has no rows`);
    if ((t.mode === 'index') !== (t.indexColumn !== undefined) || (t.mode === 'index' && t.rows !== null)) {
      throw new OmniError('internal', `write of ${t.tableId}: an index write names one column and carries no rows`);
    }
    if (new Set(t.deleteIds).size !== t.deleteIds.length) throw new OmniError('internal', `write set deletes an id of ${t.tableId} twice`);
  }
  return Object.freeze({
    ...input,
    operationId: input.operationId ?? newUlid(),
    commitId: input.commitId ?? newUlid(),
    rollbackId: input.rollbackId ?? newUlid(),
    createdAtMicros: input.createdAtMicros ?? nowMicros(),
    message: input.message ?? null,
    actor: input.actor ?? null,
    tables: Object.freeze([...input.tables]),
  });
}

/**
 * True when the write set changes nothing (a zero-effect write publishes no commit). A merge is never empty: its
 * two-parent commit records that the source was merged even when no row changes.
 */
export function isEmptyWriteSet(ws: WriteSet): boolean {
  if (ws.mergedParent !== undefined) return false;
  return ws.tables.every((t) => t.mode !== 'overwrite' && t.mode !== 'index' && (t.rows === null || t.rows.numRows === 0) && t.deleteIds.length === 0);
}

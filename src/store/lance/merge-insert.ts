// mergeInsert through the layer: full-row sources, unique keys, and LanceDB's row counts with the new version.
import type { Table } from '@lancedb/lancedb';
import { RequestError } from '../../errors/index.js';
import type { ArrowTable } from './arrow.js';
import { lanceCall, type LanceErrorContext } from './classify.js';
import { fieldNames } from './schema.js';

/**
 * What a `mergeInsert` does, keyed on one column. At least one clause must be given.
 * @example
 * // upsert
 * { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true }
 * // poison-CAS publish (design §3)
 * { on: 'object_id', whenMatchedUpdate: { where: poisonCasCondition('head_cas', expected) }, whenNotMatchedInsert: true }
 * // replace a partition: upsert the source, delete target rows of the partition missing from it
 * { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true, whenNotMatchedBySourceDelete: { where: "id IN ('a','b')" } }
 */
export interface MergeInsertSpec {
  /** The key column (the table's primary key). */
  readonly on: string;
  /** Update matched rows from the source: all of them, or those where the SQL condition holds (`target.`/`source.` prefixes). */
  readonly whenMatchedUpdate?: true | { readonly where: string };
  /** Insert source rows with no match. */
  readonly whenNotMatchedInsert?: boolean;
  /** Delete target rows with no source row: all of them, or those where the condition holds. */
  readonly whenNotMatchedBySourceDelete?: true | { readonly where: string };
  /** Let LanceDB use an index on the key (default true). */
  readonly useIndex?: boolean;
  /** Abort (including LanceDB's transparent retries) after this long; the outcome is then ambiguous. */
  readonly timeoutMs?: number;
}

/** The outcome of a `mergeInsert`, as LanceDB reports it. */
export interface MergeWriteResult {
  /** The table version this merge committed. */
  readonly version: number;
  readonly numInsertedRows: number;
  readonly numUpdatedRows: number;
  readonly numDeletedRows: number;
  /** Commit attempts LanceDB made (>1 when it rebased over concurrent commits). */
  readonly numAttempts: number;
}

/**
 * Run `spec` with `rows` as source on `table`. The source must carry every column of the table
 * (a partial-column conditional merge can panic LanceDB, research gotcha 4) and each key at most
 * once (LanceDB inserts duplicate source keys twice, even with a primary key); otherwise `bad_request`
 * before any effect.
 */
export async function runMergeInsert(table: Table, rows: ArrowTable, spec: MergeInsertSpec, context: LanceErrorContext): Promise<MergeWriteResult> {
  if (spec.whenMatchedUpdate === undefined && spec.whenNotMatchedInsert !== true && spec.whenNotMatchedBySourceDelete === undefined) {
    throw bad('a mergeInsert needs at least one clause (whenMatchedUpdate, whenNotMatchedInsert, whenNotMatchedBySourceDelete)', context);
  }
  const tableFields = fieldNames((await lanceCall(() => table.schema(), context)) as unknown as ArrowTable['schema']);
  const sourceFields = fieldNames(rows.schema);
  const missing = tableFields.filter((f) => !sourceFields.includes(f));
  const extra = sourceFields.filter((f) => !tableFields.includes(f));
  if (missing.length > 0 || extra.length > 0) {
    throw bad(`a mergeInsert source must carry full rows: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`, context, { missing, extra });
  }
  if (!tableFields.includes(spec.on)) throw bad(`merge key '${spec.on}' is not a column of the table`, context, { on: spec.on });
  assertUniqueKeys(rows, spec.on, context);

  let builder = table.mergeInsert(spec.on);
  if (spec.whenMatchedUpdate !== undefined) {
    builder = builder.whenMatchedUpdateAll(spec.whenMatchedUpdate === true ? undefined : { where: spec.whenMatchedUpdate.where });
  }
  if (spec.whenNotMatchedInsert === true) builder = builder.whenNotMatchedInsertAll();
  if (spec.whenNotMatchedBySourceDelete !== undefined) {
    builder = builder.whenNotMatchedBySourceDelete(
      spec.whenNotMatchedBySourceDelete === true ? undefined : { where: spec.whenNotMatchedBySourceDelete.where },
    );
  }
  if (spec.useIndex !== undefined) builder = builder.useIndex(spec.useIndex);
  const result = await lanceCall(
    () => builder.execute(rows as never, spec.timeoutMs === undefined ? undefined : { timeoutMs: spec.timeoutMs }),
    context,
  );
  return {
    version: result.version,
    numInsertedRows: result.numInsertedRows,
    numUpdatedRows: result.numUpdatedRows,
    numDeletedRows: result.numDeletedRows,
    numAttempts: result.numAttempts,
  };
}

function assertUniqueKeys(rows: ArrowTable, on: string, context: LanceErrorContext): void {
  const column = rows.getChild(on);
  if (column === null) return;
  const seen = new Set<unknown>();
  for (let i = 0; i < rows.numRows; i++) {
    const key: unknown = column.get(i);
    if (seen.has(key)) throw bad(`the mergeInsert source holds key ${String(key)} more than once`, context, { key: String(key) });
    seen.add(key);
  }
}

function bad(message: string, context: LanceErrorContext, extra: Record<string, unknown> = {}): RequestError {
  return new RequestError('bad_request', message, { details: { ...context, ...extra } });
}

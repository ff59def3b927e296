// Key indexes (btree on `id`, and `src`/`dst` of edges) built through the write protocol as content-neutral writes.
import { OmniError } from '../../errors/index.js';
import { MAIN_BRANCH, type GraphSnapshot, type HeadRecord, type PublishResult } from '../../manifest/index.js';
import { makeWriteSet, type TableWrite, type WriteSet } from '../writeset/index.js';

/** What building key indexes needs from the engine. */
export interface IndexHost {
  head(branch: string): Promise<HeadRecord>;
  snapshot(target: { readonly branch: string }): Promise<GraphSnapshot>;
  applyWriteSet(ws: WriteSet): Promise<PublishResult | null>;
}

/** Options of {@link ensureKeyIndexes}. */
export interface EnsureIndexOptions {
  /** Tables with fewer rows are left unindexed (a scan is as fast). Default 10,000. */
  readonly minRows?: number;
}

/** One index built: the table, the column and the commit that published it. */
export interface BuiltIndex {
  readonly tableKey: string;
  readonly column: string;
  readonly commitId: string;
}

/** Default {@link EnsureIndexOptions.minRows}. */
export const KEY_INDEX_MIN_ROWS = 10_000;
const MAX_ATTEMPTS = 4;

/**
 * Build every missing key index of `main`'s tables with at least `minRows` rows: `id` on every table, `src` and `dst`
 * on edge tables. One write set per column (each table of it advances by exactly one version), writer kind
 * `index_build`, so a crash is recovered like any write; the commits change no rows. Branches inherit main's indexes
 * at their fork; a fork of a fork drops what it inherits (LanceDB cannot read an index inherited twice), and their
 * own writes stay unindexed until merged back. A head that moves meanwhile is read again (the writes are
 * content-neutral, so retrying is always safe).
 * @example
 * const built = await ensureKeyIndexes(graph, { minRows: 1 });
 */
export async function ensureKeyIndexes(host: IndexHost, options: EnsureIndexOptions = {}): Promise<BuiltIndex[]> {
  const minRows = options.minRows ?? KEY_INDEX_MIN_ROWS;
  if (!Number.isSafeInteger(minRows) || minRows < 0) throw new OmniError('bad_request', `minRows must be a non-negative integer, not ${minRows}`, { details: { min_rows: minRows } });
  const built: BuiltIndex[] = [];
  for (const column of ['id', 'src', 'dst'] as const) {
    for (let attempt = 1; ; attempt++) {
      const head = await host.head(MAIN_BRANCH);
      const snap = await host.snapshot({ branch: MAIN_BRANCH });
      const tables: TableWrite[] = [];
      for (const t of snap.tables) {
        if (t.rowCount < minRows || t.branch !== null || (column !== 'id' && t.entityKind !== 'edge')) continue;
        const reader = await snap.open(t);
        if ((await reader.indexedColumns()).includes(column)) continue;
        tables.push({ tableId: t.tableId, tableKey: t.tableKey, mode: 'index', rows: null, deleteIds: [], indexColumn: column });
      }
      if (tables.length === 0) break;
      const ws = makeWriteSet({ branch: MAIN_BRANCH, expectedHead: head, writerKind: 'index_build', message: `index ${column}`, tables });
      try {
        const r = await host.applyWriteSet(ws);
        for (const t of tables) built.push({ tableKey: t.tableKey, column, commitId: r?.commitId ?? ws.commitId });
        break;
      } catch (err) {
        if (!(err instanceof OmniError) || err.code !== 'read_set_conflict' || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }
  return built;
}

// Reads of committed rows a write's checks need, through the snapshot the write was prepared against.
import type { EdgeType, NodeType } from '../../compiler/index.js';
import type { GraphSnapshot } from '../../manifest/index.js';
import { sqlString, type ArrowTable } from '../../store/lance/index.js';

const CHUNK = 512;

/** `ids` in batches of at most `size` (the largest `IN (…)` list one scan carries). */
export function* idChunks(ids: Iterable<string>, size = CHUNK): Generator<string[]> {
  let batch: string[] = [];
  for (const id of ids) {
    batch.push(id);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The SQL `id IN (…)` of some ids. */
export function idInList(column: string, ids: readonly string[]): string {
  return `${column} IN (${ids.map(sqlString).join(', ')})`;
}

/** Scan a type's committed table (empty table when the snapshot has none). */
export async function scanCommitted(snap: GraphSnapshot, type: NodeType | EdgeType, options: { filter?: string; columns?: readonly string[] } = {}): Promise<ArrowTable | null> {
  const pin = snap.table(type.kind, type.name);
  if (pin === undefined || pin.rowCount === 0) return null;
  const table = await snap.open(pin);
  return table.scan({ ...(options.filter === undefined ? {} : { filter: options.filter }), ...(options.columns === undefined ? {} : { columns: options.columns }) });
}

/** Above this many ids, {@link committedIds} may read the whole id column once instead of `IN (…)` lists. */
const SCAN_ALL_MIN = 8 * CHUNK;
/** Rows one `IN (…)` lookup is taken to cost, when choosing between lookups and one scan of every id. */
const ROWS_PER_LOOKUP = 16_384;

/**
 * Which of `ids` exist in the committed table of `type`. A few ids are looked up in `IN (…)` batches; many ids
 * (a bulk load) against a table not much larger are found by reading the committed id column once.
 */
export async function committedIds(snap: GraphSnapshot, type: NodeType | EdgeType, ids: Iterable<string>): Promise<Set<string>> {
  const found = new Set<string>();
  const pin = snap.table(type.kind, type.name);
  if (pin === undefined || pin.rowCount === 0) return found;
  const table = await snap.open(pin);
  const list = Array.isArray(ids) ? (ids as readonly string[]) : [...ids];
  if (list.length > SCAN_ALL_MIN && pin.rowCount <= Math.ceil(list.length / CHUNK) * ROWS_PER_LOOKUP) {
    const wanted = new Set(list);
    const t = await table.scan({ columns: ['id'] });
    const col = t.getChild('id');
    for (let i = 0; i < t.numRows; i++) {
      const id = String(col?.get(i));
      if (wanted.has(id)) found.add(id);
    }
    return found;
  }
  for (const batch of idChunks(list)) {
    const t = await table.scan({ filter: idInList('id', batch), columns: ['id'] });
    const col = t.getChild('id');
    for (let i = 0; i < t.numRows; i++) found.add(String(col?.get(i)));
  }
  return found;
}

/** String columns of a committed table, row by row (for id/src/dst and unique members). */
export async function committedColumns(snap: GraphSnapshot, type: NodeType | EdgeType, columns: readonly string[], filter?: string): Promise<{ table: ArrowTable; get: (col: string, i: number) => unknown } | null> {
  const t = await scanCommitted(snap, type, { columns, ...(filter === undefined ? {} : { filter }) });
  if (t === null) return null;
  const vecs = new Map(columns.map((c) => [c, t.getChild(c)]));
  return { table: t, get: (c, i) => vecs.get(c)?.get(i) ?? null };
}

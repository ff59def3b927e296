// Entity rows of one table read by id from a pinned snapshot, and content equality of two row images.
import type { EdgeType, LogicalValue, NodeType } from '../../compiler/index.js';
import type { TableReader } from '../../store/lance/index.js';
import { idChunks, idInList } from '../staging/committed.js';
import { arrowToStaged, type StagedRow } from '../staging/physical-rows.js';

/**
 * The rows of `ids` (every row when `ids` is `'all'`) in `reader`, by id, as logical images; absent ids are missing
 * from the map. `reader` null = the table does not exist on that side.
 */
export async function readEntities(reader: TableReader | null, type: NodeType | EdgeType, ids: Iterable<string> | 'all'): Promise<Map<string, StagedRow>> {
  const out = new Map<string, StagedRow>();
  if (reader === null) return out;
  const columns = type.table.columns.map((c) => c.name);
  const add = (rows: StagedRow[]): void => {
    for (const r of rows) out.set(r.id, r);
  };
  if (ids === 'all') {
    add(arrowToStaged(type, await reader.scan({ columns })));
    return out;
  }
  for (const batch of idChunks(ids)) add(arrowToStaged(type, await reader.scan({ filter: idInList('id', batch), columns })));
  return out;
}

/**
 * The rows of some entities looked up by stable row id (a point read, not a scan): `wanted` maps entity id → the row
 * id it had on another branch of the same lineage. Row ids are allocated per native branch, so a hit counts only
 * when its `id` is the one asked for; the caller reads the other ids by id.
 */
export async function readEntitiesByRowId(reader: TableReader, type: NodeType | EdgeType, wanted: ReadonlyMap<string, bigint>): Promise<Map<string, StagedRow>> {
  const found = new Map<string, StagedRow>();
  if (wanted.size === 0) return found;
  const table = await reader.takeRowIds([...wanted.values()], type.table.columns.map((c) => c.name));
  for (const row of arrowToStaged(type, table)) if (wanted.has(row.id)) found.set(row.id, row);
  return found;
}

/**
 * True when two images of an entity are equal: same endpoints and every property equal under typed comparison
 * (lists structurally, null distinct from empty, blobs by content). Absent (`undefined`) equals only absent.
 */
export function sameEntity(a: StagedRow | undefined, b: StagedRow | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.id !== b.id || a.src !== b.src || a.dst !== b.dst) return false;
  const keys = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  for (const k of keys) if (canonical(a.values[k] ?? null) !== canonical(b.values[k] ?? null)) return false;
  return true;
}

/** A stable text form of a logical value for equality (bigints and typed arrays included). */
export function canonical(v: LogicalValue | unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return `${x}n`;
    if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return Array.from(x as unknown as ArrayLike<number>);
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
      return Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)));
    }
    return x;
  });
}

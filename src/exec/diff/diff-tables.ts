// Entity-level differences between two graph states, table by table through the shared delta machinery.
import type { Catalog, EdgeType, NodeType } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import { tableIdOf, type GraphSnapshot, type ManifestState, type SnapshotTable } from '../../manifest/index.js';
import type { BranchInfo, TableReader } from '../../store/lance/index.js';
import { candidateIds, readEntities, samePin, sameEntity } from '../delta/index.js';
import type { StagedRow } from '../staging/physical-rows.js';
import { admitsOp, typesOf, type ChangeOp, type NormalizedFilter } from './change-filter.js';

/** One side of a diff: a manifest state and the snapshot built from it. */
export interface DiffSide {
  readonly state: ManifestState;
  readonly snap: GraphSnapshot;
}

/** One entity that differs between two sides, with its images (insert: after only; delete: before only). */
export interface EntityDelta {
  readonly type: NodeType | EdgeType;
  readonly id: string;
  readonly op: ChangeOp;
  readonly before?: StagedRow;
  readonly after?: StagedRow;
  /** Published version of the table on the side that shows the change: `to`, or `from` when `to` lacks the table. */
  readonly version: number;
}

/** Native branch listings of tables, fetched once per table per diff. */
export type ForkCache = Map<string, Promise<ReadonlyMap<string, BranchInfo>>>;

/**
 * Every entity the filter admits that differs between `from` and `to` (`from` null = an empty graph, the side
 * before genesis). Tables pair by identity; a table on the same (native branch, version) on both sides is skipped;
 * the rest compare only the candidate ids of `candidateIds` by content, so rewrites of identical values are no
 * change. `change_schema_boundary` when a table whose pin differs belongs to no type of the accepted catalog.
 * Deltas come per type (the filter's type order), each sorted by id.
 */
export async function diffStates(catalog: Catalog, from: DiffSide | null, to: DiffSide, filter: NormalizedFilter, forks: ForkCache = new Map()): Promise<EntityDelta[]> {
  checkSchemaBoundary(catalog, from, to, filter);
  const out: EntityDelta[] = [];
  for (const type of typesOf(catalog, filter)) {
    const tableId = tableIdOf(type.kind, type.table.identity);
    const a = from === null ? undefined : tableOf(from.snap, tableId);
    const b = tableOf(to.snap, tableId);
    if (a === undefined && b === undefined) continue;
    if (a !== undefined && b !== undefined && samePin(a, b)) continue;
    const readerA = a === undefined ? null : await from!.snap.open(a);
    const readerB = b === undefined ? null : await to.snap.open(b);
    let ids: Iterable<string> | 'all' = 'all';
    if (a !== undefined && b !== undefined) {
      const c = await candidateIds({ pin: a, state: from!.state, reader: readerA! }, { pin: b, state: to.state, reader: readerB! }, await forksOf(forks, tableId, readerB!));
      if (!c.full) ids = c.ids;
    }
    const before = await readEntities(readerA, type, ids);
    const after = await readEntities(readerB, type, ids);
    const all = ids === 'all' ? new Set([...before.keys(), ...after.keys()]) : new Set(ids);
    const version = (b ?? a)!.version;
    for (const id of [...all].sort(byCodeUnits)) {
      const x = before.get(id);
      const y = after.get(id);
      const op: ChangeOp | null = x === undefined ? (y === undefined ? null : 'insert') : y === undefined ? 'delete' : sameEntity(x, y) ? null : 'update';
      if (op === null || !admitsOp(filter, op)) continue;
      out.push({ type, id, op, ...(x === undefined ? {} : { before: x }), ...(y === undefined ? {} : { after: y }), version });
    }
  }
  return out;
}

/** Plain UTF-16 code-unit order (stable across runtimes and locales). */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tableOf(snap: GraphSnapshot, tableId: string): SnapshotTable | undefined {
  return snap.tables.find((t) => t.tableId === tableId);
}

function forksOf(cache: ForkCache, tableId: string, reader: TableReader): Promise<ReadonlyMap<string, BranchInfo>> {
  let p = cache.get(tableId);
  if (p === undefined) {
    p = reader.listBranches();
    cache.set(tableId, p);
    p.catch(() => cache.delete(tableId));
  }
  return p;
}

/**
 * Refuse a diff across a schema change: a table pinned on either side, with a different pin on the other, whose
 * identity no type of the accepted catalog has (its rows cannot be decoded with this schema). Without schema apply
 * this only arises for graphs changed by a newer build.
 */
function checkSchemaBoundary(catalog: Catalog, from: DiffSide | null, to: DiffSide, filter: NormalizedFilter): void {
  const known = new Set([...Object.values(catalog.nodes), ...Object.values(catalog.edges)].map((t) => tableIdOf(t.kind, t.table.identity)));
  const sides = [from?.snap.tables ?? [], to.snap.tables];
  for (const [i, tables] of sides.entries()) {
    for (const t of tables) {
      if (known.has(t.tableId)) continue;
      if (filter.kinds.length > 0 && !filter.kinds.includes(t.entityKind)) continue;
      if (filter.types.length > 0 && !filter.types.includes(t.typeName)) continue;
      const other = (i === 0 ? sides[1]! : sides[0]!).find((o) => o.tableId === t.tableId);
      if (other !== undefined && samePin(t, other)) continue;
      throw new OmniError('change_schema_boundary', `the diff crosses a schema change of ${t.entityKind} type '${t.typeName}' (its table is not in the accepted schema); read it with a baseline export instead`, {
        details: { type_name: t.typeName, entity_kind: t.entityKind },
      });
    }
  }
}

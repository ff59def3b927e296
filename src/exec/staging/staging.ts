// Per-table pending rows of one mutation: later statements read committed rows overlaid with earlier statements' effects.
import type { Catalog, EdgeType, NodeType } from '../../compiler/index.js';
import type { GraphSnapshot } from '../../manifest/index.js';
import { evaluateFilter, lowerFilter, typeColumnResolver, type FilterExpr, type FilterValues } from '../predicate/index.js';
import { committedColumns, idChunks, idInList, scanCommitted } from './committed.js';
import { arrowToStaged, filterRowOf, type StagedRow } from './physical-rows.js';
import { DeltaSet, recordDelete, recordWrite, type RowOrigin } from './type-delta.js';

/** The pending state of one type: rows written by earlier statements (by id) and ids deleted. */
export interface PendingTable {
  readonly type: NodeType | EdgeType;
  readonly rows: Map<string, StagedRow>;
  readonly deleted: Set<string>;
}

/** Read-your-writes staging over a snapshot: what a mutation has done so far, and reads that see it. */
export class Staging {
  readonly tables = new Map<string, PendingTable>();
  readonly deltas: DeltaSet;

  constructor(
    readonly catalog: Catalog,
    readonly snap: GraphSnapshot,
  ) {
    this.deltas = new DeltaSet(catalog);
  }

  /** The pending table of `type`, created on first use. */
  table(type: NodeType | EdgeType): PendingTable {
    const key = `${type.kind}:${type.name}`;
    let t = this.tables.get(key);
    if (t === undefined) {
      t = { type, rows: new Map(), deleted: new Set() };
      this.tables.set(key, t);
    }
    return t;
  }

  /** Stage a whole row (insert, upsert or update result); unique tuples within the mutation are checked here. */
  write(type: NodeType | EdgeType, row: StagedRow, origin: RowOrigin): void {
    const t = this.table(type);
    const previous = t.rows.get(row.id);
    recordWrite(this.deltas.of(type), row, origin, previous);
    t.rows.set(row.id, row);
    t.deleted.delete(row.id);
  }

  /** Stage the deletion of `id`; false when it was already deleted by this mutation. */
  delete(type: NodeType | EdgeType, id: string): boolean {
    const t = this.table(type);
    if (t.deleted.has(id)) return false;
    recordDelete(this.deltas.of(type), id, t.rows.get(id));
    t.rows.delete(id);
    t.deleted.add(id);
    return true;
  }

  /**
   * The current rows of `type` matching `filter`: committed rows (filtered in Lance when the filter lowers exactly,
   * else by the evaluator) not shadowed by this mutation, then staged rows matching by the evaluator.
   */
  async match(type: NodeType | EdgeType, filter: FilterExpr, values: FilterValues): Promise<StagedRow[]> {
    const t = this.tables.get(`${type.kind}:${type.name}`);
    const sql = lowerFilter(filter, { ...values, column: typeColumnResolver(type) });
    const out: StagedRow[] = [];
    const table = await scanCommitted(this.snap, type, sql === null ? {} : { filter: sql });
    if (table !== null) {
      for (const row of arrowToStaged(type, table)) {
        if (t?.rows.has(row.id) || t?.deleted.has(row.id)) continue;
        if (sql === null && !evaluateFilter(filter, filterRowOf(row), values)) continue;
        out.push(row);
      }
    }
    for (const row of t?.rows.values() ?? []) if (evaluateFilter(filter, filterRowOf(row), values)) out.push(row);
    return out;
  }

  /** Ids of current edges of `edge` whose `src` (or `dst`) is one of `nodeIds`. */
  async incidentEdges(edge: EdgeType, end: 'src' | 'dst', nodeIds: readonly string[]): Promise<string[]> {
    const t = this.tables.get(`edge:${edge.name}`);
    const found = new Set<string>();
    for (const batch of idChunks(nodeIds)) {
      const rows = await committedColumns(this.snap, edge, ['id'], idInList(end, batch));
      for (let k = 0; k < (rows?.table.numRows ?? 0); k++) {
        const id = String(rows!.get('id', k));
        if (!t?.deleted.has(id) && !t?.rows.has(id)) found.add(id);
      }
    }
    const wanted = new Set(nodeIds);
    for (const row of t?.rows.values() ?? []) if (wanted.has((end === 'src' ? row.src : row.dst) ?? '')) found.add(row.id);
    return [...found];
  }
}

// In-memory column data of one pinned node or edge table: ids, dense id map, lazily loaded property columns.
import type { ColumnLayout, TableLayout } from '../compiler/index.js';
import { OmniError } from '../errors/index.js';
import type { ArrowTable, ScanOptions } from '../store/lance/index.js';
import { columnValues, type CellValue } from './arrow-values.js';

/** The read side of one pinned table (a `TableSnapshot`). */
export interface TableScanner {
  scan(options?: ScanOptions): Promise<ArrowTable>;
}

/** A table pinned by a snapshot: its identity and version, and how to open it. */
export interface PinnedTable {
  readonly tableId: string;
  readonly branch: string | null;
  readonly version: number;
  open(): Promise<TableScanner>;
}

/** The cache key of a pinned table. */
export function pinKey(p: Pick<PinnedTable, 'tableId' | 'branch' | 'version'>): string {
  return `${p.tableId}@${p.branch ?? ''}#${p.version}`;
}

/** Rows of one table in memory, addressed by row index (the dense id for node tables). */
export class TableData {
  readonly layout: TableLayout;
  /** Number of rows. */
  readonly size: number;
  readonly #pin: PinnedTable;
  readonly #columns = new Map<string, Promise<readonly CellValue[]>>();
  readonly #loaded = new Map<string, readonly CellValue[]>();

  /** @internal Built by {@link loadTableData}. */
  constructor(layout: TableLayout, pin: PinnedTable, size: number, system: ReadonlyMap<string, readonly CellValue[]>) {
    this.layout = layout;
    this.#pin = pin;
    this.size = size;
    for (const [k, v] of system) this.#loaded.set(k, v);
  }

  /** The `id` of every row (edge tables load it on demand with `load('id')`). */
  get ids(): readonly string[] {
    return this.values('id') as readonly string[];
  }

  /** Drop a loaded column (the edge endpoints once the CSR holds them); a later `load` reads it again. */
  release(property: string): void {
    this.#loaded.delete(property);
    this.#columns.delete(property);
  }

  /** True when the column of `property` is in memory. */
  isLoaded(property: string): boolean {
    return this.#loaded.has(property);
  }

  #column(property: string): ColumnLayout {
    const col = this.layout.columns.find((c) => c.property === property || (c.property === null && c.name === property));
    if (col === undefined) throw new OmniError('internal', `${this.layout.typeName} has no column for '${property}'`);
    return col;
  }

  /** Load the column of `property` (a property name, or `src`/`dst`) once. */
  async load(property: string): Promise<readonly CellValue[]> {
    const hit = this.#loaded.get(property);
    if (hit !== undefined) return hit;
    let p = this.#columns.get(property);
    if (p === undefined) {
      const col = this.#column(property);
      p = this.#pin
        .open()
        .then((t) => t.scan({ columns: [col.name] }))
        .then((t) => {
          const values = columnValues(t, col.name, col.type);
          this.#loaded.set(property, values);
          return values;
        });
      p.catch(() => this.#columns.delete(property));
      this.#columns.set(property, p);
    }
    return p;
  }

  /** A column already loaded with {@link load}. */
  values(property: string): readonly CellValue[] {
    const v = this.#loaded.get(property);
    if (v === undefined) throw new OmniError('internal', `column '${property}' of ${this.layout.typeName} was not loaded before execution`);
    return v;
  }
}

/** A node table in memory: row index = dense id. */
export class NodeData extends TableData {
  readonly #index = new Map<string, number>();

  /** @internal Built by {@link loadNodeData}. */
  constructor(layout: TableLayout, pin: PinnedTable, ids: readonly string[]) {
    super(layout, pin, ids.length, new Map([['id', ids]]));
    for (let i = 0; i < ids.length; i++) this.#index.set(ids[i] as string, i);
  }

  /** The dense id of node `id`, or -1. */
  denseId(id: string): number {
    return this.#index.get(id) ?? -1;
  }
}

/** Load the ids of a node table (properties load lazily). */
export async function loadNodeData(layout: TableLayout, pin: PinnedTable): Promise<NodeData> {
  const t = await (await pin.open()).scan({ columns: ['id'] });
  return new NodeData(layout, pin, columnValues(t, 'id', { kind: 'utf8' }) as string[]);
}

/** Load the endpoints of an edge table (ids and properties load lazily). */
export async function loadEdgeData(layout: TableLayout, pin: PinnedTable): Promise<TableData> {
  const t = await (await pin.open()).scan({ columns: ['src', 'dst'] });
  const utf8 = { kind: 'utf8' } as const;
  const system = new Map([
    ['src', columnValues(t, 'src', utf8)],
    ['dst', columnValues(t, 'dst', utf8)],
  ]);
  return new TableData(layout, pin, t.numRows, system);
}

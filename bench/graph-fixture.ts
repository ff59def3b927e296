// Fixture of the graph-store benchmark: the generated 20-type schema, row makers, seeding and publish requests.
import { lineageRequest as lineageRequestOf } from '../test/support/graph-ops.js';
import type { Catalog } from '../src/compiler/index.js';
import type { Omnigraph } from '../src/engine.js';
import { catalogTables, type GraphSnapshot, type HeadRecord, type PublishRequest, type TablePin } from '../src/manifest/index.js';
import { rowsToArrow, schemaFromColumns, type ArrowTable, type ColumnSpec, type LanceConnection } from '../src/store/lance/index.js';
import { newUlid, nowMicros } from '../src/util/ids.js';

/** Node types of the bench schema. */
export const NODE_TYPES = 15;
/** Edge types of the bench schema. */
export const EDGE_TYPES = 5;

/** Name of the `i`-th node type (`T00` … `T14`). */
export function nodeTypeName(i: number): string {
  return `T${String(i).padStart(2, '0')}`;
}

/**
 * The bench schema: 15 node types (a String @key and four optional properties) and 5 edge types between them (two
 * optional properties), 20 tables in all.
 */
export function benchSchema(): string {
  const out: string[] = [];
  for (let i = 0; i < NODE_TYPES; i++) {
    out.push(`node ${nodeTypeName(i)} {\n  name: String @key\n  age: I32?\n  score: F64?\n  note: String?\n  active: Bool?\n}`);
  }
  for (let i = 0; i < EDGE_TYPES; i++) {
    out.push(`edge L${i}: ${nodeTypeName(i)} -> ${nodeTypeName(i + 1)} {\n  weight: F64?\n  label: String?\n}`);
  }
  return out.join('\n');
}

/** Physical column layout of one table of the catalog (by LanceDB table id). */
export interface BenchTable {
  readonly tableId: string;
  readonly tableKey: string;
  readonly columns: readonly ColumnSpec[];
}

/** Every table of the catalog with its physical columns, node tables first in type order. */
export function benchTables(catalog: Catalog): BenchTable[] {
  return catalogTables(catalog)
    .map((t) => ({ tableId: t.tableId, tableKey: t.tableKey, columns: t.layout.columns as readonly ColumnSpec[] }))
    .sort((a, b) => {
      const ka = `${a.tableKey.startsWith('node:') ? 0 : 1}${a.tableKey}`;
      const kb = `${b.tableKey.startsWith('node:') ? 0 : 1}${b.tableKey}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

/** The table of node type `typeName`. */
export function nodeTable(catalog: Catalog, typeName: string): BenchTable {
  const t = benchTables(catalog).find((x) => x.tableKey === `node:${typeName}`);
  if (t === undefined) throw new Error(`no node type ${typeName}`);
  return t;
}

/** Full physical rows `from` … `from + count - 1` for `columns`, ids `<tag>-<i>` (every column filled). */
export function makeRows(columns: readonly ColumnSpec[], tag: string, from: number, count: number, salt = 0): ArrowTable {
  const rows: Record<string, unknown>[] = [];
  for (let i = from; i < from + count; i++) {
    const row: Record<string, unknown> = {};
    for (const c of columns) {
      const k = c.type.kind;
      if (c.name === 'id') row[c.name] = `${tag}-${i}`;
      else if (c.name === 'src' || c.name === 'dst') row[c.name] = `${c.name}-${i}`;
      else if (k === 'utf8') row[c.name] = `${c.name}-${tag}-${i}-${salt}`;
      else if (k === 'int') row[c.name] = (i + salt) % 1000;
      else if (k === 'float') row[c.name] = (i + salt) / 2;
      else if (k === 'bool') row[c.name] = (i + salt) % 2 === 0;
      else throw new Error(`bench rows: no maker for column ${c.name} of kind ${k}`);
    }
    rows.push(row);
  }
  return rowsToArrow(schemaFromColumns(columns), rows);
}

/** A fresh commit intent. */
export function commitIntent(kind = 'bench') {
  return { id: newUlid(), actor: 'bench', createdAtMicros: nowMicros(), kind, message: null, operationId: null };
}

/**
 * Append `rowsPerTable` rows to every table of the graph; returns the publish of all the new pins in one commit
 * (exact head), for the caller to send.
 */
export async function seedRequest(graph: Omnigraph, dataConn: LanceConnection, rowsPerTable: number): Promise<PublishRequest> {
  const snap = await graph.snapshot();
  const head = await graph.head();
  const pins: TablePin[] = [];
  const expected = new Map<string, { branch: string | null; version: number }>();
  for (const t of benchTables(graph.catalog)) {
    const pin = snap.tables.find((p) => p.tableId === t.tableId);
    if (pin === undefined) throw new Error(`snapshot lacks table ${t.tableId}`);
    const handle = await dataConn.openHead(t.tableId);
    const { version } = await handle.append(makeRows(t.columns, 'seed', 0, rowsPerTable));
    handle.close();
    expected.set(t.tableId, { branch: pin.branch, version: pin.version });
    pins.push({ tableId: t.tableId, tableKey: t.tableKey, branch: null, version, rowCount: pin.rowCount + rowsPerTable, deletedIds: [], fullRewrite: false });
  }
  return {
    branch: 'main',
    precondition: { kind: 'exact', head },
    expectedPins: expected,
    registrations: [],
    pins,
    tombstones: [],
    commit: commitIntent('seed'),
  };
}

/**
 * The publish of one appended table version, as the write protocol would send it (the `appendAndPublish` shape of
 * test/support/graph-ops.ts): exact head, expected pin, one new pin.
 */
export function pinPublishRequest(snap: GraphSnapshot, head: HeadRecord, table: BenchTable, version: number, added: number): PublishRequest {
  const pin = snap.tables.find((p) => p.tableId === table.tableId);
  if (pin === undefined) throw new Error(`snapshot lacks table ${table.tableId}`);
  return {
    branch: 'main',
    precondition: { kind: 'exact', head },
    expectedPins: new Map([[table.tableId, { branch: pin.branch, version: pin.version }]]),
    registrations: [],
    pins: [{ tableId: table.tableId, tableKey: pin.tableKey, branch: null, version, rowCount: pin.rowCount + added, deletedIds: [], fullRewrite: false }],
    tombstones: [],
    commit: commitIntent(),
  };
}

/** A lineage-only publish (no pins) on whatever head is current: the cheapest honest commit. */
export function lineageRequest(): PublishRequest {
  return lineageRequestOf('bench', 'lineage');
}

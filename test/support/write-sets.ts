// Building write sets for the test schema (TEST_SCHEMA of graph-ops.ts) from rows keyed by property name.
import type { Catalog } from '../../src/compiler/index.js';
import { makeWriteSet, type TableWrite, type TableWriteMode, type WriteSet } from '../../src/exec/writeset/index.js';
import { tableIdOf, type HeadRecord } from '../../src/manifest/index.js';
import { rowsToArrow, schemaFromColumns } from '../../src/store/lance/index.js';

/** One table change by type name. */
export interface TypeChange {
  readonly kind: 'node' | 'edge';
  readonly type: string;
  readonly mode: TableWriteMode;
  readonly rows?: readonly Record<string, unknown>[];
  readonly deleteIds?: readonly string[];
}

/** A table write from rows keyed by property name (plus `id`, `src`, `dst`). */
export function tableWrite(catalog: Catalog, c: TypeChange): TableWrite {
  const t = c.kind === 'node' ? catalog.nodes[c.type] : catalog.edges[c.type];
  if (t === undefined) throw new Error(`no ${c.kind} type ${c.type}`);
  const columns = t.table.columns;
  const physical = (c.rows ?? []).map((r) => Object.fromEntries(columns.map((col) => [col.name, col.property === null ? r[col.name] : r[col.property]])));
  return {
    tableId: tableIdOf(c.kind, t.table.identity),
    tableKey: `${c.kind}:${c.type}`,
    mode: c.mode,
    rows: c.rows === undefined ? null : rowsToArrow(schemaFromColumns(columns), physical),
    deleteIds: c.deleteIds ?? [],
  };
}

/** A write set on `branch` against `head`. */
export function writeSet(catalog: Catalog, head: HeadRecord, changes: readonly TypeChange[], extra: { actor?: string; branch?: string } = {}): WriteSet {
  return makeWriteSet({
    branch: extra.branch ?? head.branch,
    expectedHead: head,
    writerKind: 'mutation',
    actor: extra.actor ?? 'tester',
    tables: changes.map((c) => tableWrite(catalog, c)),
  });
}

/** People rows `p<from>`…`p<to - 1>`. */
export function people(from: number, to: number): Record<string, unknown>[] {
  return Array.from({ length: to - from }, (_, k) => ({ id: `p${from + k}`, name: `P${from + k}`, age: (from + k) % 90 }));
}

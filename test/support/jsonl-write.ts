// Writing load-envelope JSONL into a graph through one write set (tests; the real loader lives in src/exec/load).
import { validateLoadLine } from '../../src/compiler/index.js';
import type { Omnigraph } from '../../src/engine.js';
import { stagedToArrow, type StagedRow } from '../../src/exec/staging/physical-rows.js';
import { makeWriteSet, type TableWrite } from '../../src/exec/writeset/index.js';
import { tableIdOf } from '../../src/manifest/index.js';
import { newUlid } from '../../src/util/ids.js';

/** Append the entities of `lines` (load envelopes) to `branch` in one commit. */
export async function writeJsonl(graph: Omnigraph, lines: readonly string[], options: { readonly branch?: string } = {}): Promise<void> {
  const byType = new Map<string, { kind: 'node' | 'edge'; rows: StagedRow[] }>();
  lines.forEach((text, i) => {
    const r = validateLoadLine(graph.catalog, text, i + 1);
    if (!r.ok) throw new Error(`line ${i + 1}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    const rec = r.record;
    if (rec === null) return;
    const key = `${rec.kind}:${rec.typeName}`;
    const entry = byType.get(key) ?? { kind: rec.kind, rows: [] };
    byType.set(key, entry);
    entry.rows.push(rec.kind === 'node' ? { id: rec.id ?? newUlid(), values: rec.values } : { id: rec.id ?? newUlid(), src: rec.from, dst: rec.to, values: rec.values });
  });
  const tables: TableWrite[] = [...byType.entries()].map(([key, { kind, rows }]) => {
    const typeName = key.slice(kind.length + 1);
    const type = kind === 'node' ? graph.catalog.nodes[typeName]! : graph.catalog.edges[typeName]!;
    return { tableId: tableIdOf(kind, type.table.identity), tableKey: key, mode: 'append', rows: stagedToArrow(type, rows), deleteIds: [] };
  });
  const branch = options.branch ?? 'main';
  await graph.applyWriteSet(makeWriteSet({ branch, expectedHead: await graph.head(branch), writerKind: 'load', actor: 'tester', tables }));
}

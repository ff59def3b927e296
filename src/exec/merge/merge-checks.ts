// Post-merge validation (spec branching §7.6): the merged delta checked against the target, violations as conflicts.
import { checkRowConstraints, type Catalog, type EdgeType, type NodeType } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import type { GraphSnapshot } from '../../manifest/index.js';
import { checkDeltas } from '../staging/constraints.js';
import { committedIds, idChunks, idInList, scanCommitted } from '../staging/committed.js';
import { DeltaSet, recordDelete, recordWrite } from '../staging/type-delta.js';
import type { TableMergeResult } from './table-merge.js';
import type { MergeConflict } from './three-way.js';

/**
 * Validate the merged delta against the target snapshot and return every violation as a conflict: value constraints
 * of written rows (enum, `@range`, `@check`), orphan edges both ways (an edge written by the merge whose endpoint is
 * absent from the result; a target edge left pointing at a node the merge deletes), then `@unique` and `@card` on
 * the result (the first violation of each, as the write path reports them). Never creates placeholder nodes.
 */
export async function checkMerged(catalog: Catalog, target: GraphSnapshot, results: readonly TableMergeResult[]): Promise<MergeConflict[]> {
  const conflicts: MergeConflict[] = [];
  const byKey = new Map(results.map((r) => [r.typeKey, r]));
  for (const r of results) {
    for (const row of r.writes) {
      for (const v of checkRowConstraints(r.type, row.values)) conflicts.push({ typeKey: r.typeKey, entityId: null, kind: 'value_constraint_violation', message: v.message });
    }
  }
  conflicts.push(...(await orphansOfWrittenEdges(catalog, target, results, byKey)));
  conflicts.push(...(await orphansOfDeletedNodes(catalog, target, byKey)));
  if (conflicts.length > 0) return conflicts;
  const deltas = new DeltaSet(catalog);
  try {
    for (const r of results) {
      const d = deltas.of(r.type);
      for (const row of r.writes) recordWrite(d, row, 'merge');
      r.deletedRows.forEach((row) => recordDelete(d, row.id, row));
    }
    await checkDeltas(catalog, target, deltas, { skipReferential: true });
  } catch (err) {
    if (!(err instanceof OmniError) || err.code !== 'constraint_violation') throw err;
    const details = (err.details ?? {}) as Record<string, unknown>;
    const typeName = typeof details['type'] === 'string' ? details['type'] : typeof details['edge'] === 'string' ? details['edge'] : '';
    const type: NodeType | EdgeType | undefined = catalog.nodes[typeName] ?? catalog.edges[typeName];
    const unique = Array.isArray(details['unique']);
    conflicts.push({
      typeKey: type === undefined ? typeName : `${type.kind}:${type.name}`,
      entityId: unique && typeof details['id'] === 'string' ? details['id'] : null,
      kind: unique ? 'unique_violation' : 'cardinality_violation',
      message: err.message,
    });
  }
  return conflicts;
}

/** Node ids of `node` that exist after the merge, restricted to `ids`. */
async function existingAfterMerge(target: GraphSnapshot, node: NodeType, merged: TableMergeResult | undefined, ids: readonly string[]): Promise<Set<string>> {
  const written = new Set(merged?.writes.map((r) => r.id) ?? []);
  const deleted = new Set(merged?.deletes ?? []);
  const out = new Set(ids.filter((id) => written.has(id)));
  const ask = ids.filter((id) => !written.has(id) && !deleted.has(id));
  for (const id of await committedIds(target, node, ask)) out.add(id);
  return out;
}

async function orphansOfWrittenEdges(catalog: Catalog, target: GraphSnapshot, results: readonly TableMergeResult[], byKey: ReadonlyMap<string, TableMergeResult>): Promise<MergeConflict[]> {
  const out: MergeConflict[] = [];
  for (const r of results) {
    if (r.type.kind !== 'edge' || r.writes.length === 0) continue;
    const e = r.type;
    for (const end of ['src', 'dst'] as const) {
      const node = catalog.nodes[end === 'src' ? e.from : e.to]!;
      const wanted = [...new Set(r.writes.map((w) => (end === 'src' ? w.src! : w.dst!)))];
      const live = await existingAfterMerge(target, node, byKey.get(`node:${node.name}`), wanted);
      for (const w of r.writes) {
        const id = end === 'src' ? w.src! : w.dst!;
        if (!live.has(id)) out.push({ typeKey: r.typeKey, entityId: w.id, kind: 'orphan_edge', message: `${end} '${id}' not found in ${node.name}` });
      }
    }
  }
  return out;
}

async function orphansOfDeletedNodes(catalog: Catalog, target: GraphSnapshot, byKey: ReadonlyMap<string, TableMergeResult>): Promise<MergeConflict[]> {
  const out: MergeConflict[] = [];
  for (const e of Object.values(catalog.edges)) {
    const merged = byKey.get(`edge:${e.name}`);
    const handled = new Set([...(merged?.deletes ?? []), ...(merged?.writes.map((w) => w.id) ?? [])]);
    for (const end of ['src', 'dst'] as const) {
      const nodeName = end === 'src' ? e.from : e.to;
      const gone = byKey.get(`node:${nodeName}`)?.deletes ?? [];
      for (const batch of idChunks(gone)) {
        const rows = await scanCommitted(target, e, { filter: idInList(end, batch), columns: ['id', end] });
        const ids = rows?.getChild('id');
        const ends = rows?.getChild(end);
        for (let j = 0; j < (rows?.numRows ?? 0); j++) {
          const id = String(ids?.get(j));
          if (!handled.has(id)) out.push({ typeKey: `edge:${e.name}`, entityId: id, kind: 'orphan_edge', message: `${end} '${String(ends?.get(j))}' not found in ${nodeName}` });
        }
      }
    }
  }
  return out;
}

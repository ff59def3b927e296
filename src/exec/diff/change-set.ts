// Ad hoc diff of two read targets (spec branching §8.1): the ChangeSet with its stats, edges before nodes.
import type { Catalog } from '../../compiler/index.js';
import { byCodeUnits, diffStates, type DiffSide, type EntityDelta } from './diff-tables.js';
import { normalizeFilter, type ChangeFilter, type ChangeOp, type EntityKind } from './change-filter.js';

/** One changed entity of a ChangeSet (edges carry their endpoints). */
export interface EntityChange {
  readonly kind: EntityKind;
  readonly type_name: string;
  readonly id: string;
  readonly op: ChangeOp;
  /** Published version of the entity's table on the side that shows the change (`to`, else `from`). */
  readonly published_dataset_version: number;
  readonly endpoints?: { readonly src: string; readonly dst: string };
}

/** Counts of a ChangeSet's changes; `types_affected` sorted by name. */
export interface ChangeStats {
  readonly inserts: number;
  readonly updates: number;
  readonly deletes: number;
  readonly types_affected: readonly string[];
}

/** The result of a diff (spec wire form). `graph_branch` is the `to` branch when `to` named a branch, else null. */
export interface ChangeSet {
  readonly from_graph_manifest_version: number;
  readonly to_graph_manifest_version: number;
  readonly graph_branch: string | null;
  readonly changes: readonly EntityChange[];
  readonly stats: ChangeStats;
}

/** A side of {@link diffSnapshots}: a resolved state and snapshot, and whether the caller named it by branch. */
export interface ResolvedTarget extends DiffSide {
  readonly byBranch: boolean;
}

/**
 * Diff two resolved read targets: every entity (of the kinds, types and ops `filter` admits) that differs between
 * `from` and `to`, on the same branch or across branches. Changes are ordered edges before nodes, then by type
 * name, then by id. `bad_request` for a bad filter; `change_schema_boundary` across a schema change.
 * @example
 * const cs = await diffSnapshots(catalog, main, feature, { ops: ['update'] }); // cs.stats.updates
 */
export async function diffSnapshots(catalog: Catalog, from: ResolvedTarget, to: ResolvedTarget, filter: ChangeFilter = {}): Promise<ChangeSet> {
  const deltas = await diffStates(catalog, from, to, normalizeFilter(catalog, filter));
  const changes = deltas.map(entityChange).sort(
    (x, y) => (x.kind === y.kind ? 0 : x.kind === 'edge' ? -1 : 1) || byCodeUnits(x.type_name, y.type_name) || byCodeUnits(x.id, y.id),
  );
  const count = (op: ChangeOp): number => changes.filter((c) => c.op === op).length;
  return Object.freeze({
    from_graph_manifest_version: from.state.manifestVersion,
    to_graph_manifest_version: to.state.manifestVersion,
    graph_branch: to.byBranch ? to.snap.branch : null,
    changes,
    stats: { inserts: count('insert'), updates: count('update'), deletes: count('delete'), types_affected: [...new Set(changes.map((c) => c.type_name))].sort(byCodeUnits) },
  });
}

function entityChange(d: EntityDelta): EntityChange {
  const image = d.after ?? d.before!;
  return {
    kind: d.type.kind,
    type_name: d.type.name,
    id: d.id,
    op: d.op,
    published_dataset_version: d.version,
    ...(d.type.kind === 'edge' ? { endpoints: { src: image.src ?? '', dst: image.dst ?? '' } } : {}),
  };
}

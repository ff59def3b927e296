// The per-entity three-way rule of spec branching §7.5: what the merge writes for one id, or the conflict it raises.
import type { StagedRow } from '../staging/physical-rows.js';
import { sameEntity } from '../delta/entity-rows.js';

/** Conflict kinds of a merge (spec §7.5–7.6; wire names in snake case). */
export type MergeConflictKind =
  | 'divergent_insert'
  | 'divergent_update'
  | 'delete_vs_update'
  | 'orphan_edge'
  | 'unique_violation'
  | 'cardinality_violation'
  | 'value_constraint_violation';

/** One reported conflict, with the row images that explain it where they exist. */
export interface MergeConflict {
  readonly typeKey: string;
  readonly entityId: string | null;
  readonly kind: MergeConflictKind;
  readonly message: string;
  readonly base?: StagedRow | null;
  readonly source?: StagedRow | null;
  readonly target?: StagedRow | null;
}

/** What the merge does with one entity. */
export type EntityOutcome =
  | { readonly action: 'keep' }
  | { readonly action: 'write'; readonly row: StagedRow }
  | { readonly action: 'delete' }
  | { readonly action: 'conflict'; readonly conflict: MergeConflict };

/**
 * Decide one entity from its base, source and target images (`undefined` = absent): keep the target when the
 * source did not change it or both made the same change; take the source when only it changed; otherwise a
 * conflict whose kind follows presence (⊥SS: divergent insert; one side absent: delete vs update; all present:
 * divergent update). Equality is by content, never by row versions.
 */
export function decideEntity(typeKey: string, id: string, b: StagedRow | undefined, s: StagedRow | undefined, t: StagedRow | undefined): EntityOutcome {
  if (sameEntity(s, b)) return { action: 'keep' };
  if (sameEntity(t, b)) return s === undefined ? (t === undefined ? { action: 'keep' } : { action: 'delete' }) : { action: 'write', row: s };
  if (sameEntity(s, t)) return { action: 'keep' };
  const images = { base: b ?? null, source: s ?? null, target: t ?? null };
  if (b === undefined) return { action: 'conflict', conflict: { typeKey, entityId: id, kind: 'divergent_insert', message: `divergent insert for id '${id}'`, ...images } };
  if (s === undefined || t === undefined) {
    return { action: 'conflict', conflict: { typeKey, entityId: id, kind: 'delete_vs_update', message: `delete/update conflict for id '${id}'`, ...images } };
  }
  return { action: 'conflict', conflict: { typeKey, entityId: id, kind: 'divergent_update', message: `divergent update for id '${id}'`, ...images } };
}

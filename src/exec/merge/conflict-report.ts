// The `merge_conflicts` error: every conflict of a refused merge, with wire-shaped details and a readable message.
import { OmniError } from '../../errors/index.js';
import { canonical } from '../delta/entity-rows.js';
import type { StagedRow } from '../staging/physical-rows.js';
import type { MergeConflict } from './three-way.js';

/** A conflict as it travels (spec §7.5: `{type_key, entity_id, kind, message}` plus the row images). */
export interface MergeConflictWire {
  readonly entity_kind: 'node' | 'edge';
  readonly type_name: string;
  readonly type_key: string;
  readonly entity_id: string | null;
  readonly kind: string;
  readonly message: string;
  readonly base?: unknown;
  readonly source?: unknown;
  readonly target?: unknown;
}

function image(row: StagedRow | null | undefined): unknown {
  if (row === undefined) return undefined;
  if (row === null) return null;
  return JSON.parse(canonical({ properties: row.values, ...(row.src === undefined ? {} : { endpoints: { from: row.src, to: row.dst } }) }));
}

/** The wire form of one conflict. */
export function conflictWire(c: MergeConflict): MergeConflictWire {
  const [kind, ...name] = c.typeKey.split(':');
  return {
    entity_kind: kind === 'edge' ? 'edge' : 'node',
    type_name: name.join(':'),
    type_key: c.typeKey,
    entity_id: c.entityId,
    kind: c.kind,
    message: c.message,
    ...(c.base === undefined ? {} : { base: image(c.base) }),
    ...(c.source === undefined ? {} : { source: image(c.source) }),
    ...(c.target === undefined ? {} : { target: image(c.target) }),
  };
}

/**
 * The error of a refused merge: nothing was written; `details.conflicts` lists every conflict. The message is the
 * spec's summary (operations §2.2): up to three conflicts in graph vocabulary, then `; and N more`.
 */
export function conflictsError(source: string, target: string, conflicts: readonly MergeConflict[]): OmniError {
  const shown = conflicts.slice(0, 3).map((c) => {
    const w = conflictWire(c);
    return `${w.entity_kind} type '${w.type_name}'${w.entity_id === null ? '' : `, entity id '${w.entity_id}'`} (${w.kind})`;
  });
  const more = conflicts.length > shown.length ? `; and ${conflicts.length - shown.length} more` : '';
  return new OmniError('merge_conflicts', `merge conflicts: ${shown.join('; ')}${more}`, {
    details: { source, target, conflicts: conflicts.map(conflictWire) },
  });
}

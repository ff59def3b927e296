// Shared output helpers: pretty JSON documents, the wire shapes of commits and snapshots (spec cli.md §6.7, §6.10), merge conflicts.
import type { ErrorDetails } from '../errors/index.js';
import type { CommitRecord, GraphSnapshot } from '../manifest/index.js';

/** A JSON document as the CLI prints it: 2-space indent and a trailing newline. */
export function jsonDocument(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** CommitOutput of the spec. `created_at` is microseconds since the epoch. */
export function commitOutput(c: CommitRecord) {
  return {
    graph_commit_id: c.id,
    graph_branch: c.branch,
    graph_manifest_version: c.manifestVersion,
    parent_commit_id: c.parents[0] ?? null,
    merged_parent_commit_id: c.parents[1] ?? null,
    actor_id: c.actor,
    created_at: c.createdAtMicros,
  };
}

/** SnapshotOutput of the spec; `internal_schema_version` is our on-disk format version. */
export function snapshotOutput(s: GraphSnapshot) {
  return {
    graph_branch: s.branch,
    graph_manifest_version: s.manifestVersion,
    internal_schema_version: s.formatVersion,
    datasets: s.tables.map((t) => ({
      entity_kind: t.entityKind,
      type_name: t.typeName,
      dataset_path: t.tableId,
      published_dataset_version: t.version,
      native_dataset_branch: t.branch,
      entity_count: t.rowCount,
    })),
  };
}

/** One merge conflict in its wire form (spec http-api §6.1 `merge_conflicts[]`). */
export interface MergeConflictOutput {
  readonly entity_kind: string | null;
  readonly type_name: string;
  readonly entity_id?: string;
  readonly kind: string;
  readonly message: string;
}

/**
 * The conflicts a `merge_conflicts` error carries in `details.conflicts` (`{type_key, entity_id, kind, message}`), in
 * wire form: `type_key` `node:Person` splits into `entity_kind` and `type_name`; an absent id is omitted.
 */
export function mergeConflictOutputs(details: ErrorDetails): MergeConflictOutput[] {
  const raw = details['conflicts'];
  if (!Array.isArray(raw)) return [];
  return raw.map((c: Record<string, unknown>) => {
    const key = String(c['type_key'] ?? '');
    const split = /^(node|edge):(.*)$/.exec(key);
    const id = c['entity_id'];
    return {
      entity_kind: split?.[1] ?? null,
      type_name: split?.[2] ?? key,
      ...(id === undefined || id === null ? {} : { entity_id: String(id) }),
      kind: String(c['kind'] ?? ''),
      message: String(c['message'] ?? ''),
    };
  });
}

/** One stderr line per merge conflict: `conflict: <kind> <node|edge> type '<T>' id '<id>': <message>`. */
export function mergeConflictLines(details: ErrorDetails): string {
  return mergeConflictOutputs(details)
    .map((c) => `conflict: ${c.kind} ${c.entity_kind === null ? '' : `${c.entity_kind} `}type '${c.type_name}'${c.entity_id === undefined ? '' : ` id '${c.entity_id}'`}: ${c.message}\n`)
    .join('');
}

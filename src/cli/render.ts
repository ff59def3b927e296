// Shared output helpers: pretty JSON documents and the wire shapes of commits and snapshots (spec cli.md §6.7, §6.10).
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

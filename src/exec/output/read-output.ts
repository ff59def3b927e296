// The ReadOutput DTO of `query` (spec cli.md §8, query-language §11): what every renderer and the HTTP API print.

/** The branch or snapshot a read ran against (exactly one is set). */
export interface ReadTargetOutput {
  readonly branch: string | null;
  readonly snapshot: string | null;
}

/** The result of one read query. */
export interface ReadOutput {
  readonly query_name: string;
  readonly target: ReadTargetOutput;
  readonly row_count: number;
  /** Result column names in projection order; omitted when empty. */
  readonly columns?: readonly string[];
  readonly rows: readonly unknown[];
  /** The head commit of the exact snapshot read (a CAS token for a following mutation). */
  readonly graph_commit_id: string | null;
}

/** Build a ReadOutput (columns omitted when there are none). */
export function readOutput(parts: { queryName: string; target: ReadTargetOutput; columns: readonly string[]; rows: readonly unknown[]; graphCommitId: string | null }): ReadOutput {
  return {
    query_name: parts.queryName,
    target: parts.target,
    row_count: parts.rows.length,
    ...(parts.columns.length > 0 ? { columns: [...parts.columns] } : {}),
    rows: parts.rows,
    graph_commit_id: parts.graphCommitId,
  };
}

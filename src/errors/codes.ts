// The closed set of stable error codes, and the one table that maps each to its HTTP status and wire code.

/** The closed `code` enum of the HTTP JSON error body (spec operations-and-errors §2.2). */
export type WireCode =
  | 'unauthorized'
  | 'forbidden'
  | 'bad_request'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'too_many_requests'
  | 'internal';

/** How one error code surfaces over HTTP. `wire: null` means the body omits `code` (newer outcomes). */
export interface CodeInfo {
  readonly status: number;
  readonly wire: WireCode | null;
  /** One line for docs/errors.md: what happened and what the user does next. */
  readonly summary: string;
}

/**
 * Every stable error code. Never reuse or rename one; add new codes at the end of their group.
 * `docs/errors.md` lists each of them (checked by `scripts/check-docs.ts`).
 */
export const ERROR_CODES = {
  // Compiler and input (400)
  parse_error: { status: 400, wire: 'bad_request', summary: 'Schema or query text does not parse; fix the text at the reported span.' },
  schema_invalid: { status: 400, wire: 'bad_request', summary: 'The schema parses but breaks a catalog rule; the diagnostic names the rule and span.' },
  query_invalid: { status: 400, wire: 'bad_request', summary: 'The query fails type checking against the schema; the diagnostic gives the T-code and span.' },
  migration_unsupported: { status: 400, wire: 'bad_request', summary: 'A schema change cannot be applied (OG-MF code in details); change the schema differently or allow data loss where offered.' },
  load_invalid: { status: 400, wire: 'bad_request', summary: 'A JSONL load line is malformed or violates the schema; nothing was written. Fix the named line.' },
  constraint_violation: { status: 400, wire: 'bad_request', summary: 'A write would break `@unique`, edge referential integrity, `@card` or a `@key` rule against the stored graph; nothing was written.' },
  query_failed: { status: 400, wire: 'bad_request', summary: 'The query could not be planned or executed; the message is prefixed `query: `.' },
  bad_request: { status: 400, wire: 'bad_request', summary: 'The request is invalid (bad branch name, bad option, malformed body); fix it and retry.' },
  invalid_uri: { status: 400, wire: 'bad_request', summary: 'A storage URI is not a plain path, file:// or s3://bucket/prefix URI.' },
  usage: { status: 400, wire: 'bad_request', summary: 'A command line is malformed (unknown command or flag, missing argument); see --help.' },
  change_cursor_rejected: { status: 400, wire: 'bad_request', summary: 'A change-feed cursor or page token is malformed or belongs to another graph.' },
  external_blob_policy: { status: 400, wire: 'bad_request', summary: 'An external blob URI is malformed or not allowed by the configured policy.' },
  not_yet_supported: { status: 400, wire: 'bad_request', summary: 'The query uses a feature this build does not execute yet (search and ranking functions); nothing was read.' },
  // Auth and admission
  unauthorized: { status: 401, wire: 'unauthorized', summary: 'The bearer token is missing or invalid.' },
  policy_denied: { status: 403, wire: 'forbidden', summary: 'Cedar policy denies this action to this actor.' },
  not_found: { status: 404, wire: 'not_found', summary: 'The named object, schema file or table does not exist.' },
  branch_not_found: { status: 404, wire: 'not_found', summary: 'The named branch does not exist; list branches to see the names.' },
  commit_not_found: { status: 404, wire: 'not_found', summary: 'The named commit does not exist in this graph.' },
  method_not_allowed: { status: 405, wire: 'method_not_allowed', summary: 'The route exists but does not serve this method in this mode.' },
  too_many_requests: { status: 429, wire: 'too_many_requests', summary: 'Per-actor admission limit reached; back off per Retry-After.' },
  // Conflicts (409) and preconditions
  conflict: { status: 409, wire: 'conflict', summary: 'The object already exists, is in use, or another operation holds it; re-read and decide again.' },
  key_conflict: { status: 409, wire: 'conflict', summary: 'A strict insert hit an existing id; choose another id or use merge mode. Nothing was written.' },
  merge_conflicts: { status: 409, wire: 'conflict', summary: 'The merge was refused; details list every conflict. Reconcile the branches and merge again.' },
  read_set_conflict: { status: 409, wire: 'conflict', summary: 'Write authority moved while the write was prepared; re-read and retry deliberately.' },
  row_level_cas_contention: { status: 409, wire: 'conflict', summary: 'The publisher lost the manifest compare-and-swap more often than its retry budget; retry later.' },
  published_dataset_version_conflict: { status: 409, wire: 'conflict', summary: 'The expected published table version is stale; refresh and retry.' },
  retryable_commit_conflict: { status: 409, wire: 'conflict', summary: 'A storage-level commit conflicted with a concurrent one and had no effect; retry.' },
  commit_has_no_parent: { status: 409, wire: 'conflict', summary: 'The genesis commit has no parent to diff against.' },
  change_schema_boundary: { status: 409, wire: 'conflict', summary: 'The requested diff crosses a schema change of the named type.' },
  already_initialized: { status: 409, wire: 'conflict', summary: 'The init target is not empty; choose an empty location.' },
  initialization_claimed: { status: 409, wire: 'conflict', summary: 'Another init holds the claim on this location.' },
  format_upgrade_required: { status: 409, wire: 'conflict', summary: 'The graph uses an older on-disk format; open it read-write once to upgrade it.' },
  precondition_failure: { status: 412, wire: null, summary: 'The expected branch head is no longer current; re-read the head and decide again. Never auto-retried.' },
  // Limits and ranges
  resource_limit: { status: 413, wire: 'bad_request', summary: 'An input bound was exceeded before any effect; reshape or split the input.' },
  blob_range: { status: 416, wire: 'bad_request', summary: 'The requested blob byte range is not satisfiable.' },
  change_feed_gap: { status: 410, wire: null, summary: 'History the cursor needs was cleaned up; start again from a baseline.' },
  external_blob_source: { status: 424, wire: null, summary: 'An allowed external blob source could not be read.' },
  // Recovery and leases (503)
  recovery_required: { status: 503, wire: null, summary: 'An unresolved write intent blocks this branch; reopen read-write (or restart the server) to recover, then retry from fresh state.' },
  lease_timeout: { status: 503, wire: null, summary: 'Another process holds the graph write lease and did not release it in time; retry later.' },
  lease_lost: { status: 503, wire: null, summary: 'This process lost the graph write lease and stopped writing; reopen to continue.' },
  // Storage and internal (500)
  format_unsupported: { status: 500, wire: 'internal', summary: 'The stored format is newer than this build understands; upgrade omnigraph first.' },
  historical_version_reclaimed: { status: 500, wire: 'internal', summary: 'A pinned historical version was garbage-collected.' },
  blob_integrity: { status: 500, wire: 'internal', summary: 'A stored blob contradicts its contract.' },
  initialization_committed: { status: 500, wire: 'internal', summary: 'A previous init reached storage; inspect the location before retrying.' },
  initialization_indeterminate: { status: 500, wire: 'internal', summary: 'A previous init may or may not have landed; inspect the location before retrying.' },
  storage: { status: 500, wire: 'internal', summary: 'The object store or table layer failed; the message is verbatim from the store.' },
  io: { status: 500, wire: 'internal', summary: 'Local file I/O failed.' },
  failpoint: { status: 500, wire: 'internal', summary: 'A configured failpoint (OMNIGRAPH_FAILPOINTS) fired; only seen in tests.' },
  internal: { status: 500, wire: 'internal', summary: 'An invariant failed inside omnigraph; report it with the details.' },
} as const satisfies Record<string, CodeInfo>;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Every code, in table order. */
export const ALL_ERROR_CODES: readonly ErrorCode[] = Object.freeze(Object.keys(ERROR_CODES) as ErrorCode[]);

/** True when `s` names a known code. */
export function isErrorCode(s: unknown): s is ErrorCode {
  return typeof s === 'string' && Object.hasOwn(ERROR_CODES, s);
}

/** HTTP status and wire code for an error code. */
export function codeInfo(code: ErrorCode): CodeInfo {
  return ERROR_CODES[code];
}

// OmniError: the one error type users see, with a stable code, structured details and a serializable form.
import { codeInfo, isErrorCode, type ErrorCode } from './codes.js';

/** Structured, JSON-safe details attached to an error. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** The form an error takes across threads and HTTP. */
export interface SerializedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: ErrorDetails;
}

/** Options for constructing an OmniError. */
export interface OmniErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

/**
 * Base of every error omnigraph raises on purpose. Tests assert `code`, never message text.
 * @example
 * throw new OmniError('bad_request', "branch name 'a//b' has an empty segment; use letters, digits, '-', '_', '/'");
 */
export class OmniError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: OmniErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return codeInfo(this.code).status;
  }

  /** The thread/HTTP form: `{code, message, details}`. */
  toJSON(): SerializedError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** A source position: 1-based line and column, 0-based offsets, end exclusive. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
}

/** Schema and query compilation failures; carries the source span of the first diagnostic. */
export class CompileError extends OmniError {
  get span(): Span | undefined {
    return this.details['span'] as Span | undefined;
  }
}

/** Object-store and table-layer failures (including conditional-write outcomes surfaced as errors). */
export class StoreError extends OmniError {}

/** Commit-level conflicts: key conflicts, CAS losses, read-set changes, merge conflicts. */
export class CommitConflictError extends OmniError {}

/** Recovery-required and lease failures. */
export class RecoveryError extends OmniError {}

/** Bad user input outside the compiler: requests, URIs, command lines, load files. */
export class RequestError extends OmniError {}

const FAMILY_BY_CODE: Partial<Record<ErrorCode, new (code: ErrorCode, message: string, options?: OmniErrorOptions) => OmniError>> = {
  parse_error: CompileError,
  schema_invalid: CompileError,
  query_invalid: CompileError,
  migration_unsupported: CompileError,
  storage: StoreError,
  io: StoreError,
  key_conflict: CommitConflictError,
  merge_conflicts: CommitConflictError,
  read_set_conflict: CommitConflictError,
  row_level_cas_contention: CommitConflictError,
  published_dataset_version_conflict: CommitConflictError,
  retryable_commit_conflict: CommitConflictError,
  recovery_required: RecoveryError,
  lease_timeout: RecoveryError,
  lease_lost: RecoveryError,
  bad_request: RequestError,
  invalid_uri: RequestError,
  usage: RequestError,
  load_invalid: RequestError,
  constraint_violation: RequestError,
};

/** Rebuild an error that crossed a thread or HTTP boundary, as the subclass its code belongs to. */
export function deserializeError(value: unknown): OmniError {
  if (typeof value === 'object' && value !== null) {
    const v = value as { code?: unknown; message?: unknown; details?: unknown };
    if (isErrorCode(v.code) && typeof v.message === 'string') {
      const Family = FAMILY_BY_CODE[v.code] ?? OmniError;
      const details = typeof v.details === 'object' && v.details !== null ? (v.details as ErrorDetails) : {};
      return new Family(v.code, v.message, { details });
    }
  }
  return new OmniError('internal', `malformed serialized error: ${safeJson(value)}`);
}

/** Wrap anything thrown into an OmniError, keeping an OmniError as it is. */
export function toOmniError(err: unknown, fallback: ErrorCode = 'internal'): OmniError {
  if (err instanceof OmniError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new OmniError(fallback, message, { cause: err });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// classifyLanceError: LanceDB's message-only errors (plain Error, code 'GenericFailure') mapped to our codes.
import { CommitConflictError, OmniError, StoreError, type ErrorCode, type ErrorDetails } from '../../errors/index.js';

/** One row of the classification table: the first rule whose pattern matches the message wins. */
export interface LanceErrorRule {
  /** Stable name of the rule, reported in `details.lanceRule`. */
  readonly rule: string;
  readonly pattern: RegExp;
  readonly code: ErrorCode;
  /** Extra details for errors this rule matches. */
  readonly details?: ErrorDetails;
}

/**
 * The classification table, in priority order. Order matters: a poisoned merge also says
 * "Failed to execute merge insert", and invalid-input messages can contain "does not exist".
 * Message shapes are from LanceDB 0.39 (lance 12); the guard suite pins the ones the engine relies on.
 */
export const LANCE_ERROR_RULES: readonly LanceErrorRule[] = Object.freeze([
  // The poison-CAS condition fired: the publisher's expected head is stale; nothing was written.
  { rule: 'cas_lost', pattern: /Divide by zero/i, code: 'row_level_cas_contention', details: { casLost: true } },
  // A Rust panic inside the native layer surfaces as a rejected promise; the process survives.
  { rule: 'panic', pattern: /Panic in async function|panicked at/i, code: 'internal' },
  { rule: 'commit_conflict', pattern: /Retryable commit conflict|Incompatible transaction|Too many concurrent writers/i, code: 'retryable_commit_conflict' },
  // A timeout may fire after the commit landed: the caller must look its effect up before retrying.
  { rule: 'timeout', pattern: /timed out/i, code: 'storage', details: { ambiguous: true } },
  {
    rule: 'invalid_input',
    pattern:
      /Invalid input|declared as non-nullable but contains null|Append with different schema|Invalid table name|Ref is invalid|Cast error|is not supported SQL|No field named|sql parser error|Error parsing Path/i,
    code: 'bad_request',
  },
  { rule: 'already_exists', pattern: /Ref conflict|already exists/i, code: 'conflict' },
  { rule: 'not_found', pattern: /was not found|Not found:|Ref not found|does not exist|not found\b/i, code: 'not_found' },
  { rule: 'unsupported', pattern: /not supported|not yet implemented/i, code: 'bad_request' },
  // LanceDB's own invariant failures (e.g. a sequential duplicate branch create).
  { rule: 'lance_internal', pattern: /Encountered internal error/i, code: 'internal' },
]);

/** Optional context recorded in the error's details (which operation, on which table and branch). */
export interface LanceErrorContext {
  readonly operation?: string;
  readonly table?: string;
  readonly branch?: string | null;
  readonly version?: number;
}

/**
 * Map an error thrown by LanceDB to an OmniError. The message is LanceDB's, verbatim; the original
 * error is the `cause`; `details.lanceRule` names the rule that matched (`storage` when none did).
 * An OmniError passes through unchanged.
 * @example
 * try { await builder.execute(rows); } catch (err) { throw classifyLanceError(err, { operation: 'mergeInsert' }); }
 */
export function classifyLanceError(err: unknown, context: LanceErrorContext = {}): OmniError {
  if (err instanceof OmniError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const rule = LANCE_ERROR_RULES.find((r) => r.pattern.test(message));
  const code: ErrorCode = rule?.code ?? 'storage';
  const details: ErrorDetails = {
    ...contextDetails(context),
    lanceRule: rule?.rule ?? 'storage',
    ...(rule?.details ?? {}),
  };
  const Family = code === 'row_level_cas_contention' || code === 'retryable_commit_conflict' ? CommitConflictError : StoreError;
  return new Family(code, message, { details, cause: err });
}

function contextDetails(context: LanceErrorContext): ErrorDetails {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(context)) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Run a LanceDB call and classify what it throws.
 * @example
 * const n = await lanceCall(() => table.countRows(), { operation: 'countRows', table: 'node_1_1' });
 */
export async function lanceCall<T>(fn: () => Promise<T>, context: LanceErrorContext = {}): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw classifyLanceError(err, context);
  }
}

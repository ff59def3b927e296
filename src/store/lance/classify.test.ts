// Unit tests of classifyLanceError over real LanceDB 0.39 messages (research note and layer runs).
import { describe, expect, it } from 'vitest';
import { CommitConflictError, OmniError, StoreError, type ErrorCode } from '../../errors/index.js';
import { classifyLanceError, lanceCall } from './classify.js';

const SRC = '/usr/local/cargo/registry/src/index.crates.io-1949cf8c6b5b557f';

/** [message as LanceDB raised it, expected code, expected rule]. */
const CASES: ReadonlyArray<readonly [string, ErrorCode, string]> = [
  [
    `Failed to execute merge insert: GenericFailure, lance error: LanceError(Arrow): Divide by zero error, /rustc/2d8144b7880597b6e6d3dfd63a9a9efae3f533d3/library/core/src/task/poll.rs:291:44  Caused by: LanceError(Arrow): Divide by zero error`,
    'row_level_cas_contention',
    'cas_lost',
  ],
  ['Panic in async function', 'internal', 'panic'],
  [
    `lance error: Retryable commit conflict for version 10: This Rewrite transaction was preempted by concurrent transaction Delete at version 10. Please retry., ${SRC}/lance-12.0.0/src/io/commit/conflict_resolver.rs:969:34`,
    'retryable_commit_conflict',
    'commit_conflict',
  ],
  [
    `lance error: Incompatible transaction: This Update transaction is incompatible with concurrent transaction Overwrite at version 25., ${SRC}/lance-12.0.0/src/io/commit/conflict_resolver.rs:676:30`,
    'retryable_commit_conflict',
    'commit_conflict',
  ],
  [
    `Failed to execute merge insert: GenericFailure, lance error: Too many concurrent writers. Attempted 1 times, but failed on retry_timeout of 0.020 seconds., ${SRC}/lance-12.0.0/src/io/commit.rs:88:5`,
    'retryable_commit_conflict',
    'commit_conflict',
  ],
  ['Failed to execute merge insert: GenericFailure, Runtime error: merge insert timed out', 'storage', 'timeout'],
  ["Failed to read record batch from IPC file: Invalid argument error: Column 'id' is declared as non-nullable but contains null values", 'bad_request', 'invalid_input'],
  [
    `lance error: Append with different schema: fields did not match, missing=[id], unexpected=[], location: ${SRC}/lance-core-12.0.0/src/datatypes/schema.rs:209:17`,
    'bad_request',
    'invalid_input',
  ],
  ["Invalid input, field 'w' does not exist in table schema", 'bad_request', 'invalid_input'],
  ['Invalid input, table cannot be modified when a specific version is checked out', 'bad_request', 'invalid_input'],
  ['Invalid input, you must run checkout before running restore', 'bad_request', 'invalid_input'],
  ['Invalid input, Schema error: No field named nosuchcol. Valid fields are id, v, _rowid, _rowaddr.', 'bad_request', 'invalid_input'],
  ['Invalid input, Error parsing statement: SELECT 1 FROM t WHERE ((( (sql parser error: Expected: an expression, found: EOF)', 'bad_request', 'invalid_input'],
  ['Invalid table name ("a/b"): Table names can only contain alphanumeric characters, underscores, hyphens, and periods', 'bad_request', 'invalid_input'],
  [
    "lance error: Ref is invalid: Branch segment 'a b' contains invalid characters. Only alphanumeric, '.', '-', '_' are allowed.",
    'bad_request',
    'invalid_input',
  ],
  [`lance error: LanceError(Arrow): Cast error: Cannot cast string 'x' to value of Int64 type, ${SRC}/lance-datafusion-12.0.0/src/utils.rs:51:31`, 'bad_request', 'invalid_input'],
  ["Table 't35' already exists", 'conflict', 'already_exists'],
  [`lance error: Dataset already exists: tmp/p4/t.lance/tree/same, ${SRC}/lance-12.0.0/src/io/commit.rs:556:17`, 'conflict', 'already_exists'],
  [
    'lance error: Ref conflict error: Branch b1 is referenced by [("b2", 6)] versions, can not delete  Caused by: Ref conflict error',
    'conflict',
    'already_exists',
  ],
  ['Ref conflict error: tag sametag already exists', 'conflict', 'already_exists'],
  [
    `Table 'nope' was not found  Caused by: Dataset at path tmp/p1/nope.lance was not found: Not found: tmp/p1/nope.lance/_versions, ${SRC}/lance-table-12.0.0/src/io/commit.rs:670:26`,
    'not_found',
    'not_found',
  ],
  [
    `lance error: Dataset at path tmp/p1/t35.lance/_versions/999.manifest was not found: Not found: tmp/p1/t35.lance/_versions/999.manifest, ${SRC}/lance-io-12.0.0/src/local.rs:273:40`,
    'not_found',
    'not_found',
  ],
  [`lance error: Not found: tmp/p1/t35.lance/tree/nob/_versions, ${SRC}/lance-table-12.0.0/src/io/commit.rs:670:26`, 'not_found', 'not_found'],
  ['lance error: Ref not found error: Branch zz does not exist  Caused by: Ref not found error: Branch zz does not exist', 'not_found', 'not_found'],
  ['LanceDBError: not supported: Branch diffs are only supported on Enterprise tables.', 'bad_request', 'unsupported'],
  [
    `lance error: Encountered internal error. Please file a bug report at https://github.com/lance-format/lance/issues. Clone operation should not enter build_manifest., ${SRC}/lance-table-12.0.0/src/transaction/manifest_build.rs:542:28`,
    'internal',
    'lance_internal',
  ],
  ['Generic S3 error: Error performing PUT http://127.0.0.1:1/b/x in 1ms - connection refused', 'storage', 'storage'],
];

function lanceError(message: string): Error {
  return Object.assign(new Error(message), { code: 'GenericFailure' });
}

describe('classifyLanceError', () => {
  it.each(CASES)('maps %j', (message, code, rule) => {
    const err = classifyLanceError(lanceError(message));
    expect(err.code).toBe(code);
    expect(err.details['lanceRule']).toBe(rule);
  });

  it('keeps the original message and the LanceDB error as cause', () => {
    const original = lanceError("Table 'nope' was not found");
    const err = classifyLanceError(original, { operation: 'openHead', table: 'nope' });
    expect(err.message).toBe(original.message);
    expect(err.cause).toBe(original);
    expect(err.details).toMatchObject({ operation: 'openHead', table: 'nope' });
  });

  it('marks the poison-CAS loss in the details and uses the commit-conflict family', () => {
    const err = classifyLanceError(lanceError(CASES[0]![0]));
    expect(err).toBeInstanceOf(CommitConflictError);
    expect(err.details['casLost']).toBe(true);
  });

  it('marks a timeout as ambiguous', () => {
    expect(classifyLanceError(lanceError('Runtime error: merge insert timed out')).details['ambiguous']).toBe(true);
  });

  it('reports storage errors as StoreError and passes OmniErrors through unchanged', () => {
    expect(classifyLanceError(lanceError('something new'))).toBeInstanceOf(StoreError);
    const own = new OmniError('bad_request', 'x');
    expect(classifyLanceError(own)).toBe(own);
    expect(classifyLanceError('a string').code).toBe('storage');
  });

  it('lanceCall classifies a rejection and returns a value', async () => {
    await expect(lanceCall(async () => 7)).resolves.toBe(7);
    await expect(lanceCall(() => Promise.reject(lanceError('Invalid input, x')))).rejects.toMatchObject({ code: 'bad_request' });
  });
});

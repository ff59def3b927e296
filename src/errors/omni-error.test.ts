// Unit tests of OmniError, the code table and the serialized form.
import { describe, expect, it } from 'vitest';
import { ALL_ERROR_CODES, codeInfo, isErrorCode } from './codes.js';
import { CommitConflictError, CompileError, OmniError, RequestError, deserializeError, toOmniError } from './omni-error.js';

describe('errors', () => {
  it('every code has an HTTP status and a summary', () => {
    for (const code of ALL_ERROR_CODES) {
      const info = codeInfo(code);
      expect(info.status).toBeGreaterThanOrEqual(400);
      expect(info.status).toBeLessThan(600);
      expect(info.summary.length).toBeGreaterThan(10);
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('maps the spec statuses of the main outcomes', () => {
    expect(codeInfo('key_conflict')).toMatchObject({ status: 409, wire: 'conflict' });
    expect(codeInfo('recovery_required')).toMatchObject({ status: 503, wire: null });
    expect(codeInfo('precondition_failure')).toMatchObject({ status: 412, wire: null });
    expect(codeInfo('resource_limit')).toMatchObject({ status: 413, wire: 'bad_request' });
    expect(codeInfo('change_feed_gap')).toMatchObject({ status: 410, wire: null });
  });

  it('serializes to {code, message, details} and rebuilds the family subclass', () => {
    const err = new CommitConflictError('key_conflict', "node type 'Person' already has id 'alice'", {
      details: { key_conflict: { entity_kind: 'node', type_name: 'Person', entity_id: 'alice' } },
    });
    const wire = JSON.parse(JSON.stringify(err)) as unknown;
    expect(wire).toEqual({ code: 'key_conflict', message: err.message, details: err.details });
    const back = deserializeError(wire);
    expect(back).toBeInstanceOf(CommitConflictError);
    expect(back.code).toBe('key_conflict');
    expect(back.details).toEqual(err.details);
    expect(back.status).toBe(409);
  });

  it('rebuilds compile errors with their span', () => {
    const span = { line: 2, column: 5, start: 12, end: 15 };
    const back = deserializeError(new CompileError('parse_error', 'expected }', { details: { span } }).toJSON());
    expect(back).toBeInstanceOf(CompileError);
    expect((back as CompileError).span).toEqual(span);
  });

  it('turns malformed serialized errors into internal errors', () => {
    expect(deserializeError({ code: 'no_such_code', message: 'x' }).code).toBe('internal');
    expect(deserializeError('nonsense').code).toBe('internal');
    expect(isErrorCode('toString')).toBe(false);
  });

  it('keeps the cause and freezes details', () => {
    const cause = new Error('disk full');
    const err = new RequestError('bad_request', 'bad', { cause, details: { a: 1 } });
    expect(err.cause).toBe(cause);
    expect(Object.isFrozen(err.details)).toBe(true);
    expect(err.name).toBe('RequestError');
  });

  it('wraps foreign errors without losing OmniErrors', () => {
    const own = new OmniError('conflict', 'x');
    expect(toOmniError(own)).toBe(own);
    const wrapped = toOmniError(new TypeError('boom'), 'storage');
    expect(wrapped.code).toBe('storage');
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });
});

// Diagnostic codes: message rendering, conversion to thrown errors, and the docs table kept in sync with the source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompileError } from '../../errors/index.js';
import { QUERY_LINT_CODES } from '../lint/query-lint.js';
import { diagnosticToError, parseDiagnostic, QUERY_DIAGNOSTICS, T_CODES, typeDiagnostic } from './diagnostic.js';

const span = { line: 2, column: 3, start: 10, end: 12 };

describe('query diagnostics', () => {
  it('number the T-codes T1…T24 in order', () => {
    expect(T_CODES).toEqual(Array.from({ length: 24 }, (_, i) => `T${i + 1}`));
  });

  it('render parse errors, T-codes and un-coded errors as the spec does', () => {
    expect(parseDiagnostic('expected `}`', span)).toMatchObject({ code: 'Q000', message: 'parse error: expected `}`' });
    expect(typeDiagnostic('T4', 'unknown edge `likes`', span, 'q')).toMatchObject({ message: 'type error: T4: unknown edge `likes`', query: 'q' });
    expect(typeDiagnostic('Q101', 'variable `$x` is not bound', span).message).toBe('type error: variable `$x` is not bound');
  });

  it('convert to CompileError with the code family, span and diagnostic code', () => {
    const parse = diagnosticToError(parseDiagnostic('x', span));
    const type = diagnosticToError(typeDiagnostic('T7', 'x', span, 'q'));
    expect(parse).toBeInstanceOf(CompileError);
    expect([parse.code, type.code, type.span, type.details['diagnostic'], type.details['query']]).toEqual(['parse_error', 'query_invalid', span, 'T7', 'q']);
  });

  it('docs/query-language.md lists exactly the diagnostic and lint codes', () => {
    const doc = readFileSync(new URL('../../../docs/query-language.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\| `([A-Z][0-9]+)` \|/gm)].map((m) => m[1]);
    const expected = [...Object.keys(QUERY_DIAGNOSTICS), ...Object.keys(QUERY_LINT_CODES)];
    expect([...new Set(listed)].sort()).toEqual([...new Set(expected)].sort());
  });
});

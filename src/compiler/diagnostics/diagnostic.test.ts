// Diagnostics: line/column spans, severities from the code table, and conversion to thrown errors.
import { describe, expect, it } from 'vitest';
import { CompileError, RequestError } from '../../errors/index.js';
import { LOAD_DIAGNOSTICS, SCHEMA_DIAGNOSTICS } from './codes.js';
import { LineIndex, loadDiagnostic, loadError, schemaDiagnostic, schemaError } from './diagnostic.js';

describe('diagnostics', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const idx = new LineIndex('ab\ncd\n\nef');
    expect(idx.span({ start: 0, end: 1 })).toEqual({ line: 1, column: 1, start: 0, end: 1 });
    expect(idx.span({ start: 4, end: 5 })).toEqual({ line: 2, column: 2, start: 4, end: 5 });
    expect(idx.span({ start: 7, end: 7 })).toEqual({ line: 4, column: 1, start: 7, end: 7 });
    expect(idx.span({ start: 9, end: 9 })).toEqual({ line: 4, column: 3, start: 9, end: 9 });
  });

  it('takes the severity from the code table', () => {
    const span = { line: 1, column: 1, start: 0, end: 0 };
    expect(schemaDiagnostic('S601', 'w', span).severity).toBe('warning');
    expect(schemaDiagnostic('S401', 'e', span, { typeName: 'P' })).toEqual({ code: 'S401', severity: 'error', message: 'e', span, typeName: 'P' });
  });

  it('raises parse_error or schema_invalid from the first error, carrying every diagnostic', () => {
    const span = { line: 3, column: 4, start: 10, end: 12 };
    const warn = schemaDiagnostic('S601', 'w', span);
    const parse = schemaError([warn, schemaDiagnostic('S105', 'expected', span)]);
    expect(parse).toBeInstanceOf(CompileError);
    expect([parse.code, parse.span, parse.details['diagnostic']]).toEqual(['parse_error', span, 'S105']);
    expect(schemaError([schemaDiagnostic('S501', 'dup', span)]).code).toBe('schema_invalid');
  });

  it('raises load_invalid naming the first line', () => {
    const err = loadError([loadDiagnostic('J106', 'unknown', 4, { field: 'x' })]);
    expect(err).toBeInstanceOf(RequestError);
    expect([err.code, err.details['line']]).toEqual(['load_invalid', 4]);
  });

  it('uses distinct, well-formed codes in both tables', () => {
    for (const code of Object.keys(SCHEMA_DIAGNOSTICS)) expect(code).toMatch(/^S[1-6]\d\d$/);
    for (const code of Object.keys(LOAD_DIAGNOSTICS)) expect(code).toMatch(/^J1\d\d$/);
    for (const info of Object.values(LOAD_DIAGNOSTICS)) expect(info.category).toBe('load_invalid');
  });
});

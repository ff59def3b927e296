// Schema lint document and its human rendering.
import { describe, expect, it } from 'vitest';
import { lintSchema, renderLintText } from './schema-lint.js';

describe('lintSchema', () => {
  it('reports an ok document with no findings for a valid schema', () => {
    const out = lintSchema('node P { a: String @key }', 's.pg');
    expect(out).toEqual({
      status: 'ok',
      schema_source: { kind: 'file', path: 's.pg' },
      query_path: null,
      queries_processed: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      results: [],
      findings: [],
    });
  });

  it('turns every diagnostic into a finding with code, type, property and position', () => {
    const out = lintSchema('node P { a: String? @key }\nedge E: P -> Q', 's.pg');
    expect(out.status).toBe('error');
    expect(out.errors).toBe(2);
    expect(out.findings).toEqual([
      { severity: 'error', code: 'S402', message: expect.any(String), type_name: 'P', property: 'a', line: 1, column: 21 },
      { severity: 'error', code: 'S502', message: expect.any(String), type_name: 'E', line: 2, column: 14 },
    ]);
  });

  it('reports a parse failure as a single finding', () => {
    const out = lintSchema('node P {', 's.pg');
    expect(out.findings.map((f) => f.code)).toEqual(['S105']);
  });

  it('renders findings and the summary line for humans', () => {
    const text = renderLintText(lintSchema('node P { a: String? @key }', 'dir/s.pg'));
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^ERROR \[S402\] dir\/s\.pg:1:21: /),
      'INFO  Lint complete: 0 queries processed (1 error(s), 0 warning(s), 0 info item(s))',
      '',
    ]);
    expect(renderLintText(lintSchema('node P { a: String }', 's.pg')).startsWith('OK    schema `s.pg`\n')).toBe(true);
  });
});

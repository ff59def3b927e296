// `omnigraph lint --query q.gq --schema s.pg` end to end through the CLI: human and --json output, exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/compiler/query');
const SCHEMA = path.join(FIXTURES, 'people.pg');
const QUERIES = path.join(FIXTURES, 'people.gq');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'og-lint-query-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('omnigraph lint --query', () => {
  it('lints the spec examples: exit 0, OK lines, the L201 warning and the summary', async () => {
    const r = await run('lint', '--query', QUERIES, '--schema', SCHEMA);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('OK    query `get_person` (read)');
    expect(lines).toContain('OK    query `add_person` (mutation)');
    expect(lines).toContain(`WARN  [L201] ${QUERIES}: Person.tags exists in schema but no update query sets it (queries: set_age)`);
    expect(lines.at(-1)).toBe('INFO  Lint complete: 31 queries processed (0 error(s), 1 warning(s), 0 info item(s))');
    expect(r.err).toBe('');
  });

  it('--json prints the QueryLintOutput document (2-space indent, trailing newline)', async () => {
    const r = await run('lint', '--schema', SCHEMA, '--query', QUERIES, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['status', 'schema_source', 'query_path', 'queries_processed', 'errors', 'warnings', 'infos', 'results', 'findings']);
    expect(doc).toMatchObject({ status: 'ok', schema_source: { kind: 'file', path: SCHEMA }, query_path: QUERIES, queries_processed: 31, errors: 0 });
    expect(r.out).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  it('exits 1 after printing when a query has a type error', async () => {
    const q = tempFile('bad.gq', 'query ok() { match { $p: Person } return { $p.name } }\nquery bad() { insert Person { age: 3 } }\n');
    const r = await run('lint', '--query', q, '--schema', SCHEMA, '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { status: string; errors: number; results: { name: string; status: string; error?: string }[] };
    expect([doc.status, doc.errors, doc.results.map((x) => x.status)]).toEqual(['error', 1, ['ok', 'error']]);
    expect(doc.results[1]?.error).toMatch(/^type error: T12: /);
  });

  it('reports a parse failure as Q000 with no results and exit 1', async () => {
    const q = tempFile('broken.gq', 'query q() { match { $p: Person } }\n');
    const json = await run('lint', '--query', q, '--schema', SCHEMA, '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ status: 'error', queries_processed: 0, errors: 1, results: [], findings: [{ severity: 'error', code: 'Q000' }] });
    const human = await run('lint', '--query', q, '--schema', SCHEMA);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/^ERROR \[Q000\] .*broken\.gq:1:34: parse error: /);
  });

  it('prints the schema findings and exits 1 when the schema does not compile', async () => {
    const s = tempFile('bad.pg', 'node Person { name: Strin }\n');
    const r = await run('lint', '--query', QUERIES, '--schema', s, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ status: 'error', query_path: QUERIES, queries_processed: 0 });
  });

  it('fails with a message when a file cannot be read', async () => {
    const r = await run('lint', '--query', path.join(FIXTURES, 'missing.gq'), '--schema', SCHEMA);
    expect(r.code).toBe(1);
    expect(r.err).toContain("cannot read query file");
  });
});

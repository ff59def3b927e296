// End-to-end tests of `omnigraph lint --schema`: in-process through runCli, and once through the real binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/program.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PEOPLE = path.join(REPO, 'test/fixtures/compiler/people.pg');
const dir = mkdtempSync(path.join(tmpdir(), 'omnigraph-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function schemaFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('omnigraph lint --schema', () => {
  it('exits 0 and prints OK for a valid schema', async () => {
    const r = await run('lint', '--schema', PEOPLE);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain('OK    schema');
    expect(r.out).toContain('INFO  Lint complete: 0 queries processed (0 error(s), 0 warning(s), 0 info item(s))');
  });

  it('prints the lint document as pretty JSON with queries_processed 0', async () => {
    const r = await run('lint', '--schema', PEOPLE, '--json');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toBe(`${JSON.stringify(JSON.parse(r.out), null, 2)}\n`);
    expect(JSON.parse(r.out)).toEqual({
      status: 'ok',
      schema_source: { kind: 'file', path: PEOPLE },
      query_path: null,
      queries_processed: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      results: [],
      findings: [],
    });
  });

  it('prints the document first and exits 1 when the schema has errors', async () => {
    const file = schemaFile('bad.pg', 'node P { a: String @key  b: String @key }\nedge E: P -> Q\n');
    const r = await run('lint', '--schema', file, '--json');
    expect(r.code).toBe(EXIT.failure);
    const doc = JSON.parse(r.out);
    expect([doc.status, doc.errors, doc.findings.map((f: { code: string }) => f.code)]).toEqual(['error', 2, ['S401', 'S502']]);
    const human = await run('lint', '--schema', file);
    expect(human.code).toBe(EXIT.failure);
    expect(human.out).toMatch(/^ERROR \[S401\] .*bad\.pg:1:\d+: /m);
  });

  it('exits 1 with a message on stderr when the file cannot be read', async () => {
    const r = await run('lint', '--schema', path.join(dir, 'missing.pg'));
    expect(r.code).toBe(EXIT.failure);
    expect(r.out).toBe('');
    expect(r.err).toContain('missing.pg');
  });

  it('is a usage error (exit 2) without --schema', async () => {
    expect((await run('lint')).code).toBe(EXIT.usage);
  });

  it('sets the process exit code through the real binary', () => {
    const bad = schemaFile('bad2.pg', 'node P { a: Int }');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'lint', '--schema', bad, '--json'], { cwd: REPO, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].code).toBe('S106');
  });
});

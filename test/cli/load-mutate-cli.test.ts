// `omnigraph load` and `omnigraph mutate` end to end (in-process CLI): human and JSON output, exit codes 1, 2 and 4.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { SPEC_DATA, SPEC_SCHEMA } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

async function fixture(): Promise<{ uri: string; dir: string; data: string }> {
  const dir = tempDir('cli-lm');
  writeFileSync(path.join(dir, 'schema.pg'), SPEC_SCHEMA);
  const data = path.join(dir, 'data.jsonl');
  writeFileSync(data, `${SPEC_DATA}\n`);
  const uri = path.join(dir, 'graph.omni');
  expect((await run('init', '--schema', path.join(dir, 'schema.pg'), uri)).code).toBe(0);
  return { uri, dir, data };
}

describe('load and mutate cli', () => {
  it('load prints the spec line, echoes the target on stderr, and --json gives the LoadOutput', async () => {
    const { uri, data, dir } = await fixture();
    const r = await run('load', uri, '--data', data, '--mode', 'append');
    expect(r).toEqual({ code: 0, out: `loaded ${uri} on branch main with append: 15 entities across 2 node types and 2 edge types\n`, err: `omnigraph load → ${uri} (direct, local)\n` });
    const more = path.join(dir, 'more.jsonl');
    writeFileSync(more, '{"type":"Person","data":{"name":"Zed"}}\n');
    const j = await run('load', '--store', uri, '--data', more, '--mode', 'merge', '--json', '--quiet', '--as', 'ann');
    expect(j.code).toBe(0);
    expect(j.err).toBe('');
    const doc = JSON.parse(j.out);
    expect(doc).toMatchObject({ uri, branch: 'main', mode: 'merge', branch_created: false, nodes: [{ name: 'Person', entities_loaded: 1 }], edges: [], total_entities: 1 });
    expect(doc.commit).toMatchObject({ graph_branch: 'main', actor_id: 'ann' });
    expect(doc.commit.graph_commit_id).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('a load into main builds the key indexes of tables past 10,000 rows (stderr), unless --no-index', async () => {
    const { uri, dir } = await fixture();
    const big = path.join(dir, 'big.jsonl');
    writeFileSync(big, `${Array.from({ length: 10_000 }, (_, i) => `{"type":"Person","data":{"name":"p${i}"}}`).join('\n')}\n`);
    const skipped = await run('load', uri, '--data', big, '--mode', 'append', '--no-index');
    expect(skipped).toMatchObject({ code: 0, err: `omnigraph load → ${uri} (direct, local)\n` });
    const more = path.join(dir, 'one.jsonl');
    writeFileSync(more, '{"type":"Person","data":{"name":"Zed"}}\n');
    const r = await run('load', uri, '--data', more, '--mode', 'merge', '--quiet');
    expect(r).toMatchObject({ code: 0, err: 'built key indexes: node:Person.id\n' });
    const again = await run('load', uri, '--data', more, '--mode', 'merge', '--quiet');
    expect(again).toMatchObject({ code: 0, err: '' });
  });

  it('load: missing --mode is a usage error, a bad file or key collision exits 1', async () => {
    const { uri, data } = await fixture();
    expect((await run('load', uri, '--data', data)).code).toBe(2);
    expect((await run('load', uri, '--data', data, '--mode', 'upsert')).code).toBe(2);
    expect((await run('load', uri, '--data', '/no/such.jsonl', '--mode', 'append')).code).toBe(1);
    expect((await run('load', uri, '--data', data, '--mode', 'append')).code).toBe(0);
    const again = await run('load', uri, '--data', data, '--mode', 'append');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/error: .*already exists/);
  });

  it('mutate prints "changed …", --json gives ChangeOutput, and a lost --if-commit exits 4', async () => {
    const { uri, data, dir } = await fixture();
    await run('load', uri, '--data', data, '--mode', 'append', '--quiet');
    const q = path.join(dir, 'q.gq');
    writeFileSync(q, 'query add($n: String) { insert Person { name: $n } }\nquery none() { update Person set { age: 1 } where name = "Nobody" }\n');
    const r = await run('mutate', 'add', '--store', uri, '--query', q, '--params', '{"n":"Ann"}', '--as', 'bob');
    expect(r).toEqual({ code: 0, out: 'changed main via add: 1 nodes, 0 edges\nactor_id: bob\n', err: '' });
    const j = await run('change', '--store', uri, '-e', 'query set($n: String) { update Person set { age: 9 } where name = $n }', '--params', '{"n":"Ann"}', '--json');
    const doc = JSON.parse(j.out);
    expect(doc).toMatchObject({ branch: 'main', query_name: 'set', affected_nodes: 1, affected_edges: 0, actor_id: null });
    const none = JSON.parse((await run('mutate', 'none', '--store', uri, '--query', q, '--json')).out);
    expect(none.commit).toBeNull();
    const stale = doc.commit.parent_commit_id as string;
    const lost = await run('mutate', 'add', '--store', uri, '--query', q, '--params', '{"n":"X"}', '--if-commit', stale, '--json');
    expect(lost.code).toBe(4);
    expect(JSON.parse(lost.out)).toEqual({ error: expect.any(String), precondition_failure: { expected: stale, actual: doc.commit.graph_commit_id } });
    const lostHuman = await run('mutate', 'add', '--store', uri, '--query', q, '--params', '{"n":"X"}', '--if-commit', stale);
    expect([lostHuman.code, lostHuman.out]).toEqual([4, '']);
    expect(lostHuman.err).toMatch(/^error: /);
    expect((await run('mutate', '--store', uri, '--query', q, '-e', 'query a() {}')).code).toBe(2);
    expect((await run('mutate', '--store', uri, '--query', q)).code).toBe(1);
  });
});

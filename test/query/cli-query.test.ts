// `omnigraph query` flags, renderers, error codes and exit codes; `omnigraph export` round trips through load validation.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { Omnigraph } from '../../src/engine.js';
import { writeJsonl } from '../support/jsonl-write.js';
import { tempDir } from '../support/temp.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/query-spec');
const SCHEMA = readFileSync(path.join(FIXTURES, 'schema.pg'), 'utf8');
const DATA = readFileSync(path.join(FIXTURES, 'data.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const READS = path.join(FIXTURES, 'reads.gq');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const Q = 'query q($n: String) { match { $p: Person { name: $n } } return { $p.name, $p.age, $p.tags } }';

describe('omnigraph query and export', () => {
  let uri: string;
  let firstCommit: string;
  beforeAll(async () => {
    uri = path.join(tempDir('cli-query'), 'g.omni');
    const graph = await Omnigraph.init(uri, SCHEMA);
    try {
      await writeJsonl(graph, DATA);
      firstCommit = (await graph.head()).commitId!;
      await writeJsonl(graph, ['{"type":"Person","data":{"name":"Zed","age":99}}']);
    } finally {
      await graph.close();
    }
  });

  it('renders a table with the spec header line', async () => {
    const r = await cli(['query', '--store', uri, '-e', Q, '--params', '{"n":"Alice"}']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 4)).toEqual(['1 rows from branch main via q', 'p.name | p.age | p.tags', '-------+-------+--------------', 'Alice  | 30    | ["rust","db"]']);
  });

  it('renders jsonl, csv and kv', async () => {
    const jsonl = await cli(['query', '--store', uri, '-e', Q, '--params', '{"n":"Alice"}', '--format', 'jsonl']);
    expect(jsonl.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { kind: 'metadata', query_name: 'q', target: { branch: 'main', snapshot: null }, row_count: 1 },
      { 'p.name': 'Alice', 'p.age': 30, 'p.tags': ['rust', 'db'] },
    ]);
    const csv = await cli(['query', '--store', uri, '-e', Q, '--params', '{"n":"Eve"}', '--format', 'csv']);
    expect(csv.out).toBe('p.name,p.age,p.tags\nEve,,\n');
    const csv2 = await cli(['query', '--store', uri, '-e', Q, '--params', '{"n":"Alice"}', '--format', 'csv']);
    expect(csv2.out).toBe('p.name,p.age,p.tags\nAlice,30,"[""rust"",""db""]"\n');
    const kv = await cli(['query', '--store', uri, '-e', Q, '--params', '{"n":"Alice"}', '--format', 'kv']);
    expect(kv.out).toBe('1 rows from branch main via q\n\nrow 1\np.name: Alice\np.age: 30\np.tags: ["rust","db"]\n');
    const none = await cli(['query', '--store', uri, '-e', Q, '--params', '{"n":"Nobody"}', '--format', 'kv']);
    expect(none.out).toBe('0 rows from branch main via q\n(no rows)\n');
  });

  it('reads a snapshot by commit id and reports it as the target', async () => {
    const q = 'query all() { match { $p: Person } return { count($p) as n } }';
    const now = JSON.parse((await cli(['query', '--store', uri, '-e', q, '--json'])).out);
    expect(now.rows).toEqual([{ n: 6 }]);
    const then = JSON.parse((await cli(['query', '--store', uri, '-e', q, '--snapshot', firstCommit, '--json'])).out);
    expect(then.rows).toEqual([{ n: 5 }]);
    expect(then.target).toEqual({ branch: null, snapshot: firstCommit });
    expect(then.graph_commit_id).toBe(firstCommit);
  });

  it('takes params from a file and picks a query by --name', async () => {
    const file = path.join(tempDir('params'), 'p.json');
    writeFileSync(file, '{"name":"Bob"}');
    const r = await cli(['query', '--store', uri, '--query', READS, '--name', 'friends_of', '--params-file', file, '--json']);
    expect(JSON.parse(r.out).rows).toEqual([{ friend: 'Diana', 'f.age': 28 }]);
  });

  it('exits 2 on usage errors and 1 on query errors, with codes', async () => {
    expect((await cli(['query', '--store', uri, '-e', Q, '--branch', 'main', '--snapshot', 'x'])).code).toBe(2);
    expect((await cli(['query', '--store', uri, '-e', Q, '--params', '{}', '--params-file', 'f'])).code).toBe(2);
    expect((await cli(['query', '--store', uri, '-e', Q, '--format', 'xml'])).code).toBe(2);
    expect((await cli(['query', '--store', uri, '--query', READS])).err).toContain('multiple queries');
    const graph = await Omnigraph.open(uri, { mode: 'read-only' });
    try {
      await expect(graph.query(Q)).rejects.toMatchObject({ code: 'bad_request' });
      await expect(graph.query(Q, { params: { n: 5 } })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(graph.query('query q() { match { $p: Foo } return { $p.name } }')).rejects.toMatchObject({ code: 'query_invalid' });
      await expect(graph.query('query q() { match { $p Person } return { $p.name } }')).rejects.toMatchObject({ code: 'parse_error' });
      await expect(graph.query('query q($n: String) { insert Person { name: $n } }')).rejects.toMatchObject({ code: 'bad_request' });
      await expect(graph.query(READS_TEXT(), { name: 'nope' })).rejects.toMatchObject({ code: 'bad_request' });
      await expect(graph.query(Q, { params: { n: 'Alice' }, branch: 'nope' })).rejects.toMatchObject({ code: 'branch_not_found' });
    } finally {
      await graph.close();
    }
  });

  it('reports search functions as not yet supported', async () => {
    const schema = 'node Doc { slug: String @key  body: String }';
    const u = path.join(tempDir('search'), 'g.omni');
    const graph = await Omnigraph.init(u, schema);
    try {
      await expect(graph.query('query q() { match { $d: Doc  search($d.body, "x") } return { $d.slug } }')).rejects.toMatchObject({ code: 'not_yet_supported' });
      await expect(graph.query('query q() { match { $d: Doc } return { $d.slug } order { bm25($d.body, "x") } }')).rejects.toMatchObject({ code: 'not_yet_supported' });
    } finally {
      await graph.close();
    }
  });

  it('exports JSONL envelopes that load back into an equal graph', async () => {
    const first = await cli(['export', '--store', uri]);
    expect(first.code).toBe(0);
    const lines = first.out.trim().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines.map((l) => JSON.parse(l))).toContainEqual({ type: 'Person', data: { id: 'Alice', name: 'Alice', age: 30, tags: ['rust', 'db'] } });
    expect(lines.map((l) => JSON.parse(l))).toContainEqual({ edge: 'Knows', from: 'Alice', to: 'Bob', data: { id: expect.any(String), since: '2020-05-01' } });
    const dir = tempDir('export');
    const copy = path.join(dir, 'g.omni');
    writeFileSync(path.join(dir, 'export.jsonl'), first.out);
    expect((await cli(['init', '--schema', path.join(FIXTURES, 'schema.pg'), copy])).code).toBe(0);
    const loaded = await cli(['load', '--store', copy, '--data', path.join(dir, 'export.jsonl'), '--mode', 'append', '--quiet']);
    expect(loaded.err).toBe('');
    expect(loaded.code).toBe(0);
    const second = await cli(['export', '--store', copy]);
    expect(second.out.trim().split('\n').sort()).toEqual([...lines].sort());
    const people = await cli(['export', '--store', uri, '--type', 'Knows', '--snapshot', firstCommit]);
    expect(people.out.trim().split('\n')).toHaveLength(4);
    expect((await cli(['export', '--store', uri, '--type', 'Nope'])).code).toBe(1);
  });
});

function READS_TEXT(): string {
  return readFileSync(READS, 'utf8');
}

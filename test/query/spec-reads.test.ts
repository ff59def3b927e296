// The query spec's worked read examples (§12.2), end to end through `omnigraph query` on disk and on S3.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/query-spec');
const READS = path.join(FIXTURES, 'reads.gq');

const names = (...xs: string[]) => xs.map((n) => ({ 'p.name': n }));
const col = (c: string, ...xs: string[]) => xs.map((n) => ({ [c]: n }));

/** [query, params, expected rows in result order]. */
const CASES: ReadonlyArray<readonly [string, Record<string, unknown>, unknown[]]> = [
  ['get_person', { name: 'Alice' }, [{ 'p.name': 'Alice', 'p.age': 30 }]],
  ['get_person', { name: 'Zed' }, []],
  ['older_than', { min: 28 }, [{ 'p.name': 'Charlie', 'p.age': 35 }, { 'p.name': 'Alice', 'p.age': 30 }]],
  ['friends_of', { name: 'Alice' }, [{ friend: 'Bob', 'f.age': 25 }, { friend: 'Charlie', 'f.age': 35 }]],
  ['friends_of', { name: 'Diana' }, []],
  ['employees_of', { company: 'Acme' }, names('Alice', 'Diana')],
  ['employees_of_rev', { company: 'Acme' }, names('Alice', 'Diana')],
  ['fof', { name: 'Alice' }, [{ 'mid.name': 'Bob', 'fof.name': 'Diana' }, { 'mid.name': 'Charlie', 'fof.name': 'Diana' }]],
  ['reach', { name: 'Alice' }, col('f.name', 'Bob', 'Charlie', 'Diana')],
  ['reach', { name: 'Diana' }, []],
  ['reach_exactly_two', { name: 'Alice' }, col('f.name', 'Diana')],
  ['linked', { name: 'Diana' }, col('f.name', 'Bob', 'Charlie')],
  ['linked', { name: 'Alice' }, col('f.name', 'Bob', 'Charlie')],
  ['unemployed', {}, names('Charlie', 'Eve')],
  ['not_at_acme', {}, names('Bob', 'Charlie', 'Eve')],
  ['friend_counts', {}, [{ 'p.name': 'Alice', friends: 2 }, { 'p.name': 'Bob', friends: 1 }, { 'p.name': 'Charlie', friends: 1 }]],
  ['total', {}, [{ total: 5 }]],
  ['total_unaliased', {}, [{ p: 5 }]],
  [
    'age_stats',
    {},
    [
      { 'c.name': 'Acme', total_age: 58, avg_age: 29, youngest: 28, oldest: 30, headcount: 2 },
      { 'c.name': 'Globex', total_age: 25, avg_age: 25, youngest: 25, oldest: 25, headcount: 1 },
    ],
  ],
  [
    'dated_friendships',
    {},
    [
      { 'p.name': 'Alice', 'f.name': 'Bob', 'w.since': '2020-05-01' },
      { 'p.name': 'Bob', 'f.name': 'Diana', 'w.since': '2024-11-30' },
    ],
  ],
  ['strings', {}, names('Alice', 'Charlie')],
  ['prefix', {}, names('Alice')],
  ['rust_filter', {}, names('Alice', 'Diana')],
  ['rust_inline', {}, names('Alice', 'Diana')],
  ['by_age_asc', {}, names('Eve', 'Bob', 'Diana', 'Alice', 'Charlie')],
  ['by_age_desc', {}, names('Charlie', 'Alice', 'Diana', 'Bob', 'Eve')],
  ['oldest_two', {}, names('Charlie', 'Alice')],
  ['software', {}, col('c.name', 'Acme')],
  ['common_friend', {}, col('m.name', 'Bob', 'Charlie')],
  ['pair', {}, [{ 'a.name': 'Alice', 'b.name': 'Diana' }]],
];

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe.each(LANCE_BACKENDS)('spec read examples through the CLI ($name)', (backend) => {
  let uri: string;
  beforeAll(async () => {
    uri = backend.root('query-spec');
    expect((await cli(['init', '--schema', path.join(FIXTURES, 'schema.pg'), uri])).code).toBe(0);
    const load = await cli(['load', '--store', uri, '--data', path.join(FIXTURES, 'data.jsonl'), '--mode', 'append', '--quiet']);
    expect(load.err).toBe('');
    expect(load.code).toBe(0);
  });

  it.each(CASES)('%s %j', async (name, params, expected) => {
    const r = await cli(['query', name, '--query', READS, '--params', JSON.stringify(params), '--store', uri, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { rows: unknown[]; row_count: number; query_name: string; target: unknown; graph_commit_id: string | null };
    expect(out.query_name).toBe(name);
    expect(out.target).toEqual({ branch: 'main', snapshot: null });
    expect(out.graph_commit_id).toEqual(expect.any(String));
    expect(out.row_count).toBe(expected.length);
    const ordered = !['reach_exactly_two', 'software', 'get_person', 'total', 'total_unaliased', 'pair'].includes(name);
    if (ordered) expect(out.rows).toEqual(expected);
    else expect(out.rows).toEqual(expect.arrayContaining(expected as object[]));
  });
});

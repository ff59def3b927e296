// Read semantics beyond the worked examples: self-loops, undirected edge bindings, now(), limit 0, id tie-breaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { writeJsonl } from '../support/jsonl-write.js';
import { tempDir } from '../support/temp.js';

const SCHEMA = 'node P { name: String @key  at: DateTime?  big: I64? }\nedge K: P -> P';

describe('read semantics', () => {
  let graph: Omnigraph;
  beforeAll(async () => {
    graph = await Omnigraph.init(tempDir('semantics'), SCHEMA);
    await writeJsonl(graph, [
      '{"type":"P","data":{"name":"a","at":"2001-01-01T00:00:00Z","big":9007199254740993}}',
      '{"type":"P","data":{"name":"b","at":"2999-01-01T00:00:00Z"}}',
      '{"type":"P","data":{"name":"c"}}',
      '{"edge":"K","from":"a","to":"a","data":{"id":"e1"}}',
      '{"edge":"K","from":"a","to":"b","data":{"id":"e2"}}',
      '{"edge":"K","from":"b","to":"a","data":{"id":"e3"}}',
      '{"edge":"K","from":"a","to":"b","data":{"id":"e4"}}',
    ]);
  });
  afterAll(async () => graph.close());

  const names = async (text: string, params: Record<string, unknown> = {}) => (await graph.query(text, { params })).rows;

  it('emits the source only through its own self-loop, and dedupes parallel edges', async () => {
    expect(await names('query q() { match { $x: P { name: "a" }  $x k{1,3} $y } return { $y.name } order { $y.name } }')).toEqual([{ 'y.name': 'a' }, { 'y.name': 'b' }]);
    // b's source is never re-emitted (b→a→b); a, at distance 1, is emitted at hop 2 through its self-loop.
    expect(await names('query q() { match { $x: P { name: "b" }  $x k{2,2} $y } return { $y.name } }')).toEqual([{ 'y.name': 'a' }]);
    expect(await names('query q() { match { $x: P { name: "b" }  $x k{1,1} $y } return { $y.name } }')).toEqual([{ 'y.name': 'a' }]);
  });

  it('gives one row per edge with an undirected edge binding, each edge once', async () => {
    const rows = await names('query q() { match { $x: P { name: "a" }  $x $w:<k> $y } return { $y.name } order { $y.name } }');
    expect(rows).toEqual([{ 'y.name': 'a' }, { 'y.name': 'b' }, { 'y.name': 'b' }, { 'y.name': 'b' }]);
  });

  it('injects now() once per read and compares DateTime with it', async () => {
    expect(await names('query q() { match { $x: P  $x.at < now() } return { $x.name } }')).toEqual([{ 'x.name': 'a' }]);
  });

  it('limit 0 gives no rows; ties break by ids; big integers come back as strings', async () => {
    expect(await names('query q() { match { $x: P } return { $x.name } order { $x.at } limit 0 }')).toEqual([]);
    expect(await names('query q() { match { $x: P  $x k $y } return { $x.name, $y.name } order { $x.at desc } }')).toEqual([
      { 'x.name': 'b', 'y.name': 'a' },
      { 'x.name': 'a', 'y.name': 'a' },
      { 'x.name': 'a', 'y.name': 'b' },
    ]);
    expect(await names('query q() { match { $x: P { name: "a" } } return { $x.big, $x } }')).toEqual([{ 'x.big': '9007199254740993', x: 'a' }]);
  });

  it('returns one row for a global aggregate over no rows', async () => {
    expect(await names('query q() { match { $x: P { name: "zz" } } return { count($x) as n, sum($x.big) as s } }')).toEqual([{ n: 0, s: null }]);
  });
});

// The graph index cache: keyed by the pins of the edge table and both endpoint tables, LRU 8, old snapshots keep
// their index; CSR builds in a worker thread give the same answers.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { buildCsr, GraphIndexCache, type CsrInput } from '../../src/graphindex/index.js';
import type { GraphSnapshot } from '../../src/manifest/index.js';
import { writeJsonl } from '../support/jsonl-write.js';
import { tempDir } from '../support/temp.js';

const SCHEMA = 'node P { name: String @key }\nedge K: P -> P';

function side(graph: Omnigraph, snap: GraphSnapshot, kind: 'node' | 'edge', name: string) {
  const t = snap.table(kind, name)!;
  const layout = kind === 'node' ? graph.catalog.nodes[name]!.table : graph.catalog.edges[name]!.table;
  return { layout, pin: { tableId: t.tableId, branch: t.branch, version: t.version, open: () => snap.open(t) } };
}

const open: Omnigraph[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
  delete process.env.OMNIGRAPH_CSR_WORKER_MIN_EDGES;
});

describe('graph index cache', () => {
  it('reuses an index for the same pins and rebuilds when an endpoint table moves', async () => {
    const graph = await Omnigraph.init(tempDir('gi'), SCHEMA);
    open.push(graph);
    await writeJsonl(graph, ['{"type":"P","data":{"name":"a"}}', '{"type":"P","data":{"name":"b"}}', '{"edge":"K","from":"a","to":"b"}']);
    let builds = 0;
    const cache = new GraphIndexCache({ build: async (i: CsrInput) => (builds++, buildCsr(i)) });
    const s1 = await graph.snapshot();
    const key1 = [side(graph, s1, 'edge', 'K'), side(graph, s1, 'node', 'P'), side(graph, s1, 'node', 'P')] as const;
    const first = await cache.edgeIndex(...key1);
    expect(await cache.edgeIndex(...key1)).toBe(first);
    expect(builds).toBe(1);
    expect([...first.csr.out.targets]).toEqual([first.to.denseId('b')]);

    await writeJsonl(graph, ['{"type":"P","data":{"name":"c"}}']); // only the node table moves
    const s2 = await graph.snapshot();
    const second = await cache.edgeIndex(side(graph, s2, 'edge', 'K'), side(graph, s2, 'node', 'P'), side(graph, s2, 'node', 'P'));
    expect(builds).toBe(2);
    expect(second.from.size).toBe(3);
    expect(await cache.edgeIndex(...key1)).toBe(first); // the older snapshot keeps its index
    expect(cache.edgeEntries).toBe(2);
  });

  it('keeps at most 8 edge indexes, least recently used evicted first', async () => {
    const graph = await Omnigraph.init(tempDir('gi-lru'), SCHEMA);
    open.push(graph);
    let builds = 0;
    const cache = new GraphIndexCache({ build: async (i: CsrInput) => (builds++, buildCsr(i)) });
    const snaps: GraphSnapshot[] = [];
    for (let i = 0; i < 9; i++) {
      await writeJsonl(graph, [`{"type":"P","data":{"name":"p${i}"}}`]);
      snaps.push(await graph.snapshot());
    }
    const keyOf = (s: GraphSnapshot) => [side(graph, s, 'edge', 'K'), side(graph, s, 'node', 'P'), side(graph, s, 'node', 'P')] as const;
    for (const s of snaps) await cache.edgeIndex(...keyOf(s));
    expect(builds).toBe(9);
    expect(cache.edgeEntries).toBe(8);
    await cache.edgeIndex(...keyOf(snaps[8]!));
    expect(builds).toBe(9);
    await cache.edgeIndex(...keyOf(snaps[0]!));
    expect(builds).toBe(10);
  });

  it('answers the same when the CSR is built in a worker thread', async () => {
    process.env.OMNIGRAPH_CSR_WORKER_MIN_EDGES = '0';
    const uri = tempDir('gi-worker');
    const graph = await Omnigraph.init(uri, SCHEMA);
    open.push(graph);
    const lines = ['a', 'b', 'c', 'd'].map((n) => `{"type":"P","data":{"name":"${n}"}}`);
    lines.push(...[['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'd']].map(([f, t]) => `{"edge":"K","from":"${f}","to":"${t}"}`));
    await writeJsonl(graph, lines);
    const out = await graph.query('query q() { match { $a: P { name: "a" }  $a k{2,3} $b } return { $b.name } order { $b.name } }');
    expect(out.rows).toEqual([{ 'b.name': 'c' }, { 'b.name': 'd' }]);
  });
});

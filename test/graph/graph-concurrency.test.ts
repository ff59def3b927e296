// Several processes on one graph: racing inits, racing publishes on one branch, and a reader's snapshot isolation.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { spawnGraphChildren, type GraphChildren } from '../support/graph-children.js';
import { appendAndPublish, TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const PUBLISHERS = 4;
let children: GraphChildren | undefined;
afterEach(async () => {
  await children?.close();
  children = undefined;
});

describe.each(LANCE_BACKENDS)('graph concurrency ($name)', (backend) => {
  it('of 4 processes initialising one location exactly one wins', async () => {
    const uri = backend.root('init-race');
    children = spawnGraphChildren(4);
    const results = await children.all({ cmd: 'init', uri, schema: TEST_SCHEMA });
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(['already_initialized', 'initialization_claimed']).toContain(r.code);
    const g = await Omnigraph.open(uri, { mode: 'read-only' });
    expect(await g.commits()).toHaveLength(1);
    await g.close();
  });

  it('4 processes publishing on one branch: each publish lands or gets read_set_conflict; the chain is linear and complete', async () => {
    const uri = backend.root('publish-race');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    children = spawnGraphChildren(PUBLISHERS);
    await children.all({ cmd: 'open', uri, mode: 'read-write' });
    const landed = new Map<number, string>();
    let conflicts = 0;
    let overlapped = false;
    for (let round = 0; round < 10 && landed.size < PUBLISHERS; round++) {
      const pending = [...Array(PUBLISHERS).keys()].filter((i) => !landed.has(i));
      const reads = await children.all({ cmd: 'read-head' }, pending);
      expect(new Set(reads.map((r) => JSON.stringify(r['head']))).size).toBe(1);
      const results = await children.all({ cmd: 'publish', message: `round ${round}` }, pending);
      const firstEnd = Math.min(...results.map((r) => r['endAt'] as number));
      if (results.filter((r) => (r['startAt'] as number) <= firstEnd).length >= 2) overlapped = true;
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      results.forEach((r, k) => {
        if (r.ok) landed.set(pending[k]!, r['commitId'] as string);
        else {
          expect(r.code).toBe('read_set_conflict');
          conflicts++;
        }
      });
    }
    expect(landed.size).toBe(PUBLISHERS);
    expect(conflicts).toBeGreaterThan(0);
    expect(overlapped).toBe(true);
    const g = await Omnigraph.open(uri, { mode: 'read-only' });
    const commits = await g.commits();
    await g.close();
    expect(commits).toHaveLength(PUBLISHERS + 1);
    for (let i = 0; i < commits.length - 1; i++) expect(commits[i]!.parents).toEqual([commits[i + 1]!.id]);
    expect(new Set(commits.map((c) => c.id))).toEqual(new Set([...landed.values(), commits.at(-1)!.id]));
  });

  it('a reader holding a snapshot reads identical results while another process publishes', async () => {
    const uri = backend.root('isolation');
    const g = await Omnigraph.init(uri, TEST_SCHEMA);
    await appendAndPublish(g, 'Person', [{ id: 'p1', name: 'Ann', age: 30 }]);
    const held = await g.snapshot();
    const read = async (): Promise<string> => {
      const t = await held.open(held.table('node', 'Person')!);
      return JSON.stringify((await t.scan()).toArray());
    };
    const before = await read();
    children = spawnGraphChildren(1);
    await children.send(0, { cmd: 'open', uri, mode: 'read-write' });
    const writes = (async () => {
      for (let i = 0; i < 5; i++) {
        const r = await children!.send(0, { cmd: 'append', typeName: 'Person', rows: [{ id: `q${i}`, name: `Q${i}`, age: i }] });
        expect(r.ok).toBe(true);
      }
    })();
    let done = false;
    void writes.finally(() => (done = true)).catch(() => undefined);
    const seen = new Set<string>();
    let reads = 0;
    while (!done) {
      seen.add(await read());
      reads++;
    }
    await writes;
    expect(reads).toBeGreaterThan(1);
    seen.add(await read());
    expect([...seen]).toEqual([before]);
    const now = await g.snapshot();
    expect(now.table('node', 'Person')!.rowCount).toBe(6);
    expect(await (await now.open(now.table('node', 'Person')!)).countRows()).toBe(6);
    await g.close();
  });
});

// Mutations on both backends: every statement form of the spec's worked examples, the rules, and each refusal.
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { rowsOf, specGraph } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';
import { expectRefused } from '../support/write-checks.js';

const Q = `
query add_person($name: String, $age: I32?) { insert Person { name: $name, age: $age } }
query befriend($a: String, $b: String) { insert Knows { from: $a, to: $b } }
query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }
query remove_person($name: String) { delete Person where name = $name }
query drop_friendships($name: String) { delete Knows where from = $name }
query join_and_link($name: String, $friend: String) {
    insert Person { name: $name }
    insert Knows { from: $name, to: $friend }
}
query older($min: I32) { delete Person where age > $min }
query stamp($d: Date) { update Person set { age: 1 } where name >= "D" }
query mixed($n: String) { insert Person { name: $n }  delete Person where name = "Eve" }
query rename($n: String) { update Person set { name: "X" } where name = $n }
query then_update($n: String) {
    insert Person { name: $n, age: 1 }
    update Person set { age: 2 } where name = $n
}
query company($n: String, $i: String) { insert Company { name: $n, industry: $i } }
query hire($p: String, $c: String) { insert WorksAt { from: $p, to: $c, role: "x" } }
`;

const count = async (g: Omnigraph, kind: 'node' | 'edge', t: string) => (await rowsOf(g, kind, t)).length;

describe.each(LANCE_BACKENDS)('mutate ($name)', (backend) => {
  it('runs the worked examples of query-language §12.3', async () => {
    const cases: [string, Record<string, unknown>, number, number, (g: Omnigraph) => Promise<void>][] = [
      ['add_person', { name: 'Frank', age: 41 }, 1, 0, async (g) => expect(await count(g, 'node', 'Person')).toBe(6)],
      ['add_person', { name: 'Alice', age: 31 }, 1, 0, async (g) => {
        const alice = (await rowsOf(g, 'node', 'Person')).find((p) => p.id === 'Alice');
        expect(alice).toMatchObject({ age: 31, tags: null });
        expect(await count(g, 'node', 'Person')).toBe(5);
      }],
      ['add_person', { name: 'Gus' }, 1, 0, async (g) => expect((await rowsOf(g, 'node', 'Person')).find((p) => p.id === 'Gus')?.age).toBeNull()],
      ['befriend', { a: 'Eve', b: 'Alice' }, 0, 1, async (g) => expect(await count(g, 'edge', 'Knows')).toBe(5)],
      ['set_age', { name: 'Bob', age: 26 }, 1, 0, async (g) => expect((await rowsOf(g, 'node', 'Person')).find((p) => p.id === 'Bob')?.age).toBe(26)],
      ['remove_person', { name: 'Charlie' }, 1, 2, async (g) => expect(await count(g, 'edge', 'Knows')).toBe(2)],
      ['drop_friendships', { name: 'Alice' }, 0, 2, async (g) => expect(await count(g, 'edge', 'Knows')).toBe(2)],
      ['join_and_link', { name: 'Hal', friend: 'Alice' }, 1, 1, async (g) => expect((await rowsOf(g, 'edge', 'Knows')).some((e) => e.src === 'Hal' && e.dst === 'Alice')).toBe(true)],
      ['older', { min: 27 }, 3, 6, async (g) => {
        expect((await rowsOf(g, 'node', 'Person')).map((p) => p.id)).toEqual(['Bob', 'Eve']);
        expect(await count(g, 'edge', 'WorksAt')).toBe(1);
      }],
      ['then_update', { n: 'Ida' }, 2, 0, async (g) => expect((await rowsOf(g, 'node', 'Person')).find((p) => p.id === 'Ida')?.age).toBe(2)],
    ];
    for (const [name, params, nodes, edges, check] of cases) {
      const graph = await specGraph(backend.root(`mut-${name}`));
      try {
        const r = await graph.mutate(Q, { name, params, actor: 'me' });
        expect([name, r.affectedNodes, r.affectedEdges]).toEqual([name, nodes, edges]);
        expect(r.commit).not.toBeNull();
        expect((await graph.head()).commitId).toBe(r.commit!.commitId);
        await check(graph);
      } finally {
        await graph.close();
      }
    }
  }, 120_000);

  it('a mutation that matches nothing publishes no commit', async () => {
    const graph = await specGraph(backend.root('mut-zero'));
    try {
      const head = await graph.head();
      const r = await graph.mutate(Q, { name: 'set_age', params: { name: 'Nobody', age: 1 } });
      expect([r.affectedNodes, r.affectedEdges, r.commit]).toEqual([0, 0, null]);
      expect(await graph.head()).toEqual(head);
    } finally {
      await graph.close();
    }
  });

  it('refuses before any write: missing endpoint, mixed kinds, key updates, bad params, stale --if-commit', async () => {
    const graph = await specGraph(backend.root('mut-refuse'));
    try {
      const ref = await expectRefused(graph, 'constraint_violation', () => graph.mutate(Q, { name: 'befriend', params: { a: 'Eve', b: 'Nobody' } }));
      expect(ref.message).toMatch(/^dst 'Nobody' not found in Person/);
      const mixed = await expectRefused(graph, 'bad_request', () => graph.mutate(Q, { name: 'mixed', params: { n: 'Q' } }));
      expect(mixed.message).toMatch(/^mutation 'mixed' on the same query mixes inserts\/updates and deletes; split into separate mutations: \(1\) inserts and updates, then \(2\) deletes\./);
      const key = await expectRefused(graph, 'query_invalid', () => graph.mutate(Q, { name: 'rename', params: { n: 'Bob' } }));
      expect(key.message).toMatch(/cannot update @key property 'name' — delete and re-insert instead/);
      await expectRefused(graph, 'bad_request', () => graph.mutate(Q, { name: 'set_age', params: { name: 'Bob' } }));
      await expectRefused(graph, 'bad_request', () => graph.mutate(Q, { name: 'set_age', params: { name: 'Bob', age: 'x' } }));
      await expectRefused(graph, 'constraint_violation', () => graph.mutate(Q, { name: 'company', params: { n: 'C', i: 'mining' } }));
      await expectRefused(graph, 'constraint_violation', () => graph.mutate(Q, { name: 'hire', params: { p: 'Alice', c: 'Bob' } }));
      await expectRefused(graph, 'query_invalid', () => graph.mutate('query q() { update Knows set { since: date("2020-01-01") } where from = "Alice" }'));
      await expectRefused(graph, 'bad_request', () => graph.mutate('query q() { match { $p: Person } return { $p.name } }'));
      const stale = (await graph.commits())[1]!.id;
      const cas = await expectRefused(graph, 'precondition_failure', () => graph.mutate(Q, { name: 'add_person', params: { name: 'Cas' }, ifCommit: stale }));
      expect(cas.details.precondition_failure).toEqual({ expected: stale, actual: (await graph.head()).commitId });
      const ok = await graph.mutate(Q, { name: 'add_person', params: { name: 'Cas' }, ifCommit: (await graph.head()).commitId });
      expect(ok.affectedNodes).toBe(1);
    } finally {
      await graph.close();
    }
  });
});

describe('mutation rules (file backend)', () => {
  it('checks @unique against committed and staged rows, @card on deletes, and the per-type cap', async () => {
    const schema = `
node User { email: String @key  handle: String? @unique }
node Team { name: String @key }
edge Lead: Team -> User @card(1..2)
`;
    const graph = await Omnigraph.init(tempDir('mut-rules'), schema);
    try {
      await graph.load({ text: '{"type":"User","data":{"email":"a","handle":"ha"}}\n{"type":"User","data":{"email":"b"}}\n{"type":"Team","data":{"name":"T"}}\n{"edge":"Lead","from":"T","to":"a"}' }, { mode: 'append' });
      const q = `
query add($e: String, $h: String?) { insert User { email: $e, handle: $h } }
query two($h: String) { insert User { email: "x", handle: $h }  insert User { email: "y", handle: $h } }
query sethandle($e: String, $h: String) { update User set { handle: $h } where email = $e }
query unlead($u: String) { delete Lead where to = $u }
query lead($u: String) { insert Lead { from: "T", to: $u } }
query many() { insert User { email: "m" } }
`;
      await expectRefused(graph, 'constraint_violation', () => graph.mutate(q, { name: 'add', params: { e: 'c', h: 'ha' } }));
      await expectRefused(graph, 'constraint_violation', () => graph.mutate(q, { name: 'two', params: { h: 'z' } }));
      await expectRefused(graph, 'constraint_violation', () => graph.mutate(q, { name: 'sethandle', params: { e: 'b', h: 'ha' } }));
      expect((await graph.mutate(q, { name: 'sethandle', params: { e: 'a', h: 'ha' } })).affectedNodes).toBe(1);
      expect((await graph.mutate(q, { name: 'add', params: { e: 'c', h: null } })).affectedNodes).toBe(1);
      const card = await expectRefused(graph, 'constraint_violation', () => graph.mutate(q, { name: 'unlead', params: { u: 'a' } }));
      expect(card.message).toMatch(/@card violation on Lead: source 'T' would have 0 edges/);
      await graph.mutate(q, { name: 'lead', params: { u: 'b' } });
      await expectRefused(graph, 'constraint_violation', () => graph.mutate(q, { name: 'lead', params: { u: 'c' } }));
      const big = `query big() {\n${Array.from({ length: 8193 }, (_, i) => `  insert User { email: "u${i}" }`).join('\n')}\n}`;
      await expectRefused(graph, 'resource_limit', () => graph.mutate(big));
    } finally {
      await graph.close();
    }
  }, 120_000);
});

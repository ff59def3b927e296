// The merge truth table of spec branching §7.9, every cell, on a real graph: outcome, conflicts, and the result data.
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { OmniError } from '../../src/errors/index.js';
import { rowsOf } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';

const SCHEMA = `
node Person { name: String @key  age: I32? }
edge Knows: Person -> Person
`;
const BASE = [
  '{"type":"Person","data":{"name":"Alice","age":30}}',
  '{"type":"Person","data":{"name":"Bob","age":25}}',
  '{"type":"Person","data":{"name":"Carol","age":40}}',
  '{"type":"Person","data":{"name":"Dan","age":50}}',
  '{"edge":"Knows","from":"Bob","to":"Carol"}',
].join('\n');
const Q = `
query add_eve($age: I32) { insert Person { name: "Eve", age: $age } }
query del_alice() { delete Person where name = "Alice" }
query add_edge() { insert Knows { from: "Alice", to: "Carol" } }
query del_bob_edges() { delete Knows where from = "Bob" }
query set_alice($age: I32) { update Person set { age: $age } where name = "Alice" }
query del_alice_edges() { delete Knows where from = "Alice" }
`;

type Op = '·' | '+N' | '−N' | '+E' | '−E' | 'set' | '0E';
const OPS: Op[] = ['·', '+N', '−N', '+E', '−E', 'set', '0E'];

async function apply(g: Omnigraph, op: Op, branch: string, side: 'source' | 'target'): Promise<void> {
  const run = (name: string, params: Record<string, unknown> = {}) => g.mutate(Q, { name, params, branch });
  switch (op) {
    case '·':
      return;
    case '+N':
      await run('add_eve', { age: side === 'source' ? 21 : 22 });
      return;
    case '−N':
      await run('del_alice');
      return;
    case '+E':
      await run('add_edge');
      return;
    case '−E':
      await run('del_bob_edges');
      return;
    case 'set':
      await run('set_alice', { age: side === 'source' ? 31 : 32 });
      return;
    case '0E':
      await run('add_edge');
      await run("del_alice_edges");
      return;
  }
}

type Expect = 'up' | 'ff' | 'merged' | 'divergent_insert' | 'divergent_update' | 'delete_vs_update' | 'orphan_edge';
// Rows: source op; columns: target op (spec §7.9).
const TABLE: Record<Op, Expect[]> = {
  '·': ['up', 'up', 'up', 'up', 'up', 'up', 'up'],
  '+N': ['ff', 'divergent_insert', 'merged', 'merged', 'merged', 'merged', 'merged'],
  '−N': ['ff', 'merged', 'merged', 'orphan_edge', 'merged', 'delete_vs_update', 'merged'],
  '+E': ['ff', 'merged', 'orphan_edge', 'merged', 'merged', 'merged', 'merged'],
  '−E': ['ff', 'merged', 'merged', 'merged', 'merged', 'merged', 'merged'],
  set: ['ff', 'merged', 'delete_vs_update', 'merged', 'merged', 'divergent_update', 'merged'],
  '0E': ['ff', 'merged', 'merged', 'merged', 'merged', 'merged', 'merged'],
};

const people = async (g: Omnigraph, branch = 'main') => Object.fromEntries((await rowsOf(g, 'node', 'Person', branch)).map((p) => [p.id, p.age]));
const edges = async (g: Omnigraph, branch = 'main') => (await rowsOf(g, 'edge', 'Knows', branch)).map((e) => `${String(e.src)}->${String(e.dst)}`).sort();

/** The logical graph expected after applying both ops to the base (for the cells that merge). */
function expectedAfter(source: Op, target: Op): { people: Record<string, number>; edges: string[] } {
  const people: Record<string, number> = { Alice: 30, Bob: 25, Carol: 40, Dan: 50 };
  let edges = ['Bob->Carol'];
  for (const [op, side] of [[target, 'target'], [source, 'source']] as const) {
    if (op === '+N') people['Eve'] = side === 'source' ? 21 : 22;
    if (op === '−N') delete people['Alice'];
    if (op === '+E') edges.push('Alice->Carol');
    if (op === '−E') edges = edges.filter((e) => !e.startsWith('Bob->'));
    if (op === 'set') people['Alice'] = side === 'source' ? 31 : 32;
  }
  return { people, edges: edges.sort() };
}

describe('merge truth table (spec branching §7.9)', () => {
  for (const source of OPS) {
    for (const [col, target] of OPS.entries()) {
      const want = TABLE[source][col]!;
      it(`source ${source} × target ${target} → ${want}`, async () => {
        const g = await Omnigraph.init(tempDir('merge-tt'), SCHEMA);
        try {
          await g.load({ text: BASE }, { mode: 'append' });
          await g.branchCreate('feature');
          await apply(g, source, 'feature', 'source');
          await apply(g, target, 'main', 'target');
          const beforePeople = await people(g);
          const beforeEdges = await edges(g);
          const beforeHead = await g.head();
          if (!['up', 'ff', 'merged'].includes(want)) {
            const err = await g.branchMerge('feature').then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(err).toBeInstanceOf(OmniError);
            expect((err as OmniError).code).toBe('merge_conflicts');
            const conflicts = (err as OmniError).details!['conflicts'] as { kind: string; entity_id: string | null; type_key: string }[];
            expect(conflicts.map((c) => c.kind)).toEqual([want]);
            if (want !== 'orphan_edge') expect(conflicts[0]!.entity_id).toBe(want === 'divergent_insert' ? 'Eve' : 'Alice');
            else expect(conflicts[0]!.type_key).toBe('edge:Knows');
            // A conflicting merge leaves the target exactly as the target-side op alone produced it.
            expect(await people(g)).toEqual(beforePeople);
            expect(await edges(g)).toEqual(beforeEdges);
            expect(await g.head()).toEqual(beforeHead);
            return;
          }
          const r = await g.branchMerge('feature');
          expect(r.outcome).toBe(({ up: 'already_up_to_date', ff: 'fast_forward', merged: 'merged' } as Record<string, string>)[want]);
          if (want === 'up') {
            expect(r.commitId).toBeNull();
            expect(await g.head()).toEqual(beforeHead);
            return;
          }
          const after = expectedAfter(source, target);
          expect(await people(g)).toEqual(after.people);
          // +E on both sides keeps both edges (generated ids: no endpoint de-duplication): 3 edges.
          expect(await edges(g)).toEqual(after.edges);
          const commit = await g.commit(r.commitId!);
          expect(commit.parents).toEqual([beforeHead.commitId, (await g.head('feature')).commitId]);
          // Merging the same source again is up to date.
          expect((await g.branchMerge('feature')).outcome).toBe('already_up_to_date');
        } finally {
          await g.close();
        }
      });
    }
  }
});

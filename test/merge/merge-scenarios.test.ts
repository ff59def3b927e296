// Merge beyond the truth table, on both backends: re-merges, moving targets, branch-to-branch, recreated branches, checks.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { OmniError } from '../../src/errors/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { rowsOf } from '../support/spec-graph.js';

const SCHEMA = `
node Person { name: String @key  age: I32?  email: String? @unique }
edge Knows: Person -> Person
edge Mentor: Person -> Person @card(0..1)
`;
const BASE = ['Alice', 'Bob', 'Carol', 'Dan'].map((n, i) => `{"type":"Person","data":{"name":"${n}","age":${30 + i}}}`).join('\n');
const Q = `
query add($name: String, $age: I32) { insert Person { name: $name, age: $age } }
query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }
query set_email($name: String, $email: String) { update Person set { email: $email } where name = $name }
query del($name: String) { delete Person where name = $name }
query knows($a: String, $b: String) { insert Knows { from: $a, to: $b } }
query mentor($a: String, $b: String) { insert Mentor { from: $a, to: $b } }
`;

const open: Omnigraph[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});

async function conflictsOf(p: Promise<unknown>): Promise<{ kind: string; entity_id: string | null; type_key: string }[]> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OmniError);
  expect((err as OmniError).code).toBe('merge_conflicts');
  return (err as OmniError).details!['conflicts'] as { kind: string; entity_id: string | null; type_key: string }[];
}

describe.each(LANCE_BACKENDS)('merge scenarios ($name)', (backend) => {
  let n = 0;
  const fresh = async (): Promise<Omnigraph> => {
    const g = await Omnigraph.init(backend.root(`merge-sc-${n++}`), SCHEMA);
    open.push(g);
    await g.load({ text: BASE }, { mode: 'append' });
    return g;
  };
  const run = (g: Omnigraph, branch: string, name: string, params: Record<string, unknown>) => g.mutate(Q, { name, params, branch });
  const ages = async (g: Omnigraph, branch = 'main') => Object.fromEntries((await rowsOf(g, 'node', 'Person', branch)).map((p) => [p.id, p.age]));

  it('re-merge: the target changed X before the first merge, the source changes X after it — a conflict', async () => {
    const g = await fresh();
    await g.branchCreate('feature');
    await run(g, 'main', 'set_age', { name: 'Alice', age: 32 });
    await run(g, 'feature', 'set_age', { name: 'Bob', age: 26 });
    expect((await g.branchMerge('feature')).outcome).toBe('merged');
    expect(await ages(g)).toMatchObject({ Alice: 32, Bob: 26 });
    await run(g, 'feature', 'set_age', { name: 'Alice', age: 31 });
    const conflicts = await conflictsOf(g.branchMerge('feature'));
    expect(conflicts).toMatchObject([{ kind: 'divergent_update', entity_id: 'Alice', type_key: 'node:Person' }]);
    expect(await ages(g)).toMatchObject({ Alice: 32, Bob: 26 });
  });

  it('repeated merges both ways: main into the branch, then the branch back is a fast-forward with only its own delta', async () => {
    const g = await fresh();
    await g.branchCreate('feature');
    await run(g, 'feature', 'add', { name: 'Eve', age: 20 });
    await run(g, 'main', 'add', { name: 'Fay', age: 21 });
    await run(g, 'main', 'set_age', { name: 'Dan', age: 60 });
    const intoBranch = await g.branchMerge('main', { into: 'feature' });
    expect(intoBranch.outcome).toBe('merged');
    expect(await ages(g, 'feature')).toEqual({ Alice: 30, Bob: 31, Carol: 32, Dan: 60, Eve: 20, Fay: 21 });
    await run(g, 'feature', 'set_age', { name: 'Fay', age: 22 });
    const back = await g.branchMerge('feature');
    expect(back.outcome).toBe('fast_forward');
    expect(await ages(g)).toEqual({ Alice: 30, Bob: 31, Carol: 32, Dan: 60, Eve: 20, Fay: 22 });
    expect(back.tables.find((t) => t.typeKey === 'node:Person')).toMatchObject({ written: 2, deleted: 0 });
    expect((await g.branchMerge('feature')).outcome).toBe('already_up_to_date');
    expect((await g.branchMerge('main', { into: 'feature' })).outcome).toBe('fast_forward');
    expect(await ages(g, 'feature')).toEqual(await ages(g));
  });

  it('merges a branch into another branch, and a branch created from a branch back into its parent', async () => {
    const g = await fresh();
    await g.branchCreate('a');
    await run(g, 'a', 'add', { name: 'Eve', age: 20 });
    await g.branchCreate('a-child', { from: 'a' });
    await run(g, 'a-child', 'set_age', { name: 'Eve', age: 25 });
    await run(g, 'a', 'set_age', { name: 'Alice', age: 41 });
    expect((await g.branchMerge('a-child', { into: 'a' })).outcome).toBe('merged');
    expect(await ages(g, 'a')).toMatchObject({ Alice: 41, Eve: 25 });
    await g.branchCreate('b');
    await run(g, 'b', 'knows', { a: 'Bob', b: 'Carol' });
    expect((await g.branchMerge('b', { into: 'a' })).outcome).toBe('merged');
    expect((await rowsOf(g, 'edge', 'Knows', 'a')).map((e) => `${String(e.src)}->${String(e.dst)}`)).toEqual(['Bob->Carol']);
    expect(await rowsOf(g, 'edge', 'Knows')).toEqual([]);
    expect((await g.branchMerge('a', { deleteBranch: true })).outcome).toBe('fast_forward');
    expect(await ages(g)).toMatchObject({ Alice: 41, Eve: 25 });
  });

  it('a merge after the target moved is three-way; --delete-branch deletes the source, or reports why not', async () => {
    const g = await fresh();
    await g.branchCreate('feature');
    await g.branchCreate('feature/sub', { from: 'main' }).catch(() => undefined);
    await run(g, 'feature', 'del', { name: 'Carol' });
    await run(g, 'main', 'add', { name: 'Eve', age: 20 });
    await g.branchCreate('keep', { from: 'feature' });
    const r = await g.branchMerge('feature', { deleteBranch: true });
    expect(r).toMatchObject({ outcome: 'merged', branchDeleted: false });
    expect(r.branchDeleteError).toMatch(/still depends on/);
    expect(Object.keys(await ages(g)).sort()).toEqual(['Alice', 'Bob', 'Dan', 'Eve']);
    await g.branchDelete('keep');
    const again = await g.branchMerge('feature', { deleteBranch: true });
    expect(again).toMatchObject({ outcome: 'already_up_to_date', branchDeleted: true });
    expect((await g.branches()).map((b) => b.name)).toEqual(['main']);
  });

  it('a deleted and recreated branch merges from its new fork point, never from the old incarnation', async () => {
    const g = await fresh();
    await g.branchCreate('tmp');
    await run(g, 'tmp', 'set_age', { name: 'Alice', age: 99 });
    await g.branchDelete('tmp');
    await run(g, 'main', 'set_age', { name: 'Alice', age: 50 });
    await g.branchCreate('tmp');
    await run(g, 'tmp', 'set_age', { name: 'Bob', age: 77 });
    expect((await g.branchMerge('tmp')).outcome).toBe('fast_forward');
    expect(await ages(g)).toMatchObject({ Alice: 50, Bob: 77 });
  });

  it('post-merge checks: @unique across both sides and @card on the result are conflicts; nothing is written', async () => {
    const g = await fresh();
    await g.branchCreate('feature');
    await run(g, 'feature', 'set_email', { name: 'Alice', email: 'x@example.com' });
    await run(g, 'main', 'set_email', { name: 'Bob', email: 'x@example.com' });
    const head = await g.head();
    expect(await conflictsOf(g.branchMerge('feature'))).toMatchObject([{ kind: 'unique_violation', type_key: 'node:Person' }]);
    expect(await g.head()).toEqual(head);
    await g.branchCreate('mentors');
    await run(g, 'mentors', 'mentor', { a: 'Carol', b: 'Alice' });
    await run(g, 'main', 'mentor', { a: 'Carol', b: 'Bob' });
    expect(await conflictsOf(g.branchMerge('mentors'))).toMatchObject([{ kind: 'cardinality_violation', type_key: 'edge:Mentor', entity_id: null }]);
  });

  it('every conflict is reported, across tables, with the images of each side', async () => {
    const g = await fresh();
    await g.branchCreate('feature');
    for (const [name, a, b] of [['Alice', 1, 2], ['Bob', 3, 4]] as const) {
      await run(g, 'feature', 'set_age', { name, age: a });
      await run(g, 'main', 'set_age', { name, age: b });
    }
    await run(g, 'feature', 'add', { name: 'Eve', age: 5 });
    await run(g, 'main', 'add', { name: 'Eve', age: 6 });
    const err = await g.branchMerge('feature').catch((e: unknown) => e as OmniError);
    const conflicts = (err as OmniError).details!['conflicts'] as Record<string, unknown>[];
    expect(conflicts.map((c) => [c['kind'], c['entity_id']])).toEqual([
      ['divergent_update', 'Alice'],
      ['divergent_update', 'Bob'],
      ['divergent_insert', 'Eve'],
    ]);
    expect(conflicts[0]).toMatchObject({ base: { properties: { age: 30 } }, source: { properties: { age: 1 } }, target: { properties: { age: 2 } } });
    expect((err as OmniError).message).toBe("merge conflicts: node type 'Person', entity id 'Alice' (divergent_update); node type 'Person', entity id 'Bob' (divergent_update); node type 'Person', entity id 'Eve' (divergent_insert)");
  });

  it('a table that was empty at the fork: repeated merges see every change (LanceDB loses row versions there)', async () => {
    const g = await fresh();
    await g.branchCreate('edges');
    await run(g, 'edges', 'knows', { a: 'Alice', b: 'Bob' });
    expect((await g.branchMerge('edges')).outcome).toBe('fast_forward');
    await run(g, 'edges', 'knows', { a: 'Bob', b: 'Carol' });
    await run(g, 'main', 'knows', { a: 'Dan', b: 'Alice' });
    expect((await g.branchMerge('edges')).outcome).toBe('merged');
    const pairs = async (b: string) => (await rowsOf(g, 'edge', 'Knows', b)).map((e) => `${String(e.src)}->${String(e.dst)}`).sort();
    expect(await pairs('main')).toEqual(['Alice->Bob', 'Bob->Carol', 'Dan->Alice']);
    await g.branchCreate('edges-2', { from: 'edges' });
    await run(g, 'edges-2', 'knows', { a: 'Carol', b: 'Dan' });
    expect((await g.branchMerge('edges-2')).outcome).toBe('merged');
    expect(await pairs('main')).toEqual(['Alice->Bob', 'Bob->Carol', 'Carol->Dan', 'Dan->Alice']);
  });

  it('refuses bad requests before any effect', async () => {
    const g = await fresh();
    await g.branchCreate('feature');
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e as OmniError).code);
    expect(await code(g.branchMerge('feature', { into: 'feature' }))).toBe('bad_request');
    expect(await code(g.branchMerge('main'))).toBe('bad_request');
    expect(await code(g.branchMerge('nope'))).toBe('branch_not_found');
    expect(await code(g.branchMerge('feature', { into: 'nope' }))).toBe('branch_not_found');
    expect(await code(g.branchMerge('__schema_apply_lock__'))).toBe('bad_request');
    expect(await code(g.branchMerge(' '))).toBe('bad_request');
  });
});

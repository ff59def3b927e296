// Key indexes built through the write protocol: content-neutral commits, branches and forks of forks, crash recovery.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { connectLance } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { rowsOf, SPEC_DATA, SPEC_SCHEMA } from '../support/spec-graph.js';

const Q = `
query add($n: String) { insert Person { name: $n } }
query set_age($n: String, $a: I32) { update Person set { age: $a } where name = $n }
query knows($a: String, $b: String) { insert Knows { from: $a, to: $b } }
query friends($n: String) { match { $p: Person { name: $n } $p knows $f } return { $f.name } order { $f.name asc } }
`;

const open: Omnigraph[] = [];
afterEach(async () => {
  delete process.env['OMNIGRAPH_FAILPOINTS'];
  for (const g of open.splice(0)) await g.close().catch(() => undefined);
});

const indexed = async (g: Omnigraph, branch: string, kind: 'node' | 'edge', type: string) => {
  const snap = await g.snapshot({ branch });
  return (await snap.open(snap.table(kind, type)!)).indexedColumns();
};

describe.each(LANCE_BACKENDS)('key indexes ($name)', (backend) => {
  let n = 0;
  const fresh = async (): Promise<Omnigraph> => {
    const g = await Omnigraph.init(backend.root(`key-idx-${n++}`), SPEC_SCHEMA);
    open.push(g);
    await g.load({ text: SPEC_DATA }, { mode: 'append' });
    return g;
  };

  it('builds id, src and dst indexes as content-neutral index_build commits; reads and writes stay the same', async () => {
    const g = await fresh();
    const before = await rowsOf(g, 'node', 'Person');
    const beforeEdges = await rowsOf(g, 'edge', 'Knows');
    const built = await g.ensureIndices({ minRows: 1 });
    expect(built.map((b) => `${b.tableKey}.${b.column}`).sort()).toEqual(
      ['node:Person.id', 'node:Company.id', 'edge:Knows.id', 'edge:WorksAt.id', 'edge:Knows.src', 'edge:WorksAt.src', 'edge:Knows.dst', 'edge:WorksAt.dst'].sort(),
    );
    const commits = await g.commits();
    expect(commits.slice(0, 3).map((c) => [c.kind, c.message])).toEqual([['index_build', 'index dst'], ['index_build', 'index src'], ['index_build', 'index id']]);
    expect(await indexed(g, 'main', 'edge', 'Knows')).toEqual(['dst', 'id', 'src']);
    expect(await indexed(g, 'main', 'node', 'Person')).toEqual(['id']);
    expect(await rowsOf(g, 'node', 'Person')).toEqual(before);
    expect(await rowsOf(g, 'edge', 'Knows')).toEqual(beforeEdges);
    expect(await g.ensureIndices({ minRows: 1 })).toEqual([]);
    // Small tables are left alone by default.
    expect(await (await fresh()).ensureIndices()).toEqual([]);
    // Writes on main go through the index and stay correct.
    await g.mutate(Q, { name: 'set_age', params: { n: 'Bob', a: 77 } });
    await g.mutate(Q, { name: 'knows', params: { a: 'Bob', b: 'Eve' } });
    expect((await rowsOf(g, 'node', 'Person')).find((p) => p.id === 'Bob')?.age).toBe(77);
    const out = await g.query(Q, { name: 'friends', params: { n: 'Bob' } });
    expect(out.rows.map((r) => Object.values(r as Record<string, unknown>)[0])).toEqual(['Diana', 'Eve']);
    // The change feed sees the index commits as empty blocks.
    const idCommit = commits[2]!;
    expect((await g.commitChanges(idCommit.id)).changes).toEqual([]);
  });

  it('a branch of a branch writes and reads a table whose index it inherited twice (the fork drops it)', async () => {
    const g = await fresh();
    await g.ensureIndices({ minRows: 1 });
    await g.branchCreate('a');
    await g.mutate(Q, { name: 'add', params: { n: 'Ann' } });
    await g.mutate(Q, { name: 'add', params: { n: 'Abe' }, branch: 'a' });
    expect(await indexed(g, 'a', 'node', 'Person')).toEqual(['id']); // a first-level fork reads main's index
    await g.branchCreate('b', { from: 'a' });
    await g.mutate(Q, { name: 'add', params: { n: 'Bea' }, branch: 'b' });
    await g.mutate(Q, { name: 'set_age', params: { n: 'Abe', a: 5 }, branch: 'b' });
    expect(await indexed(g, 'b', 'node', 'Person')).toEqual([]);
    const names = async (branch: string) => (await rowsOf(g, 'node', 'Person', branch)).map((p) => String(p.id)).sort();
    expect(await names('b')).toEqual(['Abe', 'Alice', 'Bea', 'Bob', 'Charlie', 'Diana', 'Eve']);
    // And a third level, forked from the unindexed second-level fork.
    await g.branchCreate('c', { from: 'b' });
    await g.mutate(Q, { name: 'add', params: { n: 'Cy' }, branch: 'c' });
    expect(await names('c')).toContain('Cy');
    expect((await g.branchMerge('c', { into: 'b' })).outcome).toBe('fast_forward');
    expect((await g.branchMerge('b', { into: 'a' })).outcome).toBe('fast_forward');
    expect((await g.branchMerge('a')).outcome).toBe('merged');
    expect(await names('main')).toEqual(['Abe', 'Alice', 'Ann', 'Bea', 'Bob', 'Charlie', 'Cy', 'Diana', 'Eve']);
    expect((await rowsOf(g, 'node', 'Person')).find((p) => p.id === 'Abe')?.age).toBe(5);
  });

  it('an index build that fails after its table commit is rolled back by the next opener, then builds again', async () => {
    const g = await fresh();
    const uri = g.uri;
    process.env['OMNIGRAPH_FAILPOINTS'] = 'write.after-table-commit=error';
    await expect(g.ensureIndices({ minRows: 1 })).rejects.toMatchObject({ code: 'recovery_required' });
    delete process.env['OMNIGRAPH_FAILPOINTS'];
    await g.close();
    open.pop();
    const again = await Omnigraph.open(uri);
    open.push(again);
    expect(again.recoveries().map((r) => r.kind)).toEqual(['rolled_back']);
    // Every pin equals its table's HEAD, and nothing of the rolled-back build is visible.
    const conn = await connectLance(uri);
    const snap = await again.snapshot();
    for (const t of snap.tables) {
      const head = await conn.openHead(t.tableId, t.branch);
      expect(await head.version()).toBe(t.version);
      head.close();
    }
    conn.close();
    expect(await indexed(again, 'main', 'node', 'Person')).toEqual([]);
    expect((await again.ensureIndices({ minRows: 1 })).length).toBe(8);
  });
});

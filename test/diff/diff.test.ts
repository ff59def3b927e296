// Ad hoc diff (spec branching §8.1) on real graphs: inserts, updates and deletes of nodes and edges, identical
// rewrites, branches both ways, after a merge, filters, ordering and the ChangeSet shape.
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../src/errors/index.js';
import type { ChangeFilter } from '../../src/exec/diff/index.js';
import { Omnigraph } from '../../src/engine.js';
import { tempDir } from '../support/temp.js';
import { SCHEMA, baseGraph, ops, run } from './fixture.js';

describe('diff', () => {
  it('reports inserts, updates and deletes of nodes and edges between two commits, edges first', async () => {
    const g = await baseGraph('diff-basic');
    try {
      const c0 = (await g.head()).commitId;
      const v0 = (await g.snapshot()).manifestVersion;
      await run(g, 'set_age', { name: 'Bob', age: 26 });
      await run(g, 'add_person', { name: 'Dan', age: 20 });
      await run(g, 'remove_person', { name: 'Carol' }); // cascades to k2 (Bob -> Carol)
      const c1 = await run(g, 'befriend', { a: 'Dan', b: 'Alice' });
      const cs = await g.diff({ commit: c0 }, { commit: c1 });
      const danAlice = cs.changes.find((c) => c.endpoints?.src === 'Dan')!;
      expect(ops(cs.changes)).toEqual([
        `insert edge Knows ${danAlice.id}`,
        'delete edge Knows k2',
        'update node Person Bob',
        'delete node Person Carol',
        'insert node Person Dan',
      ]);
      const snap = await g.snapshot({ commit: c1 });
      expect(cs).toMatchObject({
        from_graph_manifest_version: v0,
        to_graph_manifest_version: snap.manifestVersion,
        graph_branch: null,
        stats: { inserts: 2, updates: 1, deletes: 2, types_affected: ['Knows', 'Person'] },
      });
      expect(cs.changes[1]).toEqual({ kind: 'edge', type_name: 'Knows', id: 'k2', op: 'delete', published_dataset_version: snap.table('edge', 'Knows')!.version, endpoints: { src: 'Bob', dst: 'Carol' } });
      expect(cs.changes[2]).toEqual({ kind: 'node', type_name: 'Person', id: 'Bob', op: 'update', published_dataset_version: snap.table('node', 'Person')!.version });
      // The other way round, inserts and deletes swap.
      expect(ops((await g.diff({ commit: c1 }, { commit: c0 })).changes)).toEqual([
        `delete edge Knows ${danAlice.id}`,
        'insert edge Knows k2',
        'update node Person Bob',
        'insert node Person Carol',
        'delete node Person Dan',
      ]);
      // A manifest-version target of a branch names that branch.
      const byVersion = await g.diff({ manifestVersion: v0, branch: 'main' }, { branch: 'main' });
      expect([byVersion.graph_branch, ops(byVersion.changes)]).toEqual(['main', ops(cs.changes)]);
      expect((await g.diff({ branch: 'main' }, { commit: c1 })).changes).toEqual([]);
    } finally {
      await g.close();
    }
  });

  it('does not report a rewrite of identical values (merge load of the same rows)', async () => {
    const g = await baseGraph('diff-rewrite');
    try {
      const before = await g.snapshot();
      await g.load(
        {
          text: [
            '{"type":"Person","data":{"name":"Alice","age":30,"born":"1994-01-02"}}',
            '{"type":"Person","data":{"name":"Bob","age":27}}',
            '{"edge":"Knows","from":"Alice","to":"Bob","data":{"id":"k1","since":"2020-05-01"}}',
          ].join('\n'),
        },
        { mode: 'merge' },
      );
      const after = await g.snapshot();
      // Both tables were rewritten (new pins), yet only Bob's age changed.
      expect(after.table('node', 'Person')!.version).not.toBe(before.table('node', 'Person')!.version);
      expect(after.table('edge', 'Knows')!.version).not.toBe(before.table('edge', 'Knows')!.version);
      const cs = await g.diff({ commit: before.headCommitId! }, { commit: after.headCommitId! });
      expect(ops(cs.changes)).toEqual(['update node Person Bob']);
    } finally {
      await g.close();
    }
  });

  it('diffs two branches that both changed things, both ways', async () => {
    const g = await baseGraph('diff-branches');
    try {
      await g.branchCreate('feature');
      await run(g, 'set_age', { name: 'Alice', age: 31 });
      await run(g, 'add_person', { name: 'Eve' });
      await run(g, 'set_age', { name: 'Bob', age: 99 }, 'feature');
      await run(g, 'remove_person', { name: 'Carol' }, 'feature');
      await run(g, 'add_company', { name: 'Globex' }, 'feature');
      await run(g, 'hire', { p: 'Bob', c: 'Globex' }, 'feature');
      const forward = await g.diff({ branch: 'main' }, { branch: 'feature' });
      const hire = forward.changes.find((c) => c.type_name === 'WorksAt')!;
      expect(hire.endpoints).toEqual({ src: 'Bob', dst: 'Globex' });
      expect(forward.graph_branch).toBe('feature');
      expect(ops(forward.changes)).toEqual([
        'delete edge Knows k2',
        `insert edge WorksAt ${hire.id}`,
        'insert node Company Globex',
        'update node Person Alice',
        'update node Person Bob',
        'delete node Person Carol',
        'delete node Person Eve',
      ]);
      const back = await g.diff({ branch: 'feature' }, { branch: 'main' });
      expect(back.graph_branch).toBe('main');
      expect(ops(back.changes)).toEqual([
        'insert edge Knows k2',
        `delete edge WorksAt ${hire.id}`,
        'delete node Company Globex',
        'update node Person Alice',
        'update node Person Bob',
        'insert node Person Carol',
        'insert node Person Eve',
      ]);
      expect(back.stats).toEqual({ inserts: 3, updates: 2, deletes: 2, types_affected: ['Company', 'Knows', 'Person', 'WorksAt'] });
      expect((await g.diff({ branch: 'feature' }, { branch: 'feature' })).changes).toEqual([]);

      // After merging feature into main, main differs from feature only by main's own changes.
      const merged = await g.branchMerge('feature');
      expect(merged.outcome).toBe('merged');
      expect(ops((await g.diff({ branch: 'feature' }, { branch: 'main' })).changes)).toEqual(['update node Person Alice', 'insert node Person Eve']);
    } finally {
      await g.close();
    }
  });

  it('sees changes on tables forked while empty (whose forks lose their row versions)', async () => {
    const g = await Omnigraph.init(tempDir('diff-empty-fork'), SCHEMA);
    try {
      await g.branchCreate('feature');
      const added = await run(g, 'add_person', { name: 'Ann', age: 1 }, 'feature');
      await run(g, 'add_person', { name: 'Ben', age: 2 }, 'feature');
      const updated = await run(g, 'set_age', { name: 'Ann', age: 3 }, 'feature');
      expect(ops((await g.diff({ branch: 'main' }, { branch: 'feature' })).changes)).toEqual(['insert node Person Ann', 'insert node Person Ben']);
      expect(ops((await g.diff({ commit: added }, { commit: updated })).changes)).toEqual(['update node Person Ann', 'insert node Person Ben']);
      expect((await g.commitChanges(updated)).changes.map((c) => `${c.op} ${c.id}`)).toEqual(['update Ann']);
    } finally {
      await g.close();
    }
  });

  it('filters by kinds, type names and ops; stats follow the filter; bad filters are refused', async () => {
    const g = await baseGraph('diff-filter');
    try {
      const c0 = (await g.head()).commitId;
      await run(g, 'set_age', { name: 'Bob', age: 26 });
      await run(g, 'remove_person', { name: 'Carol' });
      const c1 = await run(g, 'add_company', { name: 'Globex' });
      const diff = (filter: ChangeFilter) => g.diff({ commit: c0 }, { commit: c1 }, filter);
      expect(ops((await diff({})).changes)).toEqual(['delete edge Knows k2', 'insert node Company Globex', 'update node Person Bob', 'delete node Person Carol']);
      expect(ops((await diff({ kinds: ['edge'] })).changes)).toEqual(['delete edge Knows k2']);
      expect(ops((await diff({ types: ['Person', 'Company'] })).changes)).toEqual(['insert node Company Globex', 'update node Person Bob', 'delete node Person Carol']);
      const deletes = await diff({ ops: ['delete'] });
      expect(ops(deletes.changes)).toEqual(['delete edge Knows k2', 'delete node Person Carol']);
      expect(deletes.stats).toEqual({ inserts: 0, updates: 0, deletes: 2, types_affected: ['Knows', 'Person'] });
      expect(ops((await diff({ kinds: ['node'], ops: ['insert', 'update'] })).changes)).toEqual(['insert node Company Globex', 'update node Person Bob']);
      expect((await diff({ kinds: ['edge'], types: ['Company'] })).changes).toEqual([]);
      for (const bad of [{ types: ['Nope'] }, { ops: ['upsert'] }, { kinds: ['vertex'] }]) {
        const err = await diff(bad).catch((e: unknown) => e);
        expect(err, JSON.stringify(bad)).toBeInstanceOf(OmniError);
        expect((err as OmniError).code).toBe('bad_request');
      }
    } finally {
      await g.close();
    }
  });
});

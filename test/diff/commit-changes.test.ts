// Per-commit changes (spec branching §8.2) on real graphs: images, the frozen order, merge commits, empty blocks,
// genesis, and pagination with tokens bound to commit and filter.
import { describe, expect, it } from 'vitest';
import type { Omnigraph } from '../../src/engine.js';
import { OmniError } from '../../src/errors/index.js';
import { newUlid } from '../../src/util/ids.js';
import type { CommitChange } from '../../src/exec/diff/index.js';
import { Q, baseGraph, run } from './fixture.js';

const line = (c: CommitChange): string => `${c.op} ${c.kind} ${c.type.name} ${c.id}`;

async function refusal(p: Promise<unknown>): Promise<OmniError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OmniError);
  return err as OmniError;
}

/** Every page of a commit's block with `limit`, following tokens. */
async function allPages(g: Omnigraph, id: string, options: { limit?: number; maxBytes?: number } = {}): Promise<CommitChange[][]> {
  const pages: CommitChange[][] = [];
  let page = await g.commitChanges(id, options);
  pages.push([...page.changes]);
  while (page.next_page_token !== undefined) {
    page = await g.commitChanges(id, { ...options, pageToken: page.next_page_token });
    pages.push([...page.changes]);
  }
  return pages;
}

describe('commit changes', () => {
  it('gives before/after images, edges with endpoints, in the frozen order (nodes, type id, id, op)', async () => {
    const g = await baseGraph('cc-images');
    try {
      await g.mutate(Q, { name: 'set_age', params: { name: 'Bob', age: 26 }, actor: 'ann' });
      const head = await g.head();
      const page = await g.commitChanges(head.commitId);
      const parent = (await g.commit(head.commitId)).parents[0];
      expect(page).toEqual({
        cause: { graph_commit_id: head.commitId, parent_commit_id: parent, authored_branch: 'main', actor_id: 'ann', authored_at: (await g.commit(head.commitId)).createdAtMicros },
        changes: [
          {
            kind: 'node',
            type: { id: expect.any(String), name: 'Person' },
            id: 'Bob',
            op: 'update',
            before: { properties: { name: 'Bob', age: 25, born: null } },
            after: { properties: { name: 'Bob', age: 26, born: null } },
          },
        ],
      });

      await g.load(
        {
          text: [
            '{"type":"Company","data":{"name":"Globex"}}',
            '{"type":"Person","data":{"name":"Zed","age":50,"born":"1970-12-31"}}',
            '{"edge":"WorksAt","from":"Zed","to":"Globex","data":{"id":"w9"}}',
            '{"edge":"Knows","from":"Zed","to":"Alice","data":{"id":"k9","since":"2021-01-01"}}',
          ].join('\n'),
        },
        { mode: 'append' },
      );
      const load = await g.commitChanges((await g.head()).commitId);
      const typeId = (name: string) => load.changes.find((c) => c.type.name === name)!.type.id;
      const rank = (name: string) => typeId(name).split('.').map(Number) as [number, number];
      const byTypeId = (a: string, b: string) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1];
      expect(load.changes.map(line)).toEqual([
        ...['Company', 'Person'].sort(byTypeId).map((t) => (t === 'Person' ? 'insert node Person Zed' : 'insert node Company Globex')),
        ...['Knows', 'WorksAt'].sort(byTypeId).map((t) => (t === 'Knows' ? 'insert edge Knows k9' : 'insert edge WorksAt w9')),
      ]);
      expect(load.changes.find((c) => c.id === 'k9')).toEqual({
        kind: 'edge',
        type: { id: typeId('Knows'), name: 'Knows' },
        id: 'k9',
        op: 'insert',
        after: { properties: { since: '2021-01-01' }, endpoints: { from: 'Zed', to: 'Alice' } },
      });
      expect(load.changes.find((c) => c.id === 'Zed')!.after).toEqual({ properties: { name: 'Zed', age: 50, born: '1970-12-31' } });

      // A delete cascades: the node and its edges, deletes carry only `before`; ids sort within a type.
      const del = await g.commitChanges(await run(g, 'remove_person', { name: 'Alice' }));
      const knows = del.changes.filter((c) => c.type.name === 'Knows').map((c) => c.id);
      expect(knows).toEqual(['k1', 'k9']);
      expect(del.changes.map((c) => c.op)).toEqual(['delete', 'delete', 'delete', 'delete']);
      expect(del.changes[0]).toEqual({ kind: 'node', type: { id: typeId('Person'), name: 'Person' }, id: 'Alice', op: 'delete', before: { properties: { name: 'Alice', age: 30, born: '1994-01-02' } } });
      expect(del.changes.find((c) => c.id === 'w1')!.before).toEqual({ properties: {}, endpoints: { from: 'Alice', to: 'Acme' } });
    } finally {
      await g.close();
    }
  });

  it('gives an empty block for a rewrite of identical values', async () => {
    const g = await baseGraph('cc-rewrite');
    try {
      await g.load({ text: '{"type":"Person","data":{"name":"Alice","age":30,"born":"1994-01-02"}}\n{"edge":"Knows","from":"Bob","to":"Carol","data":{"id":"k2"}}' }, { mode: 'merge' });
      const head = (await g.head()).commitId;
      expect((await g.commitChanges(head)).changes).toEqual([]);
    } finally {
      await g.close();
    }
  });

  it('diffs a merge commit against its first parent (three-way and fast-forward)', async () => {
    const g = await baseGraph('cc-merge');
    try {
      await g.branchCreate('feature');
      await run(g, 'set_age', { name: 'Bob', age: 99 }, 'feature');
      const featureHead = await run(g, 'add_person', { name: 'Eve', age: 5 }, 'feature');
      const mainHead = await run(g, 'set_age', { name: 'Alice', age: 31 });
      const merged = await g.branchMerge('feature');
      expect(merged.outcome).toBe('merged');
      const page = await g.commitChanges(merged.commitId!);
      expect(page.cause).toMatchObject({ graph_commit_id: merged.commitId, parent_commit_id: mainHead, merged_parent_commit_id: featureHead, authored_branch: 'main' });
      expect(page.changes.map(line)).toEqual(['update node Person Bob', 'insert node Person Eve']);
      expect(page.changes[0]!.before!.properties['age']).toBe(25);
      expect(page.changes[0]!.after!.properties['age']).toBe(99);

      await g.branchCreate('quick');
      await run(g, 'remove_person', { name: 'Carol' }, 'quick');
      const ff = await g.branchMerge('quick');
      expect(ff.outcome).toBe('fast_forward');
      expect((await g.commitChanges(ff.commitId!)).changes.map(line)).toEqual(['delete node Person Carol', 'delete edge Knows k2']);
      // A commit authored on a branch is found and diffed from any handle.
      expect((await g.commitChanges(featureHead)).changes.map(line)).toEqual(['insert node Person Eve']);
    } finally {
      await g.close();
    }
  });

  it('refuses genesis, unknown commits and bad bounds', async () => {
    const g = await baseGraph('cc-refuse');
    try {
      const commits = await g.commits();
      const genesis = commits.at(-1)!;
      expect(genesis.parents).toEqual([]);
      const e = await refusal(g.commitChanges(genesis.id));
      expect([e.code, e.details['graph_commit_id']]).toEqual(['commit_has_no_parent', genesis.id]);
      expect((await refusal(g.commitChanges('01ZZZZZZZZZZZZZZZZZZZZZZZZ'))).code).toBe('commit_not_found');
      const head = commits[0]!.id;
      expect((await refusal(g.commitChanges(head, { limit: 0 }))).code).toBe('bad_request');
      expect((await refusal(g.commitChanges(head, { limit: 8193 }))).code).toBe('resource_limit');
      expect((await refusal(g.commitChanges(head, { filter: { types: ['Nope'] } }))).code).toBe('bad_request');
    } finally {
      await g.close();
    }
  });

  it('refuses a diff across a table the accepted schema does not know (schema boundary)', async () => {
    const g = await baseGraph('cc-boundary');
    try {
      const before = (await g.head()).commitId;
      // What a newer build's schema apply would leave: a registered, pinned table of a type this schema lacks.
      const ghost = { tableId: 'node_00000000000000ff_0000000000000001', tableKey: 'node:Ghost' };
      const landed = await g.__unsafePublish({
        branch: 'main',
        precondition: { kind: 'exact', head: await g.head() },
        expectedPins: new Map([[ghost.tableId, null]]),
        registrations: [ghost],
        pins: [{ ...ghost, branch: null, version: 1, rowCount: 0, deletedIds: [], fullRewrite: false }],
        tombstones: [],
        commit: { id: newUlid(), actor: null, createdAtMicros: Date.now() * 1000, kind: 'test', message: null, operationId: null },
      });
      const e = await refusal(g.commitChanges(landed.commitId));
      expect([e.code, e.details['type_name'], e.details['graph_commit_id']]).toEqual(['change_schema_boundary', 'Ghost', landed.commitId]);
      expect((await refusal(g.diff({ commit: before }, { commit: landed.commitId }))).code).toBe('change_schema_boundary');
      // A filter that excludes the unknown type, or two sides on the same pin of it, is no boundary.
      expect((await g.commitChanges(landed.commitId, { filter: { kinds: ['edge'] } })).changes).toEqual([]);
      expect((await g.diff({ commit: landed.commitId }, { branch: 'main' })).changes).toEqual([]);
    } finally {
      await g.close();
    }
  });

  it('pages with tokens bound to the commit and the filter; bad tokens are rejected', async () => {
    const g = await baseGraph('cc-pages');
    try {
      const load = (await g.commits())[0]!.id; // the base load: 7 inserts
      const whole = (await g.commitChanges(load)).changes;
      expect(whole).toHaveLength(7);
      const pages = await allPages(g, load, { limit: 3 });
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(whole);
      // A byte target below one change's size packs one change per page (an oversized change travels alone).
      expect((await allPages(g, load, { maxBytes: 1 })).map((p) => p.length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      expect((await allPages(g, load, { limit: 7 })).length).toBe(1);

      const first = await g.commitChanges(load, { limit: 2, filter: { kinds: ['node'] } });
      const token = first.next_page_token!;
      expect(token.length).toBeLessThanOrEqual(4096);
      const next = await g.commitChanges(load, { limit: 2, filter: { kinds: ['node'] }, pageToken: token });
      expect([...first.changes, ...next.changes].map(line)).toEqual(whole.filter((c) => c.kind === 'node').map(line));
      expect(next.next_page_token).toBeUndefined();

      const other = await run(g, 'set_age', { name: 'Bob', age: 1 });
      const rejected = async (id: string, options: Parameters<Omnigraph['commitChanges']>[1]): Promise<string> => {
        const err = await refusal(g.commitChanges(id, options));
        expect(err.code).toBe('change_cursor_rejected');
        expect(err.message.startsWith('change cursor rejected: ')).toBe(true);
        return err.message;
      };
      expect(await rejected(other, { pageToken: token, filter: { kinds: ['node'] } })).toMatch(/another commit/);
      expect(await rejected(load, { pageToken: token })).toMatch(/another filter/);
      expect(await rejected(load, { pageToken: token, filter: { kinds: ['node'], ops: ['insert'] } })).toMatch(/another filter/);
      await rejected(load, { pageToken: 'not a token!' });
      await rejected(load, { pageToken: 'x'.repeat(5000) });
      const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
      await rejected(load, { pageToken: Buffer.from(JSON.stringify({ ...body, o: 0 })).toString('base64url'), filter: { kinds: ['node'] } });
      const cursor = (await g.changes({ start: 'now' })).cursor!;
      expect(await rejected(load, { pageToken: cursor })).toMatch(/not a commit page token/);
    } finally {
      await g.close();
    }
  });
});

// The change feed (spec branching §8.3) on real graphs: start modes, cursors, page tokens inside a poll, the cut,
// at-least-once resume with no loss, first-parent walking across merges, rejections and retention gaps.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { OmniError } from '../../src/errors/index.js';
import type { ChangeBlock, ChangeFeedOptions } from '../../src/exec/diff/index.js';
import { tempDir } from '../support/temp.js';
import { BASE, SCHEMA, baseGraph, run } from './fixture.js';

async function refusal(p: Promise<unknown>, code: string): Promise<OmniError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OmniError);
  expect((err as OmniError).code).toBe(code);
  if (code === 'change_cursor_rejected') expect((err as OmniError).message.startsWith('change cursor rejected: ')).toBe(true);
  return err as OmniError;
}

/** Poll until caught up: follow page tokens, then cursors; merge split blocks. Returns blocks, cursor and polls made. */
async function drain(g: Omnigraph, first: ChangeFeedOptions, rest: Omit<ChangeFeedOptions, 'start' | 'cursor' | 'pageToken'> = {}): Promise<{ blocks: ChangeBlock[]; cursor: string; polls: number }> {
  const blocks: ChangeBlock[] = [];
  let page = await g.changes(first);
  let polls = 1;
  for (;;) {
    for (const b of page.blocks) {
      const last = blocks.at(-1);
      if (last?.cause.graph_commit_id === b.cause.graph_commit_id) blocks[blocks.length - 1] = { cause: last.cause, changes: [...last.changes, ...b.changes] };
      else blocks.push(b);
    }
    if (page.next_page_token !== undefined) {
      expect(page.cursor).toBeUndefined();
      page = await g.changes({ ...rest, branch: first.branch, pageToken: page.next_page_token });
      continue;
    }
    if (page.caught_up === true) return { blocks, cursor: page.cursor!, polls };
    page = await g.changes({ ...rest, branch: first.branch, cursor: page.cursor! });
    polls++;
  }
}

const ids = (blocks: readonly ChangeBlock[]) => blocks.map((b) => b.cause.graph_commit_id);

describe('change feed', () => {
  it('starts now, at the beginning (with inherited history) or after a commit, and resumes by cursor', async () => {
    const g = await baseGraph('feed-start');
    try {
      const now = await g.changes({ start: 'now' });
      expect([now.blocks, now.caught_up, now.next_page_token]).toEqual([[], true, undefined]);
      expect(await g.changes()).toMatchObject({ blocks: [], caught_up: true });
      const [load, genesis] = (await g.commits()).map((c) => c.id);
      const c1 = await run(g, 'set_age', { name: 'Bob', age: 26 });
      await g.branchCreate('feature');
      const f1 = await run(g, 'add_person', { name: 'Fay' }, 'feature');
      const c2 = await run(g, 'remove_person', { name: 'Carol' });

      const resumed = await g.changes({ cursor: now.cursor! });
      expect([ids(resumed.blocks), resumed.caught_up]).toEqual([[c1, c2], true]);
      expect(resumed.blocks[1]!.changes.map((c) => `${c.op} ${c.id}`)).toEqual(['delete Carol', 'delete k2']);
      expect((await g.changes({ cursor: resumed.cursor! })).blocks).toEqual([]);

      const all = await g.changes({ start: 'beginning' });
      expect(ids(all.blocks)).toEqual([genesis, load, c1, c2]);
      expect(all.blocks[0]).toEqual({ cause: { graph_commit_id: genesis, authored_branch: 'main', authored_at: expect.any(Number) }, changes: [] });
      expect(all.blocks[1]!.changes).toHaveLength(7);
      expect(all.blocks[2]).toEqual({ cause: expect.objectContaining({ parent_commit_id: load }), changes: (await g.commitChanges(c1)).changes });
      const onFeature = await g.changes({ branch: 'feature', start: 'beginning' });
      expect(ids(onFeature.blocks)).toEqual([genesis, load, c1, f1]);
      expect(onFeature.blocks[3]!.changes.map((c) => `${c.op} ${c.id}`)).toEqual(['insert Fay']);
      expect(ids((await g.changes({ start: `after:${load}` })).blocks)).toEqual([c1, c2]);
      expect(ids((await g.changes({ branch: 'feature', start: `after:${c1}` })).blocks)).toEqual([f1]);
      expect((await g.changes({ start: `after:${c2}` })).blocks).toEqual([]);

      await refusal(g.changes({ start: `after:${f1}` }), 'bad_request'); // not on main's chain
      await refusal(g.changes({ start: 'after:01ZZZZZZZZZZZZZZZZZZZZZZZZ' }), 'bad_request');
      await refusal(g.changes({ start: 'yesterday' }), 'bad_request');
      await refusal(g.changes({ start: 'now', cursor: now.cursor! }), 'bad_request');
      await refusal(g.changes({ start: 'now', maxCommits: 513 }), 'resource_limit');
      await refusal(g.changes({ branch: 'nope', start: 'now' }), 'branch_not_found');
    } finally {
      await g.close();
    }
  });

  it('bounds commits per poll, splits blocks across page tokens, and resumes with no loss', async () => {
    const g = await baseGraph('feed-pages');
    try {
      const start = await g.changes({ start: 'now' });
      const made: string[] = [];
      for (let i = 0; i < 5; i++) made.push(await run(g, 'add_person', { name: `P${i}`, age: i }));
      const capped = await g.changes({ cursor: start.cursor!, maxCommits: 2 });
      expect([ids(capped.blocks), capped.caught_up]).toEqual([made.slice(0, 2), false]);

      // Pages of one change: the load block (7 changes) spans pages; only block boundaries give cursors.
      const slow = await drain(g, { start: 'beginning', limit: 1 }, { limit: 1 });
      const fast = await drain(g, { start: 'beginning' });
      expect(slow.blocks).toEqual(fast.blocks);
      expect(fast.polls).toBe(1);
      expect(slow.polls).toBeGreaterThan(1);
      const history = (await g.commits()).map((c) => c.id).reverse();
      expect(ids(fast.blocks)).toEqual(history);
      for (const b of fast.blocks.slice(1)) expect(b.changes).toEqual((await g.commitChanges(b.cause.graph_commit_id)).changes);

      // A consumer that polls while writes land, a few commits at a time, sees every commit (de-duplicated by id).
      const seen = new Map<string, ChangeBlock>();
      let cursor = (await g.changes({ start: 'now' })).cursor!;
      for (let round = 0; round < 4; round++) {
        await run(g, 'set_age', { name: 'Bob', age: 100 + round });
        await run(g, 'add_person', { name: `R${round}` });
        const page = await g.changes({ cursor, maxCommits: 1 + (round % 2) });
        for (const b of page.blocks) seen.set(b.cause.graph_commit_id, b);
        cursor = page.cursor!;
      }
      const tail = await drain(g, { cursor });
      for (const b of tail.blocks) seen.set(b.cause.graph_commit_id, b);
      const newest = (await g.commits()).slice(0, 8).map((c) => c.id).reverse();
      expect([...seen.keys()]).toEqual(newest);
    } finally {
      await g.close();
    }
  });

  it('captures the head as the cut: commits landing during a poll wait for the next poll', async () => {
    const g = await baseGraph('feed-cut');
    try {
      const load = (await g.head()).commitId;
      const first = await g.changes({ start: 'beginning', limit: 2 });
      expect(first.next_page_token).toBeDefined();
      const late = await run(g, 'add_person', { name: 'Late' });
      let page = first;
      const seen = new Set(ids(page.blocks));
      while (page.next_page_token !== undefined) {
        page = await g.changes({ pageToken: page.next_page_token, limit: 2 });
        for (const id of ids(page.blocks)) seen.add(id);
      }
      expect(seen.has(late)).toBe(false);
      expect(seen.has(load)).toBe(true);
      const cursor = page.caught_up === true ? page.cursor! : (await drain(g, { cursor: page.cursor! }, { limit: 2 })).cursor;
      expect(ids((await g.changes({ cursor, limit: 2 })).blocks)).toEqual([late]);
    } finally {
      await g.close();
    }
  });

  it('follows first parents: a merge is one block with both parents and the source commits are not replayed', async () => {
    const g = await baseGraph('feed-merge');
    try {
      const { cursor } = await g.changes({ start: 'now' });
      await g.branchCreate('feature');
      await run(g, 'set_age', { name: 'Bob', age: 99 }, 'feature');
      const f2 = await run(g, 'add_person', { name: 'Eve' }, 'feature');
      const m1 = await run(g, 'set_age', { name: 'Alice', age: 31 });
      const merged = await g.branchMerge('feature');
      const page = await g.changes({ cursor: cursor! });
      expect(ids(page.blocks)).toEqual([m1, merged.commitId]);
      expect(page.blocks[1]!.cause).toMatchObject({ parent_commit_id: m1, merged_parent_commit_id: f2 });
      expect(page.blocks[1]!.changes.map((c) => `${c.op} ${c.id}`)).toEqual(['update Bob', 'insert Eve']);
    } finally {
      await g.close();
    }
  });

  it('rejects malformed cursors and cursors or tokens of another branch, incarnation, filter or kind', async () => {
    const g = await baseGraph('feed-reject');
    try {
      await g.branchCreate('feature');
      const onMain = (await g.changes({ start: 'now' })).cursor!;
      const onFeature = (await g.changes({ branch: 'feature', start: 'now' })).cursor!;
      const nodesOnly = (await g.changes({ start: 'now', filter: { kinds: ['node'] } })).cursor!;
      await refusal(g.changes({ cursor: 'garbage!' }), 'change_cursor_rejected');
      await refusal(g.changes({ cursor: Buffer.from('{"k":"cursor"}').toString('base64url') }), 'change_cursor_rejected');
      expect((await refusal(g.changes({ cursor: onFeature }), 'change_cursor_rejected')).message).toMatch(/another branch/);
      expect((await refusal(g.changes({ branch: 'feature', cursor: onMain }), 'change_cursor_rejected')).message).toMatch(/another branch/);
      expect((await refusal(g.changes({ cursor: nodesOnly }), 'change_cursor_rejected')).message).toMatch(/another filter/);
      expect((await g.changes({ cursor: nodesOnly, filter: { kinds: ['node'] } })).caught_up).toBe(true);

      const token = (await g.changes({ start: 'beginning', limit: 1 })).next_page_token!;
      expect((await refusal(g.changes({ cursor: token }), 'change_cursor_rejected')).message).toMatch(/page token is not a cursor/);
      await refusal(g.changes({ pageToken: onMain }), 'change_cursor_rejected');
      expect((await refusal(g.changes({ pageToken: token, filter: { ops: ['delete'] } }), 'change_cursor_rejected')).message).toMatch(/another filter/);

      // Another graph: same schema and data, but its own genesis.
      const other = await baseGraph('feed-reject-other');
      try {
        expect((await refusal(other.changes({ cursor: onMain }), 'change_cursor_rejected')).message).toMatch(/another graph/);
      } finally {
        await other.close();
      }

      // Delete and recreate: the old incarnation's cursor is refused, the new branch starts fresh.
      await g.branchDelete('feature');
      await g.branchCreate('feature');
      expect((await refusal(g.changes({ branch: 'feature', cursor: onFeature }), 'change_cursor_rejected')).message).toMatch(/deleted and recreated/);
      expect((await g.changes({ branch: 'feature', start: 'now' })).caught_up).toBe(true);
    } finally {
      await g.close();
    }
  });

  it('reports a retention gap when a version a commit pins no longer opens', async () => {
    const root = path.join(tempDir('feed-gap'), 'graph');
    const g = await Omnigraph.init(root, SCHEMA);
    await g.load({ text: BASE }, { mode: 'append' });
    const [load, genesis] = (await g.commits()).map((c) => c.id);
    await run(g, 'set_age', { name: 'Bob', age: 26 });
    const pin = (await g.snapshot({ commit: load! })).table('node', 'Company')!;
    await g.close();
    // What cleanup does to an old version: its manifest file is gone (Lance names them u64::MAX - version).
    const file = path.join(root, `${pin.tableId}.lance`, '_versions', `${(2n ** 64n - 1n - BigInt(pin.version)).toString()}.manifest`);
    expect([pin.branch, existsSync(file)]).toEqual([null, true]);
    rmSync(file);
    const reader = await Omnigraph.open(root, { mode: 'read-only' });
    try {
      // The readable blocks before the gap are delivered; the poll that starts at the unreadable commit reports it.
      const before = await reader.changes({ start: 'beginning' });
      expect([ids(before.blocks), before.caught_up]).toEqual([[genesis], false]);
      const gap = await refusal(reader.changes({ cursor: before.cursor! }), 'change_feed_gap');
      expect([gap.details['first_unreadable_commit_id'], gap.details['cursor']]).toEqual([load, before.cursor]);
      expect(gap.message).not.toContain(root);
      await refusal(reader.changes({ start: `after:${genesis}` }), 'change_feed_gap');
      expect((await refusal(reader.commitChanges(load!), 'change_feed_gap')).details['first_unreadable_commit_id']).toBe(load);
    } finally {
      await reader.close();
    }
  });
});

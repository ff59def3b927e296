// `omnigraph commit changes` and `omnigraph changes poll`, run as real child processes on real graphs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { SPEC_DATA, SPEC_SCHEMA } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';
import { cli, cliOk as ok } from '../support/cli-child.js';


/** The spec graph on main (genesis + one load), then one update of Bob. */
async function fixture(label: string): Promise<{ uri: string; load: string; update: string; genesis: string }> {
  const dir = tempDir(label);
  writeFileSync(path.join(dir, 'schema.pg'), SPEC_SCHEMA);
  writeFileSync(path.join(dir, 'data.jsonl'), `${SPEC_DATA}\n`);
  const uri = path.join(dir, 'graph.omni');
  await ok('init', '--schema', path.join(dir, 'schema.pg'), uri);
  await ok('load', uri, '--data', path.join(dir, 'data.jsonl'), '--mode', 'append', '--quiet');
  await ok('mutate', '--store', uri, '-e', 'query q() { update Person set { age: 26 } where name = "Bob" }');
  const commits = (JSON.parse(await ok('commit', 'list', uri, '--json')) as { commits: { graph_commit_id: string }[] }).commits.map((c) => c.graph_commit_id);
  return { uri, update: commits[0]!, load: commits[1]!, genesis: commits[2]! };
}

describe('changes cli', () => {
  it('commit changes prints one line per change, a stitched JSON block, or exactly one page', async () => {
    const { uri, load, update, genesis } = await fixture('cli-cc');
    expect(await cli('commit', 'changes', update, '--uri', uri)).toEqual({ code: 0, out: 'update node Person Bob\n', err: '' });
    const lines = (await ok('commit', 'changes', load, '--uri', uri)).trimEnd().split('\n');
    expect(lines).toHaveLength(15);
    // Frozen order: nodes before edges, then by type id (Company's table id is the smaller here), then by id.
    expect(lines.slice(0, 4)).toEqual(['insert node Company Acme', 'insert node Company Globex', 'insert node Company Initech', 'insert node Person Alice']);
    expect(lines.slice(8).every((l) => l.startsWith('insert edge '))).toBe(true);
    expect(await ok('commit', 'changes', load, '--uri', uri, '--kind', 'edge', '--type', 'WorksAt', '--op', 'insert')).toMatch(/^(insert edge WorksAt \S+\n){3}$/);

    const stitched = JSON.parse(await ok('commit', 'changes', load, '--store', uri, '--json', '--limit', '4'));
    const whole = JSON.parse(await ok('commit', 'changes', load, '--store', uri, '--json'));
    expect(stitched).toEqual(whole);
    expect(Object.keys(whole)).toEqual(['cause', 'changes']);
    expect(whole.changes).toHaveLength(15);
    expect(whole.cause).toMatchObject({ graph_commit_id: load, parent_commit_id: genesis, authored_branch: 'main' });

    const graph = await Omnigraph.open(uri, { mode: 'read-only' });
    const token = (await graph.commitChanges(load, { limit: 4 })).next_page_token!;
    await graph.close();
    const page = JSON.parse(await ok('commit', 'changes', load, '--uri', uri, '--json', '--limit', '4', '--page-token', token));
    expect(page.changes).toEqual(whole.changes.slice(4, 8));
    expect(typeof page.next_page_token).toBe('string');
    const human = await ok('commit', 'changes', load, '--uri', uri, '--limit', '4', '--page-token', token);
    expect(human).toBe(`${lines.slice(4, 8).join('\n')}\nnext_page_token: ${page.next_page_token as string}\n`);

    const genesisRun = await cli('commit', 'changes', genesis, '--uri', uri);
    expect([genesisRun.code, genesisRun.out]).toEqual([1, '']);
    expect(genesisRun.err).toMatch(/^error: commit '\w+' is the genesis commit/);
    const bad = await cli('commit', 'changes', load, '--uri', uri, '--page-token', 'nonsense');
    expect([bad.code, bad.err]).toEqual([1, 'error: change cursor rejected: the page token is not a token this server issued (malformed)\n']);
    expect((await cli('commit', 'changes', load, '--uri', uri, '--kind', 'vertex')).code).toBe(2);
    expect((await cli('commit', 'changes', load, '--uri', uri, '--limit', 'many')).code).toBe(2);
    expect((await cli('commit', 'changes', load, '--uri', uri, '--limit', '0')).code).toBe(1);
  });

  it('changes poll starts now by default, replays from the beginning, resumes by cursor', async () => {
    const { uri, load, update, genesis } = await fixture('cli-poll');
    const now = JSON.parse(await ok('changes', 'poll', '--uri', uri, '--json'));
    expect(now).toEqual({ blocks: [], cursor: expect.any(String), caught_up: true });
    const human = await ok('changes', 'poll', '--uri', uri, '--start', 'beginning');
    const humanLines = human.trimEnd().split('\n');
    expect(humanLines.slice(0, 3)).toEqual([`commit ${genesis} branch=main`, `commit ${load} branch=main`, 'insert node Company Acme']);
    expect(humanLines.slice(-4, -2)).toEqual([`commit ${update} branch=main`, 'update node Person Bob']);
    expect(humanLines.at(-2)).toMatch(/^cursor: [A-Za-z0-9_-]+$/);
    expect(humanLines.at(-1)).toBe('caught_up: true');

    // One change per page: blocks split across pages are merged back; the cursor comes after the terminal page.
    const slow = JSON.parse(await ok('changes', 'poll', '--uri', uri, '--start', `after:${genesis}`, '--limit', '1', '--json'));
    expect(slow.blocks.map((b: { cause: { graph_commit_id: string } }) => b.cause.graph_commit_id)).toEqual([load]);
    expect(slow.blocks[0].changes).toHaveLength(15);
    expect(slow.caught_up).toBe(false);
    const rest = JSON.parse(await ok('changes', 'poll', '--uri', uri, '--cursor', slow.cursor, '--json'));
    expect(rest.blocks.map((b: { cause: { graph_commit_id: string } }) => b.cause.graph_commit_id)).toEqual([update]);
    expect(rest.caught_up).toBe(true);

    await ok('mutate', '--store', uri, '-e', 'query q() { delete Person where name = "Eve" }');
    // A cursor is bound to its filter.
    const refused = await cli('changes', 'poll', '--uri', uri, '--cursor', now.cursor, '--kind', 'node');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: change cursor rejected: it was issued for another filter/);
    const resumed = JSON.parse(await ok('changes', 'poll', '--uri', uri, '--cursor', rest.cursor, '--json'));
    expect(resumed.blocks[0].changes.map((c: { op: string; id: string }) => `${c.op} ${c.id}`)).toEqual(['delete Eve']);

    expect((await cli('changes', 'poll', '--uri', uri, '--cursor', now.cursor, '--start', 'now')).code).toBe(2);
    expect((await cli('changes', 'poll', '--uri', uri, '--op', 'upsert')).code).toBe(2);
    const garbage = await cli('changes', 'poll', '--uri', uri, '--cursor', 'garbage');
    expect([garbage.code, garbage.err]).toEqual([1, 'error: change cursor rejected: the cursor is not a token this server issued (malformed)\n']);
    expect((await cli('changes', 'poll', '--uri', uri, '--branch', 'nope')).code).toBe(1);
  });
});

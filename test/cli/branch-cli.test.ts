// `omnigraph branch create|list|delete|merge` and `load --from`, run as real child processes on real graphs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { s3TestUri } from '../support/s3.js';
import { SPEC_DATA, SPEC_SCHEMA } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';
import { cli, cliOk as ok } from '../support/cli-child.js';


/** A graph holding the spec data on main, and a directory for more files. */
async function fixture(label: string, root?: string): Promise<{ uri: string; dir: string }> {
  const dir = tempDir(label);
  writeFileSync(path.join(dir, 'schema.pg'), SPEC_SCHEMA);
  writeFileSync(path.join(dir, 'data.jsonl'), `${SPEC_DATA}\n`);
  const uri = root ?? path.join(dir, 'graph.omni');
  await ok('init', '--schema', path.join(dir, 'schema.pg'), uri);
  await ok('load', uri, '--data', path.join(dir, 'data.jsonl'), '--mode', 'append', '--quiet');
  return { uri, dir };
}

const branches = async (uri: string): Promise<string[]> => (JSON.parse(await ok('branch', 'list', '--uri', uri, '--json')) as { branches: string[] }).branches;
const exportOf = (uri: string, branch: string): Promise<string> => ok('export', '--store', uri, '--branch', branch);
const mutate = (uri: string, branch: string, gq: string): Promise<string> => ok('mutate', '--store', uri, '--branch', branch, '-e', gq);

describe('branch cli', () => {
  it('create, list and delete print the spec lines and JSON documents', async () => {
    const { uri } = await fixture('cli-br');
    expect(await cli('branch', 'create', '--uri', uri, 'feature')).toEqual({ code: 0, out: 'created branch feature from main\n', err: `omnigraph branch create → ${uri} (direct, local)\n` });
    const j = await cli('branch', 'create', '--store', uri, '--from', 'feature', 'review/x', '--json', '--as', 'ann', '--quiet');
    expect([j.code, j.err]).toEqual([0, '']);
    expect(j.out).toBe(`${JSON.stringify({ uri, from: 'feature', name: 'review/x', actor_id: 'ann' }, null, 2)}\n`);
    await ok('branch', 'create', '--uri', uri, 'alpha', '--quiet');
    expect(await cli('branch', 'list', '--uri', uri)).toEqual({ code: 0, out: 'main\nalpha\nfeature\nreview/x\n', err: '' });
    expect(await branches(uri)).toEqual(['main', 'alpha', 'feature', 'review/x']);
    expect(await cli('branch', 'delete', '--uri', uri, 'review/x')).toEqual({ code: 0, out: 'deleted branch review/x\n', err: `omnigraph branch delete → ${uri} (direct, local)\n` });
    expect(JSON.parse(await ok('branch', 'delete', '--uri', uri, 'alpha', '--json', '--quiet'))).toEqual({ uri, name: 'alpha', actor_id: null });
    expect(JSON.parse(await ok('branch', 'delete', '--uri', uri, 'feature', '--json', '--as', 'bob'))).toEqual({ uri, name: 'feature', actor_id: 'bob' });
    expect(await branches(uri)).toEqual(['main']);
  });

  it('refuses bad creates and deletes with exit 1 and the engine message; bad command lines exit 2', async () => {
    const { uri } = await fixture('cli-br-refuse');
    const refused = async (argv: string[], message: RegExp): Promise<void> => {
      const r = await cli('branch', ...argv, '--uri', uri, '--quiet');
      expect([r.code, r.out], argv.join(' ')).toEqual([1, '']);
      expect(r.err).toMatch(message);
    };
    await ok('branch', 'create', '--uri', uri, 'a', '--quiet');
    await refused(['create', 'main'], /^error: cannot create branch 'main'\n$/);
    await refused(['create', 'a'], /^error: branch 'a' already exists\n$/);
    await refused(['create', 'a/b'], /^error: branch 'a\/b' shares its physical Lance path with branch 'a'\n$/);
    await refused(['create', '__schema_apply_lock__'], /^error: .*internal/);
    await refused(['create', '--from', 'nope', 'b'], /^error: .*'nope' not found/);
    await refused(['delete', 'main'], /^error: cannot delete branch 'main'\n$/);
    await refused(['delete', 'nope'], /^error: branch 'nope' not found\n$/);
    await refused(['delete', '__schema_apply_lock__'], /^error: .*internal/);
    await ok('branch', 'create', '--uri', uri, '--from', 'a', 'child', '--quiet');
    await refused(['delete', 'a'], /^error: descendant branch 'child' still depends on branch 'a'; delete it first\n$/);
    expect(await branches(uri)).toEqual(['main', 'a', 'child']);
    // Usage: a missing name, two addresses, an unknown flag.
    expect((await cli('branch', 'create', '--uri', uri)).code).toBe(2);
    expect((await cli('branch', 'list', '--uri', uri, '--store', uri)).code).toBe(2);
    expect((await cli('branch', 'list')).code).toBe(2);
    expect((await cli('branch', 'delete', '--uri', uri, 'a', '--force')).code).toBe(2);
    // A missing graph is a runtime failure.
    expect((await cli('branch', 'list', '--uri', path.join(path.dirname(uri), 'none.omni'))).code).toBe(1);
  });

  it('delete on a non-local graph needs --yes: refused with exit 2 before any I/O, done with it', async () => {
    const nowhere = 's3://no-such-bucket-for-omnigraph/none';
    for (const extra of [[], ['--json']]) {
      const r = await cli('branch', 'delete', '--uri', nowhere, 'x', '--quiet', ...extra);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toBe(`error: refusing destructive \`branch delete\` against non-local target ${nowhere} without confirmation; pass --yes to proceed\n`);
    }
    const { uri } = await fixture('cli-br-s3', s3TestUri('cli-branch'));
    await ok('branch', 'create', '--uri', uri, 'x', '--quiet');
    expect((await cli('branch', 'delete', '--uri', uri, 'x')).code).toBe(2);
    expect(await branches(uri)).toEqual(['main', 'x']);
    expect(await cli('branch', 'delete', '--uri', uri, 'x', '--yes')).toEqual({ code: 0, out: 'deleted branch x\n', err: `omnigraph branch delete → ${uri} (direct, remote)\n` });
    expect(await branches(uri)).toEqual(['main']);
  });

  it('load --from creates the missing branch from the base and loads on it; main is unchanged', async () => {
    const { uri, dir } = await fixture('cli-br-load');
    const more = path.join(dir, 'more.jsonl');
    writeFileSync(more, '{"type":"Person","data":{"name":"Zed"}}\n');
    const mainBefore = await exportOf(uri, 'main');
    const missing = await cli('load', uri, '--data', more, '--mode', 'append', '--branch', 'review/y', '--quiet');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: branch 'review\/y' not found/);
    expect(await branches(uri)).toEqual(['main']);
    const r = await cli('load', uri, '--data', more, '--mode', 'append', '--branch', 'review/y', '--from', 'main');
    expect(r).toEqual({
      code: 0,
      out: `loaded ${uri} on branch review/y with append: 1 entities across 1 node types and 0 edge types\nbranch review/y created from main\n`,
      err: `omnigraph load → ${uri} (direct, local)\n`,
    });
    expect(await branches(uri)).toEqual(['main', 'review/y']);
    expect(await exportOf(uri, 'main')).toBe(mainBefore);
    expect(await exportOf(uri, 'review/y')).toContain('"Zed"');
    // On an existing branch --from only loads: nothing is created, whatever the base.
    writeFileSync(more, '{"type":"Person","data":{"name":"Yan"}}\n');
    const again = JSON.parse(await ok('load', '--store', uri, '--data', more, '--mode', 'merge', '--branch', 'review/y', '--from', 'main', '--json', '--quiet'));
    expect(again).toMatchObject({ uri, branch: 'review/y', mode: 'merge', base_branch: 'main', branch_created: false, total_entities: 1 });
    expect(again.commit).toMatchObject({ graph_branch: 'review/y' });
    writeFileSync(more, '{"type":"Person","data":{"name":"Kim"}}\n');
    const created = JSON.parse(await ok('load', uri, '--data', more, '--mode', 'append', '--branch', 'fork', '--from', 'review/y', '--json', '--quiet'));
    expect(created).toMatchObject({ branch: 'fork', base_branch: 'review/y', branch_created: true });
    const plain = JSON.parse(await ok('load', uri, '--data', more, '--mode', 'merge', '--json', '--quiet'));
    expect(plain.branch_created).toBe(false);
    expect('base_branch' in plain).toBe(false);
    const fork = await exportOf(uri, 'fork');
    expect([fork.includes('"Zed"'), fork.includes('"Yan"'), fork.includes('"Kim"')]).toEqual([true, true, true]);
    expect(await branches(uri)).toEqual(['main', 'fork', 'review/y']);
  });

  it('merge: fast_forward, already_up_to_date, and --delete-branch in text and JSON', async () => {
    const { uri } = await fixture('cli-br-merge');
    await ok('branch', 'create', '--uri', uri, 'feature', '--quiet');
    await mutate(uri, 'feature', 'query add() { insert Person { name: "Fay" } }');
    expect(await cli('branch', 'merge', '--uri', uri, 'feature')).toEqual({ code: 0, out: 'merged feature into main: fast_forward\n', err: `omnigraph branch merge → ${uri} (direct, local)\n` });
    expect(await exportOf(uri, 'main')).toBe(await exportOf(uri, 'feature'));
    expect(await cli('branch', 'merge', '--uri', uri, 'feature', '--into', 'main', '--quiet')).toEqual({ code: 0, out: 'merged feature into main: already_up_to_date\n', err: '' });
    const j = JSON.parse(await ok('branch', 'merge', '--uri', uri, 'feature', '--json', '--as', 'ann', '--quiet'));
    expect(j).toEqual({ source: 'feature', target: 'main', outcome: 'already_up_to_date', actor_id: 'ann' });
    await mutate(uri, 'feature', 'query add() { insert Person { name: "Gus" } }');
    await mutate(uri, 'main', 'query add() { insert Person { name: "Hal" } }');
    const d = JSON.parse(await ok('branch', 'merge', '--uri', uri, 'feature', '--delete-branch', '--json', '--as', 'ann', '--quiet'));
    expect(d).toEqual({ source: 'feature', target: 'main', outcome: 'merged', actor_id: 'ann', branch_deleted: true });
    expect(await branches(uri)).toEqual(['main']);
    await ok('branch', 'create', '--uri', uri, 'tidy', '--quiet');
    expect(await cli('branch', 'merge', '--uri', uri, 'tidy', '--delete-branch', '--quiet')).toEqual({ code: 0, out: 'merged tidy into main: already_up_to_date\ndeleted branch tidy\n', err: '' });
    expect(await branches(uri)).toEqual(['main']);
  });

  it('merge --delete-branch whose delete is refused warns on stderr and still exits 0', async () => {
    const { uri } = await fixture('cli-br-merge-keep');
    await ok('branch', 'create', '--uri', uri, 'src', '--quiet');
    await ok('branch', 'create', '--uri', uri, '--from', 'src', 'dep', '--quiet');
    await mutate(uri, 'src', 'query add() { insert Person { name: "Ivy" } }');
    const r = await cli('branch', 'merge', '--uri', uri, 'src', '--delete-branch', '--quiet');
    expect([r.code, r.out]).toEqual([0, 'merged src into main: fast_forward\n']);
    expect(r.err).toMatch(/^warning: merged, but could not delete branch src: .*descendant branch 'dep'/);
    const j = JSON.parse(await ok('branch', 'merge', '--uri', uri, 'src', '--delete-branch', '--json', '--quiet'));
    expect(j).toMatchObject({ outcome: 'already_up_to_date', branch_deleted: false, branch_delete_error: expect.stringContaining("descendant branch 'dep'") });
    expect(await branches(uri)).toEqual(['main', 'dep', 'src']);
  });

  it('a conflicting merge exits 1, lists every conflict on stderr, and leaves the target as it was', async () => {
    const { uri } = await fixture('cli-br-conflict');
    await ok('branch', 'create', '--uri', uri, 'feature', '--quiet');
    await mutate(uri, 'feature', 'query set() { update Person set { age: 31 } where name = "Alice" }');
    await mutate(uri, 'feature', 'query set() { update Person set { age: 26 } where name = "Bob" }');
    await mutate(uri, 'main', 'query set() { update Person set { age: 32 } where name = "Alice" }');
    await mutate(uri, 'main', 'query set() { update Person set { age: 27 } where name = "Bob" }');
    const mainBefore = await exportOf(uri, 'main');
    const r = await cli('branch', 'merge', '--uri', uri, 'feature', '--delete-branch', '--quiet');
    expect([r.code, r.out]).toEqual([1, '']);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: merge conflicts: node type 'Person', entity id '[A-Za-z]+' \(divergent_update\); /);
    expect(lines.slice(1).sort()).toEqual([
      expect.stringMatching(/^conflict: divergent_update node type 'Person' id 'Alice': .+/),
      expect.stringMatching(/^conflict: divergent_update node type 'Person' id 'Bob': .+/),
    ]);
    const j = await cli('branch', 'merge', '--uri', uri, 'feature', '--json', '--quiet');
    expect([j.code, j.err]).toEqual([1, '']);
    const doc = JSON.parse(j.out) as { error: string; merge_conflicts: { entity_id: string }[] };
    expect(doc.error).toMatch(/^merge conflicts: .*; .*divergent_update/);
    expect(doc.merge_conflicts.map((c) => c.entity_id).sort()).toEqual(['Alice', 'Bob']);
    expect(doc.merge_conflicts[0]).toMatchObject({ entity_kind: 'node', type_name: 'Person', kind: 'divergent_update' });
    expect(await exportOf(uri, 'main')).toBe(mainBefore);
    expect(await branches(uri)).toEqual(['main', 'feature']);
  });
});

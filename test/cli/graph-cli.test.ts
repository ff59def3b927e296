// `omnigraph init`, `snapshot` and `commit list|show` end to end on a real graph (in-process CLI).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { TEST_SCHEMA } from '../support/graph-ops.js';
import { tempDir } from '../support/temp.js';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

function fixture(): { uri: string; schema: string } {
  const dir = tempDir('cli');
  const schema = path.join(dir, 'schema.pg');
  writeFileSync(schema, TEST_SCHEMA);
  return { uri: path.join(dir, 'graph.omni'), schema };
}

describe('graph cli', () => {
  it('init prints "initialized <URI>" and refuses a second init with exit 1', async () => {
    const { uri, schema } = fixture();
    expect(await run('init', '--schema', schema, uri)).toEqual({ code: 0, out: `initialized ${uri}\n`, err: '' });
    const again = await run('init', '--schema', schema, uri);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^error: .*not empty/);
  });

  it('init has no --json, needs --schema, and reports unreadable and invalid schema files', async () => {
    const { uri, schema } = fixture();
    expect((await run('init', '--schema', schema, uri, '--json')).code).toBe(2);
    expect((await run('init', uri)).code).toBe(2);
    expect((await run('init', '--schema', '/no/such.pg', uri)).code).toBe(1);
    writeFileSync(schema, 'node {');
    const bad = await run('init', '--schema', schema, uri);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error: /);
  });

  it('snapshot prints the pinned tables, as text and as SnapshotOutput JSON', async () => {
    const { uri, schema } = fixture();
    await run('init', '--schema', schema, uri);
    const text = await run('snapshot', uri);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toEqual([
      'graph_branch: main',
      'graph_manifest_version: 2',
      'internal_schema_version: 1',
      "edge type 'WorksAt' published_dataset_version=1 native_dataset_branch=main entities=0",
      "node type 'Company' published_dataset_version=1 native_dataset_branch=main entities=0",
      "node type 'Person' published_dataset_version=1 native_dataset_branch=main entities=0",
      '',
    ]);
    const json = JSON.parse((await run('snapshot', '--store', uri, '--json')).out) as Record<string, unknown>;
    expect(json).toMatchObject({ graph_branch: 'main', graph_manifest_version: 2, internal_schema_version: 1 });
    expect((json['datasets'] as unknown[])[2]).toMatchObject({ entity_kind: 'node', type_name: 'Person', published_dataset_version: 1, native_dataset_branch: null, entity_count: 0 });
  });

  it('commit list and show print CommitOutput', async () => {
    const { uri, schema } = fixture();
    await run('init', '--schema', schema, uri);
    const list = JSON.parse((await run('commit', 'list', uri, '--json')).out) as { commits: Record<string, unknown>[] };
    expect(list.commits).toHaveLength(1);
    const genesis = list.commits[0]!;
    expect(genesis).toMatchObject({ graph_branch: 'main', graph_manifest_version: 1, parent_commit_id: null, merged_parent_commit_id: null, actor_id: null });
    expect(typeof genesis['created_at']).toBe('number');
    expect((await run('commit', 'list', '--store', uri)).out).toBe(`${genesis['graph_commit_id']} graph_branch=main graph_manifest_version=1\n`);
    const show = JSON.parse((await run('commit', 'show', '--uri', uri, String(genesis['graph_commit_id']), '--json')).out) as unknown;
    expect(show).toEqual(genesis);
    const human = await run('commit', 'show', '--uri', uri, String(genesis['graph_commit_id']));
    expect(human.out).toContain(`graph_commit_id: ${genesis['graph_commit_id']}\n`);
    const missing = await run('commit', 'show', '--uri', uri, 'NOPE');
    expect(missing.code).toBe(1);
  });

  it('addressing: none is a usage error, two at once too; a missing graph is exit 1', async () => {
    const { uri } = fixture();
    expect((await run('snapshot')).code).toBe(2);
    expect((await run('snapshot', uri, '--store', uri)).code).toBe(2);
    const missing = await run('snapshot', uri);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no graph at/);
  });
});

// The durable write protocol on real storage: multi-table commits, refusals before any effect, in-process failures
// after effects, and recovery by the next opener (roll forward, roll back), on both backends.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { readAudit } from '../../src/recovery/audit.js';
import { connectLance } from '../../src/store/lance/index.js';
import { TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { openWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { people, writeSet } from '../support/write-sets.js';

const opened: Array<WriteHarness | Omnigraph> = [];
afterEach(async () => {
  delete process.env['OMNIGRAPH_FAILPOINTS'];
  for (const o of opened.splice(0).reverse()) await o.close();
});

async function setup(uri: string): Promise<{ graph: Omnigraph; h: WriteHarness }> {
  const graph = await Omnigraph.init(uri, TEST_SCHEMA);
  opened.push(graph);
  const h = await openWriteHarness(uri);
  opened.push(h);
  return { graph, h };
}

async function headVersion(uri: string, tableId: string): Promise<number> {
  const conn = await connectLance(uri);
  const t = await conn.openHead(tableId);
  const v = await t.version();
  t.close();
  conn.close();
  return v;
}

describe.each(LANCE_BACKENDS)('write protocol ($name)', (backend) => {
  it('commits a multi-table write set as one commit with exact pins and leaves no sidecar', async () => {
    const uri = backend.root('wp-multi');
    const { graph, h } = await setup(uri);
    const ws = writeSet(graph.catalog, await graph.head(), [
      { kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 3) },
      { kind: 'node', type: 'Company', mode: 'append', rows: [{ id: 'c0', name: 'Acme' }] },
      { kind: 'edge', type: 'WorksAt', mode: 'append', rows: [{ id: 'e0', src: 'p0', dst: 'c0' }] },
    ]);
    const r = await h.writer.apply(ws);
    expect(r).toMatchObject({ commitId: ws.commitId, alreadyPublished: false });
    const snap = await graph.snapshot();
    expect(snap.tables.map((t) => [t.typeName, t.version, t.rowCount])).toEqual([
      ['WorksAt', 2, 1],
      ['Company', 2, 1],
      ['Person', 2, 3],
    ]);
    expect(await graph.commit(ws.commitId)).toMatchObject({ actor: 'tester', kind: 'mutation', operationId: ws.operationId });
    expect(await h.sidecars.list()).toEqual([]);
  });

  it('upserts and deletes in one table commit and records the deleted ids', async () => {
    const uri = backend.root('wp-delete');
    const { graph, h } = await setup(uri);
    await h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 4) }]));
    await h.writer.apply(
      writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: [{ id: 'p1', name: 'Renamed', age: 5 }], deleteIds: ['p2', 'p3'] }]),
    );
    const pin = (await graph.snapshot()).table('node', 'Person')!;
    expect(pin).toMatchObject({ version: 3, rowCount: 2, deletedIds: ['p2', 'p3'] });
    const rows = (await (await (await graph.snapshot()).open(pin)).scan()).toArray().map((r) => String((r as { id: string }).id)).sort();
    expect(rows).toEqual(['p0', 'p1']);
  });

  it('refuses a stale head before any effect: no sidecar, no table version moves', async () => {
    const uri = backend.root('wp-stale');
    const { graph, h } = await setup(uri);
    const stale = await graph.head();
    await h.writer.apply(writeSet(graph.catalog, stale, [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 1) }]));
    const person = (await graph.snapshot()).table('node', 'Person')!;
    await expect(h.writer.apply(writeSet(graph.catalog, stale, [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(1, 2) }]))).rejects.toMatchObject({
      code: 'read_set_conflict',
    });
    expect(await headVersion(uri, person.tableId)).toBe(person.version);
    expect(await h.sidecars.list()).toEqual([]);
  });

  it('an empty write set publishes no commit', async () => {
    const uri = backend.root('wp-empty');
    const { graph, h } = await setup(uri);
    expect(await h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: [] }]))).toBeNull();
    expect(await graph.commits()).toHaveLength(1);
  });

  it('a failure after Phase A but before any table effect retires the sidecar and blocks nothing', async () => {
    const uri = backend.root('wp-arm-fail');
    const { graph, h } = await setup(uri);
    process.env['OMNIGRAPH_FAILPOINTS'] = 'write.after-sidecar-armed';
    await expect(h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 1) }]))).rejects.toMatchObject({ code: 'failpoint' });
    delete process.env['OMNIGRAPH_FAILPOINTS'];
    expect(await h.sidecars.list()).toEqual([]);
    expect(await h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 1) }]))).not.toBeNull();
  });

  it('a failure after a table commit is recovery_required; the next opener rolls it back and audits it', async () => {
    const uri = backend.root('wp-rollback');
    const { graph, h } = await setup(uri);
    await h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 2) }]));
    const before = await graph.snapshot();
    process.env['OMNIGRAPH_FAILPOINTS'] = 'write.after-table-commit';
    const ws = writeSet(graph.catalog, await graph.head(), [
      { kind: 'node', type: 'Person', mode: 'upsert', rows: people(2, 5) },
      { kind: 'node', type: 'Company', mode: 'append', rows: [{ id: 'c0', name: 'Acme' }] },
    ]);
    await expect(h.writer.apply(ws)).rejects.toMatchObject({ code: 'recovery_required' });
    delete process.env['OMNIGRAPH_FAILPOINTS'];
    await expect(h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Company', mode: 'append', rows: [{ id: 'c9', name: 'X' }] }]))).rejects.toMatchObject({
      code: 'recovery_required',
    });
    expect((await graph.snapshot()).tables).toEqual(before.tables);

    const next = await openWriteHarness(uri, 2);
    opened.push(next);
    expect(await next.writer.recover()).toEqual([{ operationId: ws.operationId, branch: 'main', kind: 'rolled_back' }]);
    const after = await graph.snapshot();
    const person = after.table('node', 'Person')!;
    expect(person).toMatchObject({ version: 4, rowCount: 2 }); // 2: first write; 3: the failed commit; 4: the restore
    expect(await (await after.open(person)).countRows()).toBe(2);
    expect(await headVersion(uri, person.tableId)).toBe(person.version);
    const commits = await graph.commits();
    expect(commits[0]).toMatchObject({ id: ws.rollbackId, actor: 'omnigraph:recovery', kind: 'recovery' });
    expect(await readAudit(uri)).toMatchObject([{ operation_id: ws.operationId, recovery_kind: 'rolled_back', graph_commit_id: ws.rollbackId }]);
    expect(await next.sidecars.list()).toEqual([]);
    expect(await next.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(2, 5) }]))).not.toBeNull();
    expect((await graph.snapshot()).table('node', 'Person')!.rowCount).toBe(5);
  });

  it('a failure after effects_confirmed rolls forward with the original commit id and actor', async () => {
    const uri = backend.root('wp-rollforward');
    const { graph, h } = await setup(uri);
    process.env['OMNIGRAPH_FAILPOINTS'] = 'write.after-effects-confirmed';
    const ws = writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 3) }], { actor: 'alice' });
    await expect(h.writer.apply(ws)).rejects.toMatchObject({ code: 'recovery_required' });
    delete process.env['OMNIGRAPH_FAILPOINTS'];
    const next = await openWriteHarness(uri, 2);
    opened.push(next);
    expect(await next.writer.recover()).toMatchObject([{ kind: 'rolled_forward' }]);
    expect(await graph.commit(ws.commitId)).toMatchObject({ actor: 'alice', createdAtMicros: ws.createdAtMicros });
    expect((await graph.snapshot()).table('node', 'Person')).toMatchObject({ version: 2, rowCount: 3 });
    expect(await readAudit(uri)).toMatchObject([{ recovery_kind: 'rolled_forward', recovery_for_actor: 'alice' }]);
  });

  it('a stale sidecar after a landed publish is recognised and removed', async () => {
    const uri = backend.root('wp-stale-sidecar');
    const { graph, h } = await setup(uri);
    process.env['OMNIGRAPH_FAILPOINTS'] = 'write.after-publish';
    const ws = writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 1) }]);
    expect(await h.writer.apply(ws)).toMatchObject({ commitId: ws.commitId });
    delete process.env['OMNIGRAPH_FAILPOINTS'];
    expect(await h.sidecars.list()).toHaveLength(1);
    expect(await h.writer.recover()).toMatchObject([{ kind: 'rolled_forward', reason: 'already published' }]);
    expect(await h.sidecars.list()).toEqual([]);
  });
});

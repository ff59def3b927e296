// Recovery rules 0–5 and the crash points of plan-review-2 §R, each ending in the state its rule promises (both backends).
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { armPhase, preparePhase, type WriteProgress } from '../../src/exec/writeset/index.js';
import { readAudit } from '../../src/recovery/audit.js';
import { sidecarKey } from '../../src/recovery/sidecar.js';
import { connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { openObjectStore } from '../../src/store/object/open.js';
import { checkConsistent } from '../support/crash-check.js';
import { TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { openWriteHarness, type WriteHarness } from '../support/write-harness.js';
import { people, writeSet } from '../support/write-sets.js';

const opened: Array<WriteHarness | Omnigraph> = [];
afterEach(async () => {
  delete process.env['OMNIGRAPH_FAILPOINTS'];
  for (const o of opened.splice(0).reverse()) await o.close();
});
const keep = <T extends WriteHarness | Omnigraph>(o: T): T => (opened.push(o), o);

async function setup(uri: string, branch?: string) {
  const graph = keep(await Omnigraph.init(uri, TEST_SCHEMA));
  if (branch !== undefined) await graph.branchCreate(branch);
  const h = keep(await openWriteHarness(uri));
  return { graph, h };
}

/** Fail the next write at `point` (in-process, action `error`) and return its write set. */
async function failWrite(graph: Omnigraph, h: WriteHarness, point: string, branch = 'main', rows = people(0, 3)) {
  process.env['OMNIGRAPH_FAILPOINTS'] = point;
  const ws = writeSet(graph.catalog, await graph.head(branch), [{ kind: 'node', type: 'Person', mode: 'upsert', rows }], { branch });
  const outcome = await h.writer.apply(ws).then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );
  delete process.env['OMNIGRAPH_FAILPOINTS'];
  return { ws, outcome };
}

async function forkNames(uri: string, tableId: string): Promise<string[]> {
  const conn = await connectLance(uri);
  const t = await conn.openHead(tableId);
  const names = [...(await t.listBranches()).keys()].filter((n) => n.startsWith('f-'));
  t.close();
  conn.close();
  return names;
}

describe.each(LANCE_BACKENDS)('recovery rules ($name)', (backend) => {
  it('first writes on a branch fork the table lazily; later writes reuse the fork; main is untouched', async () => {
    const uri = backend.root('rr-fork');
    const { graph, h } = await setup(uri, 'b1');
    await h.writer.apply(writeSet(graph.catalog, await graph.head('b1'), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 2) }], { branch: 'b1' }));
    const first = (await graph.snapshot({ branch: 'b1' })).table('node', 'Person')!;
    expect(first.branch).toMatch(/^f-[0-9A-Z]{26}$/);
    expect(first).toMatchObject({ version: 2, rowCount: 2 });
    await h.writer.apply(writeSet(graph.catalog, await graph.head('b1'), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(2, 3) }], { branch: 'b1' }));
    expect((await graph.snapshot({ branch: 'b1' })).table('node', 'Person')).toMatchObject({ branch: first.branch, version: 3, rowCount: 3 });
    expect((await graph.snapshot()).table('node', 'Person')).toMatchObject({ branch: null, version: 1, rowCount: 0 });
    expect(await forkNames(uri, first.tableId)).toEqual([first.branch]);
  });

  it('rule 0: the sidecar of a deleted branch discards its fork', async () => {
    const uri = backend.root('rr-orphan');
    const { graph, h } = await setup(uri, 'b1');
    const { ws, outcome } = await failWrite(graph, h, 'write.after-table-commit', 'b1');
    expect(outcome).toBe('recovery_required');
    const tableId = (await graph.snapshot()).table('node', 'Person')!.tableId;
    expect(await forkNames(uri, tableId)).toHaveLength(1);
    await h.manifest.deleteBranch('b1');
    const next = keep(await openWriteHarness(uri, 2));
    expect(await next.writer.recover()).toMatchObject([{ operationId: ws.operationId, kind: 'orphaned_branch_discarded' }]);
    expect(await forkNames(uri, tableId)).toEqual([]);
    expect(await readAudit(uri)).toMatchObject([{ recovery_kind: 'orphaned_branch_discarded' }]);
  });

  it('rule 2: a planned fork that was never created counts as untouched; nothing is published', async () => {
    const uri = backend.root('rr-nofork');
    const { graph, h } = await setup(uri, 'b1');
    const ws = writeSet(graph.catalog, await graph.head('b1'), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 1) }], { branch: 'b1' });
    const progress: WriteProgress = { effectLanded: false };
    await preparePhase(h.deps, ws, progress);
    await armPhase(h.deps, progress); // then the process "dies" before Phase B
    const commits = (await graph.commits({ branch: 'b1' })).length;
    const next = keep(await openWriteHarness(uri, 2));
    expect(await next.writer.recover()).toMatchObject([{ kind: 'rolled_back' }]);
    expect((await graph.commits({ branch: 'b1' })).length).toBe(commits);
    expect(await next.sidecars.list()).toEqual([]);
  });

  it('a fork created before the crash is deleted at any version, and no rollback commit is needed', async () => {
    for (const point of ['write.after-fork', 'write.after-table-commit']) {
      const uri = backend.root('rr-forkcrash');
      const { graph, h } = await setup(uri, 'b1');
      const { outcome } = await failWrite(graph, h, point, 'b1');
      expect(outcome).toBe('recovery_required');
      const before = await graph.commits({ branch: 'b1' });
      const next = keep(await openWriteHarness(uri, 2));
      expect(await next.writer.recover()).toMatchObject([{ kind: 'rolled_back' }]);
      expect(await graph.commits({ branch: 'b1' })).toEqual(before);
      expect(await forkNames(uri, (await graph.snapshot()).table('node', 'Person')!.tableId)).toEqual([]);
      expect(await next.writer.apply(writeSet(graph.catalog, await graph.head('b1'), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 1) }], { branch: 'b1' }))).not.toBeNull();
    }
  });

  it('a crash inside a rollback, after persisting rolling_back or after a restore, is finished by the next pass', async () => {
    for (const point of ['recovery.after-rolling-back-persisted', 'recovery.after-restore']) {
      const uri = backend.root('rr-inrollback');
      const { graph, h } = await setup(uri);
      await h.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 2) }]));
      const { ws } = await failWrite(graph, h, 'write.after-table-commit', 'main', people(2, 4));
      const second = keep(await openWriteHarness(uri, 2));
      process.env['OMNIGRAPH_FAILPOINTS'] = point;
      await expect(second.writer.recover()).rejects.toMatchObject({ code: 'failpoint' });
      delete process.env['OMNIGRAPH_FAILPOINTS'];
      const stored = await second.sidecars.read(ws.operationId);
      expect(stored?.sidecar.phase).toBe('rolling_back');
      const third = keep(await openWriteHarness(uri, 3));
      expect(await third.writer.recover()).toMatchObject([{ kind: 'rolled_back' }]);
      expect(await checkConsistent(uri)).toEqual({ person: 2, company: 0, worksAt: 0 });
      expect((await graph.commits())[0]).toMatchObject({ id: ws.rollbackId, actor: 'omnigraph:recovery' });
    }
  });

  it('rule 5: foreign drift on an owned table fails closed; that branch refuses writes, others keep working', async () => {
    const uri = backend.root('rr-failclosed');
    const { graph, h } = await setup(uri, 'b1');
    const { ws } = await failWrite(graph, h, 'write.after-table-commit');
    const person = (await graph.snapshot()).table('node', 'Person')!;
    const conn = await connectLance(uri);
    const t = await conn.openHead(person.tableId);
    const schema = await t.schema();
    // A foreign commit nobody owns: every required (string) column filled, the rest null.
    await t.append(rowsToArrow(schema, [Object.fromEntries(schema.fields.map((f) => [f.name, f.nullable ? null : 'foreign']))]));
    t.close();
    conn.close();
    const next = keep(await openWriteHarness(uri, 2));
    expect(await next.writer.recover()).toMatchObject([{ operationId: ws.operationId, kind: 'failed_closed' }]);
    expect(await next.sidecars.read(ws.operationId)).not.toBeNull();
    await expect(next.writer.apply(writeSet(graph.catalog, await graph.head(), [{ kind: 'node', type: 'Company', mode: 'append', rows: [{ id: 'c', name: 'C' }] }]))).rejects.toMatchObject({
      code: 'recovery_required',
    });
    expect(await next.writer.apply(writeSet(graph.catalog, await graph.head('b1'), [{ kind: 'node', type: 'Company', mode: 'append', rows: [{ id: 'c', name: 'C' }] }], { branch: 'b1' }))).not.toBeNull();
  });

  it('a corrupt or newer sidecar fails recovery loudly and is kept', async () => {
    const uri = backend.root('rr-corrupt');
    const { h } = await setup(uri);
    const objects = openObjectStore(uri);
    await objects.put(sidecarKey('01J0000000000000000000000A'), new TextEncoder().encode('{ not json'));
    await expect(h.writer.recover()).rejects.toMatchObject({ code: 'internal' });
    await objects.put(sidecarKey('01J0000000000000000000000A'), new TextEncoder().encode(JSON.stringify({ schema_version: 99 })));
    await expect(h.writer.recover()).rejects.toMatchObject({ code: 'format_unsupported' });
    expect(await objects.head(sidecarKey('01J0000000000000000000000A'))).not.toBeNull();
    await objects.close();
    await expect(Omnigraph.open(uri)).rejects.toMatchObject({ code: 'format_unsupported' });
  });
});

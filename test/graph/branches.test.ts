// Graph branches on both backends: create at a version, isolation, inherited commits, delete and recreate, interrupted creates, races, refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import {
  MANIFEST_TABLE,
  ManifestStore,
  abandonedHeadRow,
  manifestRowsToArrow,
  nativeBranchOf,
  readManifestRows,
  tableIdOf,
  type GraphSnapshot,
  type ManifestState,
} from '../../src/manifest/index.js';
import { connectLance } from '../../src/store/lance/index.js';
import { newUlid } from '../../src/util/ids.js';
import { spawnGraphChildren, type GraphChildren } from '../support/graph-children.js';
import { appendAndPublish, TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const open: Omnigraph[] = [];
let children: GraphChildren | undefined;
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
  await children?.close();
  children = undefined;
});
const track = (g: Omnigraph): Omnigraph => (open.push(g), g);

const pins = (s: GraphSnapshot) => s.tables.map((t) => [t.tableKey, t.branch, t.version, t.rowCount]);
const ids = (commits: readonly { id: string }[]) => commits.map((c) => c.id);
const person = (id: string) => ({ id, name: id.toUpperCase(), age: 1 });

/** Create native manifest branch `native` from main without a head row, as a create interrupted after its fork does. */
async function forkWithoutHead(uri: string, native: string) {
  const conn = await connectLance(uri, { readConsistencyInterval: 0 });
  const main = await conn.openHead(MANIFEST_TABLE);
  const fork = await main.createBranch(native);
  return { fork, done: () => (fork.close(), main.close(), conn.close()) };
}

describe.each(LANCE_BACKENDS)('graph branches ($name)', (backend) => {
  it('create from main: the source snapshot at creation, the inherited head, a fresh incarnation, no commit', async () => {
    const g = track(await Omnigraph.init(backend.root('br-create'), TEST_SCHEMA));
    await appendAndPublish(g, 'Person', [person('p1')]);
    const before = await g.snapshot();
    const mainHead = await g.head();
    const b = await g.branchCreate('b1');
    expect(b).toMatchObject({ name: 'b1', headCommitId: mainHead.commitId, parent: 'main', parentVersion: before.manifestVersion });
    expect(b.incarnation).not.toBe(mainHead.incarnation);
    expect(await g.head('b1')).toEqual({ branch: 'b1', incarnation: b.incarnation, commitId: mainHead.commitId });
    const snap = await g.snapshot({ branch: 'b1' });
    expect(snap.branch).toBe('b1');
    expect(snap.headCommitId).toBe(before.headCommitId);
    expect(pins(snap)).toEqual(pins(before));
    expect(await (await snap.open(snap.table('node', 'Person')!)).countRows()).toBe(1);
    expect(ids(await g.commits({ branch: 'b1' }))).toEqual(ids(await g.commits()));
    expect(await g.commits()).toHaveLength(2);
    expect((await g.branches()).map((x) => [x.name, x.incarnation, x.headCommitId])).toEqual([
      ['main', mainHead.incarnation, mainHead.commitId],
      ['b1', b.incarnation, mainHead.commitId],
    ]);
    // A reopened handle sees the same branch.
    const headB1 = await g.head('b1');
    await g.close();
    const ro = track(await Omnigraph.open(g.uri, { mode: 'read-only' }));
    expect(await ro.head('b1')).toEqual(headB1);
    expect(pins(await ro.snapshot({ branch: 'b1' }))).toEqual(pins(before));
  });

  it('INV-26 main and a branch move independently; a branch lists inherited commits only up to its fork', async () => {
    const g = track(await Omnigraph.init(backend.root('br-isolate'), TEST_SCHEMA));
    const genesis = (await g.head()).commitId;
    const m1 = await appendAndPublish(g, 'Person', [person('p1')]);
    await g.branchCreate('b1');
    const m2 = await appendAndPublish(g, 'Person', [person('p2')]);
    const b1 = await appendAndPublish(g, 'Person', [person('q1'), person('q2')], { branch: 'b1' });
    expect(b1.tableBranch).toMatch(/^f-[0-9A-Z]{26}$/);

    const main = await g.snapshot();
    const br = await g.snapshot({ branch: 'b1' });
    expect(main.table('node', 'Person')).toMatchObject({ branch: null, rowCount: 2 });
    expect(br.table('node', 'Person')).toMatchObject({ branch: b1.tableBranch, rowCount: 3 });
    const names = async (s: GraphSnapshot) => ((await (await s.open(s.table('node', 'Person')!)).scan({ columns: ['id'] })).toArray() as { id: string }[]).map((r) => r.id).sort();
    expect(await names(main)).toEqual(['p1', 'p2']);
    expect(await names(br)).toEqual(['p1', 'q1', 'q2']);
    // Untouched tables stay inherited: pin branch is still the parent's.
    expect(br.table('node', 'Company')).toEqual(main.table('node', 'Company'));

    expect(ids(await g.commits())).toEqual([m2.commitId, m1.commitId, genesis]);
    const onBranch = await g.commits({ branch: 'b1' });
    expect(ids(onBranch)).toEqual([b1.commitId, m1.commitId, genesis]);
    expect(onBranch[0]).toMatchObject({ branch: 'b1', parents: [m1.commitId] });
    expect((await g.head('b1')).commitId).toBe(b1.commitId);
    expect((await g.head()).commitId).toBe(m2.commitId);
    // Commits of a branch are found by id and their snapshots rebuilt on that branch.
    expect(await g.commit(b1.commitId)).toMatchObject({ id: b1.commitId, branch: 'b1' });
    expect(pins(await g.snapshot({ commit: b1.commitId }))).toEqual(pins(br));
    expect(pins(await g.snapshot({ manifestVersion: b1.manifestVersion, branch: 'b1' }))).toEqual(pins(br));
  });

  it('INV-25 creates from another branch: its snapshot and its commits up to the fork; writes stay apart, three levels down', async () => {
    const g = track(await Omnigraph.init(backend.root('br-from'), TEST_SCHEMA));
    await g.branchCreate('b1');
    const b1 = await appendAndPublish(g, 'Person', [person('q1')], { branch: 'b1' });
    const c = await g.branchCreate('c1', { from: 'b1' });
    expect(c).toMatchObject({ parent: 'b1', headCommitId: b1.commitId });
    expect(pins(await g.snapshot({ branch: 'c1' }))).toEqual(pins(await g.snapshot({ branch: 'b1' })));
    const b2 = await appendAndPublish(g, 'Person', [person('q2')], { branch: 'b1' });
    const c1 = await appendAndPublish(g, 'Person', [person('r1')], { branch: 'c1' });
    expect(c1.tableBranch).not.toBe(b1.tableBranch);
    expect(ids(await g.commits({ branch: 'c1' }))).toEqual([c1.commitId, ...ids(await g.commits({ branch: 'b1' })).filter((id) => id !== b2.commitId)]);
    expect((await g.snapshot({ branch: 'b1' })).table('node', 'Person')!.rowCount).toBe(2);
    expect((await g.snapshot({ branch: 'c1' })).table('node', 'Person')!.rowCount).toBe(2);
    expect((await g.snapshot()).table('node', 'Person')!.rowCount).toBe(0);
    // Three levels down, reads and publishes still work (each branch indexes its own manifest).
    await g.branchCreate('d1', { from: 'c1' });
    const d1 = await appendAndPublish(g, 'Person', [person('s1')], { branch: 'd1' });
    expect((await g.head('d1')).commitId).toBe(d1.commitId);
    expect((await g.snapshot({ branch: 'd1' })).table('node', 'Person')!.rowCount).toBe(3);
    expect((await g.branches()).map((x) => [x.name, x.parent])).toEqual([
      ['main', null],
      ['b1', 'main'],
      ['c1', 'b1'],
      ['d1', 'c1'],
    ]);
  });

  it('delete and recreate: a new incarnation, none of the old commits, and the old data forks are gone', async () => {
    const g = track(await Omnigraph.init(backend.root('br-recreate'), TEST_SCHEMA));
    const first = await g.branchCreate('b1');
    const old = await appendAndPublish(g, 'Person', [person('q1')], { branch: 'b1' });
    const personTable = tableIdOf('node', g.catalog.nodes['Person']!.table.identity);
    const conn = await connectLance(g.uri);
    const dataForks = async () => [...(await (await conn.openHead(personTable)).listBranches()).keys()];
    expect(await dataForks()).toEqual([old.tableBranch]);

    const deleted = await g.branchDelete('b1');
    expect(deleted).toMatchObject({ name: 'b1', incarnation: first.incarnation, forksLeft: [] });
    expect(deleted.forksDeleted).toEqual([{ tableId: personTable, branch: old.tableBranch }]);
    expect(await dataForks()).toEqual([]);
    expect((await g.branches()).map((x) => x.name)).toEqual(['main']);
    await expect(g.head('b1')).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.commit(old.commitId)).rejects.toMatchObject({ code: 'commit_not_found' });

    const second = await g.branchCreate('b1');
    expect(second.incarnation).not.toBe(first.incarnation);
    expect(ids(await g.commits({ branch: 'b1' }))).not.toContain(old.commitId);
    expect(ids(await g.commits({ branch: 'b1' }))).toEqual(ids(await g.commits()));
    expect((await g.snapshot({ branch: 'b1' })).table('node', 'Person')).toMatchObject({ branch: null, rowCount: 0 });
    await expect(g.snapshot({ commit: old.commitId })).rejects.toMatchObject({ code: 'commit_not_found' });
    conn.close();
  });

  it('INV-23 another handle that cached a branch never serves the deleted incarnation after a recreate', async () => {
    const uri = backend.root('br-stale');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    const other = track(await Omnigraph.open(uri, { mode: 'read-only' }));
    const first = await g.branchCreate('b1');
    expect((await other.head('b1')).incarnation).toBe(first.incarnation);
    await g.branchDelete('b1');
    await expect(other.head('b1')).rejects.toMatchObject({ code: 'branch_not_found' });
    await g.branchCreate('b2');
    expect((await other.head('b2')).incarnation).toBe((await g.head('b2')).incarnation);
    await g.branchDelete('b2');
    // Same source, same version: the recreated branch has the very same manifest version numbers.
    const again = await g.branchCreate('b2');
    expect((await other.head('b2')).incarnation).toBe(again.incarnation);
  });

  it('INV-31 a head view holds the pins and heads of the full state without folding commit rows, on main and on a branch', async () => {
    const uri = backend.root('br-view');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    await appendAndPublish(g, 'Person', [person('a')]);
    await g.branchCreate('b1');
    await appendAndPublish(g, 'Person', [person('b')], { branch: 'b1' });
    const conn = await connectLance(uri, { readConsistencyInterval: 0 });
    const store = await ManifestStore.open(conn, { readOnly: true });
    try {
      for (const branch of ['main', 'b1']) {
        const view = await store.headView(branch);
        // At run time a view is a state with no commits: the commit rows were never read.
        expect((view as ManifestState).commits.size).toBe(0);
        await appendAndPublish(g, 'Person', [person(`later-${branch}`)], { branch });
        const refreshed = await store.headView(branch);
        expect((refreshed as ManifestState).commits.size).toBe(0);
        const full = await store.state(branch);
        expect(full.commits.size).toBeGreaterThan(1);
        expect([refreshed.manifestVersion, [...refreshed.pins], [...refreshed.heads]]).toEqual([full.manifestVersion, [...full.pins], [...full.heads]]);
        // Once the branch has a full state, it serves head views too.
        expect((await store.headView(branch)) as ManifestState).toBe(await store.state(branch));
      }
    } finally {
      store.close();
      conn.close();
    }
  });

  it('INV-22 an interrupted create is neither listed nor readable, and the next create of that name succeeds', async () => {
    const uri = backend.root('br-interrupted');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    const half = await forkWithoutHead(uri, nativeBranchOf('half')!);
    expect((await g.branches()).map((b) => b.name)).toEqual(['main']);
    await expect(g.snapshot({ branch: 'half' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.head('half')).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.commits({ branch: 'half' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(appendAndPublish(g, 'Person', [person('x')], { branch: 'half' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.branchCreate('c', { from: 'half' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.branchDelete('half')).rejects.toMatchObject({ code: 'branch_not_found' });
    // The interrupted create's late head insert loses to the retirement of its fork.
    const created = await g.branchCreate('half');
    expect((await g.branches()).map((b) => b.name)).toEqual(['main', 'half']);
    expect((await g.head('half')).incarnation).toBe(created.incarnation);
    half.done();

    // A create interrupted after it retired a leftover (the marker written, the fork not yet removed) is cleaned too.
    const marked = await forkWithoutHead(uri, nativeBranchOf('marked')!);
    await marked.fork.mergeInsert(manifestRowsToArrow([abandonedHeadRow('marked', newUlid())]), { on: 'object_id', whenNotMatchedInsert: true });
    marked.done();
    expect((await g.branches()).map((b) => b.name)).toEqual(['main', 'half']);
    await expect(g.head('marked')).rejects.toMatchObject({ code: 'branch_not_found' });
    await g.branchCreate('marked');
    expect((await g.branches()).map((b) => b.name)).toEqual(['main', 'half', 'marked']);

    // The sweep a read-write open runs under the lease removes every leftover.
    (await forkWithoutHead(uri, nativeBranchOf('left/over')!)).done();
    const conn = await connectLance(uri, { readConsistencyInterval: 0 });
    const store = await ManifestStore.open(conn, { readOnly: false });
    expect(await store.removeInterruptedCreates()).toEqual(['left/over']);
    expect([...(await (await conn.openHead(MANIFEST_TABLE)).listBranches()).keys()].sort()).toEqual([nativeBranchOf('half'), nativeBranchOf('marked')].sort());
    store.close();
    conn.close();
  });

  it('refuses bad requests with their codes', async () => {
    const uri = backend.root('br-refuse');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    await g.branchCreate('review');
    for (const bad of ['main', ' main ', '__schema_apply_lock__', '__x', 'a//b', '/a', 'a/', 'a..b', 'a b', '', 'x.lock']) {
      await expect(g.branchCreate(bad), bad).rejects.toMatchObject({ code: 'bad_request' });
    }
    await expect(g.branchCreate('review')).rejects.toMatchObject({ code: 'conflict' });
    await expect(g.branchCreate(' review ')).rejects.toMatchObject({ code: 'conflict' });
    await expect(g.branchCreate('review/x')).rejects.toMatchObject({ code: 'conflict' });
    await expect(g.branchCreate('x', { from: 'nope' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.snapshot({ branch: 'nope' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.head('nope')).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.commits({ branch: 'nope' })).rejects.toMatchObject({ code: 'branch_not_found' });
    await expect(g.snapshot({ branch: 'a//b' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(g.branchDelete('main')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(g.branchDelete('nope')).rejects.toMatchObject({ code: 'branch_not_found' });
    await g.branchCreate('child', { from: 'review' });
    await expect(g.branchDelete('review')).rejects.toMatchObject({ code: 'conflict' });
    await g.branchDelete('child');
    await g.branchDelete('review');
    await g.branchCreate('review/x');
    await expect(g.branchCreate('review')).rejects.toMatchObject({ code: 'conflict' });

    // A branch whose fork another branch's live pin reads (as a pointer-style merge would leave) stays.
    const w = await appendAndPublish(g, 'Person', [person('w1')], { branch: 'review/x' });
    const personPin = (await g.snapshot()).table('node', 'Person')!;
    await g.__unsafePublish({
      branch: 'main',
      precondition: { kind: 'exact', head: await g.head() },
      expectedPins: new Map([[personPin.tableId, { branch: personPin.branch, version: personPin.version }]]),
      registrations: [],
      pins: [{ tableId: personPin.tableId, tableKey: personPin.tableKey, branch: w.tableBranch, version: w.tableVersion, rowCount: 1, deletedIds: [], fullRewrite: false }],
      tombstones: [],
      commit: { id: newUlid(), actor: 'test', createdAtMicros: Date.now() * 1000, kind: 'test', message: null, operationId: null },
    });
    await expect(g.branchDelete('review/x')).rejects.toMatchObject({ code: 'conflict' });

    const ro = track(await Omnigraph.open(uri, { mode: 'read-only' }));
    await expect(ro.branchCreate('ro')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(ro.branchDelete('review/x')).rejects.toMatchObject({ code: 'bad_request' });
    expect((await ro.branches()).map((b) => b.name)).toEqual(['main', 'review/x']);
  });

  it('INV-24 two processes racing to create one name: one winner, the other conflict, one head row', async () => {
    const uri = backend.root('br-race');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    children = spawnGraphChildren(2);
    await children.all({ cmd: 'open', uri, mode: 'read-write' });
    let overlapped = false;
    const winners = new Map<string, string>();
    for (let round = 0; round < 4; round++) {
      const name = `race/${round}`;
      const results = await children.all({ cmd: 'branch-create', name });
      const firstEnd = Math.min(...results.map((r) => r['endAt'] as number));
      if (results.every((r) => (r['startAt'] as number) <= firstEnd)) overlapped = true;
      const won = results.filter((r) => r.ok);
      expect(won, JSON.stringify(results)).toHaveLength(1);
      for (const r of results.filter((x) => !x.ok)) expect(r.code).toBe('conflict');
      winners.set(name, (won[0]!['branch'] as { incarnation: string }).incarnation);
    }
    expect(overlapped).toBe(true);
    const g = track(await Omnigraph.open(uri, { mode: 'read-only' }));
    const listed = (await g.branches()).filter((b) => b.name !== 'main');
    expect(new Map(listed.map((b) => [b.name, b.incarnation]))).toEqual(winners);
    const conn = await connectLance(uri);
    for (const name of winners.keys()) {
      const branch = await conn.openHead(MANIFEST_TABLE, nativeBranchOf(name));
      expect(await readManifestRows(branch, `object_type = 'graph_head' AND graph_branch = '${name}'`)).toHaveLength(1);
      branch.close();
    }
    conn.close();
  });
});

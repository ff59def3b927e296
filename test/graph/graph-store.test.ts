// The graph store on real LanceDB: init, open modes, format gate, publish, snapshots and time travel, both backends.
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { MANIFEST_RETAINED_VERSIONS, ManifestStore, type PublishRequest } from '../../src/manifest/index.js';
import { connectLance } from '../../src/store/lance/index.js';
import { newUlid, nowMicros } from '../../src/util/ids.js';
import { appendAndPublish, lineageRequest, TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS, listStored } from '../support/lance-backends.js';

const open: Omnigraph[] = [];
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
});
const track = (g: Omnigraph): Omnigraph => (open.push(g), g);

const commitIntent = () => ({ id: newUlid(), actor: 'tester', createdAtMicros: nowMicros(), kind: 'test', message: null, operationId: null });

describe.each(LANCE_BACKENDS)('graph store ($name)', (backend) => {
  it('init creates one table per type, pinned at version 1, and a genesis commit; reopen sees the same', async () => {
    const uri = backend.root('init');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    const snap = await g.snapshot();
    expect(snap.tables.map((t) => [t.tableKey, t.branch, t.version, t.rowCount])).toEqual([
      ['edge:WorksAt', null, 1, 0],
      ['node:Company', null, 1, 0],
      ['node:Person', null, 1, 0],
    ]);
    expect(snap.manifestVersion).toBe(2); // 1: genesis; 2: the object_id index (no commit)
    expect(snap.formatVersion).toBe(1);
    const commits = await g.commits();
    expect(commits).toHaveLength(1);
    expect(commits[0]).toMatchObject({ id: snap.headCommitId, parents: [], actor: null, kind: 'init', manifestVersion: 1 });
    await g.close();
    const again = track(await Omnigraph.open(uri, { mode: 'read-only' }));
    expect((await again.snapshot()).tables).toEqual(snap.tables);
    expect(Object.keys(again.catalog.nodes)).toEqual(['Company', 'Person']);
  });

  it('init refuses a non-empty location and bad schema text, writing nothing', async () => {
    const uri = backend.root('init-refuse');
    await expect(Omnigraph.init(uri, 'node {')).rejects.toMatchObject({ code: 'parse_error' });
    await expect(Omnigraph.init(uri, 'node P { a: String @key  b: String @key }')).rejects.toMatchObject({ code: 'schema_invalid' });
    expect(await listStored(uri).catch(() => [])).toEqual([]);
    track(await Omnigraph.init(uri, TEST_SCHEMA));
    await expect(Omnigraph.init(uri, TEST_SCHEMA)).rejects.toMatchObject({ code: 'already_initialized' });
  });

  it('open of a location without a graph is not_found', async () => {
    await expect(Omnigraph.open(backend.root('nothing'))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a read-only open writes nothing, even while reading every snapshot', async () => {
    const uri = backend.root('ro');
    const g = await Omnigraph.init(uri, TEST_SCHEMA);
    await appendAndPublish(g, 'Person', [{ id: 'p1', name: 'Ann', age: 30 }]);
    await g.close();
    const before = await listStored(uri);
    const ro = track(await Omnigraph.open(uri, { mode: 'read-only' }));
    const snap = await ro.snapshot();
    const person = await snap.open(snap.table('node', 'Person')!);
    expect(await person.countRows()).toBe(1);
    await ro.snapshot({ manifestVersion: 1 });
    await expect(ro.__unsafePublish({} as PublishRequest)).rejects.toMatchObject({ code: 'bad_request' });
    await ro.close();
    expect(await listStored(uri)).toEqual(before);
  });

  it('refuses a newer format stamp in both modes', async () => {
    const uri = backend.root('newer');
    (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    const conn = await connectLance(uri, { readConsistencyInterval: 0 });
    const m = await ManifestStore.open(conn, { readOnly: false });
    await m.stampFormat(2);
    m.close();
    conn.close();
    await expect(Omnigraph.open(uri, { mode: 'read-only' })).rejects.toMatchObject({ code: 'format_unsupported' });
    await expect(Omnigraph.open(uri, { mode: 'read-write' })).rejects.toMatchObject({ code: 'format_unsupported' });
  });

  it('migrates an older format forward on read-write open only, once', async () => {
    const uri = backend.root('migrate');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    let applied = 0;
    const format = { current: 2, migrations: [{ from: 1, describe: 'test step', readableWithoutUpgrade: false, apply: async () => void applied++ }] };
    const before = await listStored(uri);
    await expect(Omnigraph.open(uri, { mode: 'read-only', __unsafeFormat: format })).rejects.toMatchObject({ code: 'format_upgrade_required' });
    expect(await listStored(uri)).toEqual(before);
    await (await Omnigraph.open(uri, { mode: 'read-write', __unsafeFormat: format })).close();
    expect(applied).toBe(1);
    const g = track(await Omnigraph.open(uri, { mode: 'read-only', __unsafeFormat: format }));
    expect((await g.snapshot()).formatVersion).toBe(2);
    expect(applied).toBe(1);
  });

  it('publishes pins atomically; held snapshots and time travel keep reading what they pinned', async () => {
    const uri = backend.root('publish');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    const genesis = await g.snapshot();
    const first = await appendAndPublish(g, 'Person', [{ id: 'p1', name: 'Ann', age: 30 }]);
    const held = await g.snapshot();
    const second = await appendAndPublish(g, 'Person', [{ id: 'p2', name: 'Bob', age: 41 }, { id: 'p3', name: 'Cy', age: null }]);
    expect(second.manifestVersion).toBe(first.manifestVersion + 1);

    const now = await g.snapshot();
    expect(now.table('node', 'Person')).toMatchObject({ version: second.tableVersion, rowCount: 3 });
    expect(await (await now.open(now.table('node', 'Person')!)).countRows()).toBe(3);
    expect(await (await held.open(held.table('node', 'Person')!)).countRows()).toBe(1);
    expect(await (await genesis.open(genesis.table('node', 'Person')!)).countRows()).toBe(0);

    const byCommit = await g.snapshot({ commit: first.commitId });
    expect(byCommit.manifestVersion).toBe(first.manifestVersion);
    expect(byCommit.table('node', 'Person')).toMatchObject({ rowCount: 1 });
    const byVersion = await g.snapshot({ manifestVersion: 1 });
    expect(byVersion.headCommitId).toBe(genesis.headCommitId);
    await expect(g.snapshot({ manifestVersion: 999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(g.snapshot({ commit: 'nope' })).rejects.toMatchObject({ code: 'commit_not_found' });

    const commits = await g.commits();
    expect(commits.map((c) => c.id)).toEqual([second.commitId, first.commitId, genesis.headCommitId]);
    expect(commits[0]!.parents).toEqual([first.commitId]);
    expect(await g.commit(first.commitId)).toMatchObject({ actor: 'test', branch: 'main' });
  });

  it('compacts the manifest every MANIFEST_COMPACTION_INTERVAL publishes; pruning old versions keeps all history', async () => {
    const uri = backend.root('compact');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    const first = await appendAndPublish(g, 'Person', [{ id: 'p0', name: 'P0', age: 0 }]);
    const lineage = () => g.__unsafePublish(lineageRequest());
    const publishes = MANIFEST_RETAINED_VERSIONS + 12;
    for (let i = 1; i <= publishes; i++) await lineage();
    const second = await appendAndPublish(g, 'Person', [{ id: 'p1', name: 'P1', age: 1 }]);
    const conn = await connectLance(uri);
    const manifest = await conn.openHead('_graph_manifest');
    const listed = async () => (await manifest.listVersions()).map((v) => v.version);
    const before = await listed();
    // The periodic compactions so far pruned nothing: every version is younger than the grace period.
    expect(before[0]).toBe(1);
    expect(before.at(-1)).toBeGreaterThan(publishes + 3);

    // A compaction without the grace period keeps exactly the newest retained versions.
    const store = await ManifestStore.open(conn, { readOnly: false });
    const result = await store.compact('main', { graceMs: 0 });
    store.close();
    expect(result.prune.oldVersionsRemoved).toBeGreaterThan(0);
    const after = await listed();
    // The optimize's own commits (compaction, index catch-up) come on top of the retained versions.
    expect(after.length).toBeLessThanOrEqual(MANIFEST_RETAINED_VERSIONS + 3);
    expect(after[0]).toBeGreaterThan(first.manifestVersion);
    expect(await manifest.indexedColumns()).toEqual(['object_id']);
    manifest.close();
    conn.close();

    // History is derived from the current rows: commits, snapshots at pruned versions, diffs across them, also cold.
    for (const reader of [g, track(await Omnigraph.open(uri, { mode: 'read-only' }))]) {
      const commits = await reader.commits();
      expect(commits).toHaveLength(publishes + 3);
      expect(commits[0]!.id).toBe(second.commitId);
      const old = await reader.snapshot({ commit: first.commitId });
      expect(old.manifestVersion).toBe(first.manifestVersion);
      expect(await (await old.open(old.table('node', 'Person')!)).countRows()).toBe(1);
      const genesis = await reader.snapshot({ manifestVersion: 1 });
      expect(genesis.headCommitId).toBe(commits.at(-1)!.id);
      expect(genesis.table('node', 'Person')).toMatchObject({ version: 1, rowCount: 0 });
      const diff = await reader.diff({ commit: first.commitId }, { branch: 'main' });
      expect(diff.changes.map((c) => [c.op, c.id])).toEqual([['insert', 'p1']]);
    }
  });

  it('classifies stale heads and stale pins, and treats a re-sent commit as already published', async () => {
    const uri = backend.root('stale');
    const g = track(await Omnigraph.init(uri, TEST_SCHEMA));
    const head = await g.head();
    const person = (await g.snapshot()).table('node', 'Person')!;
    const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({
      branch: 'main',
      precondition: { kind: 'exact', head },
      expectedPins: new Map(),
      registrations: [],
      pins: [],
      tombstones: [],
      commit: commitIntent(),
      ...overrides,
    });
    const landed = request();
    const r = await g.__unsafePublish(landed);
    expect(r.alreadyPublished).toBe(false);
    expect(await g.__unsafePublish(landed)).toMatchObject({ commitId: r.commitId, manifestVersion: r.manifestVersion, alreadyPublished: true });
    await expect(g.__unsafePublish(request())).rejects.toMatchObject({ code: 'read_set_conflict' });
    const fresh = await g.head();
    await expect(
      g.__unsafePublish(request({ precondition: { kind: 'exact', head: fresh }, expectedPins: new Map([[person.tableId, { branch: null, version: 7 }]]) })),
    ).rejects.toMatchObject({ code: 'published_dataset_version_conflict' });
    const reparented = await g.__unsafePublish(request({ precondition: { kind: 'current' } }));
    expect(reparented.parents).toEqual([fresh.commitId]);
    expect((await g.commits()).length).toBe(3);
  });
});

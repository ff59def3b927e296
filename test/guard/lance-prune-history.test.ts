// Guard: pruning old versions keeps every row's version columns and every fork readable (manifest time travel, INV-30).
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow, type RowVersion, type TableHandle } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('n', new arrow.Int64(), true)]);
const rows = (...pairs: Array<[string, number]>) => rowsToArrow(schema, pairs.map(([id, n]) => ({ id, n })));
const byKey = (v: readonly RowVersion[]) => Object.fromEntries(v.map((r) => [String(r.key), [r.createdAt, r.updatedAt]]));
const upsert = (t: TableHandle, ...pairs: Array<[string, number]>) => t.mergeInsert(rows(...pairs), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true });

/** Optimize `t` pruning every version but the newest (the cutoff is a moment after its last write). */
async function pruneAll(t: TableHandle) {
  await sleep(20);
  const cutoff = new Date();
  await sleep(20);
  return t.optimize({ cleanupOlderThan: cutoff });
}

describe.each(LANCE_BACKENDS)('guard: pruned history ($name)', (backend) => {
  it('keeps creation and update versions of every row, on main and on a fork, after compaction prunes old versions', async () => {
    const conn = await connectLance(backend.root('guard-prune'));
    const t = await conn.createTable('_m', { schema, primaryKey: 'id', rows: rows(['a', 1]) }); // v1
    await upsert(t, ['b', 1]); // v2
    await upsert(t, ['c', 1]); // v3
    const fork = await t.createBranch('g.b'); // forks v3
    await upsert(t, ['a', 2], ['d', 1]); // v4 on main
    await upsert(fork, ['e', 1]); // v4 on the fork
    await upsert(fork, ['b', 7]); // v5 on the fork

    const main = { a: [1, 4], b: [2, 2], c: [3, 3], d: [4, 4] };
    const onFork = { a: [1, 1], b: [2, 5], c: [3, 3], e: [4, 4] };
    expect(byKey(await t.rowVersions({ key: 'id' }))).toEqual(main);

    // Pruning the fork removes only its own versions: the parent keeps every version, including the fork point.
    expect((await pruneAll(fork)).prune.oldVersionsRemoved).toBeGreaterThanOrEqual(1);
    expect(byKey(await fork.rowVersions({ key: 'id' }))).toEqual(onFork);
    for (const [version, count] of [[1, 1], [2, 2], [3, 3], [4, 4]] as const) {
      expect(await (await conn.openAt('_m', { branch: null, version })).countRows()).toBe(count);
    }

    // Pruning the parent keeps the version columns of every row (the rewrite and the prune keep them)...
    expect((await pruneAll(t)).prune.oldVersionsRemoved).toBeGreaterThanOrEqual(3);
    expect(byKey(await t.rowVersions({ key: 'id' }))).toEqual(main);
    await expect(conn.openAt('_m', { branch: null, version: 2 })).rejects.toMatchObject({ code: 'not_found' });
    // ...and the fork still reads what it inherited from the pruned versions, and takes writes.
    expect(byKey(await fork.rowVersions({ key: 'id' }))).toEqual(onFork);
    const reopened = await conn.openHead('_m', 'g.b');
    expect(byKey(await reopened.rowVersions({ key: 'id' }))).toEqual(onFork);
    await upsert(fork, ['f', 1]);
    expect(await fork.countRows()).toBe(5);
    // A fork made after the parent's prune starts from its compacted rows, with their versions.
    const late = await t.createBranch('g.late');
    expect(byKey(await late.rowVersions({ key: 'id' }))).toEqual(main);
  });
});

// Guard: optimize prunes exactly the versions older than the explicit cutoff; the layer refuses to run without one.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]);
const rows = (...ids: string[]) => rowsToArrow(schema, ids.map((id) => ({ id })));

describe.each(LANCE_BACKENDS)('guard: optimize cleanup cutoff ($name)', (backend) => {
  it('keeps versions newer than the cutoff and removes older ones', async () => {
    const conn = await connectLance(backend.root('guard-optimize'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') }); // v1
    await t.append(rows('b')); // v2
    await t.append(rows('c')); // v3
    await sleep(30);
    const cutoff = new Date();
    await sleep(30);
    await t.append(rows('d')); // v4
    await t.append(rows('e')); // v5
    const before = await t.listVersions();
    expect(before.filter((v) => v.timestamp < cutoff).map((v) => v.version)).toEqual([1, 2, 3]);

    const result = await t.optimize({ cleanupOlderThan: cutoff });
    expect(result.prune.oldVersionsRemoved).toBe(3);
    expect(result.version).toBeGreaterThan(5); // compaction commits a version of its own
    const after = (await t.listVersions()).map((v) => v.version);
    expect(after.filter((v) => v <= 5)).toEqual([4, 5]);
    expect(after.at(-1)).toBe(result.version);
    for (const version of [4, 5]) expect(await (await conn.openAt('t', { branch: null, version })).countRows()).toBe(version);
    for (const version of [1, 2, 3]) await expect(conn.openAt('t', { branch: null, version })).rejects.toMatchObject({ code: 'not_found' });
    expect(await t.countRows()).toBe(5);
  });

  it('refuses to optimize without a valid past cutoff, before touching the table', async () => {
    const conn = await connectLance(backend.root('guard-optimize-refuse'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    await t.append(rows('b'));
    const versions = (await t.listVersions()).map((v) => v.version);
    const invalid: unknown[] = [undefined, {}, { cleanupOlderThan: undefined }, { cleanupOlderThan: '2020-01-01' }, { cleanupOlderThan: new Date(Number.NaN) }, { cleanupOlderThan: new Date(Date.now() + 60_000) }];
    for (const options of invalid) {
      await expect(t.optimize(options as never)).rejects.toMatchObject({ code: 'bad_request' });
    }
    expect((await t.listVersions()).map((v) => v.version)).toEqual(versions);
  });
});

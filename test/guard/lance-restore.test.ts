// Guard: restore (checkout + restore) commits a new version whose content equals the checked-out one.
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow, type TableReader } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('n', new arrow.Int64(), true)]);
const rows = (...pairs: Array<[string, number]>) => rowsToArrow(schema, pairs.map(([id, n]) => ({ id, n })));
const content = async (t: TableReader): Promise<string[]> =>
  (await t.scan({ columns: ['id', 'n'] })).toArray().map((r) => `${r.id}=${r.n}`).sort();

describe.each(LANCE_BACKENDS)('guard: restore ($name)', (backend) => {
  it('makes head+1 equal to the restored version, keeps history, and stays writable', async () => {
    const conn = await connectLance(backend.root('guard-restore'));
    const t = await conn.createTable('node_1_1', { schema, primaryKey: 'id', rows: rows(['a', 1], ['b', 1]) }); // v1
    await t.append(rows(['c', 1])); // v2
    const atV2 = await content(await conn.openAt('node_1_1', { branch: null, version: 2 }));
    await t.mergeInsert(rows(['a', 9], ['d', 1]), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true }); // v3
    await t.deleteWhere("id = 'b'"); // v4
    expect(await content(t)).not.toEqual(atV2);

    expect(await t.restore(2)).toEqual({ version: 5 });
    expect(await content(t)).toEqual(atV2);
    expect(await content(await conn.openHead('node_1_1'))).toEqual(atV2);
    expect((await t.listVersions()).map((v) => v.version)).toEqual([1, 2, 3, 4, 5]);
    // History is kept: v4 still reads as before the restore.
    expect(await content(await conn.openAt('node_1_1', { branch: null, version: 4 }))).toEqual(['a=9', 'c=1', 'd=1']);
    // The handle is back at the head and writable.
    expect((await t.append(rows(['e', 1]))).version).toBe(6);
  });

  it('restores on a native branch without touching main', async () => {
    const conn = await connectLance(backend.root('guard-restore-branch'));
    const main = await conn.createTable('node_1_1', { schema, primaryKey: 'id', rows: rows(['a', 1]) });
    const fork = await main.createBranch('f-1'); // reports 1
    await fork.append(rows(['x', 1])); // f-1@2
    await fork.append(rows(['y', 1])); // f-1@3
    expect(await fork.restore(2)).toEqual({ version: 4 });
    expect(await content(fork)).toEqual(['a=1', 'x=1']);
    expect(await main.refresh()).toBe(1);
    expect(await content(main)).toEqual(['a=1']);
  });
});

// Guard: native branches are isolated and continue version numbers from the fork point (design §3, §4.2).
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow, type TableReader } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('n', new arrow.Int64(), true)]);
const rows = (...ids: string[]) => rowsToArrow(schema, ids.map((id) => ({ id, n: id.length })));
const ids = async (t: TableReader): Promise<string[]> => (await t.scan({ columns: ['id'] })).toArray().map((r) => String(r.id)).sort();

describe.each(LANCE_BACKENDS)('guard: branch fork and isolation ($name)', (backend) => {
  it('a branch forked at main@v reports v, commits v+1 next, and never touches main', async () => {
    const conn = await connectLance(backend.root('guard-fork'));
    const main = await conn.createTable('node_1_1', { schema, primaryKey: 'id', rows: rows('a', 'b') });
    await main.append(rows('c')); // v2
    await main.append(rows('d')); // v3

    const fork = await main.createBranch('f-1', { version: 2 });
    expect(await fork.version()).toBe(2);
    expect((await fork.listVersions()).map((v) => v.version)).toEqual([2]);
    expect((await main.listBranches()).get('f-1')).toEqual({ name: 'f-1', parentBranch: null, parentVersion: 2 });
    expect(await ids(fork)).toEqual(['a', 'b', 'c']);

    expect((await fork.append(rows('x'))).version).toBe(3);
    expect(await fork.mergeInsert(rows('a', 'y'), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true })).toMatchObject({
      version: 4,
      numUpdatedRows: 1,
      numInsertedRows: 1,
    });
    expect((await fork.deleteWhere("id = 'b'")).version).toBe(5);

    // main is unaffected: same head, same content.
    expect(await main.refresh()).toBe(3);
    expect(await ids(main)).toEqual(['a', 'b', 'c', 'd']);
    // Version numbers repeat across branches: main@3 and f-1@3 are different data.
    expect(await ids(await conn.openAt('node_1_1', { branch: null, version: 3 }))).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids(await conn.openAt('node_1_1', { branch: 'f-1', version: 3 }))).toEqual(['a', 'b', 'c', 'x']);
    // A reopened head of the branch sees the branch's commits only.
    expect(await ids(await conn.openHead('node_1_1', 'f-1'))).toEqual(['a', 'c', 'x', 'y']);

    // A fork of the fork continues from its own fork point, with the branch as parent.
    const nested = await fork.createBranch('f-2', { version: 4 });
    expect(await nested.version()).toBe(4);
    expect((await nested.append(rows('z'))).version).toBe(5);
    expect((await main.listBranches()).get('f-2')).toEqual({ name: 'f-2', parentBranch: 'f-1', parentVersion: 4 });
    expect(await ids(await conn.openHead('node_1_1', 'f-1'))).toEqual(['a', 'c', 'x', 'y']);
  });

  it('break every read of a fork of a fork that inherited an index twice; dropping the index on that fork heals it', async () => {
    const conn = await connectLance(backend.root('guard-fork-index'));
    const main = await conn.createTable('node_1_1', { schema, primaryKey: 'id', rows: rows('a', 'b', 'c') });
    await main.createScalarIndex('id');
    const f1 = await main.createBranch('f-1');
    expect(await ids(f1)).toEqual(['a', 'b', 'c']); // one level: main's index files are found
    await f1.mergeInsert(rows('b', 'x'), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true });
    const f2 = await f1.createBranch('f-2');
    // LanceDB looks for the twice-inherited index under tree/f-1/_indices: not found (src/exec/writeset/plan.ts drops it).
    await expect(f2.scan({ filter: "id = 'a'" })).rejects.toMatchObject({ code: 'not_found' });
    for (const i of await f2.indexes()) await f2.dropIndex(i.name);
    expect(await f2.indexedColumns()).toEqual([]);
    await f2.mergeInsert(rows('y'), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true });
    expect(await ids(f2)).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect((await f2.scan({ filter: "id = 'x'", columns: ['id'] })).numRows).toBe(1);
  });
});

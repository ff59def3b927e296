// TableHandle writes: each returns its version (and LanceDB's row counts); bad input fails before any effect.
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, poisonCasCondition, rowsToArrow, type TableReader } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([
  new arrow.Field('id', new arrow.Utf8(), false),
  new arrow.Field('n', new arrow.Int64(), true),
  new arrow.Field('tag', new arrow.Utf8(), true),
]);
type Row = { id: string; n: number; tag?: string | null };
const rows = (...r: Row[]) => rowsToArrow(schema, r);
const content = async (t: TableReader): Promise<string[]> =>
  (await t.scan()).toArray().map((r) => `${r.id}:${r.n}:${r.tag}`).sort();

describe.each(LANCE_BACKENDS)('TableHandle writes ($name)', (backend) => {
  it('append, overwrite and delete each commit one version', async () => {
    const conn = await connectLance(backend.root('lance-writes'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows({ id: 'a', n: 1 }) });
    expect(await t.append(rows({ id: 'b', n: 1 }, { id: 'c', n: 1 }))).toEqual({ version: 2 });
    expect(await t.deleteWhere("id IN ('a', 'b')")).toEqual({ version: 3, numDeletedRows: 2 });
    expect(await t.deleteWhere("id = 'zz'")).toEqual({ version: 4, numDeletedRows: 0 }); // a no-op delete is a commit too
    expect(await t.overwrite(rows({ id: 'x', n: 7 }))).toEqual({ version: 5 });
    expect(await content(t)).toEqual(['x:7:null']);
  });

  it('mergeInsert upserts, updates conditionally and deletes by source, with row counts', async () => {
    const conn = await connectLance(backend.root('lance-merge'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows({ id: 'a', n: 1, tag: 'p' }, { id: 'b', n: 1, tag: 'p' }, { id: 'c', n: 1, tag: 'q' }) });
    expect(await t.mergeInsert(rows({ id: 'a', n: 2, tag: 'p' }, { id: 'd', n: 1, tag: 'q' }), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true })).toEqual({
      version: 2,
      numInsertedRows: 1,
      numUpdatedRows: 1,
      numDeletedRows: 0,
      numAttempts: 1,
    });
    // A row CAS that does not hold updates nothing and raises nothing; one that holds updates.
    const cas = (expected: number) => ({ on: 'id', whenMatchedUpdate: { where: `target.n = ${expected}` } }) as const;
    expect(await t.mergeInsert(rows({ id: 'b', n: 9, tag: 'p' }), cas(5))).toMatchObject({ version: 3, numUpdatedRows: 0 });
    expect(await t.mergeInsert(rows({ id: 'b', n: 9, tag: 'p' }), cas(1))).toMatchObject({ version: 4, numUpdatedRows: 1 });
    // Replace partition 'p': upsert the source, delete the partition's rows the source lacks.
    expect(
      await t.mergeInsert(rows({ id: 'a', n: 3, tag: 'p' }, { id: 'e', n: 1, tag: 'p' }), {
        on: 'id',
        whenMatchedUpdate: true,
        whenNotMatchedInsert: true,
        whenNotMatchedBySourceDelete: { where: "tag = 'p'" },
      }),
    ).toMatchObject({ version: 5, numInsertedRows: 1, numUpdatedRows: 1, numDeletedRows: 1 });
    expect(await content(t)).toEqual(['a:3:p', 'c:1:q', 'd:1:q', 'e:1:p']);
  });

  it('a poison-CAS merge with a stale expectation fails whole with row_level_cas_contention', async () => {
    const conn = await connectLance(backend.root('lance-poison'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows({ id: 'head', n: 1, tag: 'h1' }, { id: 'x', n: 1, tag: null }) });
    const publish = (expected: string, next: string) =>
      t.mergeInsert(rows({ id: 'head', n: 2, tag: next }, { id: `new-${next}`, n: 1, tag: null }), {
        on: 'id',
        whenMatchedUpdate: { where: poisonCasCondition('tag', expected) },
        whenNotMatchedInsert: true,
      });
    await expect(publish('h0', 'h2')).rejects.toMatchObject({ code: 'row_level_cas_contention', details: { casLost: true } });
    expect(await t.version()).toBe(1);
    expect(await t.countRows()).toBe(2);
    expect(await publish('h1', 'h2')).toMatchObject({ version: 2, numUpdatedRows: 1, numInsertedRows: 1 });
  });

  it('refuses partial rows, duplicate source keys, a missing clause and nulls in the key, committing nothing', async () => {
    const conn = await connectLance(backend.root('lance-merge-bad'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows({ id: 'a', n: 1 }) });
    const partial = rowsToArrow(new arrow.Schema([schema.fields[0]!, schema.fields[1]!]), [{ id: 'a', n: 5 }]);
    await expect(t.mergeInsert(partial, { on: 'id', whenMatchedUpdate: { where: 'target.n >= 0' } })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(t.mergeInsert(rows({ id: 'b', n: 1 }, { id: 'b', n: 2 }), { on: 'id', whenNotMatchedInsert: true })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(t.mergeInsert(rows({ id: 'b', n: 1 }), { on: 'id' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(t.mergeInsert(rows({ id: 'b', n: 1 }), { on: 'nope', whenNotMatchedInsert: true })).rejects.toMatchObject({ code: 'bad_request' });
    const nullKey = rowsToArrow(new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), true), schema.fields[1]!, schema.fields[2]!]), [{ id: null, n: 1 }]);
    await expect(t.append(nullKey)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(t.deleteWhere('nope = 1')).rejects.toMatchObject({ code: 'bad_request' });
    expect(await t.version()).toBe(1);
    expect(await content(t)).toEqual(['a:1:null']);
  });

  it('restore of a missing version is not_found and leaves the handle writable', async () => {
    const conn = await connectLance(backend.root('lance-restore-missing'));
    const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows({ id: 'a', n: 1 }) });
    await expect(t.restore(42)).rejects.toMatchObject({ code: 'not_found' });
    expect(await t.append(rows({ id: 'b', n: 1 }))).toEqual({ version: 2 });
  });
});

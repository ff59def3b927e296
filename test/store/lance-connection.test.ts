// LanceConnection: connect options, table create with the key in field metadata, opening heads and snapshots.
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, primaryKeyOf, PRIMARY_KEY_METADATA_KEY, rowsToArrow } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('p1', new arrow.Int64(), true)]);
const rows = (...ids: string[]) => rowsToArrow(schema, ids.map((id) => ({ id, p1: 1 })));

describe('connectLance', () => {
  it('refuses a bad read-consistency interval or URI', async () => {
    for (const rci of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(connectLance('/tmp/x', { readConsistencyInterval: rci })).rejects.toMatchObject({ code: 'bad_request' });
    }
    await expect(connectLance('gs://bucket/x')).rejects.toMatchObject({ code: 'invalid_uri' });
  });
});

describe.each(LANCE_BACKENDS)('LanceConnection ($name)', (backend) => {
  it('creates tables at version 1 with the primary key declared in field metadata, with or without rows', async () => {
    const conn = await connectLance(backend.root('lance-create'));
    const empty = await conn.createTable('node_1_1', { schema, primaryKey: 'id' });
    const filled = await conn.createTable('node_1_2', { schema, primaryKey: 'id', rows: rows('a', 'b') });
    for (const t of [empty, filled]) {
      expect(await t.version()).toBe(1);
      const stored = await t.schema();
      expect(primaryKeyOf(stored)).toBe('id');
      expect(stored.fields[0]!.metadata.get(PRIMARY_KEY_METADATA_KEY)).toBe('1');
    }
    expect(await filled.countRows()).toBe(2);
    expect(await conn.tableNames()).toEqual(['node_1_1', 'node_1_2']);
  });

  it('makes LanceDB honour the declared key: racing insert-if-absent from 4 connections inserts once', async () => {
    const root = backend.root('lance-pk');
    const conn = await connectLance(root, { readConsistencyInterval: 0 });
    const observer = await conn.createTable('t', { schema, primaryKey: 'id' });
    const handles = await Promise.all([0, 1, 2, 3].map(async () => (await connectLance(root)).openHead('t')));
    const results = await Promise.all(handles.map((h) => h.mergeInsert(rows('k'), { on: 'id', whenNotMatchedInsert: true })));
    expect(results.reduce((n, r) => n + r.numInsertedRows, 0)).toBe(1);
    expect(await observer.countRows("id = 'k'")).toBe(1);
  });

  it('refuses bad names, a nullable or missing key, and an existing table', async () => {
    const conn = await connectLance(backend.root('lance-create-bad'));
    await conn.createTable('t', { schema, primaryKey: 'id' });
    await expect(conn.createTable('a/b', { schema, primaryKey: 'id' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(conn.createTable('__manifest', { schema, primaryKey: 'id' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(conn.createTable('u', { schema, primaryKey: 'p1' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(conn.createTable('u', { schema, primaryKey: 'nope' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(conn.createTable('t', { schema, primaryKey: 'id' })).rejects.toMatchObject({ code: 'conflict' });
    const wrongRows = rowsToArrow(new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]), [{ id: 'a' }]);
    await expect(conn.createTable('u', { schema, primaryKey: 'id', rows: wrongRows })).rejects.toMatchObject({ code: 'bad_request' });
    expect(await conn.tableNames()).toEqual(['t']);
  });

  it('reports missing tables, branches and versions as not_found', async () => {
    const conn = await connectLance(backend.root('lance-missing'));
    await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    await expect(conn.openHead('nope')).rejects.toMatchObject({ code: 'not_found' });
    await expect(conn.openHead('t', 'f-none')).rejects.toMatchObject({ code: 'not_found' });
    await expect(conn.openAt('t', { branch: null, version: 9 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(conn.openAt('t', { branch: 'f-none', version: 1 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(conn.openAt('t', { branch: null, version: 0 })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(conn.openHead('t', 'main')).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('opens a snapshot at (branch, version) that keeps reading that version', async () => {
    const conn = await connectLance(backend.root('lance-snapshot'), { readConsistencyInterval: 0 });
    const head = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    await head.append(rows('b'));
    const snap = await conn.openAt('t', { branch: null, version: 1 });
    await head.append(rows('c'));
    expect(snap.version).toBe(1);
    expect(snap.branch).toBeNull();
    expect(await snap.countRows()).toBe(1);
    expect((await snap.scan({ columns: ['id'] })).toArray().map((r) => r.id)).toEqual(['a']);
  });
});

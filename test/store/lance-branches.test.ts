// TableHandle native branches: create (list checked first), list, delete, and their error codes.
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]);
const rows = (...ids: string[]) => rowsToArrow(schema, ids.map((id) => ({ id })));

describe.each(LANCE_BACKENDS)('TableHandle branches ($name)', (backend) => {
  it('creates, lists and deletes branches; a deleted name can be created again', async () => {
    const conn = await connectLance(backend.root('lance-branches'));
    const main = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    const f1 = await main.createBranch('f-1');
    expect(f1.branch).toBe('f-1');
    await f1.append(rows('x'));
    expect([...(await main.listBranches()).values()]).toEqual([{ name: 'f-1', parentBranch: null, parentVersion: 1 }]);
    await main.deleteBranch('f-1');
    expect((await main.listBranches()).size).toBe(0);
    const again = await main.createBranch('f-1');
    expect(await again.countRows()).toBe(1);
  });

  it('refuses a duplicate name with conflict, sequentially and when racing', async () => {
    const root = backend.root('lance-branch-dup');
    const conn = await connectLance(root);
    const main = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    await main.createBranch('f-1');
    await expect(main.createBranch('f-1')).rejects.toMatchObject({ code: 'conflict' });

    const handles = await Promise.all([0, 1, 2].map(async () => (await connectLance(root)).openHead('t')));
    const outcomes = await Promise.allSettled(handles.map((h) => h.createBranch('f-2')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'conflict' });
  });

  it('refuses to delete a parent with children (conflict) or a missing branch (not_found), and bad names', async () => {
    const conn = await connectLance(backend.root('lance-branch-del'));
    const main = await conn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    const f1 = await main.createBranch('f-1');
    await f1.append(rows('x'));
    await f1.createBranch('f-2');
    await expect(main.deleteBranch('f-1')).rejects.toMatchObject({ code: 'conflict' });
    await expect(main.deleteBranch('f-none')).rejects.toMatchObject({ code: 'not_found' });
    for (const bad of ['a/b', 'main', '..', 'x.lock']) await expect(main.createBranch(bad)).rejects.toMatchObject({ code: 'bad_request' });
    await expect(main.createBranch('f-3', { version: 99 })).rejects.toMatchObject({ code: 'not_found' });
    expect([...(await main.listBranches()).keys()].sort()).toEqual(['f-1', 'f-2']);
  });
});

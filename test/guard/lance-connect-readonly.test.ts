// Guard: connecting, listing tables and reading never write under the root (design §3, read-only opens).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { FILE_BACKEND, LANCE_BACKENDS, listStored } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]);
const rows = (...ids: string[]) => rowsToArrow(schema, ids.map((id) => ({ id })));

/** A root holding two tables, several versions and a native branch. */
async function populatedRoot(root: string): Promise<void> {
  const conn = await connectLance(root);
  const t = await conn.createTable('node_1_1', { schema, primaryKey: 'id', rows: rows('a') });
  await t.append(rows('b'));
  const fork = await t.createBranch('f-1');
  await fork.append(rows('x'));
  await conn.createTable('_graph_manifest', { schema, primaryKey: 'id', rows: rows('m') });
  conn.close();
}

describe.each(LANCE_BACKENDS)('guard: connect writes nothing ($name)', (backend) => {
  it('connect and tableNames leave every stored object unchanged', async () => {
    const root = backend.root('guard-connect');
    await populatedRoot(root);
    const before = await listStored(root);
    expect(before.length).toBeGreaterThan(0);

    for (const rci of [undefined, 0]) {
      const conn = await connectLance(root, rci === undefined ? {} : { readConsistencyInterval: rci });
      expect(await conn.tableNames()).toEqual(['_graph_manifest', 'node_1_1']);
      conn.close();
    }
    expect(await listStored(root)).toEqual(before);
  });

  it('opening heads, snapshots and branches and reading them leave every stored object unchanged', async () => {
    const root = backend.root('guard-connect-read');
    await populatedRoot(root);
    const before = await listStored(root);

    const conn = await connectLance(root, { readConsistencyInterval: 0 });
    const head = await conn.openHead('node_1_1');
    expect(await head.countRows()).toBe(2);
    expect((await head.listVersions()).length).toBe(2);
    expect([...(await head.listBranches()).keys()]).toEqual(['f-1']);
    expect(await (await conn.openHead('node_1_1', 'f-1')).countRows()).toBe(3);
    expect(await (await conn.openAt('node_1_1', { branch: null, version: 1 })).countRows()).toBe(1);
    expect(await (await conn.openAt('node_1_1', { branch: 'f-1', version: 3 })).countRows()).toBe(3);
    expect((await head.rowVersions({ key: 'id' })).length).toBe(2);
    conn.close();
    expect(await listStored(root)).toEqual(before);
  });
});

describe('guard: connect to a missing local root (file)', () => {
  it('creates the empty root directory and nothing in it', async () => {
    const root = path.join(FILE_BACKEND.root('guard-connect-missing'), 'nested', 'root');
    const conn = await connectLance(root);
    expect(existsSync(root)).toBe(true);
    expect(await conn.tableNames()).toEqual([]);
    expect(readdirSync(root)).toEqual([]);
    conn.close();
  });
});

// Guard: a default handle never sees other writers' commits; a readConsistencyInterval-0 handle sees each one.
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]);
const rows = (...ids: string[]) => rowsToArrow(schema, ids.map((id) => ({ id })));

describe.each(LANCE_BACKENDS)('guard: read consistency ($name)', (backend) => {
  it('default handles stay at their version; interval-0 handles follow every commit', async () => {
    const root = backend.root('guard-rci');
    const writerConn = await connectLance(root);
    const writer = await writerConn.createTable('t', { schema, primaryKey: 'id', rows: rows('a') });
    const sameConnection = await writerConn.openHead('t');
    const stale = await (await connectLance(root)).openHead('t');
    const fresh = await (await connectLance(root, { readConsistencyInterval: 0 })).openHead('t');
    for (const h of [sameConnection, stale, fresh]) expect(await h.countRows()).toBe(1);

    await writer.append(rows('b'));
    await writer.append(rows('c'));

    expect(await fresh.countRows()).toBe(3);
    expect(await fresh.version()).toBe(3);
    expect(await stale.countRows()).toBe(1);
    expect(await stale.version()).toBe(1);
    // Even a second handle on the writer's own connection stays behind.
    expect(await sameConnection.countRows()).toBe(1);
    // refresh() moves a default handle to the latest head.
    expect(await stale.refresh()).toBe(3);
    expect(await stale.countRows()).toBe(3);
  });
});

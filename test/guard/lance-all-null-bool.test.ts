// Guard: a batch whose nullable Bool column is entirely null is written and read back by LanceDB (needs the
// serialization fix in src/store/lance/arrow.ts; without it LanceDB rejects the batch).
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('flag', new arrow.Bool(), true)]);

describe.each(LANCE_BACKENDS)('all-null Bool columns ($name)', (backend) => {
  it('create, append and merge-insert accept them and keep the nulls', async () => {
    const conn = await connectLance(backend.root('nullbool'));
    try {
      const t = await conn.createTable('t', { schema, primaryKey: 'id', rows: rowsToArrow(schema, [{ id: 'a', flag: null }]) });
      await t.append(rowsToArrow(schema, [{ id: 'b', flag: null }, { id: 'c', flag: null }]));
      await t.mergeInsert(rowsToArrow(schema, [{ id: 'a', flag: null }, { id: 'd', flag: null }]), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true });
      const rows = await t.scan({ columns: ['id', 'flag'] });
      expect(rows.numRows).toBe(4);
      expect([...Array(4).keys()].map((i) => rows.getChild('flag')!.get(i))).toEqual([null, null, null, null]);
      t.close();
    } finally {
      conn.close();
    }
  });
});

// Unit tests of rows → Arrow, and of the all-null Bool serialization that LanceDB would otherwise reject.
import { describe, expect, it } from 'vitest';
import { arrow } from './arrow.js';
import { rowsToArrow } from './rows.js';

const schema = new arrow.Schema([
  new arrow.Field('id', new arrow.Utf8(), false),
  new arrow.Field('flag', new arrow.Bool(), true),
  new arrow.Field('n', new arrow.Int64(), true),
]);

describe('rowsToArrow', () => {
  it('fills missing properties with null and keeps the schema', () => {
    const t = rowsToArrow(schema, [{ id: 'a', flag: true, n: 3 }, { id: 'b' }]);
    expect(t.schema.fields.map((f) => f.name)).toEqual(['id', 'flag', 'n']);
    expect(t.getChild('flag')!.get(0)).toBe(true);
    expect(t.getChild('flag')!.get(1)).toBeNull();
    expect(t.getChild('n')!.get(0)).toBe(3n);
  });

  it('serializes an all-null Bool column with a full values bitmap, and it reads back as nulls', () => {
    const t = rowsToArrow(schema, Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, flag: null, n: i })));
    const ipc = arrow.tableToIPC(t, 'stream');
    const back = arrow.tableFromIPC(ipc);
    const data = back.getChild('flag')!.data[0]!;
    expect(data.values.length).toBeGreaterThanOrEqual(3);
    expect(back.getChild('flag')!.toArray().length).toBe(20);
    expect([...Array(20).keys()].every((i) => back.getChild('flag')!.get(i) === null)).toBe(true);
  });
});

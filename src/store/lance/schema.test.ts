// Unit tests of primary-key declaration in field metadata and of relabelling rows with a schema.
import { describe, expect, it } from 'vitest';
import { arrow } from './arrow.js';
import { LEGACY_PRIMARY_KEY_METADATA_KEY, PRIMARY_KEY_METADATA_KEY, primaryKeyOf, rowsWithSchema, withPrimaryKey } from './schema.js';

const badRequest = expect.objectContaining({ code: 'bad_request' });
const base = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('p1', new arrow.Int64(), true)]);

describe('lance schema', () => {
  it('declares the key in the field metadata with position 1 and keeps other fields', () => {
    const s = withPrimaryKey(base, 'id');
    expect(s.fields[0]!.metadata.get(PRIMARY_KEY_METADATA_KEY)).toBe('1');
    expect(s.fields[1]!.metadata.size).toBe(0);
    expect(primaryKeyOf(s)).toBe('id');
    expect(primaryKeyOf(base)).toBeNull();
  });

  it('reads the legacy spelling', () => {
    const legacy = new arrow.Schema([new arrow.Field('k', new arrow.Utf8(), false, new Map([[LEGACY_PRIMARY_KEY_METADATA_KEY, 'true']]))]);
    expect(primaryKeyOf(legacy)).toBe('k');
  });

  it('refuses a missing, nullable or second key column', () => {
    expect(() => withPrimaryKey(base, 'nope')).toThrow(badRequest);
    expect(() => withPrimaryKey(base, 'p1')).toThrow(badRequest);
    const keyed = withPrimaryKey(base, 'id');
    const twoNonNull = new arrow.Schema([...keyed.fields, new arrow.Field('k2', new arrow.Utf8(), false)]);
    expect(() => withPrimaryKey(twoNonNull, 'k2')).toThrow(badRequest);
  });

  it('relabels rows with the keyed schema and refuses mismatched columns', () => {
    const rows = arrow.tableFromArrays({ id: ['a'], p1: BigInt64Array.from([1n]) });
    const plain = new arrow.Table(base, rows.batches.map((b) => new arrow.RecordBatch(base, b.data as never)));
    const keyed = withPrimaryKey(base, 'id');
    const out = rowsWithSchema(plain, keyed);
    expect(out.schema.fields[0]!.metadata.get(PRIMARY_KEY_METADATA_KEY)).toBe('1');
    expect(out.numRows).toBe(1);
    expect(() => rowsWithSchema(rows, keyed)).toThrow(badRequest); // id is a dictionary column there
  });
});

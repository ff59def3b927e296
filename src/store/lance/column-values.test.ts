// Unit tests of the one-pass column decoder against Arrow's own cell reader: nulls, slices, chunks, every fast path.
import { describe, expect, it } from 'vitest';
import { arrow, type ArrowTable } from './arrow.js';
import { columnValues } from './column-values.js';
import { rowsToArrow } from './rows.js';

const schema = new arrow.Schema([
  new arrow.Field('s', new arrow.Utf8(), true),
  new arrow.Field('big', new arrow.Int64(), true),
  new arrow.Field('small', new arrow.Int32(), true),
  new arrow.Field('flag', new arrow.Bool(), true),
  new arrow.Field('list', new arrow.List(new arrow.Field('item', new arrow.Utf8(), true)), true),
  new arrow.Field('f', new arrow.Float64(), true),
]);

const row = (i: number) => ({
  s: i % 3 === 0 ? null : `é-${i}-☃`,
  big: i % 4 === 1 ? null : BigInt(i * 1_000_003),
  small: i % 5 === 2 ? null : -i,
  flag: i % 6 === 3 ? null : i % 2 === 0,
  list: i % 7 === 4 ? null : Array.from({ length: i % 3 }, (_, k) => `x${i}.${k}`),
  f: i % 2 === 0 ? null : i / 4,
});

/** Arrow's own reading, in the shapes the decoder promises. */
function reference(t: ArrowTable, name: string): unknown[] {
  const v = t.getChild(name)!;
  return Array.from({ length: t.numRows }, (_, i) => {
    const x = v.get(i) as unknown;
    if (x === null || x === undefined) return null;
    if (typeof x === 'bigint') return Number(x);
    if (typeof x === 'object' && x !== null && 'toArray' in x) return [...(x as { toArray(): unknown[] }).toArray()];
    return x;
  });
}

describe('columnValues', () => {
  const whole = rowsToArrow(schema, Array.from({ length: 50 }, (_, i) => row(i)));
  // Several chunks, and slices that start mid-byte of the validity bitmaps and mid-way through offsets.
  const chunked = new arrow.Table([...whole.slice(3, 20).batches, ...whole.slice(29, 47).batches]) as unknown as ArrowTable;

  it.each(['s', 'big', 'small', 'flag', 'list', 'f'])('decodes column %s as Arrow reads it, whole and sliced', (name) => {
    expect(columnValues(whole, name)).toEqual(reference(whole, name));
    expect(columnValues(chunked, name)).toEqual(reference(chunked, name));
    expect(columnValues(chunked, name)).toHaveLength(chunked.numRows);
  });

  it('reads an absent column as nulls', () => {
    expect(columnValues(whole, 'nope')).toEqual(new Array(50).fill(null));
  });
});

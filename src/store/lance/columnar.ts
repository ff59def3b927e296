// Column arrays to Arrow through Arrow's builders: the fast path for large writes (no per-row objects, no inference).
import { arrow, type ArrowTable, type Schema } from './arrow.js';

/**
 * One Arrow table with exactly `schema`'s fields from one array of cells per field (missing arrays or cells are
 * null). Cells must already have the builder's representation: strings for Utf8, numbers for 32-bit ints and
 * floats, bigints for 64-bit ints, epoch milliseconds for Date32/Date64, Uint8Array for binary, arrays for lists.
 * @example
 * const t = columnsToArrow(schema, { id: ['a', 'b'], p3: [1, null] }, 2);
 */
export function columnsToArrow(schema: Schema, columns: Readonly<Record<string, readonly unknown[]>>, numRows: number): ArrowTable {
  const children = schema.fields.map((f) => {
    const builder = arrow.makeBuilder({ type: f.type, nullValues: [null, undefined] });
    const cells = columns[f.name];
    for (let i = 0; i < numRows; i++) builder.append(cells?.[i] ?? null);
    return builder.finish().flush();
  });
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: numRows, nullCount: 0, children });
  return new arrow.Table([new arrow.RecordBatch(schema, data)]) as unknown as ArrowTable;
}

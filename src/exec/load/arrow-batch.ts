// Finished column buffers wrapped as Arrow record batches without copying (builders only for list, vector, blob cells).
import { arrow, type ArrowTable, type DataType, type RecordBatch, type Schema } from '../../store/lance/index.js';
import type { FinishedColumn } from './column-buffer.js';

function columnData(type: DataType, c: FinishedColumn): unknown {
  if (c.cells !== null) {
    const builder = arrow.makeBuilder({ type, nullValues: [null, undefined] });
    for (const cell of c.cells) builder.append(cell);
    return builder.finish().flush();
  }
  const common = { type, length: c.length, nullCount: c.nullCount, ...(c.validity === null ? {} : { nullBitmap: c.validity }) };
  if (c.offsets !== null) return arrow.makeData({ ...common, valueOffsets: c.offsets, data: c.values } as never);
  return arrow.makeData({ ...common, data: c.values } as never);
}

/**
 * One record batch of `schema` from one finished column per field, in field order. The typed arrays become the
 * batch's buffers as they are.
 * @example
 * const batch = columnsToBatch(schema, columns.map((c) => c.finish()));
 */
export function columnsToBatch(schema: Schema, columns: readonly FinishedColumn[]): RecordBatch {
  const length = columns[0]?.length ?? 0;
  const children = schema.fields.map((f, k) => columnData(f.type, columns[k]!));
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children } as never);
  return new arrow.RecordBatch(schema, data as never);
}

/** Record batches of one schema as one table (no copy). */
export function batchesToTable(schema: Schema, batches: readonly RecordBatch[]): ArrowTable {
  return new arrow.Table(schema, batches as RecordBatch[]) as unknown as ArrowTable;
}

// Columns to Arrow without per-row objects: cell arrays through Arrow's builders, or finished buffers wrapped as they are.
import { arrow, type ArrowTable, type DataType, type RecordBatch, type Schema } from './arrow.js';

/** One column's cells through Arrow's builder for `type` (null and undefined are nulls). */
function builtData(type: DataType, cells: readonly unknown[] | undefined, numRows: number) {
  const builder = arrow.makeBuilder({ type, nullValues: [null, undefined] });
  for (let i = 0; i < numRows; i++) builder.append(cells?.[i] ?? null);
  return builder.finish().flush();
}

/**
 * One Arrow table with exactly `schema`'s fields from one array of cells per field (missing arrays or cells are
 * null). Cells must already have the builder's representation: strings for Utf8, numbers for 32-bit ints and
 * floats, bigints for 64-bit ints, epoch milliseconds for Date32/Date64, Uint8Array for binary, arrays for lists.
 * @example
 * const t = columnsToArrow(schema, { id: ['a', 'b'], p3: [1, null] }, 2);
 */
export function columnsToArrow(schema: Schema, columns: Readonly<Record<string, readonly unknown[]>>, numRows: number): ArrowTable {
  const children = schema.fields.map((f) => builtData(f.type, columns[f.name], numRows));
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length: numRows, nullCount: 0, children });
  return new arrow.Table([new arrow.RecordBatch(schema, data)]) as unknown as ArrowTable;
}

/**
 * A column already in Arrow's layout: validity bits, offsets and values become the batch's buffers as they are; or,
 * for types without a buffer form here (lists, vectors, blobs), `cells` go through Arrow's builder.
 */
export interface ColumnBuffers {
  readonly length: number;
  readonly nullCount: number;
  /** Validity bits (1 = valid), or null when nothing is null. */
  readonly validity: Uint8Array | null;
  /** Utf8 offsets (`length + 1`). */
  readonly offsets: Int32Array | null;
  /** Utf8 bytes, bool bits, or the fixed-width values. */
  readonly values: Uint8Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array | null;
  readonly cells: unknown[] | null;
}

function bufferData(type: DataType, c: ColumnBuffers): unknown {
  if (c.cells !== null) return builtData(type, c.cells, c.cells.length);
  const common = { type, length: c.length, nullCount: c.nullCount, ...(c.validity === null ? {} : { nullBitmap: c.validity }) };
  if (c.offsets !== null) return arrow.makeData({ ...common, valueOffsets: c.offsets, data: c.values } as never);
  return arrow.makeData({ ...common, data: c.values } as never);
}

/**
 * One record batch of `schema` from one column per field, in field order, without copying the buffers.
 * @example
 * const batch = columnsToBatch(schema, columns.map((c) => c.finish()));
 */
export function columnsToBatch(schema: Schema, columns: readonly ColumnBuffers[]): RecordBatch {
  const length = columns[0]?.length ?? 0;
  const children = schema.fields.map((f, k) => bufferData(f.type, columns[k]!));
  const data = arrow.makeData({ type: new arrow.Struct(schema.fields), length, nullCount: 0, children } as never);
  return new arrow.RecordBatch(schema, data as never);
}

/** Record batches of one schema as one table (no copy). */
export function batchesToTable(schema: Schema, batches: readonly RecordBatch[]): ArrowTable {
  return new arrow.Table(schema, batches as RecordBatch[]) as unknown as ArrowTable;
}

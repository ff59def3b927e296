// Library-neutral column descriptions (the catalog's physical layout, the manifest's rows) turned into Arrow schemas.
import type { LogicalColumnType } from '../../compiler/index.js';
import { RequestError } from '../../errors/index.js';
import { arrow, type DataType, type Schema } from './arrow.js';

/** One column: name, logical type, nullability and string field metadata. */
export interface ColumnSpec {
  readonly name: string;
  readonly type: LogicalColumnType;
  readonly nullable: boolean;
  readonly metadata?: Readonly<Record<string, string>>;
}

/**
 * The Arrow type of a logical column type. Dates are days (Date32); date-times are milliseconds since the epoch
 * (Date64); blobs are LargeBinary; vectors are FixedSizeList<Float32>; lists hold nullable items. Never a
 * dictionary type (a re-ingested multi-batch dictionary column fails in LanceDB, research Q9).
 */
export function arrowType(t: LogicalColumnType): DataType {
  switch (t.kind) {
    case 'utf8':
      return new arrow.Utf8();
    case 'bool':
      return new arrow.Bool();
    case 'int':
      if (t.bits === 32) return t.signed ? new arrow.Int32() : new arrow.Uint32();
      return t.signed ? new arrow.Int64() : new arrow.Uint64();
    case 'float':
      return t.bits === 32 ? new arrow.Float32() : new arrow.Float64();
    case 'date32':
      return new arrow.DateDay();
    case 'date64':
      return new arrow.DateMillisecond();
    case 'blob':
      return new arrow.LargeBinary();
    case 'vector':
      if (!Number.isInteger(t.dimension) || t.dimension < 1) throw new RequestError('bad_request', `vector dimension must be a positive integer, got ${t.dimension}`);
      return new arrow.FixedSizeList(t.dimension, new arrow.Field('item', new arrow.Float32(), true));
    case 'list':
      return new arrow.List(new arrow.Field('item', arrowType(t.element), true));
  }
}

/**
 * An Arrow schema from column specs, in order. Names must be unique.
 * @example
 * schemaFromColumns([{ name: 'id', type: { kind: 'utf8' }, nullable: false }]);
 */
export function schemaFromColumns(columns: readonly ColumnSpec[]): Schema {
  const seen = new Set<string>();
  const fields = columns.map((c) => {
    if (seen.has(c.name)) throw new RequestError('bad_request', `column '${c.name}' appears twice`, { details: { column: c.name } });
    seen.add(c.name);
    return new arrow.Field(c.name, arrowType(c.type), c.nullable, new Map(Object.entries(c.metadata ?? {})));
  });
  return new arrow.Schema(fields);
}

// Table schemas: the primary key declared in Arrow field metadata at create, and the row-version columns.
import { RequestError } from '../../errors/index.js';
import { arrow, type ArrowTable, type Schema } from './arrow.js';

/**
 * The field-metadata key that declares LanceDB's unenforced primary key, with the 1-based position
 * as value. It is what `setUnenforcedPrimaryKey` itself writes (LanceDB 0.39); declaring it at create
 * avoids the extra version and the window without a key that a later call would make (design §3).
 */
export const PRIMARY_KEY_METADATA_KEY = 'lance-schema:unenforced-primary-key:position';

/** The older spelling (`= "true"`) LanceDB also honours; recognised when reading, never written. */
export const LEGACY_PRIMARY_KEY_METADATA_KEY = 'lance-schema:unenforced-primary-key';

/** Per-row version columns LanceDB maintains on tables with stable row ids. */
export const ROW_CREATED_AT_VERSION = '_row_created_at_version';
/** See {@link ROW_CREATED_AT_VERSION}; updated in place by every update of the row. */
export const ROW_LAST_UPDATED_AT_VERSION = '_row_last_updated_at_version';

/** The stable row id column a scan adds with `withRowId`. */
export const ROW_ID = '_rowid';

/**
 * `schema` with `column` declared as the primary key in its field metadata. The column must exist
 * and be non-nullable, and no other column may already be declared; otherwise `bad_request`.
 * @example
 * const s = withPrimaryKey(new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]), 'id');
 */
export function withPrimaryKey(schema: Schema, column: string): Schema {
  const target = schema.fields.find((f) => f.name === column);
  if (target === undefined) throw bad(`primary-key column '${column}' is not in the schema`, column);
  if (target.nullable) throw bad(`primary-key column '${column}' must be non-nullable`, column);
  const declared = primaryKeyOf(schema);
  if (declared !== null && declared !== column) throw bad(`the schema already declares '${declared}' as primary key`, column);
  const fields = schema.fields.map((f) => {
    if (f.name !== column) return f;
    const metadata = new Map(f.metadata);
    metadata.delete(LEGACY_PRIMARY_KEY_METADATA_KEY);
    metadata.set(PRIMARY_KEY_METADATA_KEY, '1');
    return new arrow.Field(f.name, f.type, f.nullable, metadata);
  });
  return new arrow.Schema(fields, new Map(schema.metadata));
}

/**
 * The column a schema declares as primary key (either metadata spelling), or `null`.
 * @example
 * primaryKeyOf(await handle.schema()); // 'id'
 */
export function primaryKeyOf(schema: Schema): string | null {
  const field = schema.fields.find((f) => f.metadata.has(PRIMARY_KEY_METADATA_KEY) || f.metadata.get(LEGACY_PRIMARY_KEY_METADATA_KEY) === 'true');
  return field?.name ?? null;
}

/**
 * The names of `schema`'s fields, in order.
 * @example
 * fieldNames(schema); // ['id', 'p17']
 */
export function fieldNames(schema: Schema): string[] {
  return schema.fields.map((f) => f.name);
}

/**
 * `rows` relabelled with `schema` (same columns, in order, with the same types), so that field
 * metadata such as the primary key travels with the data: LanceDB's `createTable(data, {schema})`
 * keeps the data's own schema and would drop it. Nullability is taken from `schema`, and LanceDB
 * rejects nulls in a non-nullable column. A column mismatch is `bad_request`.
 */
export function rowsWithSchema(rows: ArrowTable, schema: Schema): ArrowTable {
  const have = rows.schema.fields;
  const mismatch =
    have.length !== schema.fields.length ||
    schema.fields.some((f, i) => have[i]?.name !== f.name || !arrow.util.compareTypes(have[i]!.type, f.type));
  if (mismatch) {
    throw new RequestError('bad_request', `rows do not match the table schema: got [${fieldNames(rows.schema).join(', ')}], want [${fieldNames(schema).join(', ')}] with the same types`, {
      details: { got: fieldNames(rows.schema), want: fieldNames(schema) },
    });
  }
  return new arrow.Table(schema, rows.batches.map((b) => new arrow.RecordBatch(schema, b.data)));
}

function bad(message: string, column: string): RequestError {
  return new RequestError('bad_request', message, { details: { column } });
}

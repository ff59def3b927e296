// Row objects to Arrow: LanceDB's schema-driven conversion, producing tables of the one Arrow instance.
import { makeArrowTable } from '@lancedb/lancedb';
import type { ArrowTable, Schema } from './arrow.js';

/**
 * Build an Arrow table with exactly `schema`'s columns from plain row objects (Int64 columns accept
 * numbers or bigints). A property a row lacks is null: LanceDB's `makeArrowTable` would instead drop a
 * column that no row names. An empty `rows` gives an empty table with the schema.
 * @example
 * const t = rowsToArrow(schema, [{ id: 'a', p3: 7 }]);
 */
export function rowsToArrow(schema: Schema, rows: readonly Record<string, unknown>[]): ArrowTable {
  const names = schema.fields.map((f) => f.name);
  const full = rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null])));
  return makeArrowTable(full, { schema: schema as never }) as unknown as ArrowTable;
}

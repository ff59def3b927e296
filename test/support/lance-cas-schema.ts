// The manifest-shaped table of the poison-CAS guard, shared by the test and its child processes.
import { arrow, type Schema } from '../../src/store/lance/index.js';

/** The object id of the branch head row; every other row is insert-only with head_cas NULL. */
export const HEAD_ID = 'graph_head:main';

/** object_id (key), head_cas (set on the head row only), parent (the head a publish replaced), writer. */
export const CAS_SCHEMA: Schema = new arrow.Schema([
  new arrow.Field('object_id', new arrow.Utf8(), false),
  new arrow.Field('head_cas', new arrow.Utf8(), true),
  new arrow.Field('parent', new arrow.Utf8(), true),
  new arrow.Field('writer', new arrow.Utf8(), true),
]);

/** The object ids of the insert-only rows that writer `writer` publishes in round `round`. */
export function roundRowIds(round: number, writer: string, count: number): string[] {
  return Array.from({ length: count }, (_, k) => `r${round}-${writer}-${k}`);
}

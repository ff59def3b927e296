// Ordering (nulls first ascending, last descending, ties by ids), limit and projection.
import type { OrderNode } from '../../compiler/ir/order-node.js';
import type { ProjectNode } from '../../compiler/ir/project-node.js';
import type { ExecContext, SlotRow, ValueRow } from './context.js';
import { getter } from './evaluate.js';
import { compareNullable, type CellValue } from './values.js';

/** Sort slot rows (or value rows after an aggregate, `values` true) by the order keys, then by the tie-break ids. */
export function runOrder<R extends SlotRow | ValueRow>(ctx: ExecContext, node: OrderNode, rows: readonly R[], values: boolean): R[] {
  const keys = node.keys.map((k) => ({ get: getter(ctx, k.expr), sign: k.direction === 'desc' ? -1 : 1 }));
  const decorated = rows.map((row, i) => {
    const kv: CellValue[] = keys.map((k) => (values ? k.get([], row as ValueRow) : k.get(row as SlotRow)));
    const ids = values ? [] : node.tieBreak.map((v) => ctx.idOf(row as SlotRow, v));
    return { row, kv, ids, i };
  });
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const c = compareNullable(a.kv[k] as CellValue, b.kv[k] as CellValue);
      if (c !== 0) return c * keys[k]!.sign;
    }
    for (let k = 0; k < a.ids.length; k++) {
      const c = compareNullable(a.ids[k] ?? null, b.ids[k] ?? null);
      if (c !== 0) return c;
    }
    return a.i - b.i;
  });
  return decorated.map((d) => d.row);
}

/** The output columns of one slot row. */
export function projector(ctx: ExecContext, node: ProjectNode): (row: SlotRow) => ValueRow {
  const gets = node.columns.map((c) => getter(ctx, c.expr));
  return (r) => gets.map((g) => g(r));
}

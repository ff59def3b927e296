// Aggregation with implicit grouping: group keys are the non-aggregate columns; groups in first-seen order.
import type { AggregateNode } from '../../compiler/ir/aggregate-node.js';
import type { ExecContext, SlotRow, ValueRow } from './context.js';
import { getter, type Getter } from './evaluate.js';
import { compareValues, type CellValue } from './values.js';

interface Acc {
  count: number;
  sum: number;
  best: CellValue;
}

function part(v: CellValue): string {
  switch (typeof v) {
    case 'string':
      return `s${v}`;
    case 'number':
      return `n${v}`;
    case 'bigint':
      return `n${v}`;
    case 'boolean':
      return v ? 't' : 'f';
    default:
      return v === null || v === undefined ? 'z' : `j${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}`;
  }
}

/** The group of a row: values tagged by kind (numbers of any kind group by value), joined by a separator. */
function groupKey(values: readonly CellValue[]): string {
  if (values.length === 0) return '';
  if (values.length === 1) return part(values[0] as CellValue);
  return values.map(part).join('\u0001');
}

/** Aggregate the rows `input` pushes into value rows in projection order (spec §5.1). */
export function runAggregate(ctx: ExecContext, node: AggregateNode, input: (sink: (row: SlotRow) => boolean) => boolean): ValueRow[] {
  const cols = node.columns.map((c) => {
    if (c.expr.kind === 'aggregate-call') return { agg: c.expr.fn, get: getter(ctx, c.expr.argument) };
    return { agg: null, get: getter(ctx, c.expr) };
  });
  const keyCols = cols.filter((c) => c.agg === null);
  const groups = new Map<string, { keys: CellValue[]; accs: Acc[] }>();
  const aggCols = cols.filter((c): c is { agg: NonNullable<typeof c.agg>; get: Getter } => c.agg !== null);
  input((row) => {
    const keys = keyCols.length === 0 ? [] : keyCols.map((c) => c.get(row));
    const k = groupKey(keys);
    let g = groups.get(k);
    if (g === undefined) {
      g = { keys, accs: aggCols.map(() => ({ count: 0, sum: 0, best: null })) };
      groups.set(k, g);
    }
    for (let i = 0; i < aggCols.length; i++) {
      const c = aggCols[i]!;
      const v = c.get(row);
      if (v === null || v === undefined) continue;
      const a = g.accs[i]!;
      a.count++;
      if (c.agg === 'sum' || c.agg === 'avg') a.sum += Number(v);
      else if (c.agg === 'min' && (a.best === null || compareValues(v, a.best) < 0)) a.best = v;
      else if (c.agg === 'max' && (a.best === null || compareValues(v, a.best) > 0)) a.best = v;
    }
    return true;
  });
  if (groups.size === 0 && keyCols.length === 0) groups.set('', { keys: [], accs: aggCols.map(() => ({ count: 0, sum: 0, best: null })) });
  const out: ValueRow[] = [];
  for (const g of groups.values()) {
    let ki = 0;
    let ai = 0;
    out.push(
      cols.map((c) => {
        if (c.agg === null) return g.keys[ki++] as CellValue;
        const a = g.accs[ai++]!;
        switch (c.agg) {
          case 'count':
            return a.count;
          case 'sum':
            return a.count === 0 ? null : a.sum;
          case 'avg':
            return a.count === 0 ? null : a.sum / a.count;
          default:
            return a.best;
        }
      }),
    );
  }
  return out;
}

// The plan interpreter: pattern operators push rows through sinks (no intermediate row lists); aggregate, order,
// limit and project materialize value rows at the top.
import type { PlanNode } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import type { ExecContext, SlotRow, ValueRow } from './context.js';
import { runAggregate } from './aggregate.js';
import { notYetSupported, predicate } from './evaluate.js';
import { runExpand } from './expand.js';
import { projector, runOrder } from './order.js';
import { runScan, type Sink } from './scan.js';

/** The rows an operator yields: matched slot rows, or computed value rows above `aggregate`/`project`. */
export type Rows = { readonly kind: 'slots'; readonly rows: SlotRow[] } | { readonly kind: 'values'; readonly rows: ValueRow[] };

/**
 * Push the rows of a pattern operator into `sink` (false stops early; returns false when stopped). `outer` is the
 * current outer row of an enclosing anti-join (what `argument` yields).
 */
export function produce(ctx: ExecContext, node: PlanNode, outer: SlotRow | null, sink: Sink): boolean {
  switch (node.kind) {
    case 'argument':
      return sink(outer === null ? new Array<number>(ctx.width).fill(-1) : outer.slice());
    case 'scan':
      return runScan(ctx, node, new Array<number>(ctx.width).fill(-1), sink);
    case 'expand':
      return runExpand(ctx, node, (s) => produce(ctx, node.input, outer, s), sink);
    case 'filter': {
      const test = predicate(ctx, node.predicate);
      return produce(ctx, node.input, outer, (row) => !test(row) || sink(row));
    }
    case 'cross-join': {
      let right: SlotRow[] | null = null;
      let bound: number[] = [];
      return produce(ctx, node.left, outer, (row) => {
        if (right === null) {
          right = collect(ctx, node.right, outer);
          bound = right.length === 0 ? [] : right[0]!.flatMap((v, i) => (v >= 0 ? [i] : []));
        }
        for (const r of right) {
          for (const i of bound) row[i] = r[i] as number;
          if (!sink(row)) return false;
        }
        return true;
      });
    }
    case 'anti-join':
      // The correlated subplan stops at its first row: existence is all that matters.
      return produce(ctx, node.input, outer, (row) => produce(ctx, node.subplan, row, () => false) === false || sink(row));
    case 'text-search':
      throw notYetSupported(node.mode);
    case 'vector-search':
      throw notYetSupported('nearest');
    case 'text-rank':
      throw notYetSupported('bm25');
    case 'fusion':
      throw notYetSupported('rrf');
    default:
      throw new OmniError('internal', `${node.kind} is not a pattern operator`);
  }
}

/** Every row of a pattern operator, copied. */
function collect(ctx: ExecContext, node: PlanNode, outer: SlotRow | null, limit = Infinity): SlotRow[] {
  const rows: SlotRow[] = [];
  if (limit <= 0) return rows;
  produce(ctx, node, outer, (row) => {
    rows.push(row.slice());
    return rows.length < limit;
  });
  return rows;
}

/** Run the plan's top: aggregate, order, limit and project over the pattern operators. */
export function run(ctx: ExecContext, node: PlanNode, outer: SlotRow | null): Rows {
  switch (node.kind) {
    case 'aggregate':
      return { kind: 'values', rows: runAggregate(ctx, node, (sink) => produce(ctx, node.input, outer, sink)) };
    case 'order': {
      const input = run(ctx, node.input, outer);
      return input.kind === 'slots' ? { kind: 'slots', rows: runOrder(ctx, node, input.rows, false) } : { kind: 'values', rows: runOrder(ctx, node, input.rows, true) };
    }
    case 'limit': {
      if (node.input.kind !== 'order' && node.input.kind !== 'aggregate') return { kind: 'slots', rows: collect(ctx, node.input, outer, node.count) };
      const input = run(ctx, node.input, outer);
      return input.kind === 'slots' ? { kind: 'slots', rows: input.rows.slice(0, node.count) } : { kind: 'values', rows: input.rows.slice(0, node.count) };
    }
    case 'project': {
      const project = projector(ctx, node);
      const input = node.input.kind === 'order' || node.input.kind === 'limit' ? run(ctx, node.input, outer) : null;
      if (input !== null) {
        if (input.kind !== 'slots') throw new OmniError('internal', 'project over computed rows');
        return { kind: 'values', rows: input.rows.map(project) };
      }
      const rows: ValueRow[] = [];
      produce(ctx, node.input, outer, (row) => {
        rows.push(project(row));
        return true;
      });
      return { kind: 'values', rows };
    }
    default:
      return { kind: 'slots', rows: collect(ctx, node, outer) };
  }
}

// Expression evaluation over slot rows and value rows; the TS side of filters with SQL null semantics.
import type { ExprNode } from '../../compiler/index.js';
import type { CompareNode } from '../../compiler/ir/compare-node.js';
import type { LogicalValue } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import { evaluateFilter, type FilterValues } from '../predicate/index.js';
import type { ExecContext, SlotRow, ValueRow } from './context.js';
import { literalValue, type CellValue } from './values.js';

/** A compiled expression: reads one value from a slot row (or from a value row for `column`). */
export type Getter = (row: SlotRow, values?: ValueRow) => CellValue;

/** Compile an expression into a getter (tables and columns resolved once). */
export function getter(ctx: ExecContext, e: ExprNode): Getter {
  switch (e.kind) {
    case 'literal': {
      const v = literalValue(e.value);
      return () => v;
    }
    case 'param': {
      const v = ctx.params.get(e.name) ?? null;
      return () => v;
    }
    case 'now': {
      const v = ctx.now;
      return () => v;
    }
    case 'property': {
      const slot = ctx.slot(e.variable);
      const col = ctx.table(e.entity, e.typeName).values(e.property);
      return (row) => {
        const at = row[slot] as number;
        return at < 0 ? null : (col[at] ?? null);
      };
    }
    case 'variable': {
      const slot = ctx.slot(e.variable);
      const ids = ctx.nodes(e.typeName).ids;
      return (row) => {
        const at = row[slot] as number;
        return at < 0 ? null : (ids[at] ?? null);
      };
    }
    case 'column': {
      const i = e.index;
      return (_row, values) => (values?.[i] ?? null) as CellValue;
    }
    case 'compare': {
      const p = predicate(ctx, e);
      return (row) => p(row);
    }
    case 'aggregate-call':
      throw new OmniError('internal', 'aggregate call outside an aggregate');
    case 'nearest':
    case 'bm25':
      throw notYetSupported(e.kind);
  }
}

/** The error search and ranking operators report until they are implemented. */
export function notYetSupported(what: string): OmniError {
  return new OmniError('not_yet_supported', `query: ${what} is not yet supported by this build`, { details: { feature: what } });
}

/**
 * Compile a predicate: true when it holds; any null operand is not a match (spec §4.3). Evaluation is delegated to
 * the predicate module's TS evaluator, so residual filters agree exactly with what a pushed-down Lance SQL selects.
 */
export function predicate(ctx: ExecContext, c: CompareNode): (row: SlotRow) => boolean {
  const props = new Map<ExprNode, Getter>();
  for (const side of [c.left, c.right]) if (side.kind === 'property') props.set(side, getter(ctx, side));
  const values = filterValues(ctx);
  return (row) => evaluateFilter(c, (p) => (props.get(p)?.(row) ?? null) as LogicalValue, values);
}

/** The parameter and `now()` values in the predicate module's form. */
export function filterValues(ctx: ExecContext): FilterValues {
  return { params: Object.fromEntries(ctx.params) as Record<string, LogicalValue>, nowMillis: ctx.now };
}

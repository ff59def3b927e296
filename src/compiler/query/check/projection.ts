// Checking `return` (§5): projections, aggregates, score projections, column names and the aggregate-query rule.
import { AggregateCallNode } from '../../ir/aggregate-call-node.js';
import type { Bm25Node } from '../../ir/bm25-node.js';
import type { NearestNode } from '../../ir/nearest-node.js';
import type { ExprNode } from '../../ir/node.js';
import type { PropertyNode } from '../../ir/property-node.js';
import type { VariableNode } from '../../ir/variable-node.js';
import { isBlob, isNumeric, isStringLike, renderType, scalarType, withNullable } from '../../ir/value-type.js';
import type { AggregateExprAst, ProjectionAst, ReturnAst } from '../ast.js';
import type { CheckContext, Scope } from './context.js';
import { checkBm25, checkNearest, checkOperand, checkProperty, checkVariable } from './expr.js';

/** One checked projection. */
export interface Projection {
  /** Runtime column name (§5). */
  readonly name: string;
  /** Lint descriptor name (§10). */
  readonly descriptorName: string;
  readonly alias: string | null;
  readonly expr: ExprNode;
  /** Set for `nearest(…)`/`bm25(…)` score projections (an alias to one orders by that ranking). */
  readonly rank: NearestNode | Bm25Node | null;
}

/** The checked `return` clause. */
export interface CheckedReturn {
  readonly projections: readonly Projection[];
  readonly aggregate: boolean;
  /** Alias → projection index. */
  readonly aliases: ReadonlyMap<string, number>;
}

function checkAggregate(ctx: CheckContext, scope: Scope, ast: AggregateExprAst): AggregateCallNode | null {
  const a = ast.argument;
  let arg: PropertyNode | VariableNode | null = null;
  if (a.kind === 'prop') arg = checkProperty(ctx, scope, a);
  else if (a.kind === 'var' && (scope.get(a.name.text) !== undefined || !ctx.params.has(a.name.text))) {
    const v = checkVariable(ctx, scope, a.name);
    if (v === null) return null;
    arg = v as VariableNode;
  } else {
    const why = a.kind === 'aggregate' ? 'aggregates cannot be nested' : `the argument of \`${ast.fn}\` must be a property access or a variable`;
    ctx.error('Q114', why, a.span);
    return null;
  }
  if (arg === null) return null;
  const t = arg.type;
  if (isBlob(t)) {
    ctx.error('T24', `Blob property \`${(arg as PropertyNode).property}\` cannot be aggregated`, a.span);
    return null;
  }
  if (ast.fn === 'count') return AggregateCallNode.create({ fn: ast.fn, argument: arg, type: scalarType('I64') });
  const numeric = isNumeric(t);
  const ok = ast.fn === 'sum' || ast.fn === 'avg' ? numeric : numeric || (isStringLike(t) && t.kind !== 'node');
  if (!ok) {
    const need = ast.fn === 'sum' || ast.fn === 'avg' ? 'a numeric' : 'a numeric or String';
    ctx.error('T8', `\`${ast.fn}\` requires ${need} non-list value, got ${renderType(t)}`, a.span);
    return null;
  }
  const type = ast.fn === 'sum' || ast.fn === 'avg' ? scalarType('F64', true) : withNullable(t, true);
  return AggregateCallNode.create({ fn: ast.fn, argument: arg, type });
}

function checkProjectionExpr(ctx: CheckContext, scope: Scope, p: ProjectionAst): { expr: ExprNode; rank: NearestNode | Bm25Node | null } | null {
  const e = p.expr;
  switch (e.kind) {
    case 'aggregate': {
      const agg = checkAggregate(ctx, scope, e);
      return agg && { expr: agg, rank: null };
    }
    case 'nearest': {
      const n = checkNearest(ctx, scope, e);
      return n && { expr: n, rank: n };
    }
    case 'bm25': {
      const n = checkBm25(ctx, scope, e);
      return n && { expr: n, rank: n };
    }
    case 'rrf':
      ctx.error('T21', '`rrf` cannot be projected: the fused score is not exposed; use it as the first order key', e.span);
      return null;
    default: {
      const x = checkOperand(ctx, scope, e);
      if (x === null) return null;
      if (isBlob(x.type)) {
        const what = x.kind === 'property' ? `Blob property \`${x.property}\`` : x.kind === 'param' ? `Blob parameter \`$${x.name}\`` : 'a Blob value';
        ctx.error('T24', `${what} cannot be read in a query result`, e.span);
        return null;
      }
      return { expr: x, rank: null };
    }
  }
}

/** Default names: `v.p`/`p`, `v`/`v`, `param`, `f`/`count`; literals, `now()` and scores by their kind. */
function names(expr: ExprNode): { name: string; descriptorName: string } {
  switch (expr.kind) {
    case 'property':
      return { name: `${expr.variable}.${expr.property}`, descriptorName: expr.property };
    case 'variable':
      return { name: expr.variable, descriptorName: expr.variable };
    case 'param':
      return { name: expr.name, descriptorName: expr.name };
    case 'aggregate-call':
      return { name: names(expr.argument).name, descriptorName: expr.fn };
    default:
      return { name: expr.kind, descriptorName: expr.kind };
  }
}

/** Check `return { … }`: every projection, the aggregate-query rule (T9) and unique column names (Q115). */
export function checkReturn(ctx: CheckContext, scope: Scope, ret: ReturnAst): CheckedReturn {
  const projections: Projection[] = [];
  const aliases = new Map<string, number>();
  const seen = new Map<string, boolean>();
  let ok = true;
  for (const p of ret.projections) {
    const checked = checkProjectionExpr(ctx, scope, p);
    if (checked === null) {
      ok = false;
      continue;
    }
    const n = names(checked.expr);
    const alias = p.alias?.text ?? null;
    const proj: Projection = { name: alias ?? n.name, descriptorName: alias ?? n.descriptorName, alias, expr: checked.expr, rank: checked.rank };
    if (seen.has(proj.name)) {
      ctx.error('Q115', `two projections are named \`${proj.name}\`; alias one of them`, p.span);
      ok = false;
    }
    seen.set(proj.name, true);
    if (alias !== null) aliases.set(alias, projections.length);
    projections.push(proj);
  }
  const aggregate = ret.projections.some((p) => p.expr.kind === 'aggregate');
  if (aggregate && ok) {
    projections.forEach((p, i) => {
      if (p.expr.kind !== 'aggregate-call' && p.expr.kind !== 'property' && p.expr.kind !== 'variable') {
        ctx.error('T9', 'in an aggregate query every non-aggregate projection must be a property access or variable', (ret.projections[i] as ProjectionAst).span);
      }
    });
  }
  return { projections, aggregate, aliases };
}

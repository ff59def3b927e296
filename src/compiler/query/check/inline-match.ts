// Inline property matches of a binding (§4.1): `$v: Type { prop: value }` → equality or list-membership predicates.
import type { Span } from '../../../errors/index.js';
import { CompareNode } from '../../ir/compare-node.js';
import { NowNode } from '../../ir/now-node.js';
import { PropertyNode } from '../../ir/property-node.js';
import { renderType, scalarType } from '../../ir/value-type.js';
import type { PropMatchAst } from '../ast.js';
import type { NodeView } from './catalog-view.js';
import { comparable } from './compat.js';
import type { CheckContext, VarInfo } from './context.js';
import { fitLiteral } from './literals.js';

function t3(ctx: CheckContext, message: string, span: Span): null {
  ctx.error('T3', message, span);
  return null;
}

/**
 * Check one `prop: value` of a binding: the property must exist (T2) and be matchable (not Blob or vector, T3);
 * literals must fit (T3, enum membership), parameters be declared (Q109) and comparable (T7), `now()` only on
 * DateTime (T7). A list property with a scalar value means membership.
 */
export function checkInlineMatch(ctx: CheckContext, v: VarInfo, node: NodeView, pm: PropMatchAst): CompareNode | null {
  const prop = node.properties.get(pm.name.text);
  if (prop === undefined) {
    ctx.error('T2', `type \`${node.name}\` has no property \`${pm.name.text}\``, pm.name.span);
    return null;
  }
  const t = prop.type;
  const left = PropertyNode.create({ variable: v.name, entity: 'node', typeName: node.name, property: prop.name, type: t });
  const what = `property \`${prop.name}\``;
  if (t.kind === 'scalar' && t.scalar === 'Blob') return t3(ctx, `Blob ${what} cannot be matched`, pm.span);
  if (t.kind === 'vector') return t3(ctx, `vector ${what} cannot be matched`, pm.span);
  const target = t.kind === 'list' ? t.element : t;
  const op = t.kind === 'list' ? 'member' : '=';
  const val = pm.value;
  if (val.kind === 'literal') {
    if (val.literal.kind === 'list') return t3(ctx, 'list equality is not supported', val.span);
    const lit = fitLiteral(ctx, val.literal, target, what);
    return lit && CompareNode.create({ op, left, right: lit });
  }
  if (val.kind === 'now') {
    if (target.kind !== 'scalar' || target.scalar !== 'DateTime') {
      ctx.error('T7', `\`now()\` is DateTime and cannot match ${what} (${renderType(t)})`, val.span);
      return null;
    }
    return CompareNode.create({ op, left, right: NowNode.create({ type: scalarType('DateTime') }) });
  }
  if (val.name.text === '_') {
    ctx.error('Q119', 'the anonymous variable `$_` cannot be used as a value', val.span);
    return null;
  }
  const param = ctx.params.get(val.name.text);
  if (param === undefined) {
    if (ctx.poisonedParams.has(val.name.text)) return null;
    ctx.error('Q109', `inline match value \`$${val.name.text}\` is not a declared parameter`, val.span);
    return null;
  }
  const pt = param.node.type;
  if (pt.kind === 'list' && t.kind === 'list') return t3(ctx, 'list equality is not supported', val.span);
  if (!comparable(pt, target)) {
    ctx.error('T7', `${what} (${renderType(t)}) cannot match parameter \`$${param.node.name}\` (${renderType(pt)})`, val.span);
    return null;
  }
  return CompareNode.create({ op, left, right: param.node });
}

// Expression checking: variables, parameters, property access and the search/ranking functions (§4.3, §7).
import type { Bm25Node } from '../../ir/bm25-node.js';
import { Bm25Node as Bm25 } from '../../ir/bm25-node.js';
import { LiteralNode } from '../../ir/literal-node.js';
import { NearestNode } from '../../ir/nearest-node.js';
import type { ExprNode } from '../../ir/node.js';
import { NowNode } from '../../ir/now-node.js';
import type { ParamNode } from '../../ir/param-node.js';
import { PropertyNode } from '../../ir/property-node.js';
import type { TextSearchMode } from '../../ir/shared.js';
import { VariableNode } from '../../ir/variable-node.js';
import { isInteger, nodeRefType, renderType, scalarType, vectorType } from '../../ir/value-type.js';
import type { Bm25ExprAst, ExprAst, Name, NearestExprAst, PropExprAst, RrfExprAst, TextCallAst } from '../ast.js';
import type { CheckContext, Scope } from './context.js';
import { naturalLiteral } from './literals.js';

/** The checked parts of a `search` / `fuzzy` / `match_text` call. */
export interface TextCall {
  readonly mode: TextSearchMode;
  readonly target: PropertyNode;
  readonly query: ParamNode | LiteralNode;
  readonly maxEdits: ParamNode | LiteralNode | null;
}

/** The checked parts of an `rrf` call. */
export interface RrfCall {
  readonly first: NearestNode | Bm25Node;
  readonly second: NearestNode | Bm25Node;
  readonly k: ParamNode | LiteralNode;
}

const F64 = scalarType('F64');

/** `$name` as a value: a bound node variable (its id), or a declared parameter. */
export function checkVariable(ctx: CheckContext, scope: Scope, name: Name): ExprNode | null {
  if (name.text === '_') {
    ctx.error('Q119', 'the anonymous variable `$_` cannot be referenced', name.span);
    return null;
  }
  const v = scope.get(name.text);
  if (v !== undefined) {
    if (v.kind === 'edge') {
      ctx.error('T23', `edge variable \`$${name.text}\` cannot be used as a value; use \`$${name.text}.property\``, name.span);
      return null;
    }
    if (v.typeName === null) return null;
    return VariableNode.create({ variable: v.name, typeName: v.typeName, type: nodeRefType(v.typeName) });
  }
  const p = ctx.params.get(name.text);
  if (p !== undefined) return p.node;
  if (ctx.poisonedParams.has(name.text)) return null;
  ctx.error('Q101', `variable \`$${name.text}\` is not bound`, name.span);
  return null;
}

/** `$v.p` on a bound node or edge variable (T6 for unbound variables and unknown properties). */
export function checkProperty(ctx: CheckContext, scope: Scope, ast: PropExprAst): PropertyNode | null {
  const name = ast.variable.text;
  if (name === '_') {
    ctx.error('Q119', 'the anonymous variable `$_` cannot be referenced', ast.variable.span);
    return null;
  }
  const v = scope.get(name);
  if (v === undefined) {
    const what = ctx.params.has(name) ? `\`$${name}\` is a parameter, not a bound variable` : `variable \`$${name}\` is not bound`;
    ctx.error('T6', what, ast.variable.span);
    return null;
  }
  if (v.typeName === null) return null;
  const owner = v.kind === 'node' ? ctx.catalog.node(v.typeName) : ctx.catalog.edge(v.typeName);
  const prop = owner?.properties.get(ast.property.text);
  if (prop === undefined) {
    const ownerText = v.kind === 'node' ? `type \`${v.typeName}\`` : `edge \`${v.typeName}\``;
    ctx.error('T6', `${ownerText} has no property \`${ast.property.text}\``, ast.property.span);
    return null;
  }
  return PropertyNode.create({ variable: v.name, entity: v.kind, typeName: v.typeName, property: prop.name, type: prop.type });
}

/** The `$v.p` a search function targets: a property of a node variable (edge variables are T23). */
function searchTarget(ctx: CheckContext, scope: Scope, expr: ExprAst, code: 'T15' | 'T19' | 'T20', fn: string): PropertyNode | null {
  if (expr.kind !== 'prop') {
    ctx.error(code, `the first argument of \`${fn}\` must be a property access \`$v.prop\``, expr.span);
    return null;
  }
  const v = scope.get(expr.variable.text);
  if (v?.kind === 'edge') {
    ctx.error('T23', `edge variable \`$${expr.variable.text}\` cannot be the target of \`${fn}\``, expr.variable.span);
    return null;
  }
  if (v === undefined && code === 'T15' && expr.variable.text !== '_') {
    ctx.error('T15', `\`nearest\` target variable \`$${expr.variable.text}\` is not bound`, expr.variable.span);
    return null;
  }
  return checkProperty(ctx, scope, expr);
}

function stringTarget(ctx: CheckContext, scope: Scope, expr: ExprAst, code: 'T19' | 'T20', fn: string): PropertyNode | null {
  const target = searchTarget(ctx, scope, expr, code, fn);
  if (target === null) return null;
  if (target.type.kind !== 'scalar' || target.type.scalar !== 'String') {
    ctx.error(code, `\`${fn}\` requires a String property, \`${target.property}\` is ${renderType(target.type)}`, expr.span);
    return null;
  }
  return target;
}

/** A text query: a String literal or a declared String parameter. */
function textQuery(ctx: CheckContext, expr: ExprAst, code: 'T19' | 'T20', fn: string): ParamNode | LiteralNode | null {
  if (expr.kind === 'literal' && expr.literal.kind === 'string') return naturalLiteral(ctx, expr.literal);
  if (expr.kind === 'var') {
    const p = ctx.params.get(expr.name.text);
    if (p !== undefined && p.node.type.kind === 'scalar' && p.node.type.scalar === 'String') return p.node;
  }
  ctx.error(code, `the query of \`${fn}\` must be a String parameter or literal`, expr.span);
  return null;
}

/** `search(f, q)`, `fuzzy(f, q[, e])`, `match_text(f, q)`: String field of a node variable, String query (T19/T20). */
export function checkTextCall(ctx: CheckContext, scope: Scope, ast: TextCallAst): TextCall | null {
  const code = ast.kind === 'match_text' ? 'T20' : 'T19';
  const target = stringTarget(ctx, scope, ast.field, code, ast.kind);
  const query = textQuery(ctx, ast.query, code, ast.kind);
  let maxEdits: ParamNode | LiteralNode | null = null;
  if (ast.maxEdits !== null) {
    const e = ast.maxEdits;
    if (e.kind === 'literal' && e.literal.kind === 'int') maxEdits = naturalLiteral(ctx, e.literal);
    else if (e.kind === 'var' && ctx.params.get(e.name.text) !== undefined && isInteger(ctx.params.get(e.name.text)?.node.type ?? F64)) {
      maxEdits = ctx.params.get(e.name.text)?.node ?? null;
    } else {
      ctx.error('T19', 'the max edits of `fuzzy` must be an integer literal or integer parameter', e.span);
      return null;
    }
  }
  if (target === null || query === null) return null;
  return { mode: ast.kind, target, query, maxEdits };
}

/** `nearest($v.vec, q)`: a scalar `Vector(N)` property of a node variable and a matching query (T15). */
export function checkNearest(ctx: CheckContext, scope: Scope, ast: NearestExprAst): NearestNode | null {
  const target = searchTarget(ctx, scope, ast.target, 'T15', 'nearest');
  if (target === null) return null;
  if (target.type.kind !== 'vector') {
    ctx.error('T15', `\`nearest\` requires a Vector property, \`${target.property}\` is ${renderType(target.type)}`, ast.target.span);
    return null;
  }
  const dim = target.type.dim;
  const q = ast.query;
  let query: ParamNode | LiteralNode | null = null;
  let embed = false;
  if (q.kind === 'literal' && q.literal.kind === 'string') {
    query = naturalLiteral(ctx, q.literal);
    embed = true;
  } else if (q.kind === 'literal' && q.literal.kind === 'list' && q.literal.items.every((i) => i.kind === 'int' || i.kind === 'float')) {
    if (q.literal.items.length !== dim) {
      ctx.error('T15', `dimension mismatch: \`${target.property}\` is Vector(${dim}), the query has ${q.literal.items.length} values`, q.span);
      return null;
    }
    const lit = naturalLiteral(ctx, q.literal);
    if (lit === null) return null;
    query = LiteralNode.create({ type: vectorType(dim), value: lit.value });
  } else if (q.kind === 'var' && ctx.params.has(q.name.text)) {
    const p = ctx.params.get(q.name.text)?.node as ParamNode;
    if (p.type.kind === 'vector' && p.type.dim !== dim) {
      ctx.error('T15', `dimension mismatch: \`${target.property}\` is Vector(${dim}), \`$${p.name}\` is ${renderType(p.type)}`, q.span);
      return null;
    }
    if (p.type.kind === 'vector') query = p;
    else if (p.type.kind === 'scalar' && p.type.scalar === 'String') {
      query = p;
      embed = true;
    }
  }
  if (query === null) {
    ctx.error('T15', '`nearest` query must be a Vector(N) parameter, a numeric list literal or a String', q.span);
    return null;
  }
  return NearestNode.create({ variable: target.variable, typeName: target.typeName, property: target.property, dim, query, embed, type: F64 });
}

/** `bm25(f, q)`: String property of a node variable and a String query (T20). */
export function checkBm25(ctx: CheckContext, scope: Scope, ast: Bm25ExprAst): Bm25Node | null {
  const target = stringTarget(ctx, scope, ast.field, 'T20', 'bm25');
  const query = textQuery(ctx, ast.query, 'T20', 'bm25');
  if (target === null || query === null) return null;
  return Bm25.create({ variable: target.variable, typeName: target.typeName, property: target.property, query, type: F64 });
}

/** `rrf(r1, r2[, k])`: two rankings of the same variable and a positive integer `k` (T21). */
export function checkRrf(ctx: CheckContext, scope: Scope, ast: RrfExprAst): RrfCall | null {
  const rank = (r: NearestExprAst | Bm25ExprAst): NearestNode | Bm25Node | null => (r.kind === 'nearest' ? checkNearest(ctx, scope, r) : checkBm25(ctx, scope, r));
  const first = rank(ast.first);
  const second = rank(ast.second);
  let k: ParamNode | LiteralNode | null = LiteralNode.create({ type: scalarType('I64'), value: { kind: 'int', value: 60n } });
  if (ast.k !== null) {
    const e = ast.k;
    if (e.kind === 'literal' && e.literal.kind === 'int') {
      k = e.literal.value > 0n ? naturalLiteral(ctx, e.literal) : null;
      if (e.literal.value <= 0n) ctx.error('T21', `rrf k must be greater than 0, got ${e.literal.value}`, e.span);
    } else if (e.kind === 'var' && ctx.params.has(e.name.text) && isInteger(ctx.params.get(e.name.text)?.node.type ?? F64)) {
      k = ctx.params.get(e.name.text)?.node ?? null;
    } else {
      ctx.error('T21', 'rrf k must be an integer literal or integer parameter', e.span);
      k = null;
    }
  }
  if (first === null || second === null || k === null) return null;
  if (first.variable !== second.variable) {
    ctx.error('T21', `rrf arms must rank the same variable, got \`$${first.variable}\` and \`$${second.variable}\``, ast.span);
    return null;
  }
  return { first, second, k };
}

/**
 * A filter operand (§4.3): property access, parameter, literal or `now()`. Other forms are reported with the code
 * of the construct (aggregates Q114, aliases Q113, search functions T15/T19/T20/T21).
 */
export function checkOperand(ctx: CheckContext, scope: Scope, ast: ExprAst): ExprNode | null {
  switch (ast.kind) {
    case 'literal':
      return naturalLiteral(ctx, ast.literal);
    case 'var':
      return checkVariable(ctx, scope, ast.name);
    case 'prop':
      return checkProperty(ctx, scope, ast);
    case 'now':
      return NowNode.create({ type: scalarType('DateTime') });
    case 'alias':
      ctx.error('Q113', `\`${ast.name.text}\` is not a variable; a bare identifier names a return alias and is only valid in order`, ast.span);
      return null;
    case 'aggregate':
      ctx.error('Q114', `aggregate \`${ast.fn}\` is only allowed in return`, ast.span);
      return null;
    case 'nearest':
      ctx.error('T15', '`nearest` is only allowed as the first order key or inside rrf', ast.span);
      return null;
    case 'bm25':
      ctx.error('T20', '`bm25` is only allowed as the first order key or inside rrf', ast.span);
      return null;
    case 'rrf':
      ctx.error('T21', '`rrf` is only allowed as the first order key', ast.span);
      return null;
    case 'search':
    case 'fuzzy':
    case 'match_text':
      ctx.error(ast.kind === 'match_text' ? 'T20' : 'T19', `\`${ast.kind}\` is only allowed as a standalone match clause`, ast.span);
      return null;
  }
}

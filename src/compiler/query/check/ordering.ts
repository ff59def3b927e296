// Checking `order` and `limit` (§6): sort keys, alias resolution, ranking keys and their placement rules (T17/T18/T21).
import type { Bm25Node } from '../../ir/bm25-node.js';
import { ColumnNode } from '../../ir/column-node.js';
import type { NearestNode } from '../../ir/nearest-node.js';
import type { OrderKey } from '../../ir/shared.js';
import { isBlob } from '../../ir/value-type.js';
import type { LimitAst, OrderAst, OrderKeyAst } from '../ast.js';
import type { CheckContext, Scope } from './context.js';
import { checkBm25, checkNearest, checkOperand, checkProperty, checkRrf, type RrfCall } from './expr.js';
import type { CheckedReturn } from './projection.js';

/** The ranking that orders a query, when its first order key is one. */
export type Ranking =
  | { readonly kind: 'nearest'; readonly node: NearestNode }
  | { readonly kind: 'bm25'; readonly node: Bm25Node }
  | { readonly kind: 'rrf'; readonly call: RrfCall };

/** The checked `order` clause: plain keys, or a ranking (further keys are checked, then ignored). */
export interface CheckedOrder {
  readonly keys: readonly OrderKey[];
  readonly ranking: Ranking | null;
}

function rankingOf(node: NearestNode | Bm25Node): Ranking {
  return node.kind === 'nearest' ? { kind: 'nearest', node } : { kind: 'bm25', node };
}

/** `limit N` as a number (Q118 beyond 2^53−1). */
export function checkLimit(ctx: CheckContext, limit: LimitAst | null): number | null {
  if (limit === null) return null;
  if (limit.value > BigInt(Number.MAX_SAFE_INTEGER)) {
    ctx.error('Q118', `limit ${limit.value} is larger than ${Number.MAX_SAFE_INTEGER}`, limit.span);
    return null;
  }
  return Number(limit.value);
}

class OrderChecker {
  ranking: Ranking | null = null;
  firstIsRanking = false;
  readonly keys: OrderKey[] = [];
  readonly aliasKeys: OrderKeyAst[] = [];

  constructor(
    readonly ctx: CheckContext,
    readonly scope: Scope,
    readonly ret: CheckedReturn,
  ) {}

  #rank(index: number, key: OrderKeyAst, r: Ranking | null): void {
    if (r === null) return;
    if (index > 0) {
      this.ctx.error('Q111', `the ranking function \`${r.kind}\` must be the first order key`, key.span);
      return;
    }
    this.ranking = r;
    this.firstIsRanking = true;
  }

  key(index: number, key: OrderKeyAst): void {
    const { ctx, scope, ret } = this;
    const e = key.expr;
    const direction = key.direction ?? 'asc';
    switch (e.kind) {
      case 'nearest': {
        const n = checkNearest(ctx, scope, e);
        return this.#rank(index, key, n && rankingOf(n));
      }
      case 'bm25': {
        const n = checkBm25(ctx, scope, e);
        return this.#rank(index, key, n && rankingOf(n));
      }
      case 'rrf': {
        const call = checkRrf(ctx, scope, e);
        return this.#rank(index, key, call && { kind: 'rrf', call });
      }
      case 'alias': {
        const i = ret.aliases.get(e.name.text);
        if (i === undefined) {
          ctx.error('Q113', `\`${e.name.text}\` is not a return alias`, e.span);
          return;
        }
        const proj = ret.projections[i];
        if (proj === undefined) return;
        if (proj.rank !== null) return this.#rank(index, key, rankingOf(proj.rank));
        this.aliasKeys.push(key);
        this.keys.push({ expr: ret.aggregate ? ColumnNode.create({ index: i, name: proj.name, type: proj.expr.type }) : proj.expr, direction });
        return;
      }
      case 'prop': {
        if (ret.aggregate) {
          const i = ret.projections.findIndex((p) => p.alias === null && p.expr.kind === 'property' && p.expr.variable === e.variable.text && p.expr.property === e.property.text);
          const proj = ret.projections[i];
          if (proj === undefined) {
            ctx.error('Q110', `order key \`$${e.variable.text}.${e.property.text}\` must be an unaliased projection of this aggregate query`, e.span);
            return;
          }
          this.keys.push({ expr: ColumnNode.create({ index: i, name: proj.name, type: proj.expr.type }), direction });
          return;
        }
        const p = checkProperty(ctx, scope, e);
        if (p === null) return;
        if (isBlob(p.type)) ctx.error('T24', `Blob property \`${p.property}\` cannot be used for ordering`, e.span);
        else if (p.type.kind === 'list' || p.type.kind === 'vector') ctx.error('Q110', `cannot order by ${p.type.kind} property \`${p.property}\``, e.span);
        else this.keys.push({ expr: p, direction });
        return;
      }
      case 'var':
        if (scope.get(e.name.text)?.kind === 'edge') {
          ctx.error('T23', `edge variable \`$${e.name.text}\` cannot be used as a value; use \`$${e.name.text}.property\``, e.span);
          return;
        }
        ctx.error('Q110', 'unsupported ordering expression: order by a property or a return alias', e.span);
        return;
      case 'search':
      case 'fuzzy':
      case 'match_text':
        checkOperand(ctx, scope, e);
        return;
      default:
        ctx.error('Q110', 'unsupported ordering expression: order by a property or a return alias', e.span);
    }
  }
}

/**
 * Check `order { … }` against the checked projections. A ranking first key makes the rest irrelevant (they are
 * still checked); `nearest` needs `limit` (T17) and no alias keys (T18); `rrf` needs `limit` (T21).
 */
export function checkOrder(ctx: CheckContext, scope: Scope, order: OrderAst | null, ret: CheckedReturn, limit: LimitAst | null): CheckedOrder {
  if (order === null) return { keys: [], ranking: null };
  const c = new OrderChecker(ctx, scope, ret);
  order.keys.forEach((k, i) => c.key(i, k));
  const r = c.ranking;
  if (r?.kind === 'nearest') {
    if (limit === null) ctx.error('T17', '`nearest` ordering requires a limit', order.span);
    const alias = c.aliasKeys[0];
    if (alias !== undefined) ctx.error('T18', '`nearest` ordering cannot be combined with alias-based order keys', alias.span);
  }
  if (r?.kind === 'rrf' && limit === null) ctx.error('T21', '`rrf` ordering requires a limit', order.span);
  return { keys: c.firstIsRanking ? [] : c.keys, ranking: r };
}

// Checking and planning a read body: match → (ranking | fusion) → aggregate | order → limit → project.
import { AggregateNode } from '../../ir/aggregate-node.js';
import { FusionNode } from '../../ir/fusion-node.js';
import { LimitNode } from '../../ir/limit-node.js';
import type { PlanNode } from '../../ir/node.js';
import { OrderNode } from '../../ir/order-node.js';
import { ProjectNode } from '../../ir/project-node.js';
import type { ParamDecl, ResultColumn } from '../../ir/shared.js';
import { TextRankNode } from '../../ir/text-rank-node.js';
import { VectorSearchNode } from '../../ir/vector-search-node.js';
import { ReadQueryNode } from '../../ir/read-query-node.js';
import type { Bm25Node } from '../../ir/bm25-node.js';
import type { NearestNode } from '../../ir/nearest-node.js';
import type { QueryDeclAst, ReadBodyAst } from '../ast.js';
import type { CheckContext } from './context.js';
import { checkBlock, type BoundBlock } from './match.js';
import { checkLimit, checkOrder, type CheckedOrder } from './ordering.js';
import { planMatch, type RankHook } from './plan-match.js';
import { checkReturn } from './projection.js';

function hook(node: NearestNode | Bm25Node, limit: number): RankHook {
  return {
    variable: node.variable,
    apply: (input) => (node.kind === 'nearest' ? VectorSearchNode.create({ input, nearest: node, k: limit }) : TextRankNode.create({ input, bm25: node })),
  };
}

function pipeline(block: BoundBlock, order: CheckedOrder, limit: number | null): PlanNode {
  const r = order.ranking;
  // T17/T21 guarantee a limit for nearest and rrf; bm25 keeps every matching row.
  const k = limit ?? Number.MAX_SAFE_INTEGER;
  if (r === null) return planMatch(block, null);
  if (r.kind !== 'rrf') return planMatch(block, hook(r.node, k));
  return FusionNode.create({
    first: planMatch(block, hook(r.call.first, k)),
    second: planMatch(block, hook(r.call.second, k)),
    variable: r.call.first.variable,
    k: r.call.k,
    limit: k,
  });
}

/** Check a read query and build its IR; null when any diagnostic was recorded. */
export function checkReadQuery(ctx: CheckContext, decl: QueryDeclAst, body: ReadBodyAst, params: readonly ParamDecl[]): ReadQueryNode | null {
  const block = checkBlock(ctx, body.match.clauses, null);
  const ret = checkReturn(ctx, block.scope, body.ret);
  const limit = checkLimit(ctx, body.limit);
  const order = checkOrder(ctx, block.scope, body.order, ret, body.limit);
  if (ctx.failed) return null;

  let plan = pipeline(block, order, limit);
  const columns = ret.projections.map((p) => ({ name: p.name, expr: p.expr }));
  if (ret.aggregate) {
    plan = AggregateNode.create({ input: plan, columns });
    if (order.keys.length > 0) plan = OrderNode.create({ input: plan, keys: order.keys, tieBreak: [] });
  } else if (order.keys.length > 0) {
    const tieBreak = block.scope
      .visible()
      .filter((v) => !v.anonymous)
      .map((v) => v.name)
      .sort();
    plan = OrderNode.create({ input: plan, keys: order.keys, tieBreak });
  }
  if (limit !== null) plan = LimitNode.create({ input: plan, count: limit });
  if (!ret.aggregate) plan = ProjectNode.create({ input: plan, columns });
  const resultColumns: ResultColumn[] = ret.projections.map((p) => ({ name: p.name, descriptorName: p.descriptorName, type: p.expr.type }));
  return ReadQueryNode.create({
    name: decl.name.text,
    params,
    description: decl.description,
    instruction: decl.instruction,
    plan,
    columns: resultColumns,
    ranking: order.ranking?.kind ?? null,
  });
}

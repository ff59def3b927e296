// IR plan node `fusion`: reciprocal rank fusion of two ranked arms.
import type { LiteralNode } from './literal-node.js';
import type { IrNode, PlanNode } from './node.js';
import type { ParamNode } from './param-node.js';

/** Reciprocal rank fusion of two ranked arms (search spec §3): entities scored Σ 1/(k + rank), best first, first `limit` entities kept, rows taken from arm 1 else arm 2. */
export interface FusionNode {
  readonly kind: 'fusion';
  /** Arm 1: the complete match pipeline ranked by one `vector-search` or `text-rank` inside it. */
  readonly first: PlanNode;
  /** Arm 2: the same pipeline ranked by the second function. */
  readonly second: PlanNode;
  /** The ranked variable both arms share. */
  readonly variable: string;
  /** The RRF constant (default literal 60). */
  readonly k: ParamNode | LiteralNode;
  /** Entities kept (the query `limit`). */
  readonly limit: number;
}

/** Companion of {@link FusionNode}: type guard and frozen constructor. */
export const FusionNode = Object.freeze({
  /** True when `node` is a `fusion` node. */
  is(node: IrNode): node is FusionNode {
    return node.kind === 'fusion';
  },
  /** Build a frozen `fusion` node (arrays copied and frozen). */
  create(props: Omit<FusionNode, 'kind'>): FusionNode {
    return Object.freeze({
      kind: 'fusion',
      first: props.first,
      second: props.second,
      variable: props.variable,
      k: props.k,
      limit: props.limit,
    });
  },
});

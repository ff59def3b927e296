// IR plan node `cross-join`: the product of disconnected pattern parts.
import type { IrNode, PlanNode } from './node.js';

/** The cross product of two disconnected parts of a pattern (left rows outer, right rows inner). */
export interface CrossJoinNode {
  readonly kind: 'cross-join';
  /** Left input. */
  readonly left: PlanNode;
  /** Right input. */
  readonly right: PlanNode;
}

/** Companion of {@link CrossJoinNode}: type guard and frozen constructor. */
export const CrossJoinNode = Object.freeze({
  /** True when `node` is a `cross-join` node. */
  is(node: IrNode): node is CrossJoinNode {
    return node.kind === 'cross-join';
  },
  /** Build a frozen `cross-join` node (arrays copied and frozen). */
  create(props: Omit<CrossJoinNode, 'kind'>): CrossJoinNode {
    return Object.freeze({ kind: 'cross-join', left: props.left, right: props.right });
  },
});

// IR plan node `limit`: keep the first N rows.
import type { IrNode, PlanNode } from './node.js';

/** Keep the first `count` rows. */
export interface LimitNode {
  readonly kind: 'limit';
  /** Input rows. */
  readonly input: PlanNode;
  /** Rows kept. */
  readonly count: number;
}

/** Companion of {@link LimitNode}: type guard and frozen constructor. */
export const LimitNode = Object.freeze({
  /** True when `node` is a `limit` node. */
  is(node: IrNode): node is LimitNode {
    return node.kind === 'limit';
  },
  /** Build a frozen `limit` node (arrays copied and frozen). */
  create(props: Omit<LimitNode, 'kind'>): LimitNode {
    return Object.freeze({ kind: 'limit', input: props.input, count: props.count });
  },
  /** The same node over a different input. */
  cloneWithInput(node: LimitNode, input: PlanNode): LimitNode {
    return Object.freeze({ ...node, input });
  },
});

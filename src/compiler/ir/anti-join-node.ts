// IR plan node `anti-join`: `not { … }` as a correlated anti-join.
import type { IrNode, PlanNode } from './node.js';

/** `not { … }`: drop every input row for which `subplan` (starting from an `argument`) yields a row. */
export interface AntiJoinNode {
  readonly kind: 'anti-join';
  /** Outer rows. */
  readonly input: PlanNode;
  /** The correlated inner pattern. */
  readonly subplan: PlanNode;
}

/** Companion of {@link AntiJoinNode}: type guard and frozen constructor. */
export const AntiJoinNode = Object.freeze({
  /** True when `node` is an `anti-join` node. */
  is(node: IrNode): node is AntiJoinNode {
    return node.kind === 'anti-join';
  },
  /** Build a frozen `anti-join` node (arrays copied and frozen). */
  create(props: Omit<AntiJoinNode, 'kind'>): AntiJoinNode {
    return Object.freeze({ kind: 'anti-join', input: props.input, subplan: props.subplan });
  },
  /** The same node over a different input. */
  cloneWithInput(node: AntiJoinNode, input: PlanNode): AntiJoinNode {
    return Object.freeze({ ...node, input });
  },
});

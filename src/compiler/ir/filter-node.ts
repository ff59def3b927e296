// IR plan node `filter`: keep rows for which a predicate holds.
import type { CompareNode } from './compare-node.js';
import type { IrNode, PlanNode } from './node.js';

/** Keep input rows for which `predicate` holds. */
export interface FilterNode {
  readonly kind: 'filter';
  /** Input rows. */
  readonly input: PlanNode;
  /** The predicate. */
  readonly predicate: CompareNode;
}

/** Companion of {@link FilterNode}: type guard and frozen constructor. */
export const FilterNode = Object.freeze({
  /** True when `node` is a `filter` node. */
  is(node: IrNode): node is FilterNode {
    return node.kind === 'filter';
  },
  /** Build a frozen `filter` node (arrays copied and frozen). */
  create(props: Omit<FilterNode, 'kind'>): FilterNode {
    return Object.freeze({ kind: 'filter', input: props.input, predicate: props.predicate });
  },
  /** The same node over a different input. */
  cloneWithInput(node: FilterNode, input: PlanNode): FilterNode {
    return Object.freeze({ ...node, input });
  },
});

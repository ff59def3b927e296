// IR plan node `aggregate`: implicit GROUP BY over the non-aggregate projections.
import type { IrNode, PlanNode } from './node.js';
import type { OutputColumn } from './shared.js';

/** Group input rows by the non-aggregate columns (nulls group together) and compute the aggregate columns; output columns in projection order, groups in first-seen order. */
export interface AggregateNode {
  readonly kind: 'aggregate';
  /** Input rows. */
  readonly input: PlanNode;
  /** Group keys (property/variable) and aggregate calls, in projection order. */
  readonly columns: readonly OutputColumn[];
}

/** Companion of {@link AggregateNode}: type guard and frozen constructor. */
export const AggregateNode = Object.freeze({
  /** True when `node` is an `aggregate` node. */
  is(node: IrNode): node is AggregateNode {
    return node.kind === 'aggregate';
  },
  /** Build a frozen `aggregate` node (arrays copied and frozen). */
  create(props: Omit<AggregateNode, 'kind'>): AggregateNode {
    return Object.freeze({
      kind: 'aggregate',
      input: props.input,
      columns: Object.freeze(props.columns.map((r) => Object.freeze({ ...r }))),
    });
  },
  /** The same node over a different input. */
  cloneWithInput(node: AggregateNode, input: PlanNode): AggregateNode {
    return Object.freeze({ ...node, input });
  },
});

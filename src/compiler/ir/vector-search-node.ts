// IR plan node `vector-search`: top-k nearest entities in rank order.
import type { NearestNode } from './nearest-node.js';
import type { IrNode, PlanNode } from './node.js';

/** Rank the distinct `nearest.variable` entities of the input by ascending distance, keep the first `k`, and emit their rows in rank order (later operators preserve that order). */
export interface VectorSearchNode {
  readonly kind: 'vector-search';
  /** Candidate rows (all filters on the ranked variable already applied). */
  readonly input: PlanNode;
  /** The ranking. */
  readonly nearest: NearestNode;
  /** Entities kept (the query `limit`). */
  readonly k: number;
}

/** Companion of {@link VectorSearchNode}: type guard and frozen constructor. */
export const VectorSearchNode = Object.freeze({
  /** True when `node` is a `vector-search` node. */
  is(node: IrNode): node is VectorSearchNode {
    return node.kind === 'vector-search';
  },
  /** Build a frozen `vector-search` node (arrays copied and frozen). */
  create(props: Omit<VectorSearchNode, 'kind'>): VectorSearchNode {
    return Object.freeze({ kind: 'vector-search', input: props.input, nearest: props.nearest, k: props.k });
  },
  /** The same node over a different input. */
  cloneWithInput(node: VectorSearchNode, input: PlanNode): VectorSearchNode {
    return Object.freeze({ ...node, input });
  },
});

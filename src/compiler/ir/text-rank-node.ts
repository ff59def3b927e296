// IR plan node `text-rank`: BM25 ranking of rows, best first.
import type { Bm25Node } from './bm25-node.js';
import type { IrNode, PlanNode } from './node.js';

/** Keep rows whose entity has a positive BM25 score and emit them best-first (order preserved downstream). */
export interface TextRankNode {
  readonly kind: 'text-rank';
  /** Candidate rows. */
  readonly input: PlanNode;
  /** The ranking. */
  readonly bm25: Bm25Node;
}

/** Companion of {@link TextRankNode}: type guard and frozen constructor. */
export const TextRankNode = Object.freeze({
  /** True when `node` is a `text-rank` node. */
  is(node: IrNode): node is TextRankNode {
    return node.kind === 'text-rank';
  },
  /** Build a frozen `text-rank` node (arrays copied and frozen). */
  create(props: Omit<TextRankNode, 'kind'>): TextRankNode {
    return Object.freeze({ kind: 'text-rank', input: props.input, bm25: props.bm25 });
  },
  /** The same node over a different input. */
  cloneWithInput(node: TextRankNode, input: PlanNode): TextRankNode {
    return Object.freeze({ ...node, input });
  },
});

// IR root node `read-query`: a checked read query, its plan and result columns.
import type { IrNode, PlanNode } from './node.js';
import type { ParamDecl, ResultColumn } from './shared.js';

/** A checked read query: its plan and the shape of its result. */
export interface ReadQueryNode {
  readonly kind: 'read-query';
  /** Query name. */
  readonly name: string;
  /** Declared parameters in declaration order. */
  readonly params: readonly ParamDecl[];
  /** `@description` text. */
  readonly description: string | null;
  /** `@instruction` text. */
  readonly instruction: string | null;
  /** The plan; its root yields the result rows in result order. */
  readonly plan: PlanNode;
  /** The result columns in projection order. */
  readonly columns: readonly ResultColumn[];
  /** The ranking that orders the result, when the first order key is one. */
  readonly ranking: 'nearest' | 'bm25' | 'rrf' | null;
}

/** Companion of {@link ReadQueryNode}: type guard and frozen constructor. */
export const ReadQueryNode = Object.freeze({
  /** True when `node` is a `read-query` node. */
  is(node: IrNode): node is ReadQueryNode {
    return node.kind === 'read-query';
  },
  /** Build a frozen `read-query` node (arrays copied and frozen). */
  create(props: Omit<ReadQueryNode, 'kind'>): ReadQueryNode {
    return Object.freeze({
      kind: 'read-query',
      name: props.name,
      params: Object.freeze(props.params.map((r) => Object.freeze({ ...r }))),
      description: props.description,
      instruction: props.instruction,
      plan: props.plan,
      columns: Object.freeze(props.columns.map((r) => Object.freeze({ ...r }))),
      ranking: props.ranking,
    });
  },
});

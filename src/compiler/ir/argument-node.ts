// IR plan node `argument`: one row — the outer row of a correlated subplan, or an empty row.
import type { IrNode } from './node.js';

/**
 * A single input row: in a correlated subplan, the current outer row of the enclosing `anti-join`; as the whole
 * plan of a match that binds no variable, one empty row.
 */
export interface ArgumentNode {
  readonly kind: 'argument';
  /** Outer variables visible to the subplan (sorted). */
  readonly variables: readonly string[];
}

/** Companion of {@link ArgumentNode}: type guard and frozen constructor. */
export const ArgumentNode = Object.freeze({
  /** True when `node` is an `argument` node. */
  is(node: IrNode): node is ArgumentNode {
    return node.kind === 'argument';
  },
  /** Build a frozen `argument` node (arrays copied and frozen). */
  create(props: Omit<ArgumentNode, 'kind'>): ArgumentNode {
    return Object.freeze({ kind: 'argument', variables: Object.freeze([...props.variables]) });
  },
});

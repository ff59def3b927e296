// IR expression node `compare`: a predicate `left op right` with SQL null semantics.
import type { ExprNode, IrNode } from './node.js';
import type { CompareOp } from './shared.js';
import { scalarType, type ScalarType } from './value-type.js';

const BOOL = scalarType('Bool');

/** A predicate `left op right` (SQL null semantics: a null operand never matches). */
export interface CompareNode {
  readonly kind: 'compare';
  /** The operator; `contains` is String substring, `member` list membership. */
  readonly op: CompareOp;
  /** Left operand. */
  readonly left: ExprNode;
  /** Right operand. */
  readonly right: ExprNode;
  /** Always `Bool`. */
  readonly type: ScalarType;
}

/** Companion of {@link CompareNode}: type guard and frozen constructor. */
export const CompareNode = Object.freeze({
  /** True when `node` is a `compare` node. */
  is(node: IrNode): node is CompareNode {
    return node.kind === 'compare';
  },
  /** Build a frozen `compare` node (arrays copied and frozen). */
  create(props: Omit<CompareNode, 'kind' | 'type'>): CompareNode {
    return Object.freeze({ kind: 'compare', op: props.op, left: props.left, right: props.right, type: BOOL });
  },
});

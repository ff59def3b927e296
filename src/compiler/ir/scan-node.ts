// IR plan node `scan`: all nodes of one type with pushed-down predicates.
import type { CompareNode } from './compare-node.js';
import type { IrNode } from './node.js';

/** Read every node of one type as rows binding `variable`, keeping rows that pass all `predicates` (pushed down). */
export interface ScanNode {
  readonly kind: 'scan';
  /** The bound variable. */
  readonly variable: string;
  /** The node type. */
  readonly typeName: string;
  /** Conjunctive predicates over this variable only (inline matches and single-variable filters). */
  readonly predicates: readonly CompareNode[];
}

/** Companion of {@link ScanNode}: type guard and frozen constructor. */
export const ScanNode = Object.freeze({
  /** True when `node` is a `scan` node. */
  is(node: IrNode): node is ScanNode {
    return node.kind === 'scan';
  },
  /** Build a frozen `scan` node (arrays copied and frozen). */
  create(props: Omit<ScanNode, 'kind'>): ScanNode {
    return Object.freeze({
      kind: 'scan',
      variable: props.variable,
      typeName: props.typeName,
      predicates: Object.freeze([...props.predicates]),
    });
  },
});

// IR expression node `variable`: a bare node variable (its id).
import type { IrNode } from './node.js';
import type { NodeRefType } from './value-type.js';

/** A bare node variable `$v`; its value is the node `id`. */
export interface VariableNode {
  readonly kind: 'variable';
  /** Variable name without `$`. */
  readonly variable: string;
  /** The node type of the variable. */
  readonly typeName: string;
  /** Always a node reference. */
  readonly type: NodeRefType;
}

/** Companion of {@link VariableNode}: type guard and frozen constructor. */
export const VariableNode = Object.freeze({
  /** True when `node` is a `variable` node. */
  is(node: IrNode): node is VariableNode {
    return node.kind === 'variable';
  },
  /** Build a frozen `variable` node (arrays copied and frozen). */
  create(props: Omit<VariableNode, 'kind'>): VariableNode {
    return Object.freeze({ kind: 'variable', variable: props.variable, typeName: props.typeName, type: props.type });
  },
});

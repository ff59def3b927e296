// IR expression node `param`: a reference to a declared query parameter.
import type { IrNode } from './node.js';
import type { ValueType } from './value-type.js';

/** A reference to a declared query parameter. */
export interface ParamNode {
  readonly kind: 'param';
  /** Parameter name without `$`. */
  readonly name: string;
  /** Declared type. */
  readonly type: ValueType;
}

/** Companion of {@link ParamNode}: type guard and frozen constructor. */
export const ParamNode = Object.freeze({
  /** True when `node` is a `param` node. */
  is(node: IrNode): node is ParamNode {
    return node.kind === 'param';
  },
  /** Build a frozen `param` node (arrays copied and frozen). */
  create(props: Omit<ParamNode, 'kind'>): ParamNode {
    return Object.freeze({ kind: 'param', name: props.name, type: props.type });
  },
});

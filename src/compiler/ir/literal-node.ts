// IR expression node `literal`: a constant written in the query text.
import type { IrNode } from './node.js';
import type { LiteralValue } from './shared.js';
import type { ValueType } from './value-type.js';

/** A constant written in the query text. */
export interface LiteralNode {
  readonly kind: 'literal';
  /** Its type (integer literals are `I64`, floats `F64` unless a property context narrowed them). */
  readonly type: ValueType;
  /** The value. */
  readonly value: LiteralValue;
}

/** Companion of {@link LiteralNode}: type guard and frozen constructor. */
export const LiteralNode = Object.freeze({
  /** True when `node` is a `literal` node. */
  is(node: IrNode): node is LiteralNode {
    return node.kind === 'literal';
  },
  /** Build a frozen `literal` node (arrays copied and frozen). */
  create(props: Omit<LiteralNode, 'kind'>): LiteralNode {
    return Object.freeze({ kind: 'literal', type: props.type, value: props.value });
  },
});

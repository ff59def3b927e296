// IR expression node `aggregate-call`: `count|sum|avg|min|max(x)` in a projection.
import type { IrNode } from './node.js';
import type { PropertyNode } from './property-node.js';
import type { AggregateFnName } from './shared.js';
import type { ValueType } from './value-type.js';
import type { VariableNode } from './variable-node.js';

/** `count|sum|avg|min|max(x)` in a projection. */
export interface AggregateCallNode {
  readonly kind: 'aggregate-call';
  /** The function. */
  readonly fn: AggregateFnName;
  /** What is aggregated (a bare variable only for `count`). */
  readonly argument: PropertyNode | VariableNode;
  /** Result type: `I64` for count, `F64?` for sum/avg, the argument type (nullable) for min/max. */
  readonly type: ValueType;
}

/** Companion of {@link AggregateCallNode}: type guard and frozen constructor. */
export const AggregateCallNode = Object.freeze({
  /** True when `node` is an `aggregate-call` node. */
  is(node: IrNode): node is AggregateCallNode {
    return node.kind === 'aggregate-call';
  },
  /** Build a frozen `aggregate-call` node (arrays copied and frozen). */
  create(props: Omit<AggregateCallNode, 'kind'>): AggregateCallNode {
    return Object.freeze({ kind: 'aggregate-call', fn: props.fn, argument: props.argument, type: props.type });
  },
});

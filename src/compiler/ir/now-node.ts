// IR expression node `now`: the current UTC instant.
import type { IrNode } from './node.js';
import type { ScalarType } from './value-type.js';

/** `now()`: the current UTC instant, fixed once per query execution. */
export interface NowNode {
  readonly kind: 'now';
  /** Always `DateTime`. */
  readonly type: ScalarType;
}

/** Companion of {@link NowNode}: type guard and frozen constructor. */
export const NowNode = Object.freeze({
  /** True when `node` is a `now` node. */
  is(node: IrNode): node is NowNode {
    return node.kind === 'now';
  },
  /** Build a frozen `now` node (arrays copied and frozen). */
  create(props: Omit<NowNode, 'kind'>): NowNode {
    return Object.freeze({ kind: 'now', type: props.type });
  },
});

// IR plan node `order`: sort with deterministic id tie-break.
import type { IrNode, PlanNode } from './node.js';
import type { OrderKey } from './shared.js';

/** Sort rows by `keys` (nulls first ascending, last descending), then by the ids of `tieBreak` variables ascending. */
export interface OrderNode {
  readonly kind: 'order';
  /** Input rows. */
  readonly input: PlanNode;
  /** Sort keys, most significant first. */
  readonly keys: readonly OrderKey[];
  /** Bound node and edge variables in lexical order (empty over aggregates). */
  readonly tieBreak: readonly string[];
}

/** Companion of {@link OrderNode}: type guard and frozen constructor. */
export const OrderNode = Object.freeze({
  /** True when `node` is an `order` node. */
  is(node: IrNode): node is OrderNode {
    return node.kind === 'order';
  },
  /** Build a frozen `order` node (arrays copied and frozen). */
  create(props: Omit<OrderNode, 'kind'>): OrderNode {
    return Object.freeze({
      kind: 'order',
      input: props.input,
      keys: Object.freeze(props.keys.map((r) => Object.freeze({ ...r }))),
      tieBreak: Object.freeze([...props.tieBreak]),
    });
  },
  /** The same node over a different input. */
  cloneWithInput(node: OrderNode, input: PlanNode): OrderNode {
    return Object.freeze({ ...node, input });
  },
});

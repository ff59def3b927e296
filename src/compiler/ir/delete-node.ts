// IR mutation node `delete`: node deletes (cascading to edges) and edge deletes.
import type { IrNode } from './node.js';
import type { MutationPredicate } from './shared.js';

/** `delete Type where p op v`: node deletes cascade to every incident edge; edge deletes may test `from`/`to`. */
export interface DeleteNode {
  readonly kind: 'delete';
  /** Which namespace `typeName` resolved in. */
  readonly entity: 'node' | 'edge';
  /** The target type. */
  readonly typeName: string;
  /** The single predicate selecting rows. */
  readonly where: MutationPredicate;
}

/** Companion of {@link DeleteNode}: type guard and frozen constructor. */
export const DeleteNode = Object.freeze({
  /** True when `node` is a `delete` node. */
  is(node: IrNode): node is DeleteNode {
    return node.kind === 'delete';
  },
  /** Build a frozen `delete` node (arrays copied and frozen). */
  create(props: Omit<DeleteNode, 'kind'>): DeleteNode {
    return Object.freeze({ kind: 'delete', entity: props.entity, typeName: props.typeName, where: props.where });
  },
});

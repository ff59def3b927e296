// IR mutation node `update`: set properties of matching nodes.
import type { IrNode } from './node.js';
import type { Assignment, MutationPredicate } from './shared.js';

/** `update Type set { … } where p op v` on a node type; zero matches is success. */
export interface UpdateNode {
  readonly kind: 'update';
  /** The node type. */
  readonly typeName: string;
  /** New values (never a `@key` member). */
  readonly assignments: readonly Assignment[];
  /** The single predicate selecting rows. */
  readonly where: MutationPredicate;
}

/** Companion of {@link UpdateNode}: type guard and frozen constructor. */
export const UpdateNode = Object.freeze({
  /** True when `node` is an `update` node. */
  is(node: IrNode): node is UpdateNode {
    return node.kind === 'update';
  },
  /** Build a frozen `update` node (arrays copied and frozen). */
  create(props: Omit<UpdateNode, 'kind'>): UpdateNode {
    return Object.freeze({
      kind: 'update',
      typeName: props.typeName,
      assignments: Object.freeze(props.assignments.map((r) => Object.freeze({ ...r }))),
      where: props.where,
    });
  },
});

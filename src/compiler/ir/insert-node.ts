// IR mutation node `insert`: node upsert/insert or edge insert.
import type { IrNode } from './node.js';
import type { Assignment, MutationValue } from './shared.js';

/** `insert Type { … }`: a node insert (keyed = upsert of the whole row) or an edge insert between `from` and `to` ids. */
export interface InsertNode {
  readonly kind: 'insert';
  /** Which namespace `typeName` resolved in (nodes first). */
  readonly entity: 'node' | 'edge';
  /** The target type. */
  readonly typeName: string;
  /** Property values (unassigned nullable properties are stored null). */
  readonly assignments: readonly Assignment[];
  /** Edge inserts: the source node id (a String). */
  readonly from: MutationValue | null;
  /** Edge inserts: the destination node id (a String). */
  readonly to: MutationValue | null;
}

/** Companion of {@link InsertNode}: type guard and frozen constructor. */
export const InsertNode = Object.freeze({
  /** True when `node` is an `insert` node. */
  is(node: IrNode): node is InsertNode {
    return node.kind === 'insert';
  },
  /** Build a frozen `insert` node (arrays copied and frozen). */
  create(props: Omit<InsertNode, 'kind'>): InsertNode {
    return Object.freeze({
      kind: 'insert',
      entity: props.entity,
      typeName: props.typeName,
      assignments: Object.freeze(props.assignments.map((r) => Object.freeze({ ...r }))),
      from: props.from,
      to: props.to,
    });
  },
});

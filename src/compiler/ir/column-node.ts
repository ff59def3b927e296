// IR expression node `column`: a reference to an aggregate output column.
import type { IrNode } from './node.js';
import type { ValueType } from './value-type.js';

/** A reference to an output column of the `aggregate` below (used by order keys of aggregate queries). */
export interface ColumnNode {
  readonly kind: 'column';
  /** 0-based column index. */
  readonly index: number;
  /** The column name. */
  readonly name: string;
  /** The column type. */
  readonly type: ValueType;
}

/** Companion of {@link ColumnNode}: type guard and frozen constructor. */
export const ColumnNode = Object.freeze({
  /** True when `node` is a `column` node. */
  is(node: IrNode): node is ColumnNode {
    return node.kind === 'column';
  },
  /** Build a frozen `column` node (arrays copied and frozen). */
  create(props: Omit<ColumnNode, 'kind'>): ColumnNode {
    return Object.freeze({ kind: 'column', index: props.index, name: props.name, type: props.type });
  },
});

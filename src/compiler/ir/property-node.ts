// IR expression node `property`: `$v.p` on a node or edge variable.
import type { IrNode } from './node.js';
import type { ValueType } from './value-type.js';

/** `$v.p`: a property of a bound node or edge variable. */
export interface PropertyNode {
  readonly kind: 'property';
  /** Variable name without `$`. */
  readonly variable: string;
  /** Whether the variable ranges over nodes or edges. */
  readonly entity: 'node' | 'edge';
  /** The node or edge type of the variable. */
  readonly typeName: string;
  /** Property name. */
  readonly property: string;
  /** The property type. */
  readonly type: ValueType;
}

/** Companion of {@link PropertyNode}: type guard and frozen constructor. */
export const PropertyNode = Object.freeze({
  /** True when `node` is a `property` node. */
  is(node: IrNode): node is PropertyNode {
    return node.kind === 'property';
  },
  /** Build a frozen `property` node (arrays copied and frozen). */
  create(props: Omit<PropertyNode, 'kind'>): PropertyNode {
    return Object.freeze({
      kind: 'property',
      variable: props.variable,
      entity: props.entity,
      typeName: props.typeName,
      property: props.property,
      type: props.type,
    });
  },
});

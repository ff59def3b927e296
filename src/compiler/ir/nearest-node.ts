// IR expression node `nearest`: vector distance ranking of a node property.
import type { LiteralNode } from './literal-node.js';
import type { IrNode } from './node.js';
import type { ParamNode } from './param-node.js';
import type { ScalarType } from './value-type.js';

/** `nearest($v.p, q)`: L2 distance of a vector property to a query vector (smaller ranks first). */
export interface NearestNode {
  readonly kind: 'nearest';
  /** The ranked node variable. */
  readonly variable: string;
  /** Its node type. */
  readonly typeName: string;
  /** The `Vector(N)` property. */
  readonly property: string;
  /** N. */
  readonly dim: number;
  /** The query: a vector (param or numeric list literal) or a String embedded at run time. */
  readonly query: ParamNode | LiteralNode;
  /** True when the query is a String to embed (query role) before searching. */
  readonly embed: boolean;
  /** `F64` (the distance when projected as a score). */
  readonly type: ScalarType;
}

/** Companion of {@link NearestNode}: type guard and frozen constructor. */
export const NearestNode = Object.freeze({
  /** True when `node` is a `nearest` node. */
  is(node: IrNode): node is NearestNode {
    return node.kind === 'nearest';
  },
  /** Build a frozen `nearest` node (arrays copied and frozen). */
  create(props: Omit<NearestNode, 'kind'>): NearestNode {
    return Object.freeze({
      kind: 'nearest',
      variable: props.variable,
      typeName: props.typeName,
      property: props.property,
      dim: props.dim,
      query: props.query,
      embed: props.embed,
      type: props.type,
    });
  },
});

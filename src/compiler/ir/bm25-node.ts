// IR expression node `bm25`: full-text relevance of a String property.
import type { LiteralNode } from './literal-node.js';
import type { IrNode } from './node.js';
import type { ParamNode } from './param-node.js';
import type { ScalarType } from './value-type.js';

/** `bm25($v.p, q)`: full-text relevance of a String property (larger ranks first; zero-score rows excluded). */
export interface Bm25Node {
  readonly kind: 'bm25';
  /** The ranked node variable. */
  readonly variable: string;
  /** Its node type. */
  readonly typeName: string;
  /** The String property. */
  readonly property: string;
  /** The query text. */
  readonly query: ParamNode | LiteralNode;
  /** `F64` (the score when projected). */
  readonly type: ScalarType;
}

/** Companion of {@link Bm25Node}: type guard and frozen constructor. */
export const Bm25Node = Object.freeze({
  /** True when `node` is a `bm25` node. */
  is(node: IrNode): node is Bm25Node {
    return node.kind === 'bm25';
  },
  /** Build a frozen `bm25` node (arrays copied and frozen). */
  create(props: Omit<Bm25Node, 'kind'>): Bm25Node {
    return Object.freeze({
      kind: 'bm25',
      variable: props.variable,
      typeName: props.typeName,
      property: props.property,
      query: props.query,
      type: props.type,
    });
  },
});

// IR plan node `text-search`: keep rows whose String property matches a text query.
import type { LiteralNode } from './literal-node.js';
import type { IrNode, PlanNode } from './node.js';
import type { ParamNode } from './param-node.js';
import type { TextSearchMode } from './shared.js';

/** Keep rows whose String property matches a text query (`search`, `fuzzy`, `match_text`). */
export interface TextSearchNode {
  readonly kind: 'text-search';
  /** Input rows. */
  readonly input: PlanNode;
  /** Token match, typo-tolerant token match, or phrase match. */
  readonly mode: TextSearchMode;
  /** The node variable searched. */
  readonly variable: string;
  /** Its node type. */
  readonly typeName: string;
  /** The String property. */
  readonly property: string;
  /** The query text. */
  readonly query: ParamNode | LiteralNode;
  /** `fuzzy` only: the edit budget (null = default 2). */
  readonly maxEdits: ParamNode | LiteralNode | null;
}

/** Companion of {@link TextSearchNode}: type guard and frozen constructor. */
export const TextSearchNode = Object.freeze({
  /** True when `node` is a `text-search` node. */
  is(node: IrNode): node is TextSearchNode {
    return node.kind === 'text-search';
  },
  /** Build a frozen `text-search` node (arrays copied and frozen). */
  create(props: Omit<TextSearchNode, 'kind'>): TextSearchNode {
    return Object.freeze({
      kind: 'text-search',
      input: props.input,
      mode: props.mode,
      variable: props.variable,
      typeName: props.typeName,
      property: props.property,
      query: props.query,
      maxEdits: props.maxEdits,
    });
  },
  /** The same node over a different input. */
  cloneWithInput(node: TextSearchNode, input: PlanNode): TextSearchNode {
    return Object.freeze({ ...node, input });
  },
});

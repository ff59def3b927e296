// IR plan node `expand`: edge traversal with direction, hop bounds and optional edge binding.
import type { IrNode, PlanNode } from './node.js';
import type { ExpandDirection } from './shared.js';

/** Traverse an edge type from a bound variable: breadth-first with per-source set semantics when `edgeVariable` is null (spec §4.2), one row per edge otherwise. When `toBound` is true the destination is already bound and the expand is a join condition. */
export interface ExpandNode {
  readonly kind: 'expand';
  /** Rows binding `from`. */
  readonly input: PlanNode;
  /** The variable expanded from. */
  readonly from: string;
  /** The destination variable (anonymous `$_` endpoints get a hidden `_#n` name). */
  readonly to: string;
  /** The destination node type. */
  readonly toType: string;
  /** True when `to` is bound by `input` (keep rows whose destination equals it). */
  readonly toBound: boolean;
  /** The declared edge type name. */
  readonly edgeType: string;
  /** `out` follows src→dst from `from`, `in` dst→src, `both` either way (undirected). */
  readonly direction: ExpandDirection;
  /** Minimum hop distance emitted (≥ 1). */
  readonly minHops: number;
  /** Maximum hop distance (already clamped to 1 for edges whose endpoint types differ; below `minHops` = no rows). */
  readonly maxHops: number;
  /** The edge binding `$w`, when written (hops are then exactly 1). */
  readonly edgeVariable: string | null;
}

/** Companion of {@link ExpandNode}: type guard and frozen constructor. */
export const ExpandNode = Object.freeze({
  /** True when `node` is an `expand` node. */
  is(node: IrNode): node is ExpandNode {
    return node.kind === 'expand';
  },
  /** Build a frozen `expand` node (arrays copied and frozen). */
  create(props: Omit<ExpandNode, 'kind'>): ExpandNode {
    return Object.freeze({
      kind: 'expand',
      input: props.input,
      from: props.from,
      to: props.to,
      toType: props.toType,
      toBound: props.toBound,
      edgeType: props.edgeType,
      direction: props.direction,
      minHops: props.minHops,
      maxHops: props.maxHops,
      edgeVariable: props.edgeVariable,
    });
  },
  /** The same node over a different input. */
  cloneWithInput(node: ExpandNode, input: PlanNode): ExpandNode {
    return Object.freeze({ ...node, input });
  },
});

// The IR kind union: every node kind, grouped into expressions, plan operators, mutation statements and roots.
import type { AggregateNode } from './aggregate-node.js';
import type { AggregateCallNode } from './aggregate-call-node.js';
import type { AntiJoinNode } from './anti-join-node.js';
import type { ArgumentNode } from './argument-node.js';
import type { Bm25Node } from './bm25-node.js';
import type { ColumnNode } from './column-node.js';
import type { CompareNode } from './compare-node.js';
import type { CrossJoinNode } from './cross-join-node.js';
import type { DeleteNode } from './delete-node.js';
import type { ExpandNode } from './expand-node.js';
import type { FilterNode } from './filter-node.js';
import type { FusionNode } from './fusion-node.js';
import type { InsertNode } from './insert-node.js';
import type { LimitNode } from './limit-node.js';
import type { LiteralNode } from './literal-node.js';
import type { MutationQueryNode } from './mutation-query-node.js';
import type { NearestNode } from './nearest-node.js';
import type { NowNode } from './now-node.js';
import type { OrderNode } from './order-node.js';
import type { ParamNode } from './param-node.js';
import type { ProjectNode } from './project-node.js';
import type { PropertyNode } from './property-node.js';
import type { ReadQueryNode } from './read-query-node.js';
import type { ScanNode } from './scan-node.js';
import type { TextRankNode } from './text-rank-node.js';
import type { TextSearchNode } from './text-search-node.js';
import type { UpdateNode } from './update-node.js';
import type { VariableNode } from './variable-node.js';
import type { VectorSearchNode } from './vector-search-node.js';

/** Typed expressions (values and predicates). */
export type ExprNode =
  | LiteralNode
  | ParamNode
  | PropertyNode
  | VariableNode
  | NowNode
  | CompareNode
  | AggregateCallNode
  | NearestNode
  | Bm25Node
  | ColumnNode;

/** Plan operators: each yields a bag of rows binding variables. */
export type PlanNode =
  | ScanNode
  | ArgumentNode
  | ExpandNode
  | CrossJoinNode
  | FilterNode
  | TextSearchNode
  | AntiJoinNode
  | VectorSearchNode
  | TextRankNode
  | FusionNode
  | AggregateNode
  | OrderNode
  | LimitNode
  | ProjectNode;

/** Mutation statements. */
export type MutationNode =
  | InsertNode
  | UpdateNode
  | DeleteNode;

/** Roots: one per checked query. */
export type QueryNode =
  | ReadQueryNode
  | MutationQueryNode;

/** Any IR node. */
export type IrNode = ExprNode | PlanNode | MutationNode | QueryNode;

/** The `kind` tag of any IR node. */
export type IrKind = IrNode['kind'];

/** The node interface of one kind. */
export type IrNodeOf<K extends IrKind> = Extract<IrNode, { readonly kind: K }>;

/** Every kind, in the order of the unions above (tests check it against the visitor table). */
export const IR_KINDS = Object.freeze([
  'literal', 'param', 'property', 'variable', 'now', 'compare', 'aggregate-call', 'nearest', 'bm25', 'column',
  'scan', 'argument', 'expand', 'cross-join', 'filter', 'text-search', 'anti-join', 'vector-search', 'text-rank',
  'fusion', 'aggregate', 'order', 'limit', 'project',
  'insert', 'update', 'delete',
  'read-query', 'mutation-query',
] as const) satisfies readonly IrKind[];

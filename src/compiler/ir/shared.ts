// Plain records and small unions shared by several IR node kinds (not nodes themselves).
import type { LiteralNode } from './literal-node.js';
import type { ExprNode } from './node.js';
import type { NowNode } from './now-node.js';
import type { ParamNode } from './param-node.js';
import type { ValueType } from './value-type.js';

/** A literal's value. Integers are exact (`bigint`); dates keep their canonical text and epoch number. */
export type LiteralValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'date'; readonly value: string; readonly epochDays: number }
  | { readonly kind: 'datetime'; readonly value: string; readonly epochMillis: number }
  | { readonly kind: 'list'; readonly items: readonly LiteralValue[] };

/** Predicate operators: `contains` is String substring, `member` list membership, `starts_with` String prefix. */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'member' | 'starts_with';

/** Aggregate function names. */
export type AggregateFnName = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** Expand direction relative to the `from` variable. */
export type ExpandDirection = 'out' | 'in' | 'both';

/** Text-search clause flavours. */
export type TextSearchMode = 'search' | 'fuzzy' | 'match_text';

/** One computed output column. */
export interface OutputColumn {
  readonly name: string;
  readonly expr: ExprNode;
}

/** One sort key. */
export interface OrderKey {
  readonly expr: ExprNode;
  readonly direction: 'asc' | 'desc';
}

/** A value a mutation writes or compares with: a literal, a declared parameter or `now()`. */
export type MutationValue = LiteralNode | ParamNode | NowNode;

/** `property: value` in `insert` / `update`. */
export interface Assignment {
  readonly property: string;
  /** The property's declared type (the value is compatible with it). */
  readonly type: ValueType;
  readonly value: MutationValue;
}

/** The single `where property op value` of `update` / `delete` (`from`/`to` name edge endpoints). */
export interface MutationPredicate {
  readonly property: string;
  readonly op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  /** The compared property's type (`String` for `from`/`to`). */
  readonly type: ValueType;
  readonly value: MutationValue;
}

/** A declared query parameter. */
export interface ParamDecl {
  readonly name: string;
  readonly type: ValueType;
}

/** One result column of a read query. */
export interface ResultColumn {
  /** Runtime column name (spec §5: `p.name`, an alias, `f` for `count($f)`). */
  readonly name: string;
  /** Lint descriptor name (spec §10: the property name or alias, `p` for bare `$p`, the function for aggregates). */
  readonly descriptorName: string;
  readonly type: ValueType;
}

/** What a mutation query does, for the executor's no-mixing rule. */
export type MutationEffect = 'insert-update' | 'delete' | 'mixed';

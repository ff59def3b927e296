// The `.gq` syntax tree: what the parser builds and the checker reads. Plain readonly data with spans.
import type { Span } from '../../errors/index.js';

/** A name with where it was written. */
export interface Name {
  readonly text: string;
  readonly span: Span;
}

/** A whole `.gq` file: many queries. */
export interface QueryFileAst {
  readonly queries: readonly QueryDeclAst[];
  readonly span: Span;
}

/** `query name(params) [@description] [@instruction] { body }` */
export interface QueryDeclAst {
  readonly name: Name;
  readonly params: readonly ParamAst[];
  readonly description: string | null;
  readonly instruction: string | null;
  readonly body: ReadBodyAst | MutationBodyAst;
  readonly span: Span;
}

/** `$name: Type` in the parameter list. */
export interface ParamAst {
  readonly name: Name;
  readonly type: ParamTypeAst;
  readonly span: Span;
}

/** A parameter type as written; the spelling of scalar names is checked by the checker (`unknown parameter type`). */
export type ParamTypeAst =
  | { readonly kind: 'scalar'; readonly name: Name; readonly nullable: boolean; readonly span: Span }
  | { readonly kind: 'list'; readonly element: Name; readonly nullable: boolean; readonly span: Span }
  | { readonly kind: 'vector'; readonly dim: bigint; readonly nullable: boolean; readonly span: Span };

// ---- read bodies ------------------------------------------------------------------------------------------------

/** `match {…} return {…} [order {…}] [limit N]` */
export interface ReadBodyAst {
  readonly kind: 'read';
  readonly match: MatchAst;
  readonly ret: ReturnAst;
  readonly order: OrderAst | null;
  readonly limit: LimitAst | null;
}

/** `match { clauses }` */
export interface MatchAst {
  readonly clauses: readonly ClauseAst[];
  readonly span: Span;
}

/** A match clause. */
export type ClauseAst = BindingAst | TraversalAst | FilterAst | TextSearchClauseAst | NegationAst;

/** `$v: Type [{ prop: value, … }]` */
export interface BindingAst {
  readonly kind: 'binding';
  readonly variable: Name;
  readonly typeName: Name;
  readonly props: readonly PropMatchAst[];
  readonly span: Span;
}

/** `prop: value` inside a binding's braces. */
export interface PropMatchAst {
  readonly name: Name;
  readonly value: ValueAst;
  readonly span: Span;
}

/** `$a [$w:] edgeWord|<edgeWord> [{min,max}] $b` */
export interface TraversalAst {
  readonly kind: 'traversal';
  readonly left: Name;
  readonly edgeVariable: Name | null;
  readonly edge: Name;
  readonly undirected: boolean;
  readonly hops: HopsAst | null;
  readonly right: Name;
  readonly span: Span;
}

/** `{min,max}` / `{min,}` (max null = unbounded, rejected by the checker). */
export interface HopsAst {
  readonly min: bigint;
  readonly max: bigint | null;
  readonly span: Span;
}

/** A comparison operator usable in filters. */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'starts_with';

/** A comparison operator usable in mutation predicates. */
export type CompOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** `Expr op Expr` */
export interface FilterAst {
  readonly kind: 'filter';
  readonly left: ExprAst;
  readonly op: FilterOp;
  readonly opSpan: Span;
  readonly right: ExprAst;
  readonly span: Span;
}

/** A standalone `search(…)` / `fuzzy(…)` / `match_text(…)` clause. */
export interface TextSearchClauseAst {
  readonly kind: 'text-search';
  readonly call: TextCallAst;
  readonly span: Span;
}

/** `not { clauses }` */
export interface NegationAst {
  readonly kind: 'not';
  readonly clauses: readonly ClauseAst[];
  readonly span: Span;
}

/** `return { projections }` */
export interface ReturnAst {
  readonly projections: readonly ProjectionAst[];
  readonly span: Span;
}

/** `Expr [as alias]` */
export interface ProjectionAst {
  readonly expr: ExprAst;
  readonly alias: Name | null;
  readonly span: Span;
}

/** `order { keys }` */
export interface OrderAst {
  readonly keys: readonly OrderKeyAst[];
  readonly span: Span;
}

/** One order key; `direction` null when not written. */
export interface OrderKeyAst {
  readonly expr: ExprAst;
  readonly direction: 'asc' | 'desc' | null;
  readonly span: Span;
}

/** `limit N` */
export interface LimitAst {
  readonly value: bigint;
  readonly span: Span;
}

// ---- expressions ------------------------------------------------------------------------------------------------

/** A literal as written (dates and datetimes keep their text; the checker validates them). */
export type LiteralAst =
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'int'; readonly value: bigint; readonly span: Span }
  | { readonly kind: 'float'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'bool'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'date'; readonly value: string; readonly span: Span }
  | { readonly kind: 'datetime'; readonly value: string; readonly span: Span }
  | { readonly kind: 'list'; readonly items: readonly LiteralAst[]; readonly span: Span };

/** `{ kind: 'literal' }` wrapper so literals sit in the expression union. */
export interface LiteralExprAst {
  readonly kind: 'literal';
  readonly literal: LiteralAst;
  readonly span: Span;
}

/** `$v` (a bound variable or a declared parameter; the checker decides). */
export interface VarExprAst {
  readonly kind: 'var';
  readonly name: Name;
  readonly span: Span;
}

/** `$v.prop` */
export interface PropExprAst {
  readonly kind: 'prop';
  readonly variable: Name;
  readonly property: Name;
  readonly span: Span;
}

/** `now()` */
export interface NowExprAst {
  readonly kind: 'now';
  readonly span: Span;
}

/** A bare identifier: a reference to a return alias. */
export interface AliasExprAst {
  readonly kind: 'alias';
  readonly name: Name;
  readonly span: Span;
}

/** `nearest($v.prop, q)` */
export interface NearestExprAst {
  readonly kind: 'nearest';
  readonly target: PropExprAst;
  readonly query: ExprAst;
  readonly span: Span;
}

/** `search(f, q)` / `match_text(f, q)` / `fuzzy(f, q[, e])` */
export interface TextCallAst {
  readonly kind: 'search' | 'fuzzy' | 'match_text';
  readonly field: ExprAst;
  readonly query: ExprAst;
  readonly maxEdits: ExprAst | null;
  readonly span: Span;
}

/** `bm25(f, q)` */
export interface Bm25ExprAst {
  readonly kind: 'bm25';
  readonly field: ExprAst;
  readonly query: ExprAst;
  readonly span: Span;
}

/** `rrf(r1, r2[, k])` */
export interface RrfExprAst {
  readonly kind: 'rrf';
  readonly first: NearestExprAst | Bm25ExprAst;
  readonly second: NearestExprAst | Bm25ExprAst;
  readonly k: ExprAst | null;
  readonly span: Span;
}

/** Aggregate function names. */
export type AggregateFn = 'count' | 'sum' | 'avg' | 'min' | 'max';

/** `count|sum|avg|min|max(expr)` */
export interface AggregateExprAst {
  readonly kind: 'aggregate';
  readonly fn: AggregateFn;
  readonly argument: ExprAst;
  readonly span: Span;
}

/** Any expression. */
export type ExprAst =
  | LiteralExprAst
  | VarExprAst
  | PropExprAst
  | NowExprAst
  | AliasExprAst
  | NearestExprAst
  | TextCallAst
  | Bm25ExprAst
  | RrfExprAst
  | AggregateExprAst;

/** A value in inline matches, assignments and predicates: literal, `$param` or `now()`. */
export type ValueAst = LiteralExprAst | VarExprAst | NowExprAst;

// ---- mutation bodies --------------------------------------------------------------------------------------------

/** One or more mutation statements. */
export interface MutationBodyAst {
  readonly kind: 'mutation';
  readonly statements: readonly MutationAst[];
}

/** A mutation statement. */
export type MutationAst = InsertAst | UpdateAst | DeleteAst;

/** `insert Type { assignments }` */
export interface InsertAst {
  readonly kind: 'insert';
  readonly typeName: Name;
  readonly assignments: readonly AssignAst[];
  readonly span: Span;
}

/** `update Type set { assignments } where predicate` */
export interface UpdateAst {
  readonly kind: 'update';
  readonly typeName: Name;
  readonly assignments: readonly AssignAst[];
  readonly where: PredicateAst;
  readonly span: Span;
}

/** `delete Type where predicate` */
export interface DeleteAst {
  readonly kind: 'delete';
  readonly typeName: Name;
  readonly where: PredicateAst;
  readonly span: Span;
}

/** `prop: value` */
export interface AssignAst {
  readonly name: Name;
  readonly value: ValueAst;
  readonly span: Span;
}

/** `prop op value` */
export interface PredicateAst {
  readonly property: Name;
  readonly op: CompOp;
  readonly value: ValueAst;
  readonly span: Span;
}

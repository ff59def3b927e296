// Filter expressions the predicate module understands, their context, and the operand values they resolve to.
import type { ExprNode, LogicalValue, QueryValueType } from '../../compiler/index.js';
import type { CompareNode } from '../../compiler/ir/compare-node.js';
import { OmniError } from '../../errors/index.js';

/** A filter: one IR comparison, a conjunction, or a negation (SQL three-valued logic throughout). */
export type FilterExpr =
  | CompareNode
  | { readonly kind: 'and'; readonly items: readonly FilterExpr[] }
  | { readonly kind: 'not'; readonly item: FilterExpr };

/** The runtime values a filter reads besides row properties: parameters and the query's fixed `now()`. */
export interface FilterValues {
  /** Parameter values by name (without `$`), already converted to logical values (see `LogicalValue`). */
  readonly params: Readonly<Record<string, LogicalValue>>;
  /** `now()` in ms since the epoch (UTC), fixed once per query execution. */
  readonly nowMillis: number;
}

/** A physical column a property lowers to, with the property's value type. */
export interface ColumnRef {
  readonly column: string;
  readonly type: QueryValueType;
}

/** Conjunction of filters (an empty list is always true). */
export function andFilter(items: readonly FilterExpr[]): FilterExpr {
  return Object.freeze({ kind: 'and', items: Object.freeze([...items]) });
}

/** Negation of a filter (`not(null)` stays null: never a match). */
export function notFilter(item: FilterExpr): FilterExpr {
  return Object.freeze({ kind: 'not', item });
}

/** A constant operand's value: a literal, a parameter or `now()`; undefined for anything else. */
export function constantValue(e: ExprNode, values: FilterValues): { readonly value: LogicalValue } | undefined {
  switch (e.kind) {
    case 'literal': {
      const v = e.value;
      switch (v.kind) {
        case 'string':
        case 'int':
        case 'float':
        case 'bool':
          return { value: v.value };
        case 'date':
          return { value: v.epochDays };
        case 'datetime':
          return { value: v.epochMillis };
        case 'list':
          return { value: v.items.map((i) => (i.kind === 'date' ? i.epochDays : i.kind === 'datetime' ? i.epochMillis : i.kind === 'list' ? null : i.value)) as LogicalValue };
      }
      return undefined;
    }
    case 'param': {
      if (!Object.hasOwn(values.params, e.name)) throw new OmniError('bad_request', `parameter '${e.name}' not provided`, { details: { param: e.name } });
      return { value: values.params[e.name] ?? null };
    }
    case 'now':
      return { value: values.nowMillis };
    default:
      return undefined;
  }
}

/** The scalar kind that decides how a value compares: 'num', 'str', 'bool', 'date', 'datetime', or null. */
export type CompareClass = 'num' | 'str' | 'bool' | 'date' | 'datetime' | 'other';

/** How values of `t` compare (enums compare as strings). */
export function compareClass(t: QueryValueType): CompareClass {
  if (t.kind === 'enum') return 'str';
  if (t.kind !== 'scalar') return 'other';
  switch (t.scalar) {
    case 'String':
      return 'str';
    case 'Bool':
      return 'bool';
    case 'Date':
      return 'date';
    case 'DateTime':
      return 'datetime';
    case 'Blob':
      return 'other';
    default:
      return 'num';
  }
}

// The TS filter evaluator: the query spec's filter semantics over rows keyed by property name (SQL null logic).
import type { ExprNode, LogicalValue, RowValues } from '../../compiler/index.js';
import type { CompareNode } from '../../compiler/ir/compare-node.js';
import type { PropertyNode as IrPropertyNode } from '../../compiler/ir/property-node.js';
import { constantValue, type FilterExpr, type FilterValues } from './filter-expr.js';

type PropertyNode = Extract<ExprNode, { kind: 'property' }>;

/** Three-valued truth: true, false, or null (unknown). Only `true` is a match. */
export type Truth = boolean | null;

/** A row: property name → logical value, or a resolver for multi-variable rows. Missing values read as null. */
export type FilterRow = RowValues | ((p: IrPropertyNode) => LogicalValue | undefined);

/**
 * Evaluate `filter` on one row with the exact semantics `lowerFilter`'s SQL has in Lance: a null operand makes a
 * comparison unknown; `not` of unknown is unknown; `and` is false if any item is false, else unknown if any is
 * unknown. Numbers compare by value across kinds (bigint vs number exactly), strings by code point (UTF-8 byte
 * order), booleans false < true, `contains` is a case-sensitive substring (String) or membership (`member`, lists),
 * `starts_with` a prefix. Returns true only for a match.
 * @example
 * evaluateFilter(cmp, { name: 'Alice', age: 30 }, { params: { min: 18 }, nowMillis: Date.now() }); // true
 */
export function evaluateFilter(filter: FilterExpr, row: FilterRow, values: FilterValues): boolean {
  return truthOf(filter, row, values) === true;
}

/** The three-valued truth of `filter` on `row` (see {@link evaluateFilter}). */
export function truthOf(filter: FilterExpr, row: FilterRow, values: FilterValues): Truth {
  switch (filter.kind) {
    case 'and': {
      let unknown = false;
      for (const item of filter.items) {
        const t = truthOf(item, row, values);
        if (t === false) return false;
        if (t === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'not': {
      const t = truthOf(filter.item, row, values);
      return t === null ? null : !t;
    }
    case 'compare':
      return compareTruth(filter, row, values);
  }
  return null;
}

function operand(e: ExprNode, row: FilterRow, values: FilterValues): LogicalValue {
  if (e.kind === 'property') {
    const v = typeof row === 'function' ? row(e) : row[(e as PropertyNode).property];
    return v ?? null;
  }
  const c = constantValue(e, values);
  if (c === undefined) throw new Error(`filter operand of kind ${e.kind} cannot be evaluated`);
  return c.value;
}

/** Compare two code-point strings in UTF-8 byte order (what Arrow and Lance use). */
export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) encode code points above U+FFFF, which sort after every BMP code point.
    const hx = x >= 0xd800 && x <= 0xdfff;
    const hy = y >= 0xd800 && y <= 0xdfff;
    if (hx !== hy) return hx ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** -1, 0, 1 for two non-null scalars of comparable kinds; null when they cannot be compared. */
export function compareScalars(a: LogicalValue, b: LogicalValue): number | null {
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    if (typeof a === 'number' && Number.isNaN(a)) return null;
    if (typeof b === 'number' && Number.isNaN(b)) return null;
    // Mixed bigint/number relational operators are exact in JS.
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return null;
}

function compareTruth(c: CompareNode, row: FilterRow, values: FilterValues): Truth {
  const l = operand(c.left, row, values);
  const r = operand(c.right, row, values);
  if (l === null || r === null) return null;
  switch (c.op) {
    case 'contains':
      if (Array.isArray(l)) return memberOf(l, r);
      return typeof l === 'string' && typeof r === 'string' ? l.includes(r) : null;
    case 'member':
      return Array.isArray(l) ? memberOf(l, r) : null;
    case 'starts_with':
      return typeof l === 'string' && typeof r === 'string' ? l.startsWith(r) : null;
    default: {
      const k = compareScalars(l, r);
      if (k === null) return null;
      switch (c.op) {
        case '=':
          return k === 0;
        case '!=':
          return k !== 0;
        case '<':
          return k < 0;
        case '<=':
          return k <= 0;
        case '>':
          return k > 0;
        case '>=':
          return k >= 0;
      }
    }
  }
  return null;
}

function memberOf(list: readonly unknown[], item: LogicalValue): Truth {
  for (const x of list) if (compareScalars(x as LogicalValue, item) === 0) return true;
  return false;
}

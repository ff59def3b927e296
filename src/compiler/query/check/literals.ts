// Literal typing: natural types in filters and projections, and fitting a literal to a property type (T3).
import type { Span } from '../../../errors/index.js';
import { LiteralNode } from '../../ir/literal-node.js';
import type { LiteralValue } from '../../ir/shared.js';
import { isInteger, isNumeric, listType, renderType, scalarType, withNullable, type ScalarKind, type ScalarType, type ValueType } from '../../ir/value-type.js';
import { MAX_DATETIME_MS, parseIsoDate, parseIsoDateTime } from '../../values/temporal.js';
import type { LiteralAst } from '../ast.js';
import type { CheckContext } from './context.js';

const I64_MAX = (1n << 63n) - 1n;
const INT_RANGES: Readonly<Partial<Record<ScalarKind, readonly [bigint, bigint]>>> = {
  I32: [-(1n << 31n), (1n << 31n) - 1n],
  U32: [0n, (1n << 32n) - 1n],
  I64: [-(1n << 63n), I64_MAX],
  // U64 values travel as i64 in the reference (params are limited to 2^63−1); literals follow the same bound.
  U64: [0n, I64_MAX],
};

/** Parse `YYYY-MM-DD` (the loader's rules) to its epoch day, or null when it is not a calendar day. */
function parseDate(text: string): { readonly value: string; readonly epochDays: number } | null {
  const days = parseIsoDate(text);
  return days === null ? null : { value: text, epochDays: days };
}

/** Parse an ISO-8601 instant (the loader's rules) to epoch milliseconds and canonical `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
function parseDateTime(text: string): { readonly value: string; readonly epochMillis: number } | null {
  const ms = parseIsoDateTime(text);
  if (ms === null || Math.abs(ms) > MAX_DATETIME_MS) return null;
  return { value: new Date(ms).toISOString(), epochMillis: ms };
}

/** What a literal is, for messages: `string "x"`, `integer 3`, `list literal`. */
function describeLiteral(lit: LiteralAst): string {
  switch (lit.kind) {
    case 'string':
      return `string ${JSON.stringify(lit.value)}`;
    case 'int':
      return `integer ${lit.value}`;
    case 'float':
      return `float ${lit.text}`;
    case 'bool':
      return `bool ${lit.value}`;
    case 'date':
      return `date(${JSON.stringify(lit.value)})`;
    case 'datetime':
      return `datetime(${JSON.stringify(lit.value)})`;
    case 'list':
      return 'list literal';
  }
}

/** The scalar value of a non-list literal with its natural type, or null after reporting (Q112). */
function scalarValue(ctx: CheckContext, lit: Exclude<LiteralAst, { kind: 'list' }>): { value: LiteralValue; type: ScalarType } | null {
  switch (lit.kind) {
    case 'string':
      return { value: { kind: 'string', value: lit.value }, type: scalarType('String') };
    case 'bool':
      return { value: { kind: 'bool', value: lit.value }, type: scalarType('Bool') };
    case 'int':
      if (lit.value > I64_MAX) return bad(ctx, `integer literal ${lit.value} is out of range (max ${I64_MAX})`, lit.span);
      return { value: { kind: 'int', value: lit.value }, type: scalarType('I64') };
    case 'float':
      if (!Number.isFinite(lit.value)) return bad(ctx, `float literal ${lit.text} is out of range`, lit.span);
      return { value: { kind: 'float', value: lit.value }, type: scalarType('F64') };
    case 'date': {
      const d = parseDate(lit.value);
      if (!d) return bad(ctx, `invalid date literal ${JSON.stringify(lit.value)} (expected YYYY-MM-DD)`, lit.span);
      return { value: { kind: 'date', ...d }, type: scalarType('Date') };
    }
    case 'datetime': {
      const d = parseDateTime(lit.value);
      if (!d) return bad(ctx, `invalid datetime literal ${JSON.stringify(lit.value)} (expected YYYY-MM-DDTHH:MM:SSZ)`, lit.span);
      return { value: { kind: 'datetime', ...d }, type: scalarType('DateTime') };
    }
  }
}

function bad(ctx: CheckContext, message: string, span: Span): null {
  ctx.error('Q112', message, span);
  return null;
}

/** The common element type of list items: equal kinds, or any numbers (→ F64 when a float is present). */
function unifyElements(types: readonly ScalarType[]): ScalarType | null {
  const first = types[0];
  if (first === undefined) return scalarType('String');
  if (types.every((t) => t.scalar === first.scalar)) return first;
  if (types.every((t) => isNumeric(t))) return scalarType(types.some((t) => t.scalar === 'F64') ? 'F64' : 'I64');
  return null;
}

/**
 * Type a literal on its own (filters, projections): integers `I64`, floats `F64`, lists by their elements (an
 * empty list is `[String]`). Reports Q105/Q106/Q112 and returns null on error.
 */
export function naturalLiteral(ctx: CheckContext, lit: LiteralAst): LiteralNode | null {
  if (lit.kind !== 'list') {
    const v = scalarValue(ctx, lit);
    return v ? LiteralNode.create({ type: v.type, value: v.value }) : null;
  }
  const items: { value: LiteralValue; type: ScalarType }[] = [];
  for (const item of lit.items) {
    if (item.kind === 'list') {
      ctx.error('Q106', 'nested list literals are not supported', item.span);
      return null;
    }
    const v = scalarValue(ctx, item);
    if (!v) return null;
    items.push(v);
  }
  const element = unifyElements(items.map((i) => i.type));
  if (!element) {
    ctx.error('Q105', 'list literal elements must share a compatible scalar type', lit.span);
    return null;
  }
  return LiteralNode.create({ type: listType(element), value: { kind: 'list', items: items.map((i) => i.value) } });
}

/** Why `lit` does not fit `target`, or null when it fits (dates are validated separately). */
function misfit(lit: LiteralAst, target: ValueType, what: string): string | null {
  const expects = `${what} expects ${renderType(target)}, got ${describeLiteral(lit)}`;
  switch (target.kind) {
    case 'enum':
      if (lit.kind === 'string' && target.values.includes(lit.value)) return null;
      return lit.kind === 'string' ? `${what} expects one of [${target.values.join(', ')}], got '${lit.value}'` : expects;
    case 'list':
      if (lit.kind !== 'list') return expects;
      for (const item of lit.items) {
        const m = misfit(item, target.element, `${what} element`);
        if (m !== null) return m;
      }
      return null;
    case 'vector':
      if (lit.kind !== 'list' || lit.items.some((i) => i.kind !== 'int' && i.kind !== 'float')) return expects;
      return lit.items.length === target.dim ? null : `${what} expects ${target.dim} values for Vector(${target.dim}), got ${lit.items.length}`;
    case 'node':
      return expects;
    case 'scalar':
      break;
  }
  const s = target.scalar;
  if (isInteger(target)) {
    if (lit.kind !== 'int') return expects;
    const range = INT_RANGES[s] as readonly [bigint, bigint];
    return lit.value >= range[0] && lit.value <= range[1] ? null : `value ${lit.value} exceeds ${s} for ${what}`;
  }
  const ok =
    (s === 'String' && lit.kind === 'string') ||
    (s === 'Blob' && lit.kind === 'string') ||
    (s === 'Bool' && lit.kind === 'bool') ||
    ((s === 'F32' || s === 'F64') && (lit.kind === 'int' || lit.kind === 'float')) ||
    (s === 'Date' && lit.kind === 'date') ||
    (s === 'DateTime' && lit.kind === 'datetime');
  return ok ? null : expects;
}

/**
 * Type a literal written for a property (inline match, assignment, mutation predicate): it must fit `target`
 * (T3 otherwise); the node carries the property's type, non-null.
 */
export function fitLiteral(ctx: CheckContext, lit: LiteralAst, target: ValueType, what: string): LiteralNode | null {
  const m = misfit(lit, target, what);
  if (m !== null) {
    ctx.error('T3', m, lit.span);
    return null;
  }
  const natural = naturalLiteral(ctx, lit);
  return natural ? LiteralNode.create({ type: withNullable(target, false), value: natural.value }) : null;
}

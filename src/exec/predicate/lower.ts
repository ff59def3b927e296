// Lowering filters to Lance SQL over physical columns, only where the SQL has exactly the evaluator's semantics.
import type { CompareNode } from '../../compiler/ir/compare-node.js';
import { formatIsoDate, type ExprNode, type LogicalValue, type QueryValueType } from '../../compiler/index.js';
import { sqlColumn, sqlString } from '../../store/lance/index.js';
import { truthOf, type Truth } from './evaluate.js';
import { compareClass, constantValue, type FilterExpr, type FilterValues } from './filter-expr.js';

type PropertyNode = Extract<ExprNode, { kind: 'property' }>;

/** What lowering needs: the physical column of a property (null when it is not a column of the scanned table). */
export interface LowerContext extends FilterValues {
  column(p: PropertyNode): string | null;
}

type Lowered = { readonly sql: string } | { readonly truth: Truth };

const INT_RANGE: Readonly<Record<string, readonly [bigint, bigint]>> = {
  I32: [-(2n ** 31n), 2n ** 31n - 1n],
  I64: [-(2n ** 63n), 2n ** 63n - 1n],
  U32: [0n, 2n ** 32n - 1n],
  U64: [0n, 2n ** 63n - 1n], // beyond i64 a literal would not parse as an integer literal: treated as not lowerable
};
const U64_MAX = 2n ** 64n - 1n;
type Op = CompareNode['op'];
const FLIP: Readonly<Record<string, Op>> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const SQL_OP: Readonly<Record<string, string>> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * Lower `filter` to a Lance SQL predicate over physical columns (`ctx.column` maps a property to its column), or
 * null when some part cannot be expressed exactly (a property of another table, Blob/vector operands, a bigint not
 * exactly representable against a float column, …). The SQL keeps SQL null semantics, so rows it selects are
 * exactly those `evaluateFilter` accepts. A filter that can never match lowers to `FALSE`.
 * @example
 * lowerFilter(cmp, { column: (p) => person.properties[p.property]?.column ?? null, params: {}, nowMillis: 0 }); // "p3 > 30"
 */
export function lowerFilter(filter: FilterExpr, ctx: LowerContext): string | null {
  const r = lower(filter, ctx);
  if (r === null) return null;
  if ('sql' in r) return r.sql;
  return r.truth === true ? 'TRUE' : 'FALSE';
}

function lower(f: FilterExpr, ctx: LowerContext): Lowered | null {
  switch (f.kind) {
    case 'and': {
      const parts: string[] = [];
      let unknown = false;
      for (const item of f.items) {
        const r = lower(item, ctx);
        if (r === null) return null;
        if ('sql' in r) parts.push(`(${r.sql})`);
        else if (r.truth === false) return { truth: false };
        else if (r.truth === null) unknown = true;
      }
      if (unknown) parts.push('CAST(NULL AS BOOLEAN)');
      return parts.length === 0 ? { truth: true } : { sql: parts.join(' AND ') };
    }
    case 'not': {
      const r = lower(f.item, ctx);
      if (r === null) return null;
      if ('sql' in r) return { sql: `NOT (${r.sql})` };
      return { truth: r.truth === null ? null : !r.truth };
    }
    case 'compare':
      return lowerCompare(f, ctx);
  }
  return null;
}

function lowerCompare(c: CompareNode, ctx: LowerContext): Lowered | null {
  const lc = c.left.kind === 'property' ? null : constantValue(c.left, ctx);
  const rc = c.right.kind === 'property' ? null : constantValue(c.right, ctx);
  if ((lc === undefined && c.left.kind !== 'property') || (rc === undefined && c.right.kind !== 'property')) return null;
  if (lc && rc) return { truth: truthOf(c, {}, ctx) };
  if (lc?.value === null || rc?.value === null) return { truth: null };
  if (c.left.kind === 'property' && c.right.kind === 'property') return columnVsColumn(c, ctx);
  const propOnLeft = c.left.kind === 'property';
  const prop = (propOnLeft ? c.left : c.right) as PropertyNode;
  const value = (propOnLeft ? rc : lc)!.value;
  const col = ctx.column(prop);
  if (col === null) return null;
  const column = sqlColumn(col);
  if (c.op === 'member' || (c.op === 'contains' && prop.type.kind === 'list')) {
    if (!propOnLeft || prop.type.kind !== 'list') return null;
    const lit = literalFor(prop.type.element, value);
    return lit === null ? null : { sql: `array_has(${column}, ${lit})` };
  }
  if (c.op === 'contains' || c.op === 'starts_with') {
    if (compareClass(prop.type) !== 'str' || typeof value !== 'string') return null;
    const [a, b] = propOnLeft ? [column, sqlString(value)] : [sqlString(value), column];
    return { sql: c.op === 'contains' ? `strpos(${a}, ${b}) > 0` : `starts_with(${a}, ${b})` };
  }
  const op = propOnLeft ? c.op : FLIP[c.op]!;
  return columnVsValue(column, prop.type, op, value);
}

function columnVsColumn(c: CompareNode, ctx: LowerContext): Lowered | null {
  const l = c.left as PropertyNode;
  const r = c.right as PropertyNode;
  const a = ctx.column(l);
  const b = ctx.column(r);
  if (a === null || b === null) return null;
  const kl = compareClass(l.type);
  if (kl !== compareClass(r.type) || kl === 'other') return null;
  if (c.op === 'contains' || c.op === 'starts_with') {
    if (kl !== 'str') return null;
    return { sql: c.op === 'contains' ? `strpos(${sqlColumn(a)}, ${sqlColumn(b)}) > 0` : `starts_with(${sqlColumn(a)}, ${sqlColumn(b)})` };
  }
  if (c.op === 'member') return null;
  // Mixed numeric kinds would be cast inexactly (or to a float) by the SQL engine.
  if (kl === 'num' && (l.type.kind !== 'scalar' || r.type.kind !== 'scalar' || l.type.scalar !== r.type.scalar)) return null;
  if (kl === 'num' && l.type.kind === 'scalar' && (l.type.scalar === 'F32' || l.type.scalar === 'F64')) return null; // -0.0 / total order
  return { sql: `${sqlColumn(a)} ${SQL_OP[c.op]} ${sqlColumn(b)}` };
}

/** A null-preserving constant: unknown for a null cell, else `truth`. */
function always(column: string, truth: boolean): Lowered {
  return { sql: truth ? `${column} = ${column}` : `${column} <> ${column}` };
}

function columnVsValue(column: string, t: QueryValueType, op: Op, value: LogicalValue): Lowered | null {
  const cls = compareClass(t);
  const sqlOp = SQL_OP[op];
  if (sqlOp === undefined) return null;
  switch (cls) {
    case 'str':
      return typeof value === 'string' ? { sql: `${column} ${sqlOp} ${sqlString(value)}` } : null;
    case 'bool':
      return typeof value === 'boolean' ? { sql: `${column} ${sqlOp} ${value ? 'TRUE' : 'FALSE'}` } : null;
    case 'date': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return null;
      const text = formatIsoDate(value);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
      return { sql: `${column} ${sqlOp} CAST('${text}' AS DATE)` };
    }
    case 'datetime':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return null;
      return { sql: `CAST(${column} AS BIGINT) ${sqlOp} ${value}` };
    case 'num':
      if (t.kind !== 'scalar') return null;
      return t.scalar === 'F32' || t.scalar === 'F64' ? floatVsValue(column, op, value, t.scalar === 'F32') : intVsValue(column, t.scalar, op, value);
    default:
      return null;
  }
}

function intVsValue(column: string, kind: string, op: Op, value: LogicalValue): Lowered | null {
  let v: bigint;
  let o = op;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number') {
    if (Number.isNaN(value)) return null;
    if (value === Infinity || value === -Infinity) {
      const up = value > 0;
      if (o === '=') return always(column, false);
      if (o === '!=') return always(column, true);
      return always(column, up ? o === '<' || o === '<=' : o === '>' || o === '>=');
    }
    if (Number.isInteger(value)) v = BigInt(value);
    else {
      // An integer column never equals a fractional value; order comparisons move to the neighbouring integer.
      if (o === '=') return always(column, false);
      if (o === '!=') return always(column, true);
      if (o === '<' || o === '<=') {
        v = BigInt(Math.floor(value));
        o = '<=';
      } else {
        v = BigInt(Math.ceil(value));
        o = '>=';
      }
    }
  } else return null;
  const [min, max] = INT_RANGE[kind]!;
  const realMax = kind === 'U64' ? U64_MAX : max;
  if (v < min) return always(column, o === '!=' || o === '>' || o === '>=');
  if (v > realMax) return always(column, o === '!=' || o === '<' || o === '<=');
  if (v > max) return null;
  if (v === min && kind === 'I64') {
    // The minimum has no integer literal in SQL (it parses as a negated, overflowing positive).
    const above = `${column} >= ${min + 1n}`;
    if (o === '>=') return always(column, true);
    if (o === '<') return always(column, false);
    if (o === '>' || o === '!=') return { sql: above };
    return { sql: `${column} < ${min + 1n}` };
  }
  return { sql: `${column} ${SQL_OP[o]} ${v}` };
}

function floatLiteral(x: number): string {
  return x.toExponential();
}

function floatVsValue(column: string, op: Op, value: LogicalValue, f32: boolean): Lowered | null {
  let x: number;
  if (typeof value === 'number') x = value;
  else if (typeof value === 'bigint') {
    x = Number(value);
    if (!Number.isFinite(x) || BigInt(x) !== value) return null;
  } else return null;
  if (!Number.isFinite(x)) return null;
  if (x === 0) {
    // Lance orders floats totally (-0.0 < 0.0); the query semantics treat both zeros as equal.
    switch (op) {
      case '=':
        return { sql: `(${column} = 0.0e0 OR ${column} = -0.0e0)` };
      case '!=':
        return { sql: `(${column} <> 0.0e0 AND ${column} <> -0.0e0)` };
      case '<':
        return { sql: `${column} < -0.0e0` };
      case '<=':
        return { sql: `${column} <= 0.0e0` };
      case '>':
        return { sql: `${column} > 0.0e0` };
      case '>=':
        return { sql: `${column} >= -0.0e0` };
    }
    return null;
  }
  if (f32 && Math.fround(x) !== x) {
    // Lance casts the literal to the column's Float32: compare with the neighbouring float32 values instead.
    if (op === '=') return always(column, false);
    if (op === '!=') return always(column, true);
    const down = op === '<' || op === '<=';
    const y = down ? f32Below(x) : f32Above(x);
    if (!Number.isFinite(y)) return always(column, down ? y > 0 : y < 0);
    return { sql: `${column} ${down ? '<=' : '>='} ${floatLiteral(y)}` };
  }
  return { sql: `${column} ${SQL_OP[op]} ${floatLiteral(x)}` };
}

/** The greatest float32 value below `x` (x not a float32), or ±Infinity past the range. */
function f32Below(x: number): number {
  const f = Math.fround(x);
  return f < x ? f : stepF32(f, -1);
}

/** The least float32 value above `x` (x not a float32), or ±Infinity past the range. */
function f32Above(x: number): number {
  const f = Math.fround(x);
  return f > x ? f : stepF32(f, 1);
}

function stepF32(f: number, dir: 1 | -1): number {
  if (!Number.isFinite(f)) return f > 0 ? (dir > 0 ? Infinity : 3.4028234663852886e38) : dir < 0 ? -Infinity : -3.4028234663852886e38;
  const buf = new Float32Array([f]);
  const bits = new Uint32Array(buf.buffer);
  if (f === 0) {
    bits[0] = dir > 0 ? 1 : 0x80000001;
    return buf[0]!;
  }
  bits[0] = bits[0]! + ((f > 0) === (dir > 0) ? 1 : -1);
  return buf[0]!;
}

function literalFor(t: QueryValueType, value: LogicalValue): string | null {
  switch (compareClass(t)) {
    case 'str':
      return typeof value === 'string' ? sqlString(value) : null;
    case 'bool':
      return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : null;
    case 'num': {
      if (t.kind !== 'scalar' || t.scalar === 'F32' || t.scalar === 'F64') return null;
      const v = typeof value === 'bigint' ? value : typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : null;
      if (v === null) return null;
      const [min, max] = INT_RANGE[t.scalar]!;
      return v < min || v > max ? null : String(v);
    }
    default:
      return null;
  }
}

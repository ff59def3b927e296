// Run-time values of the executor: literal and parameter conversion, comparison with SQL null semantics, JSON encoding.
import type { CellValue } from '../../graphindex/index.js';
import { formatIsoDate, parseIsoDate, parseIsoDateTime, type QueryValueType } from '../../compiler/index.js';
import type { LiteralValue, ParamDecl } from '../../compiler/ir/shared.js';
import { OmniError } from '../../errors/index.js';

export type { CellValue };

/** A literal's run-time value (ints as bigint, dates as epoch days, date-times as epoch ms). */
export function literalValue(v: LiteralValue): CellValue {
  switch (v.kind) {
    case 'date':
      return v.epochDays;
    case 'datetime':
      return v.epochMillis;
    case 'list':
      return v.items.map(literalValue);
    default:
      return v.value;
  }
}

const INT_RANGE: Record<string, readonly [bigint, bigint]> = {
  I32: [-(2n ** 31n), 2n ** 31n - 1n],
  U32: [0n, 2n ** 32n - 1n],
  I64: [-(2n ** 63n), 2n ** 63n - 1n],
  U64: [0n, 2n ** 63n - 1n],
};

function bad(name: string, message: string): OmniError {
  return new OmniError('bad_request', `parameter '${name}': ${message}`, { details: { parameter: name } });
}

function convertScalar(name: string, t: QueryValueType, v: unknown): CellValue {
  if (t.kind === 'enum') {
    if (typeof v !== 'string') throw bad(name, 'expected a string');
    return v;
  }
  if (t.kind === 'list') {
    if (!Array.isArray(v)) throw bad(name, 'expected an array');
    return v.map((x) => convertScalar(name, t.element, x));
  }
  if (t.kind === 'vector') {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'number')) throw bad(name, `expected an array of ${t.dim} numbers`);
    if (v.length !== t.dim) throw bad(name, `expected ${t.dim} values for Vector(${t.dim}), got ${v.length}`);
    return v as number[];
  }
  if (t.kind === 'node') throw bad(name, 'node references cannot be parameters');
  switch (t.scalar) {
    case 'String':
    case 'Blob':
      if (typeof v !== 'string') throw bad(name, 'expected a string');
      return v;
    case 'Bool':
      if (typeof v !== 'boolean') throw bad(name, 'expected a boolean');
      return v;
    case 'F32':
    case 'F64':
      if (typeof v !== 'number') throw bad(name, 'expected a number');
      return t.scalar === 'F32' ? Math.fround(v) : v;
    case 'Date': {
      const d = typeof v === 'string' ? parseIsoDate(v) : null;
      if (d === null) throw bad(name, 'expected a date string YYYY-MM-DD');
      return d;
    }
    case 'DateTime': {
      const d = typeof v === 'string' ? parseIsoDateTime(v) : null;
      if (d === null) throw bad(name, 'expected an ISO-8601 date-time string');
      return d;
    }
    default: {
      let n: bigint;
      if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
      else if (typeof v === 'string' && /^-?\d+$/.test(v)) n = BigInt(v);
      else throw bad(name, `expected an integer for ${t.scalar}`);
      const [lo, hi] = INT_RANGE[t.scalar] as readonly [bigint, bigint];
      if (n < lo || n > hi) throw bad(name, `value ${n} exceeds ${t.scalar}`);
      return t.scalar === 'I32' || t.scalar === 'U32' ? Number(n) : n;
    }
  }
}

/**
 * Convert JSON parameter values by the declared types (spec §3): missing non-nullable → `bad_request`
 * (`parameter 'x' not provided`), omitted nullable → null, undeclared keys ignored.
 */
export function convertParams(decls: readonly ParamDecl[], json: Readonly<Record<string, unknown>>): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const d of decls) {
    const v = Object.hasOwn(json, d.name) ? json[d.name] : undefined;
    if (v === undefined || v === null) {
      if (!d.type.nullable) {
        throw new OmniError('bad_request', v === null ? `parameter '${d.name}': null is not accepted for non-nullable parameter` : `parameter '${d.name}' not provided`, {
          details: { parameter: d.name },
        });
      }
      out.set(d.name, null);
      continue;
    }
    out.set(d.name, convertScalar(d.name, d.type, v));
  }
  return out;
}

function isNum(v: CellValue): v is number | bigint {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** Total order of two non-null values of compatible types (numbers and bigints by value, strings by code unit). */
export function compareValues(a: CellValue, b: CellValue): number {
  if (isNum(a) && isNum(b)) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareNullable(a[i] as CellValue, b[i] as CellValue);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  return 0;
}

/** Like {@link compareValues} with null as the smallest value (nulls first ascending, last descending). */
export function compareNullable(a: CellValue, b: CellValue): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  return compareValues(a, b);
}

/** JSON encoding of one result value by its type (spec §11; JavaScript-safe integers). */
export function encodeValue(t: QueryValueType, v: CellValue): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'list':
      return (v as readonly CellValue[]).map((x) => encodeValue(t.element, x));
    case 'vector':
      return [...(v as readonly number[])];
    case 'node':
    case 'enum':
      return v;
    case 'scalar':
      switch (t.scalar) {
        case 'Date':
          return formatIsoDate(Number(v));
        case 'DateTime':
          return new Date(Number(v)).toISOString();
        case 'F32':
        case 'F64': {
          const n = Number(v);
          return Number.isNaN(n) ? 'NaN' : n === Infinity ? 'Infinity' : n === -Infinity ? '-Infinity' : n;
        }
        case 'I64':
        case 'U64':
        case 'I32':
        case 'U32':
          if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
          return v;
        default:
          return v;
      }
  }
}

// Mutation values: JSON parameters converted to logical values by declared type, and values coerced to a property.
import { parseIsoDate, parseIsoDateTime, type LogicalValue, type Property, type QueryValueType, type ScalarValue } from '../../compiler/index.js';
import type { ParamDecl } from '../../compiler/ir/shared.js';
import { RequestError } from '../../errors/index.js';

const INT_BOUNDS: Readonly<Record<string, readonly [bigint, bigint]>> = {
  I32: [-(2n ** 31n), 2n ** 31n - 1n],
  I64: [-(2n ** 63n), 2n ** 63n - 1n],
  U32: [0n, 2n ** 32n - 1n],
  U64: [0n, 2n ** 64n - 1n],
};

function bad(param: string, why: string): RequestError {
  return new RequestError('bad_request', `parameter '${param}' ${why}`, { details: { param } });
}

function toInteger(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?(0|[1-9]\d*)$/.test(v)) return BigInt(v);
  return null;
}

function scalarParam(scalar: string, v: unknown, name: string): ScalarValue {
  switch (scalar) {
    case 'String':
      if (typeof v !== 'string') throw bad(name, `expects a string, got ${JSON.stringify(v)}`);
      return v;
    case 'Bool':
      if (typeof v !== 'boolean') throw bad(name, `expects true or false, got ${JSON.stringify(v)}`);
      return v;
    case 'F32':
    case 'F64':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw bad(name, `expects a finite number, got ${JSON.stringify(v)}`);
      return scalar === 'F32' ? Math.fround(v) : v;
    case 'Date': {
      const d = typeof v === 'string' ? parseIsoDate(v) : typeof v === 'number' && Number.isInteger(v) ? v : null;
      if (d === null) throw bad(name, `expects a date ("YYYY-MM-DD" or days since 1970-01-01), got ${JSON.stringify(v)}`);
      return d;
    }
    case 'DateTime': {
      const t = typeof v === 'string' ? parseIsoDateTime(v) : typeof v === 'number' && Number.isInteger(v) ? v : null;
      if (t === null) throw bad(name, `expects an RFC 3339 date-time or epoch milliseconds, got ${JSON.stringify(v)}`);
      return t;
    }
    case 'Blob':
      if (typeof v !== 'string') throw bad(name, `expects a string, got ${JSON.stringify(v)}`);
      return v;
    default: {
      const i = toInteger(v);
      const [lo, hi] = INT_BOUNDS[scalar]!;
      if (i === null || i < lo || i > hi) throw bad(name, `expects an integer within ${scalar} range, got ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`);
      return scalar === 'I32' || scalar === 'U32' ? Number(i) : i;
    }
  }
}

function convertParam(t: QueryValueType, v: unknown, name: string): LogicalValue {
  if (v === null || v === undefined) {
    if (!t.nullable) throw bad(name, v === undefined ? 'not provided' : 'is not nullable');
    return null;
  }
  switch (t.kind) {
    case 'scalar':
      return scalarParam(t.scalar, v, name);
    case 'enum':
      if (typeof v !== 'string') throw bad(name, `expects a string, got ${JSON.stringify(v)}`);
      return v;
    case 'list':
      if (!Array.isArray(v)) throw bad(name, 'expects an array');
      return v.map((x) => convertParam(t.element, x, name) as ScalarValue);
    case 'vector':
      if (!Array.isArray(v) || v.length !== t.dim || v.some((x) => typeof x !== 'number')) throw bad(name, `expects ${t.dim} numbers`);
      return v.map((x) => Math.fround(x as number));
    case 'node':
      if (typeof v !== 'string') throw bad(name, 'expects a node id string');
      return v;
  }
}

/**
 * Convert caller-supplied JSON params (integers also as bigint or decimal strings) to logical values by their declared
 * types. A missing non-nullable param, an undeclared param and a wrong type are `bad_request`.
 */
export function convertParams(decls: readonly ParamDecl[], params: Readonly<Record<string, unknown>>): Record<string, LogicalValue> {
  const out: Record<string, LogicalValue> = {};
  const declared = new Set(decls.map((d) => d.name));
  for (const k of Object.keys(params)) if (!declared.has(k)) throw bad(k, 'is not declared by the query');
  for (const d of decls) out[d.name] = convertParam(d.type, Object.hasOwn(params, d.name) ? params[d.name] : undefined, d.name);
  return out;
}

/** A value as property `p` stores it (integer width, F32 rounding, a String as a Blob). `constraint_violation` when it does not fit. */
export function coerceToProperty(typeName: string, p: Property, v: LogicalValue): LogicalValue {
  if (v === null) return null;
  const t = p.type;
  const fail = (why: string): never => {
    throw new RequestError('constraint_violation', `value for ${typeName}.${p.name} ${why}`, { details: { type: typeName, property: p.name } });
  };
  if (t.kind === 'scalar') {
    switch (t.scalar) {
      case 'I32':
      case 'U32':
      case 'I64':
      case 'U64': {
        const i = toInteger(v);
        const [lo, hi] = INT_BOUNDS[t.scalar]!;
        if (i === null || i < lo || i > hi) return fail(`exceeds ${t.scalar} range`);
        return t.scalar === 'I32' || t.scalar === 'U32' ? Number(i) : i;
      }
      case 'F32':
        return Math.fround(Number(v));
      case 'F64':
        return Number(v);
      case 'Blob':
        if (typeof v === 'string') {
          if (!v.startsWith('base64:')) return { kind: 'external', uri: v };
          const base64 = v.slice('base64:'.length);
          return { kind: 'managed', base64, size: Buffer.from(base64, 'base64').length };
        }
        return v;
      default:
        return v;
    }
  }
  if (t.kind === 'list' && Array.isArray(v) && (t.element === 'I64' || t.element === 'U64')) return v.map((x) => toInteger(x) ?? fail('holds a non-integer')) as ScalarValue[];
  if (t.kind === 'vector' && Array.isArray(v)) return (v as number[]).map((x) => Math.fround(x));
  return v;
}

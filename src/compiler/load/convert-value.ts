// Strict conversion of one JSON value to a property's logical value (spec §9.2); wrong types are errors, never null.
import type { LoadDiagnosticCode } from '../diagnostics/codes.js';
import { formatPropertyType } from '../catalog/property-type.js';
import type { ListElementType, PropertyType, ScalarType } from '../catalog/types.js';
import type { BlobValue, LogicalValue, ScalarValue } from '../values/logical-value.js';
import { MAX_DATETIME_MS, parseIsoDate, parseIsoDateTime } from '../values/temporal.js';
import { jsonTypeName, type JsonValue } from './strict-json.js';

/** Largest decoded Blob value a load line may carry. */
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

/** A converted value, or the load code and message explaining the rejection. */
export type Converted = { readonly ok: true; readonly value: LogicalValue } | { readonly ok: false; readonly code: LoadDiagnosticCode; readonly message: string };

const INT_LIMITS: Readonly<Record<'I32' | 'I64' | 'U32' | 'U64', readonly [bigint, bigint, string]>> = {
  I32: [-(2n ** 31n), 2n ** 31n - 1n, 'Int32'],
  I64: [-(2n ** 63n), 2n ** 63n - 1n, 'Int64'],
  U32: [0n, 2n ** 32n - 1n, 'UInt32'],
  U64: [0n, 2n ** 64n - 1n, 'UInt64'],
};
const INTEGER_TEXT = /^-?(?:0|[1-9]\d*)$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const ok = (value: LogicalValue): Converted => ({ ok: true, value });
const no = (code: LoadDiagnosticCode, message: string): Converted => ({ ok: false, code, message });

/**
 * Convert `v` for a property of type `type` (`v` is never JSON null here; the caller handles nullability).
 * `property` is the name used in messages. Enum membership, `@range` and `@check` are row checks, not done here.
 */
export function convertValue(type: PropertyType, v: JsonValue, property: string): Converted {
  switch (type.kind) {
    case 'enum':
      return v.kind === 'string' ? ok(v.value) : expects(property, formatPropertyType(type), v);
    case 'scalar':
      return convertScalar(type.scalar, v, property);
    case 'vector': {
      if (v.kind !== 'array') return expects(property, `Vector(${type.dimension}) (an array of numbers)`, v);
      if (v.items.length !== type.dimension) return no('J116', `property '${property}' expects ${type.dimension} dimensions, got ${v.items.length}`);
      const out: number[] = [];
      for (const item of v.items) {
        if (item.kind !== 'number') return no('J108', `property '${property}': vector elements must be numeric, got ${jsonTypeName(item)}`);
        const x = Math.fround(Number(item.text));
        if (!Number.isFinite(x)) return no('J109', `property '${property}': vector element ${item.text} exceeds Float32 range`);
        out.push(x);
      }
      return ok(out);
    }
    case 'list': {
      if (v.kind !== 'array') return expects(property, `[${type.element}] (an array)`, v);
      const out: ScalarValue[] = [];
      for (let i = 0; i < v.items.length; i++) {
        const item = v.items[i] as JsonValue;
        if (item.kind === 'null') return no('J108', `list property '${property}' cannot contain null items (item ${i})`);
        const c = convertScalar(type.element as ListElementType, item, `${property}[${i}]`);
        if (!c.ok) return c;
        out.push(c.value as ScalarValue);
      }
      return ok(out);
    }
  }
}

function expects(property: string, what: string, v: JsonValue): Converted {
  return no('J108', `strict property '${property}' expects ${what}, got ${jsonTypeName(v)}`);
}

function convertScalar(scalar: ScalarType, v: JsonValue, property: string): Converted {
  switch (scalar) {
    case 'String':
      return v.kind === 'string' ? ok(v.value) : expects(property, 'String', v);
    case 'Bool':
      return v.kind === 'bool' ? ok(v.value) : expects(property, 'Bool', v);
    case 'I32':
    case 'I64':
    case 'U32':
    case 'U64': {
      if (v.kind !== 'number' || !INTEGER_TEXT.test(v.text)) return expects(property, `an integer (${scalar})`, v.kind === 'number' ? { kind: 'string', value: v.text } : v);
      const n = BigInt(v.text);
      const [lo, hi, name] = INT_LIMITS[scalar];
      if (n < lo || n > hi) return no('J109', `property '${property}': value ${v.text} exceeds ${name} range`);
      return ok(scalar === 'I32' || scalar === 'U32' ? Number(n) : n);
    }
    case 'F32':
    case 'F64': {
      if (v.kind !== 'number') return expects(property, scalar, v);
      const x = Number(v.text);
      const stored = scalar === 'F32' ? Math.fround(x) : x;
      if (!Number.isFinite(stored)) return no('J109', `property '${property}': value ${v.text} exceeds ${scalar === 'F32' ? 'Float32' : 'Float64'} range`);
      return ok(stored);
    }
    case 'Date': {
      if (v.kind === 'string') {
        const days = parseIsoDate(v.value);
        return days === null ? no('J108', `strict property '${property}' expects a date "YYYY-MM-DD" or epoch days, got "${v.value}"`) : ok(days);
      }
      if (v.kind !== 'number' || !INTEGER_TEXT.test(v.text)) return expects(property, 'a date ("YYYY-MM-DD" or integer days since 1970-01-01)', v);
      const days = Number(v.text);
      if (days < -(2 ** 31) || days > 2 ** 31 - 1) return no('J109', `property '${property}': value ${v.text} exceeds Date32 range`);
      return ok(days);
    }
    case 'DateTime': {
      if (v.kind === 'string') {
        const ms = parseIsoDateTime(v.value);
        if (ms === null) return no('J108', `strict property '${property}' expects an RFC 3339 timestamp or epoch milliseconds, got "${v.value}"`);
        return Math.abs(ms) > MAX_DATETIME_MS ? no('J109', `property '${property}': "${v.value}" exceeds the DateTime range`) : ok(ms);
      }
      if (v.kind !== 'number' || !INTEGER_TEXT.test(v.text)) return expects(property, 'a DateTime (RFC 3339 string or integer epoch milliseconds)', v);
      const ms = Number(v.text);
      return Math.abs(ms) > MAX_DATETIME_MS ? no('J109', `property '${property}': value ${v.text} exceeds the DateTime range`) : ok(ms);
    }
    case 'Blob':
      return convertBlob(v, property);
  }
}

function convertBlob(v: JsonValue, property: string): Converted {
  if (v.kind !== 'string' || v.value === '') return expects(property, 'Blob ("base64:<data>" or an external URI string)', v);
  if (!v.value.startsWith('base64:')) {
    const blob: BlobValue = { kind: 'external', uri: v.value };
    return ok(blob);
  }
  const data = v.value.slice('base64:'.length);
  if (data.length % 4 !== 0 || !BASE64.test(data)) return no('J108', `property '${property}': invalid base64 payload`);
  const size = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (size > MAX_BLOB_BYTES) return no('J109', `property '${property}': blob of ${size} bytes exceeds ${MAX_BLOB_BYTES}`);
  const blob: BlobValue = { kind: 'managed', base64: data, size };
  return ok(blob);
}

// Before/after images of per-commit changes: user properties as JSON values, endpoints hoisted, no system columns.
import { formatIsoDate, type BlobValue, type EdgeType, type LogicalValue, type NodeType, type PropertyType, type ScalarValue } from '../../compiler/index.js';
import type { StagedRow } from '../staging/physical-rows.js';

/** A JSON value as images carry it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[];

/** One entity image (spec branching §8.2): every user property by name, and `{from, to}` for edges. */
export interface EntityImage {
  readonly properties: Readonly<Record<string, JsonValue>>;
  readonly endpoints?: { readonly from: string; readonly to: string };
}

/**
 * The image of a staged row: every property of the type by name (null when unset); `id` and endpoints are not
 * properties. Dates as `YYYY-MM-DD`, DateTimes as ISO-8601 UTC, 64-bit integers as numbers when safe else strings,
 * non-finite floats as null, managed blobs as `base64:<data>` (the export form).
 */
export function imageOf(type: NodeType | EdgeType, row: StagedRow): EntityImage {
  const properties: Record<string, JsonValue> = {};
  for (const [name, p] of Object.entries(type.properties)) properties[name] = jsonValue(p.type, row.values[name] ?? null);
  return type.kind === 'edge' ? { properties, endpoints: { from: row.src ?? '', to: row.dst ?? '' } } : { properties };
}

/** One logical value as JSON, by its property type. */
export function jsonValue(t: PropertyType, v: LogicalValue): JsonValue {
  if (v === null) return null;
  switch (t.kind) {
    case 'list':
      return (v as readonly ScalarValue[]).map((x) => scalarJson(t.element, x));
    case 'vector':
      return [...(v as readonly number[])].map((x) => (Number.isFinite(x) ? x : null));
    case 'enum':
      return v as string;
    case 'scalar':
      return scalarJson(t.scalar, v as ScalarValue);
  }
}

function scalarJson(scalar: string, v: ScalarValue): JsonValue {
  switch (scalar) {
    case 'Date':
      return formatIsoDate(Number(v));
    case 'DateTime':
      return new Date(Number(v)).toISOString();
    case 'Blob': {
      const b = v as BlobValue;
      return b.kind === 'managed' ? `base64:${b.base64}` : b.uri;
    }
    case 'F32':
    case 'F64':
      return Number.isFinite(v as number) ? (v as number) : null;
    default:
      if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
      return v as string | number | boolean;
  }
}

// Physical node id derivation from `@key` (§5.2), byte-identical for loads and mutations, and its inverse check.
import { OmniError } from '../../errors/index.js';
import { findProperty } from '../catalog/lookup.js';
import type { NodeType, PropertyType } from '../catalog/types.js';
import { formatFloat } from './float-format.js';
import type { LogicalValue } from './logical-value.js';

const INT_RANGE = {
  I32: [-(2n ** 31n), 2n ** 31n - 1n],
  U32: [0n, 2n ** 32n - 1n],
  I64: [-(2n ** 63n), 2n ** 63n - 1n],
  U64: [0n, 2n ** 64n - 1n],
  Date: [-(2n ** 31n), 2n ** 31n - 1n],
  DateTime: [-8_640_000_000_000_000n, 8_640_000_000_000_000n],
} as const;

function bad(node: NodeType, property: string, why: string): OmniError {
  return new OmniError('bad_request', `invalid @key value for ${node.name}.${property}: ${why}`, { details: { type: node.name, property } });
}

/**
 * The canonical rendering of one key member's value: String/enum as-is, integers/Date/DateTime in decimal, Bool as
 * `true`/`false`, floats as the shortest round-trip decimal at their width without exponent. Throws `bad_request`
 * for a value that cannot be a key (null, NaN, ±∞, a list, a non-integer integer).
 */
export function renderKeyValue(node: NodeType, property: string, type: PropertyType, value: LogicalValue | undefined): string {
  if (value === null || value === undefined) throw bad(node, property, 'a key member cannot be null');
  if (type.kind === 'enum') {
    if (typeof value !== 'string') throw bad(node, property, 'expected a string');
    return value;
  }
  if (type.kind !== 'scalar') throw bad(node, property, `${type.kind} properties cannot be key members`);
  switch (type.scalar) {
    case 'String':
      if (typeof value !== 'string') throw bad(node, property, 'expected a string');
      return value;
    case 'Bool':
      if (typeof value !== 'boolean') throw bad(node, property, 'expected a boolean');
      return value ? 'true' : 'false';
    case 'F32':
    case 'F64':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(node, property, 'NaN and ±∞ are not valid keys');
      if (type.scalar === 'F32' && !Number.isFinite(Math.fround(value))) throw bad(node, property, 'value does not fit a float32');
      return formatFloat(value, type.scalar === 'F32' ? 32 : 64);
    case 'Blob':
      throw bad(node, property, 'Blob properties cannot be key members');
    default: {
      if (typeof value === 'number' && !Number.isSafeInteger(value)) throw bad(node, property, 'expected an exact integer');
      if (typeof value !== 'number' && typeof value !== 'bigint') throw bad(node, property, 'expected an integer');
      const n = BigInt(value);
      const [lo, hi] = INT_RANGE[type.scalar];
      if (n < lo || n > hi) throw bad(node, property, `${n} is outside the ${type.scalar} range`);
      return n.toString();
    }
  }
}

/**
 * The physical id of a keyed node: the single member's rendering, or the JSON array text of the members'
 * renderings in property-identity order. Returns null for a node type without `@key` (ids are generated).
 * @example
 * canonicalNodeId(person, { name: 'Alice' });                   // 'Alice'
 * canonicalNodeId(author, { first: 'Ada', last: 'Lovelace' });  // '["Ada","Lovelace"]'
 */
export function canonicalNodeId(node: NodeType, values: Readonly<Record<string, LogicalValue | undefined>>): string | null {
  if (node.key === null) return null;
  const parts = node.key.properties.map((name) => {
    const p = findProperty(node, name);
    if (p === undefined) throw new OmniError('internal', `key member ${node.name}.${name} is not a property`);
    return renderKeyValue(node, name, p.type, Object.hasOwn(values, name) ? values[name] : undefined);
  });
  return parts.length === 1 ? (parts[0] as string) : JSON.stringify(parts);
}

const INTEGER_TEXT = /^(?:0|-?[1-9]\d*)$/;

function isCanonicalMember(type: PropertyType, text: string): boolean {
  if (type.kind === 'enum') return type.values.includes(text);
  if (type.kind !== 'scalar') return false;
  switch (type.scalar) {
    case 'String':
      return true;
    case 'Bool':
      return text === 'true' || text === 'false';
    case 'F32':
    case 'F64': {
      const x = Number(text);
      if (!Number.isFinite(x) || text.trim() !== text || text === '') return false;
      if (type.scalar === 'F32' && !Number.isFinite(Math.fround(x))) return false;
      return formatFloat(x, type.scalar === 'F32' ? 32 : 64) === text;
    }
    case 'Blob':
      return false;
    default: {
      if (!INTEGER_TEXT.test(text)) return false;
      const n = BigInt(text);
      const [lo, hi] = INT_RANGE[type.scalar];
      return n >= lo && n <= hi;
    }
  }
}

/**
 * True when `text` can be the physical id of a node of this type: for keyed types, exactly the canonical
 * rendering of some key value (`"007"` is never a canonical I32 id); for unkeyed types, any string.
 */
export function isCanonicalNodeIdText(node: NodeType, text: string): boolean {
  if (node.key === null) return true;
  const types = node.key.properties.map((name) => findProperty(node, name)?.type);
  if (types.length === 1) return types[0] !== undefined && isCanonicalMember(types[0], text);
  let parts: unknown;
  try {
    parts = JSON.parse(text);
  } catch {
    return false;
  }
  if (!Array.isArray(parts) || parts.length !== types.length || JSON.stringify(parts) !== text) return false;
  return parts.every((p, i) => typeof p === 'string' && types[i] !== undefined && isCanonicalMember(types[i], p));
}

// Physical table layout (design §3): `id` (+ `src`, `dst`) then one column per property named by its identity.
import { formatPropertyType } from './property-type.js';
import type { ColumnLayout, EdgeType, LogicalColumnType, NodeType, Property, PropertyType, ScalarType, TableIdentity, TableLayout } from './types.js';

/** Field-metadata keys written on property columns. */
export const COLUMN_METADATA = Object.freeze({
  property: 'omnigraph:property',
  propertyId: 'omnigraph:property_id',
  type: 'omnigraph:type',
} as const);

/** Physical column name of a property identity. */
export function propertyColumnName(id: number): string {
  return `p${id}`;
}

function hex16(n: number): string {
  return n.toString(16).padStart(16, '0');
}

/**
 * Canonical location of a table under the graph root, a pure function of kind and identity pair (storage spec §1).
 * @example
 * tablePath('node', { stableTableId: 3, tableIncarnationId: 4 }); // 'nodes/0000000000000003-0000000000000004'
 */
export function tablePath(kind: 'node' | 'edge', identity: TableIdentity): string {
  return `${kind === 'node' ? 'nodes' : 'edges'}/${hex16(identity.stableTableId)}-${hex16(identity.tableIncarnationId)}`;
}

function scalarColumnType(s: Exclude<ScalarType, 'Blob'>): LogicalColumnType {
  switch (s) {
    case 'String':
      return { kind: 'utf8' };
    case 'Bool':
      return { kind: 'bool' };
    case 'I32':
      return { kind: 'int', bits: 32, signed: true };
    case 'I64':
      return { kind: 'int', bits: 64, signed: true };
    case 'U32':
      return { kind: 'int', bits: 32, signed: false };
    case 'U64':
      return { kind: 'int', bits: 64, signed: false };
    case 'F32':
      return { kind: 'float', bits: 32 };
    case 'F64':
      return { kind: 'float', bits: 64 };
    case 'Date':
      return { kind: 'date32' };
    case 'DateTime':
      return { kind: 'date64' };
  }
}

/** The logical column type of a property type (spec §4's physical column). */
export function logicalColumnType(t: PropertyType): LogicalColumnType {
  switch (t.kind) {
    case 'scalar':
      return t.scalar === 'Blob' ? { kind: 'blob' } : scalarColumnType(t.scalar);
    case 'list':
      return { kind: 'list', element: scalarColumnType(t.element) };
    case 'enum':
      return { kind: 'utf8' };
    case 'vector':
      return { kind: 'vector', dimension: t.dimension };
  }
}

function systemColumn(name: 'id' | 'src' | 'dst'): ColumnLayout {
  return { name, type: { kind: 'utf8' }, nullable: false, property: null, propertyId: null, metadata: {} };
}

/** Build the layout of one node or edge table; properties are given in identity order. */
export function buildTableLayout(kind: 'node' | 'edge', typeName: string, identity: TableIdentity, properties: readonly Property[]): TableLayout {
  const columns: ColumnLayout[] = [systemColumn('id')];
  if (kind === 'edge') columns.push(systemColumn('src'), systemColumn('dst'));
  for (const p of properties) {
    columns.push({
      name: p.column,
      type: logicalColumnType(p.type),
      nullable: p.type.nullable,
      property: p.name,
      propertyId: p.id,
      metadata: { [COLUMN_METADATA.property]: p.name, [COLUMN_METADATA.propertyId]: String(p.id), [COLUMN_METADATA.type]: formatPropertyType(p.type) },
    });
  }
  return { entityKind: kind, typeName, identity, path: tablePath(kind, identity), primaryKey: 'id', columns };
}

/** Physical index kinds (search spec §1.2). */
export type IndexKind = 'btree' | 'inverted' | 'vector' | 'none';

/** One index intent: the columns it covers and what a builder would build for it. */
export interface IndexIntent {
  /** Property names, or the system columns `id`, `src`, `dst`. */
  readonly properties: readonly string[];
  readonly columns: readonly string[];
  readonly kind: IndexKind;
  readonly origin: 'system' | 'key' | 'index';
}

/** The index kind a single property's type calls for. */
export function indexKindFor(t: PropertyType): IndexKind {
  if (t.kind === 'enum') return 'btree';
  if (t.kind === 'vector') return 'vector';
  if (t.kind === 'list') return 'none';
  if (t.scalar === 'Blob') return 'none';
  return t.scalar === 'String' ? 'inverted' : 'btree';
}

/**
 * Every index intent of a type: BTREE on the system columns, then `@key`/`@index` intents. Single-property node
 * intents get the kind their type calls for; composite intents and edge-property intents are recorded as `none`.
 */
export function indexIntents(t: NodeType | EdgeType): readonly IndexIntent[] {
  const system = t.kind === 'node' ? ['id'] : ['id', 'src', 'dst'];
  const out: IndexIntent[] = system.map((c) => ({ properties: [c], columns: [c], kind: 'btree', origin: 'system' }));
  const seen = new Set<string>();
  const add = (props: readonly string[], origin: 'key' | 'index'): void => {
    const key = [...props].sort().join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    const columns = props.map((p) => (Object.hasOwn(t.properties, p) ? (t.properties[p] as Property).column : p));
    const single = props.length === 1 && t.kind === 'node' ? t.properties[props[0] as string] : undefined;
    out.push({ properties: [...props], columns, kind: single === undefined ? 'none' : indexKindFor(single.type), origin });
  };
  if (t.kind === 'node' && t.key !== null) add(t.key.properties, 'key');
  for (const ix of t.indexes) add(ix.properties, 'index');
  return Object.freeze(out.map((x) => Object.freeze(x)));
}

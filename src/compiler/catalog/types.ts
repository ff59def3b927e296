// The catalog: the frozen, JSON-serializable schema IR every later layer reads types, keys and tables from.

/** Scalar property types. */
export type ScalarType = 'String' | 'Bool' | 'I32' | 'I64' | 'U32' | 'U64' | 'F32' | 'F64' | 'Date' | 'DateTime' | 'Blob';

/** Element types a list may hold (every scalar but Blob). */
export type ListElementType = Exclude<ScalarType, 'Blob'>;

/**
 * A resolved property type. Enum values are stored sorted (UTF-16 code unit order, which equals byte order for
 * the ASCII enum alphabet); a vector holds `dimension` float32 values.
 */
export type PropertyType =
  | { readonly kind: 'scalar'; readonly scalar: ScalarType; readonly nullable: boolean }
  | { readonly kind: 'list'; readonly element: ListElementType; readonly nullable: boolean }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly nullable: boolean }
  | { readonly kind: 'vector'; readonly dimension: number; readonly nullable: boolean };

/** An annotation argument as written: decoded string, number digits, `true`/`false`, or an identifier. */
export interface AnnotationValue {
  readonly kind: 'string' | 'integer' | 'float' | 'bool' | 'ident';
  readonly value: string;
}

/** A custom (unknown to the compiler) annotation, kept as metadata and otherwise ignored. */
export interface CustomAnnotation {
  readonly name: string;
  readonly args: readonly AnnotationValue[];
  readonly kwargs: readonly { readonly name: string; readonly value: AnnotationValue }[];
}

/** `@embed("source", model = "m")` on a Vector property. */
export interface EmbedSpec {
  readonly source: string;
  readonly model: string | null;
}

/** A property of an interface, node or edge, with its stable identity. */
export interface Property {
  readonly name: string;
  /** Stable property identity (from the catalog's allocator); survives renames. */
  readonly id: number;
  /** Physical column name, derived from `id` (`p<id>`); empty for interface properties, which have no table. */
  readonly column: string;
  readonly type: PropertyType;
  /** `declared` in the type's own body, or `injected` from an interface it implements. */
  readonly origin: 'declared' | 'injected';
  /** Interfaces that declare this property (sorted); empty when only the type itself declares it. */
  readonly interfaces: readonly string[];
  readonly description: string | null;
  /** The `@rename_from` hint as written; informational (it only matters when the schema is compiled). */
  readonly renameFrom: string | null;
  readonly embed: EmbedSpec | null;
  readonly annotations: readonly CustomAnnotation[];
}

/** `@key`: members ordered by property identity (the composite id's element order). */
export interface KeySpec {
  readonly properties: readonly string[];
}

/** `@unique(…)` / `@index(…)`: members in declaration order. Edge members may be `src` and `dst`. */
export interface PropertySetSpec {
  readonly properties: readonly string[];
}

/** `@range(p, lo..hi)`: inclusive bounds compared as f64; `null` = open side. */
export interface RangeSpec {
  readonly property: string;
  readonly min: number | null;
  readonly max: number | null;
}

/** `@check(p, "pattern")`: every non-null value must contain a match. */
export interface CheckSpec {
  readonly property: string;
  readonly pattern: string;
}

/** `@card(min..max)`: outgoing edges per source node; `max` null = unbounded. */
export interface CardinalitySpec {
  readonly min: number;
  readonly max: number | null;
}

/** Logical column types of the physical layout (a storage layer maps them to Arrow). */
export type LogicalColumnType =
  | { readonly kind: 'utf8' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'int'; readonly bits: 32 | 64; readonly signed: boolean }
  | { readonly kind: 'float'; readonly bits: 32 | 64 }
  | { readonly kind: 'date32' }
  | { readonly kind: 'date64' }
  | { readonly kind: 'blob' }
  | { readonly kind: 'vector'; readonly dimension: number }
  | { readonly kind: 'list'; readonly element: LogicalColumnType };

/** One physical column. */
export interface ColumnLayout {
  /** `id`, `src`, `dst`, or the property column `p<id>`. */
  readonly name: string;
  readonly type: LogicalColumnType;
  readonly nullable: boolean;
  /** The property's current name and id for property columns; null for `id`/`src`/`dst`. */
  readonly property: string | null;
  readonly propertyId: number | null;
  /** Field metadata to store with the column (`omnigraph:*` keys, string values). */
  readonly metadata: Readonly<Record<string, string>>;
}

/** The identity pair of one table lifetime (storage spec §1). */
export interface TableIdentity {
  readonly stableTableId: number;
  readonly tableIncarnationId: number;
}

/** The physical table of one node or edge type. */
export interface TableLayout {
  readonly entityKind: 'node' | 'edge';
  readonly typeName: string;
  readonly identity: TableIdentity;
  /** Canonical location under the graph root: `nodes/<S>-<I>` / `edges/<S>-<I>`, 16 lower-case hex digits each. */
  readonly path: string;
  /** Always `id` (non-null, the entity's physical id). */
  readonly primaryKey: 'id';
  readonly columns: readonly ColumnLayout[];
}

/** Fields every declaration kind shares. */
export interface TypeBase {
  readonly name: string;
  /** Stable type identity; for nodes and edges also the table's `stableTableId`. */
  readonly typeId: number;
  readonly description: string | null;
  readonly renameFrom: string | null;
  readonly annotations: readonly CustomAnnotation[];
  /** Properties keyed by name, in identity order. */
  readonly properties: Readonly<Record<string, Property>>;
}

/** A property-level constraint annotation of an interface property (applied to every implementing node). */
export interface InterfaceConstraint {
  readonly kind: 'key' | 'unique' | 'index';
  readonly property: string;
}

/** An interface: a reusable property contract; no table. */
export interface InterfaceType extends TypeBase {
  readonly kind: 'interface';
  /** The `@key`/`@unique`/`@index` annotations of its properties, in property then kind order. */
  readonly constraints: readonly InterfaceConstraint[];
}

/** A node type: one table whose rows are entities. */
export interface NodeType extends TypeBase {
  readonly kind: 'node';
  readonly incarnationId: number;
  readonly instruction: string | null;
  /** Implemented interfaces, sorted. */
  readonly implements: readonly string[];
  /** The identity key, or null when ids are generated. */
  readonly key: KeySpec | null;
  readonly uniques: readonly PropertySetSpec[];
  readonly indexes: readonly PropertySetSpec[];
  readonly ranges: readonly RangeSpec[];
  readonly checks: readonly CheckSpec[];
  readonly table: TableLayout;
}

/** An edge type: a directed relationship `from -> to` between node types; one table. */
export interface EdgeType extends TypeBase {
  readonly kind: 'edge';
  readonly incarnationId: number;
  readonly instruction: string | null;
  readonly from: string;
  readonly to: string;
  readonly cardinality: CardinalitySpec;
  readonly uniques: readonly PropertySetSpec[];
  readonly indexes: readonly PropertySetSpec[];
  readonly table: TableLayout;
}

/** Any declaration kind. */
export type CatalogType = InterfaceType | NodeType | EdgeType;

/** The version of the catalog's JSON form. */
export const CATALOG_FORMAT_VERSION = 1;

/**
 * A compiled schema: frozen, plain data, JSON round-trippable (`catalogToJSON` / `catalogFromJSON`).
 * `nextIdentityId` is the shared identity allocator; ids below it are never reused.
 */
export interface Catalog {
  readonly formatVersion: typeof CATALOG_FORMAT_VERSION;
  /** The `.pg` text this catalog was compiled from. */
  readonly source: string;
  readonly nextIdentityId: number;
  /** Keyed by name, sorted by name. Look names from untrusted input up with `catalog/lookup.ts`. */
  readonly interfaces: Readonly<Record<string, InterfaceType>>;
  readonly nodes: Readonly<Record<string, NodeType>>;
  readonly edges: Readonly<Record<string, EdgeType>>;
}

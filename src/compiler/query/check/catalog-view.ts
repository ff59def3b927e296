// The checker's read-only view of the schema catalog: safe name lookups and property types as IR value types.
import type { Catalog, EdgeType, NodeType, Property, PropertyType } from '../../catalog/types.js';
import { enumType, listType, scalarType, vectorType, type ValueType } from '../../ir/value-type.js';

/** A property as the checker needs it. */
export interface PropertyView {
  readonly name: string;
  readonly type: ValueType;
  /** The source property of an `@embed` target, else null. */
  readonly embedSource: string | null;
}

/** A node type as the checker needs it. */
export interface NodeView {
  readonly kind: 'node';
  readonly name: string;
  readonly properties: ReadonlyMap<string, PropertyView>;
  /** `@key` members (empty when ids are generated). */
  readonly key: readonly string[];
}

/** An edge type as the checker needs it. */
export interface EdgeView {
  readonly kind: 'edge';
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly properties: ReadonlyMap<string, PropertyView>;
}

/** Lookups over one catalog. Names come from untrusted query text, so lookups never touch prototypes. */
export interface CatalogView {
  /** The node type named exactly `name`. */
  node(name: string): NodeView | undefined;
  /** The edge type named exactly `name`. */
  edge(name: string): EdgeView | undefined;
  /** The edge type whose name equals `word` case-insensitively (traversal edge words). */
  edgeByWord(word: string): EdgeView | undefined;
  /** True when `name` is an interface (for a precise T1 message). */
  isInterface(name: string): boolean;
  /** Every node type, sorted by name. */
  nodes(): readonly NodeView[];
  /** Every edge type, sorted by name. */
  edges(): readonly EdgeView[];
}

/** Convert a catalog property type to the IR's value type. */
export function valueTypeOf(t: PropertyType): ValueType {
  switch (t.kind) {
    case 'scalar':
      return scalarType(t.scalar, t.nullable);
    case 'list':
      return listType(scalarType(t.element), t.nullable);
    case 'enum':
      return enumType(t.values, t.nullable);
    case 'vector':
      return vectorType(t.dimension, t.nullable);
  }
}

function propertiesOf(props: Readonly<Record<string, Property>>): ReadonlyMap<string, PropertyView> {
  const out = new Map<string, PropertyView>();
  for (const p of Object.values(props)) {
    out.set(p.name, Object.freeze({ name: p.name, type: valueTypeOf(p.type), embedSource: p.embed?.source ?? null }));
  }
  return out;
}

function nodeView(n: NodeType): NodeView {
  return Object.freeze({ kind: 'node', name: n.name, properties: propertiesOf(n.properties), key: Object.freeze([...(n.key?.properties ?? [])]) });
}

function edgeView(e: EdgeType): EdgeView {
  return Object.freeze({ kind: 'edge', name: e.name, from: e.from, to: e.to, properties: propertiesOf(e.properties) });
}

/**
 * Build the checker's view of a compiled catalog (done once per catalog; the view is immutable).
 * @example
 * const view = catalogView(compileSchema(text).catalog!);
 */
export function catalogView(catalog: Catalog): CatalogView {
  const nodes = new Map<string, NodeView>();
  const edges = new Map<string, EdgeView>();
  const edgesFolded = new Map<string, EdgeView>();
  for (const n of Object.values(catalog.nodes)) nodes.set(n.name, nodeView(n));
  for (const e of Object.values(catalog.edges)) {
    const v = edgeView(e);
    edges.set(e.name, v);
    edgesFolded.set(e.name.toLowerCase(), v);
  }
  const interfaces = new Set(Object.values(catalog.interfaces).map((i) => i.name));
  const sortedNodes = Object.freeze([...nodes.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  const sortedEdges = Object.freeze([...edges.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  return Object.freeze({
    node: (name: string) => nodes.get(name),
    edge: (name: string) => edges.get(name),
    edgeByWord: (word: string) => edgesFolded.get(word.toLowerCase()),
    isInterface: (name: string) => interfaces.has(name),
    nodes: () => sortedNodes,
    edges: () => sortedEdges,
  });
}

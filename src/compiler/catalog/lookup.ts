// Safe name lookups into a catalog (own properties only; edge names case-insensitive as queries and loaders use them).
import type { Catalog, EdgeType, InterfaceType, NodeType, Property, TypeBase } from './types.js';

const edgeIndex = new WeakMap<Catalog, ReadonlyMap<string, EdgeType>>();

/** The node type named exactly `name`. */
export function findNodeType(catalog: Catalog, name: string): NodeType | undefined {
  return Object.hasOwn(catalog.nodes, name) ? catalog.nodes[name] : undefined;
}

/** The interface named exactly `name`. */
export function findInterface(catalog: Catalog, name: string): InterfaceType | undefined {
  return Object.hasOwn(catalog.interfaces, name) ? catalog.interfaces[name] : undefined;
}

/**
 * The edge type whose name equals `name` case-insensitively (the lower-cased name is the lookup key; the catalog
 * guarantees no two edge names fold together).
 * @example
 * findEdgeType(catalog, 'worksat')?.name; // 'WorksAt'
 */
export function findEdgeType(catalog: Catalog, name: string): EdgeType | undefined {
  let index = edgeIndex.get(catalog);
  if (index === undefined) {
    index = new Map(Object.values(catalog.edges).map((e) => [e.name.toLowerCase(), e]));
    edgeIndex.set(catalog, index);
  }
  return index.get(name.toLowerCase());
}

/** The property named exactly `name` on a type. */
export function findProperty(type: TypeBase, name: string): Property | undefined {
  return Object.hasOwn(type.properties, name) ? type.properties[name] : undefined;
}

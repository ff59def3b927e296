// Names of the control objects at a graph root, and the accepted schema files.
import { catalogFromJSON, type Catalog } from '../compiler/index.js';
import { OmniError } from '../errors/index.js';
import type { ObjectStore } from '../store/object/types.js';

/** Control objects at the graph root (ObjectStore keys). */
export const GRAPH_FILES = Object.freeze({
  initClaim: '__init_claim.json',
  schemaSource: '_schema.pg',
  schemaCatalog: '_schema.ir.json',
});

/** Read the accepted catalog; `not_found` when the schema files are missing. */
export async function readAcceptedCatalog(store: ObjectStore): Promise<Catalog> {
  const got = await store.get(GRAPH_FILES.schemaCatalog);
  if (got === null) {
    throw new OmniError('not_found', `the graph at ${store.uri} has a manifest but its schema files are missing (${GRAPH_FILES.schemaCatalog})`, {
      details: { uri: store.uri, key: GRAPH_FILES.schemaCatalog },
    });
  }
  try {
    return catalogFromJSON(new TextDecoder().decode(got.body));
  } catch (err) {
    throw new OmniError('internal', `the accepted schema ${GRAPH_FILES.schemaCatalog} at ${store.uri} is corrupt`, { cause: err, details: { uri: store.uri } });
  }
}

/** The LanceDB table name of a node or edge table lifetime: flat (`node_<S>_<I>`, 16 hex digits each). */
export function tableIdOf(kind: 'node' | 'edge', identity: { readonly stableTableId: number; readonly tableIncarnationId: number }): string {
  const hex = (n: number): string => n.toString(16).padStart(16, '0');
  return `${kind}_${hex(identity.stableTableId)}_${hex(identity.tableIncarnationId)}`;
}

/** Every node and edge table of a catalog: identity, type key and layout. */
export function catalogTables(catalog: Catalog) {
  return [...Object.values(catalog.nodes), ...Object.values(catalog.edges)].map((t) => ({
    tableId: tableIdOf(t.kind, t.table.identity),
    tableKey: `${t.kind}:${t.name}`,
    kind: t.kind,
    typeName: t.name,
    layout: t.table,
  }));
}

// Graph initialization: claim the location, write the schema files, create every table, then the genesis manifest.
import { hostname } from 'node:os';
import { catalogToJSON, compileSchema, hasErrors, schemaError, type Catalog } from '../compiler/index.js';
import { OmniError, toOmniError } from '../errors/index.js';
import { newUlid, nowMicros } from '../util/ids.js';
import { PACKAGE_VERSION } from '../util/version.js';
import { connectLance, schemaFromColumns, type LanceConnection } from '../store/lance/index.js';
import { locationIsEmpty } from '../store/object/location.js';
import { openObjectStore } from '../store/object/open.js';
import { parseStorageUri } from '../store/object/uri.js';
import type { ObjectStore } from '../store/object/types.js';
import { CURRENT_FORMAT } from './format.js';
import { GRAPH_FILES, catalogTables } from './graph-files.js';
import { ManifestStore } from './manifest-store.js';
import { commitRow, formatRow, headRow, pinRow, registrationRow } from './records.js';
import { MAIN_BRANCH, MANIFEST_TABLE, type ManifestRow } from './rows.js';

/** What init created. */
export interface InitResult {
  readonly uri: string;
  readonly catalog: Catalog;
  readonly genesisCommitId: string;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Create an empty graph at `uri` with the schema `schemaSource`. Refuses a non-empty location
 * (`already_initialized`) and a location another init has claimed (`initialization_claimed`); of concurrent inits
 * of one location exactly one wins. Bad schema text is `parse_error`/`schema_invalid` before anything is written.
 * @example
 * await initGraph('./graph.omni', 'node Person { name: String @key }');
 */
export async function initGraph(uri: string, schemaSource: string): Promise<InitResult> {
  const compiled = compileSchema(schemaSource);
  if (compiled.catalog === undefined || hasErrors(compiled.diagnostics)) throw schemaError(compiled.diagnostics);
  const catalog = compiled.catalog;
  const location = parseStorageUri(uri);
  if (!(await locationIsEmpty(location))) throw alreadyInitialized(location.uri);

  const store = openObjectStore(location.uri);
  try {
    const claim = await store.putIfAbsent(
      GRAPH_FILES.initClaim,
      enc(JSON.stringify({ owner: newUlid(), host: hostname(), pid: process.pid, started_at: new Date().toISOString() })),
    );
    if (!claim.ok) {
      throw new OmniError('initialization_claimed', `another init holds ${GRAPH_FILES.initClaim} at ${location.uri}; if no init is running, an earlier one was interrupted: remove the location and init again`, {
        details: { uri: location.uri },
      });
    }
    // A racing init may have finished and released its claim between our emptiness check and our claim.
    if ((await store.head(GRAPH_FILES.schemaSource)) !== null || (await store.head(GRAPH_FILES.schemaCatalog)) !== null) {
      await store.delete(GRAPH_FILES.initClaim);
      throw alreadyInitialized(location.uri);
    }
    const genesisCommitId = await createGraph(location.uri, store, catalog, schemaSource);
    await store.delete(GRAPH_FILES.initClaim);
    return { uri: location.uri, catalog, genesisCommitId };
  } finally {
    await store.close();
  }
}

async function createGraph(uri: string, store: ObjectStore, catalog: Catalog, source: string): Promise<string> {
  for (const [key, body] of [
    [GRAPH_FILES.schemaSource, source],
    [GRAPH_FILES.schemaCatalog, catalogToJSON(catalog)],
  ] as const) {
    const r = await store.putIfAbsent(key, enc(body));
    if (!r.ok) throw alreadyInitialized(uri);
  }
  let conn: LanceConnection | undefined;
  try {
    conn = await connectLance(uri);
    const tables = catalogTables(catalog);
    for (const t of tables) {
      const handle = await conn.createTable(t.tableId, { schema: schemaFromColumns(t.layout.columns), primaryKey: 'id' });
      handle.close();
    }
    const commitId = newUlid();
    const genesis: ManifestRow[] = [
      formatRow(CURRENT_FORMAT, `omnigraph ${PACKAGE_VERSION}`),
      ...tables.map((t) => registrationRow({ tableId: t.tableId, tableKey: t.tableKey })),
      ...tables.map((t) => pinRow({ tableId: t.tableId, tableKey: t.tableKey, branch: null, version: 1, rowCount: 0, deletedIds: [], fullRewrite: false }, commitId)),
      commitRow({ id: commitId, branch: MAIN_BRANCH, parents: [], actor: null, createdAtMicros: nowMicros(), kind: 'init', message: null, operationId: null }),
      headRow({ branch: MAIN_BRANCH, incarnation: newUlid(), commitId }),
    ];
    const manifest = await ManifestStore.create(conn, genesis);
    manifest.close();
    return commitId;
  } catch (err) {
    throw new OmniError('initialization_indeterminate', `init of ${uri} failed after it started writing (${toOmniError(err).message}); inspect or remove the location before retrying`, {
      cause: err,
      details: { uri, manifest_table: MANIFEST_TABLE },
    });
  } finally {
    conn?.close();
  }
}

function alreadyInitialized(uri: string): OmniError {
  return new OmniError('already_initialized', `${uri} is not empty; init needs an empty location (a graph may already live there)`, { details: { uri } });
}

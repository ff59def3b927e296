// Opening a graph's parts: the location check, both connections, the manifest, the format gate and the catalog.
import type { Catalog } from '../compiler/index.js';
import { OmniError } from '../errors/index.js';
import { CURRENT_FORMAT, GRAPH_FILES, ManifestStore, decideFormat, readAcceptedCatalog, type FormatMigration } from '../manifest/index.js';
import { connectLance, type LanceConnection } from '../store/lance/index.js';
import { locationExists } from '../store/object/location.js';
import { openObjectStore } from '../store/object/open.js';
import type { ObjectStore } from '../store/object/types.js';
import { parseStorageUri } from '../store/object/uri.js';
import type { LeaseKeeperOptions } from './lease-keeper.js';

/** How a graph is opened. */
export type OpenMode = 'read-write' | 'read-only';

/** What a format migration gets to work with. */
export interface MigrationContext {
  readonly manifest: ManifestStore;
  readonly objects: ObjectStore;
}

/** Options of `Omnigraph.open`. */
export interface OpenOptions {
  readonly mode?: OpenMode;
  /** Write-lease timing (read-write opens). */
  readonly lease?: LeaseKeeperOptions;
  /** @internal Tests substitute the format registry to exercise upgrades. */
  readonly __unsafeFormat?: { readonly current: number; readonly migrations: readonly FormatMigration<MigrationContext>[] };
}

/** Forward migrations of the on-disk format, oldest first. Format 1 is the first: none yet. */
export const FORMAT_MIGRATIONS: readonly FormatMigration<MigrationContext>[] = [];

/** Everything an open graph handle is built from; the caller owns (and must close) each part. */
export interface GraphParts {
  readonly uri: string;
  readonly mode: OpenMode;
  readonly catalog: Catalog;
  readonly manifest: ManifestStore;
  readonly manifestConn: LanceConnection;
  readonly dataConn: LanceConnection;
  readonly objects: ObjectStore;
}

/**
 * Open the parts of the graph at `uri`: a read-write open runs forward format migrations, a read-only one never
 * writes. `not_found` when no graph is there, `initialization_claimed` while an init holds the location,
 * `format_unsupported` for a newer format. On failure everything opened so far is closed.
 */
export async function openGraphParts(uri: string, options: OpenOptions): Promise<GraphParts> {
  const mode = options.mode ?? 'read-write';
  const location = parseStorageUri(uri);
  if (!(await locationExists(location))) throw noGraph(location.uri);
  const objects = openObjectStore(location.uri);
  const manifestConn = await connectLance(location.uri, { readConsistencyInterval: 0 });
  const dataConn = await connectLance(location.uri);
  try {
    const manifest = await ManifestStore.open(manifestConn, { readOnly: mode === 'read-only' }).catch(async (err: unknown) => {
      if ((err as { code?: string }).code !== 'not_found') throw err;
      if ((await objects.head(GRAPH_FILES.initClaim)) !== null) {
        throw new OmniError('initialization_claimed', `an init of ${location.uri} is in progress or was interrupted`, { details: { uri: location.uri } });
      }
      throw noGraph(location.uri);
    });
    try {
      const format = options.__unsafeFormat ?? { current: CURRENT_FORMAT, migrations: FORMAT_MIGRATIONS };
      const decision = decideFormat((await manifest.headView()).formatVersion, mode, format.migrations, format.current);
      if (decision.action === 'migrate') {
        for (const step of decision.steps) {
          await step.apply({ manifest, objects });
          await manifest.stampFormat(step.from + 1);
        }
      }
      const catalog = await readAcceptedCatalog(objects);
      return { uri: location.uri, mode, catalog, manifest, manifestConn, dataConn, objects };
    } catch (err) {
      manifest.close();
      throw err;
    }
  } catch (err) {
    manifestConn.close();
    dataConn.close();
    await objects.close();
    throw err;
  }
}

function noGraph(uri: string): OmniError {
  return new OmniError('not_found', `no graph at ${uri}: create one with omnigraph init`, { details: { uri } });
}

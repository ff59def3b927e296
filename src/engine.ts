// The public Omnigraph API: init and open a graph, read snapshots and commits, close.
import { startManifestActor, type ManifestActor } from './actors/manifest/index.js';
import type { Catalog } from './compiler/index.js';
import { OmniError } from './errors/index.js';
import {
  CURRENT_FORMAT,
  GRAPH_FILES,
  MAIN_BRANCH,
  ManifestStore,
  TableHandleCache,
  commitsNewestFirst,
  decideFormat,
  initGraph,
  makeSnapshot,
  readAcceptedCatalog,
  type CommitRecord,
  type FormatMigration,
  type GraphSnapshot,
  type HeadRecord,
  type ManifestState,
  type PublishRequest,
  type PublishResult,
} from './manifest/index.js';
import { connectLance, type LanceConnection } from './store/lance/index.js';
import { locationExists } from './store/object/location.js';
import { openObjectStore } from './store/object/open.js';
import type { ObjectStore } from './store/object/types.js';
import { parseStorageUri } from './store/object/uri.js';

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
  /** @internal Tests substitute the format registry to exercise upgrades. */
  readonly __unsafeFormat?: { readonly current: number; readonly migrations: readonly FormatMigration<MigrationContext>[] };
}

/** Where a read looks: a branch head (default `main`), a commit, or a manifest version of `main`. */
export type ReadTarget = { readonly branch?: string } | { readonly commit: string } | { readonly manifestVersion: number };

/** Forward migrations of the on-disk format, oldest first. Format 1 is the first: none yet. */
export const FORMAT_MIGRATIONS: readonly FormatMigration<MigrationContext>[] = [];

/**
 * One open graph. Reads take a snapshot (a set of pinned table versions) and never see later writes.
 * @example
 * const graph = await Omnigraph.init('./graph.omni', schemaText);
 * const snap = await graph.snapshot();
 * await graph.close();
 */
export class Omnigraph {
  readonly uri: string;
  readonly mode: OpenMode;
  readonly catalog: Catalog;
  readonly #manifest: ManifestStore;
  readonly #manifestConn: LanceConnection;
  readonly #dataConn: LanceConnection;
  readonly #objects: ObjectStore;
  readonly #tables: TableHandleCache;
  readonly #actor: ManifestActor | undefined;
  #closed = false;

  private constructor(parts: { uri: string; mode: OpenMode; catalog: Catalog; manifest: ManifestStore; manifestConn: LanceConnection; dataConn: LanceConnection; objects: ObjectStore }) {
    this.uri = parts.uri;
    this.mode = parts.mode;
    this.catalog = parts.catalog;
    this.#manifest = parts.manifest;
    this.#manifestConn = parts.manifestConn;
    this.#dataConn = parts.dataConn;
    this.#objects = parts.objects;
    this.#tables = new TableHandleCache(parts.dataConn);
    this.#actor = parts.mode === 'read-write' ? startManifestActor(parts.manifest) : undefined;
  }

  /** Create a graph at an empty location and open it read-write. See `initGraph` for the refusals. */
  static async init(uri: string, schemaSource: string): Promise<Omnigraph> {
    const created = await initGraph(uri, schemaSource);
    return Omnigraph.open(created.uri, { mode: 'read-write' });
  }

  /**
   * Open the graph at `uri`. Read-write runs forward format migrations; read-only never writes a byte.
   * `not_found` when no graph is there; `format_unsupported` for a newer format.
   */
  static async open(uri: string, options: OpenOptions = {}): Promise<Omnigraph> {
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
      const format = options.__unsafeFormat ?? { current: CURRENT_FORMAT, migrations: FORMAT_MIGRATIONS };
      const decision = decideFormat((await manifest.state()).formatVersion, mode, format.migrations, format.current);
      if (decision.action === 'migrate') {
        for (const step of decision.steps) {
          await step.apply({ manifest, objects });
          await manifest.stampFormat(step.from + 1);
        }
      }
      const catalog = await readAcceptedCatalog(objects);
      return new Omnigraph({ uri: location.uri, mode, catalog, manifest, manifestConn, dataConn, objects });
    } catch (err) {
      manifestConn.close();
      dataConn.close();
      await objects.close();
      throw err;
    }
  }

  /** The snapshot of a read target (default: `main`'s head). */
  async snapshot(target: ReadTarget = {}): Promise<GraphSnapshot> {
    this.#assertOpen();
    const { branch, state } = await this.#resolve(target);
    return makeSnapshot(branch, state, this.#tables);
  }

  /** The head of `branch`: its incarnation and head commit. `branch_not_found` when it does not exist. */
  async head(branch: string = MAIN_BRANCH): Promise<HeadRecord> {
    this.#assertOpen();
    const head = (await this.#manifest.state(branch)).heads.get(branch);
    if (head === undefined) throw new OmniError('branch_not_found', `branch '${branch}' not found`, { details: { branch } });
    return head;
  }

  /** Commits visible from `branch`, newest first. */
  async commits(options: { readonly branch?: string } = {}): Promise<CommitRecord[]> {
    this.#assertOpen();
    return commitsNewestFirst(await this.#manifest.state(options.branch ?? MAIN_BRANCH));
  }

  /** One commit by id; `commit_not_found` when no branch has it. */
  async commit(id: string): Promise<CommitRecord> {
    this.#assertOpen();
    const found = (await this.#manifest.state(MAIN_BRANCH)).commits.get(id);
    if (found === undefined) throw new OmniError('commit_not_found', `commit '${id}' not found`, { details: { commit_id: id } });
    return found;
  }

  /**
   * Publish through the manifest actor. The write protocol is the only intended caller; until it lands, tests use
   * this to drive publishes directly.
   * @internal
   */
  async __unsafePublish(request: PublishRequest): Promise<PublishResult> {
    this.#assertOpen();
    if (this.#actor === undefined) throw new OmniError('bad_request', 'this graph was opened read-only; open it read-write to write');
    return this.#actor.publish(request);
  }

  /** Finish queued publishes and release every handle. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#actor?.stop();
    await this.#tables.close();
    this.#manifest.close();
    this.#manifestConn.close();
    this.#dataConn.close();
    await this.#objects.close();
  }

  async #resolve(target: ReadTarget): Promise<{ branch: string; state: ManifestState }> {
    if ('commit' in target) {
      const commit = await this.commit(target.commit);
      const state = await this.#manifest.stateAt(commit.manifestVersion, commit.branch);
      if (state.heads.get(commit.branch)?.commitId !== commit.id) {
        throw new OmniError('internal', `commit '${commit.id}' is not the head of its manifest version; the branch was recreated`);
      }
      return { branch: commit.branch, state };
    }
    if ('manifestVersion' in target) {
      const latest = await this.#manifest.latestVersion();
      if (!Number.isSafeInteger(target.manifestVersion) || target.manifestVersion < 1 || target.manifestVersion > latest) {
        throw new OmniError('not_found', `manifest version ${target.manifestVersion} does not exist (latest is ${latest})`, { details: { manifest_version: target.manifestVersion } });
      }
      return { branch: MAIN_BRANCH, state: await this.#manifest.stateAt(target.manifestVersion) };
    }
    const branch = target.branch ?? MAIN_BRANCH;
    return { branch, state: await this.#manifest.state(branch) };
  }

  #assertOpen(): void {
    if (this.#closed) throw new OmniError('bad_request', 'this graph handle is closed');
  }
}

function noGraph(uri: string): OmniError {
  return new OmniError('not_found', `no graph at ${uri}: create one with omnigraph init`, { details: { uri } });
}

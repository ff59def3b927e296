// ManifestStore: the graph manifest table of one graph — cached state with incremental refresh, time travel, publish.
import { OmniError, toOmniError } from '../errors/index.js';
import { MANIFEST_TABLE, MAIN_BRANCH } from './rows.js';
import { ManifestFolder, type ManifestState } from './fold.js';
import { manifestRowsToArrow, manifestSchema, readManifestRows } from './manifest-table.js';
import { checkPreconditions, publishRows, type PublishRequest, type PublishResult } from './publish.js';
import { poisonCasCondition, type LanceConnection, type OptimizeResult, type TableHandle } from '../store/lance/index.js';
import { headCas, type ManifestRow } from './rows.js';
import { formatRow } from './records.js';
import { PACKAGE_VERSION } from '../util/version.js';

/** Publishes between two automatic compactions of the manifest table. */
export const MANIFEST_COMPACTION_INTERVAL = 64;

/** Attempts for a publish whose precondition is `current` (spec: 5 retries after the first try). */
export const PUBLISHER_RETRY_BUDGET = 5;

interface Cached {
  readonly folder: ManifestFolder;
  readonly version: number;
  readonly state: ManifestState;
}

/**
 * The manifest of one graph, on one connection opened with `readConsistencyInterval: 0`. Graph branch `main` is
 * the manifest's native main; other branches arrive with the write protocol. Publishing is the manifest actor's
 * job: nothing else calls `publish`.
 */
export class ManifestStore {
  readonly #conn: LanceConnection;
  readonly #head: TableHandle;
  readonly #readOnly: boolean;
  #cached: Cached | undefined;
  #publishesSinceCompaction = 0;
  #lastCompactionError: OmniError | undefined;

  private constructor(conn: LanceConnection, head: TableHandle, readOnly: boolean) {
    this.#conn = conn;
    this.#head = head;
    this.#readOnly = readOnly;
  }

  /** Create the manifest table with its genesis rows (manifest version 1). */
  static async create(conn: LanceConnection, genesis: readonly ManifestRow[]): Promise<ManifestStore> {
    const head = await conn.createTable(MANIFEST_TABLE, { schema: manifestSchema(), primaryKey: 'object_id', rows: manifestRowsToArrow(genesis) });
    // Publishes merge on object_id: index it so a publish does not scan the whole manifest (version 2, no commit).
    await head.createScalarIndex('object_id');
    return new ManifestStore(conn, head, false);
  }

  /** Open an existing manifest. `not_found` when there is none. */
  static async open(conn: LanceConnection, options: { readonly readOnly: boolean }): Promise<ManifestStore> {
    const head = await conn.openHead(MANIFEST_TABLE);
    return new ManifestStore(conn, head, options.readOnly);
  }

  /** The latest manifest version of `main`. */
  async latestVersion(): Promise<number> {
    return this.#head.version();
  }

  /**
   * Current state of `branch`, refreshed incrementally: only rows created or updated after the cached version
   * are read, from a snapshot at the new version (so the state is exactly that version's).
   */
  async state(branch: string = MAIN_BRANCH): Promise<ManifestState> {
    assertMain(branch);
    const version = await this.#head.version();
    const cached = this.#cached;
    if (cached !== undefined && cached.version === version) return cached.state;
    const snapshot = await this.#conn.openAt(MANIFEST_TABLE, { branch: null, version });
    try {
      const fresh = cached === undefined || cached.version > version;
      const folder = fresh ? new ManifestFolder() : cached.folder;
      const rows = await readManifestRows(snapshot, fresh ? undefined : `_row_last_updated_at_version > ${cached.version}`);
      for (const row of rows) folder.add(row);
      const state = folder.state(version);
      this.#cached = { folder, version, state };
      return state;
    } finally {
      snapshot.close();
    }
  }

  /** State of `branch` at an exact manifest version (time travel). `not_found` when that version does not exist. */
  async stateAt(version: number, branch: string = MAIN_BRANCH): Promise<ManifestState> {
    assertMain(branch);
    const snapshot = await this.#conn.openAt(MANIFEST_TABLE, { branch: null, version });
    try {
      const folder = new ManifestFolder();
      for (const row of await readManifestRows(snapshot)) folder.add(row);
      return folder.state(version);
    } finally {
      snapshot.close();
    }
  }

  /**
   * Publish one commit with its pins in one guarded merge-insert (design §3). An exact precondition never retries:
   * a moved head is `read_set_conflict`; a `current` precondition re-reads and re-parents up to the retry budget.
   * After any failure the pre-minted commit id is looked up: a publish that landed is a success.
   */
  async publish(req: PublishRequest): Promise<PublishResult> {
    if (this.#readOnly) throw new OmniError('bad_request', 'this graph was opened read-only; open it read-write to write');
    const attempts = req.precondition.kind === 'current' ? PUBLISHER_RETRY_BUDGET + 1 : 1;
    let lastError: OmniError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const state = await this.state(req.branch);
      const landed = state.commits.get(req.commit.id);
      if (landed !== undefined) return { commitId: landed.id, manifestVersion: landed.manifestVersion, parents: landed.parents, alreadyPublished: true };
      const head = checkPreconditions(state, req);
      const { rows, parents } = publishRows(req, head, state);
      try {
        const r = await this.#head.mergeInsert(manifestRowsToArrow(rows), {
          on: 'object_id',
          whenMatchedUpdate: { where: poisonCasCondition('head_cas', headCas(head.incarnation, head.commitId)) },
          whenNotMatchedInsert: true,
        });
        if (r.numUpdatedRows !== 1 || r.numInsertedRows !== rows.length - 1) {
          throw new OmniError('internal', `publish of ${req.commit.id} wrote ${r.numInsertedRows} new and ${r.numUpdatedRows} updated rows; expected ${rows.length - 1} and 1`, {
            details: { commit_id: req.commit.id, inserted: r.numInsertedRows, updated: r.numUpdatedRows },
          });
        }
        await this.#compactPeriodically();
        return { commitId: req.commit.id, manifestVersion: r.version, parents, alreadyPublished: false };
      } catch (err) {
        const e = toOmniError(err, 'storage');
        const after = await this.state(req.branch).catch(() => undefined);
        const found = after?.commits.get(req.commit.id);
        if (found !== undefined) return { commitId: found.id, manifestVersion: found.manifestVersion, parents: found.parents, alreadyPublished: true };
        if (e.code !== 'row_level_cas_contention') throw e;
        lastError = e;
        if (req.precondition.kind === 'exact') {
          // Another publisher moved the head between our read and our write.
          checkPreconditions(after ?? (await this.state(req.branch)), req);
          throw e;
        }
      }
    }
    throw new OmniError('row_level_cas_contention', `publish exhausted ${PUBLISHER_RETRY_BUDGET} retries against concurrent writers`, {
      details: { commit_id: req.commit.id },
      cause: lastError,
    });
  }

  /**
   * Compact the manifest table and catch its index up, through the one optimize entry point. The cleanup cutoff is
   * computed from the pins: the manifest version of the oldest commit still listed is kept, with everything after
   * it (time travel reads every commit's manifest version), so only versions older than all retained commits go.
   */
  async compact(): Promise<OptimizeResult> {
    if (this.#readOnly) throw new OmniError('bad_request', 'this graph was opened read-only; open it read-write to compact');
    const state = await this.state();
    let keepFrom = Number.POSITIVE_INFINITY;
    for (const c of state.commits.values()) keepFrom = Math.min(keepFrom, c.manifestVersion);
    const versions = await this.#head.listVersions();
    const keep = versions.find((v) => v.version >= keepFrom) ?? versions[0];
    if (keep === undefined) throw new OmniError('internal', 'the manifest table lists no versions');
    return this.#head.optimize({ cleanupOlderThan: keep.timestamp });
  }

  /** The failure of the last automatic compaction, if it failed (the publish that triggered it still landed). */
  get lastCompactionError(): OmniError | undefined {
    return this.#lastCompactionError;
  }

  async #compactPeriodically(): Promise<void> {
    if (++this.#publishesSinceCompaction < MANIFEST_COMPACTION_INTERVAL) return;
    this.#publishesSinceCompaction = 0;
    try {
      await this.compact();
      this.#lastCompactionError = undefined;
    } catch (err) {
      // The publish already landed; a failed upkeep step must not turn it into a reported failure.
      this.#lastCompactionError = toOmniError(err);
    }
  }

  /**
   * Rewrite the format stamp after a forward migration (read-write open, before the manifest actor starts).
   * Idempotent: stamping the same version twice writes the same row.
   */
  async stampFormat(formatVersion: number): Promise<void> {
    if (this.#readOnly) throw new OmniError('internal', 'a read-only open must never write the format stamp');
    await this.#head.mergeInsert(manifestRowsToArrow([formatRow(formatVersion, `omnigraph ${PACKAGE_VERSION}`)]), {
      on: 'object_id',
      whenMatchedUpdate: true,
      whenNotMatchedInsert: true,
    });
  }

  /** Release the handles (the connection belongs to the caller). */
  close(): void {
    this.#head.close();
  }
}

function assertMain(branch: string): void {
  if (branch !== MAIN_BRANCH) {
    throw new OmniError('branch_not_found', `branch '${branch}' not found`, { details: { branch } });
  }
}

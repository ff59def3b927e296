// ManifestStore: the graph manifest of one graph on every branch — cached states, time travel, publish, branches.
import { OmniError, toOmniError } from '../errors/index.js';
import { MANIFEST_TABLE, MAIN_BRANCH } from './rows.js';
import type { HeadView, ManifestState } from './fold.js';
import { manifestRowsToArrow, manifestSchema } from './manifest-table.js';
import { checkPreconditions, publishRows, type PublishRequest, type PublishResult } from './publish.js';
import { poisonCasCondition, type LanceConnection, type OptimizeResult } from '../store/lance/index.js';
import { headCas, type ManifestRow } from './rows.js';
import { formatRow } from './records.js';
import { PACKAGE_VERSION } from '../util/version.js';
import { parseBranchName } from './branch-names.js';
import { ManifestHeads } from './manifest-heads.js';
import { createGraphBranch, deleteGraphBranch, listGraphBranches, removeInterruptedCreates, type BranchDeleteResult, type GraphBranch } from './branch-ops.js';

/** Publishes on one branch between two automatic compactions of that branch of the manifest table. */
export const MANIFEST_COMPACTION_INTERVAL = 64;

/** Versions of a manifest branch every compaction keeps, newest first, besides those within the grace period. */
export const MANIFEST_RETAINED_VERSIONS = 2 * MANIFEST_COMPACTION_INTERVAL;

/** Manifest versions younger than this are never pruned, whatever their number. */
export const MANIFEST_RETENTION_GRACE_MS = 10_000;

/** How much history a manifest compaction keeps (defaults: the constants above). */
export interface RetentionPolicy {
  readonly retainedVersions?: number;
  readonly graceMs?: number;
}

/**
 * The cleanup cutoff of a manifest compaction: the timestamp of the oldest of the newest `retainedVersions` versions,
 * or `now` minus the grace period when that is earlier. Versions older than the cutoff are pruned; the epoch
 * (nothing pruned) while no more versions exist than are retained.
 */
export function retentionCutoff(versions: readonly { readonly version: number; readonly timestamp: Date }[], now: number, policy: RetentionPolicy = {}): Date {
  const retained = Math.max(1, policy.retainedVersions ?? MANIFEST_RETAINED_VERSIONS);
  if (versions.length <= retained) return new Date(0);
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const kept = newestFirst[retained - 1]!.timestamp.getTime();
  return new Date(Math.min(kept, now - (policy.graceMs ?? MANIFEST_RETENTION_GRACE_MS)));
}

/** Attempts for a publish whose precondition is `current` (spec: 5 retries after the first try). */
export const PUBLISHER_RETRY_BUDGET = 5;

/**
 * The manifest of one graph, on one connection opened with `readConsistencyInterval: 0`. Graph branch `main` is
 * the manifest's native main; every other graph branch is a native branch of the manifest table
 * (`nativeBranchOf`), with its own head handle and cached state. Publishing is the manifest actor's job: nothing
 * else calls `publish`. Branch create and delete run under the engine's branch gates.
 */
export class ManifestStore {
  readonly #heads: ManifestHeads;
  readonly #readOnly: boolean;
  readonly #publishesSinceCompaction = new Map<string, number>();
  #lastCompactionError: OmniError | undefined;

  private constructor(heads: ManifestHeads, readOnly: boolean) {
    this.#heads = heads;
    this.#readOnly = readOnly;
  }

  /** Create the manifest table with its genesis rows (manifest version 1). */
  static async create(conn: LanceConnection, genesis: readonly ManifestRow[]): Promise<ManifestStore> {
    const head = await conn.createTable(MANIFEST_TABLE, { schema: manifestSchema(), primaryKey: 'object_id', rows: manifestRowsToArrow(genesis) });
    // Publishes merge on object_id: index it so a publish does not scan the whole manifest (version 2, no commit).
    await head.createScalarIndex('object_id');
    return new ManifestStore(new ManifestHeads(conn, head), false);
  }

  /** Open an existing manifest. `not_found` when there is none. */
  static async open(conn: LanceConnection, options: { readonly readOnly: boolean }): Promise<ManifestStore> {
    const head = await conn.openHead(MANIFEST_TABLE);
    return new ManifestStore(new ManifestHeads(conn, head), options.readOnly);
  }

  /** The latest manifest version of `branch`. `branch_not_found` for an unknown branch. */
  async latestVersion(branch: string = MAIN_BRANCH): Promise<number> {
    return this.#heads.version(parseBranchName(branch));
  }

  /**
   * Current state of `branch`, refreshed incrementally: only rows created or updated after the cached version
   * are read, from a snapshot at the new version (so the state is exactly that version's). `branch_not_found` for
   * an unknown branch or an interrupted create; `bad_request` for a bad name.
   */
  async state(branch: string = MAIN_BRANCH): Promise<ManifestState> {
    return this.#heads.state(branch);
  }

  /**
   * The live pins and heads of `branch`, read without the commit rows until a full state of the branch is needed:
   * what a snapshot of a branch head needs. `branch_not_found` as for {@link state}.
   */
  async headView(branch: string = MAIN_BRANCH): Promise<HeadView> {
    return this.#heads.headView(branch);
  }

  /** State of `branch` at an exact manifest version (time travel). `not_found` when that version does not exist. */
  async stateAt(version: number, branch: string = MAIN_BRANCH): Promise<ManifestState> {
    return this.#heads.stateAt(version, branch);
  }

  /** Every live graph branch with its incarnation and head commit: `main` first, then the rest by name. */
  async listBranches(): Promise<GraphBranch[]> {
    return listGraphBranches(this.#heads);
  }

  /**
   * Create graph branch `name` from `options.from` (default `main`) at the source's current manifest version, with a
   * fresh incarnation and the source's head commit; data tables keep their inherited pins. Records no commit.
   * `conflict` when the name exists or races another create of it; see `createGraphBranch` for every refusal.
   */
  async createBranch(name: string, options: { readonly from?: string } = {}): Promise<GraphBranch> {
    this.#assertWritable('create a branch');
    return createGraphBranch(this.#heads, name, options.from ?? MAIN_BRANCH);
  }

  /**
   * Delete graph branch `name` and, best effort, the data forks only it used. Records no commit. `bad_request` for
   * `main`, `branch_not_found`, `conflict` while a branch depends on it; see `deleteGraphBranch`.
   */
  async deleteBranch(name: string): Promise<BranchDeleteResult> {
    this.#assertWritable('delete a branch');
    return deleteGraphBranch(this.#heads, name);
  }

  /** Remove native manifest branches left by interrupted creates (run under the write lease); returns their names. */
  async removeInterruptedCreates(): Promise<string[]> {
    this.#assertWritable('clean up branches');
    return removeInterruptedCreates(this.#heads);
  }

  /**
   * Publish one commit with its pins in one guarded merge-insert (design §3). An exact precondition never retries:
   * a moved head is `read_set_conflict`; a `current` precondition re-reads and re-parents up to the retry budget.
   * After any failure the pre-minted commit id is looked up: a publish that landed is a success.
   */
  async publish(request: PublishRequest): Promise<PublishResult> {
    this.#assertWritable('write');
    const branch = parseBranchName(request.branch);
    const req = branch === request.branch ? request : { ...request, branch };
    const attempts = req.precondition.kind === 'current' ? PUBLISHER_RETRY_BUDGET + 1 : 1;
    let lastError: OmniError | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const state = await this.state(req.branch);
      const landed = state.commits.get(req.commit.id);
      if (landed !== undefined) return { commitId: landed.id, manifestVersion: landed.manifestVersion, parents: landed.parents, alreadyPublished: true };
      const head = checkPreconditions(state, req);
      const { rows, parents } = publishRows(req, head, state);
      try {
        const r = await (await this.#heads.handle(branch)).mergeInsert(manifestRowsToArrow(rows), {
          on: 'object_id',
          whenMatchedUpdate: { where: poisonCasCondition('head_cas', headCas(head.incarnation, head.commitId)) },
          whenNotMatchedInsert: true,
          // A scan join: on the manifest's small fragments it is faster than the object_id index (measured: a warm
          // single-row write 37 -> 28 ms), and it makes LanceDB detect racing inserts of one key (INV-24).
          useIndex: false,
        });
        if (r.numUpdatedRows !== 1 || r.numInsertedRows !== rows.length - 1) {
          throw new OmniError('internal', `publish of ${req.commit.id} wrote ${r.numInsertedRows} new and ${r.numUpdatedRows} updated rows; expected ${rows.length - 1} and 1`, {
            details: { commit_id: req.commit.id, inserted: r.numInsertedRows, updated: r.numUpdatedRows },
          });
        }
        await this.#compactPeriodically(branch);
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
   * Compact `branch` of the manifest table, catch its index up and prune its old versions, through the one optimize
   * entry point. Time travel derives any earlier state from the current rows (INV-30), so no old version is needed
   * for reading history; the cutoff keeps the newest {@link MANIFEST_RETAINED_VERSIONS} versions and every version
   * younger than {@link MANIFEST_RETENTION_GRACE_MS}, for readers in other processes that are reading one right now
   * (a refresh whose version vanished reads the newer one).
   */
  async compact(branch: string = MAIN_BRANCH, policy: RetentionPolicy = {}): Promise<OptimizeResult> {
    this.#assertWritable('compact');
    const head = await this.#heads.handle(parseBranchName(branch));
    return head.optimize({ cleanupOlderThan: retentionCutoff(await head.listVersions(), Date.now(), policy) });
  }

  /** The failure of the last automatic compaction, if it failed (the publish that triggered it still landed). */
  get lastCompactionError(): OmniError | undefined {
    return this.#lastCompactionError;
  }

  async #compactPeriodically(branch: string): Promise<void> {
    const count = (this.#publishesSinceCompaction.get(branch) ?? 0) + 1;
    this.#publishesSinceCompaction.set(branch, count < MANIFEST_COMPACTION_INTERVAL ? count : 0);
    if (count < MANIFEST_COMPACTION_INTERVAL) return;
    try {
      await this.compact(branch);
      this.#lastCompactionError = undefined;
    } catch (err) {
      // The publish already landed; a failed upkeep step must not turn it into a reported failure.
      this.#lastCompactionError = toOmniError(err);
    }
  }

  /**
   * Rewrite the format stamp on `main` after a forward migration (read-write open, before the manifest actor
   * starts). Idempotent: stamping the same version twice writes the same row.
   */
  async stampFormat(formatVersion: number): Promise<void> {
    if (this.#readOnly) throw new OmniError('internal', 'a read-only open must never write the format stamp');
    await this.#heads.main.mergeInsert(manifestRowsToArrow([formatRow(formatVersion, `omnigraph ${PACKAGE_VERSION}`)]), {
      on: 'object_id',
      whenMatchedUpdate: true,
      whenNotMatchedInsert: true,
    });
  }

  /** Release the handles (the connection belongs to the caller). */
  close(): void {
    this.#heads.close();
  }

  #assertWritable(what: string): void {
    if (this.#readOnly) throw new OmniError('bad_request', `this graph was opened read-only; open it read-write to ${what}`);
  }
}

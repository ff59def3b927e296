// The manifest table per graph branch: a writable head handle on each native branch and an incrementally refreshed state.
import { OmniError, toOmniError } from '../errors/index.js';
import { sqlString, type LanceConnection, type TableHandle, type TableReader } from '../store/lance/index.js';
import { KeyedMutex } from '../util/keyed-mutex.js';
import { nativeBranchOf, parseBranchName } from './branch-names.js';
import { ManifestFolder, type HeadView, type ManifestState } from './fold.js';
import { readManifestRows } from './manifest-table.js';
import { decodeHead, isAbandonedHead } from './records.js';
import { MAIN_BRANCH, MANIFEST_TABLE, headObjectId, type StoredManifestRow } from './rows.js';

/** Reads of one refresh when compaction keeps pruning the version being read. */
const REFRESH_ATTEMPTS = 4;

/** How much of a branch's manifest a refresh folds: every row, or every row but the commit rows (a head view). */
type Depth = 'full' | 'view';

/** The filter that leaves commit rows out of a head view's reads. */
const NO_COMMIT_ROWS = "object_type <> 'graph_commit'";

interface Cached {
  readonly folder: ManifestFolder;
  readonly version: number;
  readonly state: ManifestState;
  /** The branch's incarnation when the state was folded (`null` on main, which is never recreated). */
  readonly incarnation: string | null;
}

/**
 * Head handles and cached states of every graph branch of one manifest, on a connection with
 * `readConsistencyInterval: 0`. Graph branch `main` is the manifest's native main; branch `b` is the native branch
 * `nativeBranchOf(b)`. A native branch without a live head row is an interrupted create: `branch_not_found`.
 */
export class ManifestHeads {
  /** The connection (its `readConsistencyInterval` is 0). */
  readonly conn: LanceConnection;
  /** The writable handle on the manifest's native main (graph branch `main`). */
  readonly main: TableHandle;
  readonly #handles = new Map<string, Promise<TableHandle>>();
  /** Full states (every row folded), by branch. */
  readonly #cached = new Map<string, Cached>();
  /** Head views (every row but the commit rows folded), by branch, for handles that have not needed a full state. */
  readonly #views = new Map<string, Cached>();
  readonly #refresh = new KeyedMutex();

  constructor(conn: LanceConnection, main: TableHandle) {
    this.conn = conn;
    this.main = main;
  }

  /** The writable head handle of `branch` (opened once). `branch_not_found` when its native branch is missing. */
  async handle(branch: string): Promise<TableHandle> {
    if (branch === MAIN_BRANCH) return this.main;
    let opened = this.#handles.get(branch);
    if (opened === undefined) {
      opened = this.conn.openHead(MANIFEST_TABLE, nativeBranchOf(branch));
      this.#handles.set(branch, opened);
      opened.catch(() => this.#handles.get(branch) === opened && this.#handles.delete(branch));
    }
    try {
      return await opened;
    } catch (err) {
      throw notFoundAs(err, branch);
    }
  }

  /** The latest manifest version of `branch`. */
  async version(branch: string): Promise<number> {
    const head = await this.handle(branch);
    try {
      return await head.version();
    } catch (err) {
      // Deleted (here or by another process) since the handle was opened.
      if (toOmniError(err).code === 'not_found') this.forget(branch);
      throw notFoundAs(err, branch);
    }
  }

  /**
   * Current state of `branch`, refreshed incrementally: only rows written after the cached version are read, from a
   * snapshot at the new version, so the state is exactly that version's. On a non-main branch the head row is read
   * on every refresh too: a branch deleted and recreated (by any process) reuses its native name, and a changed
   * incarnation discards the cache. `branch_not_found` for an unknown branch or an interrupted create.
   */
  async state(branch: string): Promise<ManifestState> {
    const name = parseBranchName(branch);
    return this.#refresh.with([name], () => this.#refreshed(name, 'full'));
  }

  /**
   * The current pins and heads of `branch`, refreshed like {@link state} but, until a full state of the branch is
   * needed, without reading commit rows: a cold read of a snapshot costs the live rows, not the history (a
   * graph of 10k commits reads ~3 ms of rows instead of ~19 ms). Once a full state exists, it serves.
   */
  async headView(branch: string): Promise<HeadView> {
    const name = parseBranchName(branch);
    return this.#refresh.with([name], () => this.#refreshed(name, this.#cached.has(name) ? 'full' : 'view'));
  }

  /**
   * State of `branch` at an exact manifest version (time travel), derived from the branch's current rows: rows are
   * insert-only apart from the head rows and keep their creation versions, so no old version of the manifest table is
   * read and compaction may prune them. `not_found` when the branch has no such version.
   */
  async stateAt(version: number, branch: string): Promise<ManifestState> {
    const name = parseBranchName(branch);
    const cached = await this.#refresh.with([name], async () => {
      await this.#refreshed(name, 'full');
      return this.#cached.get(name)!;
    });
    if (!Number.isSafeInteger(version) || version < 1 || version > cached.version) {
      throw new OmniError('not_found', `manifest version ${version} of branch '${name}' does not exist (latest is ${cached.version})`, {
        details: { manifest_version: version, branch: name },
      });
    }
    return version === cached.version ? cached.state : cached.folder.state(version);
  }

  /** The head row of `branch` at its latest version through `reader` (default: its head handle), or `null`. */
  async headRow(branch: string, reader?: TableReader): Promise<StoredManifestRow | null> {
    const rows = await readManifestRows(reader ?? (await this.handle(branch)), `object_id = ${sqlString(headObjectId(branch))}`);
    return rows[0] ?? null;
  }

  /** Drop the handle and cached state of `branch` (after it was deleted or an interrupted create was removed). */
  forget(branch: string): void {
    this.#cached.delete(branch);
    this.#views.delete(branch);
    const opened = this.#handles.get(branch);
    this.#handles.delete(branch);
    void opened?.then((h) => h.close()).catch(() => undefined);
  }

  /** Release every handle. */
  close(): void {
    for (const branch of [...this.#handles.keys()]) this.forget(branch);
    this.#cached.clear();
    this.#views.clear();
    this.main.close();
  }

  async #refreshed(branch: string, depth: Depth): Promise<ManifestState> {
    for (let attempt = 1; ; attempt++) {
      const version = await this.version(branch);
      try {
        return await this.#refreshAt(branch, version, depth);
      } catch (err) {
        // Compaction (here or in another process) pruned `version` while it was read (INV-30): read the newer one.
        const code = toOmniError(err).code;
        const moved = (code === 'not_found' || code === 'branch_not_found') && (await this.version(branch).catch(() => version)) > version;
        if (!moved || attempt === REFRESH_ATTEMPTS) throw err;
      }
    }
  }

  async #refreshAt(branch: string, version: number, depth: Depth): Promise<ManifestState> {
    const caches = depth === 'full' ? this.#cached : this.#views;
    const where = (filter?: string): string | undefined => (depth === 'full' ? filter : filter === undefined ? NO_COMMIT_ROWS : `(${filter}) AND ${NO_COMMIT_ROWS}`);
    const cached = caches.get(branch);
    if (branch === MAIN_BRANCH && cached !== undefined && cached.version === version) return cached.state;
    const snapshot = await this.conn.openAt(MANIFEST_TABLE, { branch: nativeBranchOf(branch), version }).catch((err: unknown) => {
      throw notFoundAs(err, branch);
    });
    try {
      let rows: StoredManifestRow[] | undefined;
      let base = cached !== undefined && cached.version <= version ? cached : undefined;
      if (base !== undefined && branch !== MAIN_BRANCH) {
        const since = base.version;
        rows = await readManifestRows(snapshot, where(`_row_last_updated_at_version > ${since} OR object_id = ${sqlString(headObjectId(branch))}`));
        if (incarnationOf(rows, branch) !== base.incarnation) base = undefined;
        else if (base.version === version) return base.state;
        else rows = rows.filter((r) => r.updated_at_version > since);
      }
      const folder = base === undefined ? new ManifestFolder() : base.folder;
      if (base === undefined) rows = await readManifestRows(snapshot, where());
      else rows ??= await readManifestRows(snapshot, where(`_row_last_updated_at_version > ${base.version}`));
      for (const row of rows) folder.add(row);
      const state = folder.state(version);
      const head = state.heads.get(branch);
      if (head === undefined) {
        // A native branch whose create never wrote its head row: not a branch.
        caches.delete(branch);
        throw branchNotFound(branch);
      }
      caches.set(branch, { folder, version, state, incarnation: branch === MAIN_BRANCH ? null : head.incarnation });
      return state;
    } finally {
      snapshot.close();
    }
  }
}

/** `branch_not_found` naming `branch`. */
export function branchNotFound(branch: string): OmniError {
  return new OmniError('branch_not_found', `branch '${branch}' not found`, { details: { branch } });
}

function incarnationOf(rows: readonly StoredManifestRow[], branch: string): string | null {
  const row = rows.find((r) => r.object_id === headObjectId(branch));
  return row === undefined || isAbandonedHead(row) ? null : decodeHead(row).incarnation;
}

function notFoundAs(err: unknown, branch: string): unknown {
  return branch !== MAIN_BRANCH && toOmniError(err).code === 'not_found' ? branchNotFound(branch) : err;
}

// The history side of a graph handle: read targets (branch, commit, manifest version), commits, diff, the change feed.
import type { Catalog } from '../compiler/index.js';
import { OmniError } from '../errors/index.js';
import {
  commitChangesPage,
  diffSnapshots,
  pollChanges,
  type ChangeFeedOptions,
  type ChangeFeedPage,
  type ChangeFilter,
  type ChangeHost,
  type ChangeSet,
  type CommitChangesOptions,
  type CommitChangesPage,
} from '../exec/diff/index.js';
import {
  MAIN_BRANCH,
  commitsNewestFirst,
  makeSnapshot,
  parseBranchName,
  type CommitRecord,
  type GraphSnapshot,
  type HeadRecord,
  type ManifestState,
  type ManifestStore,
  type TableHandleCache,
} from '../manifest/index.js';

/** Where a read looks: a branch head (default `main`), a commit, or a manifest version of a branch (default `main`). */
export type ReadTarget =
  | { readonly branch?: string }
  | { readonly commit: string }
  | { readonly manifestVersion: number; readonly branch?: string };

/** Resolves read targets to manifest states and serves commits, diffs and the change feed of one open graph. */
export class HistorySide {
  readonly #manifest: ManifestStore;
  readonly #catalog: Catalog;
  readonly #tables: TableHandleCache;

  constructor(manifest: ManifestStore, catalog: Catalog, tables: TableHandleCache) {
    this.#manifest = manifest;
    this.#catalog = catalog;
    this.#tables = tables;
  }

  /** The snapshot of `target`; a branch head is read from the branch's head view (no commit rows). */
  async snapshot(target: ReadTarget): Promise<GraphSnapshot> {
    if (!('commit' in target) && !('manifestVersion' in target)) {
      const branch = parseBranchName(target.branch ?? MAIN_BRANCH);
      return makeSnapshot(branch, await this.#manifest.headView(branch), this.#tables);
    }
    const { branch, state } = await this.resolve(target);
    return makeSnapshot(branch, state, this.#tables);
  }

  /** The head of `branch`; `branch_not_found` when it does not exist. */
  async head(branch: string): Promise<HeadRecord> {
    const name = parseBranchName(branch);
    const head = (await this.#manifest.headView(name)).heads.get(name);
    if (head === undefined) throw new OmniError('branch_not_found', `branch '${name}' not found`, { details: { branch: name } });
    return head;
  }

  /** Commits visible from `branch`, newest first. */
  async commits(branch: string): Promise<CommitRecord[]> {
    return commitsNewestFirst(await this.#manifest.state(branch));
  }

  /** One commit by id, searched on `main` and then on every other live branch; `commit_not_found` when none has it. */
  async commit(id: string): Promise<CommitRecord> {
    const onMain = (await this.#manifest.state(MAIN_BRANCH)).commits.get(id);
    if (onMain !== undefined) return onMain;
    for (const b of await this.#manifest.listBranches()) {
      if (b.name === MAIN_BRANCH) continue;
      const state = await this.#manifest.state(b.name).catch((err: unknown) => {
        // Deleted since it was listed.
        if ((err as { code?: string }).code === 'branch_not_found') return undefined;
        throw err;
      });
      const found = state?.commits.get(id);
      if (found !== undefined) return found;
    }
    throw new OmniError('commit_not_found', `commit '${id}' not found`, { details: { commit_id: id } });
  }

  /** The entity changes between two read targets. */
  async diff(from: ReadTarget, to: ReadTarget, filter: ChangeFilter): Promise<ChangeSet> {
    const side = async (t: ReadTarget) => {
      const { branch, state } = await this.resolve(t);
      return { state, snap: makeSnapshot(branch, state, this.#tables), byBranch: !('commit' in t) };
    };
    return diffSnapshots(this.#catalog, await side(from), await side(to), filter);
  }

  /** One page of the changes commit `commitId` made against its first parent. */
  async commitChanges(commitId: string, options: CommitChangesOptions): Promise<CommitChangesPage> {
    return commitChangesPage(this.host(), commitId, options);
  }

  /** One bounded page of a branch's change feed. */
  async changes(options: ChangeFeedOptions): Promise<ChangeFeedPage> {
    return pollChanges(this.host(), options);
  }

  /**
   * The branch and manifest state of `target`. A commit resolves on the branch that authored it, at its manifest
   * version; a manifest version past the branch's latest is `not_found`.
   */
  async resolve(target: ReadTarget): Promise<{ branch: string; state: ManifestState }> {
    if ('commit' in target) {
      const commit = await this.commit(target.commit);
      const state = await this.#manifest.stateAt(commit.manifestVersion, commit.branch);
      if (state.heads.get(commit.branch)?.commitId !== commit.id) {
        throw new OmniError('internal', `commit '${commit.id}' is not the head of its manifest version; the branch was recreated`);
      }
      return { branch: commit.branch, state };
    }
    const branch = parseBranchName(target.branch ?? MAIN_BRANCH);
    if ('manifestVersion' in target) return { branch, state: await this.#manifest.stateAt(target.manifestVersion, branch) };
    return { branch, state: await this.#manifest.state(branch) };
  }

  /** The history reads merge, diff and the change feed run on. */
  host(): ChangeHost {
    const manifest = this.#manifest;
    return {
      catalog: this.#catalog,
      state: (branch) => manifest.state(branch),
      stateAt: (version, branch) => manifest.stateAt(version, branch),
      snapshotOf: (branch, state) => makeSnapshot(branch, state, this.#tables),
      commit: (id) => this.commit(id),
    };
  }
}

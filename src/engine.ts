// The public Omnigraph API: init and open a graph, read snapshots and commits, create and delete branches, close.
import { startManifestActor, type ManifestActor } from './actors/manifest/index.js';
import type { Catalog } from './compiler/index.js';
import { OmniError } from './errors/index.js';
import {
  MAIN_BRANCH,
  ManifestStore,
  TableHandleCache,
  initGraph,
  parseBranchName,
  type BranchDeleteResult,
  type CommitRecord,
  type GraphBranch,
  type GraphSnapshot,
  type HeadRecord,
  type PublishRequest,
  type PublishResult,
} from './manifest/index.js';
import type { LanceConnection } from './store/lance/index.js';
import type { ObjectStore } from './store/object/types.js';
import { KeyedMutex } from './util/keyed-mutex.js';
import type { LeaseKeeperOptions } from './engine/lease-keeper.js';
import { WriteSide } from './engine/write-side.js';
import { ReadSide, type QueryOptions } from './engine/read-side.js';
import type { ReadOutput } from './exec/output/index.js';
import type { WriteSet } from './exec/writeset/index.js';
import type { RecoveryOutcome } from './recovery/recover.js';
import { runLoad, type LoadOptions, type LoadResult, type LoadSource } from './exec/load/index.js';
import { runMutation, type MutateOptions, type MutationResult } from './exec/mutate/index.js';
import { runMerge, type MergeOptions, type MergeResult } from './exec/merge/index.js';
import { ensureKeyIndexes, type BuiltIndex, type EnsureIndexOptions } from './exec/indexes/index.js';
import type { ChangeFeedOptions, ChangeFeedPage, ChangeFilter, ChangeSet, CommitChangesOptions, CommitChangesPage } from './exec/diff/index.js';
import { HistorySide, type ReadTarget } from './engine/history-side.js';
import { openGraphParts, type OpenMode, type OpenOptions } from './engine/open-graph.js';

export type { ReadTarget } from './engine/history-side.js';
export { FORMAT_MIGRATIONS, type MigrationContext, type OpenMode, type OpenOptions } from './engine/open-graph.js';

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
  readonly #gates: KeyedMutex;
  readonly #write: WriteSide | undefined;
  readonly #read = new ReadSide();
  readonly #history: HistorySide;
  #closed = false;

  private constructor(parts: {
    uri: string;
    mode: OpenMode;
    catalog: Catalog;
    manifest: ManifestStore;
    manifestConn: LanceConnection;
    dataConn: LanceConnection;
    objects: ObjectStore;
    lease: LeaseKeeperOptions | undefined;
  }) {
    this.uri = parts.uri;
    this.mode = parts.mode;
    this.catalog = parts.catalog;
    this.#manifest = parts.manifest;
    this.#manifestConn = parts.manifestConn;
    this.#dataConn = parts.dataConn;
    this.#objects = parts.objects;
    this.#tables = new TableHandleCache(parts.dataConn);
    this.#history = new HistorySide(parts.manifest, parts.catalog, this.#tables);
    this.#actor = parts.mode === 'read-write' ? startManifestActor(parts.manifest) : undefined;
    this.#gates = retainGates(parts.uri);
    this.#write =
      this.#actor === undefined
        ? undefined
        : new WriteSide({ manifest: parts.manifest, actor: this.#actor, data: parts.dataConn, objects: parts.objects, gates: this.#gates, ...(parts.lease ? { lease: parts.lease } : {}) });
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
    const parts = await openGraphParts(uri, options);
    const graph = new Omnigraph({ ...parts, lease: options.lease });
    try {
      await graph.#write?.recoverAtOpen();
    } catch (err) {
      await graph.close();
      throw err;
    }
    return graph;
  }

  /** The snapshot of a read target (default: `main`'s head). */
  async snapshot(target: ReadTarget = {}): Promise<GraphSnapshot> {
    this.#assertOpen();
    return this.#history.snapshot(target);
  }

  /** The head of `branch`: its incarnation and head commit. `branch_not_found` when it does not exist. */
  async head(branch: string = MAIN_BRANCH): Promise<HeadRecord> {
    this.#assertOpen();
    return this.#history.head(branch);
  }

  /**
   * Commits visible from `branch` (default `main`), newest first: on a branch, the commits it inherited up to its
   * fork and its own. `branch_not_found` for an unknown branch.
   */
  async commits(options: { readonly branch?: string } = {}): Promise<CommitRecord[]> {
    this.#assertOpen();
    return this.#history.commits(options.branch ?? MAIN_BRANCH);
  }

  /** One commit by id, searched on `main` and then on every other live branch; `commit_not_found` when none has it. */
  async commit(id: string): Promise<CommitRecord> {
    this.#assertOpen();
    return this.#history.commit(id);
  }

  /** Every live branch with its incarnation and head commit: `main` first, then the others by name. */
  async branches(): Promise<GraphBranch[]> {
    this.#assertOpen();
    return this.#manifest.listBranches();
  }

  /**
   * Create branch `name` from `options.from` (default `main`) at that branch's current head (design §4.3): the new
   * branch sees exactly the source's snapshot, gets a fresh incarnation, and forks data tables lazily on its first
   * write. Records no commit. Holds the branch gates of both branches. `conflict` when the name exists (or another
   * create of it wins), `branch_not_found` for an unknown source, `bad_request` for a bad or reserved name or on a
   * read-only open.
   * @example
   * await graph.branchCreate('review/2026-07', { from: 'main' });
   */
  async branchCreate(name: string, options: { readonly from?: string } = {}): Promise<GraphBranch> {
    this.#assertWritable();
    const target = parseBranchName(name);
    const from = parseBranchName(options.from ?? MAIN_BRANCH);
    return this.#write!.underLease(() => this.#gates.with([from, target], () => this.#manifest.createBranch(target, { from })));
  }

  /**
   * Delete branch `name` and, best effort, the data forks only it used. Records no commit; its own commits go with
   * it. Holds the branch's gate. `bad_request` for `main`, `branch_not_found`, `conflict` while a branch created
   * from it (or reading its forks) is live.
   */
  async branchDelete(name: string): Promise<BranchDeleteResult> {
    this.#assertWritable();
    const target = parseBranchName(name);
    return this.#write!.underLease(() => this.#gates.with([target], () => this.#manifest.deleteBranch(target)));
  }

  /**
   * Merge branch `source` into `options.into` (default `main`) — spec branching §7: one two-parent commit on the
   * target written through the write protocol (`fast_forward` or `merged`), or none (`already_up_to_date`).
   * `merge_conflicts` lists every conflict and changes nothing. With `deleteBranch`, the source is deleted afterwards;
   * a refusal is reported in `branchDeleteError`, never thrown.
   * @example
   * const r = await graph.branchMerge('feature', { into: 'main', deleteBranch: true });
   */
  async branchMerge(source: string, options: MergeOptions = {}): Promise<MergeResult> {
    this.#assertWritable();
    return runMerge(
      { ...this.#history.host(), applyWriteSet: (ws) => this.applyWriteSet(ws), branchDelete: (name) => this.branchDelete(name) },
      source,
      options,
    );
  }

  /**
   * Build the missing key indexes of `main` (btree on `id`, and on `src`/`dst` of edge tables) on tables with at least
   * `minRows` rows (default 10,000), each column as one content-neutral commit through the write protocol; point
   * lookups, expansions and merges then read by index. Resolves with what was built.
   * @example
   * await graph.ensureIndices({ minRows: 1 });
   */
  async ensureIndices(options: EnsureIndexOptions = {}): Promise<BuiltIndex[]> {
    this.#assertWritable();
    return ensureKeyIndexes({ head: (b) => this.head(b), snapshot: (t) => this.snapshot(t), applyWriteSet: (ws) => this.applyWriteSet(ws) }, options);
  }

  /**
   * The in-process branch gates of this graph root (keys: graph branch names), shared by every handle on the root in
   * this process. Branch create holds source and target, delete the branch; the write path holds the branch around
   * each write window.
   * @internal
   */
  get gates(): KeyedMutex {
    return this.#gates;
  }

  /**
   * Publish through the manifest actor. The write protocol is the only intended caller; until it lands, tests use
   * this to drive publishes directly.
   * @internal
   */
  async __unsafePublish(request: PublishRequest): Promise<PublishResult> {
    this.#assertOpen();
    this.#assertWritable();
    return this.#actor!.publish(request);
  }

  /**
   * Commit a write set atomically through the durable write protocol (Phases A–D under the write lease and the branch
   * gate). Resolves with the published commit, or `null` when the write set changes nothing. Fails with
   * `read_set_conflict` when the branch head moved (no effect), `recovery_required` when the write failed after an
   * effect landed (the next lease holder recovers it).
   * @example
   * const commit = await graph.applyWriteSet(writeSet);
   */
  async applyWriteSet(ws: WriteSet): Promise<PublishResult | null> {
    this.#assertWritable();
    return this.#write!.apply(ws);
  }

  /**
   * Run a read query (`.gq` text; `name` picks one of several) against a branch head or a commit's snapshot.
   * @example
   * const out = await graph.query('query q($n: String) { match { $p: Person { name: $n } } return { $p.age } }', { params: { n: 'Alice' } });
   */
  async query(text: string, options: QueryOptions = {}): Promise<ReadOutput> {
    this.#assertOpen();
    return this.#read.query(this.catalog, text, options, (t) => this.snapshot(t.commit !== undefined ? { commit: t.commit } : { branch: t.branch ?? MAIN_BRANCH }));
  }

  /**
   * Load a strict JSONL file (a path) or text (`{text}`) into an existing branch (default `main`) as one atomic commit;
   * see `runLoad` for the modes and the checks. `branch_not_found` for an unknown branch.
   * @example
   * const r = await graph.load('people.jsonl', { mode: 'merge' });
   */
  async load(source: string | LoadSource, options: Omit<LoadOptions, 'branch'> & { readonly branch?: string }): Promise<LoadResult> {
    this.#assertWritable();
    return runLoad(this, typeof source === 'string' ? { path: source } : source, { ...options, branch: parseBranchName(options.branch ?? MAIN_BRANCH) });
  }

  /**
   * Run a `.gq` mutation query (the file's only query, or `options.name`) on a branch (default `main`) as one atomic
   * commit, or none when it changes nothing; see `runMutation`. `precondition_failure` when `ifCommit` is not the head.
   * @example
   * await graph.mutate('query add($n: String) { insert Person { name: $n } }', { params: { n: 'Ann' } });
   */
  async mutate(queryText: string, options: Omit<MutateOptions, 'branch'> & { readonly branch?: string } = {}): Promise<MutationResult> {
    this.#assertWritable();
    return runMutation(this, queryText, { ...options, branch: parseBranchName(options.branch ?? MAIN_BRANCH) });
  }

  /**
   * Export a branch head or a commit's snapshot as load-envelope JSONL (all types, or `types`), one line per entity
   * through `write`; `load` re-imports it. Resolves with the number of lines.
   */
  async exportJsonl(options: { readonly branch?: string; readonly snapshot?: string; readonly types?: readonly string[] }, write: (line: string) => void | Promise<void>): Promise<number> {
    this.#assertOpen();
    const snap = await this.snapshot(options.snapshot !== undefined ? { commit: options.snapshot } : { branch: options.branch ?? MAIN_BRANCH });
    return this.#read.exportJsonl(this.catalog, snap, options.types ?? [], write);
  }

  /** What recovery did since this handle opened (sidecars of crashed or failed writes), oldest first. */
  recoveries(): readonly RecoveryOutcome[] {
    return this.#write?.recoveries() ?? [];
  }

  /** Finish queued publishes and release every handle. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    releaseGates(this.uri);
    await this.#write?.close();
    await this.#read.close();
    await this.#actor?.stop();
    await this.#tables.close();
    this.#manifest.close();
    this.#manifestConn.close();
    this.#dataConn.close();
    await this.#objects.close();
  }

  /**
   * The entities that differ between two read targets (spec branching §8.1) — branches, commits on any branch, or
   * manifest versions — filtered by kinds, type names and ops (empty = all). Rewrites of identical values are no
   * change. `change_schema_boundary` across a schema change.
   * @example
   * const cs = await graph.diff({ branch: 'main' }, { branch: 'feature' }, { kinds: ['node'] });
   */
  async diff(from: ReadTarget, to: ReadTarget, filter: ChangeFilter = {}): Promise<ChangeSet> {
    this.#assertOpen();
    return this.#history.diff(from, to, filter);
  }

  /**
   * One page of the entity changes commit `commitId` (on any branch) made against its first parent, with
   * before/after images (spec branching §8.2); follow `next_page_token`. `commit_has_no_parent` for genesis.
   * @example
   * const page = await graph.commitChanges(commitId, { limit: 100 });
   */
  async commitChanges(commitId: string, options: CommitChangesOptions = {}): Promise<CommitChangesPage> {
    this.#assertOpen();
    return this.#history.commitChanges(commitId, options);
  }

  /**
   * One bounded page of a branch's change feed (spec branching §8.3): start with `start` (`now` by default,
   * `beginning`, `after:<commit_id>`), follow `next_page_token` within a poll, resume later with the `cursor`.
   * @example
   * const page = await graph.changes({ branch: 'main', start: 'beginning' });
   */
  async changes(options: ChangeFeedOptions = {}): Promise<ChangeFeedPage> {
    this.#assertOpen();
    return this.#history.changes(options);
  }

  #assertOpen(): void {
    if (this.#closed) throw new OmniError('bad_request', 'this graph handle is closed');
  }

  #assertWritable(): void {
    this.#assertOpen();
    if (this.#actor === undefined) throw new OmniError('bad_request', 'this graph was opened read-only; open it read-write to write');
  }
}

/** One gate manager per graph root in this process, shared by every open handle on it (spec storage §7.3). */
const GATE_MANAGERS = new Map<string, { readonly gates: KeyedMutex; opens: number }>();

function retainGates(uri: string): KeyedMutex {
  const entry = GATE_MANAGERS.get(uri) ?? { gates: new KeyedMutex(), opens: 0 };
  entry.opens++;
  GATE_MANAGERS.set(uri, entry);
  return entry.gates;
}

function releaseGates(uri: string): void {
  const entry = GATE_MANAGERS.get(uri);
  if (entry !== undefined && --entry.opens === 0) GATE_MANAGERS.delete(uri);
}

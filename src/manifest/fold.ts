// The one reduction from manifest rows to graph state, used by readers and by the publisher alike.
import { OmniError } from '../errors/index.js';
import { decodeCommit, decodeFormat, decodeHead, decodePin, decodePinCommit, isAbandonedHead, type CommitRecord, type HeadRecord, type TablePin } from './records.js';
import { commitObjectId, type StoredManifestRow } from './rows.js';
import { CommitLog } from './commit-log.js';
import { countAtOrBelow } from '../util/sorted.js';

const COMMIT_PREFIX = commitObjectId('');

/** A live pin with the manifest version and the commit that published it. */
export interface PublishedPin extends TablePin {
  readonly publishedAt: number;
  readonly publishedBy: string;
}

/** Graph state of one manifest branch at one manifest version. */
export interface ManifestState {
  readonly manifestVersion: number;
  readonly formatVersion: number | null;
  /** Live tables by identity: the most recent pin by publish order, minus tombstoned identities. */
  readonly pins: ReadonlyMap<string, PublishedPin>;
  readonly heads: ReadonlyMap<string, HeadRecord>;
  readonly commits: ReadonlyMap<string, CommitRecord>;
  /**
   * Every native data branch (never main) a version row of this state names — live or historical — by table id, with
   * the graph branch whose commit pinned it first (its owner: the branch whose write made the fork), `null` if that
   * commit is not in this state.
   */
  readonly dataForks: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
  /**
   * Every version row of table `tableId` this state holds (its own and inherited), oldest first by publish order.
   * Diff, merge and the change feed read the deleted ids of the versions on a lineage from here.
   */
  pinHistory(tableId: string): readonly PublishedPin[];
}

/** What a snapshot of a branch head needs of its state: the live pins and the heads (no commit history). */
export type HeadView = Pick<ManifestState, 'manifestVersion' | 'formatVersion' | 'pins' | 'heads'>;

/**
 * Accumulates rows into state. Feed every row of a manifest version (any order) or, for an incremental refresh,
 * the rows created or updated after the last version fed; `state(v)` is the same either way.
 *
 * Every row but the head rows (and the format stamp, rewritten only by a migration) is insert-only and keeps its
 * creation version through compaction, so the state at any earlier version `v` is derived from the current rows
 * (`state(v)`): no old version of the manifest table is ever read, and compaction may prune them (INV-30).
 */
export class ManifestFolder {
  #formatVersion: number | null = null;
  /** Per table, every registration version (a registration exists at v when one is at or below v) and its key. */
  readonly #registered = new Map<string, { key: string; at: number }>();
  /** Per table, the versions of its tombstones. */
  readonly #tombstones = new Map<string, number[]>();
  /** Head rows by graph branch, as last written, with the versions that inserted and last wrote them. */
  readonly #headRows = new Map<string, { head: HeadRecord | null; createdAt: number; updatedAt: number }>();
  readonly #commits = new CommitLog();
  /** Per table, per native data branch: the first pin row naming it (publish order) and its commit. */
  readonly #forks = new Map<string, Map<string, { at: number; commitId: string }>>();
  /** Per table, every version row (append-only; rows are immutable once published), sorted on read. */
  readonly #history = new Map<string, PublishedPin[]>();
  readonly #unsorted = new Set<string>();

  /** Fold one row. Unknown kinds are ignored. */
  add(row: StoredManifestRow): void {
    switch (row.object_type) {
      case 'format':
        this.#formatVersion = decodeFormat(row);
        return;
      case 'table': {
        if (row.table_id === null || row.table_key === null) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': registration lacks identity`);
        const prev = this.#registered.get(row.table_id);
        this.#registered.set(row.table_id, { key: row.table_key, at: Math.min(prev?.at ?? row.created_at_version, row.created_at_version) });
        return;
      }
      case 'table_version':
        this.#addPin(Object.freeze({ ...decodePin(row), publishedAt: row.created_at_version, publishedBy: decodePinCommit(row) }));
        return;
      case 'table_tombstone': {
        if (row.table_id === null) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': tombstone lacks identity`);
        const list = this.#tombstones.get(row.table_id);
        if (list === undefined) this.#tombstones.set(row.table_id, [row.created_at_version]);
        else list.push(row.created_at_version);
        return;
      }
      case 'graph_commit': {
        const id = row.object_id.startsWith(COMMIT_PREFIX) ? row.object_id.slice(COMMIT_PREFIX.length) : '';
        if (id === '' || row.graph_branch === null) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': commit lacks its id or branch`);
        this.#commits.add(id, row.graph_branch, row.created_at_version, () => {
          const c = decodeCommit(row, row.created_at_version);
          if (c.id !== id) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': it holds commit '${c.id}'`);
          return c;
        });
        return;
      }
      case 'graph_head': {
        if (row.graph_branch === null) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': head lacks its branch`);
        // An interrupted create's retired head slot: the branch does not exist (design §4.3).
        const head = isAbandonedHead(row) ? null : decodeHead(row);
        this.#headRows.set(row.graph_branch, { head, createdAt: row.created_at_version, updatedAt: row.updated_at_version });
        return;
      }
      default:
        return;
    }
  }

  /**
   * The state at manifest version `manifestVersion`: the latest version fed, or any earlier one (validated: every live
   * pin has a registration). A head row last written at or before that version is taken as written; an earlier state
   * derives the head commit from the commits (the newest the branch authored by then).
   */
  state(manifestVersion: number): ManifestState {
    const v = manifestVersion;
    const pins = new Map<string, PublishedPin>();
    for (const id of [...this.#history.keys()].sort()) {
      const pin = lastAtOrBefore(this.#pinsOf(id), v);
      if (pin === undefined) continue;
      const dead = (this.#tombstones.get(id) ?? []).some((t) => t >= pin.publishedAt && t <= v);
      if (dead) continue;
      const reg = this.#registered.get(id);
      if (reg === undefined || reg.at > v) throw new OmniError('internal', `manifest pins table ${id}, which has no registration`);
      pins.set(id, pin);
    }
    const heads = new Map<string, HeadRecord>();
    for (const [branch, row] of this.#headRows) {
      if (row.head === null || row.createdAt > v) continue;
      if (row.updatedAt <= v) heads.set(branch, row.head);
      else {
        const commitId = this.#commits.headAt(v, branch);
        if (commitId !== undefined) heads.set(branch, Object.freeze({ branch, incarnation: row.head.incarnation, commitId }));
      }
    }
    const commits = this.#commits.viewAt(v);
    const dataForks = new Map<string, ReadonlyMap<string, string | null>>();
    for (const [id, forks] of this.#forks) {
      const owners = new Map<string, string | null>();
      for (const [fork, first] of forks) if (first.at <= v) owners.set(fork, commits.get(first.commitId)?.branch ?? null);
      if (owners.size > 0) dataForks.set(id, owners);
    }
    return Object.freeze({
      manifestVersion: v,
      formatVersion: this.#formatVersion,
      pinHistory: (tableId: string): readonly PublishedPin[] => {
        const all = this.#pinsOf(tableId);
        return all.slice(0, countAtOrBefore(all, v));
      },
      pins,
      heads,
      commits,
      dataForks,
    });
  }

  #addPin(pin: PublishedPin): void {
    if (pin.branch !== null) {
      const forks = this.#forks.get(pin.tableId) ?? new Map<string, { at: number; commitId: string }>();
      const first = forks.get(pin.branch);
      if (first === undefined || first.at > pin.publishedAt) forks.set(pin.branch, { at: pin.publishedAt, commitId: pin.publishedBy });
      this.#forks.set(pin.tableId, forks);
    }
    const history = this.#history.get(pin.tableId);
    if (history === undefined) {
      this.#history.set(pin.tableId, [pin]);
      return;
    }
    const last = history[history.length - 1]!;
    if (last.publishedAt === pin.publishedAt) throw pinnedTwice(pin);
    if (last.publishedAt > pin.publishedAt) this.#unsorted.add(pin.tableId);
    history.push(pin);
  }

  /** Every pin of `tableId`, oldest first by publish order. */
  #pinsOf(tableId: string): readonly PublishedPin[] {
    const history = this.#history.get(tableId) ?? [];
    if (this.#unsorted.delete(tableId)) {
      history.sort((a, b) => a.publishedAt - b.publishedAt);
      for (let i = 1; i < history.length; i++) if (history[i]!.publishedAt === history[i - 1]!.publishedAt) throw pinnedTwice(history[i]!);
    }
    return history;
  }
}

function pinnedTwice(pin: PublishedPin): OmniError {
  return new OmniError('internal', `manifest version ${pin.publishedAt} pins table ${pin.tableId} twice`);
}

/** How many of `pins` (sorted by publish order) were published at or before `version`. */
function countAtOrBefore(pins: readonly PublishedPin[], version: number): number {
  return countAtOrBelow(pins, version, (p) => p.publishedAt);
}

function lastAtOrBefore(pins: readonly PublishedPin[], version: number): PublishedPin | undefined {
  const n = countAtOrBefore(pins, version);
  return n === 0 ? undefined : pins[n - 1];
}

/** Fold a complete row set. */
export function foldManifest(rows: Iterable<StoredManifestRow>, manifestVersion: number): ManifestState {
  const folder = new ManifestFolder();
  for (const row of rows) folder.add(row);
  return folder.state(manifestVersion);
}

/** Commits of a state, newest first by lineage key (manifest version, created at, id). */
export function commitsNewestFirst(state: ManifestState): CommitRecord[] {
  return [...state.commits.values()].sort((a, b) =>
    b.manifestVersion - a.manifestVersion || b.createdAtMicros - a.createdAtMicros || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

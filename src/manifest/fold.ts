// The one reduction from manifest rows to graph state, used by readers and by the publisher alike.
import { OmniError } from '../errors/index.js';
import { decodeCommit, decodeFormat, decodeHead, decodePin, decodePinCommit, isAbandonedHead, type CommitRecord, type HeadRecord, type TablePin } from './records.js';
import type { StoredManifestRow } from './rows.js';

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

/**
 * Accumulates rows into state. Feed every row of a manifest version (any order) or, for an incremental refresh,
 * the rows created or updated after the cached version; `state()` is the same either way.
 */
export class ManifestFolder {
  #formatVersion: number | null = null;
  readonly #latestPin = new Map<string, PublishedPin>();
  readonly #tombstonedAt = new Map<string, number>();
  readonly #registered = new Map<string, string>();
  readonly #heads = new Map<string, HeadRecord>();
  readonly #commits = new Map<string, CommitRecord>();
  /** Per table, per native data branch: the first pin row naming it (publish order) and its commit. */
  readonly #forks = new Map<string, Map<string, { at: number; commitId: string }>>();
  /** Per table, every version row (append-only; rows are immutable once published). */
  readonly #history = new Map<string, PublishedPin[]>();

  /** Fold one row. Unknown kinds are ignored. */
  add(row: StoredManifestRow): void {
    switch (row.object_type) {
      case 'format':
        this.#formatVersion = decodeFormat(row);
        return;
      case 'table':
        if (row.table_id === null || row.table_key === null) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': registration lacks identity`);
        this.#registered.set(row.table_id, row.table_key);
        return;
      case 'table_version': {
        const pin = { ...decodePin(row), publishedAt: row.created_at_version, publishedBy: decodePinCommit(row) };
        if (pin.branch !== null) {
          const forks = this.#forks.get(pin.tableId) ?? new Map<string, { at: number; commitId: string }>();
          const first = forks.get(pin.branch);
          if (first === undefined || first.at > pin.publishedAt) forks.set(pin.branch, { at: pin.publishedAt, commitId: pin.publishedBy });
          this.#forks.set(pin.tableId, forks);
        }
        const frozen = Object.freeze(pin);
        const history = this.#history.get(pin.tableId);
        if (history === undefined) this.#history.set(pin.tableId, [frozen]);
        else history.push(frozen);
        const prev = this.#latestPin.get(pin.tableId);
        if (prev === undefined || prev.publishedAt < pin.publishedAt) this.#latestPin.set(pin.tableId, frozen);
        else if (prev.publishedAt === pin.publishedAt) {
          throw new OmniError('internal', `manifest version ${pin.publishedAt} pins table ${pin.tableId} twice`);
        }
        return;
      }
      case 'table_tombstone':
        if (row.table_id === null) throw new OmniError('internal', `corrupt manifest row '${row.object_id}': tombstone lacks identity`);
        this.#tombstonedAt.set(row.table_id, Math.max(this.#tombstonedAt.get(row.table_id) ?? 0, row.created_at_version));
        return;
      case 'graph_commit': {
        const c = decodeCommit(row, row.created_at_version);
        this.#commits.set(c.id, c);
        return;
      }
      case 'graph_head': {
        // An interrupted create's retired head slot: the branch does not exist (design §4.3).
        if (isAbandonedHead(row)) {
          if (row.graph_branch !== null) this.#heads.delete(row.graph_branch);
          return;
        }
        const h = decodeHead(row);
        this.#heads.set(h.branch, h);
        return;
      }
      default:
        return;
    }
  }

  /** The state at `manifestVersion` (validated: every live pin has a registration). */
  state(manifestVersion: number): ManifestState {
    const pins = new Map<string, PublishedPin>();
    for (const [id, pin] of [...this.#latestPin].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const dead = this.#tombstonedAt.get(id);
      if (dead !== undefined && dead >= pin.publishedAt) continue;
      if (!this.#registered.has(id)) throw new OmniError('internal', `manifest pins table ${id}, which has no registration`);
      pins.set(id, pin);
    }
    const history = this.#history;
    return Object.freeze({
      manifestVersion,
      formatVersion: this.#formatVersion,
      pinHistory: (tableId: string): readonly PublishedPin[] =>
        (history.get(tableId) ?? []).filter((p) => p.publishedAt <= manifestVersion).sort((a, b) => a.publishedAt - b.publishedAt),
      pins,
      heads: new Map(this.#heads),
      commits: new Map(this.#commits),
      dataForks: new Map(
        [...this.#forks].map(([id, forks]) => [id, new Map([...forks].map(([fork, first]) => [fork, this.#commits.get(first.commitId)?.branch ?? null]))]),
      ),
    });
  }
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

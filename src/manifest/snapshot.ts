// Graph snapshots: the pins of one manifest state, with read-only table handles opened at exactly those pins.
import { OmniError } from '../errors/index.js';
import type { LanceConnection, TableSnapshot } from '../store/lance/index.js';
import type { HeadView, PublishedPin } from './fold.js';

/** One table as a snapshot sees it. */
export interface SnapshotTable extends PublishedPin {
  readonly entityKind: 'node' | 'edge';
  readonly typeName: string;
}

/** A read target resolved to one manifest state. */
export interface GraphSnapshot {
  readonly branch: string;
  readonly manifestVersion: number;
  readonly formatVersion: number;
  /** The head commit at this manifest version. */
  readonly headCommitId: string | null;
  /** Live tables sorted by type key. */
  readonly tables: readonly SnapshotTable[];
  /** The table of a node or edge type, or `undefined`. */
  table(kind: 'node' | 'edge', typeName: string): SnapshotTable | undefined;
  /** Open a table read-only at its pinned (native branch, version); handles are shared through the cache. */
  open(table: SnapshotTable): Promise<TableSnapshot>;
}

/** A cache of read-only table handles keyed by (table, native branch, version). */
export class TableHandleCache {
  readonly #conn: LanceConnection;
  readonly #capacity: number;
  readonly #entries = new Map<string, Promise<TableSnapshot>>();

  constructor(conn: LanceConnection, capacity = 256) {
    this.#conn = conn;
    this.#capacity = capacity;
  }

  /** The handle for `pin`, opened once. */
  open(pin: Pick<PublishedPin, 'tableId' | 'branch' | 'version'>): Promise<TableSnapshot> {
    const key = `${pin.tableId}\u0000${pin.branch ?? ''}\u0000${pin.version}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const opened = this.#conn.openAt(pin.tableId, { branch: pin.branch, version: pin.version });
    opened.catch(() => this.#entries.delete(key));
    this.#entries.set(key, opened);
    // Evicted handles are not closed: a reader may still hold them; LanceDB releases them when collected.
    while (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as string);
    return opened;
  }

  /** Number of cached handles. */
  get size(): number {
    return this.#entries.size;
  }

  /** Close every cached handle. */
  async close(): Promise<void> {
    const all = [...this.#entries.values()];
    this.#entries.clear();
    for (const p of all) (await p.catch(() => undefined))?.close();
  }
}

/** Build the snapshot of `state` for `branch`. */
export function makeSnapshot(branch: string, state: HeadView, cache: TableHandleCache): GraphSnapshot {
  const head = state.heads.get(branch);
  const tables = [...state.pins.values()]
    .map((pin): SnapshotTable => {
      const [kind, ...rest] = pin.tableKey.split(':');
      if (kind !== 'node' && kind !== 'edge') throw new OmniError('internal', `table ${pin.tableId} has malformed type key '${pin.tableKey}'`);
      return Object.freeze({ ...pin, entityKind: kind, typeName: rest.join(':') });
    })
    .sort((a, b) => (a.tableKey < b.tableKey ? -1 : a.tableKey > b.tableKey ? 1 : 0));
  return Object.freeze({
    branch,
    manifestVersion: state.manifestVersion,
    formatVersion: state.formatVersion ?? 0,
    headCommitId: head?.commitId ?? null,
    tables,
    table: (kind: 'node' | 'edge', typeName: string) => tables.find((t) => t.entityKind === kind && t.typeName === typeName),
    open: (table: SnapshotTable) => cache.open(table),
  });
}

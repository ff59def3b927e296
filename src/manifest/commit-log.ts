// The commits a manifest branch holds, in publish order, and read-only views of them as of one manifest version.
import { OmniError } from '../errors/index.js';
import { countAtOrBelow } from '../util/sorted.js';
import type { CommitRecord } from './records.js';

/** What ordering and head derivation need of a commit; the full record is decoded on first read. */
interface Entry {
  readonly id: string;
  readonly branch: string;
  readonly manifestVersion: number;
  decode: (() => CommitRecord) | null;
  record: CommitRecord | null;
}

/**
 * Every commit row folded so far, by id and in publish order (manifest version). Commits only ever arrive with a
 * manifest version above every version already folded (a full fold may feed them in any order: the order is restored
 * on first read), so a view of the commits up to version v never changes once taken. A commit's metadata is decoded
 * when the commit is first read, not when it is folded: opening a graph reads only the few commits it needs.
 */
export class CommitLog {
  readonly #byId = new Map<string, Entry>();
  readonly #ordered: Entry[] = [];
  #sorted = true;

  /** Add one commit: its id, branch and manifest version now, the rest from `decode` when first read. `internal` for a second row of one commit. */
  add(id: string, branch: string, manifestVersion: number, decode: () => CommitRecord): void {
    // Commit rows are insert-only and keyed by their id: a second row of one commit is a corrupt manifest.
    if (this.#byId.has(id)) throw new OmniError('internal', `the manifest holds commit '${id}' twice`, { details: { commit_id: id } });
    const entry: Entry = { id, branch, manifestVersion, decode, record: null };
    this.#byId.set(id, entry);
    const last = this.#ordered[this.#ordered.length - 1];
    if (last !== undefined && last.manifestVersion > manifestVersion) this.#sorted = false;
    this.#ordered.push(entry);
  }

  /** The commit `id`, whatever its version. */
  get(id: string): CommitRecord | undefined {
    const e = this.#byId.get(id);
    return e === undefined ? undefined : record(e);
  }

  /** The manifest version of commit `id`, without decoding it. */
  versionOf(id: string): number | undefined {
    return this.#byId.get(id)?.manifestVersion;
  }

  /** How many commits have a manifest version at or below `version`. */
  countAt(version: number): number {
    return countAtOrBelow(this.#entries(), version, (e) => e.manifestVersion);
  }

  /** The commit at position `i` in publish order. */
  at(i: number): CommitRecord {
    return record(this.#entries()[i]!);
  }

  /**
   * The id of the newest commit at or below `version` authored on `branch`, or — when that branch authored none by
   * then (a branch created from another keeps its source's head until its first commit) — the newest of any branch.
   */
  headAt(version: number, branch: string): string | undefined {
    const all = this.#entries();
    const n = this.countAt(version);
    for (let i = n - 1; i >= 0; i--) if (all[i]!.branch === branch) return all[i]!.id;
    return n === 0 ? undefined : all[n - 1]!.id;
  }

  /** The commits with a manifest version at or below `version`, as a read-only map (no copy is made). */
  viewAt(version: number): ReadonlyMap<string, CommitRecord> {
    return new CommitsAt(this, version);
  }

  #entries(): readonly Entry[] {
    if (!this.#sorted) {
      this.#ordered.sort((a, b) => a.manifestVersion - b.manifestVersion || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.#sorted = true;
    }
    return this.#ordered;
  }
}

function record(e: Entry): CommitRecord {
  if (e.record === null) {
    e.record = e.decode!();
    e.decode = null;
  }
  return e.record;
}

/** A read-only map of the commits of a {@link CommitLog} up to one manifest version. */
class CommitsAt implements ReadonlyMap<string, CommitRecord> {
  readonly #log: CommitLog;
  readonly #version: number;

  constructor(log: CommitLog, version: number) {
    this.#log = log;
    this.#version = version;
  }

  get size(): number {
    return this.#log.countAt(this.#version);
  }

  get(id: string): CommitRecord | undefined {
    const v = this.#log.versionOf(id);
    return v !== undefined && v <= this.#version ? this.#log.get(id) : undefined;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(fn: (value: CommitRecord, key: string, map: ReadonlyMap<string, CommitRecord>) => void, thisArg?: unknown): void {
    for (const c of this.values()) fn.call(thisArg, c, c.id, this);
  }

  *values(): MapIterator<CommitRecord> {
    const n = this.#log.countAt(this.#version);
    for (let i = 0; i < n; i++) yield this.#log.at(i);
  }

  *keys(): MapIterator<string> {
    for (const c of this.values()) yield c.id;
  }

  *entries(): MapIterator<[string, CommitRecord]> {
    for (const c of this.values()) yield [c.id, c];
  }

  [Symbol.iterator](): MapIterator<[string, CommitRecord]> {
    return this.entries();
  }
}

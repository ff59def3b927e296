// The ObjectStore contract: one interface over file:// and s3:// with create-only and compare-and-swap writes.

/** An opaque version token: the ETag on s3://, the generation number on file://. Compare only for equality. */
export type VersionToken = string & { readonly __brand: 'VersionToken' };

/** What `head` and `list` report about one object. */
export interface ObjectMeta {
  /** Key relative to the store root, `/`-separated, no leading slash. */
  readonly key: string;
  /** Body size in bytes. */
  readonly size: number;
  readonly token: VersionToken;
}

/** An object's bytes with the token of the exact version read. */
export interface GetResult {
  readonly body: Uint8Array;
  readonly token: VersionToken;
}

/**
 * Outcome of a conditional write. A lost condition is an ordinary outcome, not an error:
 * - `exists`: putIfAbsent found the key present;
 * - `mismatch`: putIfMatch found another version (AWS 412, and AWS 409 `ConditionalRequestConflict`);
 * - `missing`: putIfMatch found no object (AWS 404).
 * Every `ok: false` means "re-read, then decide again"; nothing was written.
 */
export type ConditionalPutResult =
  | { readonly ok: true; readonly token: VersionToken }
  | { readonly ok: false; readonly reason: 'exists' | 'mismatch' | 'missing' };

/** One page of a listing. */
export interface ListPage {
  readonly items: readonly ObjectMeta[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** Options for `listPage`. */
export interface ListOptions {
  /** Maximum items in the page (1..1000, default 1000). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/**
 * Object storage for control objects (leases, sidecars, claims, ledgers). Keys are validated by
 * `validateKey`: `/`-separated segments of letters, digits, `.`, `_`, `-`, `=`; no segment starts with `.`.
 * Listings are in ascending key order on every backend.
 */
export interface ObjectStore {
  /** The canonical root URI (`file:///abs/path` or `s3://bucket/prefix`). */
  readonly uri: string;
  /** The object and its token, or `null` when absent. */
  get(key: string): Promise<GetResult | null>;
  /** Size and token, or `null` when absent. */
  head(key: string): Promise<ObjectMeta | null>;
  /** Unconditional write (last writer wins). */
  put(key: string, body: Uint8Array): Promise<VersionToken>;
  /** Create-only write: succeeds for exactly one of any number of concurrent callers. */
  putIfAbsent(key: string, body: Uint8Array): Promise<ConditionalPutResult>;
  /** Compare-and-swap: succeeds only if the current version's token is `token`; one winner per token. */
  putIfMatch(key: string, body: Uint8Array, token: VersionToken): Promise<ConditionalPutResult>;
  /** One page of objects whose keys start with `prefix` (a plain string prefix, not only folders). */
  listPage(prefix: string, options?: ListOptions): Promise<ListPage>;
  /** Every object under `prefix`, page by page. */
  list(prefix: string): AsyncIterable<ObjectMeta>;
  /** Delete one object; deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * Delete every object under `prefix`; returns how many were deleted. For areas no writer uses any more:
   * a concurrent conditional writer of a key under `prefix` may recreate it.
   */
  deletePrefix(prefix: string): Promise<number>;
  /**
   * Remove leftovers older than `olderThanMs` under `prefix`: temp files of crashed writers and delete markers, on
   * backends that keep them (file://). Returns how many were removed; stores without leftovers omit it.
   */
  sweep?(options: { readonly olderThanMs: number; readonly prefix?: string }): Promise<number>;
  /** Release clients and handles. */
  close(): Promise<void>;
}

// Per-commit changes (spec branching §8.2): one commit against its first parent, in pages bound to commit and filter.
import { OmniError } from '../../errors/index.js';
import { filterText, normalizeFilter, type ChangeFilter } from './change-filter.js';
import { causeOf, commitChangesOf, commitSide, genesisIdOf, type ChangeBlock, type ChangeHost, type StateCache } from './commit-block.js';
import { CHANGE_LIMITS, PageBudget, boundOf } from './limits.js';
import { asFeedGap } from './retention.js';
import { boundId, cursorRejected, decodeToken, digest, encodeToken, tokenInt, tokenString } from './tokens.js';

/** Options of {@link commitChangesPage}. */
export interface CommitChangesOptions {
  readonly filter?: ChangeFilter;
  /** Changes per page: default 1,000, at most 8,192. */
  readonly limit?: number;
  /** Packing target per page in JSON bytes: default 4 MiB, at most 32 MiB (one oversized change still travels). */
  readonly maxBytes?: number;
  /** The `next_page_token` of the previous page (same commit and filter). */
  readonly pageToken?: string;
}

/** One page of a commit's block; `next_page_token` is present until the block is complete. */
export interface CommitChangesPage extends ChangeBlock {
  readonly next_page_token?: string;
}

/**
 * One page of the changes `commitId` made against its first parent (merge commits too), in the frozen order. A
 * physical-only commit (identical rewrite) has an empty block. `commit_not_found`; `commit_has_no_parent` for
 * genesis; `change_feed_gap` when a version it pins was cleaned up; `change_cursor_rejected` for a page token that is malformed or bound to another commit, graph or
 * filter; `bad_request`/`resource_limit` for bad bounds.
 * @example
 * let page = await commitChangesPage(host, id, { limit: 100 });
 * while (page.next_page_token) page = await commitChangesPage(host, id, { limit: 100, pageToken: page.next_page_token });
 */
export async function commitChangesPage(host: ChangeHost, commitId: string, options: CommitChangesOptions = {}): Promise<CommitChangesPage> {
  const filter = normalizeFilter(host.catalog, options.filter);
  const limit = boundOf(options.limit, CHANGE_LIMITS.defaultChanges, CHANGE_LIMITS.maxChanges, 'commit_changes_page_changes');
  const maxBytes = boundOf(options.maxBytes, CHANGE_LIMITS.defaultBytes, CHANGE_LIMITS.maxBytes, 'commit_changes_page_bytes');
  // Reject a malformed token before any lookup, so garbage never costs a manifest read.
  const token = options.pageToken === undefined ? undefined : decodeToken('commit_page', options.pageToken);
  const commit = await host.commit(commitId);
  const parentId = commit.parents[0];
  if (parentId === undefined) {
    throw new OmniError('commit_has_no_parent', `commit '${commit.id}' is the genesis commit and has no parent to diff against; export the graph at it instead`, {
      details: { graph_commit_id: commit.id, reason: 'parentless_commit' },
    });
  }
  const states: StateCache = new Map();
  const side = await commitSide(host, commit, [], states);
  const binding = { g: boundId(genesisIdOf(side.state)), c: boundId(commit.id), f: digest(filterText(filter)) };
  let offset = 0;
  if (token !== undefined) {
    if (tokenString(token, 'g') !== binding.g) throw cursorRejected('the page token belongs to another graph');
    if (tokenString(token, 'c') !== binding.c) throw cursorRejected(`the page token belongs to another commit, not '${commit.id}'`);
    if (tokenString(token, 'f') !== binding.f) throw cursorRejected('the page token was issued for another filter; repeat the same kind, type and op filters');
    offset = tokenInt(token, 'o');
  }
  const parent = side.state.commits.get(parentId) ?? (await host.commit(parentId));
  const all = await commitChangesOf(host, commit, parent, filter, [], { states }).catch((err: unknown) => {
    throw asFeedGap(err, commit.id);
  });
  if (offset > all.length) throw cursorRejected('the page token points past the end of the block');
  const rest = all.slice(offset);
  const taken = new PageBudget(limit, maxBytes).take(rest);
  const end = offset + taken;
  return {
    cause: causeOf(commit),
    changes: rest.slice(0, taken),
    ...(end < all.length ? { next_page_token: encodeToken('commit_page', { ...binding, o: end }) } : {}),
  };
}

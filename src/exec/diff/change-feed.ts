// The change feed (spec branching §8.3): one bounded page per call over a branch's first-parent chain, with cursors.
import { OmniError } from '../../errors/index.js';
import { MAIN_BRANCH, parseBranchName, type CommitRecord, type HeadRecord, type ManifestState } from '../../manifest/index.js';
import { filterText, normalizeFilter, type ChangeFilter } from './change-filter.js';
import { causeOf, commitChangesOf, genesisIdOf, type ChangeBlock, type ChangeHost, type CommitChange, type StateCache } from './commit-block.js';
import type { ForkCache } from './diff-tables.js';
import { CHANGE_LIMITS, PageBudget, boundOf } from './limits.js';
import { asFeedGap, isReclaimedVersion } from './retention.js';
import { boundId, cursorRejected, decodeToken, digest, encodeToken, tokenInt, tokenString } from './tokens.js';

/** Options of {@link pollChanges}: at most one of `cursor`, `start` and `pageToken` (none = `start: 'now'`). */
export interface ChangeFeedOptions {
  /** The branch to follow (default `main`). */
  readonly branch?: string;
  /** A durable cursor from an earlier terminal page (same branch incarnation and filter). */
  readonly cursor?: string;
  /** Where a new consumer starts: `now` (emit nothing, return a cursor at the head), `beginning`, `after:<commit_id>`. */
  readonly start?: string;
  /** The `next_page_token` of the previous page of the same poll. */
  readonly pageToken?: string;
  readonly filter?: ChangeFilter;
  /** Changes per page: default 1,000, at most 8,192. */
  readonly limit?: number;
  /** Packing target per page in JSON bytes: default 4 MiB, at most 32 MiB. */
  readonly maxBytes?: number;
  /** Commits examined per poll: default 128, at most 512. */
  readonly maxCommits?: number;
}

/**
 * One page of the feed. A page ending inside a block carries only `next_page_token` (the rest of that poll); a page
 * ending on a block boundary carries the durable `cursor` and `caught_up` (no commit up to the poll's cut is left).
 */
export interface ChangeFeedPage {
  readonly blocks: readonly ChangeBlock[];
  readonly next_page_token?: string;
  readonly cursor?: string;
  readonly caught_up?: boolean;
}

/** Where a call resumes: after commit `position` (bound form; null = before genesis), inside the poll cut at `cut`. */
interface Resume {
  readonly position: string | null;
  readonly cut: string | null;
  readonly offset: number;
  readonly commitsLeft: number | null;
}

/**
 * One page of the changes on `options.branch`'s first-parent chain, oldest commit first, one block per commit
 * (against its first parent; empty blocks included so consumers see every commit). Each new poll captures the branch
 * head as its cut; commits landing later wait for the next poll. Delivery is at-least-once: de-duplicate by
 * `cause.graph_commit_id`. `change_cursor_rejected` for a cursor or page token that is malformed or bound to another
 * graph, branch, branch incarnation or filter (or when the branch is recreated during the poll); `change_feed_gap`
 * (with the cursor to resume from) when the first commit of the call pins a version that was cleaned up — a later
 * unreadable commit ends the page instead, so the blocks before it are delivered; `bad_request` for a bad start or
 * conflicting options.
 * @example
 * let page = await pollChanges(host, { branch: 'main', start: 'beginning' });
 * while (page.next_page_token) page = await pollChanges(host, { branch: 'main', pageToken: page.next_page_token });
 * // later: pollChanges(host, { branch: 'main', cursor: page.cursor })
 */
export async function pollChanges(host: ChangeHost, options: ChangeFeedOptions = {}): Promise<ChangeFeedPage> {
  const given = (['cursor', 'start', 'pageToken'] as const).filter((k) => options[k] !== undefined);
  if (given.length > 1) throw new OmniError('bad_request', `pass only one of cursor, start and page token (got ${given.join(' and ')})`, { details: { given } });
  const filter = normalizeFilter(host.catalog, options.filter);
  const limit = boundOf(options.limit, CHANGE_LIMITS.defaultChanges, CHANGE_LIMITS.maxChanges, 'commit_changes_page_changes');
  const maxBytes = boundOf(options.maxBytes, CHANGE_LIMITS.defaultBytes, CHANGE_LIMITS.maxBytes, 'commit_changes_page_bytes');
  const maxCommits = boundOf(options.maxCommits, CHANGE_LIMITS.defaultCommits, CHANGE_LIMITS.maxCommits, 'change_feed_commits_per_poll');
  const cursorBody = options.cursor === undefined ? undefined : decodeToken('cursor', options.cursor);
  const pageBody = options.pageToken === undefined ? undefined : decodeToken('feed_page', options.pageToken);
  const start = cursorBody === undefined && pageBody === undefined ? parseStart(options.start ?? 'now') : undefined;

  const branch = parseBranchName(options.branch ?? MAIN_BRANCH);
  const state = await host.state(branch);
  const head = state.heads.get(branch)!;
  const binding = { g: boundId(genesisIdOf(state)), b: boundId(branch), i: boundId(head.incarnation), f: digest(filterText(filter)) };
  const body = cursorBody ?? pageBody;
  if (body !== undefined) checkBinding(body, binding, branch);
  const cursorAt = (position: string | null): string => encodeToken('cursor', { ...binding, p: position === null ? null : boundId(position) });

  let resume: Resume;
  if (start?.mode === 'now') return { blocks: [], cursor: cursorAt(head.commitId), caught_up: true };
  if (start !== undefined) resume = { position: start.mode === 'after' ? boundId(start.commitId) : null, cut: null, offset: 0, commitsLeft: null };
  else if (pageBody !== undefined) {
    resume = { position: tokenString(pageBody, 'p', true), cut: tokenString(pageBody, 'cut'), offset: tokenInt(pageBody, 'o'), commitsLeft: tokenInt(pageBody, 'm') };
  } else resume = { position: tokenString(cursorBody!, 'p', true), cut: null, offset: 0, commitsLeft: null };

  const chain = chainAfter(state, head, resume, branch, start?.mode === 'after' ? start.commitId : null);
  const batch = chain.commits.slice(0, resume.commitsLeft ?? maxCommits);
  const budget = new PageBudget(limit, maxBytes);
  const caches: { states: StateCache; forks: ForkCache } = { states: new Map(), forks: new Map() };
  const blocks: ChangeBlock[] = [];
  let position = chain.position;
  let offset = resume.offset;
  for (const [i, commit] of batch.entries()) {
    if (i > 0 && budget.full) break;
    const parentId = commit.parents[0];
    const parent = parentId === undefined ? null : (state.commits.get(parentId) ?? null);
    if (parentId !== undefined && parent === null) throw new OmniError('internal', `commit '${commit.id}' names first parent '${parentId}', which branch '${branch}' does not hold`);
    let all: CommitChange[];
    try {
      all = await commitChangesOf(host, commit, parent, filter, [branch], caches);
    } catch (err) {
      // Deliver the blocks read so far; the next poll, starting at this commit, reports the gap.
      if (i > 0 && isReclaimedVersion(err)) break;
      throw asFeedGap(err, commit.id, cursorAt(position));
    }
    if (offset > all.length) throw cursorRejected("the page token points past the end of its commit's block");
    const rest = all.slice(offset);
    const taken = budget.take(rest);
    if (taken === rest.length) {
      blocks.push({ cause: causeOf(commit), changes: rest });
      position = commit.id;
      offset = 0;
      continue;
    }
    if (taken === 0) break;
    blocks.push({ cause: causeOf(commit), changes: rest.slice(0, taken) });
    await assertSameIncarnation(host, branch, head);
    const token = { ...binding, cut: boundId(chain.cut), p: position === null ? null : boundId(position), o: offset + taken, m: batch.length - i };
    return { blocks, next_page_token: encodeToken('feed_page', token) };
  }
  await assertSameIncarnation(host, branch, head);
  return { blocks, cursor: cursorAt(position), caught_up: position === chain.cut };
}

type Start = { readonly mode: 'now' | 'beginning' } | { readonly mode: 'after'; readonly commitId: string };

function parseStart(raw: string): Start {
  if (raw === 'now' || raw === 'beginning') return { mode: raw };
  const m = /^after:(.+)$/.exec(raw);
  if (m !== null) return { mode: 'after', commitId: m[1]! };
  throw new OmniError('bad_request', `unknown start '${raw}'; use now, beginning or after:<commit_id>`, { details: { start: raw } });
}

function checkBinding(body: Record<string, unknown>, binding: Record<string, string>, branch: string): void {
  if (tokenString(body, 'g') !== binding['g']) throw cursorRejected('it belongs to another graph');
  if (tokenString(body, 'b') !== binding['b']) throw cursorRejected(`it belongs to another branch, not '${branch}'`);
  if (tokenString(body, 'i') !== binding['i']) {
    throw cursorRejected(`branch '${branch}' was deleted and recreated since the cursor was issued; start again (baseline, then --start now)`, { branch });
  }
  if (tokenString(body, 'f') !== binding['f']) throw cursorRejected('it was issued for another filter; repeat the same kind, type and op filters');
}

/**
 * The commits after the resume position up to the cut (the captured head, or the page token's cut), oldest first,
 * walking first parents from the head. Rejected when the cut or the position is not on the chain.
 */
function chainAfter(state: ManifestState, head: HeadRecord, resume: Resume, branch: string, afterId: string | null): { commits: CommitRecord[]; cut: string; position: string | null } {
  const newestFirst: CommitRecord[] = [];
  let cut: string | null = resume.cut === null ? head.commitId : null;
  let position: string | null = null;
  let found = resume.position === null;
  for (let id: string | undefined = head.commitId; id !== undefined; ) {
    const c = state.commits.get(id);
    if (c === undefined) throw new OmniError('internal', `commit '${id}' on the first-parent chain of branch '${branch}' is missing from its manifest`);
    if (cut === null && boundId(c.id) === resume.cut) cut = c.id;
    if (cut !== null && resume.position !== null && boundId(c.id) === resume.position) {
      position = c.id;
      found = true;
      break;
    }
    if (cut !== null) newestFirst.push(c);
    id = c.parents[0];
  }
  if (cut === null) throw cursorRejected(`the page token's poll is no longer on the first-parent chain of branch '${branch}'`);
  if (!found) {
    if (afterId !== null) throw new OmniError('bad_request', `commit '${afterId}' is not on the first-parent chain of branch '${branch}'; pick a commit from omnigraph commit list --branch ${branch}`, { details: { commit_id: afterId, branch } });
    throw cursorRejected(`its commit is not on the first-parent chain of branch '${branch}'`);
  }
  return { commits: newestFirst.reverse(), cut, position };
}

/** Fail closed when the branch was deleted and recreated while the page was read. */
async function assertSameIncarnation(host: ChangeHost, branch: string, head: HeadRecord): Promise<void> {
  const now = (await host.state(branch)).heads.get(branch);
  if (now?.incarnation !== head.incarnation) throw cursorRejected(`branch '${branch}' was deleted and recreated during the poll; start again`, { branch });
}

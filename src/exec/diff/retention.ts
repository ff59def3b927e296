// Retention gaps: a table version a commit pins that no longer opens (cleaned up) becomes `change_feed_gap`.
import { OmniError } from '../../errors/index.js';

/** True when `err` is a pinned table version that failed to open because it no longer exists. */
export function isReclaimedVersion(err: unknown): boolean {
  return err instanceof OmniError && err.code === 'not_found' && err.details['operation'] === 'openAt' && typeof err.details['version'] === 'number';
}

/**
 * `err` as `change_feed_gap` naming the first commit that cannot be read (and the cursor to resume from after a
 * baseline, when there is one) if a version it pins was reclaimed; any other error unchanged. No physical paths.
 */
export function asFeedGap(err: unknown, commitId: string, cursor?: string): unknown {
  if (!isReclaimedVersion(err)) return err;
  return new OmniError('change_feed_gap', `the history of commit '${commitId}' was cleaned up and can no longer be read; recover with a baseline and resume from its cursor`, {
    cause: err,
    details: { first_unreadable_commit_id: commitId, ...(cursor === undefined ? {} : { cursor }) },
  });
}

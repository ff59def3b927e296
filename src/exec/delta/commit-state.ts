// The manifest state a commit published, read on its authored branch or on a branch that inherited it.
import { OmniError } from '../../errors/index.js';
import type { CommitRecord, ManifestState } from '../../manifest/index.js';

/**
 * The state at `commit`'s manifest version, read on its authored branch or — when that branch is gone or was
 * recreated — on the first of `alsoOn` that inherited it at the same version; each candidate is checked by the head it
 * names. `null` when no live branch still holds it (each caller says why in its own terms).
 */
export async function commitState(
  host: { stateAt(version: number, branch: string): Promise<ManifestState> },
  commit: CommitRecord,
  alsoOn: readonly string[],
): Promise<{ readonly branch: string; readonly state: ManifestState } | null> {
  for (const branch of new Set([commit.branch, ...alsoOn])) {
    try {
      const state = await host.stateAt(commit.manifestVersion, branch);
      if (state.heads.get(commit.branch)?.commitId === commit.id) return { branch, state };
    } catch (err) {
      if (!(err instanceof OmniError) || !['branch_not_found', 'not_found'].includes(err.code)) throw err;
    }
  }
  return null;
}

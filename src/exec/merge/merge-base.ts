// The merge base of two branch heads over the commit DAG (spec branching §6.1): pure, no I/O.
import { OmniError } from '../../errors/index.js';
import type { CommitRecord } from '../../manifest/index.js';

/** Breadth-first distances from `head` over every parent link; absent ids are not reachable. */
export function ancestorDistances(commits: ReadonlyMap<string, CommitRecord>, head: string): Map<string, number> {
  const dist = new Map<string, number>([[head, 0]]);
  let frontier = [head];
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const p of commits.get(id)?.parents ?? []) {
        if (dist.has(p)) continue;
        dist.set(p, d);
        next.push(p);
      }
    }
    frontier = next;
  }
  return dist;
}

/**
 * The common ancestor of `sourceHead` and `targetHead` minimizing the sum of their distances, ties broken by the
 * greater manifest version and then the greater id. `commits` is the union of both branches' commits. `conflict`
 * when a head is unknown or the heads share no ancestor.
 * @example
 * mergeBase(commits, 'C9', 'C7') // 'C5'
 */
export function mergeBase(commits: ReadonlyMap<string, CommitRecord>, sourceHead: string, targetHead: string): CommitRecord {
  const fail = (): OmniError =>
    new OmniError('conflict', 'captured branch commits are unavailable or have no common ancestor', { details: { source_head: sourceHead, target_head: targetHead } });
  if (!commits.has(sourceHead) || !commits.has(targetHead)) throw fail();
  const fromSource = ancestorDistances(commits, sourceHead);
  const fromTarget = ancestorDistances(commits, targetHead);
  let best: { commit: CommitRecord; cost: number } | undefined;
  for (const [id, ds] of fromSource) {
    const dt = fromTarget.get(id);
    const commit = commits.get(id);
    if (dt === undefined || commit === undefined) continue;
    const cost = ds + dt;
    if (
      best === undefined ||
      cost < best.cost ||
      (cost === best.cost && (commit.manifestVersion > best.commit.manifestVersion || (commit.manifestVersion === best.commit.manifestVersion && commit.id > best.commit.id)))
    ) {
      best = { commit, cost };
    }
  }
  if (best === undefined) throw fail();
  return best.commit;
}

/** True when `ancestor` is reachable from `head` over parent links (or is `head`). */
export function isAncestor(commits: ReadonlyMap<string, CommitRecord>, ancestor: string, head: string): boolean {
  return ancestorDistances(commits, head).has(ancestor);
}

// Data lineages of one table: the chain of native branches a pin descends from, and where two pins' chains meet.
import type { BranchInfo } from '../../store/lance/index.js';

/** One step of a lineage: versions of `branch` (`null` = main) up to and including `upTo`. */
export interface LineageSegment {
  readonly branch: string | null;
  readonly upTo: number;
}

/** Where two lineages meet: versions of `branch` up to `cutoff` are common history of both. */
export interface MeetingPoint {
  readonly branch: string | null;
  readonly cutoff: number;
}

/**
 * The lineage of a pin, tip first: its own branch up to its version, then each parent branch up to the version the
 * child was forked at, ending on main. `forks` is the table's native branch listing; a fork missing from it (deleted
 * since) ends the chain there, which only makes the caller's comparison wider, never wrong.
 * @example
 * lineageOf({ branch: 'f-1', version: 9 }, forks) // [{branch:'f-1',upTo:9},{branch:null,upTo:4}]
 */
export function lineageOf(pin: { readonly branch: string | null; readonly version: number }, forks: ReadonlyMap<string, BranchInfo>): LineageSegment[] {
  const chain: LineageSegment[] = [{ branch: pin.branch, upTo: pin.version }];
  let branch = pin.branch;
  const seen = new Set<string>();
  while (branch !== null) {
    const info = forks.get(branch);
    if (info === undefined || seen.has(branch)) break;
    seen.add(branch);
    chain.push({ branch: info.parentBranch, upTo: info.parentVersion });
    branch = info.parentBranch;
  }
  return chain;
}

/**
 * The lowest common branch of two lineages and the last version both contain on it; `null` when they share none
 * (then only a full comparison is sound).
 */
export function meetingPoint(a: readonly LineageSegment[], b: readonly LineageSegment[]): MeetingPoint | null {
  for (const sa of a) {
    const sb = b.find((s) => s.branch === sa.branch);
    if (sb !== undefined) return { branch: sa.branch, cutoff: Math.min(sa.upTo, sb.upTo) };
  }
  return null;
}

/**
 * True when version `version` of `branch` lies on `chain` after the meeting point: on a segment below the meeting
 * branch (up to that segment's limit), or on the meeting branch after the cutoff.
 */
export function onLineageAfter(chain: readonly LineageSegment[], meeting: MeetingPoint, branch: string | null, version: number): boolean {
  for (const seg of chain) {
    if (seg.branch === meeting.branch) return branch === seg.branch && version > meeting.cutoff && version <= seg.upTo;
    if (seg.branch === branch) return version <= seg.upTo;
  }
  return false;
}

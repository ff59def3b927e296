// Candidate changes between two pins of one table, proportional to what was written since their lineages met.
import type { ManifestState, PublishedPin } from '../../manifest/index.js';
import { ROW_LAST_UPDATED_AT_VERSION, type ArrowTable, type BranchInfo, type TableReader } from '../../store/lance/index.js';
import { lineageOf, meetingPoint, onLineageAfter, type LineageSegment, type MeetingPoint } from './lineage.js';

/** One side of a comparison: a pin, the manifest state that published it, and a reader opened at it. */
export interface PinSide {
  readonly pin: Pick<PublishedPin, 'tableId' | 'branch' | 'version'>;
  /** The state whose version rows cover this pin's lineage (the graph branch, at or after the pin). */
  readonly state: ManifestState;
  readonly reader: TableReader;
}

/** Ids that may differ between two sides (a superset), or `full` when only a whole-table comparison is sound. */
export interface Candidates {
  readonly full: boolean;
  readonly ids: ReadonlySet<string>;
  readonly meeting: MeetingPoint | null;
  /**
   * With `options.rowsOfB`: side `b`'s written rows (those columns), read by the same scan that found its candidates,
   * and `bRowsCover` — true when every candidate present on `b` is among them (side `a` added no candidate), so the
   * caller need not read `b` again.
   */
  readonly bRows?: ArrowTable;
  readonly bRowsCover?: boolean;
  /** With `options.rowsOfB`: the ids the version rows on `b`'s stretch record as deleted. */
  readonly bDeleted?: ReadonlySet<string>;
  /** With `options.rowsOfB`: false when `b`'s row versions cannot be trusted (a fork of an empty version). */
  readonly bVersionsReliable?: boolean;
}

/** Options of {@link candidateIds}. */
export interface CandidateOptions {
  /**
   * Return side `b`'s written rows with these columns (they must include `id`), plus `_rowid` and the row-version
   * columns.
   */
  readonly rowsOfB?: readonly string[];
}

/** True when two pins name the same (native branch, version). */
export function samePin(a: Pick<PublishedPin, 'branch' | 'version'>, b: Pick<PublishedPin, 'branch' | 'version'>): boolean {
  return a.branch === b.branch && a.version === b.version;
}

/**
 * The ids whose rows may differ between sides `a` and `b` of one table: on each side, rows written after the point
 * where the two lineages meet (`_row_last_updated_at_version` past the cutoff — version numbers continue across
 * forks) plus the ids the version rows on that stretch record as deleted. Whether a candidate really changed is the
 * caller's content comparison. `full` when the lineages share nothing or a version on the stretch rewrote the table.
 * `forks` is the table's native branch listing (from any handle of the table).
 */
export async function candidateIds(a: PinSide, b: PinSide, forks: ReadonlyMap<string, BranchInfo>, options: CandidateOptions = {}): Promise<Candidates> {
  const ids = new Set<string>();
  if (samePin(a.pin, b.pin)) return { full: false, ids, meeting: { branch: a.pin.branch, cutoff: a.pin.version } };
  const chainA = lineageOf(a.pin, forks);
  const chainB = lineageOf(b.pin, forks);
  const meeting = meetingPoint(chainA, chainB);
  if (meeting === null) return { full: true, ids, meeting };
  const fromA = await sideChanges(a, chainA, meeting, ids, { columns: ['id'] });
  if (fromA === 'full') return { full: true, ids, meeting };
  const aAdded = ids.size > 0;
  const bDeleted = new Set<string>();
  const fromB = await sideChanges(b, chainB, meeting, ids, { columns: options.rowsOfB ?? ['id'], rich: options.rowsOfB !== undefined, deleted: bDeleted });
  if (fromB === 'full') return { full: true, ids, meeting };
  if (options.rowsOfB === undefined) return { full: false, ids, meeting };
  return {
    full: false,
    ids,
    meeting,
    ...(fromB.rows === null ? {} : { bRows: fromB.rows }),
    bRowsCover: !aAdded && fromB.rows !== null,
    bDeleted,
    bVersionsReliable: fromB.reliable,
  };
}

/**
 * Add one side's candidates to `ids` and return the rows its scan read (`columns`; `null` when the side did not
 * move past the meeting point) and whether its row versions are reliable, or `'full'` when that side needs a
 * whole-table comparison.
 */
async function sideChanges(
  side: PinSide,
  chain: readonly LineageSegment[],
  meeting: MeetingPoint,
  ids: Set<string>,
  read: { readonly columns: readonly string[]; readonly rich?: boolean; readonly deleted?: Set<string> },
): Promise<{ readonly rows: ArrowTable | null; readonly reliable: boolean } | 'full'> {
  const history = side.state.pinHistory(side.pin.tableId);
  const reliable = !forkedFromEmpty(history, chain);
  if (side.pin.branch === meeting.branch && side.pin.version <= meeting.cutoff) return { rows: null, reliable };
  for (const p of history) {
    if (!onLineageAfter(chain, meeting, p.branch, p.version)) continue;
    if (p.fullRewrite) return 'full';
    for (const id of p.deletedIds) {
      ids.add(id);
      read.deleted?.add(id);
    }
  }
  const written = await side.reader.scan({
    ...(reliable ? { filter: `${ROW_LAST_UPDATED_AT_VERSION} > ${meeting.cutoff}` } : {}),
    columns: read.columns,
    ...(read.rich === true ? { withRowId: true, withRowVersions: true } : {}),
  });
  const col = written.getChild('id');
  for (let i = 0; i < written.numRows; i++) ids.add(String(col?.get(i)));
  return { rows: written, reliable };
}

/**
 * True when a lineage (with the side's version rows) descends from a fork made at an empty version. LanceDB 0.39 loses the row-version
 * columns on such a fork and everything forked from it (every row reports version 1; guard-tested in
 * test/guard/lance-row-versions.test.ts), so that side's rows are all candidates. Rows on such a lineage were all
 * written after the empty fork point, so reading them stays proportional to what the branch wrote. A fork point whose
 * pin is unknown counts as empty (never miss a change).
 */
function forkedFromEmpty(history: readonly PublishedPin[], chain: readonly LineageSegment[]): boolean {
  for (let i = 1; i < chain.length; i++) {
    const point = chain[i]!;
    const pin = history.find((p) => p.branch === point.branch && p.version === point.upTo);
    if (pin === undefined || pin.rowCount === 0) return true;
  }
  return false;
}

// The row-level three-way merge of one table: candidates since the lineages met, read once per side, decided per id.
import type { EdgeType, NodeType } from '../../compiler/index.js';
import type { ManifestState, SnapshotTable } from '../../manifest/index.js';
import { ROW_CREATED_AT_VERSION, ROW_ID, type BranchInfo, type TableReader } from '../../store/lance/index.js';
import { candidateIds, samePin, type Candidates } from '../delta/candidates.js';
import { readEntities, readEntitiesByRowId } from '../delta/entity-rows.js';
import { arrowToStaged, type StagedRow } from '../staging/physical-rows.js';
import { decideEntity, type MergeConflict } from './three-way.js';

/** One side of a merge for one table: the pin (absent when the side has no such table), its state and reader. */
export interface MergeSide {
  readonly table: SnapshotTable | undefined;
  readonly state: ManifestState;
  readonly reader: TableReader | null;
}

/** What merging one table gives: rows to write onto the target, ids to delete there, and conflicts. */
export interface TableMergeResult {
  readonly typeKey: string;
  readonly type: NodeType | EdgeType;
  readonly writes: readonly StagedRow[];
  readonly deletes: readonly string[];
  /** Target images of deleted ids (for the post-merge checks). */
  readonly deletedRows: readonly StagedRow[];
  readonly conflicts: readonly MergeConflict[];
  /** Ids examined (the candidate set), for reports and benchmarks. */
  readonly examined: number;
  /** How the table was handled (spec §7.4). */
  readonly mode: 'unchanged' | 'keep_target' | 'adopt' | 'three_way';
}

/**
 * Merge one table (spec §7.4–7.5). Source and target on the same pin, or a source that did not move from the base,
 * leave the target as it is. Otherwise the ids that may differ between base and source (never the whole table
 * unless a version rewrote it) are read on all three sides and decided by content; when the target did not move
 * from the base (adopt) its images are the base's. `forksOf` lists the table's native branches.
 */
export async function mergeTable(
  type: NodeType | EdgeType,
  base: MergeSide,
  source: MergeSide,
  target: MergeSide,
  forksOf: (reader: TableReader) => Promise<ReadonlyMap<string, BranchInfo>>,
): Promise<TableMergeResult> {
  const typeKey = `${type.kind}:${type.name}`;
  const empty = (mode: TableMergeResult['mode']): TableMergeResult => ({ typeKey, type, writes: [], deletes: [], deletedRows: [], conflicts: [], examined: 0, mode });
  const pinsEqual = (a: MergeSide, b: MergeSide): boolean =>
    a.table === undefined || b.table === undefined ? a.table === b.table : samePin(a.table, b.table);
  if (pinsEqual(source, target)) return empty('unchanged');
  if (pinsEqual(base, source)) return empty('keep_target');
  const adopt = pinsEqual(base, target);

  let ids: Iterable<string> | 'all';
  let sourceRows: Map<string, StagedRow> | undefined;
  let baseRows: Promise<Map<string, StagedRow>> | undefined;
  if (base.table === undefined || source.table === undefined || base.reader === null || source.reader === null) ids = 'all';
  else {
    const forks = await forksOf(source.reader);
    const c = await candidateIds({ pin: base.table, state: base.state, reader: base.reader }, { pin: source.table, state: source.state, reader: source.reader }, forks, {
      rowsOfB: type.table.columns.map((col) => col.name),
    });
    ids = c.full ? 'all' : c.ids;
    // The scan that found the source's candidates already read their rows: no second read of the source table, and
    // the base images come by stable row id (point reads) instead of a scan by id.
    if (!c.full && c.bRowsCover === true) {
      sourceRows = new Map(c.bRows === undefined ? [] : arrowToStaged(type, c.bRows).map((r) => [r.id, r]));
      baseRows = baseImagesByRowId(base.reader, type, c);
    }
  }
  const all = ids === 'all' ? undefined : new Set(ids);
  // The reads of the three sides are independent: run them together.
  const [b, s, t0] = await Promise.all([
    baseRows ?? readEntities(base.reader, type, ids),
    sourceRows !== undefined ? Promise.resolve(sourceRows) : readEntities(source.reader, type, ids),
    adopt || all === undefined ? Promise.resolve(undefined) : readEntities(target.reader, type, all),
  ]);
  const every = all ?? new Set([...b.keys(), ...s.keys()]);
  const t = adopt ? b : (t0 ?? (await readEntities(target.reader, type, every)));

  const writes: StagedRow[] = [];
  const deletes: string[] = [];
  const deletedRows: StagedRow[] = [];
  const conflicts: MergeConflict[] = [];
  for (const id of [...every].sort()) {
    const out = decideEntity(typeKey, id, b.get(id), s.get(id), t.get(id));
    if (out.action === 'write') writes.push(out.row);
    else if (out.action === 'delete') {
      deletes.push(id);
      deletedRows.push(t.get(id)!);
    } else if (out.action === 'conflict') conflicts.push(out.conflict);
  }
  return { typeKey, type, writes, deletes, deletedRows, conflicts, examined: every.size, mode: adopt ? 'adopt' : 'three_way' };
}

/**
 * Base images of the candidates when the base did not move past the meeting point: a source row created after the
 * cutoff (and not a re-insert of an id the source deleted) did not exist in the base; any other source row kept its
 * stable row id from the base lineage, so the base row is a point read, checked by id. Deleted ids and misses are read
 * by id.
 */
async function baseImagesByRowId(base: TableReader, type: NodeType | EdgeType, c: Candidates): Promise<Map<string, StagedRow>> {
  const cutoff = c.meeting?.cutoff ?? 0;
  const newOnSource = new Set<string>();
  const byRowId = new Map<string, bigint>();
  const rows = c.bRows;
  const idCol = rows?.getChild('id');
  const rowIdCol = rows?.getChild(ROW_ID);
  const createdCol = rows?.getChild(ROW_CREATED_AT_VERSION);
  for (let i = 0; i < (rows?.numRows ?? 0); i++) {
    const id = String(idCol?.get(i));
    if (c.bVersionsReliable === true && Number(createdCol?.get(i)) > cutoff && c.bDeleted?.has(id) !== true) newOnSource.add(id);
    else byRowId.set(id, BigInt(rowIdCol?.get(i) as bigint | number));
  }
  const found = await readEntitiesByRowId(base, type, byRowId);
  const unread = [...c.ids].filter((id) => !found.has(id) && !newOnSource.has(id));
  for (const [id, row] of await readEntities(base, type, unread)) found.set(id, row);
  return found;
}

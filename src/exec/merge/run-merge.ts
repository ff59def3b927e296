// Branch merge (spec branching §7): capture both heads, find the base, merge every table, validate, commit once.
import type { EdgeType, NodeType } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import { MAIN_BRANCH, parseBranchName, tableIdOf, type CommitRecord, type ManifestState, type PublishResult } from '../../manifest/index.js';
import type { BranchInfo, TableReader } from '../../store/lance/index.js';
import { stagedToArrow } from '../staging/physical-rows.js';
import { makeWriteSet, type TableWrite, type WriteSet } from '../writeset/index.js';
import { checkMerged } from './merge-checks.js';
import { mergeBase } from './merge-base.js';
import { mergeTable, type MergeSide, type TableMergeResult } from './table-merge.js';
import { conflictsError } from './conflict-report.js';
import { commitState } from '../delta/commit-state.js';
import type { HistoryHost } from '../delta/history-host.js';

/** What a merge needs from the engine. */
export interface MergeHost extends HistoryHost {
  applyWriteSet(ws: WriteSet): Promise<PublishResult | null>;
  branchDelete(name: string): Promise<unknown>;
}

/** Options of {@link runMerge}. */
export interface MergeOptions {
  /** The target branch (default `main`). */
  readonly into?: string;
  /** Delete the source after the merge lands (any outcome); a refusal is reported, never thrown. */
  readonly deleteBranch?: boolean;
  readonly actor?: string | null;
  readonly message?: string;
}

/** Outcome of a merge (wire names of spec §7.1). */
export type MergeOutcome = 'already_up_to_date' | 'fast_forward' | 'merged';

/** Per-table summary of a merge. */
export interface MergeTableReport {
  readonly typeKey: string;
  readonly mode: TableMergeResult['mode'];
  readonly examined: number;
  readonly written: number;
  readonly deleted: number;
}

/** What a merge did. `commitId` is null for `already_up_to_date`. */
export interface MergeResult {
  readonly source: string;
  readonly target: string;
  readonly outcome: MergeOutcome;
  readonly commitId: string | null;
  readonly actorId: string | null;
  readonly baseCommitId: string;
  readonly tables: readonly MergeTableReport[];
  readonly branchDeleted?: boolean;
  readonly branchDeleteError?: string;
}

const MAX_ATTEMPTS = 4;

/**
 * Merge branch `source` into `options.into` (default `main`) as one atomic two-parent commit on the target, or none
 * when the target already contains the source head. A merge whose captured target head moved before any effect
 * is prepared again (bounded); conflicts (`merge_conflicts`) change nothing and list every conflict.
 * @example
 * const r = await runMerge(host, 'feature', { into: 'main' }); // r.outcome === 'fast_forward'
 */
export async function runMerge(host: MergeHost, rawSource: string, options: MergeOptions = {}): Promise<MergeResult> {
  const source = parseBranchName(rawSource);
  const target = parseBranchName(options.into ?? MAIN_BRANCH);
  if (source === target) throw new OmniError('bad_request', `branch merge requires distinct source and target branches (both are '${source}')`, { details: { source, target } });
  let result: MergeResult | undefined;
  for (let attempt = 1; result === undefined; attempt++) {
    try {
      result = await mergeOnce(host, source, target, options);
    } catch (err) {
      if (!(err instanceof OmniError) || err.code !== 'read_set_conflict' || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
  if (options.deleteBranch !== true) return result;
  try {
    await host.branchDelete(source);
    return { ...result, branchDeleted: true };
  } catch (err) {
    return { ...result, branchDeleted: false, branchDeleteError: err instanceof Error ? err.message : String(err) };
  }
}

async function mergeOnce(host: MergeHost, source: string, target: string, options: MergeOptions): Promise<MergeResult> {
  // Both reads settle before either failure is reported: a read still in flight would outlive the caller's close.
  const [srcRead, tgtRead] = await Promise.allSettled([host.state(source), host.state(target)]);
  if (srcRead.status === 'rejected') throw srcRead.reason;
  if (tgtRead.status === 'rejected') throw tgtRead.reason;
  const [srcState, tgtState] = [srcRead.value, tgtRead.value];
  const srcHead = srcState.heads.get(source)!;
  const tgtHead = tgtState.heads.get(target)!;
  const commits = new Map<string, CommitRecord>([...tgtState.commits, ...srcState.commits]);
  const base = mergeBase(commits, srcHead.commitId, tgtHead.commitId);
  const actorId = options.actor ?? null;
  const common = { source, target, actorId, baseCommitId: base.id };
  if (srcHead.commitId === tgtHead.commitId || base.id === srcHead.commitId) return { ...common, outcome: 'already_up_to_date', commitId: null, tables: [] };
  const fastForward = base.id === tgtHead.commitId;
  const baseState = fastForward ? tgtState : await baseStateOf(host, base, [target, source]);

  const snaps = { base: host.snapshotOf(base.branch, baseState), source: host.snapshotOf(source, srcState), target: host.snapshotOf(target, tgtState) };
  const states = { base: baseState, source: srcState, target: tgtState };
  const forks = new Map<string, Promise<ReadonlyMap<string, BranchInfo>>>();
  const results: TableMergeResult[] = [];
  const types: (NodeType | EdgeType)[] = [...Object.values(host.catalog.nodes), ...Object.values(host.catalog.edges)];
  for (const type of types) {
    const side = async (k: 'base' | 'source' | 'target'): Promise<MergeSide> => {
      const table = snaps[k].table(type.kind, type.name);
      return { table, state: states[k], reader: table === undefined ? null : await snaps[k].open(table) };
    };
    const tableId = tableIdOf(type.kind, type.table.identity);
    const forksOf = (reader: TableReader): Promise<ReadonlyMap<string, BranchInfo>> => {
      let p = forks.get(tableId);
      if (p === undefined) forks.set(tableId, (p = reader.listBranches()));
      return p;
    };
    results.push(await mergeTable(type, await side('base'), await side('source'), await side('target'), forksOf));
  }
  const rowConflicts = results.flatMap((r) => r.conflicts);
  if (rowConflicts.length > 0) throw conflictsError(source, target, rowConflicts);
  const checkConflicts = await checkMerged(host.catalog, snaps.target, results);
  if (checkConflicts.length > 0) throw conflictsError(source, target, checkConflicts);

  const tables: TableWrite[] = results
    .filter((r) => r.writes.length > 0 || r.deletes.length > 0)
    .map((r) => ({
      tableId: tableIdOf(r.type.kind, r.type.table.identity),
      tableKey: r.typeKey,
      mode: 'upsert',
      rows: r.writes.length === 0 ? null : stagedToArrow(r.type, r.writes),
      deleteIds: r.deletes,
    }));
  const ws = makeWriteSet({
    branch: target,
    expectedHead: tgtHead,
    writerKind: 'merge',
    actor: actorId,
    message: options.message ?? `merge ${source} into ${target}`,
    mergedParent: srcHead.commitId,
    tables,
  });
  const published = await host.applyWriteSet(ws);
  return {
    ...common,
    outcome: fastForward ? 'fast_forward' : 'merged',
    commitId: published?.commitId ?? ws.commitId,
    tables: results.map((r) => ({ typeKey: r.typeKey, mode: r.mode, examined: r.examined, written: r.writes.length, deleted: r.deletes.length })),
  };
}

/** The state the base commit published (see `commitState`); `conflict` when its branch is gone. */
async function baseStateOf(host: MergeHost, base: CommitRecord, others: readonly string[]): Promise<ManifestState> {
  const found = await commitState(host, base, others);
  if (found !== null) return found.state;
  throw new OmniError('conflict', `the merge base commit '${base.id}' can no longer be read; its branch was deleted`, { details: { base_commit_id: base.id, branch: base.branch } });
}

// Where branch create and merge time goes: their src steps (branch-ops, runMerge, mergeTable) replayed with a clock around each.
import type { EdgeType, NodeType } from '../src/compiler/index.js';
import { candidateIds, readEntities, samePin } from '../src/exec/delta/index.js';
import { checkMerged } from '../src/exec/merge/merge-checks.js';
import { mergeBase } from '../src/exec/merge/merge-base.js';
import type { MergeSide, TableMergeResult } from '../src/exec/merge/table-merge.js';
import { decideEntity } from '../src/exec/merge/three-way.js';
import { arrowToStaged, stagedToArrow, type StagedRow } from '../src/exec/staging/physical-rows.js';
import { makeWriteSet } from '../src/exec/writeset/index.js';
import { guardedHeadWrite } from '../src/manifest/head-slots.js';
import { MANIFEST_TABLE, ManifestStore, TableHandleCache, headRow, makeSnapshot, tableIdOf, type CommitRecord, type ManifestState } from '../src/manifest/index.js';
import { connectLance, type BranchInfo, type LanceConnection, type TableHandle, type TableReader } from '../src/store/lance/index.js';
import { newUlid } from '../src/util/ids.js';
import type { BenchGraph } from './branch-merge-fixture.js';

/** Milliseconds per step of one replayed merge (table steps summed over every type), and what it did. */
export interface StepTimes {
  readonly ms: Record<string, number>;
  readonly outcome: 'fast_forward' | 'merged';
  readonly examined: number;
}

/** The steps, in order, with what each covers. */
export const STEPS: Record<string, string> = {
  headStates: 'manifest state of source and target (incremental refresh), in parallel',
  base: 'mergeBase over both commit maps, and the base state (stateAt) when the target moved',
  openTables: 'snapshots of the three states and opening the pinned table handles of every type (3 sides)',
  listForks: "the table's native branch listing (once per table with a candidate read)",
  candidateIds: 'candidateIds: pin history walk plus a scan filtered on _row_last_updated_at_version > cutoff (per changed side); on the source side it reads the full rows, so the source is not read again',
  readBase: 'readEntities of the candidate ids on the base pin (id IN (…) scan)',
  readSource: 'readEntities on the source pin (only when the candidate scan could not cover it: the base side also moved)',
  readTarget: 'readEntities on the target pin (skipped when the target did not move: adopt); the real merge runs the base and target reads concurrently, the replay times them one after the other',
  decide: 'per-id three-way decision by content',
  checkMerged: 'post-merge validation against the target (value constraints, orphans, @unique/@card)',
  writeSet: 'stagedToArrow of the written rows and makeWriteSet',
  applyWriteSet: 'graph.applyWriteSet: the write protocol (lease, sidecar, mergeInsert into the target table, countRows, publish)',
};

/** The native steps of a graph branch create (createGraphBranch of src/manifest/branch-ops.ts), with what each covers. */
export const CREATE_STEPS: Record<string, string> = {
  sourceState: "the source branch's manifest state (incremental refresh)",
  listBranches: "the manifest table's native branch listing (a create lists twice: path checks, then its own fork's parent)",
  fork: 'native createBranch of the manifest table at the source version',
  headWrite: 'guardedHeadWrite: one-row mergeInsert of the head row with the poison-CAS condition, index not used (a scan join)',
};

/**
 * Replays the native steps of a branch create on a graph's manifest table under a non-graph native name (the graph
 * ignores names without the `g.` prefix), timing each, then deletes the fork (untimed). Lease, gates and the
 * engine's bookkeeping are not replayed.
 */
export class CreateReplay {
  readonly #conn: LanceConnection;
  readonly #main: TableHandle;
  readonly #manifest: ManifestStore;

  private constructor(conn: LanceConnection, main: TableHandle, manifest: ManifestStore) {
    this.#conn = conn;
    this.#main = main;
    this.#manifest = manifest;
  }

  /** Open the graph's manifest table on a connection of its own (`readConsistencyInterval` 0, like the engine's). */
  static async open(g: BenchGraph): Promise<CreateReplay> {
    const conn = await connectLance(g.uri, { readConsistencyInterval: 0 });
    return new CreateReplay(conn, await conn.openHead(MANIFEST_TABLE), await ManifestStore.open(conn, { readOnly: true }));
  }

  /** One replayed create of native branch `name`; ms per step of {@link CREATE_STEPS}. */
  async createOnce(name: string): Promise<Record<string, number>> {
    const ms: Record<string, number> = {};
    const clock = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const r = await fn();
      ms[step] = (ms[step] ?? 0) + performance.now() - t;
      return r;
    };
    const state = await clock('sourceState', () => this.#manifest.state('main'));
    await clock('listBranches', () => this.#main.listBranches());
    const fork = await clock('fork', () => this.#main.createBranch(name, { version: state.manifestVersion }));
    try {
      const head = { branch: name, incarnation: newUlid(), commitId: state.heads.get('main')!.commitId };
      if (!(await clock('headWrite', () => guardedHeadWrite(fork, headRow(head), null)))) throw new Error(`replayed head write of ${name} lost`);
      await clock('listBranches', () => this.#main.listBranches());
    } finally {
      fork.close();
    }
    await this.#main.deleteBranch(name);
    return ms;
  }

  /** Release the handles and the connection. */
  close(): void {
    this.#manifest.close();
    this.#main.close();
    this.#conn.close();
  }
}

/**
 * Replays merges of one graph step by step, on its own read-only manifest store and table cache (the graph's
 * handle commits the write set). Mirrors mergeOnce and mergeTable of src/exec/merge at the time of writing.
 */
export class MergeReplay {
  readonly #g: BenchGraph;
  readonly #manifestConn: LanceConnection;
  readonly #dataConn: LanceConnection;
  readonly #manifest: ManifestStore;
  readonly #cache: TableHandleCache;

  private constructor(g: BenchGraph, manifestConn: LanceConnection, dataConn: LanceConnection, manifest: ManifestStore) {
    this.#g = g;
    this.#manifestConn = manifestConn;
    this.#dataConn = dataConn;
    this.#manifest = manifest;
    this.#cache = new TableHandleCache(dataConn);
  }

  /** Open the replay's own connections on the graph's root. */
  static async open(g: BenchGraph): Promise<MergeReplay> {
    const manifestConn = await connectLance(g.uri, { readConsistencyInterval: 0 });
    const dataConn = await connectLance(g.uri);
    return new MergeReplay(g, manifestConn, dataConn, await ManifestStore.open(manifestConn, { readOnly: true }));
  }

  /**
   * Cache the states of `branch` and `target` (call right after the branch is created, untimed): the graph's own
   * store has them cached by the writes that follow, so its merge refreshes incrementally; so does the replay then.
   */
  async prime(branch: string, target = 'main'): Promise<void> {
    await Promise.all([this.#manifest.state(branch), this.#manifest.state(target)]);
  }

  /** Merge `source` into `target` (commits, like `branchMerge`), timing each step. No conflict handling, no retry. */
  async merge(source: string, target = 'main'): Promise<StepTimes> {
    const ms: Record<string, number> = Object.fromEntries(Object.keys(STEPS).map((k) => [k, 0]));
    const clock = async <T>(step: string, fn: () => Promise<T> | T): Promise<T> => {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        ms[step] = (ms[step] ?? 0) + performance.now() - t;
      }
    };
    const catalog = this.#g.graph.catalog;
    const [srcState, tgtState] = await clock('headStates', () => Promise.all([this.#manifest.state(source), this.#manifest.state(target)]));
    const srcHead = srcState.heads.get(source)!;
    const tgtHead = tgtState.heads.get(target)!;
    const { base, baseState, fastForward } = await clock('base', async () => {
      const commits = new Map<string, CommitRecord>([...tgtState.commits, ...srcState.commits]);
      const b = mergeBase(commits, srcHead.commitId, tgtHead.commitId);
      const ff = b.id === tgtHead.commitId;
      return { base: b, baseState: ff ? tgtState : await this.#manifest.stateAt(b.manifestVersion, b.branch), fastForward: ff };
    });
    if (base.id === srcHead.commitId) throw new Error(`replay of ${source}: already up to date`);
    const states: Record<'base' | 'source' | 'target', ManifestState> = { base: baseState, source: srcState, target: tgtState };
    const snaps = {
      base: makeSnapshot(base.branch, baseState, this.#cache),
      source: makeSnapshot(source, srcState, this.#cache),
      target: makeSnapshot(target, tgtState, this.#cache),
    };
    const results: TableMergeResult[] = [];
    const types: (NodeType | EdgeType)[] = [...Object.values(catalog.nodes), ...Object.values(catalog.edges)];
    for (const type of types) {
      const side = async (k: 'base' | 'source' | 'target'): Promise<MergeSide> => {
        const table = snaps[k].table(type.kind, type.name);
        return { table, state: states[k], reader: table === undefined ? null : await snaps[k].open(table) };
      };
      const [b, s, t] = await clock('openTables', () => Promise.all([side('base'), side('source'), side('target')]));
      results.push(await this.#mergeTable(type, b, s, t, clock));
    }
    if (results.some((r) => r.conflicts.length > 0)) throw new Error(`replay of ${source}: conflicts`);
    const checks = await clock('checkMerged', () => checkMerged(catalog, snaps.target, results));
    if (checks.length > 0) throw new Error(`replay of ${source}: ${checks.length} post-merge conflicts`);
    const ws = await clock('writeSet', () =>
      makeWriteSet({
        branch: target,
        expectedHead: tgtHead,
        writerKind: 'merge',
        actor: null,
        message: `merge ${source} into ${target}`,
        mergedParent: srcHead.commitId,
        tables: results
          .filter((r) => r.writes.length > 0 || r.deletes.length > 0)
          .map((r) => ({ tableId: tableIdOf(r.type.kind, r.type.table.identity), tableKey: r.typeKey, mode: 'upsert' as const, rows: r.writes.length === 0 ? null : stagedToArrow(r.type, r.writes), deleteIds: r.deletes })),
      }),
    );
    await clock('applyWriteSet', () => this.#g.graph.applyWriteSet(ws));
    return { ms, outcome: fastForward ? 'fast_forward' : 'merged', examined: results.reduce((n, r) => n + r.examined, 0) };
  }

  /** mergeTable of src/exec/merge/table-merge.ts with its reads timed apart. */
  async #mergeTable(
    type: NodeType | EdgeType,
    base: MergeSide,
    source: MergeSide,
    target: MergeSide,
    clock: <T>(step: string, fn: () => Promise<T> | T) => Promise<T>,
  ): Promise<TableMergeResult> {
    const typeKey = `${type.kind}:${type.name}`;
    const empty = (mode: TableMergeResult['mode']): TableMergeResult => ({ typeKey, type, writes: [], deletes: [], deletedRows: [], conflicts: [], examined: 0, mode });
    const pinsEqual = (a: MergeSide, b: MergeSide): boolean => (a.table === undefined || b.table === undefined ? a.table === b.table : samePin(a.table, b.table));
    if (pinsEqual(source, target)) return empty('unchanged');
    if (pinsEqual(base, source)) return empty('keep_target');
    const adopt = pinsEqual(base, target);
    let ids: Iterable<string> | 'all';
    let sourceRows: Map<string, StagedRow> | undefined;
    if (base.table === undefined || source.table === undefined || base.reader === null || source.reader === null) ids = 'all';
    else {
      const forks: ReadonlyMap<string, BranchInfo> = await clock('listForks', () => (source.reader as TableReader).listBranches());
      const c = await clock('candidateIds', () =>
        candidateIds({ pin: base.table!, state: base.state, reader: base.reader! }, { pin: source.table!, state: source.state, reader: source.reader! }, forks, {
          rowsOfB: type.table.columns.map((col) => col.name),
        }),
      );
      ids = c.full ? 'all' : c.ids;
      if (!c.full && c.bRowsCover === true) sourceRows = new Map(c.bRows === undefined ? [] : arrowToStaged(type, c.bRows).map((r) => [r.id, r]));
    }
    const b = await clock('readBase', () => readEntities(base.reader, type, ids));
    const s = sourceRows ?? (await clock('readSource', () => readEntities(source.reader, type, ids)));
    const all = ids === 'all' ? new Set([...b.keys(), ...s.keys()]) : new Set(ids);
    const t = adopt ? b : await clock('readTarget', () => readEntities(target.reader, type, all));
    return clock('decide', () => {
      const writes: StagedRow[] = [];
      const deletes: string[] = [];
      const deletedRows: StagedRow[] = [];
      for (const id of [...all].sort()) {
        const out = decideEntity(typeKey, id, b.get(id), s.get(id), t.get(id));
        if (out.action === 'write') writes.push(out.row);
        else if (out.action === 'delete') {
          deletes.push(id);
          deletedRows.push(t.get(id)!);
        } else if (out.action === 'conflict') throw new Error(`replay: conflict on ${id}`);
      }
      return { typeKey, type, writes, deletes, deletedRows, conflicts: [], examined: all.size, mode: adopt ? ('adopt' as const) : ('three_way' as const) };
    });
  }

  /** Release the replay's handles and connections. */
  async close(): Promise<void> {
    await this.#cache.close();
    this.#manifest.close();
    this.#manifestConn.close();
    this.#dataConn.close();
  }
}

// Timed runs of the branch-merge benchmark: branch create vs a native fork, and a small-delta merge vs a raw mergeInsert.
import { figure, ratio, type Figure } from './graph-measure.js';
import { deltaKeys, mainChangeKey, personLines, RawBranchTable, RawPersonTable, type BenchGraph } from './branch-merge-fixture.js';
import { CREATE_STEPS, CreateReplay, MergeReplay, STEPS, type StepTimes } from './branch-merge-steps.js';
import { summarize, timeRuns, type Summary } from './stats.js';

/** Branch create figures at one graph size. */
export interface CreateResult {
  /** `graph.branchCreate(name)` from main. */
  readonly ours: Figure;
  /** One native `createBranch` on the graph's Person data table (open head handle), interleaved. */
  readonly raw: Figure;
  readonly ratioToRaw: number;
  /** `graph.branchDelete(name)` of the branch just made (untimed in `ours`). */
  readonly delete: Figure;
  /** Medians of the replayed native create steps (bench/branch-merge-steps.ts, one replay per run), in ms. */
  readonly breakdown: { readonly medianMs: Record<string, number>; readonly totalMedianMs: number };
}

/**
 * Time `runs` branch creates after `warmup` on each graph, the graphs taking turns within a run (so host load drifts
 * hit every size alike); each create is followed by its delete and by one raw native branch create.
 */
export async function measureCreate(graphs: readonly BenchGraph[], runs: number, warmup: number): Promise<CreateResult[]> {
  const raws: RawBranchTable[] = [];
  const replays: CreateReplay[] = [];
  const acc = graphs.map(() => ({ ours: [] as number[], raw: [] as number[], del: [] as number[], steps: [] as Record<string, number>[] }));
  try {
    for (const g of graphs) raws.push(await RawBranchTable.open(g));
    for (const g of graphs) replays.push(await CreateReplay.open(g));
    for (let i = -warmup; i < runs; i++) {
      for (const [k, g] of graphs.entries()) {
        const name = `c-${i + warmup}`;
        let t = performance.now();
        await g.graph.branchCreate(name);
        const created = performance.now() - t;
        t = performance.now();
        await g.graph.branchDelete(name);
        const deleted = performance.now() - t;
        const r = await raws[k]!.createOnce(`rawbench-c-${i + warmup}`);
        const steps = await replays[k]!.createOnce(`rawbench-m-${i + warmup}`);
        if (i < 0) continue;
        acc[k]!.ours.push(created);
        acc[k]!.del.push(deleted);
        acc[k]!.raw.push(r);
        acc[k]!.steps.push(steps);
      }
    }
  } finally {
    for (const r of raws) r.close();
    for (const r of replays) r.close();
  }
  const median = (xs: number[]): number => summarize(xs).medianMs;
  return acc.map((a) => {
    const o = figure(a.ours);
    const r = figure(a.raw);
    const breakdown = {
      medianMs: Object.fromEntries(Object.keys(CREATE_STEPS).map((k) => [k, median(a.steps.map((x) => x[k] ?? 0))])),
      totalMedianMs: median(a.steps.map((x) => Object.values(x).reduce((p, q) => p + q, 0))),
    };
    return { ours: o, raw: r, ratioToRaw: ratio(o.medianMs, r.medianMs), delete: figure(a.del), breakdown };
  });
}

/** The two merge shapes: main untouched since the branch was made, or moved by one unrelated Person update. */
export type MergeKind = 'fast_forward' | 'merged';
/** Both shapes, in the order each run does them. */
export const MERGE_KINDS: readonly MergeKind[] = ['fast_forward', 'merged'];

/** Merge figures of one shape at one graph size. */
export interface MergeKindResult {
  /** `graph.branchMerge(name)` only. */
  readonly ours: Figure;
  /** One upsert `mergeInsert` of the same rows (same ids and values) into a raw copy of the Person table, interleaved. */
  readonly raw: Figure;
  readonly ratioToRaw: number;
  /** Ids examined by the merge over every table ([min, max] over the timed runs), and on Person. */
  readonly examined: { readonly total: [number, number]; readonly person: [number, number] };
  /** Rows written by the merge ([min, max]). */
  readonly written: [number, number];
  /** How each table was handled (first timed run). */
  readonly tableModes: Record<string, string>;
  /** The untimed preparation: the delta load on the branch. */
  readonly branchLoad: Summary;
}

/** Step medians of replayed merges of one shape (bench/branch-merge-steps.ts), in ms; `total` is their sum's median. */
export interface BreakdownResult {
  readonly runs: number;
  readonly medianMs: Record<string, number>;
  readonly totalMedianMs: number;
  readonly examined: number;
}

/** Options of {@link measureMerge}. */
export interface MergeRunOptions {
  readonly runs: number;
  readonly warmup: number;
  readonly deltaRows: number;
  readonly breakdownRuns: number;
}

/**
 * One merge of shape `kind`: create branch `m-<run>`, load the delta (`deltaRows` Person updates, mode merge) on it,
 * for `merged` update one other Person on main, then time `branchMerge` alone; delete the branch (untimed).
 * With `replay`, the merge runs through the step replay instead.
 */
async function mergeOnce(g: BenchGraph, run: number, kind: MergeKind, deltaRows: number, replay?: MergeReplay) {
  const keys = deltaKeys(g.persons, run, deltaRows);
  const age = 1000 + run;
  const name = `m-${run}`;
  await g.graph.branchCreate(name);
  await replay?.prime(name);
  let t = performance.now();
  await g.graph.load({ text: personLines(keys, age) }, { mode: 'merge', branch: name });
  const branchLoadMs = performance.now() - t;
  if (kind === 'merged') await g.graph.load({ text: personLines([mainChangeKey(g.persons)], age) }, { mode: 'merge' });
  t = performance.now();
  const result = replay === undefined ? await g.graph.branchMerge(name) : undefined;
  const steps: StepTimes | undefined = replay === undefined ? undefined : await replay.merge(name);
  const ms = performance.now() - t;
  const outcome = result?.outcome ?? steps?.outcome;
  if (outcome !== kind) throw new Error(`merge of ${name} was ${outcome}, expected ${kind}`);
  await g.graph.branchDelete(name);
  return { keys, age, ms, branchLoadMs, result, steps };
}

/** Medians of the raw copy's scans and upserts without and with a btree on `id` (what-if: data tables have none). */
export interface IdIndexProbe {
  readonly runs: number;
  readonly noIndex: { readonly idInScanMs: number; readonly versionFilterScanMs: number; readonly mergeInsertMs: number };
  readonly btreeOnId: { readonly idInScanMs: number; readonly versionFilterScanMs: number; readonly mergeInsertMs: number };
}

/** Merge figures of one graph: both shapes, their step breakdowns, and the raw index probe. */
export type MergeResult = Record<MergeKind, MergeKindResult> & { breakdown: Record<MergeKind, BreakdownResult>; rawIdIndexProbe: IdIndexProbe };

/** After the timed runs: the raw copy's scans and upserts, then the same after indexing `id` (run numbers from `firstRun`). */
async function probeIdIndex(g: BenchGraph, raw: RawPersonTable, firstRun: number, o: MergeRunOptions): Promise<IdIndexProbe> {
  const runs = 5;
  let run = firstRun;
  const phase = async () => {
    const a = { idIn: [] as number[], version: [] as number[], merge: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const keys = deltaKeys(g.persons, run++, o.deltaRows);
      const s = await raw.scans(keys);
      a.idIn.push(s.idInScanMs);
      a.version.push(s.versionFilterScanMs);
      a.merge.push(await raw.mergeInsert(raw.rows(keys, 5000 + run)));
    }
    const m = (xs: number[]): number => summarize(xs).medianMs;
    return { idInScanMs: m(a.idIn), versionFilterScanMs: m(a.version), mergeInsertMs: m(a.merge) };
  };
  const noIndex = await phase();
  await raw.indexId();
  return { runs, noIndex, btreeOnId: await phase() };
}

/**
 * Time `runs` merges of each shape after `warmup` on each graph (shapes and graphs take turns within a run; each
 * merge is followed by one raw mergeInsert of the same rows into that graph's raw copy), then replay the breakdowns.
 */
export async function measureMerge(graphs: readonly BenchGraph[], rawRoots: readonly string[], o: MergeRunOptions): Promise<MergeResult[]> {
  const raws: RawPersonTable[] = [];
  const blank = () => ({ ours: [] as number[], raw: [] as number[], load: [] as number[], total: [] as number[], person: [] as number[], written: [] as number[], modes: {} as Record<string, string> });
  const acc = graphs.map(() => new Map(MERGE_KINDS.map((k) => [k, blank()])));
  let run = 0;
  try {
    for (const [k, g] of graphs.entries()) raws.push(await RawPersonTable.create(g, rawRoots[k]!));
    for (let i = -o.warmup; i < o.runs; i++, run++) {
      for (const kind of MERGE_KINDS) {
        for (const [k, g] of graphs.entries()) {
          const m = await mergeOnce(g, kind === 'fast_forward' ? 2 * run : 2 * run + 1, kind, o.deltaRows);
          const rawMs = await raws[k]!.mergeInsert(raws[k]!.rows(m.keys, m.age));
          if (i < 0) continue;
          const a = acc[k]!.get(kind)!;
          const tables = m.result!.tables;
          a.ours.push(m.ms);
          a.raw.push(rawMs);
          a.load.push(m.branchLoadMs);
          a.total.push(tables.reduce((n, t) => n + t.examined, 0));
          a.person.push(tables.find((t) => t.typeKey === 'node:Person')?.examined ?? -1);
          a.written.push(tables.reduce((n, t) => n + t.written, 0));
          if (Object.keys(a.modes).length === 0) a.modes = Object.fromEntries(tables.map((t) => [t.typeKey, t.mode]));
        }
      }
    }
    const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
    const out: MergeResult[] = [];
    for (const [k, g] of graphs.entries()) {
      const one = {} as Record<MergeKind, MergeKindResult>;
      for (const [kind, a] of acc[k]!) {
        const ours = figure(a.ours);
        const r = figure(a.raw);
        one[kind] = {
          ours,
          raw: r,
          ratioToRaw: ratio(ours.medianMs, r.medianMs),
          examined: { total: range(a.total), person: range(a.person) },
          written: range(a.written),
          tableModes: a.modes,
          branchLoad: summarize(a.load),
        };
      }
      // Breakdown replays first: the probe indexes the raw copy, which ends its use as a baseline.
      const breakdown = await measureBreakdown(g, 2 * run, o);
      out.push({ ...one, breakdown, rawIdIndexProbe: await probeIdIndex(g, raws[k]!, 2 * run + 100, o) });
    }
    return out;
  } finally {
    for (const r of raws) r.close();
  }
}

/** Replay `breakdownRuns` merges of each shape (after one warm-up each) and take the median of every step. */
async function measureBreakdown(g: BenchGraph, firstRun: number, o: MergeRunOptions): Promise<Record<MergeKind, BreakdownResult>> {
  const replay = await MergeReplay.open(g);
  const samples = new Map<MergeKind, StepTimes[]>(MERGE_KINDS.map((k) => [k, []]));
  let run = firstRun;
  try {
    for (let i = -1; i < o.breakdownRuns; i++) {
      for (const kind of MERGE_KINDS) {
        const m = await mergeOnce(g, run++, kind, o.deltaRows, replay);
        if (i >= 0) samples.get(kind)!.push(m.steps!);
      }
    }
  } finally {
    await replay.close();
  }
  const median = (xs: number[]): number => summarize(xs).medianMs;
  const out = {} as Record<MergeKind, BreakdownResult>;
  for (const [kind, s] of samples) {
    out[kind] = {
      runs: s.length,
      medianMs: Object.fromEntries(Object.keys(STEPS).map((k) => [k, median(s.map((x) => x.ms[k] ?? 0))])),
      totalMedianMs: median(s.map((x) => Object.values(x.ms).reduce((a, b) => a + b, 0))),
      examined: s[0]?.examined ?? 0,
    };
  }
  return out;
}

/** Median/p95 of `graph.snapshot()` and `graph.head()` on main (warm handle). */
export async function measureReads(g: BenchGraph, runs: number): Promise<{ snapshot: Summary; head: Summary }> {
  return {
    snapshot: summarize(await timeRuns(runs, 2, () => g.graph.snapshot())),
    head: summarize(await timeRuns(runs, 2, () => g.graph.head())),
  };
}

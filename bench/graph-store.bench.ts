// Cold open and publish latency of a 20-type graph, file:// and s3:// (test server), fresh and after N commits, against raw LanceDB.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Omnigraph } from '../src/engine.js';
import { MANIFEST_COMPACTION_INTERVAL } from '../src/manifest/index.js';
import { connectLance } from '../src/store/lance/index.js';
import { benchSchema, lineageRequest, nodeTable, nodeTypeName, NODE_TYPES, seedRequest } from './graph-fixture.js';
import { coldOpenOurs, coldOpenRaw, currentPins, measureColdOpen, measurePublish, ratio } from './graph-measure.js';
import { advanceToPhase, countedPublish, PinWriter, RawMergeTable, reachCommits, resetPublishCount } from './graph-writers.js';
import { RequestLog, withS3RequestLog } from './s3-requests.js';
import { writeResult } from './stats.js';

type Backend = 'file' | 's3';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
  return v;
};
/**
 * The S3 ramp is the slow part of this benchmark: at b72ddb4 it took 663 s to 10,000 commits (the S3 test server runs in
 * the same 2-core box and slows down as its bucket fills). OMNIGRAPH_BENCH_S3_COMMITS lowers it for quick runs.
 */
const S3_DEFAULT_COMMITS = 10_000;
const S3_COMMITS_NOTE = 'OMNIGRAPH_BENCH_S3_COMMITS was set below 10,000: the S3 figures at N are not at the 10k commits of the goal';
const BACKENDS = (process.env['OMNIGRAPH_BENCH_BACKENDS'] ?? 'file,s3').split(',').map((b) => b.trim()).filter((b): b is Backend => b === 'file' || b === 's3');
const COMMITS: Record<Backend, number> = { file: env('OMNIGRAPH_BENCH_COMMITS', 10_000), s3: env('OMNIGRAPH_BENCH_S3_COMMITS', S3_DEFAULT_COMMITS) };
const OPEN_RUNS = env('OMNIGRAPH_BENCH_OPEN_RUNS', 20);
/** A multiple of the compaction interval, so the window holds exactly one periodic compaction (mean = amortized). */
const PUBLISH_RUNS = env('OMNIGRAPH_BENCH_PUBLISH_RUNS', MANIFEST_COMPACTION_INTERVAL);
const COUNT_RUNS = env('OMNIGRAPH_BENCH_COUNT_RUNS', MANIFEST_COMPACTION_INTERVAL);
const SEED_ROWS = env('OMNIGRAPH_BENCH_SEED_ROWS', 100);

/** The commit the run measured, and whether src/ differed from it when the run started (read-only git calls). */
function sourceRevision(): { head: string | null; srcDirty: boolean | null } {
  const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  try {
    const git = (...args: string[]): string => execFileSync('git', ['--no-optional-locks', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { head: git('rev-parse', 'HEAD'), srcDirty: git('status', '--porcelain', '--', 'src') !== '' };
  } catch {
    return { head: null, srcDirty: null };
  }
}
const SOURCE = sourceRevision();

const GOALS = { coldOpenLocalMs: 150, publishToRawMergeInsert: 2.5, slowdownAtCommits: 2 };

interface Context {
  readonly uri: string;
  readonly graph: Omnigraph;
  readonly writer: PinWriter;
  readonly raw: RawMergeTable;
  readonly log: RequestLog | undefined;
}

/**
 * Everything measured at one point (fresh, or after the ramp). Cold opens are taken at two compaction phases: one
 * publish after a compaction (where a fresh graph is right after its seed publish) and one publish before the next.
 */
async function measurePoint(label: string, { uri, graph, writer, raw, log }: Context) {
  await advanceToPhase(graph, 1);
  const commits = (await graph.commits()).length;
  console.log(`  [${label}] ${commits} commits: cold open ×${OPEN_RUNS} at two compaction phases, pin publish ×${PUBLISH_RUNS}`);
  const coldOpen = await measureColdOpen(uri, OPEN_RUNS, 2);
  const pins = await currentPins(uri);
  const opens = log === undefined ? undefined : await log.count(3, { coldOpenOurs: () => coldOpenOurs(uri), coldOpenRaw: () => coldOpenRaw(uri, pins) });
  await advanceToPhase(graph, MANIFEST_COMPACTION_INTERVAL - 1);
  const coldOpenBeforeCompaction = await measureColdOpen(uri, OPEN_RUNS, 2);
  const publish = await measurePublish(writer, raw, PUBLISH_RUNS, 3);
  if (log === undefined) return { commits, coldOpen, coldOpenBeforeCompaction, publish };
  console.log(`  [${label}] counting S3 requests over ${COUNT_RUNS} writes`);
  const write = await log.count(COUNT_RUNS, { readHead: () => writer.readHead(), append: () => writer.append(), publish: () => writer.publish() });
  const other = await log.count(COUNT_RUNS, { rawMergeInsert: () => raw.upsertOne(), lineagePublish: () => countedPublish(graph, lineageRequest()) });
  return { commits, coldOpen, coldOpenBeforeCompaction, publish, s3Requests: { ...write, ...other, ...opens } };
}

/** One backend: fresh graph, figures, ramp to N commits, figures again. */
async function runBackend(backend: Backend, log: RequestLog | undefined) {
  const id = randomUUID().slice(0, 8);
  const dirs: string[] = [];
  const root = (label: string): string => {
    if (backend === 's3') return `s3://${process.env['OMNIGRAPH_TEST_S3_BUCKET']}/bench-${id}${label}`;
    const d = mkdtempSync(path.join(tmpdir(), `omnigraph-bench-graph${label}-`));
    dirs.push(d);
    return d;
  };
  const uri = root('');
  console.log(`\n== ${backend}: ${uri}`);
  const closers: (() => unknown)[] = [];
  try {
    const t = performance.now();
    const graph = await Omnigraph.init(uri, benchSchema());
    closers.push(() => graph.close());
    resetPublishCount();
    const initMs = Math.round(performance.now() - t);
    const dataConn = await connectLance(uri);
    closers.push(() => dataConn.close());
    await countedPublish(graph, await seedRequest(graph, dataConn, SEED_ROWS));
    const tables = (await graph.snapshot()).tables.length;
    if (tables !== 20) throw new Error(`bench graph has ${tables} tables, not 20`);
    const raw = await RawMergeTable.create(root('-raw'), nodeTable(graph.catalog, nodeTypeName(NODE_TYPES - 1)), SEED_ROWS);
    closers.push(() => raw.close());
    const writer = new PinWriter(graph, dataConn);
    closers.push(() => writer.close());
    const ctx: Context = { uri, graph, writer, raw, log };

    const fresh = await measurePoint('fresh', ctx);
    console.log(`  ramp to ${COMMITS[backend]} commits (lineage-only publishes)`);
    const rampStart = performance.now();
    const ramp = await reachCommits(graph, COMMITS[backend]);
    const rampSeconds = Math.round((performance.now() - rampStart) / 100) / 10;
    const atCommits = await measurePoint('at N', ctx);
    return {
      initMs,
      fresh,
      atCommits,
      slowdown: {
        coldOpenMedian: ratio(atCommits.coldOpen.ours.medianMs, fresh.coldOpen.ours.medianMs),
        coldOpenBeforeCompactionMedian: ratio(atCommits.coldOpenBeforeCompaction.ours.medianMs, fresh.coldOpenBeforeCompaction.ours.medianMs),
        publishMedian: ratio(atCommits.publish.publish.medianMs, fresh.publish.publish.medianMs),
        publishMean: ratio(atCommits.publish.publish.meanMs, fresh.publish.publish.meanMs),
        endToEndMean: ratio(atCommits.publish.endToEnd.meanMs, fresh.publish.endToEnd.meanMs),
      },
      ramp: { seconds: rampSeconds, batches: ramp },
    };
  } finally {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

type BackendResult = Awaited<ReturnType<typeof runBackend>>;

type Goal = { goal: string; value: number | null; met: boolean | null };

function goals(results: Partial<Record<Backend, BackendResult>>): Record<string, Goal> {
  const out: Record<string, Goal> = {};
  const check = (goal: string, value: number | undefined, ok: (v: number) => boolean): Goal => ({ goal, value: value ?? null, met: value === undefined ? null : ok(value) });
  const f = results.file;
  out['coldOpenLocalFresh'] = check(`cold open median < ${GOALS.coldOpenLocalMs} ms (file, fresh)`, f?.fresh.coldOpen.ours.medianMs, (v) => v < GOALS.coldOpenLocalMs);
  out['coldOpenLocalAtCommits'] = check(`cold open median < ${GOALS.coldOpenLocalMs} ms (file, at N, one publish after a compaction)`, f?.atCommits.coldOpen.ours.medianMs, (v) => v < GOALS.coldOpenLocalMs);
  out['coldOpenLocalAtCommitsBeforeCompaction'] = check(`cold open median < ${GOALS.coldOpenLocalMs} ms (file, at N, one publish before a compaction)`, f?.atCommits.coldOpenBeforeCompaction.ours.medianMs, (v) => v < GOALS.coldOpenLocalMs);
  for (const b of ['file', 's3'] as const) {
    const r = results[b];
    const slow = (v: number): boolean => v <= GOALS.slowdownAtCommits;
    out[`publishToRaw_${b}`] = check(`publish median ≤ ${GOALS.publishToRawMergeInsert}× raw single-row mergeInsert median (${b}, fresh)`, r?.fresh.publish.ratioToRawMergeInsert, (v) => v <= GOALS.publishToRawMergeInsert);
    out[`publishToRawAtCommits_${b}`] = check(`publish median ≤ ${GOALS.publishToRawMergeInsert}× raw single-row mergeInsert median (${b}, at N)`, r?.atCommits.publish.ratioToRawMergeInsert, (v) => v <= GOALS.publishToRawMergeInsert);
    out[`publishSlowdown_${b}`] = check(`publish mean over ${PUBLISH_RUNS} (compaction included) at N ≤ ${GOALS.slowdownAtCommits}× fresh (${b})`, r?.slowdown.publishMean, slow);
    out[`coldOpenSlowdown_${b}`] = check(`cold open median at N ≤ ${GOALS.slowdownAtCommits}× fresh, same compaction phase (${b})`, r?.slowdown.coldOpenMedian, slow);
  }
  return out;
}

function summary(results: Partial<Record<Backend, BackendResult>>, g: Record<string, Goal>): void {
  const ms = (x: { medianMs: number; p95Ms: number }): string => `${x.medianMs.toFixed(1)} ms (p95 ${x.p95Ms.toFixed(1)})`;
  console.log('\n== graph-store summary');
  for (const b of BACKENDS) {
    const r = results[b];
    if (r === undefined) continue;
    for (const [label, p] of [['fresh', r.fresh], [`${r.atCommits.commits} commits`, r.atCommits]] as const) {
      console.log(`${b} ${label}: cold open ${ms(p.coldOpen.ours)} = ${p.coldOpen.ratioToRaw}× raw ${ms(p.coldOpen.raw)}; before a compaction ${ms(p.coldOpenBeforeCompaction.ours)} = ${p.coldOpenBeforeCompaction.ratioToRaw}× raw`);
      const w = p.publish;
      console.log(`${b} ${label}: publish ${ms(w.publish)} mean ${w.publish.meanMs.toFixed(1)} = ${w.ratioToRawMergeInsert}× raw mergeInsert ${ms(w.rawMergeInsert)}; compacting publish ${w.compactingPublishesMs.join(', ')} ms; append+publish ${ms(w.endToEnd)}`);
      if ('s3Requests' in p && p.s3Requests !== undefined) {
        const q = p.s3Requests;
        console.log(`${b} ${label}: requests per publish ${q.publish?.total} (median ${q.publish?.medianCall}, compacting ${q.publish?.maxCall}) ${JSON.stringify(q.publish?.byOp)}, If-None-Match PUTs ${q.publish?.conditional.putIfNoneMatch}; raw mergeInsert ${q.rawMergeInsert?.total}`);
      }
    }
    const s = r.slowdown;
    console.log(`${b} slowdown at N: cold open ${s.coldOpenMedian}× (before a compaction ${s.coldOpenBeforeCompactionMedian}×), publish median ${s.publishMedian}× / mean ${s.publishMean}×; ramp ${r.ramp.seconds} s`);
  }
  for (const [k, v] of Object.entries(g)) console.log(`goal ${k}: ${v.met === null ? 'not run' : v.met ? 'met' : 'MISSED'} (${v.value}) — ${v.goal}`);
}

const results = await withS3RequestLog(BACKENDS.includes('s3'), async (log) => {
  const out: Partial<Record<Backend, BackendResult>> = {};
  for (const b of BACKENDS) out[b] = await runBackend(b, b === 's3' ? log : undefined);
  return out;
});
const g = goals(results);
writeResult('graph-store', {
  source: SOURCE,
  config: {
    backends: BACKENDS,
    commits: COMMITS,
    ...(COMMITS.s3 < 10_000 && BACKENDS.includes('s3') ? { s3CommitsNote: S3_COMMITS_NOTE } : {}),
    openRuns: OPEN_RUNS, publishRuns: PUBLISH_RUNS, countRuns: COUNT_RUNS, seedRowsPerTable: SEED_ROWS, tables: 20, compactionInterval: MANIFEST_COMPACTION_INTERVAL,
  },
  method: {
    coldOpen: 'Omnigraph.open(read-only) + snapshot() + open every table of the snapshot, vs raw: connectLance + openHead(_graph_manifest) + one full scan + openAt of the 20 data tables at their pinned versions; interleaved, medians; taken one publish after a compaction (coldOpen, where a fresh graph is after its seed publish) and one publish before the next (coldOpenBeforeCompaction: 63 uncompacted manifest fragments)',
    publish: 'append one row to a node table (rotating over 15), then time __unsafePublish of its pin with an exact head; raw: one single-row mergeInsert upsert on id (existing key, full row) of a 100-row table with the same layout on a readConsistencyInterval 0 connection, in its own root, interleaved',
    goals: 'publish slowdown uses the mean over a window of 64 publishes, which holds exactly one compacting publish; cold open slowdown compares the same compaction phase',
    ramp: 'lineage-only publishes (pins [], precondition current) through __unsafePublish, which runs the periodic manifest compaction',
    caveats: 'the S3 test server (fauxqs in memory, same 2-core box) slows down as its bucket fills: the raw baseline itself gets ~3x slower at N on S3, so compare S3 figures at N through their ratios to raw',
    s3Requests: 'per call, from the S3 test server request log, in quiet windows around each phase; the publish window covers one periodic compaction per 64 calls',
  },
  goals: g,
  ...results,
});
summary(results, g);

// Single-row write set commit → published (warm and cold lease) against one raw LanceDB upsert, with its object-store writes.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_COMPACTION_INTERVAL } from '../src/manifest/index.js';
import { figure, ratio, type Figure } from './graph-measure.js';
import { RawMergeTable } from './graph-writers.js';
import { RequestLog, type RequestCounts, withS3RequestLog } from './s3-requests.js';
import { writeResult } from './stats.js';
import { BenchWriter, createGraph, MIN_SEED_ROWS, Roots, UpsertSource, WRITTEN_TYPE, type Backend, type BenchGraph, type GraphSize, type LeaseMode } from './write-protocol-fixture.js';
import { AREAS, localWrite, s3Writes, type LocalWrite, type WriteBreakdown } from './write-protocol-writes.js';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(v) || v < 0) throw new Error(`${name} must be a non-negative integer`);
  return v;
};
const BACKENDS = (process.env['OMNIGRAPH_BENCH_BACKENDS'] ?? 'file,s3').split(',').map((b) => b.trim()).filter((b): b is Backend => b === 'file' || b === 's3');
const N = env('OMNIGRAPH_BENCH_N', 100);
const WARMUP = env('OMNIGRAPH_BENCH_WARMUP', 5);
/** A multiple of the compaction interval, so the window holds exactly one compacting publish. */
const COUNT_WRITES = env('OMNIGRAPH_BENCH_COUNT_WRITES', MANIFEST_COMPACTION_INTERVAL);
const LOCAL_DIFFS = env('OMNIGRAPH_BENCH_LOCAL_DIFFS', 3);
/** Upserts per graph (both variants, and the raw table's extra counting window) stay below the seed, so no row is revisited. */
const SEED_ROWS = Math.max(MIN_SEED_ROWS, 2 * (WARMUP + N + COUNT_WRITES + LOCAL_DIFFS) + COUNT_WRITES + 1);
const SIZES: readonly GraphSize[] = ['types3', 'types20'];
const MODES: readonly LeaseMode[] = ['warm', 'cold'];
const GOALS = { ratioToRaw: 3, writesPerWrite: 12 };

/** One lease variant on one graph: latency against raw, and the object-store writes. */
interface VariantResult {
  readonly ours: Figure;
  readonly raw: Figure;
  readonly ratioToRaw: number;
  readonly s3?: { readonly writes: WriteBreakdown; readonly requests: RequestCounts };
  readonly local?: LocalWrites;
  /** file:// only: files under `__recovery/` when the variant started (retired sidecars leave tombstone generations). */
  readonly recoveryDirFilesAtStart?: number;
}

/** Local object writes over single-write tree diffs: medians by area and in all, then each diff (paths of the first). */
interface LocalWrites {
  readonly medianByArea: Record<string, number>;
  readonly medianTotal: number;
  readonly maxTotal: number;
  readonly diffs: (Omit<LocalWrite, 'paths'> & { paths?: LocalWrite['paths'] })[];
}

function localWrites(diffs: readonly LocalWrite[]): LocalWrites {
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return {
    medianByArea: Object.fromEntries(AREAS.map((a) => [a, median(diffs.map((d) => d.writes[a]))])),
    medianTotal: median(diffs.map((d) => d.total)),
    maxTotal: Math.max(...diffs.map((d) => d.total)),
    diffs: diffs.map((d, i) => (i === 0 ? d : { ...d, paths: undefined })),
  };
}

type GraphResult = { readonly tables: number } & Record<LeaseMode, VariantResult>;
type BackendResult = Partial<Record<GraphSize, GraphResult>> & { rawS3Writes?: WriteBreakdown };

/** Time `N` writes after `WARMUP`, each followed by one raw single-row upsert (untimed head reads and lease settles). */
async function timeVariant(w: BenchWriter, raw: RawMergeTable): Promise<{ ours: Figure; raw: Figure; ratioToRaw: number }> {
  const ours: number[] = [];
  const base: number[] = [];
  for (let i = -WARMUP; i < N; i++) {
    const ws = await w.prepare();
    const t0 = performance.now();
    await w.apply(ws);
    const t1 = performance.now();
    await w.settle();
    const t2 = performance.now();
    await raw.upsertOne();
    const t3 = performance.now();
    if (i < 0) continue;
    ours.push(t1 - t0);
    base.push(t3 - t2);
  }
  const o = figure(ours);
  const r = figure(base);
  return { ours: o, raw: r, ratioToRaw: ratio(o.medianMs, r.medianMs) };
}

/** The directory of a local graph URI (`file:///…` or a plain path). */
function localRoot(uri: string): string {
  return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
}

function filesUnder(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch {
    return 0;
  }
}

/** The key prefix of an `s3://bucket/prefix` root. */
function s3Prefix(uri: string): string {
  return uri.replace(/^s3:\/\/[^/]+\/?/, '');
}

async function runGraph(roots: Roots, size: GraphSize, log: RequestLog | undefined): Promise<{ result: GraphResult; rawWrites?: WriteBreakdown }> {
  const g: BenchGraph = await createGraph(roots.make(size), size, SEED_ROWS);
  const source = new UpsertSource(g);
  const rawUri = roots.make(`${size}-raw`);
  const raw = await RawMergeTable.create(rawUri, g.table, SEED_ROWS);
  const out: Partial<Record<LeaseMode, VariantResult>> = {};
  let rawWrites: WriteBreakdown | undefined;
  try {
    for (const mode of MODES) {
      console.log(`  [${roots.backend} ${size}: ${g.tables} tables] ${mode} lease: ${N} writes after ${WARMUP} warm-up, each with a raw upsert`);
      const recoveryDirFilesAtStart = roots.backend === 'file' ? filesUnder(path.join(localRoot(g.uri), '__recovery')) : undefined;
      const w = await BenchWriter.open(g, mode, source);
      try {
        const timed = { ...(await timeVariant(w, raw)), ...(recoveryDirFilesAtStart === undefined ? {} : { recoveryDirFilesAtStart }) };
        if (log !== undefined) {
          console.log(`  [${roots.backend} ${size}] ${mode}: counting object-store writes over ${COUNT_WRITES} writes`);
          out[mode] = { ...timed, s3: await s3Writes(log, s3Prefix(g.uri), COUNT_WRITES, () => w.writeOnce()) };
        } else {
          const root = localRoot(g.uri);
          const diffs: LocalWrite[] = [];
          for (let i = 0; i < LOCAL_DIFFS; i++) diffs.push(await localWrite(root, () => w.writeOnce()));
          out[mode] = { ...timed, local: localWrites(diffs) };
        }
      } finally {
        await w.close();
      }
    }
    if (log !== undefined && size === 'types3') rawWrites = (await s3Writes(log, s3Prefix(rawUri), COUNT_WRITES, () => raw.upsertOne())).writes;
  } finally {
    raw.close();
  }
  return { result: { tables: g.tables, warm: out.warm!, cold: out.cold! }, ...(rawWrites === undefined ? {} : { rawWrites }) };
}

async function runBackend(backend: Backend, log: RequestLog | undefined): Promise<BackendResult> {
  const roots = new Roots(backend);
  console.log(`\n== ${backend}`);
  const out: BackendResult = {};
  try {
    for (const size of SIZES) {
      const r = await runGraph(roots, size, log);
      out[size] = r.result;
      if (r.rawWrites !== undefined) out.rawS3Writes = r.rawWrites;
    }
  } finally {
    for (const d of roots.dirs) rmSync(d, { recursive: true, force: true });
  }
  return out;
}

type Goal = { goal: string; value: number | string | null; met: boolean | null };

function goals(results: Partial<Record<Backend, BackendResult>>): Record<string, Goal> {
  const out: Record<string, Goal> = {};
  for (const b of ['file', 's3'] as const) {
    for (const size of SIZES) {
      for (const mode of MODES) {
        const v = results[b]?.[size]?.[mode];
        out[`ratioToRaw_${b}_${size}_${mode}`] = {
          goal: `commit → published median ≤ ${GOALS.ratioToRaw}× raw single-row mergeInsert median (${b}, ${size}, ${mode} lease${mode === 'cold' ? ': acquisition and recovery check included, same goal shown for reference' : ''})`,
          value: v?.ratioToRaw ?? null,
          met: v === undefined ? null : v.ratioToRaw <= GOALS.ratioToRaw,
        };
      }
    }
  }
  const s3 = results.s3;
  for (const size of SIZES) {
    for (const mode of MODES) {
      const w = s3?.[size]?.[mode]?.s3?.writes;
      out[`writesPerWrite_s3_${size}_${mode}`] = {
        goal: `object-store writes per graph write ≤ ${GOALS.writesPerWrite}: mean over ${COUNT_WRITES} writes with one manifest compaction amortized (s3, ${size}, ${mode} lease)`,
        value: w?.total ?? null,
        met: w === undefined ? null : w.total <= GOALS.writesPerWrite,
      };
      out[`writesPerWriteMax_s3_${size}_${mode}`] = {
        goal: `object-store writes of the heaviest single graph write (the compacting one) ≤ ${GOALS.writesPerWrite} (s3, ${size}, ${mode} lease)`,
        value: w?.maxWrite ?? null,
        met: w === undefined ? null : w.maxWrite <= GOALS.writesPerWrite,
      };
    }
  }
  for (const mode of MODES) {
    const a = s3?.types3?.[mode]?.s3?.writes;
    const z = s3?.types20?.[mode]?.s3?.writes;
    const same = a !== undefined && z !== undefined ? AREAS.every((k) => a.medianByArea[k] === z.medianByArea[k]) && a.medianWrite === z.medianWrite : null;
    out[`writesIndependentOfTables_s3_${mode}`] = {
      goal: `object-store writes per graph write independent of the table count: per-area medians equal for 3 and 20 tables (s3, ${mode} lease)`,
      value: a !== undefined && z !== undefined ? `3 tables ${a.medianWrite} (mean ${a.total}), 20 tables ${z.medianWrite} (mean ${z.total})` : null,
      met: same,
    };
  }
  return out;
}

function summary(results: Partial<Record<Backend, BackendResult>>, g: Record<string, Goal>): void {
  const ms = (x: Figure): string => `${x.medianMs.toFixed(1)} ms (p95 ${x.p95Ms.toFixed(1)})`;
  const areas = (r: Record<string, number>): string => AREAS.map((a) => `${a} ${r[a]}`).join(', ');
  console.log('\n== write-protocol summary');
  for (const b of BACKENDS) {
    for (const size of SIZES) {
      const r = results[b]?.[size];
      if (r === undefined) continue;
      for (const mode of MODES) {
        const v = r[mode];
        const tomb = v.recoveryDirFilesAtStart === undefined ? '' : ` [${v.recoveryDirFilesAtStart} files in __recovery/ at start]`;
        console.log(`${b} ${size} (${r.tables} tables) ${mode}: write ${ms(v.ours)} = ${v.ratioToRaw}× raw upsert ${ms(v.raw)}${tomb}`);
        if (v.s3 !== undefined) {
          const w = v.s3.writes;
          console.log(`    s3 writes per write: ${w.total} mean (median ${w.medianWrite}, max ${w.maxWrite}) — mean by area: ${areas(w.perWrite)}; all requests ${v.s3.requests.total}`);
        }
        if (v.local !== undefined) {
          const l = v.local;
          console.log(`    local object writes per write: median ${l.medianTotal} (max ${l.maxTotal}) — median by area: ${areas(l.medianByArea)}`);
        }
      }
    }
    const rw = results[b]?.rawS3Writes;
    if (rw !== undefined) console.log(`    raw single-row upsert: ${rw.total} object-store writes`);
  }
  for (const [k, v] of Object.entries(g)) console.log(`goal ${k}: ${v.met === null ? 'not run' : v.met ? 'met' : 'MISSED'} (${v.value})`);
}

const results = await withS3RequestLog(BACKENDS.includes('s3'), async (log) => {
  const out: Partial<Record<Backend, BackendResult>> = {};
  for (const b of BACKENDS) out[b] = await runBackend(b, b === 's3' ? log : undefined);
  return out;
});
const g = goals(results);
writeResult('write-protocol', {
  config: { backends: BACKENDS, runs: N, warmup: WARMUP, countWrites: COUNT_WRITES, localDiffs: LOCAL_DIFFS, seedRows: SEED_ROWS, writtenType: WRITTEN_TYPE, compactionInterval: MANIFEST_COMPACTION_INTERVAL },
  method: {
    write:
      'graph.applyWriteSet of a single-row upsert (full row, existing id of a seed row, new values) on node table T00, against a fresh head read before each write (untimed); ' +
      'the graph is reopened per variant: warm = Omnigraph.open(uri, {lease: {lingerMs: 5000}}), lease held across back-to-back writes; cold = lingerMs 0, and after each write the bench waits (untimed) until __lease.json reads released, so every timed write acquires the lease (and runs the acquisition-time recovery check)',
    raw: 'RawMergeTable.upsertOne of bench/graph-writers.ts: one mergeInsert on id (update when matched, insert otherwise) of the same full row layout, on an open handle of a table in its own root seeded with the same rows, readConsistencyInterval 0; one raw upsert right after each of our writes (interleaved), ratio = our median / raw median',
    s3Writes:
      'PUT/POST/DELETE requests under the graph root in the S3 test server request log (OMNIGRAPH_S3_LOG), attributed to each write by time window (quiet gaps around each, via RequestLog.count of bench/s3-requests.ts), ' +
      'by key: data = node_/edge_ table keys, manifest = _graph_manifest.lance, sidecar = __recovery/, lease = __lease.json; the cold window includes the lease release. ' +
      'The window is a multiple of the manifest compaction interval, so the mean carries exactly one periodic compaction per 64 writes and maxWrite is the compacting write; requests.* counts every request (reads too; the cold ones include the bench\'s own lease-release polling GETs)',
    localWrites:
      'file tree snapshot (path, size, mtime, inode) before and after single writes (cold: release included), plus fs.watch(recursive) for files written and gone within the write; writes = created + changed files + non-temp transient files ' +
      '(the file object store writes each object as a new numbered generation, so sidecar arm/confirm/retire and lease acquire/release each show as one generation file); LanceDB and object-store temp files (.tmp*, <name>#n) are not counted',
    seeding: `the written table is seeded with ${SEED_ROWS} rows so no upsert of the run revisits a row: every write (ours and raw) updates a row of the seed fragment and writes one deletion file`,
  },
  goals: g,
  ...results,
});
summary(results, g);

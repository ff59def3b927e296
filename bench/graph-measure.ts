// Timed operations of the graph-store benchmark: cold opens and publishes against raw LanceDB, and manifest-table facts.
import { Omnigraph } from '../src/engine.js';
import { MANIFEST_TABLE } from '../src/manifest/index.js';
import { connectLance } from '../src/store/lance/index.js';
import { compactionPhase, type PinWriter, type RawMergeTable } from './graph-writers.js';
import { summarize, type Summary } from './stats.js';

/** A summary with the mean (which, unlike the median, carries the periodic compaction's cost). */
export interface Figure extends Summary {
  readonly meanMs: number;
}

/** Summarize samples (ms) with their mean. */
export function figure(samples: readonly number[]): Figure {
  const mean = samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
  return { ...summarize(samples), meanMs: Math.round(mean * 1000) / 1000 };
}

/** `a / b` rounded to 2 decimals. */
export function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

/** One cold open of our API: read-only open, snapshot, every table of the snapshot opened. Returns ms (close excluded). */
export async function coldOpenOurs(uri: string): Promise<number> {
  const t = performance.now();
  const g = await Omnigraph.open(uri, { mode: 'read-only' });
  try {
    const snap = await g.snapshot();
    await Promise.all(snap.tables.map((x) => snap.open(x)));
    return performance.now() - t;
  } finally {
    await g.close();
  }
}

/** A table version to open, as the raw baseline knows it. */
export interface RawPin {
  readonly tableId: string;
  readonly branch: string | null;
  readonly version: number;
}

/** The pins of `uri`'s current snapshot, for the raw baseline. */
export async function currentPins(uri: string): Promise<RawPin[]> {
  const g = await Omnigraph.open(uri, { mode: 'read-only' });
  try {
    return (await g.snapshot()).tables.map((p) => ({ tableId: p.tableId, branch: p.branch, version: p.version }));
  } finally {
    await g.close();
  }
}

/**
 * One cold open in raw LanceDB: connect, open the manifest table's head and scan it once, open every data table at
 * its pinned version. Returns ms (close excluded).
 */
export async function coldOpenRaw(uri: string, pins: readonly RawPin[]): Promise<number> {
  const t = performance.now();
  const conn = await connectLance(uri);
  try {
    const manifest = await conn.openHead(MANIFEST_TABLE);
    await manifest.scan();
    const tables = await Promise.all(pins.map((p) => conn.openAt(p.tableId, { branch: p.branch, version: p.version })));
    const ms = performance.now() - t;
    manifest.close();
    for (const x of tables) x.close();
    return ms;
  } finally {
    conn.close();
  }
}

/** Cold open, ours and raw, interleaved (alternating which goes first), `runs` times after `warmup`. */
export async function measureColdOpen(uri: string, runs: number, warmup: number) {
  const pins = await currentPins(uri);
  const ours: number[] = [];
  const raw: number[] = [];
  for (let i = -warmup; i < runs; i++) {
    const a = i % 2 === 0 ? await coldOpenOurs(uri) : -1;
    const b = await coldOpenRaw(uri, pins);
    const c = i % 2 === 0 ? a : await coldOpenOurs(uri);
    if (i >= 0) {
      ours.push(c);
      raw.push(b);
    }
  }
  const o = figure(ours);
  const r = figure(raw);
  return { tables: pins.length, compactionPhase: compactionPhase(), manifest: await manifestFacts(uri), ours: o, raw: r, ratioToRaw: ratio(o.medianMs, r.medianMs) };
}

/**
 * Time `runs` pin writes after `warmup` (the publish step alone, the append, and read + append + publish), each
 * followed by one raw single-row upsert, so ours and the baseline share the run's drift. The publishes that ran the
 * periodic compaction are also reported on their own.
 */
export async function measurePublish(writer: PinWriter, raw: RawMergeTable, runs: number, warmup: number) {
  const publish: number[] = [];
  const append: number[] = [];
  const endToEnd: number[] = [];
  const rawMerge: number[] = [];
  const compacting: number[] = [];
  for (let i = -warmup; i < runs; i++) {
    const t0 = performance.now();
    await writer.readHead();
    const t1 = performance.now();
    await writer.append();
    const t2 = performance.now();
    await writer.publish();
    const t3 = performance.now();
    await raw.upsertOne();
    const t4 = performance.now();
    if (i < 0) continue;
    append.push(t2 - t1);
    publish.push(t3 - t2);
    endToEnd.push(t3 - t0);
    rawMerge.push(t4 - t3);
    if (compactionPhase() === 0) compacting.push(t3 - t2);
  }
  const p = figure(publish);
  const r = figure(rawMerge);
  return {
    publish: p,
    rawMergeInsert: r,
    ratioToRawMergeInsert: ratio(p.medianMs, r.medianMs),
    append: figure(append),
    endToEnd: figure(endToEnd),
    compactingPublishesMs: compacting.map((x) => Math.round(x * 10) / 10),
  };
}

/** Facts about the manifest table that explain its cost: versions kept, fragments and rows of the head. */
export async function manifestFacts(uri: string) {
  const conn = await connectLance(uri);
  try {
    const head = await conn.openHead(MANIFEST_TABLE);
    try {
      const t = performance.now();
      const versions = await head.listVersions();
      const listVersionsMs = Math.round((performance.now() - t) * 10) / 10;
      const meta = versions.at(-1)?.metadata ?? {};
      const num = (k: string): number | null => (meta[k] === undefined ? null : Number(meta[k]));
      return { versions: versions.length, listVersionsMs, rows: await head.countRows(), fragments: num('total_fragments'), deletionFiles: num('total_deletion_files') };
    } finally {
      head.close();
    }
  } finally {
    conn.close();
  }
}

// Object-store writes of the write-protocol benchmark: S3 request-log writes by area, and local file-tree diffs.
import { promises as fs, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestLog, type RequestCounts } from './s3-requests.js';

/** What a written key belongs to. */
export type Area = 'data' | 'manifest' | 'sidecar' | 'lease' | 'other';

/** Every area, in report order. */
export const AREAS: readonly Area[] = ['data', 'manifest', 'sidecar', 'lease', 'other'];

/** The area of a key (or a path) relative to a graph root. */
export function areaOf(key: string): Area {
  if (/(?:^|\/)__lease\.json/.test(key)) return 'lease';
  if (/(?:^|\/)__recovery\//.test(key)) return 'sidecar';
  if (/(?:^|\/)_graph_manifest/.test(key)) return 'manifest';
  // `raw_…`: the raw baseline's table, in its own root.
  if (/(?:^|\/)(?:node|edge|raw)_[^/]*\.lance\//.test(key)) return 'data';
  return 'other';
}

/** Object-store writes per graph write, by area. */
export interface WriteBreakdown {
  /** Graph writes in the window. */
  readonly writes: number;
  /** Mean writes per graph write, by area (the window's single manifest compaction amortized in). */
  readonly perWrite: Record<Area, number>;
  /** Mean writes per graph write in all. */
  readonly total: number;
  /** Median, smallest and largest writes of one graph write (the largest ran the periodic manifest compaction). */
  readonly medianWrite: number;
  readonly minWrite: number;
  readonly maxWrite: number;
  /** Median writes of one graph write, by area. */
  readonly medianByArea: Record<Area, number>;
  /** Mean writes per graph write by `area:S3 operation`. */
  readonly byAreaOp: Record<string, number>;
}

const WRITE_METHODS = new Set(['PUT', 'POST', 'DELETE']);
const FLUSH_MS = 500;

/**
 * Run `fn` `n` times through `RequestLog.count` (quiet gaps around each call) and count the PUT/POST/DELETE requests
 * under `prefix` (`bucket key prefix` of the graph root) that each call made, by area; `requests` is the log's own
 * tally of every request (reads included) per call.
 */
export async function s3Writes(log: RequestLog, prefix: string, n: number, fn: () => Promise<unknown>): Promise<{ writes: WriteBreakdown; requests: RequestCounts }> {
  const from = log.size();
  const windows: { start: number; end: number }[] = [];
  const counted = await log.count(n, {
    write: async () => {
      const start = Date.now();
      await fn();
      windows.push({ start, end: Date.now() + 10 });
    },
  });
  await sleep(FLUSH_MS);
  const per: Record<Area, number>[] = windows.map(() => zero());
  const byAreaOp: Record<string, number> = {};
  const under = `${prefix.replace(/\/+$/, '')}/`;
  for (const line of log.readFrom(from)) {
    if (!WRITE_METHODS.has(line.method)) continue;
    const key = line.key !== undefined && line.key !== '' ? line.key : (line.keys?.[0] ?? '');
    if (!key.startsWith(under)) continue;
    const t = Date.parse(line.ts);
    const w = windows.findIndex((x) => t >= x.start && t <= x.end);
    if (w < 0) continue;
    const area = areaOf(key.slice(under.length));
    per[w]![area]++;
    byAreaOp[`${area}:${line.op}`] = (byAreaOp[`${area}:${line.op}`] ?? 0) + 1;
  }
  return { writes: breakdown(per, byAreaOp), requests: counted['write']! };
}

/** File facts compared between two snapshots of a tree. */
interface FileFact {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

/** Every file under `root` (relative paths) with size, mtime and inode. */
export async function treeSnapshot(root: string): Promise<Map<string, FileFact>> {
  const out = new Map<string, FileFact>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else {
        const s = await fs.stat(p).catch(() => null);
        if (s !== null) out.set(path.relative(root, p), { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino });
      }
    }
  };
  await walk(root);
  return out;
}

/** One local graph write seen on disk: files created, changed and removed (net), and names seen only in passing. */
export interface LocalWrite {
  readonly created: Record<Area, number>;
  readonly changed: Record<Area, number>;
  readonly removed: Record<Area, number>;
  /** Objects written, by area: files created or changed, plus non-temp files written and gone again (sidecar and lease generations). */
  readonly writes: Record<Area, number>;
  /** Objects written in all (the local stand-in for object-store writes). */
  readonly total: number;
  /** Files that fs.watch saw created or touched but that are gone afterwards (temp files, sidecar generations). */
  readonly transient: Record<Area | 'tmp', number>;
  readonly paths: { readonly created: string[]; readonly changed: string[]; readonly removed: string[]; readonly transient: string[] };
}

/** Snapshot the tree under `root`, run `fn` (one write, lease release included), and diff. */
export async function localWrite(root: string, fn: () => Promise<unknown>): Promise<LocalWrite> {
  const before = await treeSnapshot(root);
  const seen = new Set<string>();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(root, { recursive: true }, (_event, name) => {
      if (name !== null) seen.add(String(name));
    });
  } catch {
    watcher = undefined;
  }
  await fn();
  await sleep(50);
  watcher?.close();
  const after = await treeSnapshot(root);
  const created = [...after.keys()].filter((k) => !before.has(k)).sort();
  const changed = [...after.entries()].filter(([k, f]) => {
    const b = before.get(k);
    return b !== undefined && (b.size !== f.size || b.mtimeMs !== f.mtimeMs || b.ino !== f.ino);
  }).map(([k]) => k).sort();
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort();
  const transient = [...seen].filter((k) => !after.has(k) && !before.has(k) && !isDirectory(before, k) && !isDirectory(after, k)).sort();
  const tally = (keys: readonly string[]): Record<Area, number> => {
    const r = zero();
    for (const k of keys) r[areaOf(k)]++;
    return r;
  };
  const t: Record<Area | 'tmp', number> = { ...zero(), tmp: 0 };
  for (const k of transient) t[isTemp(k) ? 'tmp' : areaOf(k)]++;
  const writes = tally([...created, ...changed, ...transient.filter((k) => !isTemp(k))]);
  const total = AREAS.reduce((s, a) => s + writes[a], 0);
  return { created: tally(created), changed: tally(changed), removed: tally(removed), writes, total, transient: t, paths: { created, changed, removed, transient } };
}

/** Temp files of a write: the object store's `.tmp-*` and LanceDB's `.tmp*` and `<name>#<n>` staging names. */
function isTemp(k: string): boolean {
  const base = path.basename(k);
  return base.startsWith('.tmp') || base.includes('#');
}

function isDirectory(tree: Map<string, FileFact>, name: string): boolean {
  const prefix = `${name}${path.sep}`;
  for (const k of tree.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

function zero(): Record<Area, number> {
  return { data: 0, manifest: 0, sidecar: 0, lease: 0, other: 0 };
}

function breakdown(per: readonly Record<Area, number>[], byAreaOp: Record<string, number>): WriteBreakdown {
  const n = Math.max(1, per.length);
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const totals = per.map((p) => AREAS.reduce((s, a) => s + p[a], 0));
  const perWrite = zero();
  const medianByArea = zero();
  for (const a of AREAS) {
    perWrite[a] = r2(per.reduce((s, p) => s + p[a], 0) / n);
    medianByArea[a] = median(per.map((p) => p[a]));
  }
  return {
    writes: per.length,
    perWrite,
    total: r2(totals.reduce((s, x) => s + x, 0) / n),
    medianWrite: median(totals),
    minWrite: Math.min(...totals),
    maxWrite: Math.max(...totals),
    medianByArea,
    byAreaOp: Object.fromEntries(Object.entries(byAreaOp).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, r2(v / n)])),
  };
}


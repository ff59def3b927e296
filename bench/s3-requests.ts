// Object-store requests per call on the S3 test server, counted from its JSONL request log (OMNIGRAPH_S3_LOG).
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import startS3 from '../test/support/global-setup.js';

/** Quiet time around each counted call, so requests of the preparation never fall into its window. */
const GAP_MS = 30;
/** Time allowed for the server to flush its log after the last call. */
const FLUSH_MS = 500;

/** One line of the test server's request log (see test/support/s3-server/conditional-proxy.ts). */
export interface LogLine {
  readonly ts: string;
  readonly method: string;
  readonly op: string;
  readonly key?: string;
  /** The keys of a multi-object delete. */
  readonly keys?: readonly string[];
  readonly query?: string;
  readonly ifMatch?: string;
  readonly ifNoneMatch?: string;
  readonly status: number;
}

/** Requests per call, averaged over `calls` calls. */
export interface RequestCounts {
  readonly calls: number;
  /** Requests per call in all. */
  readonly total: number;
  /** Per call, by S3 operation (`PutObject`, `GetObject`, `HeadObject`, `ListObjectsV2`, …). */
  readonly byOp: Record<string, number>;
  /** Per call, by HTTP method. */
  readonly byMethod: Record<string, number>;
  /** Per call: PUTs with If-None-Match, writes with If-Match, and other conditional requests. */
  readonly conditional: { readonly putIfNoneMatch: number; readonly ifMatch: number; readonly otherConditional: number };
  /** Per call, by what the key belongs to: the manifest table, data tables, or anything else. */
  readonly byArea: Record<string, number>;
  /** Per call: requests answered with a status >= 400 (412s of lost CAS races, 404s of probes). */
  readonly failed: number;
  /** Requests of the heaviest single call (in a publish window: the one that ran the periodic compaction). */
  readonly maxCall: number;
  /** Median requests of one call. */
  readonly medianCall: number;
}

/** Reads the request log written by the S3 test server. */
export class RequestLog {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  /**
   * Run the `phases` in order, `n` times, with quiet gaps around each phase, and return the requests each phase made
   * per run, by phase name.
   * @example
   * await log.count(64, { read: () => readHead(), publish: () => publishIt() });
   */
  async count(n: number, phases: Record<string, (i: number) => Promise<unknown>>): Promise<Record<string, RequestCounts>> {
    const from = this.size();
    const windows: { phase: string; call: number; start: number; end: number }[] = [];
    for (let i = 0; i < n; i++) {
      for (const [phase, run] of Object.entries(phases)) {
        await sleep(GAP_MS);
        const start = Date.now();
        await run(i);
        windows.push({ phase, call: i, start, end: Date.now() + GAP_MS / 2 });
        await sleep(GAP_MS);
      }
    }
    await sleep(FLUSH_MS);
    const byPhase = new Map<string, { lines: LogLine[]; perCall: number[] }>(Object.keys(phases).map((p) => [p, { lines: [], perCall: new Array<number>(n).fill(0) }]));
    for (const line of this.readFrom(from)) {
      const t = Date.parse(line.ts);
      const w = windows.find((x) => t >= x.start && t <= x.end);
      const bucket = w === undefined ? undefined : byPhase.get(w.phase);
      if (w === undefined || bucket === undefined) continue;
      bucket.lines.push(line);
      bucket.perCall[w.call] = (bucket.perCall[w.call] ?? 0) + 1;
    }
    return Object.fromEntries([...byPhase].map(([phase, b]) => [phase, tally(b.lines, b.perCall)]));
  }

  /** The log's size in bytes now (an offset for {@link readFrom}). */
  size(): number {
    try {
      return statSync(this.path).size;
    } catch {
      return 0;
    }
  }

  /** Every complete line written after byte `offset`. */
  readFrom(offset: number): LogLine[] {
    const size = this.size();
    if (size <= offset) return [];
    const buf = Buffer.alloc(size - offset);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, buf, 0, buf.length, offset);
    } finally {
      closeSync(fd);
    }
    const out: LogLine[] = [];
    for (const line of buf.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      try {
        out.push(JSON.parse(line) as LogLine);
      } catch {
        // A line cut at the read boundary: its request closed after the last window.
      }
    }
    return out;
  }
}

function tally(lines: readonly LogLine[], perCall: readonly number[]): RequestCounts {
  const calls = perCall.length;
  const sorted = [...perCall].sort((a, b) => a - b);
  const byOp: Record<string, number> = {};
  const byMethod: Record<string, number> = {};
  const byArea: Record<string, number> = {};
  const conditional = { putIfNoneMatch: 0, ifMatch: 0, otherConditional: 0 };
  let failed = 0;
  const bump = (m: Record<string, number>, k: string): void => {
    m[k] = (m[k] ?? 0) + 1;
  };
  for (const l of lines) {
    const list = l.op === 'Other' && l.method === 'GET' && /(?:^|&)list-type=2(?:&|$)/.test(l.query ?? '');
    bump(byOp, list ? 'ListObjectsV2' : l.op);
    bump(byMethod, l.method);
    bump(byArea, area(list ? (new URLSearchParams(l.query).get('prefix') ?? '') : (l.key ?? '')));
    if (l.method === 'PUT' && l.ifNoneMatch !== undefined) conditional.putIfNoneMatch++;
    else if (l.ifMatch !== undefined) conditional.ifMatch++;
    else if (l.ifNoneMatch !== undefined) conditional.otherConditional++;
    if (l.status >= 400) failed++;
  }
  const per = (x: number): number => Math.round((x / calls) * 100) / 100;
  const perMap = (m: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, per(v)]));
  return {
    calls,
    total: per(lines.length),
    byOp: perMap(byOp),
    byMethod: perMap(byMethod),
    conditional: { putIfNoneMatch: per(conditional.putIfNoneMatch), ifMatch: per(conditional.ifMatch), otherConditional: per(conditional.otherConditional) },
    byArea: perMap(byArea),
    failed: per(failed),
    maxCall: sorted.at(-1) ?? 0,
    medianCall: sorted[Math.floor(calls / 2)] ?? 0,
  };
}

/** Which part of a graph root a key belongs to, with the table file kind for manifest keys. */
function area(key: string): string {
  const m = /(?:^|\/)_graph_manifest\.lance\/([^/]+)/.exec(key);
  if (m !== null) return `manifest:${m[1]?.includes('.') ? 'root' : m[1]}`;
  if (/(?:^|\/)(node|edge)_[0-9a-f]+_[0-9a-f]+\.lance\//.test(key)) return 'data';
  if (/(?:^|\/)raw_[^/]*\.lance\//.test(key)) return 'raw';
  return 'other';
}

/**
 * Run `fn` with the S3 test server started and logging every request to a fresh log (when `s3`), or with no server
 * and no log. The server stops and the log is removed afterwards (kept, and its path printed, with
 * `OMNIGRAPH_BENCH_KEEP_LOG=1`).
 */
export async function withS3RequestLog<T>(s3: boolean, fn: (log: RequestLog | undefined) => Promise<T>): Promise<T> {
  if (!s3) return fn(undefined);
  const logDir = mkdtempSync(path.join(tmpdir(), 'omnigraph-bench-s3log-'));
  const log = new RequestLog(path.join(logDir, 'requests.jsonl'));
  process.env['OMNIGRAPH_S3_LOG'] = log.path;
  const stopS3 = await startS3();
  try {
    return await fn(log);
  } finally {
    await stopS3();
    if (process.env['OMNIGRAPH_BENCH_KEEP_LOG'] === '1') console.log(`S3 request log kept at ${log.path}`);
    else rmSync(logDir, { recursive: true, force: true });
  }
}

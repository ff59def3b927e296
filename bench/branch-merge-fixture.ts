// Fixture of the branch-merge benchmark: the Person/Knows graphs, delta loads, raw LanceDB baselines, the source stamp.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Omnigraph } from '../src/engine.js';
import { connectLance, ROW_LAST_UPDATED_AT_VERSION, rowsToArrow, sqlString, type ArrowTable, type LanceConnection, type Schema, type TableHandle } from '../src/store/lance/index.js';

/** Where the graphs live. */
export type Backend = 'file' | 's3';

/** The benchmark schema: one keyed node type (the merged table) and one edge type. */
export const SCHEMA = 'node Person { name: String @key  age: I32? }\nedge Knows: Person -> Person { since: Date? }';

/** Knows edges per Person row. */
export const EDGES_PER_PERSON = 0.1;

/** The key of Person row `i`. */
export const personKey = (i: number): string => `p${i}`;

/** Makes fresh roots on one backend (`s3://<test bucket>/bm-<run>-<label>` or a temp dir) and removes local ones. */
export class Roots {
  readonly backend: Backend;
  readonly #dirs: string[] = [];
  readonly #run = randomUUID().slice(0, 8);

  constructor(backend: Backend) {
    this.backend = backend;
  }

  /** A new empty root URI. */
  make(label: string): string {
    if (this.backend === 's3') return `s3://${process.env['OMNIGRAPH_TEST_S3_BUCKET']}/bm-${this.#run}-${label}`;
    const d = mkdtempSync(path.join(tmpdir(), `omnigraph-bench-bm-${label}-`));
    this.#dirs.push(d);
    return d;
  }

  /** Remove the local roots (S3 roots die with the test server). */
  cleanup(): void {
    for (const d of this.#dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/** A built graph: its root, the open handle, its Person data table id, sizes and how long the build took. */
export interface BenchGraph {
  readonly uri: string;
  readonly graph: Omnigraph;
  readonly persons: number;
  readonly edges: number;
  readonly personTableId: string;
  readonly buildMs: number;
}

/**
 * Init a graph at `uri` and load `persons` Person rows (`p<i>`, age `i % 90`) and `persons × EDGES_PER_PERSON` Knows
 * edges in one append load of JSONL text (one commit, one data fragment per table).
 */
/** Build the key indexes after the load (graph.ensureIndices; the raw copy gets the same `id` index). `OMNIGRAPH_BENCH_KEY_INDEXES=0` turns it off. */
export const KEY_INDEXES = process.env['OMNIGRAPH_BENCH_KEY_INDEXES'] !== '0';

export async function buildGraph(uri: string, persons: number): Promise<BenchGraph> {
  const t = performance.now();
  const graph = await Omnigraph.init(uri, SCHEMA);
  const edges = Math.floor(persons * EDGES_PER_PERSON);
  const lines: string[] = [];
  for (let i = 0; i < persons; i++) lines.push(`{"type":"Person","data":{"name":"${personKey(i)}","age":${i % 90}}}`);
  for (let k = 0; k < edges; k++) {
    lines.push(`{"edge":"Knows","from":"${personKey(k % persons)}","to":"${personKey((k * 7919 + 13) % persons)}","data":{"since":"2020-0${1 + (k % 9)}-1${k % 10}"}}`);
  }
  const loaded = await graph.load({ text: `${lines.join('\n')}\n` }, { mode: 'append' });
  if (loaded.totalEntities !== persons + edges) throw new Error(`loaded ${loaded.totalEntities} of ${persons + edges}`);
  if (KEY_INDEXES) await graph.ensureIndices();
  const table = (await graph.snapshot()).table('node', 'Person');
  if (table === undefined || table.rowCount !== persons) throw new Error(`Person table has ${table?.rowCount} rows, not ${persons}`);
  return { uri, graph, persons, edges, personTableId: table.tableId, buildMs: Math.round(performance.now() - t) };
}

/**
 * The `count` Person keys a merge run updates: spread over the table, distinct per run, never the row
 * {@link mainChangeKey} touches.
 */
export function deltaKeys(persons: number, run: number, count: number): string[] {
  const stride = Math.max(1, Math.floor((persons - 1) / count));
  return Array.from({ length: count }, (_, j) => personKey((j * stride + 1 + run * 3) % (persons - 1)));
}

/** The Person row the unrelated change on main updates (the last one; delta keys never reach it). */
export const mainChangeKey = (persons: number): string => personKey(persons - 1);

/** JSONL text of Person updates: each key gets `age`. */
export function personLines(keys: readonly string[], age: number): string {
  return keys.map((k) => `{"type":"Person","data":{"name":"${k}","age":${age}}}\n`).join('');
}

/** A raw LanceDB copy of a graph's Person table (same rows and schema) in its own root, for the mergeInsert baseline. */
export class RawPersonTable {
  readonly #conn: LanceConnection;
  readonly #head: TableHandle;
  readonly #schema: Schema;
  /** Physical column of each Person property (`p<property id>`). */
  readonly #column: Readonly<Record<string, string>>;

  private constructor(conn: LanceConnection, head: TableHandle, schema: Schema, column: Record<string, string>) {
    this.#conn = conn;
    this.#head = head;
    this.#schema = schema;
    this.#column = column;
  }

  /** Copy the Person table of `g` at its pin into table `raw_person` at `rootUri`. */
  static async create(g: BenchGraph, rootUri: string): Promise<RawPersonTable> {
    const snap = await g.graph.snapshot();
    const source = await snap.open(snap.table('node', 'Person')!);
    const schema = await source.schema();
    const rows = await source.scan();
    const conn = await connectLance(rootUri);
    const head = await conn.createTable('raw_person', { schema, primaryKey: 'id', rows });
    if (KEY_INDEXES) await head.createScalarIndex('id');
    const column = Object.fromEntries(g.graph.catalog.nodes['Person']!.table.columns.filter((c) => c.property !== null).map((c) => [c.property!, c.name]));
    return new RawPersonTable(conn, head, await head.schema(), column);
  }

  /** The Arrow source of an update of `keys` to `age` (full rows; built before timing). */
  rows(keys: readonly string[], age: number): ArrowTable {
    return rowsToArrow(this.#schema, keys.map((k) => ({ id: k, [this.#column['name']!]: k, [this.#column['age']!]: age })));
  }

  /** One upsert mergeInsert on `id`; returns its duration in ms. */
  async mergeInsert(rows: ArrowTable): Promise<number> {
    const t = performance.now();
    const r = await this.#head.mergeInsert(rows, { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true });
    const ms = performance.now() - t;
    if (r.numUpdatedRows !== rows.numRows) throw new Error(`raw mergeInsert updated ${r.numUpdatedRows} of ${rows.numRows}`);
    return ms;
  }

  /**
   * The two scans a merge's reads run, on this raw copy: `id IN (keys)` (readEntities) and the id column filtered on
   * `_row_last_updated_at_version` past the head version (candidateIds; matches nothing, reads the column); ms.
   */
  async scans(keys: readonly string[]): Promise<{ idInScanMs: number; versionFilterScanMs: number }> {
    let t = performance.now();
    const found = await this.#head.scan({ filter: `id IN (${keys.map(sqlString).join(', ')})`, columns: ['id', ...Object.values(this.#column)] });
    const idInScanMs = performance.now() - t;
    if (found.numRows !== keys.length) throw new Error(`raw id IN scan found ${found.numRows} of ${keys.length}`);
    const cutoff = await this.#head.version();
    t = performance.now();
    await this.#head.scan({ filter: `${ROW_LAST_UPDATED_AT_VERSION} > ${cutoff}`, columns: ['id'] });
    return { idInScanMs, versionFilterScanMs: performance.now() - t };
  }

  /** Build a btree scalar index on `id` (graph data tables have none). */
  async indexId(): Promise<void> {
    await this.#head.createScalarIndex('id');
  }

  /** Release the handle and connection. */
  close(): void {
    this.#head.close();
    this.#conn.close();
  }
}

/** Native branch create on a graph's Person data table (main head), the raw counterpart of `branchCreate`. */
export class RawBranchTable {
  readonly #conn: LanceConnection;
  readonly #head: TableHandle;

  private constructor(conn: LanceConnection, head: TableHandle) {
    this.#conn = conn;
    this.#head = head;
  }

  /** Open the head of the graph's Person table on its own connection. */
  static async open(g: BenchGraph): Promise<RawBranchTable> {
    const conn = await connectLance(g.uri);
    return new RawBranchTable(conn, await conn.openHead(g.personTableId));
  }

  /** Time one `createBranch(name)`, then delete the branch (untimed); returns ms. */
  async createOnce(name: string): Promise<number> {
    const t = performance.now();
    const fork = await this.#head.createBranch(name);
    const ms = performance.now() - t;
    fork.close();
    await this.#head.deleteBranch(name);
    return ms;
  }

  /** Release the handle and connection. */
  close(): void {
    this.#head.close();
    this.#conn.close();
  }
}

/**
 * The commit the run measured, whether src/ differed from it when the run started (read-only git calls), and a
 * digest of every file under src/ (tracked or not), which names the measured code even when src/ is dirty.
 */
export function sourceRevision(): { head: string | null; srcDirty: boolean | null; srcDigest: string } {
  const cwd = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(`${path.relative(cwd, p)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  walk(path.join(cwd, 'src'));
  const srcDigest = hash.digest('hex').slice(0, 16);
  try {
    const git = (...args: string[]): string => execFileSync('git', ['--no-optional-locks', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { head: git('rev-parse', 'HEAD'), srcDirty: git('status', '--porcelain', '--', 'src') !== '', srcDigest };
  } catch {
    return { head: null, srcDirty: null, srcDigest };
  }
}

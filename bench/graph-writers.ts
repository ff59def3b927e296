// Writers of the graph-store benchmark: counted publishes (compaction phase), pin writes, lineage ramps, raw upserts.
import type { Omnigraph } from '../src/engine.js';
import { MANIFEST_COMPACTION_INTERVAL, type GraphSnapshot, type HeadRecord, type PublishRequest, type PublishResult } from '../src/manifest/index.js';
import { connectLance, schemaFromColumns, type LanceConnection, type TableHandle } from '../src/store/lance/index.js';
import { lineageRequest, makeRows, nodeTable, nodeTypeName, NODE_TYPES, pinPublishRequest, type BenchTable } from './graph-fixture.js';

let published = 0;

/**
 * Publish through the bench's one read-write handle, counting landed publishes: the manifest store compacts on every
 * `MANIFEST_COMPACTION_INTERVAL`-th publish of a handle, so the count tells the compaction phase.
 */
export async function countedPublish(graph: Omnigraph, req: PublishRequest): Promise<PublishResult> {
  const r = await graph.__unsafePublish(req);
  if (!r.alreadyPublished) published++;
  return r;
}

/** Start counting for a newly opened read-write handle (its compaction counter starts at zero). */
export function resetPublishCount(): void {
  published = 0;
}

/** Publishes since the handle's last compaction (0: the last publish compacted, or none yet). */
export function compactionPhase(): number {
  return published % MANIFEST_COMPACTION_INTERVAL;
}

/** Publish lineage-only commits until the compaction phase is `phase`; returns how many were published. */
export async function advanceToPhase(graph: Omnigraph, phase: number): Promise<number> {
  let n = 0;
  while (compactionPhase() !== phase) {
    await countedPublish(graph, lineageRequest());
    n++;
  }
  return n;
}

let rowSeq = 0;

/**
 * Writes one row to a node table and publishes its pin, in three steps the bench times or counts separately: read
 * the head (snapshot + head), append, publish. Rotates over the node types; keeps one writable handle per table.
 */
export class PinWriter {
  readonly #graph: Omnigraph;
  readonly #conn: LanceConnection;
  readonly #tables: BenchTable[];
  readonly #handles = new Map<string, TableHandle>();
  #turn = 0;
  #read: { snap: GraphSnapshot; head: HeadRecord } | undefined;
  #request: PublishRequest | undefined;

  constructor(graph: Omnigraph, dataConn: LanceConnection) {
    this.#graph = graph;
    this.#conn = dataConn;
    this.#tables = Array.from({ length: NODE_TYPES }, (_, i) => nodeTable(graph.catalog, nodeTypeName(i)));
  }

  /** Step 1: the snapshot and head the write is prepared against. */
  async readHead(): Promise<void> {
    this.#read = { snap: await this.#graph.snapshot(), head: await this.#graph.head() };
  }

  /** Step 2: append one full row to the next node table (one LanceDB commit). */
  async append(): Promise<void> {
    if (this.#read === undefined) throw new Error('readHead first');
    const table = this.#tables[this.#turn++ % this.#tables.length]!;
    let handle = this.#handles.get(table.tableId);
    if (handle === undefined) {
      handle = await this.#conn.openHead(table.tableId);
      this.#handles.set(table.tableId, handle);
    }
    const { version } = await handle.append(makeRows(table.columns, 'w', rowSeq++, 1));
    this.#request = pinPublishRequest(this.#read.snap, this.#read.head, table, version, 1);
  }

  /** Step 3: publish the appended version's pin (exact head). */
  async publish(): Promise<PublishResult> {
    if (this.#request === undefined) throw new Error('append first');
    const req = this.#request;
    this.#request = undefined;
    this.#read = undefined;
    return countedPublish(this.#graph, req);
  }

  /** Close the table handles (the connection belongs to the caller). */
  close(): void {
    for (const h of this.#handles.values()) h.close();
    this.#handles.clear();
  }
}

/**
 * The raw baseline of a publish: a data table with the layout of a node type, in its own root, on a connection like
 * the manifest's (`readConsistencyInterval: 0`); each call upserts one full row on `id` that already exists.
 */
export class RawMergeTable {
  readonly #conn: LanceConnection;
  readonly #handle: TableHandle;
  readonly #table: BenchTable;
  readonly #rows: number;
  #salt = 0;

  private constructor(conn: LanceConnection, handle: TableHandle, table: BenchTable, rows: number) {
    this.#conn = conn;
    this.#handle = handle;
    this.#table = table;
    this.#rows = rows;
  }

  /** Create `raw_<table id>` under `rootUri` with the columns of `table` and `rows` seeded rows. */
  static async create(rootUri: string, table: BenchTable, rows: number): Promise<RawMergeTable> {
    const conn = await connectLance(rootUri, { readConsistencyInterval: 0 });
    const name = `raw_${table.tableId}`;
    const created = await conn.createTable(name, { schema: schemaFromColumns(table.columns), primaryKey: 'id', rows: makeRows(table.columns, 'seed', 0, rows) });
    created.close();
    return new RawMergeTable(conn, await conn.openHead(name), table, rows);
  }

  /** One single-row upsert (`mergeInsert` on `id`: update when matched, insert otherwise). */
  async upsertOne(): Promise<void> {
    const salt = ++this.#salt;
    const r = await this.#handle.mergeInsert(makeRows(this.#table.columns, 'seed', salt % this.#rows, 1, salt), {
      on: 'id',
      whenMatchedUpdate: true,
      whenNotMatchedInsert: true,
    });
    if (r.numUpdatedRows + r.numInsertedRows !== 1) throw new Error(`raw upsert wrote ${r.numUpdatedRows}+${r.numInsertedRows} rows`);
  }

  /** Release the handle and connection. */
  close(): void {
    this.#handle.close();
    this.#conn.close();
  }
}

/** One stretch of the commit ramp. */
export interface RampBatch {
  readonly commitsAfter: number;
  readonly seconds: number;
  /** Median of the publishes that did not compact. */
  readonly plainMedianMs: number;
  /** Publishes that ran the periodic manifest compaction, and their mean. */
  readonly compactions: number;
  readonly compactingMeanMs: number;
}

/** Publish lineage-only commits until the graph has `target` commits, reporting every `every` commits. */
export async function reachCommits(graph: Omnigraph, target: number, every = 1000): Promise<RampBatch[]> {
  let commits = (await graph.commits()).length;
  const batches: RampBatch[] = [];
  let batchStart = performance.now();
  let plain: number[] = [];
  let compacting: number[] = [];
  while (commits < target) {
    const t = performance.now();
    await countedPublish(graph, lineageRequest());
    (compactionPhase() === 0 ? compacting : plain).push(performance.now() - t);
    commits++;
    if (commits % every === 0 || commits === target) {
      const sorted = [...plain].sort((a, b) => a - b);
      const r1 = (x: number): number => Math.round(x * 10) / 10;
      const batch: RampBatch = {
        commitsAfter: commits,
        seconds: r1((performance.now() - batchStart) / 1000),
        plainMedianMs: r1(sorted[Math.floor(sorted.length / 2)] ?? Number.NaN),
        compactions: compacting.length,
        compactingMeanMs: r1(compacting.reduce((a, b) => a + b, 0) / Math.max(1, compacting.length)),
      };
      batches.push(batch);
      console.log(`  ${commits} commits: stretch ${batch.seconds} s, plain publish median ${batch.plainMedianMs} ms, ${batch.compactions} compacting publishes averaging ${batch.compactingMeanMs} ms`);
      plain = [];
      compacting = [];
      batchStart = performance.now();
    }
  }
  return batches;
}

// Fixture of the write-protocol benchmark: the 3- and 20-type graphs, seeding, single-row upsert write sets, lease waits.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Omnigraph } from '../src/engine.js';
import { makeWriteSet, type WriteSet } from '../src/exec/writeset/index.js';
import type { HeadRecord } from '../src/manifest/index.js';
import { readLease } from '../src/recovery/lease.js';
import { openObjectStore } from '../src/store/object/open.js';
import type { ObjectStore } from '../src/store/object/types.js';
import { benchSchema, makeRows, nodeTable, nodeTypeName, type BenchTable } from './graph-fixture.js';

/** Where a graph lives. */
export type Backend = 'file' | 's3';

/** The two graph sizes: 3 tables (2 node types, 1 edge type) and the 20-table schema of the graph-store bench. */
export type GraphSize = 'types3' | 'types20';

/**
 * Rows seeded into the written table (the raw baseline table gets the same), at least: enough that no upsert of a run
 * revisits a row, so every write updates a row of the seed fragment (one deletion file each, ours and raw alike).
 */
export const MIN_SEED_ROWS = 1000;

/** The node type every write goes to: `T00`, laid out alike in both schemas. */
export const WRITTEN_TYPE = nodeTypeName(0);

/** A 3-type schema with the node and edge layouts of `benchSchema()`: T00, T01 and L0: T00 -> T01. */
export function smallSchema(): string {
  const node = (name: string): string => `node ${name} {\n  name: String @key\n  age: I32?\n  score: F64?\n  note: String?\n  active: Bool?\n}`;
  return [node(nodeTypeName(0)), node(nodeTypeName(1)), `edge L0: ${nodeTypeName(0)} -> ${nodeTypeName(1)} {\n  weight: F64?\n  label: String?\n}`].join('\n');
}

/** The schema text of a graph size. */
export function schemaOf(size: GraphSize): string {
  return size === 'types3' ? smallSchema() : benchSchema();
}

/** Makes fresh roots on one backend and remembers local temp dirs for cleanup. */
export class Roots {
  readonly backend: Backend;
  readonly dirs: string[] = [];
  readonly #run = randomUUID().slice(0, 8);

  constructor(backend: Backend) {
    this.backend = backend;
  }

  /** A new empty root URI (`s3://<test bucket>/wp-<run>-<label>` or a temp dir). */
  make(label: string): string {
    if (this.backend === 's3') return `s3://${process.env['OMNIGRAPH_TEST_S3_BUCKET']}/wp-${this.#run}-${label}`;
    const d = mkdtempSync(path.join(tmpdir(), `omnigraph-bench-wp-${label}-`));
    this.dirs.push(d);
    return d;
  }
}

/** A graph created for the bench: its root, the written table and the table count. */
export interface BenchGraph {
  readonly uri: string;
  readonly size: GraphSize;
  readonly table: BenchTable;
  readonly tables: number;
  readonly seedRows: number;
}

/** Init a graph of `size` at `uri`, seed `seedRows` rows into the written table through a write set, and close it. */
export async function createGraph(uri: string, size: GraphSize, seedRows: number): Promise<BenchGraph> {
  const graph = await Omnigraph.init(uri, schemaOf(size));
  try {
    const table = nodeTable(graph.catalog, WRITTEN_TYPE);
    const head = await graph.head();
    const seed = makeWriteSet({
      branch: head.branch,
      expectedHead: head,
      writerKind: 'load',
      actor: 'bench',
      tables: [{ tableId: table.tableId, tableKey: table.tableKey, mode: 'append', rows: makeRows(table.columns, 'seed', 0, seedRows), deleteIds: [] }],
    });
    await graph.applyWriteSet(seed);
    const tables = (await graph.snapshot()).tables.length;
    return { uri: graph.uri, size, table, tables, seedRows };
  } finally {
    await graph.close();
  }
}

/**
 * Single-row upserts of existing ids of the written table (full rows, a new salt each time), exactly the rows the
 * raw baseline (`RawMergeTable.upsertOne`) writes.
 */
export class UpsertSource {
  readonly #table: BenchTable;
  readonly #rows: number;
  #salt = 0;

  constructor(g: BenchGraph) {
    this.#table = g.table;
    this.#rows = g.seedRows;
  }

  /** The write set of the next single-row upsert against `head`. */
  next(head: HeadRecord): WriteSet {
    const salt = ++this.#salt;
    return makeWriteSet({
      branch: head.branch,
      expectedHead: head,
      writerKind: 'mutation',
      actor: 'bench',
      tables: [{ tableId: this.#table.tableId, tableKey: this.#table.tableKey, mode: 'upsert', rows: makeRows(this.#table.columns, 'seed', salt % this.#rows, 1, salt), deleteIds: [] }],
    });
  }
}

/** The two lease variants: `warm` keeps the lease between writes, `cold` acquires and releases it around each one. */
export type LeaseMode = 'warm' | 'cold';

/** Linger of each lease variant: long enough for back-to-back writes, or none. */
export const LINGER_MS: Record<LeaseMode, number> = { warm: 5_000, cold: 0 };

/** A read-write handle on a bench graph with one lease variant, and what its writes need between calls. */
export class BenchWriter {
  readonly graph: Omnigraph;
  readonly mode: LeaseMode;
  readonly #objects: ObjectStore;
  readonly #source: UpsertSource;

  private constructor(graph: Omnigraph, mode: LeaseMode, objects: ObjectStore, source: UpsertSource) {
    this.graph = graph;
    this.mode = mode;
    this.#objects = objects;
    this.#source = source;
  }

  /** Open `g` read-write with the linger of `mode`, writing the upserts of `source` (shared across variants). */
  static async open(g: BenchGraph, mode: LeaseMode, source: UpsertSource): Promise<BenchWriter> {
    const graph = await Omnigraph.open(g.uri, { lease: { lingerMs: LINGER_MS[mode] } });
    return new BenchWriter(graph, mode, openObjectStore(graph.uri), source);
  }

  /** Untimed preparation: read the fresh head and build the next write set. */
  async prepare(): Promise<WriteSet> {
    return this.#source.next(await this.graph.head());
  }

  /** The timed step: commit → published. */
  async apply(ws: WriteSet): Promise<void> {
    const r = await this.graph.applyWriteSet(ws);
    if (r === null) throw new Error('single-row upsert published nothing');
  }

  /**
   * Cold mode only: wait until the lease released after the last write is stored as released, so the next write
   * acquires it afresh (a write started during the release would find it held and poll). No-op when warm.
   */
  async settle(): Promise<void> {
    if (this.mode === 'warm') return;
    const deadline = performance.now() + 10_000;
    await sleep(2);
    for (;;) {
      const stored = await readLease(this.#objects);
      if (stored === null || stored.record.state === 'released') return;
      if (performance.now() > deadline) throw new Error(`lease of ${this.graph.uri} still ${stored.record.state} 10 s after a cold write`);
      await sleep(5);
    }
  }

  /** One whole write: prepare, apply, settle. */
  async writeOnce(): Promise<void> {
    await this.apply(await this.prepare());
    await this.settle();
  }

  /** Close the handle (releasing the lease) and the object store. */
  async close(): Promise<void> {
    await this.graph.close();
    await this.#objects.close();
  }
}

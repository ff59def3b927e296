// The read side of a graph handle: compile a read query, resolve its snapshot, run it over the cached graph index.
import { compileQuery, type Catalog } from '../compiler/index.js';
import { OmniError } from '../errors/index.js';
import { executeRead } from '../exec/query/index.js';
import { exportType, exportTypes, readOutput, type ReadOutput } from '../exec/output/index.js';
import { GraphIndexCache, buildCsr, type CsrInput, type CsrOutput } from '../graphindex/index.js';
import type { GraphSnapshot } from '../manifest/index.js';
import { WorkerPool } from '../workers/index.js';

/** Options of `Omnigraph.query`. */
export interface QueryOptions {
  /** The query to run when the text declares several. */
  readonly name?: string;
  /** Parameter values as JSON, keyed without `$`. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Read a branch head (default `main`). */
  readonly branch?: string;
  /** Read the snapshot of a commit id instead (excludes `branch`). */
  readonly snapshot?: string;
}

/** Edge tables at least this large build their CSR/CSC in a worker thread (env `OMNIGRAPH_CSR_WORKER_MIN_EDGES` overrides). */
export const CSR_WORKER_MIN_EDGES = 250_000;

/** Owns the graph index cache and the worker pool of one open graph. */
export class ReadSide {
  readonly cache: GraphIndexCache;
  #pool: WorkerPool | undefined;
  readonly #workerMinEdges = Number(process.env.OMNIGRAPH_CSR_WORKER_MIN_EDGES ?? CSR_WORKER_MIN_EDGES);

  constructor() {
    this.cache = new GraphIndexCache({ build: (input) => this.#build(input) });
  }

  async #build(input: CsrInput): Promise<CsrOutput> {
    if (input.src.length < this.#workerMinEdges) return buildCsr(input);
    this.#pool ??= new WorkerPool();
    return (await this.#pool.run({ kind: 'build-csr', input })).output;
  }

  /**
   * Compile and run one read query against a snapshot. `bad_request` for a mutation, a missing name or bad params;
   * `parse_error`/`query_invalid` for bad text; `not_yet_supported` for search functions.
   */
  async query(catalog: Catalog, text: string, options: QueryOptions, snapshotOf: (t: { branch?: string; commit?: string }) => Promise<GraphSnapshot>): Promise<ReadOutput> {
    if (options.branch !== undefined && options.snapshot !== undefined) throw new OmniError('bad_request', 'pass either a branch or a snapshot, not both');
    const ir = compileQuery(text, catalog, options.name);
    if (ir.kind !== 'read-query') {
      throw new OmniError('bad_request', `'${ir.name}' is a mutation — use omnigraph mutate ${ir.name}`, { details: { query_name: ir.name } });
    }
    const snap = await snapshotOf(options.snapshot !== undefined ? { commit: options.snapshot } : { branch: options.branch ?? 'main' });
    const source = {
      table: (kind: 'node' | 'edge', typeName: string) => {
        const t = snap.table(kind, typeName);
        return t === undefined ? undefined : { tableId: t.tableId, branch: t.branch, version: t.version, open: () => snap.open(t) };
      },
    };
    const { columns, rows } = await executeRead(ir, { catalog, source, cache: this.cache, params: options.params ?? {} });
    return readOutput({
      queryName: ir.name,
      target: options.snapshot !== undefined ? { branch: null, snapshot: options.snapshot } : { branch: snap.branch, snapshot: null },
      columns,
      rows,
      graphCommitId: snap.headCommitId,
    });
  }

  /**
   * Write every entity of a snapshot (or of the named types) as load-envelope JSONL lines, node types first.
   * Returns the number of lines. `bad_request` for an unknown type name.
   */
  async exportJsonl(catalog: Catalog, snap: GraphSnapshot, typeNames: readonly string[], write: (line: string) => void | Promise<void>): Promise<number> {
    let n = 0;
    for (const type of exportTypes(catalog, typeNames)) {
      const table = snap.table(type.kind, type.name);
      if (table === undefined) continue;
      n += await exportType(type, await snap.open(table), write);
    }
    return n;
  }

  /** Drain and stop the worker pool. */
  async close(): Promise<void> {
    await this.#pool?.close();
  }
}

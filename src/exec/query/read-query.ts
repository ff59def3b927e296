// Entry of the read executor: check parameters, prepare the snapshot's graph data, run the plan, encode the rows.
import type { Catalog, IrNode } from '../../compiler/index.js';
import { walk } from '../../compiler/index.js';
import type { ReadQueryNode } from '../../compiler/ir/read-query-node.js';
import type { GraphIndexCache } from '../../graphindex/index.js';
import { ExecContext, type SnapshotSource } from './context.js';
import { notYetSupported } from './evaluate.js';
import { run } from './execute.js';
import { convertParams, encodeValue } from './values.js';

/** Inputs of {@link executeRead}. */
export interface ExecuteReadOptions {
  readonly catalog: Catalog;
  readonly source: SnapshotSource;
  readonly cache: GraphIndexCache;
  /** Parameter values as JSON, keyed without `$`. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** `now()` in ms since the epoch (fixed once per execution); defaults to the clock. */
  readonly now?: number;
}

/** The rows of a read: column names in projection order and JSON-encoded rows (spec §11). */
export interface ReadRows {
  readonly columns: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

const SEARCH_KINDS = new Set<IrNode['kind']>(['text-search', 'vector-search', 'text-rank', 'fusion', 'nearest', 'bm25']);

/**
 * Execute a checked read query against a snapshot. `bad_request` for bad parameters, `not_yet_supported` for search
 * and ranking functions (checked before any I/O).
 * @example
 * const { rows } = await executeRead(ir, { catalog, source, cache, params: { name: 'Alice' } });
 */
export async function executeRead(ir: ReadQueryNode, options: ExecuteReadOptions): Promise<ReadRows> {
  walk(ir.plan, (n) => {
    if (SEARCH_KINDS.has(n.kind)) throw notYetSupported(n.kind === 'vector-search' ? 'nearest' : n.kind === 'text-rank' ? 'bm25' : n.kind === 'fusion' ? 'rrf' : n.kind);
  });
  const params = convertParams(ir.params, options.params ?? {});
  const ctx = new ExecContext(options.catalog, params, options.now ?? Date.now());
  await ctx.prepare(ir.plan, options.source, options.cache);
  const out = run(ctx, ir.plan, null);
  const columns = ir.columns.map((c) => c.name);
  const rows = out.rows.map((r) => {
    const obj: Record<string, unknown> = {};
    ir.columns.forEach((c, i) => {
      obj[c.name] = encodeValue(c.type, (r as unknown[])[i] as never);
    });
    return obj;
  });
  return { columns, rows };
}

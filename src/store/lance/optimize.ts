// The one optimize entry point: compaction, index catch-up and pruning, always with an explicit cutoff.
import type { Table } from '@lancedb/lancedb';
import { RequestError } from '../../errors/index.js';
import { lanceCall, type LanceErrorContext } from './classify.js';

/** Options of {@link runOptimize}. */
export interface OptimizeOptions {
  /**
   * Versions older than this are pruned (the current version never is). Required: LanceDB's default
   * is 7 days, which would delete versions that pins, unforked branches and time travel still use.
   * Compute it from the pins (design §3); it may not lie in the future.
   */
  readonly cleanupOlderThan: Date;
  /**
   * Also delete unreferenced files younger than 7 days. Only safe when no other process can be
   * writing this table (LanceDB's warning); defaults to false.
   */
  readonly deleteUnverified?: boolean;
}

/** What optimize did, and the table version it left. */
export interface OptimizeResult {
  /** The head version after optimize (compaction and index updates each commit a version). */
  readonly version: number;
  readonly compaction: { readonly fragmentsRemoved: number; readonly fragmentsAdded: number; readonly filesRemoved: number; readonly filesAdded: number };
  readonly prune: { readonly bytesRemoved: number; readonly oldVersionsRemoved: number };
}

/**
 * Check optimize options: `cleanupOlderThan` must be a valid Date, not in the future; otherwise
 * `bad_request` and nothing runs.
 */
export function assertOptimizeOptions(options: unknown, now: number = Date.now()): asserts options is OptimizeOptions {
  const cutoff = (options as { cleanupOlderThan?: unknown } | null | undefined)?.cleanupOlderThan;
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) {
    throw new RequestError('bad_request', 'optimize needs an explicit cleanupOlderThan Date computed from the pins; refusing LanceDB\'s 7-day default', {
      details: { operation: 'optimize' },
    });
  }
  if (cutoff.getTime() > now) {
    throw new RequestError('bad_request', `optimize cutoff ${cutoff.toISOString()} lies in the future`, { details: { operation: 'optimize' } });
  }
  const deleteUnverified = (options as { deleteUnverified?: unknown }).deleteUnverified;
  if (deleteUnverified !== undefined && typeof deleteUnverified !== 'boolean') {
    throw new RequestError('bad_request', 'optimize deleteUnverified must be a boolean', { details: { operation: 'optimize' } });
  }
}

/** Compact, catch indexes up and prune versions older than the cutoff, on `table`'s branch. */
export async function runOptimize(table: Table, options: OptimizeOptions, context: LanceErrorContext): Promise<OptimizeResult> {
  assertOptimizeOptions(options);
  const stats = await lanceCall(
    () => table.optimize({ cleanupOlderThan: options.cleanupOlderThan, deleteUnverified: options.deleteUnverified ?? false }),
    context,
  );
  const version = await lanceCall(() => table.version(), context);
  return {
    version,
    compaction: { ...stats.compaction },
    prune: { ...stats.prune },
  };
}

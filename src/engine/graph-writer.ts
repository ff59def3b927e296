// The graph's write path: one A–D window per branch (the branch gate), fail-closed branches, recovery on demand.
import { runTransaction } from '../actors/txn/index.js';
import { RecoveryError } from '../errors/index.js';
import { isEmptyWriteSet, publishRequestOf, type WriteDeps, type WriteSet } from '../exec/writeset/index.js';
import type { PublishResult } from '../manifest/index.js';
import { recoverAll, type RecoveryOutcome } from '../recovery/recover.js';
import type { KeyedMutex } from '../util/keyed-mutex.js';

/**
 * Commits write sets for one open graph. The caller's process holds the write lease; the writer holds the branch
 * gate around each A–D window, so at most one write per graph branch is in flight. A branch whose write failed after
 * an effect landed, or whose recovery failed closed, refuses writes with `recovery_required` until a read-write open
 * recovers it; other branches keep working.
 */
export class GraphWriter {
  readonly #deps: WriteDeps;
  readonly #gates: KeyedMutex;
  readonly #blocked = new Map<string, string>();

  constructor(deps: WriteDeps, gates: KeyedMutex) {
    this.#deps = deps;
    this.#gates = gates;
  }

  /** Commit `ws`; `null` when it changes nothing (no commit is published). */
  async apply(ws: WriteSet): Promise<PublishResult | null> {
    if (isEmptyWriteSet(ws)) return null;
    return this.#gates.with([ws.branch], async () => {
      this.#assertWritable(ws.branch);
      try {
        return await runTransaction(this.#deps, ws);
      } catch (err) {
        if ((err as { code?: string }).code === 'recovery_required') this.#blocked.set(ws.branch, ws.operationId);
        throw err;
      }
    });
  }

  /**
   * Recover every sidecar (oldest first) under every gate its branch needs; branches whose recovery fails closed are
   * blocked. Runs when this process acquires the lease (read-write open, takeover).
   */
  async recover(options: { readonly onlyEpochsBelow?: number } = {}): Promise<RecoveryOutcome[]> {
    const outcomes = await recoverAll(
      {
        sidecars: this.#deps.sidecars,
        state: this.#deps.state,
        publish: this.#deps.publish,
        data: this.#deps.data,
        rollForwardRequest: (s) => publishRequestOf({ sidecar: s }, s.tables.map((t) => ({ version: t.confirmed_version as number, rowCount: t.row_count as number }))),
      },
      options,
    );
    for (const o of outcomes) {
      if (o.kind === 'failed_closed') this.#blocked.set(o.branch, o.operationId);
      else if (this.#blocked.get(o.branch) === o.operationId) this.#blocked.delete(o.branch);
    }
    return outcomes;
  }

  /** Branches that refuse writes, with the operation that blocks each. */
  blockedBranches(): ReadonlyMap<string, string> {
    return new Map(this.#blocked);
  }

  #assertWritable(branch: string): void {
    const op = this.#blocked.get(branch);
    if (op !== undefined) {
      throw new RecoveryError('recovery_required', `branch '${branch}' has an unresolved write (operation ${op}); reopen the graph read-write to recover it, or run omnigraph repair if recovery refused`, {
        details: { recovery_required: { operation_id: op }, branch, guidance: 'repair' },
      });
    }
  }
}

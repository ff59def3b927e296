// Recovery (design §4.4): for each sidecar, oldest first, the first matching rule of 0–5 decides; every outcome is audited.
import { OmniError, toOmniError } from '../errors/index.js';
import type { ManifestState, PublishRequest, PublishResult } from '../manifest/index.js';
import type { LanceConnection } from '../store/lance/index.js';
import { failpoint } from '../util/failpoints.js';
import { appendAudit, type RecoveryKind, type TableOutcome } from './audit.js';
import type { Sidecar } from './sidecar.js';
import type { SidecarStore, StoredSidecar } from './sidecar-store.js';
import { deleteCreatedFork, observedHead, restoreTable } from './table-heads.js';

/** The actor of commits recovery makes. */
export const RECOVERY_ACTOR = 'omnigraph:recovery';

/** What recovery needs from the open graph (it runs under the write lease). */
export interface RecoveryContext {
  readonly sidecars: SidecarStore;
  /** Branch state; `branch_not_found` when the branch is gone. */
  readonly state: (branch: string) => Promise<ManifestState>;
  readonly publish: (request: PublishRequest) => Promise<PublishResult>;
  readonly data: LanceConnection;
  /** Publishes that become roll-forwards need the original commit's pins: `publishRequestOf` from the write path. */
  readonly rollForwardRequest: (sidecar: Sidecar) => PublishRequest;
}

/** The outcome for one sidecar. `failed_closed` keeps the sidecar and blocks writes on its branch. */
export interface RecoveryOutcome {
  readonly operationId: string;
  readonly branch: string;
  readonly kind: RecoveryKind | 'failed_closed';
  readonly reason?: string;
}

/**
 * Recover every sidecar, oldest first. `onlyEpochsBelow` skips sidecars of live writers (a lease holder recovering
 * after a takeover passes its own epoch). A malformed sidecar throws (it is kept; the open fails loudly).
 */
export async function recoverAll(ctx: RecoveryContext, options: { readonly onlyEpochsBelow?: number } = {}): Promise<RecoveryOutcome[]> {
  const out: RecoveryOutcome[] = [];
  for (const stored of await ctx.sidecars.list()) {
    if (options.onlyEpochsBelow !== undefined && stored.sidecar.lease_epoch >= options.onlyEpochsBelow) continue;
    out.push(await recoverOne(ctx, stored));
  }
  return out;
}

/** Apply rules 0–5 to one sidecar. */
export async function recoverOne(ctx: RecoveryContext, stored: StoredSidecar): Promise<RecoveryOutcome> {
  const s = stored.sidecar;
  const done = (kind: RecoveryKind, reason?: string): RecoveryOutcome => ({ operationId: s.operation_id, branch: s.branch, kind, ...(reason === undefined ? {} : { reason }) });
  const state = await ctx.state(s.branch).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'branch_not_found') return null;
    throw err;
  });
  // Rule 0: the branch incarnation is gone: its effects are unreachable.
  if (state === null || state.heads.get(s.branch)?.incarnation !== s.branch_incarnation) {
    const outcomes: TableOutcome[] = [];
    for (const t of s.tables) if (await deleteCreatedFork(ctx.data, t)) outcomes.push({ table_key: t.table_key, from_version: null, to_version: null });
    await finish(ctx, s, 'orphaned_branch_discarded', s.commit_id, outcomes);
    return done('orphaned_branch_discarded');
  }
  // Rule 1: the outcome is already published.
  if (state.commits.has(s.commit_id) || state.commits.has(s.rollback_id)) {
    const kind: RecoveryKind = state.commits.has(s.commit_id) ? 'rolled_forward' : 'rolled_back';
    await finish(ctx, s, kind, kind === 'rolled_forward' ? s.commit_id : s.rollback_id, []);
    return done(kind, 'already published');
  }
  // Rule 2 is inside observedHead: a planned fork that does not exist is at its expected version.
  const heads = await Promise.all(s.tables.map((t) => observedHead(ctx.data, t)));
  // Rule 3: confirmed and every HEAD at its confirmed version: publish the original commit.
  if (s.phase === 'effects_confirmed' && s.tables.every((t, i) => heads[i] === t.confirmed_version)) {
    try {
      await ctx.publish(ctx.rollForwardRequest(s));
    } catch (err) {
      return failClosed(s, `the roll-forward publish failed: ${toOmniError(err).message}`);
    }
    await finish(ctx, s, 'rolled_forward', s.commit_id, s.tables.map((t) => ({ table_key: t.table_key, from_version: t.expected_version, to_version: t.confirmed_version })));
    return done('rolled_forward');
  }
  // Rule 4: not confirmed, and every HEAD is where a crash can leave it.
  const allowed = s.tables.every((t, i) => {
    const h = heads[i]!;
    // A fork this write created is deleted whatever it holds, so any step of its planned chain is a crash point.
    if (t.fork_created) return h >= t.expected_version && h <= t.expected_version + t.planned_commits;
    return h === t.expected_version || h === t.expected_version + t.planned_commits || (t.restore_to !== null && h === t.restore_to);
  });
  if (s.phase !== 'effects_confirmed' && allowed) return rollBack(ctx, stored, heads);
  // Rule 5: fail closed.
  return failClosed(s, `table heads ${JSON.stringify(heads)} do not match the sidecar (phase ${s.phase})`);
}

async function rollBack(ctx: RecoveryContext, stored: StoredSidecar, heads: readonly number[]): Promise<RecoveryOutcome> {
  let s = stored.sidecar;
  // Only tables on already-published lineages are restored; forks this write created are deleted instead.
  const toRestore = s.tables.map((t, i) => !t.fork_created && heads[i]! > t.expected_version);
  if (toRestore.some(Boolean) && s.phase !== 'rolling_back') {
    s = { ...s, phase: 'rolling_back', tables: s.tables.map((t, i) => (toRestore[i] && t.restore_to === null ? { ...t, restore_to: heads[i]! + 1 } : t)) };
    await ctx.sidecars.rewrite(s, stored.token);
    await failpoint('recovery.after-rolling-back-persisted');
  }
  const outcomes: TableOutcome[] = [];
  for (const [i, t] of s.tables.entries()) {
    if (toRestore[i]) {
      if (heads[i] !== t.restore_to) {
        const v = await restoreTable(ctx.data, t, t.expected_version);
        if (v !== t.restore_to) throw new OmniError('internal', `restoring ${t.table_key} made version ${v}, the sidecar planned ${t.restore_to}`);
        await failpoint('recovery.after-restore');
      }
      outcomes.push({ table_key: t.table_key, from_version: heads[i]!, to_version: t.restore_to });
    } else if (await deleteCreatedFork(ctx.data, t)) {
      outcomes.push({ table_key: t.table_key, from_version: heads[i]!, to_version: null });
    }
  }
  if (toRestore.some(Boolean)) {
    const state = await ctx.state(s.branch);
    await ctx.publish({
      branch: s.branch,
      precondition: { kind: 'current' },
      expectedPins: new Map(s.tables.filter((_, i) => toRestore[i]).map((t) => [t.table_id, { branch: t.pin_branch, version: t.pin_version }])),
      registrations: [],
      pins: s.tables
        .filter((_, i) => toRestore[i])
        .map((t) => {
          const pin = state.pins.get(t.table_id);
          if (pin === undefined) throw new OmniError('internal', `table ${t.table_key} vanished while rolling back operation ${s.operation_id}`);
          return { tableId: t.table_id, tableKey: t.table_key, branch: t.write_branch, version: t.restore_to as number, rowCount: pin.rowCount, deletedIds: [], fullRewrite: false };
        }),
      tombstones: [],
      commit: { id: s.rollback_id, actor: RECOVERY_ACTOR, createdAtMicros: s.created_at, kind: 'recovery', message: `rolled back operation ${s.operation_id}`, operationId: s.operation_id },
    });
  }
  await finish(ctx, s, 'rolled_back', s.rollback_id, outcomes);
  return { operationId: s.operation_id, branch: s.branch, kind: 'rolled_back' };
}

async function finish(ctx: RecoveryContext, s: Sidecar, kind: RecoveryKind, commitId: string, outcomes: TableOutcome[]): Promise<void> {
  await appendAudit(ctx.data, {
    operation_id: s.operation_id,
    graph_commit_id: commitId,
    recovery_kind: kind,
    recovery_for_actor: s.actor,
    sidecar_writer_kind: s.writer_kind,
    per_table_outcomes: outcomes,
    created_at: Date.now() * 1000,
  });
  await failpoint('recovery.before-sidecar-delete');
  await ctx.sidecars.retire(s.operation_id);
}

function failClosed(s: Sidecar, reason: string): RecoveryOutcome {
  return { operationId: s.operation_id, branch: s.branch, kind: 'failed_closed', reason };
}

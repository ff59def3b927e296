// The phases of one write (design §4.2) as plain async steps; the transaction actor sequences them.
import { RecoveryError, toOmniError, type OmniError } from '../../errors/index.js';
import type { ManifestState, PublishRequest, PublishResult } from '../../manifest/index.js';
import type { Sidecar } from '../../recovery/sidecar.js';
import type { SidecarStore } from '../../recovery/sidecar-store.js';
import type { LanceConnection } from '../../store/lance/index.js';
import type { VersionToken } from '../../store/object/types.js';
import { failpoint, reportPhase } from '../../util/failpoints.js';
import { applyTableWrite, type TableEffect } from './effects.js';
import { planWrite, type WritePlan } from './plan.js';
import type { WriteSet } from './write-set.js';

/** Everything a write needs from the open graph. */
export interface WriteDeps {
  readonly state: (branch: string) => Promise<ManifestState>;
  readonly publish: (request: PublishRequest) => Promise<PublishResult>;
  readonly data: LanceConnection;
  readonly sidecars: SidecarStore;
  /** The write lease: its epoch, and the self-fence checked before every effect. */
  readonly lease: { readonly epoch: () => number; readonly assertLive: () => void };
}

/** Mutable progress of one write, shared by the phases. */
export interface WriteProgress {
  plan?: WritePlan;
  token?: VersionToken;
  effects?: readonly TableEffect[];
  /** True once any fork or table commit is durable. */
  effectLanded: boolean;
}

/** Phase 0: plan under the branch gate. */
export async function preparePhase(deps: WriteDeps, ws: WriteSet, p: WriteProgress): Promise<void> {
  p.plan = await planWrite(ws, await deps.state(ws.branch), deps.data, deps.lease.epoch());
}

/** Phase A: write the sidecar (create-only). */
export async function armPhase(deps: WriteDeps, p: WriteProgress): Promise<void> {
  deps.lease.assertLive();
  p.token = await deps.sidecars.arm(p.plan!.sidecar);
  reportPhase('armed', p.plan!.sidecar.operation_id);
  await failpoint('write.after-sidecar-armed');
}

/** Phase B: forks and one commit per table, then the sidecar rewritten as effects_confirmed. */
export async function effectsPhase(deps: WriteDeps, p: WriteProgress): Promise<void> {
  const plan = p.plan!;
  const effects: TableEffect[] = [];
  for (const t of plan.tables) {
    effects.push(await applyTableWrite(deps.data, t, { assertLive: deps.lease.assertLive, effectLanded: () => (p.effectLanded = true) }));
  }
  p.effects = effects;
  const confirmed: Sidecar = {
    ...plan.sidecar,
    phase: 'effects_confirmed',
    tables: plan.sidecar.tables.map((st, i) => ({
      ...st,
      confirmed_version: effects[i]!.version,
      row_count: effects[i]!.rowCount,
    })),
  };
  deps.lease.assertLive();
  p.token = await deps.sidecars.rewrite(confirmed, p.token!);
  reportPhase('confirmed', plan.sidecar.operation_id);
  await failpoint('write.after-effects-confirmed');
}

/** Phase C: publish every pin and the commit with CAS on the expected head. */
export async function publishPhase(deps: WriteDeps, p: WriteProgress): Promise<PublishResult> {
  const plan = p.plan!;
  deps.lease.assertLive();
  const result = await deps.publish(publishRequestOf(plan, p.effects!));
  reportPhase('published', plan.sidecar.operation_id);
  return result;
}

/** Phase D: retire the sidecar; a failure only leaves a stale sidecar for the next recovery. */
export async function retirePhase(deps: WriteDeps, p: WriteProgress): Promise<void> {
  try {
    await failpoint('write.after-publish');
    await deps.sidecars.retire(p.plan!.sidecar.operation_id);
  } catch {
    // The write is durable and visible; a stale sidecar is resolved by the next recovery (rule 1).
  }
}

/** The publish of a confirmed write (also used by recovery's roll-forward). */
export function publishRequestOf(plan: Pick<WritePlan, 'sidecar'>, effects: readonly Pick<TableEffect, 'version' | 'rowCount'>[]): PublishRequest {
  const s = plan.sidecar;
  return {
    branch: s.branch,
    precondition: { kind: 'exact', head: { branch: s.branch, incarnation: s.branch_incarnation, commitId: s.expected_head } },
    expectedPins: new Map(s.tables.map((t) => [t.table_id, { branch: t.pin_branch, version: t.pin_version }])),
    registrations: [],
    pins: s.tables.map((t, i) => ({
      tableId: t.table_id,
      tableKey: t.table_key,
      branch: t.write_branch,
      version: effects[i]!.version,
      rowCount: effects[i]!.rowCount,
      deletedIds: t.deleted_ids,
      fullRewrite: t.full_rewrite,
    })),
    tombstones: [],
    commit: {
      id: s.commit_id,
      actor: s.actor,
      createdAtMicros: s.created_at,
      kind: s.writer_kind,
      message: s.message,
      operationId: s.operation_id,
      ...(s.merged_parent === null ? {} : { mergedParent: s.merged_parent }),
    },
  };
}

/**
 * What a failure becomes. Before any durable effect the empty sidecar is retired and the error stands; after one,
 * the write is `recovery_required` (its sidecar stays and the next read-write open decides).
 */
export async function settleFailure(deps: WriteDeps, p: WriteProgress, error: unknown): Promise<OmniError> {
  const e = toOmniError(error);
  const op = p.plan?.sidecar.operation_id;
  if (op === undefined || p.token === undefined) return e;
  if (!p.effectLanded) {
    await deps.sidecars.retire(op).catch(() => undefined);
    return e;
  }
  return new RecoveryError('recovery_required', `write ${op} failed after some of its effects landed (${e.message}); reopen the graph read-write to recover it`, {
    details: { recovery_required: { operation_id: op }, cause_code: e.code },
    cause: e,
  });
}

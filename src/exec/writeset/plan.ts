// Prepare a write set under the branch gate: check the head and drift, choose each table's write branch, draft the sidecar.
import { CommitConflictError, OmniError, RecoveryError } from '../../errors/index.js';
import type { ManifestState, PublishedPin } from '../../manifest/index.js';
import { SIDECAR_SCHEMA_VERSION, type Sidecar, type SidecarTable } from '../../recovery/sidecar.js';
import type { LanceConnection } from '../../store/lance/index.js';
import { newUlid } from '../../util/ids.js';
import type { TableWrite, WriteSet } from './write-set.js';

/** One table of a prepared write. */
export interface PlannedTable {
  readonly write: TableWrite;
  readonly pin: PublishedPin;
  /** Native branch the commit goes to (`null` = main lineage). */
  readonly writeBranch: string | null;
  /** True when `writeBranch` is a fork this write creates. */
  readonly forkCreated: boolean;
  /**
   * Indexes a fork of a fork inherits, dropped right after the fork is made (one commit each, before the write):
   * LanceDB looks for an inherited index in the parent branch's directory only, so they would break every read.
   */
  readonly dropIndexes: readonly string[];
}

/** A prepared write: the write set, its tables and the sidecar it arms. */
export interface WritePlan {
  readonly ws: WriteSet;
  readonly tables: readonly PlannedTable[];
  readonly sidecar: Sidecar;
}

/**
 * Check `ws` against the current state of its branch and plan it: the head must be the expected one
 * (`read_set_conflict`), every target table live (`bad_request`), and every table this graph branch already owns must
 * have HEAD == pin (drift is `conflict` with repair guidance). A table the branch does not own yet (its pin is
 * inherited) gets a fresh `f-<ULID>` fork, created in Phase B.
 */
export async function planWrite(ws: WriteSet, state: ManifestState, data: LanceConnection, leaseEpoch: number): Promise<WritePlan> {
  const head = state.heads.get(ws.branch);
  if (head === undefined) throw new OmniError('branch_not_found', `branch '${ws.branch}' not found`, { details: { branch: ws.branch } });
  if (head.incarnation !== ws.expectedHead.incarnation || head.commitId !== ws.expectedHead.commitId) {
    const member = head.incarnation !== ws.expectedHead.incarnation ? `branch_identifier:${ws.branch}` : `graph_head:${ws.branch}`;
    throw new CommitConflictError(
      'read_set_conflict',
      `write authority '${member}' changed during preparation (expected ${ws.expectedHead.commitId}, current ${head.commitId}) — reprepare from the current branch state`,
      { details: { read_set_conflict: { member, expected: ws.expectedHead.commitId, actual: head.commitId } } },
    );
  }
  const tables: PlannedTable[] = [];
  for (const write of ws.tables) {
    const pin = state.pins.get(write.tableId);
    if (pin === undefined) throw new OmniError('bad_request', `table ${write.tableKey} (${write.tableId}) is not part of branch '${ws.branch}'`, { details: { table_id: write.tableId } });
    const owned = ownsPin(pin, ws.branch, state);
    if (owned) await assertNoDrift(data, pin);
    const dropIndexes = !owned && pin.branch !== null ? await inheritedIndexes(data, pin) : [];
    tables.push({ write, pin, writeBranch: owned ? pin.branch : `f-${newUlid()}`, forkCreated: !owned, dropIndexes });
  }
  const sidecarTables: SidecarTable[] = tables.map((t) => ({
    table_id: t.write.tableId,
    table_key: t.write.tableKey,
    pin_branch: t.pin.branch,
    pin_version: t.pin.version,
    write_branch: t.writeBranch,
    fork_created: t.forkCreated,
    planned_commits: 1 + t.dropIndexes.length,
    expected_version: t.pin.version,
    confirmed_version: null,
    row_count: null,
    deleted_ids: [...t.write.deleteIds],
    full_rewrite: t.write.mode === 'overwrite',
    restore_to: null,
  }));
  const sidecar: Sidecar = {
    schema_version: SIDECAR_SCHEMA_VERSION,
    operation_id: ws.operationId,
    lease_epoch: leaseEpoch,
    writer_kind: ws.writerKind,
    actor: ws.actor,
    commit_id: ws.commitId,
    rollback_id: ws.rollbackId,
    created_at: ws.createdAtMicros,
    message: ws.message,
    merged_parent: ws.mergedParent ?? null,
    branch: ws.branch,
    branch_incarnation: head.incarnation,
    expected_head: head.commitId,
    phase: 'armed',
    tables: sidecarTables,
  };
  return { ws, tables, sidecar };
}

/**
 * True when graph branch `branch` owns the native lineage of `pin`: main owns the main lineage; another branch owns a
 * fork that one of its own commits published. Inherited pins are owned by an ancestor and are never written.
 */
export function ownsPin(pin: PublishedPin, branch: string, state: ManifestState): boolean {
  if (pin.branch === null) return branch === 'main';
  return branch !== 'main' && state.commits.get(pin.publishedBy)?.branch === branch;
}

async function assertNoDrift(data: LanceConnection, pin: PublishedPin): Promise<void> {
  const head = await data.openHead(pin.tableId, pin.branch);
  try {
    const v = await head.version();
    if (v > pin.version) {
      throw new RecoveryError('conflict', `table ${pin.tableKey} has unpublished versions (HEAD ${v}, published ${pin.version}) that no recovery sidecar owns; run omnigraph repair`, {
        details: { table_id: pin.tableId, head: v, published: pin.version, guidance: 'repair' },
      });
    }
    if (v < pin.version) throw new OmniError('internal', `table ${pin.tableKey} HEAD ${v} is behind its published version ${pin.version}`);
  } finally {
    head.close();
  }
}

/** Names of the indexes a table carries at a pin on a native data branch (what a fork made there would inherit). */
async function inheritedIndexes(data: LanceConnection, pin: PublishedPin): Promise<string[]> {
  const snap = await data.openAt(pin.tableId, { branch: pin.branch, version: pin.version });
  try {
    return (await snap.indexes()).map((i) => i.name).sort();
  } finally {
    snap.close();
  }
}

// Head slots of native manifest branches: the guarded head write, retiring interrupted creates, each branch's index.
import { toOmniError } from '../errors/index.js';
import { poisonCasCondition, type TableHandle } from '../store/lance/index.js';
import { newUlid } from '../util/ids.js';
import { nativeBranchOf } from './branch-names.js';
import type { ManifestHeads } from './manifest-heads.js';
import { manifestRowsToArrow } from './manifest-table.js';
import { abandonedHeadRow, decodeHead, isAbandonedHead } from './records.js';
import { MANIFEST_TABLE, type ManifestRow } from './rows.js';

/** The head slot of `name`'s native manifest branch: a live head, no head row, a retired slot, or no branch. */
export async function headSlot(heads: ManifestHeads, name: string): Promise<'live' | 'absent' | 'retired' | 'gone'> {
  let handle: TableHandle;
  try {
    handle = await heads.conn.openHead(MANIFEST_TABLE, nativeBranchOf(name));
  } catch (err) {
    return ignoreNotFound(err, 'gone');
  }
  try {
    const row = await heads.headRow(name, handle);
    return row === null ? 'absent' : isAbandonedHead(row) ? 'retired' : 'live';
  } catch (err) {
    return ignoreNotFound(err, 'gone');
  } finally {
    handle.close();
  }
}

/**
 * Drop every index a manifest fork inherited (readable or not) and build its own object_id index, for a branch created
 * from another branch (guard: test/guard/lance-branch-fork.test.ts).
 */
export async function replaceInheritedIndex(fork: TableHandle): Promise<void> {
  for (const i of await fork.indexes()) {
    try {
      await fork.dropIndex(i.name);
    } catch (err) {
      // A racing create of the same fork dropped it first.
      if (!isContention(err) && toOmniError(err).code !== 'not_found') throw err;
    }
  }
  await buildOwnIndex(fork);
}

/** Build the fork's own object_id index. Preempted by a racing create's build of the same index: that one serves. */
export async function buildOwnIndex(fork: TableHandle): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fork.createScalarIndex('object_id');
      return;
    } catch (err) {
      if (!isContention(err)) throw err;
      if (attempt === 2) return;
    }
  }
}

/** True for a lost CAS or a storage-level commit conflict. */
export function isContention(err: unknown): boolean {
  const code = toOmniError(err).code;
  return code === 'row_level_cas_contention' || code === 'retryable_commit_conflict';
}

/**
 * If `name`'s native branch is an interrupted create (no live head row), claim its head slot with a guarded marker —
 * so a late head insert of that create fails — then remove it. True when the name is free afterwards; false when
 * the branch is live (or became live first).
 */
export async function retireIfInterrupted(heads: ManifestHeads, name: string): Promise<boolean> {
  let handle: TableHandle;
  try {
    handle = await heads.conn.openHead(MANIFEST_TABLE, nativeBranchOf(name));
  } catch (err) {
    return ignoreNotFound(err, true);
  }
  try {
    const row = await heads.headRow(name, handle);
    if (row !== null && !isAbandonedHead(row)) return false;
    if (!(await guardedHeadWrite(handle, abandonedHeadRow(name, newUlid()), row?.head_cas ?? null))) return false;
  } catch (err) {
    return ignoreNotFound(err, true);
  } finally {
    handle.close();
  }
  heads.forget(name);
  await heads.main.deleteBranch(nativeBranchOf(name)!).catch((err: unknown) => ignoreNotFound(err, undefined));
  return true;
}

/**
 * Write a head slot with the poison CAS: insert when absent, update when its `head_cas` equals `expectedCas`, fail as
 * a whole otherwise (design §3). False when another writer holds the slot; true when this write landed.
 */
export async function guardedHeadWrite(handle: TableHandle, row: ManifestRow, expectedCas: string | null): Promise<boolean> {
  try {
    const r = await handle.mergeInsert(manifestRowsToArrow([row]), {
      on: 'object_id',
      // No real head_cas is empty, so an expected absence poisons any existing head.
      whenMatchedUpdate: { where: poisonCasCondition('head_cas', expectedCas ?? '') },
      whenNotMatchedInsert: true,
      // Through the object_id index, racing inserts of one new key all land (duplicates); a scan join makes LanceDB
      // detect the collision, re-run the loser and poison it (INV-24).
      useIndex: false,
    });
    return r.numInsertedRows + r.numUpdatedRows === 1;
  } catch (err) {
    if (isContention(err)) return false;
    throw err;
  }
}

/**
 * After a failed head write of a create: true when our head landed anyway, false when the slot or the native branch
 * went to a racing create; the original error when the slot is still empty (an interrupted create stays behind and
 * the next create of the name removes it).
 */
export async function headLandedAfter(heads: ManifestHeads, name: string, incarnation: string, err: unknown): Promise<boolean> {
  let handle: TableHandle;
  try {
    handle = await heads.conn.openHead(MANIFEST_TABLE, nativeBranchOf(name));
  } catch (e) {
    return ignoreNotFound(e, false);
  }
  try {
    const row = await heads.headRow(name, handle);
    if (row === null) throw err;
    return !isAbandonedHead(row) && decodeHead(row).incarnation === incarnation;
  } finally {
    handle.close();
  }
}

/** `value` when `err` has code `code` (default `not_found`); otherwise rethrow. */
export function ignoreNotFound<T>(err: unknown, value: T, code: string = 'not_found'): T {
  if (toOmniError(err).code === code) return value;
  throw err;
}

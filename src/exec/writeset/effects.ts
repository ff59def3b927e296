// Phase B for one table: create its fork if planned (dropping indexes a fork of a fork inherits), then one table commit.
import { OmniError } from '../../errors/index.js';
import { failpoint } from '../../util/failpoints.js';
import { rowsToArrow, type LanceConnection, type TableHandle } from '../../store/lance/index.js';
import type { PlannedTable } from './plan.js';

/** What one table's commit achieved. */
export interface TableEffect {
  readonly tableId: string;
  readonly version: number;
  readonly rowCount: number;
}

/** Hooks the protocol runs around effects: the lease fence, and a note that an effect is durable. */
export interface EffectHooks {
  /** Throws `lease_lost` when this process may no longer write (self-fencing). */
  readonly assertLive: () => void;
  /** Called once a fork or a commit is durable: from then on a failure is `recovery_required`. */
  readonly effectLanded: () => void;
}

/** SQL list of ids for a delete predicate. */
export function idList(ids: readonly string[]): string {
  return ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(', ');
}

/**
 * Apply one planned table write. A first-touch fork is created at the pin and must report the pin version; the
 * commit must land at exactly expected + 1 (anything else: `internal`, and the sidecar decides at recovery).
 */
export async function applyTableWrite(data: LanceConnection, t: PlannedTable, hooks: EffectHooks): Promise<TableEffect> {
  const expected = t.pin.version;
  let handle: TableHandle;
  if (t.forkCreated) {
    hooks.assertLive();
    const base = await data.openHead(t.pin.tableId, t.pin.branch);
    try {
      handle = await base.createBranch(t.writeBranch as string, { version: expected });
    } finally {
      base.close();
    }
    hooks.effectLanded();
    const at = await handle.version();
    if (at !== expected) throw new OmniError('internal', `fork ${t.writeBranch} of ${t.pin.tableKey} reports version ${at}, expected ${expected}`);
    await failpoint('write.after-fork');
    for (const [i, name] of t.dropIndexes.entries()) {
      hooks.assertLive();
      const dropped = await handle.dropIndex(name);
      if (dropped.version !== expected + i + 1) throw new OmniError('internal', `dropping index ${name} on fork ${t.writeBranch} made version ${dropped.version}, expected ${expected + i + 1}`);
    }
  } else {
    handle = await data.openHead(t.pin.tableId, t.writeBranch);
  }
  try {
    hooks.assertLive();
    const version = await commit(handle, t);
    hooks.effectLanded();
    const planned = expected + 1 + t.dropIndexes.length;
    if (version !== planned) {
      throw new OmniError('internal', `table ${t.pin.tableKey} committed version ${version}; the write planned exactly ${planned}`, {
        details: { table_id: t.pin.tableId, expected: planned, actual: version },
      });
    }
    const rowCount = await handle.countRows();
    await failpoint('write.after-table-commit');
    return { tableId: t.pin.tableId, version, rowCount };
  } finally {
    handle.close();
  }
}

async function commit(handle: TableHandle, t: PlannedTable): Promise<number> {
  const w = t.write;
  switch (w.mode) {
    case 'append':
      return (await handle.append(w.rows!)).version;
    case 'overwrite':
      return (await handle.overwrite(w.rows ?? (await emptyLike(handle)))).version;
    case 'index':
      return (await handle.createScalarIndex(w.indexColumn as string)).version;
    case 'upsert': {
      const rows = w.rows ?? (await emptyLike(handle));
      const r = await handle.mergeInsert(rows, {
        on: 'id',
        whenMatchedUpdate: true,
        whenNotMatchedInsert: true,
        ...(w.deleteIds.length === 0 ? {} : { whenNotMatchedBySourceDelete: { where: `id IN (${idList(w.deleteIds)})` } }),
      });
      return r.version;
    }
  }
}

async function emptyLike(handle: TableHandle) {
  return rowsToArrow(await handle.schema(), []);
}

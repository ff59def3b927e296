// What recovery observes of a table lineage: its HEAD version (a planned fork that does not exist is at `expected`).
import type { LanceConnection } from '../store/lance/index.js';
import type { SidecarTable } from './sidecar.js';

/** The HEAD of a sidecar table's write branch; rule 2: a planned fork that was never created counts as expected. */
export async function observedHead(data: LanceConnection, t: SidecarTable): Promise<number> {
  if (t.fork_created && !(await forkExists(data, t))) return t.expected_version;
  const head = await data.openHead(t.table_id, t.write_branch);
  try {
    return await head.version();
  } finally {
    head.close();
  }
}

/** True when the fork this sidecar planned exists. */
export async function forkExists(data: LanceConnection, t: SidecarTable): Promise<boolean> {
  const base = await data.openHead(t.table_id, t.pin_branch);
  try {
    return (await base.listBranches()).has(t.write_branch as string);
  } finally {
    base.close();
  }
}

/** Delete the fork a sidecar created, at whatever version it reached (absent is fine). */
export async function deleteCreatedFork(data: LanceConnection, t: SidecarTable): Promise<boolean> {
  if (!t.fork_created || !(await forkExists(data, t))) return false;
  const base = await data.openHead(t.table_id, t.pin_branch);
  try {
    await base.deleteBranch(t.write_branch as string);
    return true;
  } finally {
    base.close();
  }
}

/** Restore the write branch of `t` to `version` (checkout + restore: a new HEAD with that content); returns it. */
export async function restoreTable(data: LanceConnection, t: SidecarTable, version: number): Promise<number> {
  const head = await data.openHead(t.table_id, t.write_branch);
  try {
    return (await head.restore(version)).version;
  } finally {
    head.close();
  }
}

// Native branches of one table: list, create (name checked against the list first), delete.
import type { Table } from '@lancedb/lancedb';
import { OmniError, StoreError } from '../../errors/index.js';
import { lanceCall, type LanceErrorContext } from './classify.js';
import { assertBranchName } from './names.js';

const BRANCH_TREE_EXISTS = /Clone operation should not enter build_manifest/;

/** One native branch as LanceDB lists it. Node exposes no branch identifier (design §3: incarnations). */
export interface BranchInfo {
  readonly name: string;
  /** The branch it was forked from, `null` for main. */
  readonly parentBranch: string | null;
  /** The parent's version at the fork; the branch's versions continue from it. */
  readonly parentVersion: number;
}

/** Every native branch of `table` (main is not listed), by name. */
export async function listBranches(table: Table, context: LanceErrorContext): Promise<ReadonlyMap<string, BranchInfo>> {
  const listed = await lanceCall(async () => (await table.branches()).list(), context);
  const out = new Map<string, BranchInfo>();
  for (const [name, b] of Object.entries(listed)) {
    out.set(name, { name, parentBranch: b.parentBranch ?? null, parentVersion: b.parentVersion });
  }
  return out;
}

/**
 * Fork `name` from `fromBranch` (`null` = main) at `fromVersion` (default: its latest) and return the
 * writable handle on it. A name that is already listed is refused with `conflict` up front, because
 * LanceDB answers a sequential duplicate with an internal error. Of concurrent creates exactly one
 * wins; a loser gets `Dataset already exists` or that same internal error (when it listed before the
 * winner committed); all of these are reported as `conflict`.
 */
export async function createBranch(
  table: Table,
  name: string,
  fromBranch: string | null,
  fromVersion: number | undefined,
  context: LanceErrorContext,
): Promise<Table> {
  assertBranchName(name);
  const existing = await listBranches(table, context);
  if (existing.has(name)) {
    throw new StoreError('conflict', `branch '${name}' already exists on table '${context.table ?? '?'}'`, { details: { ...context, newBranch: name } });
  }
  try {
    return await lanceCall(async () => (await table.branches()).create(name, fromBranch ?? undefined, fromVersion), { ...context, version: fromVersion });
  } catch (err) {
    // LanceDB's internal "Clone operation should not enter build_manifest" means a dataset already lies
    // at tree/<name>: a racing create that listed before the winner committed, or the leftover tree of an
    // interrupted create (design §4.3). Either way the name is taken.
    if (err instanceof OmniError && err.code === 'internal' && BRANCH_TREE_EXISTS.test(err.message)) {
      throw new StoreError('conflict', err.message, { details: { ...err.details, newBranch: name, branchTreeExists: true }, cause: err });
    }
    throw err;
  }
}

/**
 * Delete branch `name`. Refused by LanceDB (`conflict`) while other branches were forked from it;
 * `not_found` when there is no such branch. Deleting only removes the ref and the branch's own files
 * as LanceDB decides; readers must never rely on a deleted branch.
 */
export async function deleteBranch(table: Table, name: string, context: LanceErrorContext): Promise<void> {
  assertBranchName(name);
  await lanceCall(async () => (await table.branches()).delete(name), { ...context, operation: 'deleteBranch' });
}

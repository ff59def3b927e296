// Graph branch create, delete and list on the manifest table: native forks, head rows with incarnations, fork cleanup.
import { OmniError, toOmniError } from '../errors/index.js';
import type { BranchInfo, TableHandle } from '../store/lance/index.js';
import { newUlid } from '../util/ids.js';
import { graphBranchOfNative, nativeBranchOf, parseBranchName, pathPrefixRelated } from './branch-names.js';
import { guardedHeadWrite, replaceInheritedIndex, headLandedAfter, headSlot, ignoreNotFound, retireIfInterrupted } from './head-slots.js';
import type { ManifestHeads } from './manifest-heads.js';
import { abandonedHeadRow, decodeHead, headRow, isAbandonedHead } from './records.js';
import { MAIN_BRANCH, MANIFEST_TABLE, headCas } from './rows.js';

/** One live graph branch. */
export interface GraphBranch {
  readonly name: string;
  /** Fresh at every create: a deleted and recreated branch never shares it. */
  readonly incarnation: string;
  readonly headCommitId: string;
  /** The graph branch it was created from (`null` for main). */
  readonly parent: string | null;
  /** The parent's manifest version at the fork (`null` for main). */
  readonly parentVersion: number | null;
}

/** A native branch of a data table (a lazy fork `f-<ULID>`). */
export interface DataFork {
  readonly tableId: string;
  readonly branch: string;
}

/** What a branch delete did. Fork removal is best effort: leftovers are reported, and cleanup reclaims them later. */
export interface BranchDeleteResult {
  readonly name: string;
  readonly incarnation: string;
  readonly forksDeleted: readonly DataFork[];
  readonly forksLeft: readonly (DataFork & { readonly reason: string })[];
}

/** Every live graph branch: `main` first, then the others sorted by name. Interrupted creates are never listed. */
export async function listGraphBranches(heads: ManifestHeads): Promise<GraphBranch[]> {
  const mainHead = (await heads.state(MAIN_BRANCH)).heads.get(MAIN_BRANCH);
  if (mainHead === undefined) throw new OmniError('internal', "the manifest has no head row for 'main'");
  const out: GraphBranch[] = [{ name: MAIN_BRANCH, incarnation: mainHead.incarnation, headCommitId: mainHead.commitId, parent: null, parentVersion: null }];
  for (const [name, info] of await nativeGraphBranches(heads)) {
    const row = await heads.headRow(name).catch((err: unknown) => ignoreNotFound(err, null));
    if (row === null || isAbandonedHead(row)) continue;
    const head = decodeHead(row);
    out.push({ name, incarnation: head.incarnation, headCommitId: head.commitId, parent: graphBranchOfNative(info.parentBranch), parentVersion: info.parentVersion });
  }
  return [out[0]!, ...out.slice(1).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))];
}

/**
 * Create graph branch `name` from branch `from` (design §4.3): fork the manifest at the source's current version
 * (read here, explicit to the fork) — adopting a headless leftover of the same name that forked exactly that version,
 * removing any other leftover first — build the fork's own index, then insert `graph_head:<name>` with a fresh
 * incarnation and the inherited head commit through a guarded merge, so of racing creates exactly one wins. Data
 * tables are not forked: their pins are inherited. Records no commit.
 * `conflict` when the name exists (or is being created), or is a `/`-path ancestor or descendant of a live branch;
 * `branch_not_found` for an unknown source; `bad_request` for a bad or reserved name.
 */
export async function createGraphBranch(heads: ManifestHeads, rawName: string, rawFrom: string): Promise<GraphBranch> {
  const name = parseBranchName(rawName);
  if (name === MAIN_BRANCH) throw new OmniError('bad_request', "cannot create branch 'main'", { details: { branch: name } });
  const from = parseBranchName(rawFrom);
  const source = await heads.state(from);
  const sourceHead = source.heads.get(from)!;
  const native = nativeBranchOf(name)!;
  const natives = await nativeGraphBranches(heads);
  for (const [other] of natives) {
    if (other === name || !pathPrefixRelated(other, name)) continue;
    if (!(await retireIfInterrupted(heads, other))) {
      throw new OmniError('conflict', `branch '${name}' shares its physical Lance path with branch '${other}'`, { details: { branch: name, other } });
    }
  }
  const fork = await forkFor(heads, name, from, source.manifestVersion, natives.get(name));
  const head = { branch: name, incarnation: newUlid(), commitId: sourceHead.commitId };
  try {
    // LanceDB resolves an inherited index in the parent branch's directory only: a branch created from main reads
    // main's object_id index, but one created from another branch would look for its parent's inherited index in
    // that parent's directory and fail. So a branch created from a branch replaces what it inherited with its own.
    if (from !== MAIN_BRANCH) await replaceInheritedIndex(fork);
    const won = await guardedHeadWrite(fork, headRow(head), null).catch((err: unknown) => headLandedAfter(heads, name, head.incarnation, err));
    if (!won) throw new OmniError('conflict', `branch '${name}' was created concurrently`, { details: { branch: name } });
    // Keep only a fork of exactly our source version (a racing create from another version may have replaced it).
    const info = (await heads.main.listBranches()).get(native);
    if (info?.parentBranch !== nativeBranchOf(from) || info.parentVersion !== source.manifestVersion) {
      await guardedHeadWrite(fork, abandonedHeadRow(name, newUlid()), headCas(head.incarnation, head.commitId));
      throw new OmniError('conflict', `branch '${name}' was replaced by a concurrent create`, { details: { branch: name } });
    }
  } finally {
    fork.close();
  }
  heads.forget(name);
  return { name, incarnation: head.incarnation, headCommitId: head.commitId, parent: from, parentVersion: source.manifestVersion };
}

/**
 * The headless native manifest branch a create writes its head into: a new fork of `from` at `version`, or — when an
 * interrupted (or concurrent) create of the same name already forked exactly that source version — that fork,
 * adopted without removing anything (removing a tree another process still writes would corrupt it). A leftover of
 * another source version, or one already retired, is removed first. `conflict` when the name is live.
 */
async function forkFor(heads: ManifestHeads, name: string, from: string, version: number, existing: BranchInfo | undefined): Promise<TableHandle> {
  const native = nativeBranchOf(name)!;
  const exists = (): OmniError => new OmniError('conflict', `branch '${name}' already exists`, { details: { branch: name } });
  let found = existing;
  for (let attempt = 0; attempt < 2; attempt++) {
    if (found !== undefined) {
      const slot = await headSlot(heads, name);
      if (slot === 'live') throw exists();
      if (slot === 'absent' && found.parentBranch === nativeBranchOf(from) && found.parentVersion === version) {
        return heads.conn.openHead(MANIFEST_TABLE, native);
      }
      if (slot !== 'gone' && !(await retireIfInterrupted(heads, name))) throw exists();
    }
    try {
      return await (await heads.handle(from)).createBranch(native, { version });
    } catch (err) {
      if (toOmniError(err).code !== 'conflict') throw err;
      found = (await heads.main.listBranches()).get(native);
      if (found === undefined) {
        // A tree without a ref: a racing create between its two native steps, or the residue of one interrupted
        // there; only a removal of that tree (repair) frees the name.
        throw new OmniError('conflict', `branch '${name}' is being created, or an interrupted create left its manifest tree behind`, { cause: err, details: { branch: name } });
      }
    }
  }
  throw new OmniError('conflict', `branch '${name}' is being created concurrently`, { details: { branch: name } });
}

/**
 * Delete graph branch `name`: refuses `main` (`bad_request`), an unknown branch (`branch_not_found`), and a branch
 * that a live branch was created from or whose forks another branch's live pins use (`conflict`). Removes the native
 * manifest branch first (the logical deletion point; the branch's own commit rows go with it), then, best effort,
 * the data forks its manifest names that no other branch's manifest names. Records no commit.
 */
export async function deleteGraphBranch(heads: ManifestHeads, rawName: string): Promise<BranchDeleteResult> {
  const name = parseBranchName(rawName);
  if (name === MAIN_BRANCH) throw new OmniError('bad_request', "cannot delete branch 'main'", { details: { branch: name } });
  const state = await heads.state(name);
  const incarnation = state.heads.get(name)!.incarnation;
  const native = nativeBranchOf(name)!;
  const natives = await nativeGraphBranches(heads);
  for (const [child, info] of natives) {
    if (info.parentBranch !== native) continue;
    if (!(await retireIfInterrupted(heads, child))) {
      throw new OmniError('conflict', `descendant branch '${child}' still depends on branch '${name}'; delete it first`, { details: { branch: name, descendant: child } });
    }
  }
  // The forks this branch's own writes made; inherited ones belong to an ancestor.
  const owned = new Map<string, DataFork>();
  for (const [tableId, forks] of state.dataForks) {
    for (const [branch, owner] of forks) if (owner === name && branch.startsWith('f-')) owned.set(forkKey(tableId, branch), { tableId, branch });
  }
  const shared = new Set<string>();
  for (const other of [MAIN_BRANCH, ...natives.keys()]) {
    if (other === name) continue;
    const s = await heads.state(other).catch((err: unknown) => ignoreNotFound(err, null, 'branch_not_found'));
    if (s === null) continue;
    for (const pin of s.pins.values()) {
      if (pin.branch !== null && owned.has(forkKey(pin.tableId, pin.branch))) {
        throw new OmniError('conflict', `branch '${other}' still depends on branch '${name}' (it reads table ${pin.tableKey} from fork ${pin.branch})`, {
          details: { branch: name, dependent: other, table_id: pin.tableId, fork: pin.branch },
        });
      }
    }
    for (const [tableId, forks] of s.dataForks) for (const branch of forks.keys()) shared.add(forkKey(tableId, branch));
  }
  try {
    await heads.main.deleteBranch(native);
  } catch (err) {
    // After an ambiguous failure the listing decides: no ref means the delete landed.
    if ((await heads.main.listBranches()).has(native)) throw err;
  }
  heads.forget(name);
  const forksDeleted: DataFork[] = [];
  const forksLeft: (DataFork & { reason: string })[] = [];
  for (const [key, fork] of owned) {
    if (shared.has(key)) continue;
    try {
      await deleteDataFork(heads, fork);
      forksDeleted.push(fork);
    } catch (err) {
      forksLeft.push({ ...fork, reason: toOmniError(err).message });
    }
  }
  return { name, incarnation, forksDeleted, forksLeft };
}

/**
 * Remove every interrupted create (a native graph branch without a live head row) and return their names. Meant
 * for a read-write open that holds the write lease (design §4.3); creates already remove their own name's leftover.
 */
export async function removeInterruptedCreates(heads: ManifestHeads): Promise<string[]> {
  const removed: string[] = [];
  for (const [name] of await nativeGraphBranches(heads)) {
    const row = await heads.headRow(name).catch((err: unknown) => ignoreNotFound(err, null));
    if ((row === null || isAbandonedHead(row)) && (await retireIfInterrupted(heads, name))) removed.push(name);
  }
  return removed;
}

/** Native branches of the manifest table that carry graph branch names (live or interrupted), by graph name. */
async function nativeGraphBranches(heads: ManifestHeads): Promise<Map<string, BranchInfo>> {
  const out = new Map<string, BranchInfo>();
  for (const [native, info] of await heads.main.listBranches()) {
    const name = graphBranchOfNative(native);
    if (name !== null && name !== MAIN_BRANCH) out.set(name, info);
  }
  return out;
}

async function deleteDataFork(heads: ManifestHeads, fork: DataFork): Promise<void> {
  let table: TableHandle;
  try {
    table = await heads.conn.openHead(fork.tableId);
  } catch (err) {
    return ignoreNotFound(err, undefined);
  }
  try {
    await table.deleteBranch(fork.branch).catch((err: unknown) => ignoreNotFound(err, undefined));
  } finally {
    table.close();
  }
}

function forkKey(tableId: string, branch: string): string {
  return `${tableId}\u0000${branch}`;
}


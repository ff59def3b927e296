// One commit's change block: its cause, and its entity changes against its first parent in the frozen order.
import type { EdgeType, NodeType } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import type { CommitRecord, ManifestState } from '../../manifest/index.js';
import { CHANGE_OPS, type ChangeOp, type EntityKind, type NormalizedFilter } from './change-filter.js';
import { byCodeUnits, diffStates, type DiffSide, type ForkCache } from './diff-tables.js';
import { imageOf, type EntityImage } from './images.js';
import { commitState } from '../delta/commit-state.js';
import type { HistoryHost } from '../delta/history-host.js';

/** What the change surfaces need from the engine. */
export interface ChangeHost extends HistoryHost {
  /** A commit by id on any live branch (`commit_not_found`). */
  commit(id: string): Promise<CommitRecord>;
}

/** Why a block exists: the commit, its parents, where and by whom it was authored (µs). Absent optionals are omitted. */
export interface ChangeCause {
  readonly graph_commit_id: string;
  readonly parent_commit_id?: string;
  readonly merged_parent_commit_id?: string;
  readonly authored_branch: string;
  readonly actor_id?: string;
  readonly authored_at: number;
}

/** One entity change of a commit: insert has only `after`, update both, delete only `before`. */
export interface CommitChange {
  readonly kind: EntityKind;
  /** `id` is opaque and rename-stable (`<stable table id>.<incarnation>`). */
  readonly type: { readonly id: string; readonly name: string };
  readonly id: string;
  readonly op: ChangeOp;
  readonly before?: EntityImage;
  readonly after?: EntityImage;
}

/** A commit's changes with their cause. */
export interface ChangeBlock {
  readonly cause: ChangeCause;
  readonly changes: readonly CommitChange[];
}

/** States of commits already read in one call, by commit id. */
export type StateCache = Map<string, Promise<DiffSide>>;

/** The cause of `c`. */
export function causeOf(c: CommitRecord): ChangeCause {
  const [parent, merged] = c.parents;
  return {
    graph_commit_id: c.id,
    ...(parent === undefined ? {} : { parent_commit_id: parent }),
    ...(merged === undefined ? {} : { merged_parent_commit_id: merged }),
    authored_branch: c.branch,
    ...(c.actor === null ? {} : { actor_id: c.actor }),
    authored_at: c.createdAtMicros,
  };
}

/** The genesis commit of the graph a state belongs to (every branch inherits it): the graph's stable identity. */
export function genesisIdOf(state: ManifestState): string {
  let best: CommitRecord | undefined;
  for (const c of state.commits.values()) {
    if (c.parents.length > 0) continue;
    if (best === undefined || c.manifestVersion < best.manifestVersion || (c.manifestVersion === best.manifestVersion && c.id < best.id)) best = c;
  }
  if (best === undefined) throw new OmniError('internal', 'the manifest holds no genesis commit');
  return best.id;
}

/**
 * The state and snapshot `commit` published: read on its authored branch, or (when that branch is gone or was
 * recreated) on one of `alsoOn` that inherited it; checked by the head the state names. `conflict` when no live
 * branch still holds it — a branch deleted or recreated while reading fails closed.
 */
export function commitSide(host: ChangeHost, commit: CommitRecord, alsoOn: readonly string[], cache: StateCache = new Map()): Promise<DiffSide> {
  let side = cache.get(commit.id);
  if (side === undefined) {
    side = readCommitSide(host, commit, alsoOn);
    cache.set(commit.id, side);
    side.catch(() => cache.delete(commit.id));
  }
  return side;
}

async function readCommitSide(host: ChangeHost, commit: CommitRecord, alsoOn: readonly string[]): Promise<DiffSide> {
  const found = await commitState(host, commit, alsoOn);
  if (found !== null) return { state: found.state, snap: host.snapshotOf(found.branch, found.state) };
  throw new OmniError('conflict', `commit '${commit.id}' can no longer be read: its branch was deleted or recreated while reading; read again`, {
    details: { graph_commit_id: commit.id, branch: commit.branch },
  });
}

/**
 * The changes of `commit` against `parent` (null = against an empty graph, for genesis in the feed), filtered,
 * in the frozen order: nodes before edges, then type id, then entity id, then op rank.
 */
export async function commitChangesOf(
  host: ChangeHost,
  commit: CommitRecord,
  parent: CommitRecord | null,
  filter: NormalizedFilter,
  alsoOn: readonly string[],
  caches: { readonly states?: StateCache; readonly forks?: ForkCache } = {},
): Promise<CommitChange[]> {
  const states: StateCache = caches.states ?? new Map();
  const from = parent === null ? null : await commitSide(host, parent, alsoOn, states);
  const to = await commitSide(host, commit, alsoOn, states);
  const deltas = await diffStates(host.catalog, from, to, filter, caches.forks).catch((err: unknown) => {
    if (!(err instanceof OmniError) || err.code !== 'change_schema_boundary') throw err;
    throw new OmniError(err.code, err.message, { cause: err, details: { ...err.details, graph_commit_id: commit.id } });
  });
  const changes = deltas.map(
    (d): CommitChange & { readonly rank: readonly number[] } => ({
      kind: d.type.kind,
      type: { id: typeIdOf(d.type), name: d.type.name },
      id: d.id,
      op: d.op,
      ...(d.before === undefined ? {} : { before: imageOf(d.type, d.before) }),
      ...(d.after === undefined ? {} : { after: imageOf(d.type, d.after) }),
      rank: [d.type.kind === 'node' ? 0 : 1, d.type.table.identity.stableTableId, d.type.table.identity.tableIncarnationId],
    }),
  );
  changes.sort((x, y) => compareRanks(x.rank, y.rank) || byCodeUnits(x.id, y.id) || CHANGE_OPS.indexOf(x.op) - CHANGE_OPS.indexOf(y.op));
  return changes.map(({ rank: _rank, ...c }) => c);
}

/** The opaque, rename-stable id of a type's table lifetime. */
export function typeIdOf(type: NodeType | EdgeType): string {
  return `${type.table.identity.stableTableId}.${type.table.identity.tableIncarnationId}`;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

// The publish request, its pre-write checks against the current state, and the rows one publish writes.
import { CommitConflictError, OmniError } from '../errors/index.js';
import type { ManifestState } from './fold.js';
import { commitRow, headRow, pinRow, registrationRow, tombstoneRow, type HeadRecord, type TablePin, type TableRegistration } from './records.js';
import type { ManifestRow } from './rows.js';

/** What the publisher must find before it writes. */
export type HeadPrecondition =
  /** The exact head (incarnation and commit) the write was prepared against: a moved head is `read_set_conflict`. */
  | { readonly kind: 'exact'; readonly head: HeadRecord }
  /** Whatever head is current (recovery's rollback commits): the commit is parented on it, and a lost race retries. */
  | { readonly kind: 'current' };

/** The commit a publish records. Its id and time are minted before any effect and stable across retries. */
export interface CommitIntent {
  readonly id: string;
  readonly actor: string | null;
  readonly createdAtMicros: number;
  readonly kind: string;
  readonly message: string | null;
  readonly operationId: string | null;
  /** Second parent (merges). */
  readonly mergedParent?: string;
}

/** One atomic publish to one graph branch. */
export interface PublishRequest {
  readonly branch: string;
  readonly precondition: HeadPrecondition;
  /** Per touched table: the pin the write was prepared against (`null`: the table must not be live yet). */
  readonly expectedPins: ReadonlyMap<string, { readonly branch: string | null; readonly version: number } | null>;
  readonly registrations: readonly TableRegistration[];
  readonly pins: readonly TablePin[];
  readonly tombstones: readonly { readonly tableId: string; readonly tableKey: string }[];
  readonly commit: CommitIntent;
}

/** A landed publish. */
export interface PublishResult {
  readonly commitId: string;
  readonly manifestVersion: number;
  readonly parents: readonly string[];
  /** True when the commit was found already published (a retry after an ambiguous failure, or a roll-forward). */
  readonly alreadyPublished: boolean;
}

/** The head a publish must CAS against, checked against `state`; throws the classified conflict. */
export function checkPreconditions(state: ManifestState, req: PublishRequest): HeadRecord {
  const current = state.heads.get(req.branch);
  if (current === undefined) throw readSetConflict(`branch_identifier:${req.branch}`, req.precondition.kind === 'exact' ? req.precondition.head.incarnation : null, null);
  if (req.precondition.kind === 'exact') {
    const want = req.precondition.head;
    if (current.incarnation !== want.incarnation) throw readSetConflict(`branch_identifier:${req.branch}`, want.incarnation, current.incarnation);
    if (current.commitId !== want.commitId) throw readSetConflict(`graph_head:${req.branch}`, want.commitId, current.commitId);
  }
  for (const [tableId, want] of req.expectedPins) {
    const have = state.pins.get(tableId) ?? null;
    const same = want === null ? have === null : have !== null && have.branch === want.branch && have.version === want.version;
    if (!same) {
      const show = (p: { branch: string | null; version: number } | null): string => (p === null ? '<absent>' : `${p.branch ?? 'main'}@${p.version}`);
      throw new CommitConflictError(
        'published_dataset_version_conflict',
        `stale view of table ${tableId}: expected published version ${show(want)} but current is ${show(have)} — refresh and retry`,
        { details: { published_dataset_version_conflict: { table_id: tableId, expected: want, actual: have === null ? null : { branch: have.branch, version: have.version } } } },
      );
    }
  }
  return current;
}

/** The rows of one publish: the rewritten head first, then insert-only registrations, pins, tombstones and the commit. */
export function publishRows(req: PublishRequest, head: HeadRecord, state: ManifestState): { rows: ManifestRow[]; parents: string[] } {
  const live = new Set([...state.pins.keys(), ...req.registrations.map((r) => r.tableId)]);
  const seen = new Set<string>();
  for (const pin of req.pins) {
    if (seen.has(pin.tableId)) throw new OmniError('internal', `publish pins table ${pin.tableId} twice`);
    seen.add(pin.tableId);
    if (!live.has(pin.tableId)) {
      // A pin needs a live table or a registration in this publish.
      throw new OmniError('internal', `publish pins unregistered table ${pin.tableId}`);
    }
  }
  const parents = [head.commitId, ...(req.commit.mergedParent === undefined ? [] : [req.commit.mergedParent])];
  const rows: ManifestRow[] = [
    headRow({ branch: req.branch, incarnation: head.incarnation, commitId: req.commit.id }),
    ...req.registrations.map(registrationRow),
    ...req.pins.map((p) => pinRow(p, req.commit.id)),
    ...req.tombstones.map((t) => tombstoneRow(t.tableId, t.tableKey, req.commit.id)),
    commitRow({ ...req.commit, branch: req.branch, parents }),
  ];
  return { rows, parents };
}

function readSetConflict(member: string, expected: string | null, actual: string | null): CommitConflictError {
  return new CommitConflictError(
    'read_set_conflict',
    `write authority '${member}' changed during preparation (expected ${expected ?? '<absent>'}, current ${actual ?? '<absent>'}) — reprepare from the current branch state`,
    { details: { read_set_conflict: { member, expected, actual } } },
  );
}

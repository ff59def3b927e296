// Recovery sidecars (design §4.2): the durable intent of one write, its JSON codec and its validation.
import { OmniError } from '../errors/index.js';

/** The sidecar format this build writes; newer ones are refused, never guessed at. */
export const SIDECAR_SCHEMA_VERSION = 1;

/** The ObjectStore folder of sidecars. */
export const SIDECAR_PREFIX = '__recovery/';

/** Where a write is in its lifecycle. */
export type SidecarPhase = 'armed' | 'effects_confirmed' | 'rolling_back';

/** One table the write touches. */
export interface SidecarTable {
  readonly table_id: string;
  readonly table_key: string;
  /** The published pin at prepare time: its native branch (null = main lineage) and version. */
  readonly pin_branch: string | null;
  readonly pin_version: number;
  /** Where the write commits: the pin's branch when this graph branch owns it, else a new `f-<ULID>` fork. */
  readonly write_branch: string | null;
  /** True when `write_branch` is a fork this write creates (first touch on this graph branch). */
  readonly fork_created: boolean;
  readonly planned_commits: number;
  /** The version HEAD must have before the write (the pin; a fresh fork reports its fork version). */
  readonly expected_version: number;
  /** Set at confirmation. */
  readonly confirmed_version: number | null;
  readonly row_count: number | null;
  readonly deleted_ids: readonly string[];
  readonly full_rewrite: boolean;
  /** Set before a roll-back restores the table: the version the restore creates. */
  readonly restore_to: number | null;
}

/** The whole sidecar. */
export interface Sidecar {
  readonly schema_version: number;
  readonly operation_id: string;
  readonly lease_epoch: number;
  readonly writer_kind: string;
  readonly actor: string | null;
  readonly commit_id: string;
  readonly rollback_id: string;
  readonly created_at: number;
  readonly message: string | null;
  readonly merged_parent: string | null;
  readonly branch: string;
  readonly branch_incarnation: string;
  readonly expected_head: string;
  readonly phase: SidecarPhase;
  readonly tables: readonly SidecarTable[];
}

/** The object key of an operation's sidecar. */
export function sidecarKey(operationId: string): string {
  return `${SIDECAR_PREFIX}${operationId}.json`;
}

/** Encode a sidecar as pretty JSON bytes. */
export function encodeSidecar(s: Sidecar): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(s, null, 2)}\n`);
}

/**
 * Decode and validate a sidecar. A malformed one is `internal` (kept for inspection, never guessed at); a newer
 * schema version is `format_unsupported`.
 */
export function decodeSidecar(key: string, bytes: Uint8Array): Sidecar {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw corrupt(key, 'it is not JSON', cause);
  }
  const o = v as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) throw corrupt(key, 'it is not an object');
  if (typeof o['schema_version'] !== 'number') throw corrupt(key, 'schema_version is missing');
  if (o['schema_version'] > SIDECAR_SCHEMA_VERSION) {
    throw new OmniError('format_unsupported', `recovery sidecar ${key} has schema version ${o['schema_version']}, newer than this omnigraph reads (${SIDECAR_SCHEMA_VERSION}): upgrade omnigraph first`, {
      details: { key },
    });
  }
  const str = (k: string): void => {
    if (typeof o[k] !== 'string') throw corrupt(key, `${k} is not a string`);
  };
  for (const k of ['operation_id', 'writer_kind', 'commit_id', 'rollback_id', 'branch', 'branch_incarnation', 'expected_head']) str(k);
  if (!['armed', 'effects_confirmed', 'rolling_back'].includes(o['phase'] as string)) throw corrupt(key, `phase is ${JSON.stringify(o['phase'])}`);
  if (typeof o['lease_epoch'] !== 'number' || typeof o['created_at'] !== 'number') throw corrupt(key, 'lease_epoch or created_at is not a number');
  if (!Array.isArray(o['tables']) || o['tables'].length === 0) throw corrupt(key, 'tables is missing or empty');
  for (const t of o['tables'] as Record<string, unknown>[]) {
    if (typeof t['table_id'] !== 'string' || typeof t['expected_version'] !== 'number' || typeof t['planned_commits'] !== 'number' || typeof t['fork_created'] !== 'boolean') {
      throw corrupt(key, 'a table entry lacks table_id, expected_version, planned_commits or fork_created');
    }
  }
  if (sidecarKey(o['operation_id'] as string) !== key) throw corrupt(key, `it names operation ${String(o['operation_id'])}`);
  return v as Sidecar;
}

function corrupt(key: string, why: string, cause?: unknown): OmniError {
  return new OmniError('internal', `recovery sidecar ${key} is corrupt (${why}); it is kept for inspection and the graph refuses writes until it is resolved`, {
    details: { key },
    cause,
  });
}

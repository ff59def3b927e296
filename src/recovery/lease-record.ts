// The `__lease.json` record: its fields, a strict decoder (a malformed lease fails loudly) and the encoder.
import { OmniError } from '../errors/index.js';

/** The object key of the graph write lease, relative to the graph root. */
export const LEASE_KEY = '__lease.json';

/** `held` while a process owns the lease; `released` after it let go (the object is never deleted). */
export type LeaseRecordState = 'held' | 'released';

/** The stored lease. Field names are the JSON names. */
export interface LeaseRecord {
  /** ULID minted by the holder when it acquired; unique per acquisition. */
  readonly owner: string;
  readonly host: string;
  /** Linux `/proc/sys/kernel/random/boot_id`, else a stable stand-in. */
  readonly boot_id: string;
  readonly pid: number;
  /** Linux `readlink /proc/self/ns/pid` (`pid:[…]`), else `null`. */
  readonly pid_namespace: string | null;
  /** 1 for the first holder, + 1 for every later acquisition (re-acquire or takeover). */
  readonly epoch: number;
  readonly state: LeaseRecordState;
  /**
   * The holder's time-to-live: a taker waits at least this long (on its own clock) with the same token before it takes
   * over, so a taker with a shorter TTL never cuts a holder short.
   */
  readonly ttl_ms: number;
  /** Wall-clock ISO time of the last write; informational only (expiry never compares clocks across hosts). */
  readonly renewed_at: string;
}

const ULID_RE = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const FIELDS = ['owner', 'host', 'boot_id', 'pid', 'pid_namespace', 'epoch', 'state', 'ttl_ms', 'renewed_at'] as const;

/** The bytes stored for `record`: JSON with the fields in a fixed order and a trailing newline. */
export function encodeLeaseRecord(record: LeaseRecord): Uint8Array {
  const ordered: Record<string, unknown> = {};
  for (const f of FIELDS) ordered[f] = record[f];
  return new TextEncoder().encode(`${JSON.stringify(ordered)}\n`);
}

/**
 * Decode and validate a stored lease. Anything malformed throws `internal` naming the key: a lease we cannot read
 * is never silently overwritten. Unknown extra fields are ignored (a newer writer may add some).
 * @example
 * const record = decodeLeaseRecord(got.body, '__lease.json', store.uri);
 */
export function decodeLeaseRecord(body: Uint8Array, key: string, uri: string): LeaseRecord {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    throw malformed(key, uri, `not UTF-8 JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed(key, uri, 'not a JSON object');
  const v = value as Record<string, unknown>;
  const problem = fieldProblem(v);
  if (problem !== null) throw malformed(key, uri, problem);
  return Object.freeze({
    owner: v['owner'] as string,
    host: v['host'] as string,
    boot_id: v['boot_id'] as string,
    pid: v['pid'] as number,
    pid_namespace: v['pid_namespace'] as string | null,
    epoch: v['epoch'] as number,
    state: v['state'] as LeaseRecordState,
    ttl_ms: v['ttl_ms'] as number,
    renewed_at: v['renewed_at'] as string,
  });
}

function fieldProblem(v: Record<string, unknown>): string | null {
  if (typeof v['owner'] !== 'string' || !ULID_RE.test(v['owner'])) return `'owner' must be a ULID, got ${show(v['owner'])}`;
  if (typeof v['host'] !== 'string' || v['host'] === '') return `'host' must be a non-empty string, got ${show(v['host'])}`;
  if (typeof v['boot_id'] !== 'string' || v['boot_id'] === '') return `'boot_id' must be a non-empty string, got ${show(v['boot_id'])}`;
  if (!isPositiveInt(v['pid'])) return `'pid' must be a positive integer, got ${show(v['pid'])}`;
  const ns = v['pid_namespace'];
  if (ns !== null && (typeof ns !== 'string' || ns === '')) return `'pid_namespace' must be a non-empty string or null, got ${show(ns)}`;
  if (!isPositiveInt(v['epoch'])) return `'epoch' must be a positive integer, got ${show(v['epoch'])}`;
  if (v['state'] !== 'held' && v['state'] !== 'released') return `'state' must be 'held' or 'released', got ${show(v['state'])}`;
  if (!isPositiveInt(v['ttl_ms'])) return `'ttl_ms' must be a positive integer, got ${show(v['ttl_ms'])}`;
  if (typeof v['renewed_at'] !== 'string') return `'renewed_at' must be a string, got ${show(v['renewed_at'])}`;
  return null;
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
}

function show(x: unknown): string {
  return x === undefined ? 'nothing' : JSON.stringify(x);
}

function malformed(key: string, uri: string, problem: string): OmniError {
  return new OmniError(
    'internal',
    `lease object '${key}' under ${uri} is malformed: ${problem}; it is left as it is — inspect it, and delete it only once no process writes to this graph`,
    { details: { key, uri, problem } },
  );
}

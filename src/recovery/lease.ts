// The graph write lease (design §4.1): acquire, wait in line, take over an expired or dead holder — all by CAS.
import { OmniError, RecoveryError } from '../errors/index.js';
import type { ConditionalPutResult, ObjectStore, VersionToken } from '../store/object/types.js';
import { failpoint } from '../util/failpoints.js';
import { newUlid } from '../util/ids.js';
import { sleepOn, systemClock, type Clock } from './lease-clock.js';
import { startLeaseHandle, type LeaseAcquisition, type LeaseHandle, type LeaseLostReason } from './lease-handle.js';
import { isPidGone, localLeaseIdentity, sameProcessSpace, type LeaseIdentity } from './lease-identity.js';
import { decodeLeaseRecord, encodeLeaseRecord, LEASE_KEY, type LeaseRecord } from './lease-record.js';

export type { LeaseAcquisition, LeaseHandle, LeaseLostReason, LeaseReleaseResult, LeaseState } from './lease-handle.js';
export { LEASE_KEY, type LeaseRecord } from './lease-record.js';
export { createManualClock, systemClock, type CancelTimer, type Clock, type ManualClock } from './lease-clock.js';

/** Options of `acquireLease`. */
export interface AcquireLeaseOptions {
  /** Time-to-live in ms: the holder renews every ttlMs/3; a taker waits ttlMs of unchanged token before taking over. */
  readonly ttlMs: number;
  /** How long to wait for another holder before `lease_timeout` (0: one attempt). */
  readonly waitMs: number;
  /** Self-fencing margin: `assertLive()` fails from lastRenewStart + ttlMs − marginMs. Default ttlMs/4; below 2·ttlMs/3. */
  readonly marginMs?: number;
  /** Poll interval while waiting. Default ttlMs/10, clamped to 50..1000 ms. */
  readonly pollMs?: number;
  /** Monotonic clock and timers (default `systemClock`). */
  readonly clock?: Clock;
  /** The lease key (default `__lease.json`). */
  readonly key?: string;
  /** Called after every look that found the lease held by someone else. */
  readonly onWait?: (wait: LeaseWait) => void;
  /** Called once when the acquired lease is lost. */
  readonly onLost?: (reason: LeaseLostReason) => void;
}

/** What a waiter knows about the holder it waits for. */
export interface LeaseWait {
  readonly holder: LeaseRecord;
  /** Time spent waiting so far (this process's clock). */
  readonly waitedMs: number;
  /** How long the holder's version token has stayed unchanged, as observed here. */
  readonly unchangedMs: number;
  /** How long it must stay unchanged before this process takes over. */
  readonly takeoverAfterMs: number;
}

/** The stored lease and its token, or `null` when there is none. */
export interface StoredLease {
  readonly record: LeaseRecord;
  readonly token: VersionToken;
}

type Attempt = { readonly kind: 'acquired'; readonly handle: LeaseHandle } | { readonly kind: 'contended' } | ({ readonly kind: 'held' } & Omit<LeaseWait, 'waitedMs'>);

interface Ctx {
  readonly store: ObjectStore;
  readonly key: string;
  readonly clock: Clock;
  readonly ttlMs: number;
  readonly marginMs: number;
  readonly me: LeaseIdentity;
  readonly owner: string;
  readonly started: number;
  readonly local: boolean;
  readonly onLost: ((reason: LeaseLostReason) => void) | undefined;
  /** The holder's token and when (end of the read) this process first saw it. */
  seen: { readonly token: VersionToken; readonly since: number } | null;
}

/**
 * Acquire the graph write lease of `store`, waiting up to `waitMs` for the current holder. A free or released lease is
 * taken at once; a held one is taken over when its token stays unchanged for a full TTL on this process's clock, or
 * at once on file:// when the holder ran on this machine, boot and pid namespace and its pid is gone. Every write is
 * conditional, and every acquisition bumps the epoch. Throws `lease_timeout` naming the holder when the wait is over,
 * and `internal` when the stored lease is malformed.
 * @example
 * const lease = await acquireLease(store, { ttlMs: 30_000, waitMs: 60_000, onWait: (w) => log(w.holder.pid) });
 * try {
 *   lease.assertLive(); // before every sidecar write, fork, table commit and publish
 * } finally {
 *   await lease.release();
 * }
 */
export async function acquireLease(store: ObjectStore, options: AcquireLeaseOptions): Promise<LeaseHandle> {
  const { ttlMs, waitMs } = options;
  const marginMs = options.marginMs ?? ttlMs / 4;
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) throw new OmniError('bad_request', `lease ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
  if (!(waitMs >= 0)) throw new OmniError('bad_request', `lease waitMs must be 0 or more milliseconds, got ${waitMs}`);
  if (!(marginMs >= 0 && marginMs < (2 * ttlMs) / 3)) throw new OmniError('bad_request', `lease marginMs must be in [0, 2·ttlMs/3), got ${marginMs} for ttlMs ${ttlMs}`);
  const pollMs = options.pollMs ?? Math.min(1000, Math.max(50, ttlMs / 10));
  const clock = options.clock ?? systemClock;
  const ctx: Ctx = {
    store,
    key: options.key ?? LEASE_KEY,
    clock,
    ttlMs,
    marginMs,
    me: await localLeaseIdentity(),
    owner: newUlid(),
    started: clock.now(),
    local: store.uri.startsWith('file:'),
    onLost: options.onLost,
    seen: null,
  };
  for (let contended = 0; ; ) {
    const attempt = await attemptOnce(ctx);
    if (attempt.kind === 'acquired') return afterAcquire(attempt.handle);
    if (attempt.kind === 'contended') {
      // Someone else's conditional write won between our read and our write: look again at once, a few times.
      if (++contended < 10) continue;
      contended = 0;
      await sleepOn(clock, pollMs);
      continue;
    }
    contended = 0;
    const waitedMs = clock.now() - ctx.started;
    options.onWait?.({ holder: attempt.holder, waitedMs, unchangedMs: attempt.unchangedMs, takeoverAfterMs: attempt.takeoverAfterMs });
    if (waitedMs >= waitMs) throw timeout(ctx, attempt, waitedMs);
    const untilTakeover = Math.max(1, attempt.takeoverAfterMs - attempt.unchangedMs);
    await sleepOn(clock, Math.min(pollMs, waitMs - waitedMs, untilTakeover));
  }
}

/**
 * Read the stored lease without taking it (for status displays and read-only opens).
 * @example
 * const lease = await readLease(store); // { record: { host, pid, epoch, state, … }, token } or null
 */
export async function readLease(store: ObjectStore, key: string = LEASE_KEY): Promise<StoredLease | null> {
  const got = await store.get(key);
  return got === null ? null : { record: decodeLeaseRecord(got.body, key, store.uri), token: got.token };
}

async function attemptOnce(ctx: Ctx): Promise<Attempt> {
  const current = await ctx.store.get(ctx.key);
  const readEnd = ctx.clock.now();
  if (current === null) {
    return write(ctx, 1, { kind: 'fresh', previousEpoch: null, previous: null, waitedMs: readEnd - ctx.started }, null);
  }
  const previous = decodeLeaseRecord(current.body, ctx.key, ctx.store.uri);
  const base = { previousEpoch: previous.epoch, previous, waitedMs: readEnd - ctx.started };
  if (previous.state === 'released') return write(ctx, previous.epoch + 1, { kind: 'reacquired', ...base }, current.token);
  if (ctx.seen === null || ctx.seen.token !== current.token) ctx.seen = { token: current.token, since: readEnd };
  const unchangedMs = readEnd - ctx.seen.since;
  const takeoverAfterMs = Math.max(ctx.ttlMs, previous.ttl_ms);
  if (ctx.local && sameProcessSpace(previous, ctx.me) && previous.pid !== ctx.me.pid && isPidGone(previous.pid)) {
    return write(ctx, previous.epoch + 1, { kind: 'takeover', reason: 'owner-dead', ...base }, current.token);
  }
  if (unchangedMs >= takeoverAfterMs) return write(ctx, previous.epoch + 1, { kind: 'takeover', reason: 'expired', ...base }, current.token);
  return { kind: 'held', holder: previous, unchangedMs, takeoverAfterMs };
}

/** Write a `held` record with `epoch`: create-only when `token` is null, else CAS on `token`. */
async function write(ctx: Ctx, epoch: number, acquisition: LeaseAcquisition, token: VersionToken | null): Promise<Attempt> {
  const record: LeaseRecord = Object.freeze({
    owner: ctx.owner,
    ...pickIdentity(ctx.me),
    epoch,
    state: 'held',
    ttl_ms: Math.ceil(ctx.ttlMs),
    renewed_at: new Date().toISOString(),
  });
  const body = encodeLeaseRecord(record);
  const writeStartedAt = ctx.clock.now();
  let result: ConditionalPutResult;
  try {
    result = token === null ? await ctx.store.putIfAbsent(ctx.key, body) : await ctx.store.putIfMatch(ctx.key, body, token);
  } catch (err) {
    // The write may have landed although the call failed: if the stored record is ours, we hold the lease.
    const stored = await readLease(ctx.store, ctx.key).catch(() => null);
    if (stored === null || stored.record.owner !== ctx.owner || stored.record.epoch !== epoch) throw err;
    result = { ok: true, token: stored.token };
  }
  if (!result.ok) return { kind: 'contended' };
  const handle = startLeaseHandle({
    store: ctx.store,
    key: ctx.key,
    clock: ctx.clock,
    ttlMs: ctx.ttlMs,
    marginMs: ctx.marginMs,
    record,
    token: result.token,
    writeStartedAt,
    acquisition,
    onLost: ctx.onLost,
  });
  return { kind: 'acquired', handle };
}

async function afterAcquire(handle: LeaseHandle): Promise<LeaseHandle> {
  try {
    await failpoint('lease.after-acquire');
  } catch (err) {
    await handle.release().catch(() => undefined);
    throw err;
  }
  return handle;
}

function pickIdentity(me: LeaseIdentity): LeaseIdentity {
  return { host: me.host, boot_id: me.boot_id, pid: me.pid, pid_namespace: me.pid_namespace };
}

function timeout(ctx: Ctx, held: Omit<LeaseWait, 'waitedMs'>, waitedMs: number): RecoveryError {
  const h = held.holder;
  const waited = Math.round(waitedMs);
  return new RecoveryError(
    'lease_timeout',
    `the graph write lease of ${ctx.store.uri} is held by pid ${h.pid} on ${h.host} (epoch ${h.epoch}, last written ${h.renewed_at}); ` +
      `gave up after waiting ${waited} ms. Retry once that process has finished its writes, or stop it; ` +
      `if it died, the lease is taken over after ${held.takeoverAfterMs} ms without renewal (unchanged for ${Math.round(held.unchangedMs)} ms so far), ` +
      `so a wait of at least that long succeeds`,
    {
      details: {
        key: ctx.key,
        uri: ctx.store.uri,
        holder: { owner: h.owner, host: h.host, pid: h.pid, epoch: h.epoch, boot_id: h.boot_id },
        waited_ms: waited,
        unchanged_ms: Math.round(held.unchangedMs),
        takeover_after_ms: held.takeoverAfterMs,
      },
    },
  );
}

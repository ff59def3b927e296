// A held graph write lease: renews itself on a timer by compare-and-swap, fences itself by time, releases by CAS.
import { RecoveryError } from '../errors/index.js';
import type { ConditionalPutResult, ObjectStore, VersionToken } from '../store/object/types.js';
import { failpoint } from '../util/failpoints.js';
import type { CancelTimer, Clock } from './lease-clock.js';
import { decodeLeaseRecord, encodeLeaseRecord, type LeaseRecord } from './lease-record.js';

/** `held` until the lease is lost (taken over, or not renewed in time) or released; neither comes back. */
export type LeaseState = 'held' | 'lost' | 'released';

/**
 * Why a handle stopped holding: `expired` — no renewal started within TTL − margin (this process self-fenced);
 * `superseded` — a conditional write found another version (someone took over).
 */
export type LeaseLostReason = 'expired' | 'superseded';

/** How the lease was obtained. Recovery must then treat every sidecar of an epoch below `epoch` as orphaned. */
export type LeaseAcquisition =
  | { readonly kind: 'fresh'; readonly previousEpoch: null; readonly previous: null; readonly waitedMs: number }
  | { readonly kind: 'reacquired'; readonly previousEpoch: number; readonly previous: LeaseRecord; readonly waitedMs: number }
  | {
      readonly kind: 'takeover';
      /** `expired`: the token stayed unchanged for a full TTL on our clock; `owner-dead`: file:// and the local pid is gone. */
      readonly reason: 'expired' | 'owner-dead';
      readonly previousEpoch: number;
      readonly previous: LeaseRecord;
      readonly waitedMs: number;
    };

/** The outcome of `release()`: `superseded` means someone had already taken over (not an error). */
export interface LeaseReleaseResult {
  readonly outcome: 'released' | 'superseded';
  readonly epoch: number;
}

/** A graph write lease this process acquired. */
export interface LeaseHandle {
  readonly key: string;
  /** The store's root URI. */
  readonly uri: string;
  readonly owner: string;
  readonly epoch: number;
  readonly ttlMs: number;
  readonly marginMs: number;
  readonly acquisition: LeaseAcquisition;
  readonly state: LeaseState;
  readonly lostReason: LeaseLostReason | null;
  /** The record this handle last wrote, and its version token. */
  readonly record: LeaseRecord;
  readonly token: VersionToken;
  /**
   * Throw `lease_lost` unless the lease is held and `now < lastRenewStart + TTL − margin` on this process's clock.
   * Writers call it before every sidecar write, fork, table commit and publish. Once it throws, it always throws.
   */
  assertLive(): void;
  /** Milliseconds left before the self-fence (0 when not live). */
  remainingMs(): number;
  /** Renew now (the timer does this every TTL/3); true while still held. Store errors are thrown, the lease kept. */
  renew(): Promise<boolean>;
  /** Stop renewing and write `state: released` by CAS (never a delete). Idempotent; retry it if it throws. */
  release(): Promise<LeaseReleaseResult>;
  /** Stop the renew timer without releasing: the lease then lapses (self-fence, then takeover by others). */
  stop(): void;
}

/** What `acquireLease` hands over to a new handle. */
export interface LeaseHandleInit {
  readonly store: ObjectStore;
  readonly key: string;
  readonly clock: Clock;
  readonly ttlMs: number;
  readonly marginMs: number;
  readonly record: LeaseRecord;
  readonly token: VersionToken;
  /** Clock reading taken just before the write that acquired. */
  readonly writeStartedAt: number;
  readonly acquisition: LeaseAcquisition;
  readonly onLost?: ((reason: LeaseLostReason) => void) | undefined;
}

/** Create the handle and start its renew timer. Internal to the recovery layer: use `acquireLease`. */
export function startLeaseHandle(init: LeaseHandleInit): LeaseHandle {
  return new LeaseHandleImpl(init);
}

class LeaseHandleImpl implements LeaseHandle {
  readonly key: string;
  readonly uri: string;
  readonly owner: string;
  readonly epoch: number;
  readonly ttlMs: number;
  readonly marginMs: number;
  readonly acquisition: LeaseAcquisition;
  readonly #store: ObjectStore;
  readonly #clock: Clock;
  readonly #onLost: ((reason: LeaseLostReason) => void) | undefined;
  #record: LeaseRecord;
  #token: VersionToken;
  #lastRenewStart: number;
  #state: LeaseState = 'held';
  #lostReason: LeaseLostReason | null = null;
  #cancelTimer: CancelTimer | null = null;
  #stopped = false;
  #chain: Promise<unknown> = Promise.resolve();
  #released: LeaseReleaseResult | null = null;

  constructor(init: LeaseHandleInit) {
    this.key = init.key;
    this.uri = init.store.uri;
    this.owner = init.record.owner;
    this.epoch = init.record.epoch;
    this.ttlMs = init.ttlMs;
    this.marginMs = init.marginMs;
    this.acquisition = init.acquisition;
    this.#store = init.store;
    this.#clock = init.clock;
    this.#onLost = init.onLost;
    this.#record = init.record;
    this.#token = init.token;
    this.#lastRenewStart = init.writeStartedAt;
    this.#scheduleAt(init.writeStartedAt + this.ttlMs / 3);
  }

  get state(): LeaseState {
    return this.#state;
  }

  get lostReason(): LeaseLostReason | null {
    return this.#lostReason;
  }

  get record(): LeaseRecord {
    return this.#record;
  }

  get token(): VersionToken {
    return this.#token;
  }

  assertLive(): void {
    if (this.#state === 'held' && this.#fenced()) this.#lose('expired');
    if (this.#state === 'held') return;
    const why =
      this.#state === 'released'
        ? 'was released by this process'
        : this.#lostReason === 'superseded'
          ? 'was taken over by another process'
          : `was not renewed within ${this.ttlMs - this.marginMs} ms (TTL ${this.ttlMs} ms − margin ${this.marginMs} ms)`;
    throw new RecoveryError('lease_lost', `the graph write lease of ${this.uri} (epoch ${this.epoch}) ${why}; this process stopped writing — reopen the graph to continue`, {
      details: { key: this.key, uri: this.uri, epoch: this.epoch, owner: this.owner, state: this.#state, reason: this.#lostReason },
    });
  }

  remainingMs(): number {
    return this.#state === 'held' ? Math.max(0, this.#fenceAt() - this.#clock.now()) : 0;
  }

  renew(): Promise<boolean> {
    return this.#exclusive(async () => {
      if (this.#state === 'held' && this.#fenced()) this.#lose('expired');
      if (this.#state !== 'held') return false;
      await failpoint('lease.before-renew');
      const start = this.#clock.now();
      const record: LeaseRecord = { ...this.#record, renewed_at: new Date().toISOString() };
      const result = await this.#casWrite(record);
      if (!result.ok) {
        if (this.#state === 'held') this.#lose('superseded');
        return false;
      }
      this.#token = result.token;
      this.#record = record;
      if (this.#state !== 'held') return false; // fenced while the write was in flight: stays lost
      this.#lastRenewStart = start;
      this.#scheduleAt(start + this.ttlMs / 3);
      return true;
    });
  }

  release(): Promise<LeaseReleaseResult> {
    this.stop();
    if (this.#state === 'held') this.#state = 'released';
    return this.#exclusive(async () => {
      if (this.#released !== null) return this.#released;
      this.#state = 'released';
      if (this.#lostReason === 'superseded') return (this.#released = { outcome: 'superseded', epoch: this.epoch });
      const record: LeaseRecord = { ...this.#record, state: 'released', renewed_at: new Date().toISOString() };
      const result = await this.#casWrite(record);
      if (result.ok) {
        this.#token = result.token;
        this.#record = record;
      }
      this.#released = { outcome: result.ok ? 'released' : 'superseded', epoch: this.epoch };
      return this.#released;
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  #fenceAt(): number {
    return this.#lastRenewStart + this.ttlMs - this.marginMs;
  }

  #fenced(): boolean {
    return this.#clock.now() >= this.#fenceAt();
  }

  #lose(reason: LeaseLostReason): void {
    if (this.#state !== 'held') return;
    this.#state = 'lost';
    this.#lostReason = reason;
    this.stop();
    try {
      this.#onLost?.(reason);
    } catch {
      // A listener's failure must not mask the loss; the next assertLive() reports it.
    }
  }

  #scheduleAt(at: number): void {
    if (this.#stopped || this.#state !== 'held') return;
    this.#cancelTimer?.();
    this.#cancelTimer = this.#clock.setTimeout(() => void this.#tick(), Math.max(0, at - this.#clock.now()));
  }

  async #tick(): Promise<void> {
    this.#cancelTimer = null;
    try {
      await this.renew();
    } catch {
      // A store error is not a loss: retry soon; the self-fence stops writers if no renewal lands in time.
      const retryIn = Math.max(1, Math.min(this.ttlMs / 10, this.#fenceAt() - this.#clock.now()));
      this.#scheduleAt(this.#clock.now() + retryIn);
    }
  }

  /**
   * CAS on the held token. After a lost condition, look once more: if the stored record is still ours (same owner
   * and epoch), an earlier write of ours landed although its call failed — adopt its token and write again.
   */
  async #casWrite(record: LeaseRecord): Promise<ConditionalPutResult> {
    const body = encodeLeaseRecord(record);
    const first = await this.#store.putIfMatch(this.key, body, this.#token);
    if (first.ok) return first;
    const current = await this.#store.get(this.key);
    if (current === null) return first;
    const stored = decodeLeaseRecord(current.body, this.key, this.uri);
    if (stored.owner !== this.owner || stored.epoch !== this.epoch) return first;
    if (stored.state === 'released') return record.state === 'released' ? { ok: true, token: current.token } : first;
    this.#token = current.token;
    return this.#store.putIfMatch(this.key, body, current.token);
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }
}

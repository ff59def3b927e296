// Holds the graph write lease while writes run: acquired on demand, recovered on acquisition, released after a linger.
import { OmniError } from '../errors/index.js';
import { acquireLease, type LeaseHandle } from '../recovery/lease.js';
import type { ObjectStore } from '../store/object/types.js';

/** Lease timing for one open graph. */
export interface LeaseKeeperOptions {
  /** Lease time-to-live (default 30 s): a crashed holder blocks writers for about this long. */
  readonly ttlMs?: number;
  /** How long a writer waits for another process's lease before `lease_timeout` (default 60 s). */
  readonly waitMs?: number;
  /** How long the lease is kept after the last write finishes (default 500 ms), so bursts do not re-acquire. */
  readonly lingerMs?: number;
}

/**
 * One per read-write open graph. `hold(fn)` runs `fn` while this process holds the write lease, acquiring it first
 * if needed; every acquisition first runs `onAcquired` (recovery of sidecars from older epochs) before any write.
 * @example
 * const result = await keeper.hold(() => writer.apply(writeSet));
 */
export class LeaseKeeper {
  readonly #objects: ObjectStore;
  readonly #options: Required<LeaseKeeperOptions>;
  readonly #onAcquired: (lease: LeaseHandle) => Promise<void>;
  #lease: LeaseHandle | null = null;
  #acquiring: Promise<LeaseHandle> | null = null;
  #active = 0;
  #linger: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(objects: ObjectStore, options: LeaseKeeperOptions, onAcquired: (lease: LeaseHandle) => Promise<void>) {
    this.#objects = objects;
    this.#options = { ttlMs: options.ttlMs ?? 30_000, waitMs: options.waitMs ?? 60_000, lingerMs: options.lingerMs ?? 500 };
    this.#onAcquired = onAcquired;
  }

  /** The lease held right now; `lease_lost` when none (writers call this through `assertLive`). */
  current(): LeaseHandle {
    if (this.#lease === null || this.#lease.state !== 'held') throw new OmniError('lease_lost', 'this process does not hold the graph write lease; retry the write');
    return this.#lease;
  }

  /** Run `fn` under the lease. */
  async hold<T>(fn: (lease: LeaseHandle) => Promise<T>): Promise<T> {
    return this.#hold(fn, this.#options.waitMs);
  }

  async #hold<T>(fn: (lease: LeaseHandle) => Promise<T>, waitMs: number): Promise<T> {
    if (this.#closed) throw new OmniError('bad_request', 'the graph is closing; no more writes are accepted');
    this.#active++;
    if (this.#linger !== null) clearTimeout(this.#linger);
    this.#linger = null;
    try {
      return await fn(await this.#ensure(waitMs));
    } finally {
      this.#active--;
      if (this.#active === 0 && !this.#closed) {
        this.#linger = setTimeout(() => void this.#releaseIfIdle(), this.#options.lingerMs);
        this.#linger.unref();
      }
    }
  }

  /** Try to take the lease once without waiting (recovering on success); false when another process holds it. */
  async tryAcquireNow(): Promise<boolean> {
    try {
      await this.#hold(async () => undefined, 0);
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'lease_timeout') return false;
      throw err;
    }
  }

  /** Refuse further holds, wait for running ones, then release the lease (if held). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#linger !== null) clearTimeout(this.#linger);
    while (this.#active > 0) await new Promise((r) => setTimeout(r, 5));
    await this.#acquiring?.catch(() => undefined);
    const lease = this.#lease;
    this.#lease = null;
    if (lease !== null && lease.state === 'held') await lease.release().catch(() => undefined);
  }

  async #ensure(waitMs: number): Promise<LeaseHandle> {
    if (this.#lease !== null && this.#lease.state === 'held') return this.#lease;
    this.#acquiring ??= (async () => {
      try {
        const lease = await acquireLease(this.#objects, { ttlMs: this.#options.ttlMs, waitMs });
        this.#lease = lease;
        try {
          await this.#onAcquired(lease);
        } catch (err) {
          this.#lease = null;
          await lease.release().catch(() => undefined);
          throw err;
        }
        return lease;
      } finally {
        this.#acquiring = null;
      }
    })();
    return this.#acquiring;
  }

  async #releaseIfIdle(): Promise<void> {
    if (this.#active > 0 || this.#lease === null) return;
    const lease = this.#lease;
    this.#lease = null;
    await lease.release().catch(() => undefined);
  }
}

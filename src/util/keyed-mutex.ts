// An in-process async mutex per key (branch gates, table gates), acquired in sorted order to avoid deadlock.

/** Releases what `acquire` took. Idempotent. */
export type Release = () => void;

/**
 * FIFO async locks keyed by string. `acquire(keys)` takes several keys in sorted order, so two callers that need
 * overlapping sets never deadlock.
 * @example
 * const gates = new KeyedMutex();
 * const release = await gates.acquire(['main']);
 * try { ... } finally { release(); }
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<void>>();

  /** Wait for every key (sorted, de-duplicated), then hold them until the returned release is called. */
  async acquire(keys: readonly string[]): Promise<Release> {
    const releases: Release[] = [];
    for (const key of [...new Set(keys)].sort()) releases.push(await this.#acquireOne(key));
    let done = false;
    return () => {
      if (done) return;
      done = true;
      for (const r of releases.reverse()) r();
    };
  }

  /** Run `fn` while holding `keys`. */
  async with<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(keys);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** True when some caller holds or waits for `key`. */
  isBusy(key: string): boolean {
    return this.#tails.has(key);
  }

  async #acquireOne(key: string): Promise<Release> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    };
  }
}

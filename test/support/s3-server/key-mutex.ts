// Per-key FIFO mutex for the conditional-write proxy: one holder per key, released once, with a hard timeout.

/** Releases a held lock; calling it more than once is harmless. */
export type Release = () => void;

/**
 * A set of named FIFO locks. `acquire(key)` resolves once every earlier holder of `key` has released it.
 * A holder that never releases is evicted after `timeoutMs`, so a lost request cannot wedge a key.
 * @example
 * const locks = new KeyMutex(30_000);
 * const release = await locks.acquire('bucket/key');
 * try { ... } finally { release(); }
 */
export class KeyMutex {
  readonly #timeoutMs: number;
  /** The promise that resolves when the current last holder of a key releases it. */
  readonly #tails = new Map<string, Promise<void>>();

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** Number of keys with a holder or waiters (for tests and diagnostics). */
  get size(): number {
    return this.#tails.size;
  }

  /** Wait for `key`, then hold it until the returned function is called (or the timeout passes). */
  async acquire(key: string): Promise<Release> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let open!: () => void;
    const mine = new Promise<void>((resolve) => {
      open = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    let released = false;
    const release: Release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
      open();
    };
    const timer = setTimeout(release, this.#timeoutMs);
    timer.unref();
    return release;
  }

  /** Hold several keys at once; keys are taken in sorted order so two multi-key holders cannot deadlock. */
  async acquireAll(keys: readonly string[]): Promise<Release> {
    const sorted = [...new Set(keys)].sort();
    const releases: Release[] = [];
    for (const key of sorted) releases.push(await this.acquire(key));
    return () => {
      for (const release of releases.reverse()) release();
    };
  }
}

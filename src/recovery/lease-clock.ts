// Clocks for the write lease: a monotonic millisecond clock with timers, real (unref'd) or manual for tests.

/** Cancels a scheduled callback; calling it after the callback ran, or twice, does nothing. */
export type CancelTimer = () => void;

/**
 * A monotonic clock with `setTimeout`-like scheduling. `now()` never goes backwards and is only compared with other
 * readings of the same clock, never with another process's clock or with wall time.
 */
export interface Clock {
  /** Monotonic milliseconds (any origin). */
  now(): number;
  /**
   * Run `callback` once, `ms` milliseconds from now; the returned function cancels it. Background timers (renewal)
   * must not keep a process alive; a timer someone awaits (`keepAlive`) must.
   */
  setTimeout(callback: () => void, ms: number, options?: { readonly keepAlive?: boolean }): CancelTimer;
}

/** `performance.now()` and real timers; background ones are `unref()`'d so that a held lease never keeps a process alive. */
export const systemClock: Clock = Object.freeze({
  now: (): number => performance.now(),
  setTimeout: (callback: () => void, ms: number, options?: { readonly keepAlive?: boolean }): CancelTimer => {
    const timer = setTimeout(callback, Math.max(0, ms));
    if (options?.keepAlive !== true) timer.unref();
    return () => clearTimeout(timer);
  },
});

/** Resolve after `ms` on `clock`; the process stays alive while someone waits. */
export function sleepOn(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.setTimeout(resolve, ms, { keepAlive: true });
  });
}

/** A clock that moves only when told to; for unit tests. */
export interface ManualClock extends Clock {
  /** Move time forward by `ms`, running every timer that falls due, in due order (a timer set by one runs too if due). */
  advance(ms: number): void;
  /** Milliseconds until the earliest pending timer, or `null` when none is pending. */
  nextDueIn(): number | null;
  /** How many timers are pending. */
  pending(): number;
}

interface ManualTimer {
  readonly at: number;
  readonly seq: number;
  readonly callback: () => void;
}

/**
 * A manual clock starting at `start` milliseconds.
 * @example
 * const clock = createManualClock();
 * clock.setTimeout(() => console.log('fired'), 100);
 * clock.advance(100); // prints "fired"
 */
export function createManualClock(start = 0): ManualClock {
  return new ManualClockImpl(start);
}

class ManualClockImpl implements ManualClock {
  #now: number;
  #seq = 0;
  #timers: ManualTimer[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): CancelTimer {
    const timer: ManualTimer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, callback };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  advance(ms: number): void {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.at > target) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.at);
      next.callback();
    }
    this.#now = target;
  }

  nextDueIn(): number | null {
    const next = this.#earliest();
    return next === undefined ? null : Math.max(0, next.at - this.#now);
  }

  pending(): number {
    return this.#timers.length;
  }

  #earliest(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.#timers) if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}

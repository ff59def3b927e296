// Page and poll bounds of the change surfaces (spec branching §8.2–8.3), validated, and greedy page packing.
import { OmniError } from '../../errors/index.js';

/** Defaults and ceilings of change pages and feed polls. */
export const CHANGE_LIMITS = Object.freeze({
  defaultChanges: 1000,
  maxChanges: 8192,
  defaultBytes: 4 * 1024 * 1024,
  maxBytes: 32 * 1024 * 1024,
  defaultCommits: 128,
  maxCommits: 512,
});

/**
 * A caller's bound, or the default: a positive integer up to `max`. `bad_request` below 1 or not an integer,
 * `resource_limit` above the ceiling (named by `resource`).
 */
export function boundOf(value: number | undefined, fallback: number, max: number, resource: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new OmniError('bad_request', `${resource} must be a positive integer, got ${String(value)}`, { details: { resource } });
  if (value > max) {
    throw new OmniError('resource_limit', `resource limit exceeded for ${resource}: actual ${value}, limit ${max}`, { details: { resource, actual: value, limit: max } });
  }
  return value;
}

/** Running totals of one page. */
export class PageBudget {
  #changes = 0;
  #bytes = 0;
  constructor(
    readonly maxChanges: number,
    readonly maxBytes: number,
  ) {}

  /** Changes packed so far. */
  get used(): number {
    return this.#changes;
  }

  /** True when no further change fits by count. */
  get full(): boolean {
    return this.#changes >= this.maxChanges;
  }

  /**
   * How many of `items` (from the front) fit, and take them: up to the count and byte bounds (bytes = JSON size),
   * but always at least one on an empty page so a single oversized change travels alone.
   */
  take(items: readonly unknown[]): number {
    let n = 0;
    for (const item of items) {
      if (this.#changes >= this.maxChanges) break;
      const size = Buffer.byteLength(JSON.stringify(item), 'utf8');
      if (this.#changes > 0 && this.#bytes + size > this.maxBytes) break;
      this.#changes++;
      this.#bytes += size;
      n++;
    }
    return n;
  }
}

// Id minting: ULIDs for commits, operations, incarnations and forks (sortable, 26 Crockford base-32 characters).
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** A new ULID, strictly increasing within this process. */
export function newUlid(): string {
  return next();
}

/** Microseconds since the epoch, as an integer number (exact until the year 2255). */
export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

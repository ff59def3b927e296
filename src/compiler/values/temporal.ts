// Date and DateTime encodings: ISO text to epoch days / epoch milliseconds, and back for messages.

const MS_PER_DAY = 86_400_000;

/** Largest |epoch ms| a DateTime may hold (the JavaScript Date range, ±100,000,000 days). */
export const MAX_DATETIME_MS = 8.64e15;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

function civilDays(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1) return null;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear below keeps the year exact.
  check.setUTCFullYear(y, m - 1, d);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round(check.getTime() / MS_PER_DAY);
}

/**
 * `YYYY-MM-DD` to days since 1970-01-01, or null if it is not a real calendar date.
 * @example
 * parseIsoDate('2026-03-27'); // 20539
 */
export function parseIsoDate(text: string): number | null {
  const m = DATE_RE.exec(text);
  if (m === null) return null;
  return civilDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An RFC 3339 / ISO-8601 timestamp to epoch milliseconds (UTC), or null. Accepted: `YYYY-MM-DD`,
 * `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]]` with an optional `Z` or `±HH:MM`/`±HHMM` offset (none = UTC).
 * Fractions beyond milliseconds are truncated.
 * @example
 * parseIsoDateTime('2026-04-29T10:00:00Z'); // 1777456800000
 */
export function parseIsoDateTime(text: string): number | null {
  const m = DATETIME_RE.exec(text);
  if (m === null) return null;
  const days = civilDays(Number(m[1]), Number(m[2]), Number(m[3]));
  if (days === null) return null;
  const hour = Number(m[4] ?? '0');
  const minute = Number(m[5] ?? '0');
  const second = Number(m[6] ?? '0');
  if (hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3));
  let offsetMinutes = 0;
  const off = m[8];
  if (off !== undefined && off !== 'Z' && off !== 'z') {
    const digits = off.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (off.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** Days since the epoch as `YYYY-MM-DD` (for messages). */
export function formatIsoDate(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

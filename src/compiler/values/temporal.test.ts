// Date and DateTime encodings: ISO text to epoch days and epoch milliseconds.
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate, parseIsoDateTime } from './temporal.js';

describe('temporal encodings', () => {
  it('maps ISO dates to epoch days (spec: 2026-03-27 → 20539)', () => {
    expect(parseIsoDate('2026-03-27')).toBe(20539);
    expect(parseIsoDate('1970-01-01')).toBe(0);
    expect(parseIsoDate('1969-12-31')).toBe(-1);
    expect(parseIsoDate('0050-06-01')).toBe(Math.round(Date.parse('0050-06-01T00:00:00Z') / 86_400_000));
    expect(formatIsoDate(20539)).toBe('2026-03-27');
  });

  it('rejects impossible or malformed dates', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', '']) expect(parseIsoDate(bad)).toBeNull();
    expect(parseIsoDate('2024-02-29')).not.toBeNull();
  });

  it('maps RFC 3339 timestamps to epoch milliseconds, honouring offsets and truncating sub-milliseconds', () => {
    const t = Date.UTC(2026, 3, 29, 10, 0, 0);
    expect(parseIsoDateTime('2026-04-29T10:00:00Z')).toBe(t);
    expect(parseIsoDateTime('2026-04-29T12:00:00+02:00')).toBe(t);
    expect(parseIsoDateTime('2026-04-29T05:30:00-0430')).toBe(t);
    expect(parseIsoDateTime('2026-04-29 10:00')).toBe(t);
    expect(parseIsoDateTime('2026-04-29')).toBe(Date.UTC(2026, 3, 29));
    expect(parseIsoDateTime('2026-04-29T10:00:00.123456Z')).toBe(t + 123);
  });

  it('rejects malformed timestamps', () => {
    for (const bad of ['2026-04-29T24:00:00Z', '2026-04-29T10:60Z', '2026-04-29T10:00:00+25:00', '2026-04-29Z', '10:00', '2026-04-29T10']) {
      expect(parseIsoDateTime(bad)).toBeNull();
    }
  });
});

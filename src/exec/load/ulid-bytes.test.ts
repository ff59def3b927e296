// Batch ULIDs: the ULID alphabet and length, the current time up front, strictly increasing within a source.
import { describe, expect, it } from 'vitest';
import { ULID_LENGTH, UlidBytes } from './ulid-bytes.js';

const dec = new TextDecoder();
const TIME_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('UlidBytes', () => {
  it('writes valid, unique, increasing ULIDs carrying the current millisecond', () => {
    const u = new UlidBytes();
    const buf = new Uint8Array(ULID_LENGTH * 2000);
    const before = Date.now();
    for (let k = 0; k < 2000; k++) u.write(buf, k * ULID_LENGTH);
    const ids = Array.from({ length: 2000 }, (_, k) => dec.decode(buf.subarray(k * ULID_LENGTH, (k + 1) * ULID_LENGTH)));
    for (const id of ids) expect(id).toMatch(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
    const ms = [...ids[0]!.slice(0, 10)].reduce((t, c) => t * 32 + TIME_CHARS.indexOf(c), 0);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});

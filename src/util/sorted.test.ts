// Unit tests of the sorted-array search.
import { describe, expect, it } from 'vitest';
import { countAtOrBelow } from './sorted.js';

describe('countAtOrBelow', () => {
  const items = [1, 3, 3, 7].map((v) => ({ v }));
  it.each([
    [0, 0],
    [1, 1],
    [2, 1],
    [3, 3],
    [6, 3],
    [7, 4],
    [99, 4],
  ])('counts the items at or below %i', (limit, count) => {
    expect(countAtOrBelow(items, limit, (x) => x.v)).toBe(count);
  });
  it('is 0 for an empty array', () => {
    expect(countAtOrBelow([], 5, (x: number) => x)).toBe(0);
  });
});

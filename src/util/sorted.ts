// Binary search over arrays sorted by a numeric key.

/**
 * How many leading items of `sorted` (ascending by `keyOf`) have a key at or below `limit`: the index of the first
 * item above it.
 * @example
 * countAtOrBelow([{ v: 1 }, { v: 3 }, { v: 3 }, { v: 7 }], 3, (x) => x.v); // 3
 */
export function countAtOrBelow<T>(sorted: readonly T[], limit: number, keyOf: (item: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]!) <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

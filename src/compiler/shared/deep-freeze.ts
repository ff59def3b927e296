// Recursively freeze plain data so compiler outputs cannot be mutated by their consumers.

/** Freeze `value` and everything reachable from it (plain objects and arrays); returns it. Already frozen parts are skipped. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    // for…in walks own enumerable keys here (plain data, no enumerable prototype keys) without allocating an array.
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

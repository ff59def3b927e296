// The order traversals are processed in (§4.2): the first one in source order that touches a bound variable, else
// the first remaining one — in O(n log n) overall, so long patterns written "backwards" stay cheap.

/**
 * A work list of traversals. Call `bound(v)` whenever a variable becomes bound; `nextBound()` yields the earliest
 * pending traversal touching a bound variable, `next()` falls back to the earliest pending one.
 * @example
 * const order = new TraversalOrder(traversals, (t) => [t.left.text, t.right.text]);
 * for (let t = order.next(); t !== undefined; t = order.next()) process(t);
 */
export class TraversalOrder<T> {
  readonly #items: readonly T[];
  readonly #byVar = new Map<string, number[]>();
  readonly #done: boolean[];
  readonly #heap: number[] = [];
  readonly #bound = new Set<string>();
  #cursor = 0;

  constructor(items: readonly T[], endpoints: (item: T) => readonly string[]) {
    this.#items = items;
    this.#done = items.map(() => false);
    items.forEach((item, i) => {
      for (const v of endpoints(item)) {
        const list = this.#byVar.get(v) ?? [];
        list.push(i);
        this.#byVar.set(v, list);
      }
    });
  }

  /** Mark `v` bound: every pending traversal touching it becomes a candidate. */
  bound(v: string): void {
    if (this.#bound.has(v)) return;
    this.#bound.add(v);
    for (const i of this.#byVar.get(v) ?? []) if (!this.#done[i]) this.#push(i);
  }

  /** The earliest pending traversal touching a bound variable, or undefined. */
  nextBound(): T | undefined {
    while (this.#heap.length > 0) {
      const i = this.#pop();
      if (!this.#done[i]) return this.#take(i);
    }
    return undefined;
  }

  /** `nextBound()`, else the earliest pending traversal; undefined when all are done. */
  next(): T | undefined {
    const bound = this.nextBound();
    if (bound !== undefined) return bound;
    while (this.#cursor < this.#items.length && this.#done[this.#cursor]) this.#cursor++;
    return this.#cursor < this.#items.length ? this.#take(this.#cursor) : undefined;
  }

  #take(i: number): T {
    this.#done[i] = true;
    return this.#items[i] as T;
  }

  #push(i: number): void {
    const h = this.#heap;
    h.push(i);
    let k = h.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if ((h[parent] as number) <= i) break;
      h[k] = h[parent] as number;
      k = parent;
    }
    h[k] = i;
  }

  #pop(): number {
    const h = this.#heap;
    const top = h[0] as number;
    const last = h.pop() as number;
    if (h.length > 0) {
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && (h[r] as number) < (h[l] as number) ? r : l;
        if ((h[c] as number) >= last) break;
        h[k] = h[c] as number;
        k = c;
      }
      h[k] = last;
    }
    return top;
  }
}

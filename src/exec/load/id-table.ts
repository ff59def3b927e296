// A compact id → origin table keyed by UTF-8 bytes: the loader's seen/written ids and pending endpoints, without strings.
import { OmniError } from '../../errors/index.js';
import type { RowOrigin } from '../staging/type-delta.js';

const EMPTY = 0;
/** Records are addressed by 4-byte words in an Int32 slot, and a typed array holds at most this many bytes. */
const MAX_ARENA = 2 ** 32 - 4;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** MurmurHash3 (x86, 32 bits) of `buf[start, end)`, as a signed 32-bit integer. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x9747b28c;
  let i = start;
  const whole = end - ((end - start) & 3);
  for (; i < whole; i += 4) {
    let k = buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = end - i;
  if (rest > 0) {
    let k = buf[i]!;
    if (rest > 1) k |= buf[i + 1]! << 8;
    if (rest > 2) k |= buf[i + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    h ^= Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  }
  h ^= end - start;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Keys {@link IdTable.findMany} probes together, so their cache misses overlap instead of queueing. */
const GROUP = 16;

/**
 * An insertion-ordered hash table from ids (UTF-8 bytes) to a numeric origin (a load line, negative for a generated
 * id), built for millions of ids: no strings and no garbage. Each id is one record in a byte arena — origin, length,
 * then the bytes, 4-byte aligned — and each slot of the open-addressing table holds a key's hash next to its record,
 * so a lookup costs two cache misses (slot, record). Ids are named by handles (record positions).
 * @example
 * const t = new IdTable();
 * const h = hashBytes(buf, a, b);
 * if (t.find(buf, a, b, h) < 0) t.add(buf, a, b, h, line);
 */
export class IdTable {
  /** Pairs (hash, handle / 4 + 1); 0 in the second marks an empty slot. */
  #slots = new Int32Array(2 * 1024);
  #mask = 1023;
  #arena = new Uint8Array(1 << 14);
  #words = new Int32Array(this.#arena.buffer);
  #arenaLength = 0;
  #size = 0;
  #scratch = new Uint8Array(256);
  readonly #hashes = new Int32Array(GROUP);
  /** Per group member: its first slot's record + 1 if the hash matches, else minus that (0 = empty). */
  readonly #found = new Int32Array(GROUP);

  /** Number of ids. */
  get size(): number {
    return this.#size;
  }

  /** The handle of the id `buf[start, end)` with hash `h` (from {@link hashBytes}), or -1. */
  find(buf: Uint8Array, start: number, end: number, h: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let p = h & mask; ; p = (p + 1) & mask) {
      const e = slots[2 * p + 1]!;
      if (e === EMPTY) return -1;
      if (slots[2 * p] === h && this.#holds(e - 1, buf, start, end)) return (e - 1) * 4;
    }
  }

  /** True when the record at word `w` holds the key `buf[start, end)`. */
  #holds(w: number, buf: Uint8Array, start: number, end: number): boolean {
    const len = end - start;
    if (this.#words[w + 1] !== len) return false;
    const arena = this.#arena;
    const at = w * 4 + 8;
    let i = 0;
    while (i < len && arena[at + i] === buf[start + i]) i++;
    return i === len;
  }

  /**
   * Look up many ids at once: the keys `buf[offsets[r], offsets[r + 1])` for rows `r` in `[from, to)` (a Utf8
   * column's layout), writing each one's handle or -1 to `out[r - from]`. Keys are probed in small groups, first
   * touching every member's slot and then comparing records, so the memory latency of a large table overlaps.
   */
  findMany(buf: Uint8Array, offsets: Int32Array, from: number, to: number, out: Int32Array): void {
    const slots = this.#slots;
    const mask = this.#mask;
    const hashes = this.#hashes;
    const found = this.#found;
    for (let g = from; g < to; g += GROUP) {
      const n = Math.min(GROUP, to - g);
      for (let j = 0; j < n; j++) {
        const h = hashBytes(buf, offsets[g + j]!, offsets[g + j + 1]!);
        hashes[j] = h;
        const p = 2 * (h & mask);
        found[j] = slots[p] === h ? slots[p + 1]! : -slots[p + 1]!;
      }
      for (let j = 0; j < n; j++) {
        const e = found[j]!;
        const r = g + j;
        const a = offsets[r]!;
        const b = offsets[r + 1]!;
        if (e > 0 && this.#holds(e - 1, buf, a, b)) out[r - from] = (e - 1) * 4;
        else out[r - from] = e === EMPTY ? -1 : this.find(buf, a, b, hashes[j]!);
      }
    }
  }

  /** Add an id known to be absent; returns its handle. */
  add(buf: Uint8Array, start: number, end: number, h: number, origin: number): number {
    if ((this.#size + 1) * 2 > this.#mask + 1) this.#rehash((this.#mask + 1) * 2);
    const len = end - start;
    const at = this.#arenaLength;
    const next = at + 8 + ((len + 3) & ~3);
    if (next > this.#arena.length) this.#growArena(next);
    if (origin !== (origin | 0)) throw new OmniError('resource_limit', `a load line number must stay below 2^31 (got ${origin})`);
    const arena = this.#arena;
    this.#words[at / 4] = origin;
    this.#words[at / 4 + 1] = len;
    if (len > 32) arena.set(buf.subarray(start, end), at + 8);
    else for (let i = 0; i < len; i++) arena[at + 8 + i] = buf[start + i]!;
    this.#arenaLength = next;
    this.#size++;
    const slots = this.#slots;
    const mask = this.#mask;
    let p = h & mask;
    while (slots[2 * p + 1] !== EMPTY) p = (p + 1) & mask;
    slots[2 * p] = h;
    slots[2 * p + 1] = at / 4 + 1;
    return at;
  }

  /** The origin of the id with handle `k`. */
  origin(k: number): number {
    return this.#words[k / 4]!;
  }

  /** The id with handle `k`, as text. */
  key(k: number): string {
    return decoder.decode(this.#arena.subarray(k + 8, k + 8 + this.#words[k / 4 + 1]!));
  }

  /** Every handle, in insertion order. */
  *handles(): Generator<number> {
    for (let at = 0; at < this.#arenaLength; at += 8 + ((this.#words[at / 4 + 1]! + 3) & ~3)) yield at;
  }

  /** The handle of a text id, or -1. */
  findText(id: string): number {
    if (this.#scratch.length < id.length * 3) this.#scratch = new Uint8Array(id.length * 3);
    const n = encoder.encodeInto(id, this.#scratch).written;
    return this.find(this.#scratch, 0, n, hashBytes(this.#scratch, 0, n));
  }

  /** Add a text id if absent (keeping the first origin); returns its handle. */
  addText(id: string, origin: number): number {
    const found = this.findText(id);
    if (found >= 0) return found;
    const n = encoder.encodeInto(id, this.#scratch).written;
    return this.add(this.#scratch, 0, n, hashBytes(this.#scratch, 0, n), origin);
  }

  /** Add the id `buf[start, end)` if absent (keeping the first origin). */
  addIfAbsent(buf: Uint8Array, start: number, end: number, origin: number): void {
    const h = hashBytes(buf, start, end);
    if (this.find(buf, start, end, h) < 0) this.add(buf, start, end, h, origin);
  }

  #rehash(capacity: number): void {
    const old = this.#slots;
    const slots = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let p = 0; p < old.length; p += 2) {
      const e = old[p + 1]!;
      if (e === EMPTY) continue;
      const h = old[p]!;
      let q = h & mask;
      while (slots[2 * q + 1] !== EMPTY) q = (q + 1) & mask;
      slots[2 * q] = h;
      slots[2 * q + 1] = e;
    }
    this.#slots = slots;
    this.#mask = mask;
  }

  #growArena(need: number): void {
    if (need > MAX_ARENA) throw new OmniError('resource_limit', `a load may hold at most ${MAX_ARENA} bytes of ids per table`);
    const arena = new Uint8Array(Math.min(MAX_ARENA, Math.max(need, this.#arena.length * 2)));
    arena.set(this.#arena.subarray(0, this.#arenaLength));
    this.#arena = arena;
    this.#words = new Int32Array(arena.buffer);
  }
}

/** An {@link IdTable} as the read-only id → origin map the store checks take (`TypeDeltaView.written` and friends). */
export class IdOrigins implements ReadonlyMap<string, RowOrigin> {
  constructor(readonly table: IdTable) {}

  get size(): number {
    return this.table.size;
  }
  has(id: string): boolean {
    return this.table.findText(id) >= 0;
  }
  get(id: string): RowOrigin | undefined {
    const k = this.table.findText(id);
    return k < 0 ? undefined : this.table.origin(k);
  }
  forEach(fn: (value: RowOrigin, key: string, map: ReadonlyMap<string, RowOrigin>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  *entries(): MapIterator<[string, RowOrigin]> {
    for (const k of this.table.handles()) yield [this.table.key(k), this.table.origin(k)];
  }
  *keys(): MapIterator<string> {
    for (const k of this.table.handles()) yield this.table.key(k);
  }
  *values(): MapIterator<RowOrigin> {
    for (const k of this.table.handles()) yield this.table.origin(k);
  }
  [Symbol.iterator](): MapIterator<[string, RowOrigin]> {
    return this.entries();
  }
}

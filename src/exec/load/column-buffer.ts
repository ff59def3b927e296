// One physical column of a batch being loaded, as Arrow-layout typed arrays (values, offsets, validity) or cells.
import type { LogicalColumnType } from '../../compiler/index.js';
import type { ColumnBuffers } from '../../store/lance/index.js';

/** How a column stores its values. `cells` (lists, vectors, blobs) keeps Arrow-builder-ready values instead. */
export type ColumnKind = 'utf8' | 'bool' | 'i32' | 'u32' | 'f32' | 'f64' | 'i64' | 'u64' | 'date32' | 'date64' | 'cells';

/** The column kind of a logical column type. */
export function columnKind(t: LogicalColumnType): ColumnKind {
  switch (t.kind) {
    case 'utf8':
      return 'utf8';
    case 'bool':
      return 'bool';
    case 'int':
      return t.bits === 32 ? (t.signed ? 'i32' : 'u32') : t.signed ? 'i64' : 'u64';
    case 'float':
      return t.bits === 32 ? 'f32' : 'f64';
    case 'date32':
      return 'date32';
    case 'date64':
      return 'date64';
    default:
      return 'cells';
  }
}

/** A finished column: exactly `length` rows in Arrow's buffer layout. */
export interface FinishedColumn extends ColumnBuffers {
  readonly kind: ColumnKind;
}

const encoder = new TextEncoder();

/** Rows a column holds before its first growth (a batch then grows by doubling up to its capacity). */
const FIRST_ROWS = 1024;

type Values = Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array | Uint8Array;

/**
 * A growable column for one batch of at most `capacity` rows. Append one value or null per row, then `finish()`
 * hands the buffers over and starts a fresh batch. 64-bit integers given as numbers are written as two 32-bit halves
 * (no bigint per row); dates are days (Date32) or milliseconds (Date64). Buffers start small and double, so a load
 * of a few rows allocates little; later batches start at the size the previous one reached.
 */
export class ColumnBuffer {
  length = 0;
  /** Rows the buffers can hold now. */
  #rows = 0;
  #nullCount = 0;
  #validity: Uint8Array | null = null;
  #offsets: Int32Array | null = null;
  #bytes = new Uint8Array(0);
  #byteLength = 0;
  /** Rows and bytes the previous batch used (size the next one). */
  #rowHint = 0;
  #byteHint = 0;
  #values: Values | null = null;
  /** Int32 view of 64-bit values (two halves per row). */
  #halves: Int32Array | null = null;
  #cells: unknown[] | null = null;

  constructor(
    readonly kind: ColumnKind,
    readonly capacity: number,
  ) {
    this.#reset();
  }

  #reset(): void {
    const rows = this.#rowHint === 0 ? Math.min(this.capacity, FIRST_ROWS) : this.#rowHint;
    this.length = 0;
    this.#nullCount = 0;
    this.#validity = null;
    this.#offsets = null;
    this.#values = null;
    this.#halves = null;
    this.#cells = this.kind === 'cells' ? [] : null;
    this.#byteLength = 0;
    if (this.kind === 'utf8') this.#bytes = new Uint8Array(Math.max(64, this.#byteHint === 0 ? rows * 16 : this.#byteHint + (this.#byteHint >> 3)));
    this.#rows = 0;
    this.#allocate(rows);
  }

  /** (Re)allocate the row-sized buffers for `rows` rows, keeping what they hold. */
  #allocate(rows: number): void {
    const keep = <T extends Values>(fresh: T, old: T | null): T => {
      if (old !== null) fresh.set(old as never);
      return fresh;
    };
    switch (this.kind) {
      case 'utf8':
        this.#offsets = keep(new Int32Array(rows + 1), this.#offsets);
        break;
      case 'bool':
        this.#values = keep(new Uint8Array((rows + 7) >> 3), this.#values as Uint8Array | null);
        break;
      case 'i32':
      case 'date32':
        this.#values = keep(new Int32Array(rows), this.#values as Int32Array | null);
        break;
      case 'u32':
        this.#values = keep(new Uint32Array(rows), this.#values as Uint32Array | null);
        break;
      case 'f32':
        this.#values = keep(new Float32Array(rows), this.#values as Float32Array | null);
        break;
      case 'f64':
        this.#values = keep(new Float64Array(rows), this.#values as Float64Array | null);
        break;
      case 'i64':
      case 'date64':
      case 'u64': {
        const v = this.kind === 'u64' ? keep(new BigUint64Array(rows), this.#values as BigUint64Array | null) : keep(new BigInt64Array(rows), this.#values as BigInt64Array | null);
        this.#values = v;
        this.#halves = new Int32Array(v.buffer);
        break;
      }
      case 'cells':
        break;
    }
    if (this.#validity !== null) {
      const validity = new Uint8Array((rows + 7) >> 3).fill(0xff);
      validity.set(this.#validity);
      this.#validity = validity;
    }
    this.#rows = rows;
  }

  /** Make room for one more row. */
  #room(): void {
    if (this.length === this.#rows) this.#allocate(Math.min(this.capacity, this.#rows * 2));
  }

  /** Append a null. */
  appendNull(): void {
    this.#room();
    const i = this.length;
    if (this.#validity === null) {
      this.#validity = new Uint8Array((this.#rows + 7) >> 3).fill(0xff);
    }
    this.#validity[i >> 3]! &= ~(1 << (i & 7));
    this.#nullCount++;
    if (this.#offsets !== null) this.#offsets[i + 1] = this.#byteLength;
    else if (this.#cells !== null) this.#cells.push(null);
    this.length = i + 1;
  }

  /** Append UTF-8 bytes (`utf8` columns; the bytes must be well-formed). */
  appendBytes(buf: Uint8Array, start: number, end: number): void {
    this.#room();
    const len = end - start;
    let at = this.#byteLength;
    if (at + len > this.#bytes.length) this.#grow(at + len);
    const bytes = this.#bytes;
    if (len > 32) bytes.set(buf.subarray(start, end), at);
    else for (let k = start; k < end; k++) bytes[at++] = buf[k]!;
    this.#byteLength += len;
    this.#offsets![++this.length] = this.#byteLength;
  }

  /** Reserve `len` bytes for the next `utf8` value and return where they start; then call {@link commitBytes}. */
  reserveBytes(len: number): number {
    this.#room();
    if (this.#byteLength + len > this.#bytes.length) this.#grow(this.#byteLength + len);
    return this.#byteLength;
  }

  /** The byte buffer of a `utf8` column (valid until the next append). */
  get bytes(): Uint8Array {
    return this.#bytes;
  }

  /** End the value written into reserved bytes, `len` long. */
  commitBytes(len: number): void {
    this.#byteLength += len;
    this.#offsets![++this.length] = this.#byteLength;
  }

  /** The bytes of the last `utf8` value appended (a view, valid until the next append). */
  lastValue(): Uint8Array {
    const o = this.#offsets!;
    return this.#bytes.subarray(o[this.length - 1]!, o[this.length]!);
  }

  /** Append a string (`utf8` columns). */
  appendString(s: string): void {
    const at = this.reserveBytes(s.length * 3);
    this.commitBytes(encoder.encodeInto(s, this.#bytes.subarray(at)).written);
  }

  /** Append a number: ints, floats, bools as 0/1, days (Date32), ms (Date64), and 64-bit ints within 2^53. */
  appendNumber(x: number): void {
    this.#room();
    const i = this.length;
    const halves = this.#halves;
    if (halves !== null) {
      const hi = Math.floor(x / 4294967296);
      halves[2 * i] = (x - hi * 4294967296) | 0;
      halves[2 * i + 1] = hi | 0;
    } else if (this.kind === 'bool') {
      if (x !== 0) (this.#values as Uint8Array)[i >> 3]! |= 1 << (i & 7);
    } else (this.#values as Float64Array)[i] = x;
    this.length = i + 1;
  }

  /** Append a bigint (`i64`, `u64`). */
  appendBigInt(x: bigint): void {
    this.#room();
    (this.#values as BigInt64Array)[this.length++] = x;
  }

  /** Append an Arrow-builder-ready cell (`cells` columns). */
  appendCell(v: unknown): void {
    this.#cells!.push(v);
    this.length++;
  }

  /** Hand over this batch's buffers (trimmed to `length`) and start the next batch. */
  finish(): FinishedColumn {
    const n = this.length;
    const trim = <T extends { slice(a: number, b: number): T; readonly length: number }>(a: T, want: number): T => (a.length === want ? a : a.slice(0, want));
    const used = this.#byteLength;
    let values: FinishedColumn['values'] = null;
    // A value buffer mostly full is handed over as a view; a mostly empty one is copied so the slack is freed.
    if (this.kind === 'utf8') values = used * 4 >= this.#bytes.length * 3 ? this.#bytes.subarray(0, used) : this.#bytes.slice(0, used);
    else if (this.kind === 'bool') values = trim(this.#values as Uint8Array, (n + 7) >> 3);
    else if (this.#values !== null) values = trim(this.#values as Int32Array, n);
    const out: FinishedColumn = {
      kind: this.kind,
      length: n,
      nullCount: this.#nullCount,
      validity: this.#validity === null ? null : trim(this.#validity, (n + 7) >> 3),
      offsets: this.#offsets === null ? null : trim(this.#offsets, n + 1),
      values,
      cells: this.#cells,
    };
    this.#rowHint = n;
    this.#byteHint = used;
    this.#reset();
    return out;
  }

  #grow(need: number): void {
    const bytes = new Uint8Array(Math.max(need, this.#bytes.length * 2));
    bytes.set(this.#bytes.subarray(0, this.#byteLength));
    this.#bytes = bytes;
  }
}

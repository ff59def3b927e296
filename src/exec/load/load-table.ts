// One type's side of a load: its Arrow batches being built, its ids, and its delta as the store checks read it.
import type { EdgeType, LoadRecord, LogicalValue, NodeType } from '../../compiler/index.js';
import type { SlotPlan, TypePlan } from '../../compiler/load/line-plan.js';
import { SLOT_BIG, SLOT_NULL, slotValue, type LineScratch } from '../../compiler/load/line-scratch.js';
import { batchesToTable, columnsToBatch, type ArrowTable, type RecordBatch, type Schema } from '../../store/lance/index.js';
import { tableSchema, toCell, type StagedRow } from '../staging/physical-rows.js';
import { hasCard, recordUnique, type RowOrigin, type TypeDeltaView, type UniqueHolder } from '../staging/type-delta.js';
import { ColumnBuffer, columnKind, type FinishedColumn } from './column-buffer.js';
import { hashBytes, IdOrigins, IdTable } from './id-table.js';
import { ULID_LENGTH, UlidBytes } from './ulid-bytes.js';

const NO_IDS: ReadonlySet<string> = new Set();
const decoder = new TextDecoder();

/**
 * The rows of one node or edge type in a load, built straight into Arrow-layout columns (a record batch every
 * `batchRows` rows), plus what the store checks need: ids written → origin line (`written`, also the J113 memory),
 * endpoints not yet known to be written nodes of this load (`sources`/`targets`), `@unique` tuples and `@card`
 * sources. It is the type's {@link TypeDeltaView}.
 */
export class LoadTable implements TypeDeltaView {
  readonly kind: 'node' | 'edge';
  overwrite = false;
  /** Ids of this type seen in the file → first line (negative for generated ids). */
  readonly ids = new IdTable();
  readonly written: IdOrigins;
  readonly deleted = NO_IDS;
  readonly uniqueKeys: Map<string, UniqueHolder>[];
  /** Edge endpoints not (yet) found among this load's nodes → first origin. */
  readonly pendingSources = new IdTable();
  readonly pendingTargets = new IdTable();
  readonly sources: IdOrigins;
  readonly targets: IdOrigins;
  readonly sourceOf: { values(): Iterable<string> } | null;
  /** Rows staged so far. */
  count = 0;
  readonly #srcs: string[] | null;
  readonly #schema: Schema;
  readonly #columns: ColumnBuffer[];
  /** Column of each slot of the plan. */
  readonly #slotColumns: ColumnBuffer[];
  readonly #batches: RecordBatch[] = [];
  readonly #ulids: UlidBytes;
  /** Edges: each row's origin in the current batch, and per closed batch its endpoint columns and origins. */
  #origins: Int32Array | null;
  #endpoints: { readonly src: FinishedColumn; readonly dst: FinishedColumn; readonly origins: Int32Array }[] = [];

  constructor(
    readonly type: NodeType | EdgeType,
    readonly plan: TypePlan,
    readonly batchRows: number,
    ulids: UlidBytes,
  ) {
    this.kind = type.kind;
    this.written = new IdOrigins(this.ids);
    this.sources = new IdOrigins(this.pendingSources);
    this.targets = new IdOrigins(this.pendingTargets);
    this.uniqueKeys = type.uniques.map(() => new Map());
    this.#srcs = type.kind === 'edge' && hasCard(type) ? [] : null;
    this.sourceOf = this.#srcs === null ? null : { values: () => this.#srcs! };
    this.#schema = tableSchema(type);
    this.#columns = type.table.columns.map((c) => new ColumnBuffer(columnKind(c.type), batchRows));
    const byProperty = new Map(type.table.columns.map((c, k) => [c.property, this.#columns[k]!]));
    this.#slotColumns = plan.slots.map((s) => byProperty.get(s.name)!);
    this.#ulids = ulids;
    this.#origins = type.kind === 'edge' ? new Int32Array(batchRows) : null;
  }

  /** Append a line the fast scanner read (its id, if any, already registered by the caller). */
  appendScanned(out: LineScratch, buf: Uint8Array, line: number): void {
    const idCol = this.#columns[0]!;
    let origin: RowOrigin = line;
    if (out.keyStart >= 0) idCol.appendBytes(buf, out.keyStart, out.keyEnd);
    else origin = this.#generateId(line);
    if (this.kind === 'edge') {
      this.#origins![idCol.length - 1] = origin;
      this.#columns[1]!.appendBytes(buf, out.fromStart, out.fromEnd);
      this.#columns[2]!.appendBytes(buf, out.toStart, out.toEnd);
      this.#srcs?.push(decoder.decode(buf.subarray(out.fromStart, out.fromEnd)));
    }
    const slots = this.plan.slots;
    for (let s = 0; s < slots.length; s++) {
      const col = this.#slotColumns[s]!;
      const state = out.state[s];
      if (state === SLOT_NULL) col.appendNull();
      else if (state === SLOT_BIG) col.appendBigInt(out.big[s]!);
      else if (col.kind === 'utf8') col.appendBytes(buf, out.start[s]!, out.end[s]!);
      else col.appendNumber(out.num[s]!);
    }
    if (this.uniqueKeys.length > 0) {
      const values: Record<string, LogicalValue> = {};
      slots.forEach((slot: SlotPlan, s) => (values[slot.name] = slotValue(out, buf, s)));
      const text = (a: number, b: number): string => decoder.decode(buf.subarray(a, b));
      const row: StagedRow = { id: this.#lastId(), values, ...(this.kind === 'edge' ? { src: text(out.fromStart, out.fromEnd), dst: text(out.toStart, out.toEnd) } : {}) };
      recordUnique(this.type, this.uniqueKeys, row, origin);
    }
    this.#rowDone();
  }

  /** Append a line the full validator read (its id, if any, already registered by the caller). */
  appendRecord(rec: LoadRecord): void {
    const idCol = this.#columns[0]!;
    let origin: RowOrigin = rec.line;
    if (rec.id !== null) idCol.appendString(rec.id);
    else origin = this.#generateId(rec.line);
    if (rec.kind === 'edge') {
      this.#origins![idCol.length - 1] = origin;
      this.#columns[1]!.appendString(rec.from);
      this.#columns[2]!.appendString(rec.to);
      this.#srcs?.push(rec.from);
    }
    const slots = this.plan.slots;
    for (let s = 0; s < slots.length; s++) {
      const col = this.#slotColumns[s]!;
      const v = rec.values[slots[s]!.name] ?? null;
      if (v === null) col.appendNull();
      else if (col.kind === 'utf8') col.appendString(v as string);
      else if (col.kind === 'cells') col.appendCell(toCell(this.type, slots[s]!.name, v));
      else if (typeof v === 'bigint') col.appendBigInt(v);
      else col.appendNumber(typeof v === 'boolean' ? (v ? 1 : 0) : (v as number));
    }
    if (this.uniqueKeys.length > 0) {
      const row: StagedRow = { id: rec.id ?? this.#lastId(), values: rec.values, ...(rec.kind === 'edge' ? { src: rec.from, dst: rec.to } : {}) };
      recordUnique(this.type, this.uniqueKeys, row, origin);
    }
    this.#rowDone();
  }

  /** Mint a ULID into the id column; a generated node id is remembered (with the negative line) for `@card`. */
  #generateId(line: number): number {
    const idCol = this.#columns[0]!;
    const at = idCol.reserveBytes(ULID_LENGTH);
    this.#ulids.write(idCol.bytes, at);
    if (this.kind === 'node') {
      const bytes = idCol.bytes;
      this.ids.add(bytes, at, at + ULID_LENGTH, hashBytes(bytes, at, at + ULID_LENGTH), -line);
    }
    idCol.commitBytes(ULID_LENGTH);
    return -line;
  }

  /** The id just appended, as text (for `@unique` holders). */
  #lastId(): string {
    return decoder.decode(this.#columns[0]!.lastValue());
  }

  #rowDone(): void {
    this.count++;
    if (this.#columns[0]!.length >= this.batchRows) this.flush();
  }

  /** Close the current batch. */
  flush(): void {
    const n = this.#columns[0]!.length;
    if (n === 0) return;
    const finished = this.#columns.map((c) => c.finish());
    this.#batches.push(columnsToBatch(this.#schema, finished));
    if (this.#origins !== null) {
      this.#endpoints.push({ src: finished[1]!, dst: finished[2]!, origins: this.#origins.slice(0, n) });
    }
  }

  /**
   * Edges, after the last {@link flush}: sort every endpoint into "a node this load writes" (in `fromIds`/`toIds`)
   * or the pending `sources`/`targets` the store checks look up, keeping the first origin naming each.
   */
  resolveEndpoints(fromIds: IdTable | null, toIds: IdTable | null): void {
    let hits = new Int32Array(0);
    for (const b of this.#endpoints) {
      if (hits.length < b.origins.length) hits = new Int32Array(b.origins.length);
      for (const [col, ids, pending] of [[b.src, fromIds, this.pendingSources], [b.dst, toIds, this.pendingTargets]] as const) {
        const values = col.values as Uint8Array;
        const offsets = col.offsets!;
        if (ids === null) hits.fill(-1);
        else ids.findMany(values, offsets, 0, b.origins.length, hits);
        for (let r = 0; r < b.origins.length; r++) if (hits[r]! < 0) pending.addIfAbsent(values, offsets[r]!, offsets[r + 1]!, b.origins[r]!);
      }
    }
    this.#endpoints = [];
  }

  /** Every staged row as one Arrow table (call after the last {@link flush}). */
  rows(): ArrowTable {
    return batchesToTable(this.#schema, this.#batches);
  }
}

// A compact summary of what a write does to one type — ids, unique tuples, endpoints — for the store-dependent checks.
import type { Catalog, EdgeType, LogicalValue, NodeType } from '../../compiler/index.js';
import { RequestError } from '../../errors/index.js';
import type { StagedRow } from './physical-rows.js';

/**
 * Where a staged row came from, for messages: a load line number (negative when the row's id was generated), or a
 * label such as `statement 2` of a mutation. Numbers keep large loads cheap.
 */
export type RowOrigin = string | number;

/** The text of an origin: `line 12`, `line 12 (generated id)`, or the label. */
export function describeOrigin(o: RowOrigin): string {
  return typeof o === 'string' ? o : o < 0 ? `line ${-o} (generated id)` : `line ${o}`;
}

/** True when the origin is a load line whose id was generated (such an id cannot already exist). */
export function isGeneratedOrigin(o: RowOrigin): boolean {
  return typeof o === 'number' && o < 0;
}

/** A `@unique` tuple's first writer in this write. */
export interface UniqueHolder {
  readonly id: string;
  readonly origin: RowOrigin;
}

/**
 * What one write does to one type's table, as the store-dependent checks read it. Rows themselves live elsewhere
 * (Arrow batches); the delta keeps only what strict inserts, referential integrity, `@unique` and `@card` need.
 */
export interface TypeDeltaView {
  readonly kind: 'node' | 'edge';
  readonly type: NodeType | EdgeType;
  /** True when the write replaces the whole table (load overwrite). */
  readonly overwrite: boolean;
  /** Ids written (inserted or replaced) → origin. */
  readonly written: ReadonlyMap<string, RowOrigin>;
  /** Ids deleted. */
  readonly deleted: ReadonlySet<string>;
  /** Per `@unique` spec (same order as `type.uniques`): tuple key → written id and origin. */
  readonly uniqueKeys: readonly ReadonlyMap<string, UniqueHolder>[];
  /**
   * Edges: endpoint id → first origin naming it. A writer may leave out endpoints it already knows to be written
   * node ids of this write (the check would accept them anyway).
   */
  readonly sources: ReadonlyMap<string, RowOrigin>;
  readonly targets: ReadonlyMap<string, RowOrigin>;
  /** Edges with a non-trivial `@card`: the source of every written edge. */
  readonly sourceOf: { values(): Iterable<string> } | null;
}

/** The deltas of one write as the checks read them, keyed `node:T` / `edge:E` in the order types were first touched. */
export interface DeltaReader {
  readonly byKey: ReadonlyMap<string, TypeDeltaView>;
  get(kind: 'node' | 'edge', name: string): TypeDeltaView | undefined;
}

/** The mutable delta a mutation or merge stages into (see {@link TypeDeltaView} for the fields). */
export interface TypeDelta extends TypeDeltaView {
  overwrite: boolean;
  readonly written: Map<string, RowOrigin>;
  readonly deleted: Set<string>;
  readonly uniqueKeys: Map<string, UniqueHolder>[];
  readonly sources: Map<string, RowOrigin>;
  readonly targets: Map<string, RowOrigin>;
  /** Edges with a non-trivial `@card`: written edge id → its source. */
  readonly sourceOf: Map<string, string> | null;
}

/** True when an edge type's `@card` constrains anything. */
export function hasCard(e: EdgeType): boolean {
  return e.cardinality.min > 0 || e.cardinality.max !== null;
}

/** A fresh delta for `type`. */
export function newDelta(type: NodeType | EdgeType): TypeDelta {
  return {
    kind: type.kind,
    type,
    overwrite: false,
    written: new Map(),
    deleted: new Set(),
    uniqueKeys: type.uniques.map(() => new Map()),
    sources: new Map(),
    targets: new Map(),
    sourceOf: type.kind === 'edge' && hasCard(type) ? new Map() : null,
  };
}

/** Deltas of one write, keyed `node:T` / `edge:E`. */
export class DeltaSet implements DeltaReader {
  readonly byKey = new Map<string, TypeDelta>();
  constructor(readonly catalog: Catalog) {}

  /** The delta of `type`, created on first use. */
  of(type: NodeType | EdgeType): TypeDelta {
    const key = `${type.kind}:${type.name}`;
    let d = this.byKey.get(key);
    if (d === undefined) {
      d = newDelta(type);
      this.byKey.set(key, d);
    }
    return d;
  }

  /** The delta of a type if this write touches it. */
  get(kind: 'node' | 'edge', name: string): TypeDelta | undefined {
    return this.byKey.get(`${kind}:${name}`);
  }
}

function tupleKey(type: NodeType | EdgeType, members: readonly string[], row: StagedRow): string | null {
  const parts: unknown[] = [];
  for (const m of members) {
    const v: LogicalValue | undefined = m === 'src' ? row.src : m === 'dst' ? row.dst : row.values[m];
    if (v === null || v === undefined) return null; // nulls are exempt from @unique
    parts.push(typeof v === 'bigint' ? `${v}n` : v);
  }
  return JSON.stringify(parts);
}

/** The `@unique` tuple keys of a row, per spec of its type (null where a member is null). */
export function uniqueTuples(type: NodeType | EdgeType, row: StagedRow): (string | null)[] {
  return type.uniques.map((u) => tupleKey(type, u.properties, row));
}

/**
 * Record that `row` is written. A second row of this write with the same `@unique` tuple is a
 * `constraint_violation` naming both origins; with `previous`, a row rewriting the same id first forgets the old keys.
 * `generatedEdgeId` marks an edge whose id was just minted (kept out of `written` to save memory on large loads).
 */
export function recordWrite(delta: TypeDelta, row: StagedRow, origin: RowOrigin, previous?: StagedRow, generatedEdgeId = false): void {
  const type = delta.type;
  if (previous !== undefined) {
    uniqueTuples(type, previous).forEach((k, i) => {
      if (k !== null && delta.uniqueKeys[i]!.get(k)?.id === previous.id) delta.uniqueKeys[i]!.delete(k);
    });
  }
  // A freshly generated edge id can collide with nothing committed and is named by nothing: not worth remembering.
  if (!generatedEdgeId) delta.written.set(row.id, origin);
  if (delta.deleted.size > 0) delta.deleted.delete(row.id);
  if (type.uniques.length > 0) recordUnique(type, delta.uniqueKeys, row, origin);
  if (row.src !== undefined && row.dst !== undefined) {
    if (!delta.sources.has(row.src)) delta.sources.set(row.src, origin);
    if (!delta.targets.has(row.dst)) delta.targets.set(row.dst, origin);
    delta.sourceOf?.set(row.id, row.src);
  }
}

/**
 * Record the `@unique` tuples of `row` (members it lacks count as null, which is exempt). A tuple another row of this
 * write already holds is a `constraint_violation` naming both origins.
 */
export function recordUnique(type: NodeType | EdgeType, uniqueKeys: readonly Map<string, UniqueHolder>[], row: StagedRow, origin: RowOrigin): void {
  uniqueTuples(type, row).forEach((k, i) => {
    if (k === null) return;
    const seen = uniqueKeys[i]!.get(k);
    if (seen !== undefined && seen.id !== row.id) {
      throw new RequestError('constraint_violation', `@unique violation on ${type.name}(${type.uniques[i]!.properties.join(', ')}): ${describeOrigin(origin)} repeats the value of ${describeOrigin(seen.origin)}`, {
        details: { type: type.name, unique: type.uniques[i]!.properties, value: k, origins: [describeOrigin(seen.origin), describeOrigin(origin)] },
      });
    }
    uniqueKeys[i]!.set(k, { id: row.id, origin });
  });
}

/** Record that id `id` is deleted (forgetting its unique keys if this write had written it). */
export function recordDelete(delta: TypeDelta, id: string, previous?: StagedRow): void {
  if (previous !== undefined) {
    uniqueTuples(delta.type, previous).forEach((k, i) => {
      if (k !== null && delta.uniqueKeys[i]!.get(k)?.id === id) delta.uniqueKeys[i]!.delete(k);
    });
  }
  delta.written.delete(id);
  delta.sourceOf?.delete(id);
  delta.deleted.add(id);
}

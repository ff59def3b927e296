// Store-dependent validation of a write before any effect: strict-insert keys, referential integrity, @unique, @card.
import type { Catalog, EdgeType, NodeType } from '../../compiler/index.js';
import { RequestError } from '../../errors/index.js';
import type { GraphSnapshot } from '../../manifest/index.js';
import { arrowToStaged } from './physical-rows.js';
import { committedColumns, committedIds, scanCommitted } from './committed.js';
import { describeOrigin, isGeneratedOrigin, uniqueTuples, type DeltaReader, type RowOrigin, type TypeDeltaView } from './type-delta.js';

/** Options of {@link checkDeltas}. */
export interface CheckOptions {
  /** Written ids must not exist yet (load `append`): an existing one is `key_conflict`. */
  readonly strictInsert?: boolean;
  /** Skip the endpoint and dangling-edge checks (a caller that reports orphan edges itself, such as merge). */
  readonly skipReferential?: boolean;
}

/**
 * Check every store-dependent rule of a write against `snap` (the state it was prepared against), in a fixed order:
 * strict-insert keys (`key_conflict`), edge endpoints (`constraint_violation`, `src 'X' not found in Person`), edges
 * left pointing at removed nodes, `@unique` against committed rows, `@card` on the resulting graph. Reads only.
 */
export async function checkDeltas(catalog: Catalog, snap: GraphSnapshot, deltas: DeltaReader, options: CheckOptions = {}): Promise<void> {
  if (options.strictInsert === true) await checkStrictInsert(snap, deltas);
  if (options.skipReferential !== true) {
    await checkEndpoints(catalog, snap, deltas);
    await checkDangling(catalog, snap, deltas);
  }
  await checkUnique(snap, deltas);
  await checkCardinality(catalog, snap, deltas);
}

async function checkStrictInsert(snap: GraphSnapshot, deltas: DeltaReader): Promise<void> {
  for (const d of deltas.byKey.values()) {
    if (d.overwrite || d.written.size === 0) continue;
    const pin = snap.table(d.type.kind, d.type.name);
    if (pin === undefined || pin.rowCount === 0) continue;
    const explicit: string[] = [];
    for (const [id, origin] of d.written) if (!isGeneratedOrigin(origin)) explicit.push(id);
    const existing = await committedIds(snap, d.type, explicit);
    // Several may conflict: name the one written earliest (the first line of a load that hits an existing id).
    let first: [string, RowOrigin] | null = null;
    for (const id of existing) {
      const origin = d.written.get(id)!;
      if (first === null || (typeof origin === 'number' && typeof first[1] === 'number' && origin < first[1])) first = [id, origin];
    }
    if (first !== null) {
      const [id, o] = first;
      const origin = describeOrigin(o);
      throw new RequestError('key_conflict', `${d.kind} ${d.type.name} id '${id}' already exists (${origin}); use merge mode to replace it`, {
        details: { type: d.type.name, kind: d.kind, id, origin, conflicts: existing.size },
      });
    }
  }
}

/** Ids of node type `node` that exist after the write, restricted to `ids`. */
async function existingAfter(snap: GraphSnapshot, deltas: DeltaReader, node: NodeType, ids: Iterable<string>): Promise<Set<string>> {
  const d = deltas.get('node', node.name);
  const out = new Set<string>();
  const ask: string[] = [];
  for (const id of ids) {
    if (d?.written.has(id)) out.add(id);
    else if (d !== undefined && (d.overwrite || d.deleted.has(id))) continue;
    else ask.push(id);
  }
  for (const id of await committedIds(snap, node, ask)) out.add(id);
  return out;
}

async function checkEndpoints(catalog: Catalog, snap: GraphSnapshot, deltas: DeltaReader): Promise<void> {
  for (const d of deltas.byKey.values()) {
    if (d.kind !== 'edge') continue;
    const e = d.type as EdgeType;
    for (const [end, ids, nodeName] of [['src', d.sources, e.from], ['dst', d.targets, e.to]] as const) {
      const node = catalog.nodes[nodeName]!;
      const live = await existingAfter(snap, deltas, node, ids.keys());
      for (const [id, o] of ids) {
        if (!live.has(id)) {
          const origin = describeOrigin(o);
          throw new RequestError('constraint_violation', `${end} '${id}' not found in ${nodeName} (${e.name}, ${origin})`, { details: { edge: e.name, endpoint: end, id, node_type: nodeName, origin } });
        }
      }
    }
  }
}

/** Committed edges of types the write does not replace must not point at nodes the write removes. */
async function checkDangling(catalog: Catalog, snap: GraphSnapshot, deltas: DeltaReader): Promise<void> {
  const removing = [...deltas.byKey.values()].filter((d) => d.kind === 'node' && (d.overwrite || d.deleted.size > 0));
  if (removing.length === 0) return;
  for (const e of Object.values(catalog.edges)) {
    const ed = deltas.get('edge', e.name);
    if (ed?.overwrite) continue;
    const from = deltas.get('node', e.from);
    const to = deltas.get('node', e.to);
    const watchFrom = from !== undefined && (from.overwrite || from.deleted.size > 0);
    const watchTo = to !== undefined && (to.overwrite || to.deleted.size > 0);
    if (!watchFrom && !watchTo) continue;
    const rows = await committedColumns(snap, e, ['id', 'src', 'dst']);
    if (rows === null) continue;
    const gone = (d: TypeDeltaView, id: string): boolean => !d.written.has(id) && (d.overwrite || d.deleted.has(id));
    for (let i = 0; i < rows.table.numRows; i++) {
      const id = String(rows.get('id', i));
      if (ed?.deleted.has(id) || ed?.written.has(id)) continue;
      const src = String(rows.get('src', i));
      const dst = String(rows.get('dst', i));
      const bad = watchFrom && gone(from!, src) ? ['src', src, e.from] : watchTo && gone(to!, dst) ? ['dst', dst, e.to] : null;
      if (bad !== null) {
        throw new RequestError('constraint_violation', `${bad[0]} '${bad[1]}' not found in ${bad[2]}: edge ${e.name} '${id}' would point at a removed node`, {
          details: { edge: e.name, id, endpoint: bad[0], node_type: bad[2] },
        });
      }
    }
  }
}

async function checkUnique(snap: GraphSnapshot, deltas: DeltaReader): Promise<void> {
  for (const d of deltas.byKey.values()) {
    const type = d.type;
    if (type.uniques.length === 0 || d.overwrite || d.uniqueKeys.every((m) => m.size === 0)) continue;
    const table = await scanCommitted(snap, type);
    if (table === null) continue;
    for (const row of arrowToStaged(type, table)) {
      if (d.written.has(row.id) || d.deleted.has(row.id)) continue;
      uniqueTuples(type, row).forEach((k, i) => {
        const hit = k === null ? undefined : d.uniqueKeys[i]!.get(k);
        if (hit !== undefined) {
          throw new RequestError('constraint_violation', `@unique violation on ${type.name}(${type.uniques[i]!.properties.join(', ')}): ${describeOrigin(hit.origin)} repeats the value of committed ${type.kind} '${row.id}'`, {
            details: { type: type.name, unique: type.uniques[i]!.properties, value: k, id: row.id, origin: describeOrigin(hit.origin) },
          });
        }
      });
    }
  }
}

async function checkCardinality(catalog: Catalog, snap: GraphSnapshot, deltas: DeltaReader): Promise<void> {
  for (const e of Object.values(catalog.edges)) {
    const { min, max } = e.cardinality;
    if (min === 0 && max === null) continue;
    const ed = deltas.get('edge', e.name);
    const nd = deltas.get('node', e.from);
    if (ed === undefined && nd === undefined) continue;
    const counts = new Map<string, number>();
    if (!ed?.overwrite) {
      const rows = await committedColumns(snap, e, ['id', 'src']);
      for (let i = 0; i < (rows?.table.numRows ?? 0); i++) {
        const id = String(rows!.get('id', i));
        if (ed?.deleted.has(id) || ed?.written.has(id)) continue;
        const src = String(rows!.get('src', i));
        counts.set(src, (counts.get(src) ?? 0) + 1);
      }
    }
    for (const src of ed?.sourceOf?.values() ?? []) counts.set(src, (counts.get(src) ?? 0) + 1);
    const fail = (src: string, n: number): never => {
      throw new RequestError('constraint_violation', `@card violation on ${e.name}: source '${src}' would have ${n} edge${n === 1 ? '' : 's'} (allowed ${min}..${max ?? ''})`, {
        details: { edge: e.name, source: src, count: n, min, max },
      });
    };
    if (max !== null) for (const [src, n] of counts) if (n > max) fail(src, n);
    if (min === 0) continue;
    const from = catalog.nodes[e.from]!;
    const sources = new Set<string>();
    if (!nd?.overwrite) {
      const rows = await committedColumns(snap, from, ['id']);
      for (let i = 0; i < (rows?.table.numRows ?? 0); i++) sources.add(String(rows!.get('id', i)));
    }
    for (const id of nd?.deleted ?? []) sources.delete(id);
    for (const id of nd?.written.keys() ?? []) sources.add(id);
    for (const src of sources) if ((counts.get(src) ?? 0) < min) fail(src, counts.get(src) ?? 0);
  }
}

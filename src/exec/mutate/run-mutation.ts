// The mutation executor: a checked `.gq` mutation staged statement by statement, validated whole, committed once.
import { canonicalNodeId, checkRowConstraints, compileQuery, type Catalog, type EdgeType, type LogicalValue, type NodeType, type RowValues } from '../../compiler/index.js';
import type { MutationQueryNode } from '../../compiler/ir/mutation-query-node.js';
import type { InsertNode } from '../../compiler/ir/insert-node.js';
import type { MutationValue } from '../../compiler/ir/shared.js';
import { OmniError, RequestError } from '../../errors/index.js';
import type { GraphSnapshot, PublishResult } from '../../manifest/index.js';
import { tableIdOf } from '../../manifest/index.js';
import { newUlid } from '../../util/ids.js';
import { constantValue, predicateFilter, type FilterValues } from '../predicate/index.js';
import { checkDeltas } from '../staging/constraints.js';
import { stagedToArrow, type StagedRow } from '../staging/physical-rows.js';
import { Staging } from '../staging/staging.js';
import type { WriteTarget } from '../load/index.js';
import { makeWriteSet, type TableWrite } from '../writeset/index.js';
import { coerceToProperty, convertParams } from './values.js';

/** Options of {@link runMutation}. */
export interface MutateOptions {
  /** The query to run when the text holds several. */
  readonly name?: string;
  /** Parameter values as JSON (integers may also be bigints or decimal strings). */
  readonly params?: Readonly<Record<string, unknown>>;
  readonly branch: string;
  /** Compare-and-swap: run only if the branch head is this commit (`precondition_failure` otherwise). */
  readonly ifCommit?: string;
  readonly actor?: string | null;
}

/** What a mutation did (spec query-language §8.3); `commit` is null when nothing changed. */
export interface MutationResult {
  readonly branch: string;
  readonly queryName: string;
  readonly affectedNodes: number;
  readonly affectedEdges: number;
  readonly actor: string | null;
  readonly commit: PublishResult | null;
}

/** Per-query caps of the spec (query-language §8.2). */
export const MUTATION_LIMITS = Object.freeze({ entitiesPerType: 8192, stagedBytesPerType: 32 * 1024 * 1024 });
const MAX_ATTEMPTS = 8;

/** Compile `text` and check it is a runnable mutation, before any I/O. */
export function prepareMutation(catalog: Catalog, text: string, name?: string): MutationQueryNode {
  const q = compileQuery(text, catalog, name);
  if (q.kind !== 'mutation-query') throw new RequestError('bad_request', `query '${q.name}' is a read query; run it with omnigraph query`, { details: { query: q.name } });
  if (q.effect === 'mixed') {
    throw new RequestError(
      'bad_request',
      `mutation '${q.name}' on the same query mixes inserts/updates and deletes; split into separate mutations: (1) inserts and updates, then (2) deletes. ` +
        'A delete cascades to edges and checks cardinality against the committed graph, which inserts staged in the same query would make ambiguous.',
      { details: { query: q.name } },
    );
  }
  for (const s of q.statements) {
    if (s.kind !== 'update') continue;
    const node = catalog.nodes[s.typeName]!;
    for (const a of s.assignments) {
      if (node.key?.properties.includes(a.property)) {
        throw new RequestError('bad_request', `cannot update @key property '${a.property}' — delete and re-insert instead`, { details: { type: s.typeName, property: a.property } });
      }
    }
  }
  return q;
}

/**
 * Run a mutation query on `options.branch` as one atomic commit (none when nothing changes). Statements run in order
 * over a staging area (later ones see earlier ones); then the whole result is validated (row constraints, endpoints,
 * `@unique`, `@card`, caps) and committed. Insert-only mutations are prepared again when the head moves; others
 * report `read_set_conflict`. With `ifCommit`, a head other than that commit is `precondition_failure`.
 */
export async function runMutation(graph: WriteTarget, text: string, options: MutateOptions): Promise<MutationResult> {
  const q = prepareMutation(graph.catalog, text, options.name);
  const params = convertParams(q.params, options.params ?? {});
  const insertOnly = q.statements.every((s) => s.kind === 'insert');
  for (let attempt = 1; ; attempt++) {
    try {
      return await mutateOnce(graph, q, { params, nowMillis: Date.now() }, options);
    } catch (err) {
      if (!(err instanceof OmniError) || err.code !== 'read_set_conflict') throw err;
      if (options.ifCommit !== undefined) throw preconditionFailure(options.ifCommit, (await graph.head(options.branch)).commitId);
      if (!insertOnly || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

function preconditionFailure(expected: string, actual: string): OmniError {
  return new OmniError('precondition_failure', `branch head is ${actual}, not ${expected}`, { details: { precondition_failure: { expected, actual } } });
}

async function mutateOnce(graph: WriteTarget, q: MutationQueryNode, values: FilterValues, options: MutateOptions): Promise<MutationResult> {
  const { catalog } = graph;
  const head = await graph.head(options.branch);
  if (options.ifCommit !== undefined && head.commitId !== options.ifCommit) throw preconditionFailure(options.ifCommit, head.commitId);
  const snap: GraphSnapshot = await graph.snapshot({ branch: options.branch });
  if (snap.headCommitId !== head.commitId) throw new OmniError('read_set_conflict', 'the branch head moved while the mutation was prepared');
  const staging = new Staging(catalog, snap);
  let nodes = 0;
  let edges = 0;
  for (const [i, s] of q.statements.entries()) {
    const origin = `statement ${i + 1}`;
    if (s.kind === 'insert') {
      insert(staging, s, values, origin);
      if (s.entity === 'node') nodes++;
      else edges++;
    } else if (s.kind === 'update') {
      const type = catalog.nodes[s.typeName]!;
      for (const row of await staging.match(type, predicateFilter(type, s.where), values)) {
        const next: Record<string, LogicalValue> = { ...row.values };
        for (const a of s.assignments) next[a.property] = coerceToProperty(type.name, type.properties[a.property]!, valueOf(a.value, values));
        staging.write(type, { id: row.id, values: checkRow(type, next, origin) }, origin);
        nodes++;
      }
    } else {
      const type = s.entity === 'node' ? catalog.nodes[s.typeName]! : catalog.edges[s.typeName]!;
      const ids = (await staging.match(type, predicateFilter(type, s.where), values)).map((r) => r.id).filter((id) => staging.delete(type, id));
      if (s.entity === 'edge') edges += ids.length;
      else {
        nodes += ids.length;
        if (ids.length > 0) edges += await cascade(staging, type as NodeType, ids);
      }
    }
  }
  const tables = writesOf(staging);
  if (tables.length === 0) return { branch: options.branch, queryName: q.name, affectedNodes: nodes, affectedEdges: edges, actor: options.actor ?? null, commit: null };
  await checkDeltas(catalog, snap, staging.deltas);
  const ws = makeWriteSet({ branch: options.branch, expectedHead: head, writerKind: 'mutation', actor: options.actor ?? null, message: `mutation ${q.name}`, tables });
  const commit = await graph.applyWriteSet(ws);
  return { branch: options.branch, queryName: q.name, affectedNodes: nodes, affectedEdges: edges, actor: options.actor ?? null, commit };
}

function valueOf(v: MutationValue, values: FilterValues): LogicalValue {
  return constantValue(v, values)!.value;
}

function checkRow(type: NodeType | EdgeType, row: Record<string, LogicalValue>, origin: string): RowValues {
  for (const p of Object.values(type.properties)) {
    if ((row[p.name] ?? null) === null && !p.type.nullable) {
      throw new RequestError('constraint_violation', `${type.name}.${p.name} is required but would be null (${origin})`, { details: { type: type.name, property: p.name, origin } });
    }
  }
  const violation = checkRowConstraints(type, row)[0];
  if (violation !== undefined) throw new RequestError('constraint_violation', `${violation.message} (${origin})`, { details: { type: type.name, property: violation.property, rule: violation.kind, origin } });
  return row;
}

function insert(staging: Staging, s: InsertNode, values: FilterValues, origin: string): void {
  const type = s.entity === 'node' ? staging.catalog.nodes[s.typeName]! : staging.catalog.edges[s.typeName]!;
  const row: Record<string, LogicalValue> = {};
  for (const p of Object.values(type.properties)) row[p.name] = null;
  for (const a of s.assignments) row[a.property] = coerceToProperty(type.name, type.properties[a.property]!, valueOf(a.value, values));
  const checked = checkRow(type, row, origin);
  if (type.kind === 'node') {
    staging.write(type, { id: canonicalNodeId(type, checked) ?? newUlid(), values: checked }, origin);
    return;
  }
  const from = s.from === null ? null : valueOf(s.from, values);
  const to = s.to === null ? null : valueOf(s.to, values);
  if (typeof from !== 'string' || typeof to !== 'string') {
    throw new RequestError('constraint_violation', `insert ${type.name} needs string endpoints 'from' and 'to' (${origin})`, { details: { type: type.name, origin } });
  }
  staging.write(type, { id: newUlid(), src: from, dst: to, values: checked }, origin);
}

async function cascade(staging: Staging, node: NodeType, ids: readonly string[]): Promise<number> {
  let n = 0;
  for (const e of Object.values(staging.catalog.edges)) {
    for (const end of ['src', 'dst'] as const) {
      if ((end === 'src' ? e.from : e.to) !== node.name) continue;
      for (const id of await staging.incidentEdges(e, end, ids)) if (staging.delete(e, id)) n++;
    }
  }
  return n;
}

function writesOf(staging: Staging): TableWrite[] {
  const out: TableWrite[] = [];
  for (const t of staging.tables.values()) {
    const rows: StagedRow[] = [...t.rows.values()];
    if (rows.length === 0 && t.deleted.size === 0) continue;
    const arrow = rows.length === 0 ? null : stagedToArrow(t.type, rows);
    const entities = rows.length + t.deleted.size;
    const bytes = arrow === null ? 0 : arrow.batches.reduce((s, b) => s + b.data.byteLength, 0);
    if (entities > MUTATION_LIMITS.entitiesPerType || bytes > MUTATION_LIMITS.stagedBytesPerType) {
      throw new RequestError('resource_limit', `mutation stages ${entities} entities (${bytes} bytes) of ${t.type.name}; the limit is ${MUTATION_LIMITS.entitiesPerType} entities and 32 MiB per type — split it`, {
        details: { type: t.type.name, entities, bytes, ...MUTATION_LIMITS },
      });
    }
    out.push({ tableId: tableIdOf(t.type.kind, t.type.table.identity), tableKey: `${t.type.kind}:${t.type.name}`, mode: 'upsert', rows: arrow, deleteIds: [...t.deleted] });
  }
  return out;
}

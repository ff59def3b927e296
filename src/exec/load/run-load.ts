// The bulk loader: strict JSONL → validated Arrow batches per table → store checks → one write set, one commit.
import { createLoadValidator, loadError, type Catalog, type EdgeType, type LoadDiagnostic, type LoadRecord, type NodeType } from '../../compiler/index.js';
import { OmniError, RequestError } from '../../errors/index.js';
import type { GraphSnapshot, HeadRecord, PublishResult } from '../../manifest/index.js';
import { tableIdOf } from '../../manifest/index.js';
import type { ArrowTable } from '../../store/lance/index.js';
import { newUlid } from '../../util/ids.js';
import { checkDeltas } from '../staging/constraints.js';
import { stagedToArrow, type StagedRow } from '../staging/physical-rows.js';
import { DeltaSet, recordWrite } from '../staging/type-delta.js';
import { makeWriteSet, type TableWrite, type WriteSet } from '../writeset/index.js';
import { sourceLines, sourceSize, type LoadSource } from './load-source.js';

/** Load modes of the spec (schema-language §9.4); there is no default. */
export type LoadMode = 'append' | 'merge' | 'overwrite';

/** What the loader needs from an open graph (the engine's `Omnigraph` satisfies it). */
export interface WriteTarget {
  readonly catalog: Catalog;
  head(branch: string): Promise<HeadRecord>;
  snapshot(target: { readonly branch: string }): Promise<GraphSnapshot>;
  applyWriteSet(ws: WriteSet): Promise<PublishResult | null>;
}

/** Progress of a load, reported while lines are decoded. */
export interface LoadProgress {
  readonly phase: 'decode' | 'check' | 'commit';
  readonly lines: number;
  readonly bytesRead: number;
  readonly totalBytes: number | null;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  readonly mode: LoadMode;
  readonly branch: string;
  readonly actor?: string | null;
  readonly onProgress?: (p: LoadProgress) => void;
  /** Rows per Arrow batch while decoding (default 8192). */
  readonly batchRows?: number;
}

/** Entities loaded per type. */
export interface LoadedType {
  readonly name: string;
  readonly entities_loaded: number;
}

/** The outcome of one load: one commit, or none for a file without entities. */
export interface LoadResult {
  readonly branch: string;
  readonly mode: LoadMode;
  readonly nodes: readonly LoadedType[];
  readonly edges: readonly LoadedType[];
  readonly totalEntities: number;
  readonly commit: PublishResult | null;
}

const MODES: readonly string[] = ['append', 'merge', 'overwrite'];
const MAX_ATTEMPTS = 8;

/**
 * Load a strict JSONL source into `options.branch` as one atomic commit. Every line is validated (`load_invalid`
 * naming the line; the same id twice names both lines), then the store-dependent rules (`key_conflict` in append
 * mode, `constraint_violation` for endpoints, `@unique`, `@card`); nothing is written unless all pass. When the head
 * moves while the load is prepared, the load is prepared again from the source (up to 8 attempts).
 * @example
 * const r = await runLoad(graph, { path: 'people.jsonl' }, { mode: 'merge', branch: 'main' });
 */
export async function runLoad(graph: WriteTarget, source: LoadSource, options: LoadOptions): Promise<LoadResult> {
  if (!MODES.includes(options.mode)) throw new RequestError('bad_request', `unknown load mode '${String(options.mode)}'; use append, merge or overwrite`, { details: { mode: options.mode } });
  for (let attempt = 1; ; attempt++) {
    try {
      return await loadOnce(graph, source, options);
    } catch (err) {
      if (!(err instanceof OmniError) || err.code !== 'read_set_conflict' || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

interface TypeBuffer {
  readonly type: NodeType | EdgeType;
  pending: StagedRow[];
  readonly batches: ArrowTable[];
  count: number;
}

async function loadOnce(graph: WriteTarget, source: LoadSource, options: LoadOptions): Promise<LoadResult> {
  const { catalog } = graph;
  const head = await graph.head(options.branch);
  const snap = await graph.snapshot({ branch: options.branch });
  if (snap.headCommitId !== head.commitId) throw new OmniError('read_set_conflict', 'the branch head moved while the load was prepared');
  const batchRows = options.batchRows ?? 8192;
  const totalBytes = sourceSize(source);
  const validator = createLoadValidator(catalog);
  const deltas = new DeltaSet(catalog);
  const buffers = new Map<string, TypeBuffer>();
  const diagnostics: LoadDiagnostic[] = [];
  let lines = 0;
  let bytesRead = 0;
  for await (const l of sourceLines(source)) {
    lines = l.line;
    bytesRead = l.bytesRead;
    const r = validator.line(l.text, l.line);
    if (!r.ok) {
      diagnostics.push(...r.diagnostics);
      if (diagnostics.length >= 100) break;
      continue;
    }
    if (r.record === null || diagnostics.length > 0) continue;
    stage(r.record, catalog, deltas, buffers, batchRows);
    if (l.line % 50_000 === 0) options.onProgress?.({ phase: 'decode', lines, bytesRead, totalBytes });
  }
  if (diagnostics.length > 0) throw loadError(diagnostics);
  options.onProgress?.({ phase: 'check', lines, bytesRead, totalBytes });
  for (const b of buffers.values()) flush(b);
  if (options.mode === 'overwrite') for (const d of deltas.byKey.values()) d.overwrite = true;
  await checkDeltas(catalog, snap, deltas, { strictInsert: options.mode === 'append' });
  const tables: TableWrite[] = [...buffers.values()].map((b) => ({
    tableId: tableIdOf(b.type.kind, b.type.table.identity),
    tableKey: `${b.type.kind}:${b.type.name}`,
    mode: options.mode === 'append' ? 'append' : options.mode === 'merge' ? 'upsert' : 'overwrite',
    rows: b.batches.length === 1 ? b.batches[0]! : b.batches[0]!.concat(...b.batches.slice(1)),
    deleteIds: [],
  }));
  options.onProgress?.({ phase: 'commit', lines, bytesRead, totalBytes });
  const commit =
    tables.length === 0
      ? null
      : await graph.applyWriteSet(makeWriteSet({ branch: options.branch, expectedHead: head, writerKind: 'load', actor: options.actor ?? null, tables }));
  const summary = (kind: 'node' | 'edge'): LoadedType[] =>
    [...buffers.values()]
      .filter((b) => b.type.kind === kind)
      .map((b) => ({ name: b.type.name, entities_loaded: b.count }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nodes = summary('node');
  const edges = summary('edge');
  return { branch: options.branch, mode: options.mode, nodes, edges, totalEntities: [...nodes, ...edges].reduce((n, t) => n + t.entities_loaded, 0), commit };
}

function stage(rec: LoadRecord, catalog: Catalog, deltas: DeltaSet, buffers: Map<string, TypeBuffer>, batchRows: number): void {
  const type = rec.kind === 'node' ? catalog.nodes[rec.typeName]! : catalog.edges[rec.typeName]!;
  const key = `${rec.kind}:${rec.typeName}`;
  let b = buffers.get(key);
  if (b === undefined) {
    b = { type, pending: [], batches: [], count: 0 };
    buffers.set(key, b);
  }
  const row: StagedRow = rec.kind === 'node' ? { id: rec.id ?? newUlid(), values: rec.values } : { id: rec.id ?? newUlid(), src: rec.from, dst: rec.to, values: rec.values };
  recordWrite(deltas.of(type), row, rec.id === null ? -rec.line : rec.line, undefined, rec.kind === 'edge' && rec.id === null);
  b.pending.push(row);
  b.count++;
  if (b.pending.length >= batchRows) flush(b);
}

function flush(b: TypeBuffer): void {
  if (b.pending.length === 0) return;
  b.batches.push(stagedToArrow(b.type, b.pending));
  b.pending = [];
}

// The bulk loader: strict JSONL bytes → validated rows straight into Arrow batches per table → store checks → one commit.
import { loadError, type Catalog } from '../../compiler/index.js';
import { OmniError, RequestError } from '../../errors/index.js';
import type { GraphSnapshot, HeadRecord, PublishResult } from '../../manifest/index.js';
import { tableIdOf } from '../../manifest/index.js';
import { checkDeltas } from '../staging/constraints.js';
import { makeWriteSet, type TableWrite, type WriteSet } from '../writeset/index.js';
import { forEachLine, sourceChunks, sourceSize, textLines, type LoadSource } from './load-source.js';
import { LoadState } from './load-state.js';

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
  /** Rows per Arrow record batch while decoding (default 65,536). */
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

/** Rows per Arrow batch while decoding, unless the caller sets `batchRows`. */
const DEFAULT_BATCH_ROWS = 65_536;
const MAX_DIAGNOSTICS = 100;
const PROGRESS_LINES = 50_000;

async function loadOnce(graph: WriteTarget, source: LoadSource, options: LoadOptions): Promise<LoadResult> {
  const { catalog } = graph;
  const head = await graph.head(options.branch);
  const snap = await graph.snapshot({ branch: options.branch });
  if (snap.headCommitId !== head.commitId) throw new OmniError('read_set_conflict', 'the branch head moved while the load was prepared');
  const totalBytes = sourceSize(source);
  const state = new LoadState(catalog, options.batchRows ?? DEFAULT_BATCH_ROWS);
  let lines = 0;
  let bytesRead = 0;
  let nextProgress = PROGRESS_LINES;
  const progress = (): void => {
    nextProgress += PROGRESS_LINES;
    options.onProgress?.({ phase: 'decode', lines, bytesRead, totalBytes });
  };
  for await (const chunk of sourceChunks(source)) {
    bytesRead = chunk.bytesRead;
    let more = true;
    if (chunk.kind === 'text') {
      for (const text of textLines(chunk.text)) {
        state.textLine(text, ++lines);
        if (state.diagnostics.length >= MAX_DIAGNOSTICS) break;
        if (lines >= nextProgress) progress();
      }
    } else {
      const { buf } = chunk;
      more = forEachLine(chunk, (start, end) => {
        state.bytesLine(buf, start, end, ++lines);
        if (lines >= nextProgress) progress();
        return state.diagnostics.length < MAX_DIAGNOSTICS;
      });
    }
    if (!more) break;
  }
  if (state.diagnostics.length > 0) throw loadError(state.diagnostics);
  options.onProgress?.({ phase: 'check', lines, bytesRead, totalBytes });
  state.finish();
  const loaded = [...state.byKey.values()];
  for (const t of loaded) t.overwrite = options.mode === 'overwrite';
  await checkDeltas(catalog, snap, state, { strictInsert: options.mode === 'append' });
  const tables: TableWrite[] = loaded.map((t) => ({
    tableId: tableIdOf(t.type.kind, t.type.table.identity),
    tableKey: `${t.type.kind}:${t.type.name}`,
    mode: options.mode === 'append' ? 'append' : options.mode === 'merge' ? 'upsert' : 'overwrite',
    rows: t.rows(),
    deleteIds: [],
  }));
  options.onProgress?.({ phase: 'commit', lines, bytesRead, totalBytes });
  const commit =
    tables.length === 0
      ? null
      : await graph.applyWriteSet(makeWriteSet({ branch: options.branch, expectedHead: head, writerKind: 'load', actor: options.actor ?? null, tables }));
  const summary = (kind: 'node' | 'edge'): LoadedType[] =>
    loaded
      .filter((t) => t.kind === kind)
      .map((t) => ({ name: t.type.name, entities_loaded: t.count }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nodes = summary('node');
  const edges = summary('edge');
  return { branch: options.branch, mode: options.mode, nodes, edges, totalEntities: [...nodes, ...edges].reduce((n, t) => n + t.entities_loaded, 0), commit };
}

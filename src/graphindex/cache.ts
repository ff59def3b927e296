// The graph index of a snapshot: node tables and per-edge-type CSR/CSC, cached LRU by the pins they were built from.
import type { TableLayout } from '../compiler/index.js';
import type { CsrInput, CsrOutput } from './csr.js';
import { loadEdgeData, loadNodeData, pinKey, type NodeData, type PinnedTable, type TableData } from './tables.js';

/** Builds CSR/CSC from dense endpoints: inline for small tables, in a worker for large ones (injected by the engine). */
export type CsrBuilder = (input: CsrInput) => Promise<CsrOutput>;

/** The topology of one edge type at one set of pins. */
export interface EdgeIndex {
  readonly edges: TableData;
  readonly from: NodeData;
  readonly to: NodeData;
  /** `out` by `From` dense id, `in` by `To` dense id. */
  readonly csr: CsrOutput;
  /** Milliseconds the CSR/CSC build took (dense mapping + build). */
  readonly buildMillis: number;
}

class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly capacity: number) {}
  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V): void {
    this.#map.set(key, v);
    while (this.#map.size > this.capacity) this.#map.delete(this.#map.keys().next().value as string);
  }
  delete(key: string): void {
    this.#map.delete(key);
  }
  get size(): number {
    return this.#map.size;
  }
}

/** Options of {@link GraphIndexCache}. */
export interface GraphIndexCacheOptions {
  /** Edge indexes kept (design: 8). */
  readonly edgeCapacity?: number;
  /** Node tables kept. */
  readonly nodeCapacity?: number;
  readonly build: CsrBuilder;
}

/**
 * Node tables and edge indexes keyed by pins: an edge index by the pins of the edge table and both endpoint node
 * tables, so a write to any of them builds a new index while older snapshots keep theirs until evicted.
 * @example
 * const idx = await cache.edgeIndex(edgeLayout, edgePin, fromLayout, fromPin, toLayout, toPin);
 */
export class GraphIndexCache {
  readonly #edges: Lru<Promise<EdgeIndex>>;
  readonly #nodes: Lru<Promise<NodeData>>;
  readonly #build: CsrBuilder;
  /** Number of CSR builds run (tests check cache hits). */
  builds = 0;

  constructor(options: GraphIndexCacheOptions) {
    this.#edges = new Lru(options.edgeCapacity ?? 8);
    this.#nodes = new Lru(options.nodeCapacity ?? 32);
    this.#build = options.build;
  }

  /** Number of cached edge indexes. */
  get edgeEntries(): number {
    return this.#edges.size;
  }

  /** The node table at `pin`. */
  nodes(layout: TableLayout, pin: PinnedTable): Promise<NodeData> {
    const key = pinKey(pin);
    let p = this.#nodes.get(key);
    if (p === undefined) {
      p = loadNodeData(layout, pin);
      p.catch(() => this.#nodes.delete(key));
      this.#nodes.set(key, p);
    }
    return p;
  }

  /** The CSR/CSC of an edge type at the pins of its table and endpoint tables. */
  edgeIndex(edge: { layout: TableLayout; pin: PinnedTable }, from: { layout: TableLayout; pin: PinnedTable }, to: { layout: TableLayout; pin: PinnedTable }): Promise<EdgeIndex> {
    const key = `${pinKey(edge.pin)}|${pinKey(from.pin)}|${pinKey(to.pin)}`;
    let p = this.#edges.get(key);
    if (p === undefined) {
      p = this.#buildIndex(edge, from, to);
      p.catch(() => this.#edges.delete(key));
      this.#edges.set(key, p);
    }
    return p;
  }

  async #buildIndex(edge: { layout: TableLayout; pin: PinnedTable }, from: { layout: TableLayout; pin: PinnedTable }, to: { layout: TableLayout; pin: PinnedTable }): Promise<EdgeIndex> {
    const [edges, fromNodes, toNodes] = await Promise.all([loadEdgeData(edge.layout, edge.pin), this.nodes(from.layout, from.pin), this.nodes(to.layout, to.pin)]);
    const started = performance.now();
    const srcIds = edges.values('src');
    const dstIds = edges.values('dst');
    const src = new Int32Array(edges.size);
    const dst = new Int32Array(edges.size);
    for (let e = 0; e < edges.size; e++) {
      src[e] = fromNodes.denseId(srcIds[e] as string);
      dst[e] = toNodes.denseId(dstIds[e] as string);
    }
    // The endpoint strings are the bulk of the table's memory; the CSR/CSC holds the topology from here on.
    edges.release('src');
    edges.release('dst');
    this.builds++;
    const csr = await this.#build({ src, dst, fromCount: fromNodes.size, toCount: toNodes.size });
    return { edges, from: fromNodes, to: toNodes, csr, buildMillis: performance.now() - started };
  }
}


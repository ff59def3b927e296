// A naive reference for read queries on small graphs: plain arrays and nested loops, written from the spec's text.
import { mulberry32 as rng } from '../../src/util/prng.js';
export { rng };

/** A node of the random graph (`N` nodes have `v`, `M` nodes do not). */
export interface NaiveNode {
  readonly type: 'N' | 'M';
  readonly name: string;
  readonly v: number | null;
}

/** An edge of type `E` (N→N, with `w`) or `F` (N→M). */
export interface NaiveEdge {
  readonly type: 'E' | 'F';
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly w: number | null;
}

/** The random graph. */
export interface NaiveGraph {
  readonly nodes: readonly NaiveNode[];
  readonly edges: readonly NaiveEdge[];
}

/** Pairs (a, b) such that an `E` edge connects them in the followed direction(s). */
export function steps(g: NaiveGraph, undirected: boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const e of g.edges) {
    if (e.type !== 'E') continue;
    out.push([e.from, e.to]);
    if (undirected) out.push([e.to, e.from]);
  }
  return out;
}

/**
 * Destinations of `src` over `E` with hops {min,max}, by the spec's rule restated as distances: a node t ≠ src
 * at shortest distance d is emitted when min ≤ d ≤ max, or when t has a self-loop and min ≤ d+1 ≤ max (the
 * loop is seen while expanding t one hop later); src itself only through its own self-loop at hop 1.
 */
export function reach(g: NaiveGraph, src: string, min: number, max: number, undirected: boolean): string[] {
  const pairs = steps(g, undirected);
  const names = g.nodes.filter((n) => n.type === 'N').map((n) => n.name);
  const dist = new Map<string, number>([[src, 0]]);
  // Relax shortest distances until nothing changes (Bellman-Ford with unit weights).
  for (let round = 0; round < names.length; round++) {
    for (const [a, b] of pairs) {
      const da = dist.get(a);
      if (da === undefined) continue;
      if ((dist.get(b) ?? Infinity) > da + 1) dist.set(b, da + 1);
    }
  }
  const selfLoop = (n: string) => pairs.some(([a, b]) => a === n && b === n);
  const out: string[] = [];
  for (const t of names) {
    const d = dist.get(t);
    if (d === undefined) continue;
    const inRange = (h: number) => h >= min && h <= max;
    if (t === src) {
      if (selfLoop(t) && inRange(1)) out.push(t);
      continue;
    }
    if (inRange(d) || (selfLoop(t) && inRange(d + 1))) out.push(t);
  }
  return out;
}


/** A random small graph: 3–7 `N`, 1–3 `M`, up to 14 `E` edges (self-loops and parallel edges allowed), some `F`. */
export function randomGraph(r: () => number): NaiveGraph {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const nodes: NaiveNode[] = [];
  const nN = int(3, 7);
  for (let i = 0; i < nN; i++) nodes.push({ type: 'N', name: `n${i}`, v: r() < 0.2 ? null : int(0, 5) });
  const nM = int(1, 3);
  for (let i = 0; i < nM; i++) nodes.push({ type: 'M', name: `m${i}`, v: null });
  const edges: NaiveEdge[] = [];
  const nE = int(0, 14);
  for (let i = 0; i < nE; i++) edges.push({ type: 'E', id: `e${String(i).padStart(2, '0')}`, from: `n${int(0, nN - 1)}`, to: `n${int(0, nN - 1)}`, w: r() < 0.2 ? null : int(0, 3) });
  const nF = int(0, nN);
  for (let i = 0; i < nF; i++) edges.push({ type: 'F', id: `f${String(i).padStart(2, '0')}`, from: `n${int(0, nN - 1)}`, to: `m${int(0, nM - 1)}`, w: null });
  return { nodes, edges };
}

/** The graph as load envelopes. */
export function graphLines(g: NaiveGraph): string[] {
  return [
    ...g.nodes.map((n) => JSON.stringify(n.type === 'N' ? { type: 'N', data: n.v === null ? { name: n.name } : { name: n.name, v: n.v } } : { type: 'M', data: { name: n.name } })),
    ...g.edges.map((e) => JSON.stringify({ edge: e.type, from: e.from, to: e.to, data: e.type === 'E' && e.w !== null ? { id: e.id, w: e.w } : { id: e.id } })),
  ];
}

/** The schema of the random graphs. */
export const NAIVE_SCHEMA = `
node N { name: String @key  v: I32? }
node M { name: String @key }
edge E: N -> N { w: I32? }
edge F: N -> M
`;

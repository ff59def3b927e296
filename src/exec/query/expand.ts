// Traversal: breadth-first expansion with hop bounds and per-source set semantics, or one row per edge when bound.
import type { ExpandNode } from '../../compiler/ir/expand-node.js';
import type { Adjacency } from '../../graphindex/index.js';
import type { ExecContext } from './context.js';
import type { Sink } from './scan.js';

/** A producer of input rows (the expand's input operator). */
export type Source = (sink: Sink) => boolean;

/** Expand every input row along `node` (spec §4.2), pushing results into `sink`. */
export function runExpand(ctx: ExecContext, node: ExpandNode, input: Source, sink: Sink): boolean {
  const idx = ctx.edges(node.edgeType);
  const lists: Adjacency[] = node.direction === 'out' ? [idx.csr.out] : node.direction === 'in' ? [idx.csr.in] : [idx.csr.out, idx.csr.in];
  const fromSlot = ctx.slot(node.from);
  const toSlot = ctx.slot(node.to);
  if (node.maxHops < node.minHops) return true;
  if (node.edgeVariable !== null) {
    const edgeSlot = ctx.slot(node.edgeVariable);
    const seen = new Set<number>();
    return input((row) => {
      const u = row[fromSlot] as number;
      if (u < 0) return true;
      const want = node.toBound ? (row[toSlot] as number) : -2;
      seen.clear();
      for (const adj of lists) {
        for (let k = adj.offsets[u] as number, end = adj.offsets[u + 1] as number; k < end; k++) {
          const v = adj.targets[k] as number;
          const e = adj.edges[k] as number;
          if (want !== -2 && v !== want) continue;
          if (lists.length > 1) {
            if (seen.has(e)) continue;
            seen.add(e);
          }
          row[toSlot] = v;
          row[edgeSlot] = e;
          if (!sink(row)) return false;
        }
      }
      return true;
    });
  }
  // Dense ids of the destination type; `from` and `to` share one id space when hops can chain (From == To).
  const toCount = node.direction === 'in' ? idx.from.size : idx.to.size;
  const sameSpace = node.maxHops > 1 || idx.from === idx.to;
  const { visited, emitted, nextGen } = ctx.scratch(toCount);
  let frontier: number[] = [];
  let next: number[] = [];
  const found: number[] = [];
  return input((row) => {
    const src = row[fromSlot] as number;
    if (src < 0) return true;
    const want = node.toBound ? (row[toSlot] as number) : -2;
    // The whole search of one source completes before any row moves on: downstream operators share the marks.
    const gen = nextGen();
    found.length = 0;
    if (sameSpace && src < toCount) visited[src] = gen;
    frontier.length = 0;
    frontier.push(src);
    for (let h = 1; h <= node.maxHops && frontier.length > 0; h++) {
      next.length = 0;
      for (const u of frontier) {
        for (const adj of lists) {
          for (let k = adj.offsets[u] as number, end = adj.offsets[u + 1] as number; k < end; k++) {
            const v = adj.targets[k] as number;
            if (sameSpace && v === u) {
              if (h >= node.minHops && emitted[v] !== gen) {
                emitted[v] = gen;
                found.push(v);
              }
              continue;
            }
            if (visited[v] === gen) continue;
            visited[v] = gen;
            next.push(v);
            if (h >= node.minHops) {
              emitted[v] = gen;
              found.push(v);
            }
          }
        }
      }
      [frontier, next] = [next, frontier];
    }
    if (found.length === 0) return true;
    const targets = found.slice();
    for (const v of targets) {
      if (want !== -2 && v !== want) continue;
      row[toSlot] = v;
      if (!sink(row)) return false;
    }
    return true;
  });
}

// Property test: on random small graphs, the executor's rows equal a naive nested-loop evaluator's for random queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { writeJsonl } from '../support/jsonl-write.js';
import { tempDir } from '../support/temp.js';
import { graphLines, NAIVE_SCHEMA, randomGraph, reach, rng, type NaiveGraph } from './naive-graph.js';

type Row = Record<string, unknown>;
interface Case {
  readonly text: string;
  readonly params?: Record<string, unknown>;
  readonly expected: Row[];
  /** True when the query's order is total, so rows must match in sequence. */
  readonly ordered: boolean;
}

const GRAPHS = 24;
const QUERIES_PER_GRAPH = 25;

function cmpNullFirst(a: number | null, b: number | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return a - b;
}
const str = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Distinct E-neighbours of `a` (set semantics of an unbound single hop). */
function out1(g: NaiveGraph, a: string): string[] {
  return [...new Set(g.edges.filter((e) => e.type === 'E' && e.from === a).map((e) => e.to))];
}

function randomCase(g: NaiveGraph, r: () => number): Case {
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const ns = g.nodes.filter((n) => n.type === 'N');
  const pick = () => ns[int(0, ns.length - 1)]!.name;
  const vOf = (name: string) => ns.find((n) => n.name === name)!.v;
  const shape = int(0, 9);
  switch (shape) {
    case 0: {
      const src = pick();
      const min = int(1, 3);
      const max = int(min, 4);
      const und = r() < 0.4;
      const edge = und ? '<e>' : 'e';
      return { text: `query q() { match { $a: N { name: "${src}" }  $a ${edge}{${min},${max}} $b } return { $b.name } }`, expected: reach(g, src, min, max, und).map((b) => ({ 'b.name': b })), ordered: false };
    }
    case 1: {
      const min = int(1, 2);
      const max = int(min, 3);
      const und = r() < 0.4;
      const expected = ns.flatMap((a) => reach(g, a.name, min, max, und).map((b) => ({ 'a.name': a.name, 'b.name': b })));
      return { text: `query q() { match { $a: N  $a ${und ? '<e>' : 'e'}{${min},${max}} $b } return { $a.name, $b.name } }`, expected, ordered: false };
    }
    case 2: {
      const k = int(0, 3);
      const und = r() < 0.5;
      const expected: Row[] = [];
      for (const a of ns) {
        for (const e of g.edges) {
          if (e.type !== 'E' || e.w === null || e.w < k) continue;
          if (e.from === a.name) expected.push({ 'a.name': a.name, 'b.name': e.to, 'w.w': e.w });
          else if (und && e.to === a.name) expected.push({ 'a.name': a.name, 'b.name': e.from, 'w.w': e.w });
        }
      }
      return { text: `query q($k: I32) { match { $a: N  $a $w:${und ? '<e>' : 'e'} $b  $w.w >= $k } return { $a.name, $b.name, $w.w } }`, params: { k }, expected, ordered: false };
    }
    case 3: {
      const k = int(0, 4);
      const expected = ns.filter((a) => !out1(g, a.name).some((b) => (vOf(b) ?? -Infinity) > k)).map((a) => ({ 'a.name': a.name }));
      return { text: `query q() { match { $a: N  not { $a e $b  $b.v > ${k} } } return { $a.name } }`, expected, ordered: false };
    }
    case 4: {
      const expected = ns.filter((a) => !g.edges.some((e) => e.type === 'F' && e.from === a.name)).map((a) => ({ 'a.name': a.name }));
      return { text: `query q() { match { $a: N  not { $a f $_ } } return { $a.name } order { $a.name } }`, expected: expected.sort((x, y) => str(x['a.name'] as string, y['a.name'] as string)), ordered: true };
    }
    case 5: {
      const expected: Row[] = [];
      for (const a of [...ns].sort((x, y) => str(x.name, y.name))) {
        const bs = out1(g, a.name);
        if (bs.length === 0) continue;
        const vs = bs.map(vOf).filter((v): v is number => v !== null);
        expected.push({
          'a.name': a.name,
          c: bs.length,
          s: vs.length === 0 ? null : vs.reduce((x, y) => x + y, 0),
          lo: vs.length === 0 ? null : Math.min(...vs),
          hi: vs.length === 0 ? null : Math.max(...vs),
          av: vs.length === 0 ? null : vs.reduce((x, y) => x + y, 0) / vs.length,
        });
      }
      return { text: 'query q() { match { $a: N  $a e $b } return { $a.name, count($b) as c, sum($b.v) as s, min($b.v) as lo, max($b.v) as hi, avg($b.v) as av } order { $a.name } }', expected, ordered: true };
    }
    case 6: {
      const desc = r() < 0.5;
      const limit = int(0, 6);
      const rows = ns.flatMap((a) => out1(g, a.name).map((b) => ({ a: a.name, b, v: vOf(b) })));
      rows.sort((x, y) => {
        const c = cmpNullFirst(x.v, y.v) * (desc ? -1 : 1);
        return c !== 0 ? c : str(x.a, y.a) || str(x.b, y.b);
      });
      const expected = rows.slice(0, limit).map((x) => ({ 'a.name': x.a, 'b.name': x.b, 'b.v': x.v }));
      return { text: `query q() { match { $a: N  $a e $b } return { $a.name, $b.name, $b.v } order { $b.v${desc ? ' desc' : ''}, $a.name } limit ${limit} }`, expected, ordered: true };
    }
    case 7: {
      const expected: Row[] = [];
      for (const a of ns) for (const b of out1(g, a.name)) for (const c of out1(g, b)) if (out1(g, c).includes(a.name)) expected.push({ 'a.name': a.name, 'b.name': b, 'c.name': c });
      return { text: 'query q() { match { $a: N  $a e $b  $b e $c  $c e $a } return { $a.name, $b.name, $c.name } }', expected, ordered: false };
    }
    case 8: {
      const k = int(0, 5);
      const ms = g.nodes.filter((n) => n.type === 'M');
      const expected = ns.filter((a) => a.v !== null && a.v >= k).flatMap((a) => ms.map((m) => ({ 'a.name': a.name, 'm.name': m.name })));
      return { text: 'query q($k: I32) { match { $a: N  $a.v >= $k  $m: M } return { $a.name, $m.name } }', params: { k }, expected, ordered: false };
    }
    default: {
      const m = g.nodes.filter((n) => n.type === 'M')[0]!.name;
      const prefix = `n${int(0, 3)}`;
      const senders = [...new Set(g.edges.filter((e) => e.type === 'F' && e.to === m).map((e) => e.from))].filter((a) => a.startsWith(prefix));
      return {
        text: `query q($m: String) { match { $x: M { name: $m }  $a f $x  $a.name starts_with "${prefix}" } return { $a.name, $x } }`,
        params: { m },
        expected: senders.map((a) => ({ 'a.name': a, x: m })),
        ordered: false,
      };
    }
  }
}

const sortRows = (rows: readonly unknown[]) => rows.map((x) => JSON.stringify(x)).sort();

describe('executor = naive evaluator on random graphs', () => {
  const graphs: { uri: string; g: NaiveGraph; seed: number }[] = [];
  let handles: Omnigraph[] = [];
  beforeAll(async () => {
    for (let seed = 1; seed <= GRAPHS; seed++) {
      const g = randomGraph(rng(seed));
      const uri = tempDir(`prop-${seed}`);
      const graph = await Omnigraph.init(uri, NAIVE_SCHEMA);
      await writeJsonl(graph, graphLines(g));
      handles.push(graph);
      graphs.push({ uri, g, seed });
    }
  });
  afterAll(async () => {
    for (const h of handles) await h.close();
    handles = [];
  });

  it('agrees on every generated query', async () => {
    let checked = 0;
    let nonEmpty = 0;
    for (const [i, { g, seed }] of graphs.entries()) {
      const r = rng(seed * 7919);
      for (let q = 0; q < QUERIES_PER_GRAPH; q++) {
        const c = randomCase(g, r);
        const out = await handles[i]!.query(c.text, { params: c.params ?? {} });
        const context = `seed ${seed}: ${c.text} ${JSON.stringify(c.params ?? {})}\ngraph ${JSON.stringify(g)}`;
        if (c.ordered) expect(out.rows, context).toEqual(c.expected);
        else expect(sortRows(out.rows), context).toEqual(sortRows(c.expected));
        checked++;
        if (c.expected.length > 0) nonEmpty++;
      }
    }
    expect(checked).toBe(GRAPHS * QUERIES_PER_GRAPH);
    // The generator must exercise real answers, not mostly empty ones.
    expect(nonEmpty).toBeGreaterThan(checked / 2);
  });
});

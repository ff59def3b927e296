// Generated social graph for the read-path benchmark: persons with keys `p<i>` and ages, unique directed knows edges.
import { writeFileSync } from 'node:fs';
import type { Omnigraph } from '../src/engine.js';
import { stagedToArrow, type StagedRow } from '../src/exec/staging/physical-rows.js';
import { makeWriteSet } from '../src/exec/writeset/index.js';
import { tableIdOf } from '../src/manifest/index.js';
import { mulberry32 } from '../src/util/prng.js';

/** The benchmark schema. */
export const SOCIAL_SCHEMA = 'node Person { name: String @key  age: I32 }\nedge Knows: Person -> Person';

/** A generated graph: ages by person index and edges as parallel src/dst index arrays (no self-loops, no duplicates). */
export interface SocialGraph {
  readonly persons: number;
  readonly ages: Int32Array;
  readonly src: Int32Array;
  readonly dst: Int32Array;
}


/** Generate `persons` persons and `edges` unique knows edges (deterministic). */
export function socialGraph(persons: number, edges: number, seed = 42): SocialGraph {
  const r = mulberry32(seed);
  const ages = new Int32Array(persons).map(() => 18 + Math.floor(r() * 72));
  const src = new Int32Array(edges);
  const dst = new Int32Array(edges);
  const seen = new Set<number>();
  let n = 0;
  while (n < edges) {
    const a = Math.floor(r() * persons);
    const b = Math.floor(r() * persons);
    const key = a * persons + b;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    src[n] = a;
    dst[n] = b;
    n++;
  }
  return { persons, ages, src, dst };
}

/** Write the graph into `graph` in one commit (write sets in chunks are not needed: one append per table). */
export async function writeSocialGraph(graph: Omnigraph, g: SocialGraph): Promise<void> {
  const person = graph.catalog.nodes.Person!;
  const knows = graph.catalog.edges.Knows!;
  const people: StagedRow[] = Array.from({ length: g.persons }, (_, i) => ({ id: `p${i}`, values: { name: `p${i}`, age: g.ages[i]! } }));
  const edges: StagedRow[] = Array.from({ length: g.src.length }, (_, e) => ({ id: `k${e}`, src: `p${g.src[e]}`, dst: `p${g.dst[e]}`, values: {} }));
  await graph.applyWriteSet(
    makeWriteSet({
      branch: 'main',
      expectedHead: await graph.head(),
      writerKind: 'load',
      actor: 'bench',
      tables: [
        { tableId: tableIdOf('node', person.table.identity), tableKey: 'node:Person', mode: 'append', rows: stagedToArrow(person, people), deleteIds: [] },
        { tableId: tableIdOf('edge', knows.table.identity), tableKey: 'edge:Knows', mode: 'append', rows: stagedToArrow(knows, edges), deleteIds: [] },
      ],
    }),
  );
}

/** CSV files for Kùzu's COPY. */
export function writeSocialCsv(g: SocialGraph, personsCsv: string, knowsCsv: string): void {
  writeFileSync(personsCsv, Array.from({ length: g.persons }, (_, i) => `p${i},${g.ages[i]}`).join('\n') + '\n');
  const lines: string[] = [];
  for (let e = 0; e < g.src.length; e++) lines.push(`p${g.src[e]},p${g.dst[e]}`);
  writeFileSync(knowsCsv, lines.join('\n') + '\n');
}

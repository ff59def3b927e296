// Bulk load (1M nodes + 2M edges from JSONL) and single-row mutate, each side by side with raw LanceDB on the same data.
// Measure it compiled, as the shipped CLI runs (under tsx the load is slower):
//   npx tsc -p tsconfig.json --noEmit false --outDir .tmp/bench --declaration false && cp package.json .tmp/bench/
//   flock /tmp/omnigraph-bench.lock node .tmp/bench/bench/load-mutate.bench.js   (result in .tmp/bench/bench/results/)
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Omnigraph } from '../src/engine.js';
import { stagedToArrow, type StagedRow } from '../src/exec/staging/physical-rows.js';
import { connectLance, schemaFromColumns, type ArrowTable } from '../src/store/lance/index.js';
import { summarize, timeRuns, writeResult } from './stats.js';

const env = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};
const NODES = env('OMNIGRAPH_BENCH_LOAD_NODES', 1_000_000);
const EDGES = env('OMNIGRAPH_BENCH_LOAD_EDGES', 2 * NODES);
const MUTATIONS = env('OMNIGRAPH_BENCH_MUTATIONS', 50);
const GOALS = { rowsPerSecond: 100_000, fractionOfRaw: 0.2 };
const SCHEMA = `
node Person { name: String @key  age: I32?  city: String? }
edge Knows: Person -> Person { since: Date? }
`;
const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Nuuk'];

function personData(i: number) {
  return { name: `person-${i}`, age: i % 97, city: CITIES[i % CITIES.length]! };
}
function knowsEnds(k: number): [number, number] {
  return [k % NODES, (k * 7919 + 13) % NODES];
}

async function writeJsonl(file: string): Promise<void> {
  const out = createWriteStream(file);
  let buf = '';
  const put = async (line: string): Promise<void> => {
    buf += `${line}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  };
  for (let i = 0; i < NODES; i++) await put(JSON.stringify({ type: 'Person', data: personData(i) }));
  for (let k = 0; k < EDGES; k++) {
    const [a, b] = knowsEnds(k);
    await put(`{"edge":"Knows","from":"person-${a}","to":"person-${b}","data":{"since":"20${10 + (k % 15)}-0${1 + (k % 9)}-1${k % 10}"}}`);
  }
  out.end(buf);
  await once(out, 'finish');
}

/** The same rows as Arrow batches of 8,192 (built outside the timed region). */
function arrowOf(graph: Omnigraph): { person: ArrowTable[]; knows: ArrowTable[] } {
  const p = graph.catalog.nodes.Person!;
  const e = graph.catalog.edges.Knows!;
  const batches = (n: number, row: (i: number) => StagedRow, type: typeof p | typeof e): ArrowTable[] => {
    const out: ArrowTable[] = [];
    for (let s = 0; s < n; s += 8192) out.push(stagedToArrow(type, Array.from({ length: Math.min(8192, n - s) }, (_, k) => row(s + k))));
    return out;
  };
  return {
    person: batches(NODES, (i) => ({ id: `person-${i}`, values: personData(i) }), p),
    knows: batches(EDGES, (k) => {
      const [a, b] = knowsEnds(k);
      return { id: `e${k}`, src: `person-${a}`, dst: `person-${b}`, values: { since: 14000 + (k % 3000) } };
    }, e),
  };
}

const root = mkdtempSync(path.join(tmpdir(), 'omnigraph-bench-load-'));
try {
  const file = path.join(root, 'data.jsonl');
  await writeJsonl(file);
  const fileBytes = statSync(file).size;
  const graph = await Omnigraph.init(path.join(root, 'graph'), SCHEMA);
  const loadBefore = loadavg()[0]!;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const loaded = await graph.load(file, { mode: 'append' });
  const loadMs = performance.now() - t0;
  clearInterval(sampler);
  const rows = NODES + EDGES;
  if (loaded.totalEntities !== rows) throw new Error(`loaded ${loaded.totalEntities} of ${rows}`);

  const arrow = arrowOf(graph);
  const conn = await connectLance(path.join(root, 'raw'));
  const t1 = performance.now();
  for (const [name, type, batches] of [['raw_person', graph.catalog.nodes.Person!, arrow.person], ['raw_knows', graph.catalog.edges.Knows!, arrow.knows]] as const) {
    const all = batches[0]!.concat(...batches.slice(1));
    const t = await conn.createTable(name, { schema: schemaFromColumns(type.table.columns), primaryKey: 'id', rows: all });
    t.close();
  }
  const rawMs = performance.now() - t1;

  // Single-row mutate against a raw single-row merge-insert of the same Arrow row.
  const q = 'query add($n: String, $a: I32) { insert Person { name: $n, age: $a } }';
  const ours = await timeRuns(MUTATIONS, 3, (i) => graph.mutate(q, { params: { n: `m${i}`, a: 1 } }));
  const head = await conn.openHead('raw_person');
  const p = graph.catalog.nodes.Person!;
  const raw = await timeRuns(MUTATIONS, 3, (i) => head.mergeInsert(stagedToArrow(p, [{ id: `m${i}`, values: { name: `m${i}`, age: 1, city: null } }]), { on: 'id', whenMatchedUpdate: true, whenNotMatchedInsert: true }));
  head.close();
  conn.close();
  await graph.close();

  const oursRate = rows / (loadMs / 1000);
  const rawRate = rows / (rawMs / 1000);
  const o = summarize(ours);
  const r = summarize(raw);
  writeResult('load-mutate', {
    backend: 'file',
    load: {
      nodes: NODES,
      edges: EDGES,
      fileBytes,
      ms: Math.round(loadMs),
      rowsPerSecond: Math.round(oursRate),
      peakRssMiB: Math.round(peakRss / 2 ** 20),
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      raw: { ms: Math.round(rawMs), rowsPerSecond: Math.round(rawRate), note: 'LanceDB createTable of the same rows as prebuilt Arrow (no parse, no validation)' },
      fractionOfRaw: Math.round((oursRate / rawRate) * 1000) / 1000,
      goals: GOALS,
      meetsRowsPerSecond: oursRate >= GOALS.rowsPerSecond,
      meetsFractionOfRaw: oursRate / rawRate >= GOALS.fractionOfRaw,
    },
    mutate: { ours: o, raw: r, ratioToRaw: Math.round((o.medianMs / r.medianMs) * 100) / 100 },
    runtime: import.meta.url.endsWith('.ts') ? 'TypeScript under tsx (slower than the shipped CLI)' : 'tsc-compiled JS under node (as the shipped CLI runs)',
    host: { loadAverage1m: { beforeLoad: Math.round(loadBefore * 100) / 100, atEnd: Math.round(loadavg()[0]! * 100) / 100 } },
  });
} finally {
  rmSync(root, { recursive: true, force: true });
}

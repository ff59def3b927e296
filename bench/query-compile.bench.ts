// Benchmark: compiling the spec's example query files warm (target: under 5 ms per file); writes bench/results/query-compile.json.
import { readFileSync } from 'node:fs';
import { compileQueries, compileSchema, type Catalog } from '../src/compiler/index.js';
import { summarize, timeRuns, writeResult } from './stats.js';

const RUNS = Number(process.env['OMNIGRAPH_BENCH_RUNS'] ?? 500);
const fixture = (name: string): string => readFileSync(new URL(`../test/fixtures/compiler/query/${name}`, import.meta.url), 'utf8');

const cases = [
  { name: 'query-language §12 examples', schema: 'people.pg', queries: 'people.gq' },
  { name: 'search-and-embeddings §5 examples', schema: 'docs.pg', queries: 'docs.gq' },
];

const results: Record<string, unknown> = {};
for (const c of cases) {
  const catalog = compileSchema(fixture(c.schema)).catalog as Catalog;
  const text = fixture(c.queries);
  const compiled = compileQueries(text, catalog);
  const samples = await timeRuns(RUNS, 200, async () => compileQueries(text, catalog));
  results[c.name] = { queries: compiled.results.length, ...summarize(samples), targetMs: 5 };
}
writeResult('query-compile', { runs: RUNS, cases: results });

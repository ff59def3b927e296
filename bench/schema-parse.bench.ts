// Benchmark: parse, and parse + build the catalog of, a generated 1,000-type schema; writes bench/results/schema-parse.json.
import { catalogToJSON, compileSchema, parseSchema } from '../src/compiler/index.js';
import { summarize, writeResult } from './stats.js';

const RUNS = Number(process.env['OMNIGRAPH_BENCH_RUNS'] ?? 50);
const WARMUP = 5;

/** 20 interfaces, 580 nodes (8–9 properties, keys, constraints), 400 edges: 1,000 declarations. */
function generateSchema(): string {
  const out: string[] = [];
  for (let i = 0; i < 20; i++) out.push(`interface I${i} {\n  name${i}: String? @description("shared ${i}")\n  score${i}: F64? @index\n}`);
  for (let i = 0; i < 580; i++) {
    const iface = i % 20;
    out.push(
      [
        `node N${i} @description("node ${i}") implements I${iface} {`,
        '  id_key: String @key',
        '  age: I32?',
        '  email: String? @unique',
        '  tags: [String]?',
        '  status: enum(active, inactive, banned)? @index',
        '  born: Date?',
        '  seen: DateTime?',
        '  embedding: Vector(16)? @embed(bio)',
        '  bio: String?',
        '  @range(age, 0..150)',
        '  @check(email, "^[^@]+@[^@]+$")',
        '}',
      ].join('\n'),
    );
  }
  for (let i = 0; i < 400; i++) out.push(`edge E${i}: N${i} -> N${(i * 7) % 580} @card(0..10) { since: Date? weight: F64? @index }`);
  return `${out.join('\n\n')}\n`;
}

/** Wall-clock and CPU (user + system, all threads incl. GC) milliseconds of each run after a warm-up. */
function measure(fn: () => void): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < WARMUP; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall, cpu };
}

const text = generateSchema();
const check = compileSchema(text);
if (check.catalog === undefined) throw new Error(`generated schema does not compile: ${check.diagnostics[0]?.message}`);
const catalog = check.catalog;
const declarations = Object.keys(catalog.interfaces).length + Object.keys(catalog.nodes).length + Object.keys(catalog.edges).length;
const stored = catalogToJSON(catalog);

const parse = measure(() => void parseSchema(text));
const full = measure(() => void compileSchema(text));
// Reference in the same run: reading the stored catalog back with plain JSON.parse (no validation).
const peer = measure(() => void JSON.parse(stored));
const result = {
  declarations,
  schema_bytes: text.length,
  catalog_json_bytes: stored.length,
  runs: RUNS,
  parse: { wall: summarize(parse.wall), cpu: summarize(parse.cpu) },
  parse_and_catalog: { wall: summarize(full.wall), cpu: summarize(full.cpu) },
  peer_json_parse_catalog: { wall: summarize(peer.wall), cpu: summarize(peer.cpu) },
};
console.log(`schema-parse: ${declarations} declarations, ${text.length} bytes, ${RUNS} runs (wall / cpu medians)`);
console.log(`  parse                     ${result.parse.wall.medianMs} / ${result.parse.cpu.medianMs} ms  (p95 wall ${result.parse.wall.p95Ms})`);
console.log(`  parse + catalog           ${result.parse_and_catalog.wall.medianMs} / ${result.parse_and_catalog.cpu.medianMs} ms  (p95 wall ${result.parse_and_catalog.wall.p95Ms})`);
console.log(`  peer: JSON.parse(catalog) ${result.peer_json_parse_catalog.wall.medianMs} / ${result.peer_json_parse_catalog.cpu.medianMs} ms`);
writeResult('schema-parse', result);

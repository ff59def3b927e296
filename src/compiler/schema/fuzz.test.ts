// Seeded mutation fuzzing of the schema compiler and load-line validator: always a result or a coded diagnostic.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { catalogFromJSON, catalogToJSON } from '../catalog/serialize.js';
import { compileSchema } from '../catalog/compile-schema.js';
import { SCHEMA_DIAGNOSTICS } from '../diagnostics/codes.js';
import { validateLoadLine } from '../load/load-line.js';
import { planMigration } from '../migrate/plan.js';
import { parseSchema } from './parse-schema.js';
import { mulberry32 as prng } from '../../util/prng.js';

// Seeded mutation fuzzing. OMNIGRAPH_FUZZ_ROUNDS sets the round count, OMNIGRAPH_FUZZ_SEED replays a run.
const ROUNDS = Number(process.env['OMNIGRAPH_FUZZ_ROUNDS'] ?? 1500);
const SEED = Number(process.env['OMNIGRAPH_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
/** Generous per-test timeout that grows with the round count (a few ms per round on a slow machine). */
const TIMEOUT_MS = 10_000 + ROUNDS * 5;
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/compiler/', import.meta.url));
const CORPUS = ['people.pg', 'kitchen-sink.pg'].map((f) => readFileSync(FIXTURES + f, 'utf8'));
const JSONL = readFileSync(`${FIXTURES}people.jsonl`, 'utf8').trim().split('\n');
const FRAGMENTS = [
  '{', '}', '(', ')', '[', ']', ':', ',', '?', '@', '=', '->', '..', '-', '"', '\\', '/*', '*/', '//', '#', '\n', ' ', '\u0000', '😀', 'é',
  'node', 'edge', 'interface', 'implements', 'enum(', 'Vector(', '@key', '@unique', '@index', '@range(', '@check(', '@card(', '@embed(',
  '@description("d")', '@rename_from("Person")', 'String', 'I32?', '[Blob]', '0..', '..-1', '999999999999', '1.5', 'true', 'P', 'x', 'id',
];


function mutate(text: string, rand: () => number): string {
  const pick = (n: number): number => Math.floor(rand() * n);
  let out = text;
  for (let k = 1 + pick(4); k > 0; k--) {
    const at = pick(out.length + 1);
    switch (pick(5)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + pick(8));
        break;
      case 1:
        out = out.slice(0, at) + (FRAGMENTS[pick(FRAGMENTS.length)] ?? '') + out.slice(at);
        break;
      case 2: {
        const len = pick(40);
        out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
        break;
      }
      case 3:
        out = out.slice(0, at) + String.fromCharCode(pick(128)) + out.slice(at + 1);
        break;
      default:
        out = out.slice(0, at);
    }
  }
  return out;
}

describe('schema compiler fuzzing', () => {
  it(`returns a catalog or coded, in-bounds diagnostics for mutated schemas (seed ${SEED}, ${ROUNDS} rounds)`, () => {
    console.log(`schema fuzz: OMNIGRAPH_FUZZ_SEED=${SEED} OMNIGRAPH_FUZZ_ROUNDS=${ROUNDS}`);
    const rand = prng(SEED);
    const bases = CORPUS.map((t) => compileSchema(t).catalog!);
    let rejected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const base = round % CORPUS.length;
      const text = mutate(CORPUS[base] as string, rand);
      const context = `seed ${SEED} round ${round}: ${JSON.stringify(text)}`;
      const parsed = parseSchema(text);
      expect(parsed.steps, context).toBeLessThanOrEqual(parsed.budget);
      expect(parsed.diagnostics.map((d) => d.code), context).not.toContain('S109');
      const fresh = compileSchema(text);
      const evolved = compileSchema(text, { previous: bases[base] });
      for (const r of [fresh, evolved]) {
        for (const d of r.diagnostics) {
          expect(Object.hasOwn(SCHEMA_DIAGNOSTICS, d.code), context).toBe(true);
          expect(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length && d.span.line >= 1 && d.span.column >= 1, context).toBe(true);
        }
        expect(r.catalog === undefined ? r.diagnostics.some((d) => d.severity === 'error') : !r.diagnostics.some((d) => d.severity === 'error'), context).toBe(true);
      }
      if (fresh.catalog === undefined) rejected++;
      else expect(catalogToJSON(catalogFromJSON(catalogToJSON(fresh.catalog))), context).toBe(catalogToJSON(fresh.catalog));
      if (evolved.catalog !== undefined) expect(typeof planMigration(bases[base]!, evolved.catalog).supported, context).toBe('boolean');
    }
    // Guard against a mutator so weak that nothing is ever rejected (the test would then prove little).
    expect(rejected).toBeGreaterThan(ROUNDS / 4);
  }, TIMEOUT_MS);

  it(`never throws on mutated load lines (seed ${SEED})`, () => {
    const rand = prng(SEED ^ 0x5bd1e995);
    const people = compileSchema(CORPUS[0] as string).catalog!;
    for (let round = 0; round < ROUNDS; round++) {
      const text = mutate(JSONL[round % JSONL.length] as string, rand);
      const r = validateLoadLine(people, text, round + 1);
      expect(r.ok || r.diagnostics.length > 0, `seed ${SEED} round ${round}: ${JSON.stringify(text)}`).toBe(true);
    }
  }, TIMEOUT_MS);
});

// Seeded fuzz test: mutated spec examples always yield a result or diagnostics (never an exception), and the
// parser's work stays linear in the input (a step counter, not a timer).
// OMNIGRAPH_FUZZ_ROUNDS sets the number of mutants (default 400); OMNIGRAPH_FUZZ_SEED replays a run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../catalog/compile-schema.js';
import type { Catalog } from '../catalog/types.js';
import { renderIrJson } from '../ir/render.js';
import { compileQueries } from './compile-query.js';
import { QUERY_DIAGNOSTICS } from './diagnostic.js';
import { lex } from './lexer.js';
import { parseQueryFile } from './parser.js';
import { mulberry32 as rng } from '../../util/prng.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/compiler/query/${name}`, import.meta.url), 'utf8');
const ROUNDS = Number(process.env['OMNIGRAPH_FUZZ_ROUNDS'] ?? '400');
const SEED = Number(process.env['OMNIGRAPH_FUZZ_SEED'] ?? String(Math.floor(Math.random() * 2 ** 31)));
/**
 * Work per token is ~3 on the spec examples and approaches ~20 on maximally nested calls (nesting is capped at
 * 32); a linear parser stays under this on every input, half the parser's own abort budget.
 */
const MAX_STEPS_PER_TOKEN = 32;


const FRAGMENTS = [
  '{', '}', '(', ')', '[', ']', ',', ':', '.', '?', '@', '=', '!=', '<', '>', '<=', '>=', '"', '\\', '/*', '//', '$', '$_',
  '$p', '$p.name', ' not { ', 'knows', '<knows>', '{1,2}', '{1,}', 'contains', 'starts_with', 'match', 'return', 'order',
  'limit 2', 'insert', 'update', 'set', 'where', 'delete', 'query', 'now()', 'nearest(', 'rrf(', 'bm25(', 'search(',
  'fuzzy(', 'count(', 'date("2020-01-01")', 'datetime("x")', '[1, "a"]', '99999999999999999999', '1.5', 'true', 'as',
  'desc', 'Vector(3)', 'Person', 'Company', 'Doc', '$w:', '\n', '\t', 'é', '😀', '#', '-',
];

function mutate(text: string, next: () => number): string {
  const pick = (n: number): number => Math.floor(next() * n);
  let out = text;
  const times = 1 + pick(4);
  for (let i = 0; i < times; i++) {
    const at = pick(out.length + 1);
    switch (pick(6)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + pick(12));
        break;
      case 1:
        out = out.slice(0, at) + (FRAGMENTS[pick(FRAGMENTS.length)] as string) + out.slice(at);
        break;
      case 2: {
        const from = pick(out.length + 1);
        out = out.slice(0, at) + out.slice(from, from + pick(40)) + out.slice(at);
        break;
      }
      case 3:
        out = out.slice(0, at);
        break;
      case 4:
        out = out.slice(0, at) + String.fromCharCode(32 + pick(95)) + out.slice(at + 1);
        break;
      default: {
        const b = pick(out.length + 1);
        const [lo, hi] = at < b ? [at, b] : [b, at];
        out = out.slice(hi) + out.slice(lo, hi) + out.slice(0, lo);
      }
    }
  }
  return out;
}

function splitQueries(text: string): string[] {
  return text.split(/\n(?=query )/).filter((s) => s.includes('query'));
}

const people = compileSchema(fixture('people.pg')).catalog as Catalog;
const docs = compileSchema(fixture('docs.pg')).catalog as Catalog;
const CORPUS: readonly (readonly [string, Catalog])[] = [
  ...splitQueries(fixture('people.gq')).map((t) => [t, people] as const),
  ...splitQueries(fixture('docs.gq')).map((t) => [t, docs] as const),
  [fixture('people.gq'), people],
];

function assertWellBehaved(text: string, catalog: Catalog): void {
  const parsed = parseQueryFile(text);
  const tokens = lex(text).tokens.length;
  expect(parsed.steps).toBeLessThanOrEqual(MAX_STEPS_PER_TOKEN * tokens);
  expect(parsed.ast === null).toBe(parsed.diagnostics.length === 1);
  const file = compileQueries(text, catalog);
  for (const d of file.diagnostics) {
    expect(Object.hasOwn(QUERY_DIAGNOSTICS, d.code)).toBe(true);
    expect(d.span.start >= 0 && d.span.start <= d.span.end && d.span.end <= text.length).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
  }
  for (const r of file.results) {
    expect(r.ir === null).toBe(r.diagnostics.length > 0);
    if (r.ir !== null) expect(renderIrJson(r.ir).length).toBeGreaterThan(0);
  }
}

describe('query parser fuzz', () => {
  it(`survives ${ROUNDS} mutated spec examples (seed ${SEED})`, () => {
    console.log(`query fuzz: OMNIGRAPH_FUZZ_SEED=${SEED} OMNIGRAPH_FUZZ_ROUNDS=${ROUNDS}`);
    const next = rng(SEED);
    for (let round = 0; round < ROUNDS; round++) {
      const [base, catalog] = CORPUS[Math.floor(next() * CORPUS.length)] as readonly [string, Catalog];
      const text = mutate(base, next);
      try {
        assertWellBehaved(text, catalog);
      } catch (err) {
        throw new Error(`round ${round} (seed ${SEED}) failed on ${JSON.stringify(text)}: ${String(err)}`, { cause: err });
      }
    }
  });

  it.each([
    ['nested lists', (n: number) => `query q() { match { $p: P } return { ${'['.repeat(n)} } }`],
    ['nested calls', (n: number) => `query q() { match { ${'search('.repeat(n)}$p.a } return { 1 } }`],
    ['nested negations', (n: number) => `query q() { match { ${'not { '.repeat(n)}$p.a = 1 } return { 1 } }`],
    ['long clause lists', (n: number) => `query q() { match { ${'$p knows $q  $p.a = 1  '.repeat(n)} return { 1 } }`],
    ['unterminated bindings', (n: number) => `query q() { match { ${'$p: P { a: 1, '.repeat(n)} } return { 1 } }`],
    ['many queries', (n: number) => 'query q() { match { $p: P } return { $p } }\n'.repeat(n)],
    ['rrf chains', (n: number) => `query q() { match { $p: P } return { 1 } order { ${'rrf(nearest($p.v, $q), '.repeat(n)} } }`],
  ])('does linear work on %s', (_what, make) => {
    for (const n of [1, 10, 31, 100, 1000]) {
      const text = make(n);
      const r = parseQueryFile(text);
      expect(r.steps).toBeLessThanOrEqual(MAX_STEPS_PER_TOKEN * lex(text).tokens.length);
      assertWellBehaved(text, people);
    }
  });
});

// Every T-code and every Q1xx code of the query checker, each provoked by the smallest query that shows it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../catalog/compile-schema.js';
import type { Catalog } from '../../catalog/types.js';
import { compileQueries } from '../compile-query.js';
import { QUERY_DIAGNOSTICS, type QueryCode } from '../diagnostic.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../../test/fixtures/compiler/query/${name}`, import.meta.url), 'utf8');
const catalog = compileSchema(fixture('checker.pg')).catalog as Catalog;

const P = '$q: Vector(3), $t: String, $n: String, $dt: Date, $i: I32';
const read = (match: string, rest = 'return { $p.name }'): string => `query q(${P}) { match { ${match} } ${rest} }`;
const docs = (rest: string, match = '$d: Doc'): string => `query q(${P}) { match { ${match} } ${rest} }`;
const mut = (body: string, params = P): string => `query q(${params}) { ${body} }`;

/** [code, what, query text]: the first diagnostic of the query must carry `code`. */
const CASES: readonly (readonly [QueryCode, string, string])[] = [
  ['T1', 'unknown type', read('$p: Foo')],
  ['T1', 'edge type bound as node', read('$p: Knows')],
  ['T1', 'interface bound as node', read('$p: Named')],
  ['T2', 'unknown inline property', read('$p: Person { salary: 1 }')],
  ['T3', 'literal type mismatch', read('$p: Person { age: "old" }')],
  ['T3', 'enum literal not in set', read('$c: Company { industry: "mining" }', 'return { $c.name }')],
  ['T3', 'list equality', read('$p: Person { tags: ["a"] }')],
  ['T3', 'list parameter against a list property', `query q($l: [String]) { match { $p: Person { tags: $l } } return { $p.name } }`],
  ['T3', 'Blob in match', read('$p: Person { photo: "x" }')],
  ['T3', 'vector in match', docs('return { $d.slug }', '$d: Doc { embedding: $q }')],
  ['T3', 'integer literal out of range', read('$p: Person { age: 3000000000 }')],
  ['T3', 'mutation literal mismatch', mut('insert Person { name: 1 }')],
  ['T3', 'null into non-nullable', mut('insert Person { name: $n }', '$n: String?')],
  ['T3', 'float literal into an integer', mut('insert Person { name: "a", age: 1.5 }')],
  ['T3', 'vector literal of the wrong length', mut('insert Note { text: "a", emb: [1.0, 2.0] }')],
  ['T3', 'enum literal in a mutation predicate', mut('delete Company where industry = "mining"')],
  ['T4', 'unknown edge', read('$p: Person  $p likes $f')],
  ['T5', 'bound type is not an endpoint', read('$c: Company  $c knows $f', 'return { $c.name }')],
  ['T5', 'endpoint type conflict', read('$p: Person  $x: Person  $x worksAt $p')],
  ['T6', 'unknown property in a filter', read('$p: Person  $p.salary > 1')],
  ['T6', 'property of an unbound variable', read('$p: Person  $x.name = "a"')],
  ['T6', 'unknown edge property', read('$p: Person  $p $w:knows $f  $w.nope = 1')],
  ['T6', 'projection of an unbound variable', read('$p: Person', 'return { $z.name }')],
  ['T6', 'property access on a parameter', read('$p: Person  $n.x = 1')],
  ['T7', 'number against string', read('$p: Person  $p.age > "old"')],
  ['T7', 'node variable compared', read('$p: Person  $p != 5')],
  ['T7', 'contains on a number', read('$p: Person  $p.age contains 3')],
  ['T7', 'contains on a list with the wrong element', read('$p: Person  $p.tags contains 3')],
  ['T7', 'starts_with on a number', read('$p: Person  $p.name starts_with 3')],
  ['T7', 'plain string against a Date', read('$p: Person  $p $w:knows $f  $w.since >= "2020-01-01"')],
  ['T7', 'list compared with =', read('$p: Person  $p.tags = "x"')],
  ['T7', 'Blob compared', read('$p: Person  $p.photo = "x"')],
  ['T7', 'now() into a non-DateTime property', mut('insert Person { name: "a", age: now() }')],
  ['T7', 'now() in an inline match of a non-DateTime', read('$p: Person { age: now() }')],
  ['T7', 'parameter type mismatch in an assignment', mut('update Person set { age: $n } where name = "x"')],
  ['T7', 'parameter type mismatch in an inline match', read('$p: Person { age: $n }')],
  ['T7', 'parameter type mismatch in a predicate', mut('delete Person where age = $n')],
  ['T7', 'list property in a mutation predicate', mut('delete Person where tags = "x"')],
  ['T8', 'sum of a String', read('$p: Person', 'return { sum($p.name) }')],
  ['T8', 'avg of a list', read('$p: Person', 'return { avg($p.tags) }')],
  ['T8', 'min of a Bool', read('$p: Person', 'return { min($p.active) }')],
  ['T8', 'sum of a bare variable', read('$p: Person', 'return { sum($p) }')],
  ['T9', 'negation without an outer variable', read('$p: Person  not { $x: Company }')],
  ['T9', 'literal in an aggregate query', read('$p: Person  $p knows $f', 'return { $p.name, count($f) as n, "x" }')],
  ['T10', 'insert on an unknown type', mut('insert Ghost { a: 1 }')],
  ['T10', 'insert without assignments', mut('insert Person { }')],
  ['T10', 'update without assignments', mut('update Person set { } where name = "a"')],
  ['T10', 'delete on an unknown type', mut('delete Ghost where a = 1')],
  ['T11', 'insert of an unknown property', mut('insert Person { name: "a", salary: 1 }')],
  ['T11', 'update of an unknown property', mut('update Person set { salary: 1 } where name = "a"')],
  ['T11', 'predicate on an unknown property', mut('delete Person where salary = 1')],
  ['T11', 'Blob property in where', mut('delete Person where photo = "x"')],
  ['T12', 'missing required property', mut('insert Person { age: 3 }')],
  ['T12', 'missing edge endpoint', mut('insert Knows { from: "a" }')],
  ['T12', 'missing @embed source and target', mut('insert Note { extra: "x" }')],
  ['T13', 'duplicate assignment', mut('insert Person { name: "a", name: "b" }')],
  ['T14', 'undeclared mutation value', mut('insert Person { name: $undeclared }')],
  ['T14', 'undeclared predicate value', mut('delete Person where name = $nope')],
  ['T15', 'hop upper bound below lower', read('$p: Person  $p knows{3,1} $f')],
  ['T15', 'hop lower bound zero', read('$p: Person  $p knows{0,2} $f')],
  ['T15', 'unbounded hops', read('$p: Person  $p knows{1,} $f')],
  ['T15', 'nearest dimension mismatch (literal)', docs('return { $d.slug } order { nearest($d.embedding, [1.0, 0.0]) } limit 2')],
  ['T15', 'nearest dimension mismatch (parameter)', `query q($v: Vector(4)) { match { $d: Doc } return { $d.slug } order { nearest($d.embedding, $v) } limit 2 }`],
  ['T15', 'nearest on a non-vector', docs('return { $d.slug } order { nearest($d.slug, $q) } limit 2')],
  ['T15', 'nearest on a numeric list property', docs('return { $d.slug } order { nearest($d.ratings, $q) } limit 2')],
  ['T15', 'nearest on an unbound variable', docs('return { $d.slug } order { nearest($x.embedding, $q) } limit 2')],
  ['T15', 'nearest query of a wrong type', docs('return { $d.slug } order { nearest($d.embedding, 3) } limit 2')],
  ['T15', 'nearest in a filter', docs('return { $d.slug }', '$d: Doc  nearest($d.embedding, $q) > 1')],
  ['T16', 'update on an edge type', mut('update Knows set { since: $dt } where from = $n')],
  ['T17', 'nearest without limit', docs('return { $d.slug } order { nearest($d.embedding, $q) }')],
  ['T17', 'nearest through an alias without limit', docs('return { $d.slug, nearest($d.embedding, $q) as s } order { s }')],
  ['T18', 'nearest with alias ordering', docs('return { $d.slug as s } order { nearest($d.embedding, $q), s } limit 2')],
  ['T19', 'search on a non-String field', docs('return { $d.slug }', '$d: Doc  search($d.ratings, "x")')],
  ['T19', 'search with a non-String query', docs('return { $d.slug }', '$d: Doc  search($d.title, 3)')],
  ['T19', 'fuzzy with non-integer max edits', docs('return { $d.slug }', '$d: Doc  fuzzy($d.title, "x", "2")')],
  ['T19', 'search in return', docs('return { search($d.title, "x") }')],
  ['T20', 'match_text on an enum', docs('return { $d.slug }', '$d: Doc  match_text($d.status, "x")')],
  ['T20', 'bm25 with a non-String query', docs('return { $d.slug } order { bm25($d.title, 5) }')],
  ['T20', 'bm25 in a filter', docs('return { $d.slug }', '$d: Doc  bm25($d.title, $t) > 1')],
  ['T21', 'rrf with k = 0', docs('return { $d.slug } order { rrf(nearest($d.embedding, $q), bm25($d.title, $t), 0) } limit 3')],
  ['T21', 'rrf without limit', docs('return { $d.slug } order { rrf(nearest($d.embedding, $q), bm25($d.title, $t)) }')],
  ['T21', 'rrf with a non-integer k', docs('return { $d.slug } order { rrf(nearest($d.embedding, $q), bm25($d.title, $t), "x") } limit 3')],
  ['T21', 'rrf projected', docs('return { rrf(nearest($d.embedding, $q), bm25($d.title, $t)) } order { $d.slug } limit 3')],
  ['T21', 'rrf arms on different variables', docs('return { $d.slug } order { rrf(nearest($d.embedding, $q), bm25($e.title, $t)) } limit 3', '$d: Doc  $e: Doc')],
  ['T22', 'undirected traversal across types', read('$p: Person  $p <worksAt> $c')],
  ['T23', 'edge binding with hop bounds', read('$p: Person  $p $w:knows{1,2} $f')],
  ['T23', 'bare edge variable projected', read('$p: Person  $p $w:knows $f', 'return { $w }')],
  ['T23', 'edge variable named like an endpoint', read('$p: Person  $p $p:knows $f')],
  ['T23', 'edge variable as an endpoint', read('$p: Person  $p $w:knows $f  $w knows $x')],
  ['T23', 'edge variable as a search target', read('$p: Person  $p $w:worksAt $c  search($w.role, "x")')],
  ['T23', 'edge variable rebound as a node', read('$p: Person  $p $w:knows $f  $w: Person')],
  ['T23', 'edge variable name already bound', read('$p: Person  $f: Person  $p $f:knows $x')],
  ['T23', 'bare edge variable in order', read('$p: Person  $p $w:knows $f', 'return { $p.name } order { $w }')],
  ['T24', 'Blob projected', read('$p: Person', 'return { $p.photo }')],
  ['T24', 'Blob edge property projected', read('$p: Person  $p $w:knows $f', 'return { $w.proof }')],
  ['T24', 'Blob ordering', read('$p: Person', 'return { $p.name } order { $p.photo }')],
  ['T24', 'Blob aggregated', read('$p: Person', 'return { count($p.photo) }')],
  ['T24', 'Blob parameter projected', `query q($b: Blob) { match { $p: Person } return { $b } }`],
  ['Q101', 'unbound variable in a filter', read('$p: Person  $p.age > $nope')],
  ['Q101', 'unbound variable projected', read('$p: Person', 'return { $zz }')],
  ['Q102', 'rebinding to another type', read('$p: Person  $p: Company')],
  ['Q103', 'unknown parameter type', `query q($x: Foo) { match { $p: Person } return { $p.name } }`],
  ['Q103', 'list of Blob parameter', `query q($x: [Blob]) { match { $p: Person } return { $p.name } }`],
  ['Q103', 'Vector(0) parameter', `query q($x: Vector(0)) { match { $p: Person } return { $p.name } }`],
  ['Q104', 'reserved now() parameter', `query q($__nanograph_now: DateTime) { match { $p: Person } return { $p.name } }`],
  ['Q105', 'mixed list literal', read('$p: Person', 'return { [1, "a"] as l }')],
  ['Q106', 'nested list literal', read('$p: Person', 'return { [[1]] as l }')],
  ['Q107', 'duplicate parameter', `query q($a: String, $a: I32) { match { $p: Person } return { $p.name } }`],
  ['Q109', 'inline value that is not a parameter', read('$p: Person { name: $f }')],
  ['Q110', 'literal order key', read('$p: Person', 'return { $p.name } order { "x" }')],
  ['Q110', 'bare variable order key', read('$p: Person', 'return { $p.name } order { $p }')],
  ['Q110', 'list order key', read('$p: Person', 'return { $p.name } order { $p.tags }')],
  ['Q110', 'aggregate query ordered by a non-projection', read('$p: Person', 'return { count($p) as n } order { $p.age }')],
  ['Q111', 'ranking that is not the first key', docs('return { $d.slug } order { $d.slug, nearest($d.embedding, $q) } limit 2')],
  ['Q112', 'invalid date literal', read('$p: Person  $p.born > date("2020-13-01")')],
  ['Q112', 'invalid datetime literal', read('$p: Person  $p.seen > datetime("yesterday")')],
  ['Q112', 'integer literal beyond I64', read('$p: Person  $p.big > 99999999999999999999')],
  ['Q113', 'unknown order alias', read('$p: Person', 'return { $p.name } order { nope }')],
  ['Q113', 'bare identifier in a filter', read('$p: Person  x = 1')],
  ['Q114', 'aggregate in a filter', read('$p: Person  count($p) > 1')],
  ['Q114', 'nested aggregate', read('$p: Person', 'return { count(count($p)) }')],
  ['Q114', 'aggregate over a parameter', read('$p: Person', 'return { sum($i) }')],
  ['Q115', 'duplicate column name', read('$p: Person', 'return { $p.name, $p.name }')],
  ['Q116', 'update of a key property', mut('update Person set { name: "X" } where name = "Bob"')],
  ['Q117', 'variable named like a parameter', `query q($p: String) { match { $p: Person } return { $p.name } }`],
  ['Q118', 'limit beyond 2^53', read('$p: Person', 'return { $p.name } limit 99999999999999999999')],
  ['Q119', 'anonymous variable bound', read('$_: Person  $p: Person')],
  ['Q119', 'anonymous variable projected', read('$p: Person  $p knows $_', 'return { $_ }')],
];

describe('query checker diagnostics', () => {
  it.each(CASES)('%s: %s', (code, _what, text) => {
    const { diagnostics, parsed } = compileQueries(text, catalog);
    expect(parsed).toBe(true);
    expect(diagnostics[0]?.code).toBe(code);
    expect(diagnostics[0]?.query).toBe('q');
    expect(diagnostics[0]?.span.end).toBeGreaterThan(diagnostics[0]?.span.start ?? Infinity);
  });

  it('covers every T-code and every Q1xx code', () => {
    const tested = new Set(CASES.map((c) => c[0]));
    const all = (Object.keys(QUERY_DIAGNOSTICS) as QueryCode[]).filter((c) => c !== 'Q000' && c !== 'Q108');
    expect(all.filter((c) => !tested.has(c))).toEqual([]);
  });

  it('Q108: a repeated query name fails the later query only', () => {
    const text = `${read('$p: Person')}\n${read('$p: Person')}`;
    const { results } = compileQueries(text, catalog);
    expect(results.map((r) => [r.ir !== null, r.diagnostics.map((d) => d.code)])).toEqual([
      [true, []],
      [false, ['Q108']],
    ]);
  });

  it('renders T-codes into the message and leaves un-coded errors without a code', () => {
    const [t] = compileQueries(read('$p: Foo'), catalog).diagnostics;
    const [q] = compileQueries(read('$p: Person  $p.age > $nope'), catalog).diagnostics;
    expect(t?.message.startsWith('type error: T1: ')).toBe(true);
    expect(q?.message.startsWith('type error: ') && !q.message.includes('Q101')).toBe(true);
  });

  it('a failed parameter declaration does not cascade into its uses', () => {
    const text = 'query q($x: Foo, $__nanograph_now: DateTime) { insert Person { name: $x, seen: $__nanograph_now } }';
    expect(compileQueries(text, catalog).diagnostics.map((d) => d.code)).toEqual(['Q103', 'Q104']);
  });

  it('points the span at the offending text', () => {
    const text = read('$p: Person  $p likes $f');
    const [d] = compileQueries(text, catalog).diagnostics;
    expect(text.slice(d?.span.start, d?.span.end)).toBe('likes');
  });
});

// Query lint (query spec §10, cli §6.13): results, operation summaries, L201, the no-params warning, Q000, rendering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../catalog/compile-schema.js';
import type { Catalog } from '../catalog/types.js';
import { lintQueries, NO_PARAMS_WARNING, renderLintHuman, type QueryLintOutput } from './query-lint.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/compiler/query/${name}`, import.meta.url), 'utf8');
const schema = (text: string): Catalog => compileSchema(text).catalog as Catalog;
const people = schema(fixture('people.pg'));
const where = { schemaSource: { kind: 'file', path: 's.pg' }, queryPath: 'q.gq' } as const;
const lint = (text: string, catalog: Catalog = people): QueryLintOutput => lintQueries(text, catalog, where);
const result = (out: QueryLintOutput, name: string) => out.results.find((r) => r.name === name);

describe('query lint over the spec examples', () => {
  const out = lint(fixture('people.gq'));

  it('processes every query, all ok, with one L201 warning', () => {
    expect([out.status, out.queries_processed, out.errors, out.warnings, out.infos]).toEqual(['ok', 31, 0, 1, 0]);
    expect(out.findings).toEqual([
      {
        severity: 'warning',
        code: 'L201',
        message: 'Person.tags exists in schema but no update query sets it',
        type_name: 'Person',
        property: 'tags',
        query_names: ['set_age'],
      },
    ]);
    expect(out.schema_source).toEqual({ kind: 'file', path: 's.pg' });
    expect(out.query_path).toBe('q.gq');
  });

  it('describes results by property name or alias, with kinds', () => {
    expect(result(out, 'get_person')?.operation?.result).toEqual([
      { name: 'name', kind: 'string', nullable: false },
      { name: 'age', kind: 'int', nullable: true },
    ]);
    expect(result(out, 'age_stats')?.operation?.result.map((d) => [d.name, d.kind, d.nullable])).toEqual([
      ['name', 'string', false],
      ['total_age', 'float', true],
      ['avg_age', 'float', true],
      ['youngest', 'int', true],
      ['oldest', 'int', true],
      ['headcount', 'bigint', false],
    ]);
    expect(result(out, 'dated_friendships')?.operation?.result.map((d) => d.kind)).toEqual(['string', 'string', 'date']);
    expect(result(out, 'add_person')?.operation?.result).toEqual([]);
  });

  it('lists sorted reads and writes, including negated patterns and cascades', () => {
    const ops = (name: string) => result(out, name)?.operation;
    expect(ops('friends_of')).toMatchObject({ reads: [{ kind: 'edge', type_name: 'Knows' }, { kind: 'node', type_name: 'Person' }], writes: [] });
    expect(ops('unemployed')?.reads).toEqual([
      { kind: 'edge', type_name: 'WorksAt' },
      { kind: 'node', type_name: 'Company' },
      { kind: 'node', type_name: 'Person' },
    ]);
    expect(ops('befriend')).toMatchObject({ reads: [{ kind: 'edge', type_name: 'Knows' }, { kind: 'node', type_name: 'Person' }], writes: [{ kind: 'edge', type_name: 'Knows' }] });
    const cascade = [
      { kind: 'edge', type_name: 'Knows' },
      { kind: 'edge', type_name: 'WorksAt' },
      { kind: 'node', type_name: 'Person' },
    ];
    expect(ops('remove_person')).toMatchObject({ reads: cascade, writes: cascade });
  });
});

describe('query lint rules', () => {
  it('warns about a mutation without parameters, without failing', () => {
    const out = lint('query q() { insert Person { name: "Ivy" } }');
    expect(result(out, 'q')).toMatchObject({ status: 'ok', warnings: [NO_PARAMS_WARNING] });
    expect([out.status, out.warnings, out.errors]).toEqual(['ok', 1, 0]);
  });

  it('reports a type error as the query error and fails the run', () => {
    const out = lint('query good() { match { $p: Person } return { $p.name } }\nquery bad() { insert Person { age: 3 } }');
    const bad = result(out, 'bad');
    expect([bad?.status, bad?.error?.startsWith('type error: T12: '), bad?.operation]).toEqual(['error', true, undefined]);
    expect([out.status, out.errors, result(out, 'good')?.status]).toEqual(['error', 1, 'ok']);
  });

  it('Q000: a file that does not parse is one error finding and no results', () => {
    const out = lint('query q() { match { $p: Person } }');
    expect(out).toMatchObject({ status: 'error', queries_processed: 0, errors: 1, warnings: 0, results: [] });
    expect(out.findings.map((f) => [f.severity, f.code, f.message.startsWith('parse error: '), f.line])).toEqual([['error', 'Q000', true, 1]]);
  });

  it('L201 skips key members, @embed targets, assigned properties and failing update queries', () => {
    const catalog = schema(`
      node Doc { slug: String @key  title: String?  body: String?  summary: String?  emb: Vector(3)? @embed("body") }
      node Tag { name: String @key  note: String? }`);
    const out = lint(
      [
        'query retitle($s: String, $t: String) { update Doc set { title: $t } where slug = $s }',
        'query resum($s: String, $t: String) { update Doc set { summary: $t } where slug = $s }',
        'query broken($s: String) { update Tag set { nope: $s } where name = $s }',
      ].join('\n'),
      catalog,
    );
    expect(out.findings.map((f) => [f.code, f.type_name, f.property, f.query_names])).toEqual([['L201', 'Doc', 'body', ['resum', 'retitle']]]);
    expect([out.errors, out.warnings]).toEqual([1, 1]);
  });

  it('sorts findings by severity, type, property and message', () => {
    const catalog = schema('node B { k: String @key  z: String?  a: String?  c: String? }\nnode A { k: String @key  y: String?  x: String?  w: String? }');
    const out = lint('query b($k: String, $v: String) { update B set { c: $v } where k = $k }\nquery a($k: String, $v: String) { update A set { w: $v } where k = $k }', catalog);
    expect(out.findings.map((f) => `${f.type_name}.${f.property}`)).toEqual(['A.x', 'A.y', 'B.a', 'B.z']);
  });
});

describe('query lint human output', () => {
  it('prints OK/ERROR/WARN lines, findings, then the summary', () => {
    const out = lint('query r() { match { $p: Person } return { $p.name } }\nquery m() { insert Person { name: "Ivy" } }\nquery s($n: String, $a: I32) { update Person set { age: $a } where name = $n }\nquery x() { insert Person { age: 1 } }');
    expect(renderLintHuman(out)).toBe(
      [
        'OK    query `r` (read)',
        'OK    query `m` (mutation)',
        `WARN  query \`m\`: ${NO_PARAMS_WARNING}`,
        'OK    query `s` (mutation)',
        `ERROR query \`x\`: ${result(out, 'x')?.error}`,
        'WARN  [L201] q.gq: Person.tags exists in schema but no update query sets it (queries: s)',
        'INFO  Lint complete: 4 queries processed (1 error(s), 2 warning(s), 0 info item(s))',
        '',
      ].join('\n'),
    );
  });

  it('locates a parse failure', () => {
    expect(renderLintHuman(lint('query q() {\n  match }'))).toMatch(/^ERROR \[Q000\] q\.gq:2:9: parse error: /);
  });
});

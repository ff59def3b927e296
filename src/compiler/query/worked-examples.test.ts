// The worked examples of query-language.md §12 and search-and-embeddings.md §5: parse → check → IR JSON golden
// files, plus the plan properties each example's expected rows depend on. `OMNIGRAPH_UPDATE_GOLDEN=1` rewrites goldens.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../catalog/compile-schema.js';
import type { Catalog } from '../catalog/types.js';
import type { IrNode, IrNodeOf, IrKind, QueryNode } from '../ir/node.js';
import { renderIrJson } from '../ir/render.js';
import { walk } from '../ir/visitor.js';
import { compileQueries } from './compile-query.js';

const dir = new URL('../../../test/fixtures/compiler/query/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');
const update = process.env['OMNIGRAPH_UPDATE_GOLDEN'] === '1';

function compileFixture(pg: string, gq: string): { catalog: Catalog; queries: Map<string, QueryNode> } {
  const catalog = compileSchema(fixture(pg)).catalog as Catalog;
  const file = compileQueries(fixture(gq), catalog);
  expect(file.diagnostics).toEqual([]);
  return { catalog, queries: new Map(file.results.map((r) => [r.name, r.ir as QueryNode])) };
}

function all<K extends IrKind>(root: IrNode, kind: K): IrNodeOf<K>[] {
  const out: IrNodeOf<K>[] = [];
  walk(root, (n) => {
    if (n.kind === kind) out.push(n as IrNodeOf<K>);
  });
  return out;
}

function one<K extends IrKind>(root: IrNode, kind: K): IrNodeOf<K> {
  const found = all(root, kind);
  expect(found).toHaveLength(1);
  return found[0] as IrNodeOf<K>;
}

const people = compileFixture('people.pg', 'people.gq');
const docs = compileFixture('docs.pg', 'docs.gq');
const q = (set: typeof people, name: string): QueryNode => {
  const ir = set.queries.get(name);
  if (ir === undefined) throw new Error(`no query ${name}`);
  return ir;
};

describe('worked examples: IR golden files', () => {
  for (const [prefix, set] of [['people', people], ['docs', docs]] as const) {
    it.each([...set.queries.keys()])(`${prefix}: %s`, (name) => {
      const golden = new URL(`golden/${prefix}.${name}.json`, dir);
      const actual = renderIrJson(q(set, name));
      if (update) {
        mkdirSync(new URL('golden/', dir), { recursive: true });
        writeFileSync(golden, actual);
      }
      expect(existsSync(golden)).toBe(true);
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

describe('worked examples: plan properties (§12.2)', () => {
  it('get_person pushes the inline match into the scan', () => {
    const scan = one(q(people, 'get_person'), 'scan');
    expect([scan.typeName, scan.predicates.map((p) => [p.op, p.right.kind])]).toEqual(['Person', [['=', 'param']]]);
  });

  it('employees_of infers direction from the bound Company either way round', () => {
    const a = q(people, 'employees_of');
    const b = q(people, 'employees_of_reversed');
    const ex = one(a, 'expand');
    expect([ex.from, ex.to, ex.direction, ex.edgeType]).toEqual(['c', 'p', 'in', 'WorksAt']);
    expect(JSON.parse(renderIrJson(b)).plan).toEqual(JSON.parse(renderIrJson(a)).plan);
  });

  it('fof chains two expansions over distinct intermediates', () => {
    expect(all(q(people, 'fof'), 'expand').map((e) => `${e.from}->${e.to}`)).toEqual(['mid->fof', 'p->mid']);
  });

  it('reach and linked carry hop bounds and the undirected flag', () => {
    expect([one(q(people, 'reach'), 'expand').minHops, one(q(people, 'reach'), 'expand').maxHops]).toEqual([1, 2]);
    expect([one(q(people, 'reach_exactly_two'), 'expand').minHops, one(q(people, 'reach_exactly_two'), 'expand').maxHops]).toEqual([2, 2]);
    expect(one(q(people, 'linked'), 'expand').direction).toBe('both');
  });

  it('negations are correlated anti-joins over an argument row', () => {
    const aj = one(q(people, 'unemployed'), 'anti-join');
    const inner = one(aj.subplan, 'expand');
    expect([inner.from, inner.to.startsWith('_#'), inner.toType]).toEqual(['p', true, 'Company']);
    expect(one(aj.subplan, 'argument').variables).toEqual(['p']);
    expect(all(one(q(people, 'not_at_acme'), 'anti-join').subplan, 'filter')).toHaveLength(1);
    const pair = one(q(people, 'pair'), 'anti-join');
    expect(one(pair.subplan, 'expand').toBound).toBe(true);
    expect(all(q(people, 'pair'), 'cross-join')).toHaveLength(1);
  });

  it('aggregates group by the non-aggregate projections and order by output columns', () => {
    const fc = q(people, 'friend_counts');
    const agg = one(fc, 'aggregate');
    expect(agg.columns.map((c) => [c.name, c.expr.kind])).toEqual([['p.name', 'property'], ['friends', 'aggregate-call']]);
    expect(one(fc, 'order').keys.map((k) => [k.expr.kind, k.direction])).toEqual([['column', 'desc'], ['column', 'asc']]);
    const stats = q(people, 'age_stats');
    if (stats.kind !== 'read-query') throw new Error('read expected');
    expect(stats.columns.map((c) => [c.name, c.type.kind === 'scalar' ? `${c.type.scalar}${c.type.nullable ? '?' : ''}` : c.type.kind])).toEqual([
      ['c.name', 'String'],
      ['total_age', 'F64?'],
      ['avg_age', 'F64?'],
      ['youngest', 'I32?'],
      ['oldest', 'I32?'],
      ['headcount', 'I64'],
    ]);
    const total = q(people, 'total');
    expect(total.kind === 'read-query' && total.columns.map((c) => c.name)).toEqual(['total']);
  });

  it('edge bindings expand one row per edge and filter on the edge variable', () => {
    const dq = q(people, 'dated_friendships');
    expect(one(dq, 'expand').edgeVariable).toBe('w');
    expect(one(dq, 'order').tieBreak).toEqual(['f', 'p', 'w']);
  });

  it('contains is substring on a String and membership on a list; inline list matches are membership', () => {
    const op = (name: string): string => (one(q(people, name), 'scan').predicates[0]?.op ?? '');
    expect([op('strings'), op('prefix'), op('tagged'), op('tagged_inline')]).toEqual(['contains', 'starts_with', 'member', 'member']);
  });

  it('order and limit wrap the pattern before the projection', () => {
    const plan = q(people, 'oldest_two');
    expect(plan.kind === 'read-query' && [plan.plan.kind, one(plan, 'limit').input.kind]).toEqual(['project', 'order']);
  });

  it('common_friend applies the later binding as a filter when the traversal reaches it', () => {
    const cf = q(people, 'common_friend');
    expect(one(cf, 'scan').variable).toBe('x');
    expect(all(cf, 'filter').map((f) => f.predicate.left.kind === 'property' && f.predicate.left.variable)).toEqual(['d']);
  });
});

describe('worked examples: mutations (§12.3)', () => {
  it('classifies statements and the no-mixing effect', () => {
    const kinds = (name: string): string[] => {
      const m = q(people, name);
      return m.kind === 'mutation-query' ? [m.effect, ...m.statements.map((s) => `${s.kind}:${s.kind === 'update' ? 'node' : s.entity}`)] : [];
    };
    expect(kinds('add_person')).toEqual(['insert-update', 'insert:node']);
    expect(kinds('befriend')).toEqual(['insert-update', 'insert:edge']);
    expect(kinds('set_age')).toEqual(['insert-update', 'update:node']);
    expect(kinds('remove_person')).toEqual(['delete', 'delete:node']);
    expect(kinds('drop_friendships')).toEqual(['delete', 'delete:edge']);
    expect(kinds('join_and_link')).toEqual(['insert-update', 'insert:node', 'insert:edge']);
  });

  it('a mixed query type-checks and is marked mixed for the executor', () => {
    const { results } = compileQueries('query q($n: String) { insert Person { name: $n }  delete Person where name = "Eve" }', people.catalog);
    const ir = results[0]?.ir;
    expect(ir?.kind === 'mutation-query' && ir.effect).toBe('mixed');
  });

  it.each([
    ['query q($d: Date, $n: String) { update Knows set { since: $d } where from = $n }', 'T16'],
    ['query q() { insert Person { age: 3 } }', 'T12'],
    ['query q() { update Person set { name: "X" } where name = "Bob" }', 'Q116'],
    ['query q() { insert Person { name: $undeclared } }', 'T14'],
    ['query q() { delete Person where tags contains "go" }', 'Q000'],
  ])('rejects %s with %s', (text, code) => {
    expect(compileQueries(text, people.catalog).diagnostics.map((d) => d.code)).toEqual([code]);
  });

  it('accepts a parameterless mutation (the linter only warns)', () => {
    expect(compileQueries('query q() { insert Person { name: "Ivy" } }', people.catalog).diagnostics).toEqual([]);
  });
});

describe('worked examples: type errors (§12.4)', () => {
  it.each([
    ['match { $p: Foo } return { $p.name }', 'T1'],
    ['match { $p: Person { salary: 1 } } return { $p.name }', 'T2'],
    ['match { $p: Person { age: "old" } } return { $p.name }', 'T3'],
    ['match { $p: Person  $p likes $f } return { $p.name }', 'T4'],
    ['match { $c: Company  $c knows $f } return { $c.name }', 'T5'],
    ['match { $p: Person  $p.salary > 1 } return { $p.name }', 'T6'],
    ['match { $p: Person  $p.age > "old" } return { $p.name }', 'T7'],
    ['match { $p: Person  $p != 5 } return { $p.name }', 'T7'],
    ['match { $p: Person } return { sum($p.name) }', 'T8'],
    ['match { $p: Person  not { $x: Company } } return { $p.name }', 'T9'],
    ['match { $p: Person  $p knows $f } return { $p.name, count($f) as n, "x" }', 'T9'],
    ['match { $p: Person  $p knows{3,1} $f } return { $p.name }', 'T15'],
    ['match { $p: Person  $p knows{0,2} $f } return { $p.name }', 'T15'],
    ['match { $p: Person  $p knows{1,} $f } return { $p.name }', 'T15'],
    ['match { $p: Person  $p $w:knows{1,2} $f } return { $p.name }', 'T23'],
    ['match { $p: Person  $p $w:knows $f } return { $w }', 'T23'],
    ['match { $p: Person  $p $p:knows $f } return { $p.name }', 'T23'],
    ['match { $p: Person  $p <worksAt> $c } return { $p.name }', 'T22'],
    ['match { $c: Company { industry: "mining" } } return { $c.name }', 'T3'],
    ['match { $p: Person  $p.age contains 3 } return { $p.name }', 'T7'],
  ])('%s → %s', (body, code) => {
    expect(compileQueries(`query q() { ${body} }`, people.catalog).diagnostics[0]?.code).toBe(code);
  });
});

describe('worked examples: search (search spec §5)', () => {
  it('nearest becomes a vector search with k = limit after the pre-filter', () => {
    const vs = one(q(docs, 'near_published'), 'vector-search');
    expect([vs.k, vs.input.kind, vs.nearest.embed]).toEqual([2, 'scan', false]);
    expect(one(q(docs, 'near_text'), 'vector-search').nearest.embed).toBe(true);
  });

  it('search is a text-search filter, bm25 a text rank, rrf a fusion of two ranked arms', () => {
    expect(one(q(docs, 'about'), 'text-search').mode).toBe('search');
    expect(one(q(docs, 'ranked'), 'text-rank').bm25.property).toBe('title');
    const f = one(q(docs, 'hybrid4'), 'fusion');
    expect([f.variable, f.limit, f.k.kind, all(f, 'vector-search').length, all(f, 'text-rank').length]).toEqual(['d', 4, 'literal', 1, 1]);
    const hybrid = one(q(docs, 'hybrid'), 'fusion');
    expect(hybrid.k.kind === 'literal' && hybrid.k.value).toEqual({ kind: 'int', value: 60n });
  });

  it.each([
    ['order { nearest($d.embedding, $q) }', 'T17'],
    ['order { nearest($d.embedding, [1.0, 0.0]) } limit 2', 'T15'],
    ['order { nearest($d.slug, $q) } limit 2', 'T15'],
    ['order { rrf(nearest($d.embedding, $q), bm25($d.title, $t), 0) } limit 3', 'T21'],
    ['order { nearest($d.embedding, $q) desc } limit 2', 'Q000'],
  ])('%s → %s', (order, code) => {
    const text = `query q($q: Vector(3), $t: String) { match { $d: Doc } return { $d.slug } ${order} }`;
    expect(compileQueries(text, docs.catalog).diagnostics[0]?.code).toBe(code);
  });
});

// What the checker accepts and how it types and plans it: direction inference, scoping, ranking placement,
// literal/parameter typing, mutation rules, and the compileQuery entry point.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CompileError, RequestError } from '../../../errors/index.js';
import { compileSchema } from '../../catalog/compile-schema.js';
import type { Catalog } from '../../catalog/types.js';
import type { IrKind, IrNode, IrNodeOf, QueryNode } from '../../ir/node.js';
import { renderType } from '../../ir/value-type.js';
import { walk } from '../../ir/visitor.js';
import { compileQueries, compileQuery } from '../compile-query.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../../test/fixtures/compiler/query/${name}`, import.meta.url), 'utf8');
const catalog = compileSchema(fixture('checker.pg')).catalog as Catalog;
const P = '$q: Vector(3), $t: String, $n: String, $i: I32, $b: String, $v: Vector(4)';

function ok(text: string): QueryNode {
  const { results, diagnostics } = compileQueries(text, catalog);
  expect(diagnostics.map((d) => d.message)).toEqual([]);
  return results[0]?.ir as QueryNode;
}
const read = (match: string, rest = 'return { $p.name }'): QueryNode => ok(`query q(${P}) { match { ${match} } ${rest} }`);
const mutation = (body: string): QueryNode => ok(`query q(${P}) { ${body} }`);

function all<K extends IrKind>(root: IrNode, kind: K): IrNodeOf<K>[] {
  const out: IrNodeOf<K>[] = [];
  walk(root, (n) => void (n.kind === kind && out.push(n as IrNodeOf<K>)));
  return out;
}
const expands = (root: IrNode): string[] => all(root, 'expand').reverse().map((e) => `${e.from}-${e.edgeType}/${e.direction}->${e.to}:${e.toType}${e.toBound ? '!' : ''}`);

describe('traversal direction inference (§4.2)', () => {
  it('with nothing bound, the left variable is the source', () => {
    const ir = read('$c worksAt $x', 'return { $c.name, $x.name }');
    expect(all(ir, 'scan').map((s) => `${s.variable}:${s.typeName}`)).toEqual(['c:Person']);
    expect(expands(ir)).toEqual(['c-WorksAt/out->x:Company']);
  });

  it('a bound right endpoint of a same-type edge keeps the left as source', () => {
    expect(expands(read('$f: Person { name: "x" }  $p knows $f'))).toEqual(['f-Knows/in->p:Person']);
  });

  it('a bound endpoint of the To type follows edges backwards', () => {
    expect(expands(read('$c: Company  $c worksAt $p'))).toEqual(['c-WorksAt/in->p:Person']);
  });

  it('a later binding reached by a traversal becomes a filter; a cycle closes with a join', () => {
    const ir = read('$a: Person { name: "A" }  $z: Person { name: "B" }  $a knows $z', 'return { $a.name }');
    expect(expands(ir)).toEqual(['a-Knows/out->z:Person']);
    expect(all(ir, 'filter')).toHaveLength(1);
    expect(expands(read('$p knows $y  $y knows $c  $c knows $p'))).toEqual(['p-Knows/out->y:Person', 'y-Knows/out->c:Person', 'c-Knows/out->p:Person!']);
  });

  it('ignores `$_:` as an edge binding name', () => {
    expect(all(read('$p: Person  $p $_:knows $f'), 'expand')[0]?.edgeVariable).toBeNull();
  });

  it('clamps hops of an edge between different types to 1', () => {
    const [e] = all(read('$p: Person  $p worksAt{1,3} $c'), 'expand');
    expect([e?.minHops, e?.maxHops]).toEqual([1, 1]);
  });

  it('gives every $_ its own hidden variable, left out of the tie-break', () => {
    const ir = read('$p: Person  $p worksAt $_  $p knows $_', 'return { $p.name } order { $p.name }');
    const hidden = all(ir, 'expand').map((e) => e.to);
    expect(new Set(hidden).size).toBe(2);
    expect(all(ir, 'order')[0]?.tieBreak).toEqual(['p']);
  });
});

describe('bindings, scopes and filters', () => {
  it('re-binding to the same type adds constraints', () => {
    expect(all(read('$p: Person  $p: Person { name: "x" }'), 'scan')[0]?.predicates).toHaveLength(1);
  });

  it('variables introduced inside not are not visible outside', () => {
    const { diagnostics } = compileQueries(`query q() { match { $p: Person  not { $p knows $x } } return { $x.name } }`, catalog);
    expect(diagnostics.map((d) => d.code)).toEqual(['T6']);
  });

  it('outer re-bindings inside not filter the argument row', () => {
    const [aj] = all(read('$p: Person  not { $p: Person { age: 3 } }'), 'anti-join');
    expect([aj?.subplan.kind, aj?.subplan.kind === 'filter' && aj.subplan.input.kind]).toEqual(['filter', 'argument']);
  });

  it('compares numbers across kinds, enums as strings, and literals positionally', () => {
    read('$p: Person  $p.age > 2.5  $p.score = $i  $p.big > $p.age');
    read('$c: Company  $c.industry = "mining"', 'return { $c.name }');
    const [scan] = all(read('$p: Person  "a haystack" contains $p.name'), 'scan');
    expect(scan?.predicates[0]?.left.kind).toBe('literal');
  });

  it('accepts nullable parameters in inline matches and now() on DateTime', () => {
    ok('query q($n: String?) { match { $p: Person { name: $n, seen: now() }  $p.seen < now() } return { $p.name } }');
  });

  it('plans a filter without variables after the first scan, and a match without variables on one empty row', () => {
    const [f] = all(read('$p: Person  $i > 3'), 'filter');
    expect(f?.input.kind).toBe('scan');
    const none = ok('query q() { match { 1 = 1 } return { 1 as one } }');
    expect(all(none, 'argument')[0]?.variables).toEqual([]);
  });

  it('types literals by their context', () => {
    const [scan] = all(read('$p: Person { score: 3, big: 7 }'), 'scan');
    expect(scan?.predicates.map((p) => renderType(p.right.type))).toEqual(['F64', 'U64']);
  });
});

describe('return, order and ranking', () => {
  it('names columns as the runtime does', () => {
    const plain = read('$p: Person', 'return { $p.name, now() as t, $p, $n, "x" }');
    expect(plain.kind === 'read-query' && plain.columns.map((c) => [c.name, c.descriptorName])).toEqual([
      ['p.name', 'name'],
      ['t', 't'],
      ['p', 'p'],
      ['n', 'n'],
      ['literal', 'literal'],
    ]);
    const agg = read('$p: Person  $p knows $f', 'return { $p.name, count($f), sum($f.age) }');
    expect(agg.kind === 'read-query' && agg.columns.map((c) => [c.name, c.descriptorName])).toEqual([
      ['p.name', 'name'],
      ['f', 'count'],
      ['f.age', 'sum'],
    ]);
  });

  it('names an unaliased now() column `now` and a bare variable `p`', () => {
    const ir = read('$p: Person', 'return { $p, now() }');
    expect(ir.kind === 'read-query' && ir.columns.map((c) => `${c.name}:${renderType(c.type)}`)).toEqual(['p:node Person', 'now:DateTime']);
  });

  it('an alias to a nearest score orders by the ranking with k = limit', () => {
    const ir = ok(`query q(${P}) { match { $d: Doc } return { $d.slug, nearest($d.embedding, $q) as s } order { s } limit 4 }`);
    expect([ir.kind === 'read-query' && ir.ranking, all(ir, 'vector-search')[0]?.k, all(ir, 'order')]).toEqual(['nearest', 4, []]);
  });

  it('bm25 ranks best-first whatever direction is written, without needing a limit', () => {
    const ir = ok(`query q(${P}) { match { $d: Doc } return { $d.slug } order { bm25($d.title, $t) asc, $d.slug } }`);
    expect([ir.kind === 'read-query' && ir.ranking, all(ir, 'order').length, all(ir, 'text-rank').length]).toEqual(['bm25', 0, 1]);
  });

  it('ranks a variable reached by a traversal right after its own filters (scope first, rank second)', () => {
    const ir = ok(`query q(${P}) { match { $p: Person { name: $n }  $p wrote $d  $d.status = "published"  $p knows $f } return { $d.slug, $f.name } order { nearest($d.embedding, $q) } limit 3 }`);
    const [vs] = all(ir, 'vector-search');
    expect([vs?.input.kind, vs?.input.kind === 'filter' && vs.input.input.kind]).toEqual(['filter', 'expand']);
    expect(all(vs as IrNode, 'expand').map((e) => e.to)).toEqual(['d']);
  });

  it('embeds a String nearest query and takes text-search clauses as filters before ranking', () => {
    const ir = ok(`query q(${P}) { match { $d: Doc  fuzzy($d.title, $t, 1) } return { $d.slug } order { nearest($d.embedding, $t) } limit 2 }`);
    const [vs] = all(ir, 'vector-search');
    expect([vs?.nearest.embed, vs?.input.kind]).toEqual([true, 'text-search']);
  });
});

describe('mutations', () => {
  it('accepts String for Blob, Vector params and list literals for vectors, and now() for DateTime', () => {
    mutation('insert Person { name: $n, photo: $b, seen: now(), tags: ["a", "b"] }');
    mutation('insert Note { text: "a", emb: $v }');
    mutation('insert Note { text: "a", emb: [1, 2.5, 3, 4] }');
    mutation('update Person set { seen: now(), age: 3 } where name = $n');
  });

  it('lets an insert omit a non-nullable @embed target when its source is assigned', () => {
    mutation('insert Note { text: "a" }');
  });

  it('splits edge endpoints from edge properties', () => {
    const ir = mutation('insert Knows { from: $n, to: "Bob", since: date("2020-01-01") }');
    const [ins] = ir.kind === 'mutation-query' ? ir.statements : [];
    expect(ins?.kind === 'insert' && [ins.from?.kind, ins.to?.kind, ins.assignments.map((a) => a.property)]).toEqual(['param', 'literal', ['since']]);
  });

  it('deletes edges by endpoint or by edge property', () => {
    mutation('delete Knows where to = $n');
    mutation('delete Knows where since < date("2020-01-01")');
  });
});

describe('compileQuery', () => {
  const text = 'query a() { match { $p: Person } return { $p.name } }\nquery b() { insert Person { age: 1 } }';

  it('selects a query by name, or the only one', () => {
    expect(compileQuery(text, catalog, 'a').name).toBe('a');
    expect(compileQuery('query only() { match { $p: Person } return { $p.name } }', catalog).name).toBe('only');
  });

  it('throws RequestError for missing, unknown or ambiguous names', () => {
    for (const name of [undefined, 'zzz']) {
      expect(() => compileQuery(text, catalog, name)).toThrow(RequestError);
    }
    expect(() => compileQuery('', catalog)).toThrow(RequestError);
  });

  it('throws CompileError with the diagnostic code and span', () => {
    const typeErr = (() => {
      try {
        compileQuery(text, catalog, 'b');
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(typeErr).toBeInstanceOf(CompileError);
    expect([(typeErr as CompileError).code, (typeErr as CompileError).details['diagnostic'], (typeErr as CompileError).span?.line]).toEqual(['query_invalid', 'T12', 2]);
    expect(() => compileQuery('query', catalog)).toThrow(expect.objectContaining({ code: 'parse_error' }));
  });
});

// Parser: one test group per grammar production of query-language.md §2, and the parse-level consequences it pins.
import { describe, expect, it } from 'vitest';
import type { ClauseAst, ExprAst, MutationAst, QueryDeclAst, ReadBodyAst } from './ast.js';
import { parseQueryFile } from './parser.js';

function parse(text: string): QueryDeclAst[] {
  const r = parseQueryFile(text);
  if (r.ast === null) throw new Error(`unexpected parse error: ${r.diagnostics[0]?.message}`);
  return [...r.ast.queries];
}
function readBody(text: string): ReadBodyAst {
  const body = parse(text)[0]?.body;
  if (body?.kind !== 'read') throw new Error('read body expected');
  return body;
}
const clauses = (match: string): readonly ClauseAst[] => readBody(`query q() { match { ${match} } return { 1 } }`).match.clauses;
const projection = (expr: string): ExprAst => readBody(`query q() { match { $p: P } return { ${expr} } }`).ret.projections[0]?.expr as ExprAst;
const statements = (body: string): readonly MutationAst[] => {
  const b = parse(`query q() { ${body} }`)[0]?.body;
  if (b?.kind !== 'mutation') throw new Error('mutation body expected');
  return b.statements;
};
function fails(text: string): { message: string; at: string } {
  const r = parseQueryFile(text);
  expect(r.ast).toBeNull();
  expect(r.diagnostics.map((d) => d.code)).toEqual(['Q000']);
  const d = r.diagnostics[0] as NonNullable<(typeof r.diagnostics)[0]>;
  expect(d.message.startsWith('parse error: ')).toBe(true);
  return { message: d.message, at: text.slice(d.span.start, d.span.end) };
}

describe('QueryFile and QueryDecl', () => {
  it('parses many queries, comments and an empty file', () => {
    expect(parse('// nothing\n')).toEqual([]);
    const qs = parse('query a() { match { $p: P } return { $p } }\n/* x */ query b() { delete P where a = 1 }');
    expect(qs.map((q) => [q.name.text, q.body.kind])).toEqual([['a', 'read'], ['b', 'mutation']]);
  });

  it('reads @description and @instruction once each, in either order', () => {
    const [q] = parse('query q() @instruction("i") @description("d") { match { $p: P } return { $p } }');
    expect([q?.description, q?.instruction]).toEqual(['d', 'i']);
  });

  it('rejects duplicate and unknown annotations', () => {
    expect(fails('query q() @description("a") @description("b") { match { $p: P } return { $p } }').at).toBe('@description("b")');
    expect(fails('query q() @foo("x") { match { $p: P } return { $p } }').at).toBe('foo');
  });

  it('requires a lower-case query name and a body', () => {
    fails('query Q() { match { $p: P } return { $p } }');
    fails('query q() { }');
    fails('query q()');
  });
});

describe('Param and ParamType', () => {
  it('parses scalars, lists, vectors and nullability', () => {
    const [q] = parse('query q($a: String, $b: [I64]?, $c: Vector(3), $d: DateTime?, $e: Foo) { delete P where a = $a }');
    expect(q?.params.map((p) => [p.name.text, p.type.kind, p.type.nullable])).toEqual([
      ['a', 'scalar', false],
      ['b', 'list', true],
      ['c', 'vector', false],
      ['d', 'scalar', true],
      ['e', 'scalar', false],
    ]);
    const c = q?.params[2]?.type;
    expect(c?.kind === 'vector' && c.dim).toBe(3n);
  });

  it('rejects lower-case types and missing colons', () => {
    fails('query q($a: string) { delete P where a = 1 }');
    fails('query q($a String) { delete P where a = 1 }');
  });
});

describe('ReadBody and MatchClause', () => {
  it('needs a match with at least one clause and a return with at least one projection', () => {
    fails('query q() { match { } return { 1 } }');
    expect(fails('query q() { match { $p: Person } }').at).toBe('}');
    fails('query q() { match { $p: Person } return { } }');
  });

  it('accepts order and limit in that order only', () => {
    const b = readBody('query q() { match { $p: P } return { $p.a } order { $p.a desc, $p.b } limit 5 }');
    expect([b.order?.keys.map((k) => k.direction), b.limit?.value]).toEqual([['desc', null], 5n]);
    fails('query q() { match { $p: P } return { $p.a } limit 5 order { $p.a } }');
  });
});

describe('Clause alternatives', () => {
  it('Binding with and without inline matches, trailing comma allowed', () => {
    const [a, b] = clauses('$p: Person  $c: Company { name: "x", size: $s, at: now(), }');
    expect(a?.kind === 'binding' && a.props).toEqual([]);
    expect(b?.kind === 'binding' && b.props.map((p) => [p.name.text, p.value.kind])).toEqual([['name', 'literal'], ['size', 'var'], ['at', 'now']]);
  });

  it('Binding with empty braces is a parse error', () => {
    expect(fails('query q() { match { $p: Person { } } return { $p } }').at).toBe('}');
  });

  it('Traversal forms: edge variable, undirected, hop bounds, open upper bound', () => {
    const [a, b, c, d] = clauses('$a knows $b  $a $w:knows $b  $a <knows>{1,3} $b  $a knows{2,} $b');
    expect(a?.kind === 'traversal' && [a.left.text, a.edge.text, a.right.text, a.undirected, a.hops]).toEqual(['a', 'knows', 'b', false, null]);
    expect(b?.kind === 'traversal' && b.edgeVariable?.text).toBe('w');
    expect(c?.kind === 'traversal' && [c.undirected, c.hops?.min, c.hops?.max]).toEqual([true, 1n, 3n]);
    expect(d?.kind === 'traversal' && [d.hops?.min, d.hops?.max]).toEqual([2n, null]);
  });

  it('`not` is never an edge word', () => {
    fails('query q() { match { $a not $b } return { 1 } }');
  });

  it('Filter with every operator', () => {
    const ops = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'starts_with'];
    const cs = clauses(ops.map((op) => `$p.x ${op} 1`).join('  '));
    expect(cs.map((c) => c.kind === 'filter' && c.op)).toEqual(ops);
  });

  it('a bare variable before contains/starts_with is a traversal over that edge word', () => {
    const [c] = clauses('$q contains $m');
    expect(c?.kind === 'traversal' && c.edge.text).toBe('contains');
    const [f] = clauses('"hay" contains $p.name');
    expect(f?.kind === 'filter' && f.left.kind).toBe('literal');
  });

  it('case after the variable disambiguates binding, traversal and filter', () => {
    expect(clauses('$p: Person  $p knows $f  $p.x > 1  $x < $y').map((c) => c.kind)).toEqual(['binding', 'traversal', 'filter', 'filter']);
  });

  it('TextSearch clauses stand alone; fuzzy takes an optional third argument', () => {
    const cs = clauses('search($d.t, "a")  fuzzy($d.t, "a")  fuzzy($d.t, "a", 1)  match_text($d.t, $q)');
    expect(cs.map((c) => c.kind === 'text-search' && [c.call.kind, c.call.maxEdits !== null])).toEqual([
      ['search', false],
      ['fuzzy', false],
      ['fuzzy', true],
      ['match_text', false],
    ]);
  });

  it('Negation nests and holds any clause', () => {
    const [n] = clauses('not { $p knows $x  not { $x.a = 1 } }');
    expect(n?.kind === 'not' && n.clauses.map((c) => c.kind)).toEqual(['traversal', 'not']);
    fails('query q() { match { not { } } return { 1 } }');
  });
});

describe('ReturnClause and Projection', () => {
  it('aliases; commas optional between projections', () => {
    const b = readBody('query q() { match { $p: P } return { $p.a as x, $p.b\n $p.c as y } }');
    expect(b.ret.projections.map((p) => p.alias?.text ?? null)).toEqual(['x', null, 'y']);
  });
});

describe('OrderClause and Ordering', () => {
  it('requires commas between keys', () => {
    fails('query q() { match { $p: P } return { $p.a } order { $p.a $p.b } }');
  });

  it('nearest first, bare alias keys, bm25/rrf with a direction', () => {
    const b = readBody('query q() { match { $p: P } return { $p.a as a } order { nearest($p.v, $q), a asc, bm25($p.t, "x") desc } }');
    expect(b.order?.keys.map((k) => [k.expr.kind, k.direction])).toEqual([['nearest', null], ['alias', 'asc'], ['bm25', 'desc']]);
  });

  it('nearest with a direction is a parse error', () => {
    expect(fails('query q() { match { $p: P } return { $p.a } order { nearest($p.v, $q) desc } limit 2 }').at).toBe('desc');
  });
});

describe('LimitClause', () => {
  it('takes an integer only', () => {
    expect(readBody('query q() { match { $p: P } return { $p } limit 0 }').limit?.value).toBe(0n);
    fails('query q() { match { $p: P } return { $p } limit $n }');
    fails('query q() { match { $p: P } return { $p } limit 1.5 }');
  });
});

describe('Expr alternatives', () => {
  it.each([
    ['now()', 'now'],
    ['nearest($p.v, [1.0, 2.0])', 'nearest'],
    ['search($p.t, "x")', 'search'],
    ['fuzzy($p.t, "x", 2)', 'fuzzy'],
    ['match_text($p.t, "x")', 'match_text'],
    ['bm25($p.t, "x")', 'bm25'],
    ['rrf(nearest($p.v, $q), bm25($p.t, "x"), 10)', 'rrf'],
    ['count($p)', 'aggregate'],
    ['sum($p.a)', 'aggregate'],
    ['avg($p.a)', 'aggregate'],
    ['min($p.a)', 'aggregate'],
    ['max($p.a)', 'aggregate'],
    ['$p.a', 'prop'],
    ['$p', 'var'],
    ['"s"', 'literal'],
    ['alias_name', 'alias'],
  ])('%s → %s', (text, kind) => {
    expect(projection(text).kind).toBe(kind);
  });

  it('rrf arms must be nearest or bm25', () => {
    fails('query q() { match { $p: P } return { $p } order { rrf(bm25($p.t, "x"), search($p.t, "y")) } limit 1 }');
  });

  it('a word that is not a call falls back to an alias reference', () => {
    expect(projection('now').kind).toBe('alias');
    expect(projection('count').kind).toBe('alias');
  });
});

describe('Literal and ListLit', () => {
  it.each([
    ['"a"', 'string'],
    ['12', 'int'],
    ['1.5', 'float'],
    ['true', 'bool'],
    ['false', 'bool'],
    ['date("2020-01-01")', 'date'],
    ['datetime("2020-01-01T00:00:00Z")', 'datetime'],
    ['[]', 'list'],
    ['[1, 2.5]', 'list'],
    ['[[1]]', 'list'],
  ])('%s → %s', (text, kind) => {
    const e = projection(text);
    expect(e.kind === 'literal' && e.literal.kind).toBe(kind);
  });

  it('keeps integers exact', () => {
    const e = projection('123456789012345678901234567890');
    expect(e.kind === 'literal' && e.literal.kind === 'int' && e.literal.value).toBe(123456789012345678901234567890n);
  });

  it('rejects signs and unclosed lists', () => {
    fails('query q() { match { $p: P } return { -1 } }');
    fails('query q() { match { $p: P } return { [1, 2 } }');
  });
});

describe('MutationBody', () => {
  it('insert, update and delete statements, several per query', () => {
    const s = statements('insert P { a: 1, b: $b }  update P set { a: now() } where b >= 2  delete E where from = $x');
    expect(s.map((m) => m.kind)).toEqual(['insert', 'update', 'delete']);
    const u = s[1];
    expect(u?.kind === 'update' && [u.where.property.text, u.where.op]).toEqual(['b', '>=']);
  });

  it('zero assignments parse (the checker reports T10)', () => {
    const [i] = statements('insert P { }');
    expect(i?.kind === 'insert' && i.assignments).toEqual([]);
  });

  it('predicates take one comparison, without contains, starts_with, and or or', () => {
    expect(fails('query q() { delete P where tags contains "go" }').at).toBe('contains');
    fails('query q() { delete P where a starts_with "x" }');
    fails('query q() { delete P where a = 1 and b = 2 }');
  });

  it('there is no mutation wrapper and no mixing with match', () => {
    fails('query q() { mutation { insert P { a: 1 } } }');
    fails('query q() { insert P { a: 1 } match { $p: P } return { $p } }');
  });
});

describe('parse errors', () => {
  it('report the farthest failure with a span', () => {
    const text = 'query q() {\n  match { $p: Person\n    $p.age > }\n  return { $p }\n}';
    const r = parseQueryFile(text);
    expect(r.diagnostics[0]?.span.line).toBe(3);
    expect(text.slice(r.diagnostics[0]?.span.start, r.diagnostics[0]?.span.end)).toBe('}');
  });

  it('turn lexical errors into Q000 at the bad character', () => {
    expect(fails('query q() { match { $p: P  $p.a = "\\x" } return { $p } }').at).toBe('\\x');
    expect(fails('query q($Bad: String) { delete P where a = 1 }').at).toBe('$Bad');
  });

  it('cap nesting depth', () => {
    const deep = `query q() { match { ${'not { '.repeat(40)}$p.a = 1${' }'.repeat(40)} } return { 1 } }`;
    expect(fails(deep).message).toContain('nesting');
  });
});

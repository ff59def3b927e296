// Schema parser: every construct, both layouts, spans, the grammar consequences of spec §2 and the work bound.
import { describe, expect, it } from 'vitest';
import type { EdgeDeclNode, InterfaceDeclNode, NodeDeclNode, PropertyNode } from './ast.js';
import { parseSchema } from './parse-schema.js';

function parseOk(text: string) {
  const r = parseSchema(text);
  expect(r.diagnostics).toEqual([]);
  return r.ast!.declarations;
}

function firstCode(text: string): string | undefined {
  return parseSchema(text).diagnostics[0]?.code;
}

const nodeOf = (text: string): NodeDeclNode => parseOk(text)[0] as NodeDeclNode;
const propOf = (type: string): PropertyNode => nodeOf(`node P { p: ${type} }`).properties[0] as PropertyNode;

describe('parseSchema', () => {
  it('parses interfaces, nodes with annotations and implements, and edges with and without bodies', () => {
    const decls = parseOk(`
      interface Named { name: String @key }
      node Person @description("A human") @instruction("be nice") implements Named, Aged { age: I32? }
      edge Knows: Person -> Person { since: Date? weight: F64? }
      edge WorksAt: Person -> Company @card(0..1) @description("job")
    `);
    expect(decls.map((d) => d.kind)).toEqual(['interface', 'node', 'edge', 'edge']);
    const iface = decls[0] as InterfaceDeclNode;
    expect(iface.properties[0]?.annotations[0]?.name.text).toBe('key');
    const person = decls[1] as NodeDeclNode;
    expect(person.annotations.map((a) => a.name.text)).toEqual(['description', 'instruction']);
    expect(person.implements.map((i) => i.text)).toEqual(['Named', 'Aged']);
    const knows = decls[2] as EdgeDeclNode;
    expect([knows.from.text, knows.to.text, knows.hasBody, knows.properties.length]).toEqual(['Person', 'Person', true, 2]);
    const worksAt = decls[3] as EdgeDeclNode;
    expect([worksAt.card?.min, worksAt.card?.max, worksAt.hasBody]).toEqual(['0', '1', false]);
    expect(worksAt.annotations[0]?.args[0]?.value).toBe('job');
  });

  it('parses every base type, lists, enums, vectors and the nullable suffix', () => {
    for (const base of ['String', 'Blob', 'Bool', 'I32', 'I64', 'U32', 'U64', 'F32', 'F64', 'DateTime', 'Date']) {
      expect(propOf(base).type).toMatchObject({ kind: 'base', base, nullable: false });
      expect(propOf(`${base}?`).type).toMatchObject({ kind: 'base', base, nullable: true });
    }
    expect(propOf('[String]?').type).toMatchObject({ kind: 'list', element: 'String', nullable: true });
    expect(propOf('[Blob]').type).toMatchObject({ kind: 'list', element: 'Blob' });
    const e = propOf('enum(b, a-1, 2x)?').type;
    expect(e.kind === 'enum' && e.values.map((v) => v.text)).toEqual(['b', 'a-1', '2x']);
    expect(e.nullable).toBe(true);
    expect(propOf('Vector( 384 )').type).toMatchObject({ kind: 'vector', dimension: '384', nullable: false });
  });

  it('reads annotation arguments: one positional literal or identifier, then keyword literals', () => {
    const p = propOf('Vector(3) @embed(title, model = "m1") @custom(1.5) @flag(true) @n(7) @bare');
    expect(p.annotations.map((a) => [a.name.text, a.args.map((x) => [x.kind, x.value]), a.kwargs.map((k) => [k.name.text, k.value.value])])).toEqual([
      ['embed', [['ident', 'title']], [['model', 'm1']]],
      ['custom', [['float', '1.5']], []],
      ['flag', [['bool', 'true']], []],
      ['n', [['integer', '7']], []],
      ['bare', [], []],
    ]);
  });

  it('parses body constraints including open and negative range bounds', () => {
    const n = nodeOf('node P { a: I32 b: F64 c: String @key(a, b) @unique(a) @index(b, a) @range(a, 0..) @range(b, ..-1.5) @range(a, -10..10) @check(c, "^x$") }');
    expect(n.constraints.map((c) => c.name)).toEqual(['key', 'unique', 'index', 'range', 'range', 'range', 'check']);
    const bounds = n.constraints.filter((c) => c.name === 'range').map((c) => c.args[1]);
    expect(bounds.map((b) => (b?.kind === 'range' ? [b.min?.text ?? null, b.max?.text ?? null] : null))).toEqual([
      ['0', null],
      [null, '-1.5'],
      ['-10', '10'],
    ]);
  });

  it('accepts one-line and multi-line property layouts alike', () => {
    const one = nodeOf('node P { a: String @key b: I32? @index c: Date? }');
    const multi = nodeOf('node P {\n  a: String\n    @key\n  b: I32?\n  @index(b)\n  c: Date?\n}');
    expect(one.properties.map((p) => p.name.text)).toEqual(['a', 'b', 'c']);
    expect(multi.properties.map((p) => p.name.text)).toEqual(['a', 'b', 'c']);
  });

  it('gives diagnostics a 1-based line and column', () => {
    const d = parseSchema('node P {\n  a: Int\n}').diagnostics[0];
    expect(d).toMatchObject({ code: 'S106', severity: 'error', span: { line: 2, column: 6, start: 14, end: 17 } });
  });

  it('pins the grammar consequences the spec lists', () => {
    expect(firstCode('edge E: P -> P @description("x") @card(0..1)')).toBe('S108');
    expect(firstCode('node P @card(0..1) { a: String }')).toBe('S108');
    expect(firstCode('node P { a: I32 @card(0..1) }')).toBe('S108');
    expect(firstCode('node P implements I @description("x") { a: String }')).toBe('S105');
    expect(firstCode('interface I @description("x") { a: String }')).toBe('S105');
    expect(firstCode('interface I { a: String @key(a) }')).toBe('S105');
    expect(firstCode('node P { email: String @unique("x") }')).toBe('S107');
    expect(firstCode('node P { age: I32 @range(0..9) }')).toBe('S107');
    expect(firstCode('node P { c: String @check(c) }')).toBe('S107');
    expect(firstCode('enum Color { red }')).toBe('S105');
    expect(firstCode('node P { a: [[String]] }')).toBe('S106');
    expect(firstCode('node P { a: [Vector(3)] }')).toBe('S106');
    expect(firstCode('node P { a: [enum(x)] }')).toBe('S106');
    expect(firstCode('node P { a: [String?] }')).toBe('S105');
    expect(firstCode('node P { a: enum() }')).toBe('S105');
    expect(firstCode('node P @key(a) { a: String }')).toBe('S105');
    expect(firstCode('edge E: P -> P @unique(src, dst)')).toBe('S105');
    expect(firstCode('node P { @description("x") }')).toBe('S105');
    expect(firstCode('node P { a: String, b: String }')).toBe('S105');
    expect(firstCode('node p { a: String }')).toBe('S105');
    expect(firstCode('node P { Name: String }')).toBe('S105');
    expect(firstCode('node P { a: String @Foo }')).toBe('S105');
    expect(firstCode('node P { a: String @foo(x = 1) }')).toBe('S105');
    expect(firstCode('node P { a: String @foo(1, k = v) }')).toBe('S105');
    expect(firstCode('node P { a: I32 @range(a, ..) }')).toBe('S105');
    expect(firstCode('node P { a: I32 @unique(a, -1) }')).toBe('S107');
    expect(firstCode('edge E: P -> P @card(1)')).toBe('S105');
    expect(firstCode('nodeP { a: String }')).toBe('S105');
    expect(firstCode('node P { a: String }}')).toBe('S105');
    expect(firstCode('node P { a: String')).toBe('S105');
  });

  it('returns an empty tree for an empty or comment-only file', () => {
    expect(parseOk('')).toEqual([]);
    expect(parseOk('// nothing\n/* here */')).toEqual([]);
  });

  it('stays within its linear work budget', () => {
    const text = 'node P { a: String @key b: enum(x, y, z) c: [I32]? @index(c) }\n'.repeat(50);
    const r = parseSchema(text);
    expect(r.steps).toBeGreaterThan(0);
    expect(r.steps).toBeLessThanOrEqual(r.budget);
    expect(r.steps).toBeLessThanOrEqual(2 * (text.length + 1));
  });

  it('freezes the syntax tree', () => {
    const ast = parseSchema('node P { a: String }').ast!;
    expect(Object.isFrozen(ast.declarations[0])).toBe(true);
  });
});

// Annotation checks: the full placement matrix of spec §5.1, argument shapes, repeats and property type rules.
import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile-schema.js';

const errors = (text: string): string[] => compileSchema(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

type Target = 'nodeType' | 'nodeProperty' | 'edgeType' | 'edgeProperty' | 'interfaceProperty';

function schemaWith(target: Target, ann: string): string {
  const w = ann.startsWith('@embed') ? 'w: Vector(2)' : 'w: String';
  switch (target) {
    case 'nodeType':
      return `node P ${ann} { t: String }`;
    case 'nodeProperty':
      return `node P { t: String ${w} ${ann} }`;
    case 'edgeType':
      return `node P { t: String } edge E: P -> P ${ann}`;
    case 'edgeProperty':
      return `node P { t: String } edge E: P -> P { t: String ${w} ${ann} }`;
    case 'interfaceProperty':
      return `interface I { t: String ${w} ${ann} }`;
  }
}

// The placement matrix of spec §5.1 ('ok' = accepted; otherwise the diagnostic code).
const MATRIX: readonly [string, Record<Target, string>][] = [
  ['@key', { nodeType: 'S301', nodeProperty: 'ok', edgeType: 'S301', edgeProperty: 'S301', interfaceProperty: 'ok' }],
  ['@unique', { nodeType: 'S301', nodeProperty: 'ok', edgeType: 'S301', edgeProperty: 'ok', interfaceProperty: 'ok' }],
  ['@index', { nodeType: 'S301', nodeProperty: 'ok', edgeType: 'S301', edgeProperty: 'ok', interfaceProperty: 'ok' }],
  ['@range', { nodeType: 'S301', nodeProperty: 'S301', edgeType: 'S301', edgeProperty: 'S301', interfaceProperty: 'S301' }],
  ['@check', { nodeType: 'S301', nodeProperty: 'S301', edgeType: 'S301', edgeProperty: 'S301', interfaceProperty: 'S301' }],
  ['@embed(t)', { nodeType: 'S301', nodeProperty: 'ok', edgeType: 'S301', edgeProperty: 'S301', interfaceProperty: 'ok' }],
  ['@card', { nodeType: 'S301', nodeProperty: 'S301', edgeType: 'S301', edgeProperty: 'S301', interfaceProperty: 'S301' }],
  ['@description("d")', { nodeType: 'ok', nodeProperty: 'ok', edgeType: 'ok', edgeProperty: 'ok', interfaceProperty: 'ok' }],
  ['@instruction("i")', { nodeType: 'ok', nodeProperty: 'S301', edgeType: 'ok', edgeProperty: 'S301', interfaceProperty: 'S301' }],
  ['@rename_from("Old")', { nodeType: 'ok', nodeProperty: 'ok', edgeType: 'ok', edgeProperty: 'ok', interfaceProperty: 'ok' }],
  ['@owner("x", level = 2)', { nodeType: 'ok', nodeProperty: 'ok', edgeType: 'ok', edgeProperty: 'ok', interfaceProperty: 'ok' }],
];

describe('annotation placement (spec §5.1)', () => {
  for (const [ann, row] of MATRIX) {
    for (const [target, expected] of Object.entries(row) as [Target, string][]) {
      it(`${expected === 'ok' ? 'accepts' : 'rejects'} ${ann} on a ${target}`, () => {
        expect(errors(schemaWith(target, ann))).toEqual(expected === 'ok' ? [] : [expected]);
      });
    }
  }
});

describe('annotation arguments and repeats', () => {
  it('requires exactly one non-empty string for @description, @instruction and @rename_from', () => {
    for (const bad of ['@description', '@description(1)', '@description("")', '@description("a", lang = "en")', '@instruction(x)', '@rename_from', '@rename_from(old)']) {
      expect(errors(`node P ${bad} { a: String }`)).toEqual(['S303']);
    }
  });

  it('accepts @embed with a quoted or bare source and an optional model', () => {
    const c = compileSchema('node P { t: String a: Vector(2) @embed("t") b: Vector(2) @embed(t, model = "m") }').catalog!;
    expect(c.nodes['P']?.properties['a']?.embed).toEqual({ source: 't', model: null });
    expect(c.nodes['P']?.properties['b']?.embed).toEqual({ source: 't', model: 'm' });
  });

  it('rejects malformed @embed arguments', () => {
    expect(errors('node P { t: String v: Vector(2) @embed }')).toEqual(['S303']);
    expect(errors('node P { t: String v: Vector(2) @embed("") }')).toEqual(['S303']);
    expect(errors('node P { t: String v: Vector(2) @embed(t, model = 1) }')).toEqual(['S303']);
    expect(errors('node P { t: String v: Vector(2) @embed(t, model = "a", model = "b") }')).toEqual(['S303']);
    expect(errors('node P { t: String v: Vector(2) @embed(t, provider = "x") }')).toEqual(['S304']);
  });

  it('allows @key, @unique, @index, @embed, @description at most once per target', () => {
    expect(errors('node P { a: String @unique @unique }')).toEqual(['S302']);
    expect(errors('node P { a: String @index @index }')).toEqual(['S302']);
    expect(errors('node P { t: String v: Vector(2) @embed(t) @embed(t) }')).toEqual(['S302']);
    expect(errors('node P { a: String @description("x") @description("y") }')).toEqual(['S302']);
    expect(errors('node P @instruction("x") @instruction("y") { a: String }')).toEqual(['S302']);
    expect(errors('node P @rename_from("A") @rename_from("B") { a: String }')).toEqual(['S302']);
  });

  it('keeps custom annotations (repeatable) as metadata', () => {
    const c = compileSchema('node P @tag("a") @tag("b") { n: String @ui(hidden, order = 3) }').catalog!;
    expect(c.nodes['P']?.annotations.map((a) => a.args[0]?.value)).toEqual(['a', 'b']);
    expect(c.nodes['P']?.properties['n']?.annotations).toEqual([
      { name: 'ui', args: [{ kind: 'ident', value: 'hidden' }], kwargs: [{ name: 'order', value: { kind: 'integer', value: '3' } }] },
    ]);
  });

  it('records descriptions and instructions', () => {
    const c = compileSchema('node P @description("d") @instruction("i") { n: String @description("nd") } edge E: P -> P @instruction("ei")').catalog!;
    expect([c.nodes['P']?.description, c.nodes['P']?.instruction, c.nodes['P']?.properties['n']?.description, c.edges['E']?.instruction]).toEqual(['d', 'i', 'nd', 'ei']);
  });
});

describe('property-level constraint type rules', () => {
  it('rejects @key on list, Vector and Blob, and on a nullable property', () => {
    expect(errors('node P { a: [String] @key }')).toEqual(['S305']);
    expect(errors('node P { a: Vector(2) @key }')).toEqual(['S305']);
    expect(errors('node P { a: Blob @key }')).toEqual(['S305']);
    expect(errors('node P { a: I32? @key }')).toEqual(['S402']);
  });

  it('rejects @unique on list, Vector and Blob', () => {
    expect(errors('node P { a: [I32] @unique }')).toEqual(['S305']);
    expect(errors('node P { a: Vector(2) @unique }')).toEqual(['S305']);
    expect(errors('node P { a: Blob? @unique }')).toEqual(['S305']);
  });

  it('rejects @index on list and Blob but accepts it on a Vector', () => {
    expect(errors('node P { a: [I32]? @index }')).toEqual(['S305']);
    expect(errors('node P { a: Blob @index }')).toEqual(['S305']);
    expect(errors('node P { a: Vector(2) @index }')).toEqual([]);
  });

  it('accepts @key on every other scalar and on enums', () => {
    for (const t of ['String', 'Bool', 'I32', 'I64', 'U32', 'U64', 'F32', 'F64', 'Date', 'DateTime', 'enum(a, b)']) {
      expect(errors(`node P { a: ${t} @key }`)).toEqual([]);
    }
  });
});

// Constraint rules of spec §5.2–5.8: @key, @unique, @index, @range, @check, @embed and @card.
import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile-schema.js';

const errors = (text: string): string[] => compileSchema(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const node = (text: string, name = 'P') => {
  const r = compileSchema(text);
  expect(r.diagnostics).toEqual([]);
  return r.catalog!.nodes[name]!;
};

describe('@key', () => {
  it('counts the property form and the body form together', () => {
    expect(errors('node P { a: String @key b: String @key(b) }')).toEqual(['S401']);
    expect(errors('node P { a: String b: String @key(a) @key(b) }')).toEqual(['S401']);
    expect(errors('interface I { a: String @key } node P implements I { b: String @key }')).toEqual(['S401']);
  });

  it('orders composite key members by property identity, not by how they are written', () => {
    expect(node('node P { last: String first: String @key(last, first) }').key).toEqual({ properties: ['first', 'last'] });
  });

  it('checks body key members: declared, distinct, non-null, not list/vector/blob', () => {
    expect(errors('node P { a: String @key(a, b) }')).toEqual(['S403']);
    expect(errors('node P { a: String @key(a, a) }')).toEqual(['S404']);
    expect(errors('node P { a: String b: I32? @key(a, b) }')).toEqual(['S402']);
    expect(errors('node P { a: String b: [I32] @key(a, b) }')).toEqual(['S305']);
  });

  it('leaves a node without @key unkeyed', () => {
    expect(node('node P { a: String }').key).toBeNull();
  });
});

describe('@unique and @index', () => {
  it('merges the property and body forms and de-duplicates member sets', () => {
    const p = node('node P { a: String @unique @index b: I32 @unique(a) @unique(b, a) @unique(a, b) @index(a) @index(b, a) }');
    expect(p.uniques).toEqual([{ properties: ['a'] }, { properties: ['b', 'a'] }]);
    expect(p.indexes).toEqual([{ properties: ['a'] }, { properties: ['b', 'a'] }]);
  });

  it('lets edge bodies name src and dst', () => {
    const c = compileSchema('node P { a: String } edge E: P -> P { w: String @unique(src, dst) @index(src) @index(w, dst) }').catalog!;
    expect(c.edges['E']?.uniques).toEqual([{ properties: ['src', 'dst'] }]);
    expect(c.edges['E']?.indexes).toEqual([{ properties: ['src'] }, { properties: ['w', 'dst'] }]);
    expect(errors('node P { a: String } edge E: P -> P { @unique(src, nope) }')).toEqual(['S403']);
    expect(errors('node P { a: String } edge E: P -> P { @unique(src, src) }')).toEqual(['S404']);
  });

  it('rejects body forms on unsupported types like the property forms', () => {
    expect(errors('node P { a: [String] @unique(a) }')).toEqual(['S305']);
    expect(errors('node P { a: Vector(2) @unique(a) }')).toEqual(['S305']);
    expect(errors('node P { a: Blob @index(a) }')).toEqual(['S305']);
    expect(errors('node P { a: [String] @index(a) }')).toEqual(['S305']);
    expect(errors('node P { a: String } edge E: P -> P { b: Blob @unique(b) }')).toEqual(['S305']);
  });
});

describe('@range', () => {
  it('accepts every numeric type with integer, float, negative and open bounds', () => {
    for (const t of ['I32', 'I64', 'U32', 'U64', 'F32', 'F64', 'I32?']) {
      expect(errors(`node P { a: ${t} @range(a, -1.5..2) }`)).toEqual([]);
    }
    const p = node('node P { a: I32 b: F64 c: U32 @range(a, 0..) @range(b, ..-0.5) @range(c, 3..3) }');
    expect(p.ranges).toEqual([
      { property: 'a', min: 0, max: null },
      { property: 'b', min: null, max: -0.5 },
      { property: 'c', min: 3, max: 3 },
    ]);
  });

  it('requires a numeric scalar and ordered, representable bounds', () => {
    expect(errors('node P { a: Date @range(a, 0..1) }')).toEqual(['S305']);
    expect(errors('node P { a: [I32] @range(a, 0..1) }')).toEqual(['S305']);
    expect(errors('node P { a: I32 @range(a, 5..-5) }')).toEqual(['S405']);
    expect(errors(`node P { a: F64 @range(a, 0..${'9'.repeat(400)}) }`)).toEqual(['S405']);
    expect(errors('node P { a: I32 @range(b, 0..1) }')).toEqual(['S403']);
  });
});

describe('@check', () => {
  it('accepts String properties (nullable too) and keeps the pattern', () => {
    expect(node('node P { c: String? @check(c, "^[A-Z]{3}$") }').checks).toEqual([{ property: 'c', pattern: '^[A-Z]{3}$' }]);
  });

  it('rejects non-String properties, lists and invalid patterns', () => {
    expect(errors('node P { c: enum(a) @check(c, "a") }')).toEqual(['S305']);
    expect(errors('node P { c: [String] @check(c, "a") }')).toEqual(['S305']);
    expect(errors('node P { c: String @check(c, "[") }')).toEqual(['S406']);
    expect(errors('node P { c: String @check(c, "(a)\\\\1") }')).toEqual(['S406']);
  });
});

describe('@embed', () => {
  it('requires a non-list String source of the same type', () => {
    expect(errors('node P { t: String? v: Vector(3)? @embed(t) }')).toEqual([]);
    expect(errors('node P { t: enum(a) v: Vector(3) @embed(t) }')).toEqual(['S408']);
    expect(errors('node P { t: [String] v: Vector(3) @embed(t) }')).toEqual(['S408']);
    expect(errors('node P { v: Vector(3) @embed(t) }')).toEqual(['S403']);
    expect(errors('node P { t: String v: F32 @embed(t) }')).toEqual(['S305']);
  });

  it('checks an interface-injected @embed against the implementing node', () => {
    expect(errors('interface I { v: Vector(2) @embed(title) } node P implements I { title: String }')).toEqual([]);
    expect(errors('interface I { v: Vector(2) @embed(title) } node P implements I { name: String }')).toEqual(['S403']);
  });
});

describe('@card', () => {
  it('defaults to 0..* and reads open and closed bounds', () => {
    const c = compileSchema('node P { a: String } edge A: P -> P edge B: P -> P @card(1..) edge C: P -> P @card(2..2)').catalog!;
    expect([c.edges['A']?.cardinality, c.edges['B']?.cardinality, c.edges['C']?.cardinality]).toEqual([
      { min: 0, max: null },
      { min: 1, max: null },
      { min: 2, max: 2 },
    ]);
  });

  it('rejects min > max and bounds beyond u32', () => {
    expect(errors('node P { a: String } edge E: P -> P @card(2..1)')).toEqual(['S407']);
    expect(errors('node P { a: String } edge E: P -> P @card(0..4294967296)')).toEqual(['S407']);
  });
});

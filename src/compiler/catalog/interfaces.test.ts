// Interface injection and agreement rules (spec §3.3) and the separate name spaces (§3.4, §3.5).
import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile-schema.js';

const errors = (text: string): string[] => compileSchema(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
const ok = (text: string) => {
  const r = compileSchema(text);
  expect(r.diagnostics).toEqual([]);
  return r.catalog!;
};

describe('interface injection (spec §3.3)', () => {
  it('copies interface properties with their annotations, and an injected @key becomes the node key', () => {
    const c = ok('interface Named { name: String @key @description("n") tag: String? @index } node P implements Named { age: I32? }');
    const p = c.nodes['P']!;
    expect(Object.keys(p.properties).sort()).toEqual(['age', 'name', 'tag']);
    expect(p.properties['name']).toMatchObject({ origin: 'injected', interfaces: ['Named'], description: 'n' });
    expect(p.key).toEqual({ properties: ['name'] });
    expect(p.indexes).toEqual([{ properties: ['tag'] }]);
    expect(p.implements).toEqual(['Named']);
    expect(c.interfaces['Named']?.constraints).toEqual([
      { kind: 'key', property: 'name' },
      { kind: 'index', property: 'tag' },
    ]);
  });

  it('accepts a direct declaration with the identical type and applies the interface constraints to it', () => {
    const p = ok('interface I { s: enum(b, a)? @unique } node P implements I { s: enum(a, b)? @description("mine") }').nodes['P']!;
    expect(p.properties['s']).toMatchObject({ origin: 'declared', interfaces: ['I'], description: 'mine' });
    expect(p.uniques).toEqual([{ properties: ['s'] }]);
  });

  it('rejects a direct declaration whose type differs in base, nullability or enum set', () => {
    expect(errors('interface I { a: String } node P implements I { a: String? }')).toEqual(['S507']);
    expect(errors('interface I { a: I32 } node P implements I { a: I64 }')).toEqual(['S507']);
    expect(errors('interface I { a: enum(x, y) } node P implements I { a: enum(x) }')).toEqual(['S507']);
  });

  it('merges a property two interfaces share when they agree, and rejects disagreement', () => {
    const p = ok('interface I { a: String @index } interface J { a: String @index } node P implements J, I { b: I32? }').nodes['P']!;
    expect(p.properties['a']?.interfaces).toEqual(['I', 'J']);
    expect(errors('interface I { a: String } interface J { a: String? } node P implements I, J { b: I32? }')).toEqual(['S508']);
    expect(errors('interface I { a: String @key } interface J { a: String } node P implements I, J { b: I32? }')).toEqual(['S508']);
  });

  it('rejects unknown and repeated interfaces', () => {
    expect(errors('node P implements I { a: String }')).toEqual(['S506']);
    expect(errors('interface I { a: String } node P implements I, I { b: String }')).toEqual(['S509']);
  });
});

describe('name spaces', () => {
  it('keeps interfaces, nodes and edges in separate name spaces', () => {
    const c = ok('interface Shared { x: I32? } node Shared implements Shared { y: I32? } edge Shared: Shared -> Shared');
    expect([c.interfaces['Shared']?.kind, c.nodes['Shared']?.kind, c.edges['Shared']?.kind]).toEqual(['interface', 'node', 'edge']);
  });

  it('lets two node types differ only by case but not two edge types', () => {
    expect(errors('node Person { a: String } node PERSON { a: String }')).toEqual([]);
    expect(errors('node P { a: String } edge KnowS: P -> P edge Knows: P -> P')).toEqual(['S503']);
  });

  it('allows reserved-name look-alikes', () => {
    expect(errors('node P { _row_id: String _ROWID: String _rowid2: String ident: String source: String }')).toEqual([]);
  });

  it('rejects an edge whose endpoint is an interface or an edge', () => {
    expect(errors('interface I { a: String } node P { a: String } edge E: I -> P')).toEqual(['S502']);
    expect(errors('node P { a: String } edge F: P -> P edge E: P -> F')).toEqual(['S502']);
  });
});

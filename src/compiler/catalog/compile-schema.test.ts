// compileSchema: the expected compile outcomes of spec §10, diagnostic order, warnings and scale.
import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile-schema.js';

const errorCodes = (text: string): string[] => compileSchema(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('compileSchema: the expected compile outcomes of spec §10', () => {
  const table: [string, string[]][] = [
    ['node P { a: String @key  b: String @key }', ['S401']],
    ['node P { a: String? @key }', ['S402']],
    ['node P { t: [String] @key }', ['S305']],
    ['node P { n: String } edge E: P -> Q', ['S502']],
    ['node P { s: enum(a, b, a) }', ['S204']],
    ['node P { s: enum(b, a) }', []],
    ['node P { v: Vector(3) @embed(x) }', ['S403']],
    ['node P { n: String } edge Knows: P -> P edge KNOWS: P -> P', ['S503']],
    ['node P @index { n: String }', ['S301']],
    ['node P { age: I32 @range(0..9) }', ['S107']],
    ['edge E: P -> P @description("x") @card(0..1)', ['S108']],
  ];
  for (const [text, codes] of table) {
    it(`${codes.length === 0 ? 'accepts' : `rejects with ${codes.join(', ')}`}: ${text}`, () => {
      expect(errorCodes(text)).toEqual(codes);
    });
  }

  it('stores enum values sorted, whatever the declaration order', () => {
    const t = compileSchema('node P { s: enum(b, a, C, 1) }').catalog!.nodes['P']!.properties['s']!.type;
    expect(t).toEqual({ kind: 'enum', values: ['1', 'C', 'a', 'b'], nullable: false });
  });
});

describe('compileSchema', () => {
  it('reports every independent error of a file, in source order', () => {
    const d = compileSchema('node P { a: String? @key }\nnode P { b: I32 }\nedge E: P -> Q { _rowid: I32 }').diagnostics;
    expect(d.map((x) => [x.code, x.span.line])).toEqual([
      ['S402', 1],
      ['S501', 2],
      ['S502', 3],
      ['S505', 3],
    ]);
  });

  it('accepts an empty schema', () => {
    const c = compileSchema('').catalog!;
    expect([Object.keys(c.nodes), c.nextIdentityId]).toEqual([[], 1]);
  });

  it('keeps the source text and marks the catalog format', () => {
    const c = compileSchema('node P { a: String }').catalog!;
    expect([c.formatVersion, c.source]).toEqual([1, 'node P { a: String }']);
  });

  it('returns a catalog together with warnings', () => {
    const a = compileSchema('node P { a: String }').catalog!;
    const r = compileSchema('node P @rename_from("P") { a: String }', { previous: a });
    expect(r.catalog).toBeDefined();
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  it('compiles a 1,000-type schema', () => {
    const parts: string[] = [];
    for (let i = 0; i < 600; i++) parts.push(`node N${i} { name: String @key n: I32? tags: [String]? e: enum(a, b)? @index }`);
    for (let i = 0; i < 400; i++) parts.push(`edge E${i}: N${i} -> N${i + 1} { w: F64? }`);
    const c = compileSchema(parts.join('\n')).catalog!;
    expect([Object.keys(c.nodes).length, Object.keys(c.edges).length]).toEqual([600, 400]);
  });
});

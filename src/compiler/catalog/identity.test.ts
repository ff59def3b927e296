// Identity allocation and rename-hint resolution against an accepted catalog (spec §7.1).
import { describe, expect, it } from 'vitest';
import { catalogToJSON } from './serialize.js';
import { compileSchema } from './compile-schema.js';
import type { Catalog } from './types.js';

const compile = (text: string, previous?: Catalog) => {
  const r = compileSchema(text, previous === undefined ? {} : { previous });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.catalog!;
};
const codes = (text: string, previous: Catalog): string[] => compileSchema(text, { previous }).diagnostics.map((d) => d.code);

const BASE = 'interface I { z: String? } node Person { name: String @key age: I32? } edge Knows: Person -> Person { since: Date? }';

describe('identity allocation', () => {
  it('allocates interfaces, nodes, edges in name order; type id and incarnation before properties in byte order', () => {
    const c = compile('node B { b: I32? _x: I32? a: I32? } node A { k: I32? } interface Z { q: I32? } edge E: A -> B');
    expect(c.interfaces['Z']).toMatchObject({ typeId: 1 });
    expect(c.interfaces['Z']?.properties['q']?.id).toBe(2);
    expect(c.nodes['A']).toMatchObject({ typeId: 3, incarnationId: 4 });
    expect(c.nodes['A']?.properties['k']?.id).toBe(5);
    expect(c.nodes['B']).toMatchObject({ typeId: 6, incarnationId: 7 });
    expect(Object.values(c.nodes['B']!.properties).map((p) => [p.name, p.id])).toEqual([
      ['_x', 8],
      ['a', 9],
      ['b', 10],
    ]);
    expect(c.edges['E']).toMatchObject({ typeId: 11, incarnationId: 12 });
    expect(c.nextIdentityId).toBe(13);
  });

  it('is deterministic and stable when the same text is recompiled against itself', () => {
    const a = compile(BASE);
    expect(catalogToJSON(compile(BASE))).toBe(catalogToJSON(a));
    expect(catalogToJSON(compile(BASE, a))).toBe(catalogToJSON(a));
  });

  it('keeps existing ids and allocates new properties after them', () => {
    const a = compile(BASE);
    const b = compile(BASE.replace('age: I32?', 'age: I32? aaa: String?'), a);
    expect(b.nodes['Person']?.properties['age']?.id).toBe(a.nodes['Person']?.properties['age']?.id);
    expect(b.nodes['Person']?.properties['aaa']?.id).toBe(a.nextIdentityId);
    expect(b.nextIdentityId).toBe(a.nextIdentityId + 1);
    expect(Object.keys(b.nodes['Person']!.properties)).toEqual(['age', 'name', 'aaa']);
  });

  it('keeps type identity, incarnation and table path across a @rename_from rename', () => {
    const a = compile(BASE);
    const b = compile('interface I { z: String? } node Human @rename_from("Person") { name: String @key years: I32? @rename_from("age") } edge Knows: Human -> Human { since: Date? }', a);
    const before = a.nodes['Person']!;
    const after = b.nodes['Human']!;
    expect([after.typeId, after.incarnationId, after.table.path]).toEqual([before.typeId, before.incarnationId, before.table.path]);
    expect(after.properties['years']).toMatchObject({ id: before.properties['age']?.id, column: before.properties['age']?.column, renameFrom: 'age' });
    expect(b.nextIdentityId).toBe(a.nextIdentityId);
  });

  it('gives a dropped and re-added type or property a new identity', () => {
    const a = compile(BASE);
    const dropped = compile('interface I { z: String? } node Person { name: String @key }', a);
    const readded = compile(BASE, dropped);
    expect(readded.nodes['Person']?.properties['age']?.id).not.toBe(a.nodes['Person']?.properties['age']?.id);
    expect(readded.edges['Knows']?.table.path).not.toBe(a.edges['Knows']?.table.path);
    expect(readded.edges['Knows']!.typeId).toBeGreaterThanOrEqual(a.nextIdentityId);
  });

  it('ignores rename hints on first init', () => {
    const r = compileSchema('node Human @rename_from("Person") { n: String @rename_from("m") }');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('rename hints against an accepted schema (spec §7.1)', () => {
  const a = compileSchema(BASE).catalog!;

  it('warns and ignores a hint on a declaration that already matches by name', () => {
    const r = compileSchema(BASE.replace('node Person', 'node Person @rename_from("Other")').replace('age: I32?', 'age: I32? @rename_from("x")'), { previous: a });
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['S601', 'warning'],
      ['S601', 'warning'],
    ]);
    expect(r.catalog?.nodes['Person']?.typeId).toBe(a.nodes['Person']?.typeId);
  });

  it('rejects a hint naming no accepted declaration of the kind, or one of the other kind', () => {
    expect(codes(BASE.replace('edge Knows', 'node Extra @rename_from("Nope") { q: I32? } edge Knows'), a)).toEqual(['S602']);
    expect(codes(BASE.replace('edge Knows', 'node Extra @rename_from("Knows") { q: I32? } edge Knows'), a)).toEqual(['S603']);
    expect(codes(BASE.replace('age: I32?', 'years: I32? @rename_from("nope")'), a)).toEqual(['S602']);
  });

  it('rejects property hints that leave their owner or reach into a new type', () => {
    expect(codes(BASE.replace('age: I32?', 'years: I32? @rename_from("Knows.since")'), a)).toEqual(['S604']);
    expect(codes(`${BASE} node Fresh { q: I32? @rename_from("age") }`, a)).toEqual(['S604']);
  });

  it('rejects two declarations claiming one accepted identity', () => {
    expect(codes(`${BASE} node Human @rename_from("Person") { q: I32? }`, a)).toEqual(['S605']);
    expect(codes(BASE.replace('age: I32?', 'age: I32? years: I32? @rename_from("age")'), a)).toEqual(['S605']);
  });
});

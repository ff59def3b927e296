// Physical table layout (design §3) and index intents (search spec §1.2).
import { describe, expect, it } from 'vitest';
import { compileSchema } from './compile-schema.js';
import { indexIntents, tablePath } from './layout.js';

const catalog = (text: string) => {
  const r = compileSchema(text);
  expect(r.diagnostics).toEqual([]);
  return r.catalog!;
};

describe('table layout (design §3)', () => {
  it('puts a non-null id first, then one column per property named by its identity', () => {
    const p = catalog('node P { name: String @key age: I32? }').nodes['P']!;
    expect(p.table).toMatchObject({ entityKind: 'node', typeName: 'P', primaryKey: 'id', identity: { stableTableId: 1, tableIncarnationId: 2 }, path: 'nodes/0000000000000001-0000000000000002' });
    expect(p.table.columns.map((c) => [c.name, c.nullable, c.property, c.propertyId])).toEqual([
      ['id', false, null, null],
      ['p3', true, 'age', 3],
      ['p4', false, 'name', 4],
    ]);
    expect(p.table.columns[1]?.metadata).toEqual({ 'omnigraph:property': 'age', 'omnigraph:property_id': '3', 'omnigraph:type': 'I32?' });
  });

  it('gives edges non-null id, src and dst before their properties', () => {
    const e = catalog('node P { a: String } edge E: P -> P { w: F64? }').edges['E']!;
    expect(e.table.columns.map((c) => [c.name, c.nullable])).toEqual([
      ['id', false],
      ['src', false],
      ['dst', false],
      [e.properties['w']?.column, true],
    ]);
    expect(e.table.path).toBe(tablePath('edge', { stableTableId: e.typeId, tableIncarnationId: e.incarnationId }));
    expect(e.table.path.startsWith('edges/')).toBe(true);
  });

  it('maps every property type to its logical column type', () => {
    const p = catalog(
      'node P { s: String b: Bool i: I32 l: I64 u: U32 w: U64 f: F32 d: F64 dt: Date ts: DateTime bl: Blob v: Vector(8) xs: [I64] e: enum(a) }',
    ).nodes['P']!;
    const types = Object.fromEntries(p.table.columns.filter((c) => c.property !== null).map((c) => [c.property, c.type]));
    expect(types).toEqual({
      s: { kind: 'utf8' },
      b: { kind: 'bool' },
      i: { kind: 'int', bits: 32, signed: true },
      l: { kind: 'int', bits: 64, signed: true },
      u: { kind: 'int', bits: 32, signed: false },
      w: { kind: 'int', bits: 64, signed: false },
      f: { kind: 'float', bits: 32 },
      d: { kind: 'float', bits: 64 },
      dt: { kind: 'date32' },
      ts: { kind: 'date64' },
      bl: { kind: 'blob' },
      v: { kind: 'vector', dimension: 8 },
      xs: { kind: 'list', element: { kind: 'int', bits: 64, signed: true } },
      e: { kind: 'utf8' },
    });
  });

  it('renders identity pairs as 16 lower-case hex digits', () => {
    expect(tablePath('node', { stableTableId: 255, tableIncarnationId: 4096 })).toBe('nodes/00000000000000ff-0000000000001000');
  });

  it('freezes the catalog deeply', () => {
    const c = catalog('node P { a: String }');
    expect(Object.isFrozen(c.nodes['P']?.table.columns[0])).toBe(true);
    expect(Object.isFrozen(c.nodes)).toBe(true);
  });
});

describe('indexIntents (search spec §1.2)', () => {
  it('derives index kinds from key and single-property index intents', () => {
    const c = catalog('node P { name: String @key e: enum(a, b) @index n: I32 @index v: Vector(2) @index t: [String]? x: String @index(n, x) }');
    expect(indexIntents(c.nodes['P']!).map((i) => [i.properties.join('+'), i.kind, i.origin])).toEqual([
      ['id', 'btree', 'system'],
      ['name', 'inverted', 'key'],
      ['e', 'btree', 'index'],
      ['n', 'btree', 'index'],
      ['v', 'vector', 'index'],
      ['n+x', 'none', 'index'],
    ]);
  });

  it('builds nothing for edge-property intents beyond id, src and dst', () => {
    const c = catalog('node P { a: String } edge E: P -> P { w: F64 @index }');
    expect(indexIntents(c.edges['E']!).map((i) => [i.columns.join('+'), i.kind])).toEqual([
      ['id', 'btree'],
      ['src', 'btree'],
      ['dst', 'btree'],
      [c.edges['E']?.properties['w']?.column, 'none'],
    ]);
  });
});

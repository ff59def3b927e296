// Unit tests of the column → Arrow mapping.
import { describe, expect, it } from 'vitest';
import { arrow } from './arrow.js';
import { arrowType, schemaFromColumns } from './columns.js';

describe('columns', () => {
  it('maps every logical type to its Arrow type', () => {
    expect(arrow.DataType.isUtf8(arrowType({ kind: 'utf8' }))).toBe(true);
    expect(String(arrowType({ kind: 'int', bits: 64, signed: false }))).toBe('Uint64');
    expect(String(arrowType({ kind: 'int', bits: 32, signed: true }))).toBe('Int32');
    expect(String(arrowType({ kind: 'float', bits: 32 }))).toBe('Float32');
    expect(String(arrowType({ kind: 'date32' }))).toBe('Date32<DAY>');
    expect(String(arrowType({ kind: 'date64' }))).toBe('Date64<MILLISECOND>');
    expect(arrow.DataType.isLargeBinary(arrowType({ kind: 'blob' }))).toBe(true);
    const vec = arrowType({ kind: 'vector', dimension: 4 });
    expect(arrow.DataType.isFixedSizeList(vec) && vec.listSize).toBe(4);
    expect(arrow.DataType.isList(arrowType({ kind: 'list', element: { kind: 'utf8' } }))).toBe(true);
  });

  it('builds schemas with nullability and metadata and refuses duplicates', () => {
    const s = schemaFromColumns([
      { name: 'id', type: { kind: 'utf8' }, nullable: false },
      { name: 'p3', type: { kind: 'bool' }, nullable: true, metadata: { 'omnigraph:property': 'active' } },
    ]);
    expect(s.fields.map((f) => [f.name, f.nullable, f.metadata.get('omnigraph:property') ?? null])).toEqual([
      ['id', false, null],
      ['p3', true, 'active'],
    ]);
    expect(() => schemaFromColumns([{ name: 'a', type: { kind: 'utf8' }, nullable: true }, { name: 'a', type: { kind: 'bool' }, nullable: true }])).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
    expect(() => arrowType({ kind: 'vector', dimension: 0 })).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});

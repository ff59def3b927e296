// Parameter conversion (spec §3), null-aware ordering and the JSON encoding of results (spec §11).
import { describe, expect, it } from 'vitest';
import { scalarType, listType } from '../../compiler/ir/value-type.js';
import { compareNullable, convertParams, encodeValue } from './values.js';

describe('convertParams', () => {
  it('converts by declared type', () => {
    const p = convertParams(
      [
        { name: 'a', type: scalarType('I32') },
        { name: 'b', type: scalarType('I64') },
        { name: 'd', type: scalarType('Date') },
        { name: 't', type: scalarType('DateTime') },
        { name: 'l', type: listType(scalarType('String')) },
        { name: 'n', type: scalarType('String', true) },
      ],
      { a: 5, b: '9007199254740993', d: '2024-01-31', t: '2024-01-31T00:00:01Z', l: ['x'], extra: 1 },
    );
    expect([...p.entries()]).toEqual([
      ['a', 5],
      ['b', 9007199254740993n],
      ['d', 19753],
      ['t', Date.UTC(2024, 0, 31, 0, 0, 1)],
      ['l', ['x']],
      ['n', null],
    ]);
  });

  it('rejects missing, null, out-of-range and mistyped values with bad_request', () => {
    const i32 = [{ name: 'a', type: scalarType('I32') }];
    expect(() => convertParams(i32, {})).toThrow(expect.objectContaining({ code: 'bad_request', message: "parameter 'a' not provided" }));
    expect(() => convertParams(i32, { a: null })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => convertParams(i32, { a: 2 ** 31 })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => convertParams(i32, { a: 1.5 })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => convertParams([{ name: 'd', type: scalarType('Date') }], { d: 19000 })).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});

describe('ordering and encoding', () => {
  it('orders nulls first, numbers across kinds by value', () => {
    const xs = [3, null, 2n, 2.5, null];
    expect([...xs].sort(compareNullable)).toEqual([null, null, 2n, 2.5, 3]);
  });

  it('encodes per spec §11', () => {
    expect(encodeValue(scalarType('I64'), 2n ** 60n)).toBe('1152921504606846976');
    expect(encodeValue(scalarType('I64'), 7n)).toBe(7);
    expect(encodeValue(scalarType('F64'), Number.NaN)).toBe('NaN');
    expect(encodeValue(scalarType('F64'), -Infinity)).toBe('-Infinity');
    expect(encodeValue(scalarType('Date'), 19753)).toBe('2024-01-31');
    expect(encodeValue(scalarType('DateTime'), Date.UTC(2024, 0, 31, 0, 0, 1))).toBe('2024-01-31T00:00:01.000Z');
    expect(encodeValue(listType(scalarType('Date')), [0])).toEqual(['1970-01-01']);
    expect(encodeValue(scalarType('String', true), null)).toBeNull();
  });
});

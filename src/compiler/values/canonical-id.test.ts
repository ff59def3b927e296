// Node id derivation from @key (spec §5.2) and the canonical-id text check used for edge endpoints.
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../errors/index.js';
import { compileSchema } from '../catalog/compile-schema.js';
import type { NodeType } from '../catalog/types.js';
import { canonicalNodeId, isCanonicalNodeIdText } from './canonical-id.js';

const nodeOf = (text: string): NodeType => compileSchema(text).catalog!.nodes['P']!;

describe('canonicalNodeId (spec §5.2)', () => {
  it('uses a single String key as-is', () => {
    expect(canonicalNodeId(nodeOf('node P { name: String @key }'), { name: 'Alice' })).toBe('Alice');
  });

  it('renders a composite key as JSON in identity order (@key(last, first) → [first, last])', () => {
    const p = nodeOf('node P { last: String first: String @key(last, first) }');
    expect(canonicalNodeId(p, { first: 'Ada', last: 'Lovelace' })).toBe('["Ada","Lovelace"]');
  });

  it('renders each scalar kind canonically', () => {
    const cases: [string, unknown, string][] = [
      ['I32', 42, '42'],
      ['I64', 9007199254740993n, '9007199254740993'],
      ['U64', 18446744073709551615n, '18446744073709551615'],
      ['Bool', false, 'false'],
      ['Date', 20539, '20539'],
      ['DateTime', 1777456800000, '1777456800000'],
      ['F32', Math.fround(0.1), '0.1'],
      ['F64', -0, '0'],
      ['F64', 1e21, '1000000000000000000000'],
      ['enum(b, a)', 'a', 'a'],
    ];
    for (const [type, value, id] of cases) {
      expect(canonicalNodeId(nodeOf(`node P { k: ${type} @key }`), { k: value as never })).toBe(id);
    }
  });

  it('returns null for an unkeyed type', () => {
    expect(canonicalNodeId(nodeOf('node P { a: String }'), { a: 'x' })).toBeNull();
  });

  it('refuses values that cannot be keys with bad_request', () => {
    const bad: [string, unknown][] = [
      ['String', null],
      ['String', undefined],
      ['F64', Number.NaN],
      ['F64', Infinity],
      ['I32', 1.5],
      ['I32', 2 ** 31],
      ['U32', -1],
      ['Bool', 'true'],
    ];
    for (const [type, value] of bad) {
      let code: string | undefined;
      try {
        canonicalNodeId(nodeOf(`node P { k: ${type} @key }`), value === undefined ? {} : { k: value as never });
      } catch (err) {
        code = err instanceof OmniError ? err.code : 'other';
      }
      expect(code).toBe('bad_request');
    }
  });
});

describe('isCanonicalNodeIdText', () => {
  it('accepts exactly the canonical renderings of the key type', () => {
    const i32 = nodeOf('node P { k: I32 @key }');
    expect(['7', '-7', '0'].map((t) => isCanonicalNodeIdText(i32, t))).toEqual([true, true, true]);
    expect(['007', '-0', '+7', '1e3', '2147483648', ''].map((t) => isCanonicalNodeIdText(i32, t))).toEqual([false, false, false, false, false, false]);
    const f32 = nodeOf('node P { k: F32 @key }');
    expect([isCanonicalNodeIdText(f32, '0.1'), isCanonicalNodeIdText(f32, '0.10000000149011612'), isCanonicalNodeIdText(f32, '1e3')]).toEqual([true, false, false]);
    const en = nodeOf('node P { k: enum(a, b) @key }');
    expect([isCanonicalNodeIdText(en, 'a'), isCanonicalNodeIdText(en, 'c')]).toEqual([true, false]);
  });

  it('checks composite ids as compact JSON arrays of canonical members', () => {
    const p = nodeOf('node P { a: String b: I32 @key(a, b) }');
    expect(isCanonicalNodeIdText(p, '["x","5"]')).toBe(true);
    expect(isCanonicalNodeIdText(p, '["x", "5"]')).toBe(false);
    expect(isCanonicalNodeIdText(p, '["x",5]')).toBe(false);
    expect(isCanonicalNodeIdText(p, '["x","05"]')).toBe(false);
    expect(isCanonicalNodeIdText(p, '["x"]')).toBe(false);
    expect(isCanonicalNodeIdText(p, 'x')).toBe(false);
  });

  it('accepts any text for unkeyed and String-keyed types', () => {
    expect(isCanonicalNodeIdText(nodeOf('node P { a: String }'), '01J…')).toBe(true);
    expect(isCanonicalNodeIdText(nodeOf('node P { a: String @key }'), '["not","json-ish"]')).toBe(true);
  });
});

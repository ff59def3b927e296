// Unit tests of the filter semantics: the evaluator's rules and what lowering emits (SQL agreement runs on LanceDB in test/exec).
import { describe, expect, it } from 'vitest';
import type { LogicalValue, QueryValueType } from '../../compiler/index.js';
import { evaluateFilter, lowerFilter, truthOf, type FilterExpr } from './index.js';

const S = (scalar: string, nullable = true): QueryValueType => ({ kind: 'scalar', scalar: scalar as never, nullable });
const prop = (property: string, type: QueryValueType) => ({ kind: 'property', variable: 'v', entity: 'node', typeName: 'T', property, type }) as const;
const lit = (value: unknown, type: QueryValueType) => ({ kind: 'literal', type, value }) as const;
const cmp = (op: string, left: unknown, right: unknown): FilterExpr => ({ kind: 'compare', op, left, right, type: S('Bool', false) }) as unknown as FilterExpr;
const V = { params: {} as Record<string, LogicalValue>, nowMillis: 1_700_000_000_000 };
const column = (p: { property: string }) => ({ age: 'p1', name: 'p2', big: 'p3', f: 'p4', g: 'p5', d: 'p6', t: 'p7', tags: 'p8' })[p.property] ?? null;

describe('evaluateFilter', () => {
  const age = prop('age', S('I32'));
  it('null operands never match, and not(null) stays unknown', () => {
    const f = cmp('!=', age, lit({ kind: 'int', value: 3n }, S('I64', false)));
    expect(evaluateFilter(f, { age: null }, V)).toBe(false);
    expect(evaluateFilter({ kind: 'not', item: f }, { age: null }, V)).toBe(false);
    expect(truthOf({ kind: 'and', items: [f, cmp('=', age, age)] }, { age: null }, V)).toBe(null);
  });
  it('compares numbers by value across kinds, never truncating', () => {
    expect(evaluateFilter(cmp('=', age, lit({ kind: 'float', value: 2.7 }, S('F64', false))), { age: 2 }, V)).toBe(false);
    expect(evaluateFilter(cmp('<', age, lit({ kind: 'float', value: 2.7 }, S('F64', false))), { age: 2 }, V)).toBe(true);
    const big = prop('big', S('I64'));
    expect(evaluateFilter(cmp('>', big, lit({ kind: 'float', value: 9007199254740992 }, S('F64', false))), { big: 9007199254740993n }, V)).toBe(true);
  });
  it('string predicates are exact, case-sensitive, and treat % and _ literally', () => {
    const name = prop('name', S('String'));
    const s = (v: string) => lit({ kind: 'string', value: v }, S('String', false));
    expect(evaluateFilter(cmp('contains', name, s('%')), { name: 'a%b' }, V)).toBe(true);
    expect(evaluateFilter(cmp('contains', name, s('_')), { name: 'ab' }, V)).toBe(false);
    expect(evaluateFilter(cmp('starts_with', name, s('Al')), { name: 'alice' }, V)).toBe(false);
    expect(evaluateFilter(cmp('contains', s('a haystack'), name), { name: 'hay' }, V)).toBe(true);
    expect(evaluateFilter(cmp('<', name, s('\u{1F600}')), { name: '\uFFFD' }, V)).toBe(true);
  });
  it('list membership; a null list contains nothing', () => {
    const tags = prop('tags', { kind: 'list', element: S('String', false), nullable: true } as QueryValueType);
    const go = lit({ kind: 'string', value: 'go' }, S('String', false));
    expect(evaluateFilter(cmp('member', tags, go), { tags: ['rust', 'go'] }, V)).toBe(true);
    expect(evaluateFilter({ kind: 'not', item: cmp('member', tags, go) }, { tags: null }, V)).toBe(false);
  });
  it('params and now()', () => {
    const t = prop('t', S('DateTime'));
    expect(evaluateFilter(cmp('<', t, { kind: 'now', type: S('DateTime', false) }), { t: 5 }, V)).toBe(true);
    const f = cmp('=', age, { kind: 'param', name: 'a', type: S('I32', true) });
    expect(evaluateFilter(f, { age: 4 }, { ...V, params: { a: 4 } })).toBe(true);
    expect(evaluateFilter(f, { age: 4 }, { ...V, params: { a: null } })).toBe(false);
    expect(() => evaluateFilter(f, { age: 4 }, V)).toThrow(/not provided/);
  });
});

describe('lowerFilter', () => {
  const ctx = { ...V, column };
  it('emits exact SQL for integer columns against fractional and out-of-range values', () => {
    const age = prop('age', S('I32'));
    expect(lowerFilter(cmp('<', age, lit({ kind: 'float', value: 2.7 }, S('F64', false))), ctx)).toBe('p1 <= 2');
    expect(lowerFilter(cmp('=', age, lit({ kind: 'float', value: 2.7 }, S('F64', false))), ctx)).toBe('p1 <> p1');
    expect(lowerFilter(cmp('<', age, lit({ kind: 'int', value: 2n ** 40n }, S('I64', false))), ctx)).toBe('p1 = p1');
  });
  it('quotes strings, flips a constant on the left, and folds constants', () => {
    const name = prop('name', S('String'));
    expect(lowerFilter(cmp('>', lit({ kind: 'string', value: "o'h" }, S('String', false)), name), ctx)).toBe("p2 < 'o''h'");
    expect(lowerFilter(cmp('starts_with', name, lit({ kind: 'string', value: 'A' }, S('String', false))), ctx)).toBe("starts_with(p2, 'A')");
    expect(lowerFilter(cmp('=', name, { kind: 'param', name: 'n', type: S('String') }), { ...ctx, params: { n: null } })).toBe('FALSE');
  });
  it('returns null for what it cannot express exactly', () => {
    expect(lowerFilter(cmp('=', prop('other', S('String')), lit({ kind: 'string', value: 'x' }, S('String', false))), ctx)).toBe(null);
    expect(lowerFilter(cmp('=', prop('f', S('F64')), lit({ kind: 'int', value: 2n ** 60n + 1n }, S('I64', false))), ctx)).toBe(null);
  });
  it('dates and date-times', () => {
    expect(lowerFilter(cmp('>=', prop('d', S('Date')), lit({ kind: 'date', value: '2020-01-02', epochDays: 18263 }, S('Date', false))), ctx)).toBe("p6 >= CAST('2020-01-02' AS DATE)");
    expect(lowerFilter(cmp('<', prop('t', S('DateTime')), { kind: 'now', type: S('DateTime', false) }), ctx)).toBe('CAST(p7 AS BIGINT) < 1700000000000');
  });
});

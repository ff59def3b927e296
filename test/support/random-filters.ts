// Random rows and random filters over one node type with every comparable property kind (predicate property tests).
import type { LogicalValue, NodeType, QueryValueType } from '../../src/compiler/index.js';
import type { FilterExpr } from '../../src/exec/predicate/index.js';
import type { StagedRow } from '../../src/exec/staging/physical-rows.js';
import { mulberry32 as rng } from '../../src/util/prng.js';
export { rng };

/** The schema whose `R` type the generator targets. */
export const FILTER_SCHEMA = `
node R {
  k: String @key
  s: String?
  e: enum(alpha, beta, gamma)?
  b: Bool?
  i: I32?
  l: I64?
  u: U64?
  f: F64?
  g: F32?
  d: Date?
  t: DateTime?
  tags: [String]?
  nums: [I32]?
}
`;


const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const STRINGS = ['', 'a', 'ab', 'abc', 'b', 'B', "o'hara", '%', '_x', 'a%b', 'é', '\u{1F600}', '\uFFFD', 'zz', 'A b'];
const INTS = [-(2n ** 31n), -5n, -1n, 0n, 1n, 2n, 3n, 7n, 2n ** 31n - 1n];
const BIG = [-(2n ** 63n), -(2n ** 53n) - 1n, -3n, 0n, 2n, 3n, 2n ** 53n + 1n, 2n ** 63n - 1n];
const UBIG = [0n, 1n, 2n, 3n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 64n - 1n];
const FLOATS = [-1e300, -2.5, -1, -0, 0, 0.1, 1, 2, 2.5, 3, 1e20, 9007199254740993];
const F32S = [-2.5, -1, 0, 0.10000000149011612, 1, 2, 2.5, 16777216];
const DAYS = [-1000, -1, 0, 1, 18000, 19000, 2932896];
const MILLIS = [-86_400_000, -1, 0, 1, 1_700_000_000_000, 1_700_000_000_001, 8_640_000_000_000];

/** A random value for property `name` (null with some probability). */
function valueFor(r: () => number, name: string): LogicalValue {
  if (r() < 0.15) return null;
  switch (name) {
    case 's':
      return pick(r, STRINGS);
    case 'e':
      return pick(r, ['alpha', 'beta', 'gamma']);
    case 'b':
      return r() < 0.5;
    case 'i':
      return Number(pick(r, INTS));
    case 'l':
      return pick(r, BIG);
    case 'u':
      return pick(r, UBIG);
    case 'f':
      return pick(r, FLOATS);
    case 'g':
      return pick(r, F32S);
    case 'd':
      return pick(r, DAYS);
    case 't':
      return pick(r, MILLIS);
    case 'tags':
      return Array.from({ length: Math.floor(r() * 3) }, () => pick(r, STRINGS));
    case 'nums':
      return Array.from({ length: Math.floor(r() * 3) }, () => Number(pick(r, INTS)));
  }
  return null;
}

/** `n` random rows of `R`. */
export function randomRows(r: () => number, n: number): StagedRow[] {
  return Array.from({ length: n }, (_, k) => {
    const values: Record<string, LogicalValue> = { k: `r${k}` };
    for (const p of ['s', 'e', 'b', 'i', 'l', 'u', 'f', 'g', 'd', 't', 'tags', 'nums']) values[p] = valueFor(r, p);
    return { id: `r${k}`, values };
  });
}

/** A literal of the right shape for a property of `t` (sometimes of another numeric kind, sometimes fractional). */
function literalFor(r: () => number, name: string): { kind: 'literal'; type: QueryValueType; value: unknown } {
  const scalar = (s: string): QueryValueType => ({ kind: 'scalar', scalar: s as never, nullable: false });
  switch (name) {
    case 's':
    case 'e':
    case 'tags':
      return { kind: 'literal', type: scalar('String'), value: { kind: 'string', value: r() < 0.8 ? pick(r, STRINGS) : pick(r, ['alpha', 'beta', 'delta']) } };
    case 'b':
      return { kind: 'literal', type: scalar('Bool'), value: { kind: 'bool', value: r() < 0.5 } };
    case 'd': {
      const d = pick(r, DAYS);
      return { kind: 'literal', type: scalar('Date'), value: { kind: 'date', value: new Date(d * 86_400_000).toISOString().slice(0, 10), epochDays: d } };
    }
    case 't': {
      const t = pick(r, MILLIS);
      return { kind: 'literal', type: scalar('DateTime'), value: { kind: 'datetime', value: new Date(t).toISOString(), epochMillis: t } };
    }
    default:
      if (r() < 0.5) return { kind: 'literal', type: scalar('I64'), value: { kind: 'int', value: pick(r, [...INTS, ...BIG, -(2n ** 40n), 2n ** 40n]) } };
      return { kind: 'literal', type: scalar('F64'), value: { kind: 'float', value: pick(r, [...FLOATS, 2.7, -2.7, 1e30, -1e30, 0.5]) } };
  }
}

/** A random filter (comparisons, `and`, `not`) over `R`'s properties; params named `p0…` hold some operands. */
export function randomFilter(r: () => number, type: NodeType, params: Record<string, LogicalValue>, depth = 0): FilterExpr {
  const roll = r();
  if (depth < 2 && roll < 0.15) return { kind: 'not', item: randomFilter(r, type, params, depth + 1) };
  if (depth < 2 && roll < 0.3) return { kind: 'and', items: [randomFilter(r, type, params, depth + 1), randomFilter(r, type, params, depth + 1)] };
  const name = pick(r, ['s', 'e', 'b', 'i', 'l', 'u', 'f', 'g', 'd', 't', 'tags', 'nums', 's', 'i', 'f']);
  const p = type.properties[name]!;
  const ptype = (p.type.kind === 'list'
    ? { kind: 'list', element: { kind: 'scalar', scalar: p.type.element, nullable: false }, nullable: true }
    : p.type.kind === 'enum'
      ? { kind: 'enum', values: p.type.values, nullable: true }
      : { kind: 'scalar', scalar: (p.type as { scalar: string }).scalar, nullable: true }) as QueryValueType;
  const left = { kind: 'property', variable: 'r', entity: 'node', typeName: 'R', property: name, type: ptype } as const;
  let right: unknown = literalFor(r, name === 'nums' ? 'i' : name);
  if (r() < 0.2) {
    const pname = `p${Object.keys(params).length}`;
    const lit = (right as { value: { kind: string; value?: unknown; epochDays?: number; epochMillis?: number } }).value;
    params[pname] = r() < 0.2 ? null : ((lit.kind === 'date' ? lit.epochDays : lit.kind === 'datetime' ? lit.epochMillis : lit.value) as LogicalValue);
    right = { kind: 'param', name: pname, type: (right as { type: QueryValueType }).type };
  }
  let op: string;
  if (name === 'tags' || name === 'nums') op = r() < 0.5 ? 'member' : 'contains';
  else if (name === 's' && r() < 0.4) op = pick(r, ['contains', 'starts_with']);
  else op = pick(r, ['=', '!=', '<', '<=', '>', '>=']);
  const swap = name !== 'tags' && name !== 'nums' && r() < 0.25;
  return { kind: 'compare', op, left: swap ? right : left, right: swap ? left : right, type: { kind: 'scalar', scalar: 'Bool', nullable: false } } as unknown as FilterExpr;
}

// The fast line scanner against the full validator: whatever it accepts, validateLoadLine accepts with the same values.
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../catalog/compile-schema.js';
import { mulberry32 as prng } from '../../util/prng.js';
import { SCAN_BLANK, SCAN_RECORD, SCAN_SLOW, scanLine } from './fast-line.js';
import { compileLinePlan } from './line-plan.js';
import { LineScratch, slotValue } from './line-scratch.js';
import { validateLoadLine } from './load-line.js';

const ROUNDS = Number(process.env['OMNIGRAPH_FUZZ_ROUNDS'] ?? 20000);
const SEED = Number(process.env['OMNIGRAPH_FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

const catalog = compileSchema(`
  node T {
    s: String? b: Bool? i: I32? l: I64? u: U32? w: U64? f: F32? d: F64? day: Date? ts: DateTime?
    blob: Blob? v: Vector(2)? xs: [I32]? e: enum(a, b)? c: String? r: I32? q: F64?
    @check(c, "^[A-Z]+$") @range(r, 0..100) @range(q, -1.5..2.5)
  }
  node P { name: String @key  age: I32  tag: enum(x, y)? }
  node K { n: I64 @key }
  node B { flag: Bool @key }
  node C { a: String  b: I32 @key(a, b) }
  edge E: P -> K { since: Date? }
  edge F: K -> P
  edge G: T -> T { w: U32? }
`).catalog!;
const plan = compileLinePlan(catalog);
const enc = new TextEncoder();
const dec = new TextDecoder();

/** Run both validators on `bytes`; fail on any disagreement. Returns the fast scanner's verdict. */
function compare(bytes: Uint8Array, context: string): number {
  const out = new LineScratch(plan.maxSlots);
  const fast = scanLine(plan, bytes, 0, bytes.length, out);
  const slow = validateLoadLine(catalog, dec.decode(bytes), 1);
  if (fast === SCAN_SLOW) return fast;
  expect(slow.ok, context).toBe(true);
  if (!slow.ok) return fast;
  if (fast === SCAN_BLANK) {
    expect(slow.record, context).toBeNull();
    return fast;
  }
  const rec = slow.record!;
  const t = out.type!;
  expect(rec.typeName, context).toBe(t.type.name);
  const text = (a: number, b: number): string | null => (a < 0 ? null : dec.decode(bytes.subarray(a, b)));
  expect(rec.id, context).toBe(text(out.keyStart, out.keyEnd));
  if (rec.kind === 'edge') {
    expect(rec.from, context).toBe(text(out.fromStart, out.fromEnd));
    expect(rec.to, context).toBe(text(out.toStart, out.toEnd));
  }
  t.slots.forEach((slot, s) => {
    const want = rec.values[slot.name];
    const got = slotValue(out, bytes, s);
    expect(Object.is(got, want) || (typeof want === 'bigint' && got === want), `${context} ${slot.name}: ${String(got)} vs ${String(want)}`).toBe(true);
  });
  return fast;
}

const STRINGS = ['"x"', '"Ünïcode ✓"', '""', '"😀"', '"a b"'];
const INTS = ['0', '-0', '1', '-7', '42', '100', '2147483647', '4294967295'];
/** Per property: values usually valid for it, then values that mostly are not. */
const GOOD: Record<string, string[]> = {
  s: STRINGS, name: STRINGS, a: STRINGS, c: ['"AB"', '"Q"', 'null'], b: ['true', 'false'], flag: ['true', 'false'],
  i: INTS, age: INTS, r: ['0', '5', '100'], u: ['0', '7', '4294967295'], w: ['0', '7', '18446744073709551615', '9007199254740993'],
  l: ['-9223372036854775808', '9223372036854775807', '-12', '0'], n: ['-9223372036854775808', '12', '9007199254740993', '3'],
  f: ['1.5', '-0', '3.4028235e38', '0.1', '1e-3'], d: ['0.30000000000000004', '1e300', '-2.5', '17'], q: ['-1.5', '2.5', '0', '1e0'],
  day: ['"2024-02-29"', '"0000-01-01"', '"9999-12-31"', '19723', '-1'], since: ['"2024-02-29"', '"1970-01-01"', '0'],
  ts: ['"2026-04-29T10:00:00Z"', '"2026-04-29"', '"2026-04-29 10:00+05:30"', '1777456800000', '-8640000000000000'],
  e: ['"a"', '"b"'], tag: ['"x"', '"y"'], blob: ['null'], v: ['null'], xs: ['null'], id: ['"Alice"', '"x"'],
};
const BAD = ['"a\\"b"', '"tab\there"', '"\\u0041"', '1', 'null', '2147483648', '-2147483649', '4294967296', '18446744073709551616', '1e400', '3.5e38',
  '01', '1.', '-', '"1"', 'true', 'tru', '[1,2]', '[1,2,3]', '[]', '{}', '"base64:AAAA"', '"s3://x"', '"c"', '"ab"', '"z"', '"2023-02-29"', '"2024-1-01"',
  '"２０２４-01-01"', '2147483648', '"2026-04-29T25:00:00Z"', '8640000000000001', '"+002026-01-01"', '101', '2.6', '1.5'];
const PROPS: Record<string, string[]> = {
  T: ['s', 'b', 'i', 'l', 'u', 'w', 'f', 'd', 'day', 'ts', 'blob', 'v', 'xs', 'e', 'c', 'r', 'q', 'id', 'zz', '_rowid'],
  P: ['name', 'age', 'tag', 'id', 'nick'],
  K: ['n', 'id'],
  B: ['flag', 'id'],
  C: ['a', 'b', 'id'],
  E: ['since', 'id', 'src'],
  F: ['id'],
  G: ['w', 'id', 'dst'],
};
const IDS = ['"Alice"', '"7"', '"-0"', '"007"', '"true"', '"X"', '"[\\"a\\",1]"', '"9223372036854775808"', '"Ä"', '3'];

function randomLine(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sp = (): string => (rand() < 0.1 ? pick([' ', '\t', '  ', '\r']) : '');
  const typeName = pick(Object.keys(PROPS));
  const isEdge = ['E', 'F', 'G'].includes(typeName);
  const members: string[] = [];
  const data: string[] = [];
  for (const p of PROPS[typeName]!) {
    if (rand() < (['name', 'age', 'n', 'flag', 'a', 'b'].includes(p) ? 0.05 : 0.4)) continue;
    if (rand() < 0.05 && ['zz', '_rowid', 'nick', 'src', 'dst'].includes(p)) continue;
    if (['zz', '_rowid', 'nick', 'src', 'dst'].includes(p) && rand() < 0.8) continue;
    const pool = rand() < 0.85 ? (GOOD[p] ?? BAD) : p === 'id' ? IDS : BAD;
    data.push(`${sp()}"${p}"${sp()}:${sp()}${pick(pool)}`);
    if (rand() < 0.02) data.push(`"${p}":null`);
  }
  const name = rand() < 0.1 ? typeName.toLowerCase() : rand() < 0.03 ? 'Nope' : typeName;
  members.push(isEdge !== rand() < 0.03 ? `"edge":"${name}"` : `"type":"${name}"`);
  if (isEdge || rand() < 0.03) {
    const end = (node: string): string => (rand() < 0.3 ? pick(IDS) : node === 'K' ? pick(['"7"', '"-12"', '"9223372036854775807"']) : pick(['"Alice"', '"Ä"', '"x y"']));
    const [from, to] = typeName === 'E' ? ['P', 'K'] : typeName === 'F' ? ['K', 'P'] : ['T', 'T'];
    if (rand() < 0.97) members.push(`"from":${end(from!)}`);
    if (rand() < 0.97) members.push(`"to":${end(to!)}`);
  }
  if (rand() < 0.9) members.push(`"data":{${data.join(',')}}`);
  if (rand() < 0.02) members.push('"extra":1');
  if (rand() < 0.3) members.reverse();
  return `${sp()}{${members.join(`,${sp()}`)}}${sp()}`;
}

function mutateBytes(bytes: Uint8Array, rand: () => number): Uint8Array {
  const out = [...bytes];
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rand() * (out.length + 1));
    const r = rand();
    const b = [0x22, 0x5c, 0x7b, 0x7d, 0x2c, 0x3a, 0x20, 0x00, 0x0d, 0x80, 0xc3, 0xa9, 0xff, 0xed, 0xa0, 0x31, 0x2d, 0x65][Math.floor(rand() * 18)]!;
    if (r < 0.4) out.splice(at, 1);
    else if (r < 0.7) out.splice(at, 0, b);
    else out[at] = b;
  }
  return Uint8Array.from(out);
}

describe('scanLine', () => {
  it('reads plain lines, blanks, and leaves errors and the unusual to the full validator', () => {
    const verdict = (line: string): number => compare(enc.encode(line), line);
    expect(verdict('{"type":"P","data":{"name":"Ann","age":3}}')).toBe(SCAN_RECORD);
    expect(verdict('  \t ')).toBe(SCAN_BLANK);
    expect(verdict('')).toBe(SCAN_BLANK);
    expect(verdict('{"data":{"age":3,"name":"Ann"} , "type":"P"}')).toBe(SCAN_RECORD);
    expect(verdict('{"edge":"e","from":"Ann","to":"7","data":{"since":"2024-02-29"}}')).toBe(SCAN_RECORD);
    expect(verdict('{"type":"P","data":{"name":"Ann","age":3,"name":"B"}}')).toBe(SCAN_SLOW);
    expect(verdict('{"type":"P","data":{"name":"A\\u006e","age":3}}')).toBe(SCAN_SLOW);
    expect(verdict('{"type":"K","data":{"n":-0}}')).toBe(SCAN_SLOW);
    expect(verdict('{"type":"C","data":{"a":"x","b":1}}')).toBe(SCAN_SLOW);
    expect(verdict('{"type":"T","data":{"xs":[1]}}')).toBe(SCAN_SLOW);
    expect(verdict('{"type":"T","data":{"xs":null,"r":100,"q":-1.5,"c":"OK"}}')).toBe(SCAN_RECORD);
    expect(verdict('{"type":"T","data":{"r":101}}')).toBe(SCAN_SLOW);
    expect(verdict('\u00a0')).toBe(SCAN_SLOW);
  });

  it(`agrees with validateLoadLine on random and mutated lines (seed ${SEED})`, () => {
    const rand = prng(SEED);
    const seen = { [SCAN_RECORD]: 0, [SCAN_SLOW]: 0, [SCAN_BLANK]: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      let bytes: Uint8Array = enc.encode(randomLine(rand));
      if (rand() < 0.3) bytes = mutateBytes(bytes, rand);
      seen[compare(bytes, `seed ${SEED} round ${round}: ${JSON.stringify(dec.decode(bytes))}`) as 0 | 1 | -1]++;
    }
    // Both outcomes must be common, or the comparison proves little.
    expect(seen[SCAN_RECORD]).toBeGreaterThan(ROUNDS / 20);
    expect(seen[SCAN_SLOW]).toBeGreaterThan(ROUNDS / 20);
  }, 60_000);
});

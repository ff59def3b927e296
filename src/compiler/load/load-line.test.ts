// One load line: envelopes, value encodings, reserved fields, row constraints, ids and endpoints (spec §9).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../catalog/compile-schema.js';
import type { Catalog } from '../catalog/types.js';
import { validateLoadLine, type LoadLineResult } from './load-line.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/compiler/', import.meta.url));
const people = compileSchema(readFileSync(`${FIXTURES}people.pg`, 'utf8')).catalog!;
const types = compileSchema(`
  node T {
    s: String? b: Bool? i: I32? l: I64? u: U32? w: U64? f: F32? d: F64? day: Date? ts: DateTime?
    blob: Blob? v: Vector(3)? xs: [I32]? tags: [String]? e: enum(a, b)? es: String?
  }
  node K { a: String b: I32 @key(a, b) }
  edge L: K -> T
`).catalog!;

const codes = (r: LoadLineResult): string[] => (r.ok ? [] : r.diagnostics.map((d) => d.code));
const line = (json: string, catalog: Catalog = people): LoadLineResult => validateLoadLine(catalog, json, 7);
/** `data` is raw JSON member text (`"i": 1e2`) so number spellings reach the validator unchanged. */
const value = (data: string, prop: string): unknown => {
  const r = line(`{"type":"T","data":{${data}}}`, types);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.record?.values[prop];
};
const codeFor = (data: string): string[] => codes(line(`{"type":"T","data":{${data}}}`, types));

describe('validateLoadLine: the spec §10 load example', () => {
  it('accepts every line of people.jsonl with canonical ids', () => {
    const lines = readFileSync(`${FIXTURES}people.jsonl`, 'utf8').trim().split('\n');
    const records = lines.map((l, i) => validateLoadLine(people, l, i + 1));
    expect(records.map(codes)).toEqual([[], [], [], [], []]);
    expect(records.map((r) => (r.ok ? [r.record?.kind, r.record?.typeName, r.record?.id] : null))).toEqual([
      ['node', 'Company', 'Acme'],
      ['node', 'Person', 'Alice'],
      ['node', 'Person', 'Bob'],
      ['edge', 'Knows', null],
      ['edge', 'WorksAt', null],
    ]);
    const alice = records[1]!;
    expect(alice.ok && alice.record?.values).toEqual({ age: 30, bio: null, email: null, name: 'Alice', tags: ['rust', 'db'] });
    expect(alice.ok && Object.isFrozen(alice.record?.values['tags'])).toBe(true);
  });

  it('rejects the spec examples of bad lines with their codes', () => {
    expect(codes(line('{"type":"Person","data":{"name":"Zed","age":200}}'))).toEqual(['J114']);
    expect(codes(line('{"type":"Company","data":{"name":"X","industry":"mining"}}'))).toEqual(['J111']);
    expect(codes(line('{"type":"Person","data":{"name":"Q","nick":"x"}}'))).toEqual(['J106']);
    expect(codes(line('{"type":"Company","data":{"name":"X","industry":"finance","code":"abcd"}}'))).toEqual(['J115']);
  });
});

describe('validateLoadLine: envelopes', () => {
  it('requires exactly one of type or edge and only the allowed members', () => {
    expect(codes(line('{"data":{}}'))).toEqual(['J104']);
    expect(codes(line('{"type":"Person","edge":"Knows"}'))).toEqual(['J104']);
    expect(codes(line('{"type":"Person","data":{"name":"A"},"extra":1}'))).toEqual(['J104']);
    expect(codes(line('{"edge":"Knows","from":"A","to":"B","type2":1}'))).toEqual(['J104']);
    expect(codes(line('{"edge":"Knows","from":"A"}'))).toEqual(['J104']);
    expect(codes(line('{"edge":"Knows","from":1,"to":"B"}'))).toEqual(['J104']);
    expect(codes(line('{"type":"Person","data":[]}'))).toEqual(['J104']);
    expect(codes(line('{"type":1}'))).toEqual(['J104']);
    expect(codes(line('[1]'))).toEqual(['J104']);
  });

  it('defaults data to {} and skips blank lines', () => {
    expect(codes(line('{"type":"Person"}'))).toEqual(['J110']);
    expect(line('   \t ')).toEqual({ ok: true, record: null });
  });

  it('matches node types exactly and edge types case-insensitively', () => {
    expect(codes(line('{"type":"person","data":{"name":"A"}}'))).toEqual(['J105']);
    const r = line('{"edge":"worksat","from":"Alice","to":"Acme"}');
    expect(r.ok && r.record?.typeName).toBe('WorksAt');
    expect(codes(line('{"edge":"Nope","from":"A","to":"B"}'))).toEqual(['J105']);
  });

  it('reports invalid JSON and duplicate members with a column', () => {
    const bad = line('{"type":"Person",');
    expect(codes(bad)).toEqual(['J101']);
    expect(!bad.ok && bad.diagnostics[0]).toMatchObject({ line: 7, column: 18 });
    expect(codes(line('{"type":"Person","data":{"name":"A","name":"B"}}'))).toEqual(['J102']);
  });

  it('rejects reserved physical state and edge src/dst in data', () => {
    expect(codes(line('{"type":"Person","data":{"name":"A","_tombstone":true}}'))).toEqual(['J107']);
    expect(codes(line('{"type":"Person","data":{"name":"A","_rowid":1}}'))).toEqual(['J107']);
    expect(codes(line('{"edge":"Knows","from":"A","to":"B","data":{"src":"A"}}'))).toEqual(['J107']);
  });
});

describe('validateLoadLine: value encodings (spec §9.2)', () => {
  it('converts each type strictly', () => {
    expect(value('"s": "x"', 's')).toBe('x');
    expect(value('"b": false', 'b')).toBe(false);
    expect(value('"i": -5', 'i')).toBe(-5);
    expect(value('"l": 9223372036854775807', 'l')).toBe(9223372036854775807n);
    expect(value('"w": 0', 'w')).toBe(0n);
    expect(value('"f": 0.1', 'f')).toBe(Math.fround(0.1));
    expect(value('"d": 1e300', 'd')).toBe(1e300);
    expect(value('"day": "2026-03-27"', 'day')).toBe(20539);
    expect(value('"day": 20539', 'day')).toBe(20539);
    expect(value('"ts": "2026-04-29T10:00:00Z"', 'ts')).toBe(Date.UTC(2026, 3, 29, 10));
    expect(value('"ts": 1777456800000', 'ts')).toBe(1777456800000);
    expect(value('"blob": "base64:aGk="', 'blob')).toEqual({ kind: 'managed', base64: 'aGk=', size: 2 });
    expect(value('"blob": "s3://bucket/key"', 'blob')).toEqual({ kind: 'external', uri: 's3://bucket/key' });
    expect(value('"v": [1, 2.5, -3]', 'v')).toEqual([1, 2.5, -3]);
    expect(value('"xs": [1, 2]', 'xs')).toEqual([1, 2]);
    expect(value('"xs": []', 'xs')).toEqual([]);
    expect(value('"e": "a"', 'e')).toBe('a');
    expect(value('"s": null', 's')).toBeNull();
    expect(value('', 'i')).toBeNull();
  });

  it('keeps 64-bit integers exact beyond 2^53', () => {
    expect(value('"l": 9007199254740993', 'l')).toBe(9007199254740993n);
  });

  it('rejects wrong JSON types instead of nulling them', () => {
    const bad = ['"s": 1', '"b": "true"', '"i": "5"', '"i": 1.5', '"i": 1e2', '"i": 1.0', '"f": "1"', '"day": "2026-02-30"', '"day": 1.5', '"ts": "yesterday"', '"blob": 1', '"blob": ""', '"blob": "base64:***"', '"v": "x"', '"v": [1, "a", 3]', '"xs": 1', '"xs": [1, null]', '"e": 1', '"tags": ["a", 2]'];
    for (const data of bad) expect(codeFor(data)).toEqual(['J108']);
  });

  it('rejects out-of-range values', () => {
    const bad = ['"i": 2147483648', '"u": -1', '"w": 18446744073709551616', '"l": -9223372036854775809', '"f": 1e39', '"d": 1e999', '"day": 2147483648', '"ts": 9000000000000000', '"v": [1, 2, 1e39]'];
    for (const data of bad) expect(codeFor(data)).toEqual(['J109']);
  });

  it('checks vector dimensions and enum membership in lists and scalars', () => {
    expect(codeFor('"v": [1, 2]')).toEqual(['J116']);
    expect(codeFor('"e": "c"')).toEqual(['J111']);
  });

  it('reports every bad field of a line, each with its field name', () => {
    const r = line('{"type":"T","data":{"i":"x","b":1,"zz":0}}', types);
    expect(!r.ok && r.diagnostics.map((d) => [d.code, d.field])).toEqual([
      ['J106', 'zz'],
      ['J108', 'b'],
      ['J108', 'i'],
    ]);
  });
});

describe('validateLoadLine: ids and endpoints (spec §9.3)', () => {
  it('derives keyed ids and rejects a different explicit id', () => {
    const ok = line('{"type":"K","data":{"a":"x","b":5,"id":"[\\"x\\",\\"5\\"]"}}', types);
    expect(ok.ok && ok.record?.id).toBe('["x","5"]');
    expect(codes(line('{"type":"K","data":{"a":"x","b":5,"id":"x"}}', types))).toEqual(['J112']);
    expect(codes(line('{"type":"Person","data":{"name":"A","id":"B"}}'))).toEqual(['J112']);
  });

  it('keeps an explicit id for unkeyed nodes and edges, or null to generate one', () => {
    const t = line('{"type":"T","data":{"id":"t1"}}', types);
    expect(t.ok && t.record?.id).toBe('t1');
    expect(codes(line('{"type":"T","data":{"id":1}}', types))).toEqual(['J108']);
    const e = line('{"edge":"Knows","from":"A","to":"B","data":{"id":"e1"}}');
    expect(e.ok && [e.record?.id, e.record?.kind === 'edge' && e.record.from]).toEqual(['e1', 'A']);
  });

  it('rejects endpoints that can never be canonical ids of the endpoint type', () => {
    expect(codes(line('{"edge":"L","from":"[\\"x\\",\\"5\\"]","to":"any"}', types))).toEqual([]);
    expect(codes(line('{"edge":"L","from":"[\\"x\\",\\"05\\"]","to":"any"}', types))).toEqual(['J117']);
    expect(codes(line('{"edge":"L","from":"x","to":"any"}', types))).toEqual(['J117']);
  });

  it('rejects over-long lines before parsing them', () => {
    const long = `{"type":"T","data":{"s":"${'é'.repeat(17 * 1024 * 1024)}"}}`;
    expect(codes(line(long, types))).toEqual(['J103']);
  });
});

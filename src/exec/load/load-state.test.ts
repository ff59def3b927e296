// A load's staged Arrow rows equal the full validator's records on every value kind; ids, J113 and endpoints.
import { describe, expect, it } from 'vitest';
import { compileSchema, validateLoadLine, type LoadRecord } from '../../compiler/index.js';
import { mulberry32 as prng } from '../../util/prng.js';
import { arrowToStaged } from '../staging/physical-rows.js';
import { LoadState } from './load-state.js';

const catalog = compileSchema(`
  node T {
    s: String? b: Bool? i: I32? l: I64? u: U32? w: U64? f: F32? d: F64? day: Date? ts: DateTime?
    blob: Blob? v: Vector(2)? xs: [I32]? days: [Date]? e: enum(a, b)?
  }
  node P { name: String @key  age: I32? }
  edge Knows: P -> P { since: Date? }
`).catalog!;
const enc = new TextEncoder();

function randomT(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const fields: Record<string, readonly string[]> = {
    s: ['"x"', '"ünï"', '"a\\"b"', '""'], b: ['true', 'false'], i: ['-7', '2147483647'], l: ['-9223372036854775808', '12', '9007199254740993'],
    u: ['4294967295', '0'], w: ['18446744073709551615', '5'], f: ['1.5', '-0', '0.1'], d: ['0.30000000000000004', '-2.5e300'],
    day: ['"2024-02-29"', '-1', '"0000-01-01"'], ts: ['"2026-04-29T10:00:00.123+02:00"', '1777456800000'], blob: ['"base64:AAEC"'],
    v: ['[1.5,-2]'], xs: ['[1,2,3]', '[]'], days: ['["2024-01-01","1970-01-02"]'], e: ['"a"', '"b"'],
  };
  const data = Object.entries(fields).filter(() => rand() < 0.6).map(([k, vs]) => `"${k}":${rand() < 0.1 ? 'null' : pick(vs)}`);
  return `{"type":"T","data":{${data.join(',')}}}`;
}

function stage(lines: readonly string[], batchRows = 3): LoadState {
  const state = new LoadState(catalog, batchRows);
  const bytes = enc.encode(lines.join('\n'));
  let start = 0;
  lines.forEach((l, i) => {
    const len = enc.encode(l).length;
    state.bytesLine(bytes, start, start + len, i + 1);
    start += len + 1;
  });
  state.finish();
  return state;
}

describe('LoadState', () => {
  it('stages every value kind exactly as the full validator reads it, over several batches', () => {
    const rand = prng(3);
    const lines = Array.from({ length: 200 }, () => randomT(rand));
    const state = stage(lines);
    expect(state.diagnostics).toEqual([]);
    const t = state.get('node', 'T')!;
    const rows = arrowToStaged(catalog.nodes['T']!, t.rows());
    expect(rows).toHaveLength(lines.length);
    lines.forEach((l, i) => {
      const r = validateLoadLine(catalog, l, i + 1);
      const rec = (r.ok ? r.record : null) as LoadRecord;
      expect(rows[i]!.values, l).toEqual(rec.values);
      expect(rows[i]!.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    });
    expect(new Set(rows.map((r) => r.id)).size).toBe(lines.length);
    expect(t.written.size).toBe(lines.length);
    expect([...t.written.values()].every((o) => typeof o === 'number' && o < 0)).toBe(true);
  });

  it('reports an id seen twice (J113) naming both lines, and stops staging after a diagnostic', () => {
    const state = stage(['{"type":"P","data":{"name":"A"}}', '{"type":"P","data":{"name":"B","age":"x"}}', '{"type":"P","data":{"name":"A","age":1}}']);
    expect(state.diagnostics.map((d) => [d.code, d.line, d.relatedLine ?? null])).toEqual([['J108', 2, null], ['J113', 3, 1]]);
    expect(state.diagnostics[1]!.message).toBe("id 'A' appears twice for node:P (lines 1 and 3)");
  });

  it('keeps as pending only endpoints that name no node of the load, with their first origin', () => {
    const state = stage([
      '{"edge":"knows","from":"A","to":"Z"}',
      '{"type":"P","data":{"name":"A"}}',
      '{"edge":"Knows","from":"A","to":"Z","data":{"id":"e1"}}',
      '{"edge":"Knows","from":"Y","to":"A","data":{"since":"2024-01-01"}}',
      '{"edge":"Knows","from":"\\u0041","to":"Y"}',
    ], 2);
    const k = state.get('edge', 'Knows')!;
    expect([...k.sources]).toEqual([['Y', -4]]);
    expect([...k.targets]).toEqual([['Z', -1], ['Y', -5]]);
    expect([...k.written]).toEqual([['e1', 3]]);
    expect(arrowToStaged(catalog.edges['Knows']!, k.rows()).map((r) => [r.src, r.dst, r.values['since']])).toEqual([
      ['A', 'Z', null],
      ['A', 'Z', null],
      ['Y', 'A', 19723],
      ['A', 'Y', null],
    ]);
    expect(k.count).toBe(4);
  });
});

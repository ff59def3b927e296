// The byte-keyed id table: first origins kept, lookups by bytes, by text and in bulk, insertion-ordered iteration.
import { describe, expect, it } from 'vitest';
import { hashBytes, IdOrigins, IdTable } from './id-table.js';

const enc = new TextEncoder();

/** `ids` packed as a Utf8 column: bytes and offsets. */
function column(ids: readonly string[]): { values: Uint8Array; offsets: Int32Array } {
  const parts = ids.map((id) => enc.encode(id));
  const offsets = new Int32Array(ids.length + 1);
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
  const values = new Uint8Array(offsets[ids.length]!);
  parts.forEach((p, i) => values.set(p, offsets[i]!));
  return { values, offsets };
}

describe('IdTable', () => {
  it('finds what it holds across growth, by bytes and by text, and nothing else', () => {
    const t = new IdTable();
    const ids = Array.from({ length: 50_000 }, (_, i) => (i % 3 === 0 ? `person-${i}` : i % 3 === 1 ? `ü-${i}` : `${i}`));
    const { values, offsets } = column(ids);
    const handles = ids.map((_, i) => {
      const h = hashBytes(values, offsets[i]!, offsets[i + 1]!);
      expect(t.find(values, offsets[i]!, offsets[i + 1]!, h)).toBe(-1);
      return t.add(values, offsets[i]!, offsets[i + 1]!, h, i + 1);
    });
    expect(t.size).toBe(ids.length);
    expect(new Set(handles).size).toBe(ids.length);
    expect([...t.handles()]).toEqual(handles);
    expect(t.findText('person-300')).toBe(handles[300]);
    expect(t.findText('ü-301')).toBe(handles[301]);
    expect(t.findText('person-301')).toBe(-1);
    expect(t.findText('')).toBe(-1);
    expect(t.key(handles[301]!)).toBe('ü-301');
    expect(t.origin(handles[301]!)).toBe(302);
    const empty = t.addText('', -7);
    t.addText('person-300', 9);
    expect([t.key(empty), t.origin(empty), t.origin(t.findText('person-300'))]).toEqual(['', -7, 301]);
  });

  it('looks up a whole column at once with the same answers as single lookups', () => {
    const t = new IdTable();
    for (let i = 0; i < 20_000; i += 2) t.addText(`n${i}`, i);
    const probe = Array.from({ length: 5_003 }, (_, k) => `n${(k * 7919) % 20_000}`);
    const { values, offsets } = column(probe);
    const out = new Int32Array(probe.length);
    t.findMany(values, offsets, 0, probe.length, out);
    probe.forEach((id, k) => expect(out[k], id).toBe(t.findText(id)));
    expect(out.filter((e) => e >= 0).length).toBeGreaterThan(2000);
  });

  it('reads as a ReadonlyMap of id → origin in insertion order', () => {
    const t = new IdTable();
    t.addText('b', 2);
    t.addText('a', -5);
    const m = new IdOrigins(t);
    expect([...m]).toEqual([['b', 2], ['a', -5]]);
    expect([m.size, m.has('a'), m.get('a'), m.get('c'), [...m.keys()], [...m.values()]]).toEqual([2, true, -5, undefined, ['b', 'a'], [2, -5]]);
  });

  it('hashes equal bytes equally wherever they sit', () => {
    const a = enc.encode('xx-person-7');
    const b = enc.encode('person-7');
    expect(hashBytes(a, 3, a.length)).toBe(hashBytes(b, 0, b.length));
    expect(hashBytes(b, 0, 7)).not.toBe(hashBytes(b, 0, 8));
  });
});

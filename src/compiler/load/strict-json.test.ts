// Strict JSON: exact numbers, duplicate members at any depth, malformed input and the depth cap.
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseStrictJson } from './strict-json.js';

describe('parseStrictJson', () => {
  it('parses every JSON kind and keeps number text exact', () => {
    const r = parseStrictJson(' {"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"],"b":{},"c":[] , "d":9223372036854775807} ');
    expect(r.ok).toBe(true);
    if (!r.ok || r.value.kind !== 'object') return;
    expect(r.value.members.get('d')).toEqual({ kind: 'number', text: '9223372036854775807' });
    expect(r.value.members.get('a')).toEqual({
      kind: 'array',
      items: [
        { kind: 'number', text: '1' },
        { kind: 'number', text: '-2.5e3' },
        { kind: 'bool', value: true },
        { kind: 'bool', value: false },
        { kind: 'null' },
        { kind: 'string', value: 'xé\n' },
      ],
    });
  });

  it('rejects duplicate members at any depth, naming the offset', () => {
    const top = parseStrictJson('{"a":1,"a":2}');
    expect(top).toEqual({ ok: false, problem: { duplicate: true, message: "duplicate member 'a'", offset: 7 } });
    const deep = parseStrictJson('{"data":{"x":[{"k":1,"k":1}]}}');
    expect(!deep.ok && deep.problem.duplicate).toBe(true);
  });

  it('rejects malformed JSON without throwing', () => {
    for (const bad of ['', '{', '{"a"}', '{"a":1,}', '[1,]', '01', '1.', '.5', '+1', 'NaN', "{'a':1}", '"\t"', '"\\x"', '{"a":1} x', 'tru', '"abc']) {
      const r = parseStrictJson(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.problem.duplicate).toBe(false);
    }
  });

  it('caps nesting depth', () => {
    expect(parseStrictJson(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).ok).toBe(true);
    expect(parseStrictJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).ok).toBe(false);
  });
});

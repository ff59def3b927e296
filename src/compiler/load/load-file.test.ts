// Whole-file load validation: line numbering, duplicate ids per type, limits and the load error.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../catalog/compile-schema.js';
import { loadError } from '../diagnostics/diagnostic.js';
import { createLoadValidator, validateLoadFile } from './load-file.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/compiler/', import.meta.url));
const people = compileSchema(readFileSync(`${FIXTURES}people.pg`, 'utf8')).catalog!;

describe('validateLoadFile', () => {
  it('accepts the spec example file', () => {
    const r = validateLoadFile(people, readFileSync(`${FIXTURES}people.jsonl`, 'utf8'));
    expect(r.diagnostics).toEqual([]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('numbers lines across blank lines and CRLF endings', () => {
    const r = validateLoadFile(people, '\r\n{"type":"Person","data":{"name":"A"}}\r\n\n{"type":"Person","data":{"name":"B","x":1}}\r\n');
    expect(r.records.map((x) => x.line)).toEqual([2]);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['J106', 4]]);
  });

  it('rejects the same id twice for one type, naming both lines (design §4.5)', () => {
    const r = validateLoadFile(people, ['{"type":"Person","data":{"name":"Alice"}}', '{"type":"Company","data":{"name":"Alice","industry":"retail"}}', '{"type":"Person","data":{"name":"Alice","age":3}}'].join('\n'));
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'J113', line: 3, relatedLine: 1 })]);
  });

  it('never counts generated ids as duplicates, but does count explicit edge ids', () => {
    const edges = ['{"edge":"Knows","from":"A","to":"B"}', '{"edge":"Knows","from":"A","to":"B"}', '{"edge":"Knows","from":"A","to":"B","data":{"id":"e"}}', '{"edge":"knows","from":"A","to":"C","data":{"id":"e"}}'];
    expect(validateLoadFile(people, edges.join('\n')).diagnostics.map((d) => [d.code, d.line])).toEqual([['J113', 4]]);
  });

  it('stops at maxDiagnostics and says so', () => {
    const r = validateLoadFile(people, 'x\n'.repeat(10), { maxDiagnostics: 3 });
    expect([r.diagnostics.length, r.truncated]).toEqual([3, true]);
  });

  it('builds a load_invalid error naming the first bad line', () => {
    const r = validateLoadFile(people, '{"type":"Person","data":{"name":"A"}}\n{"type":"Nope"}');
    const err = loadError(r.diagnostics);
    expect([err.code, err.details['line'], err.details['diagnostic']]).toEqual(['load_invalid', 2, 'J105']);
  });

  it('offers the same checks line by line for streaming', () => {
    const v = createLoadValidator(people);
    expect(v.line('{"type":"Person","data":{"name":"A"}}', 10).ok).toBe(true);
    const again = v.line('{"type":"Person","data":{"name":"A"}}', 11);
    expect(!again.ok && again.diagnostics[0]?.relatedLine).toBe(10);
  });
});

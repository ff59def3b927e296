// The five read renderers of cli.md §8.
import { describe, expect, it } from 'vitest';
import { readOutput } from './read-output.js';
import { renderRead } from './renderers.js';

const out = readOutput({
  queryName: 'q',
  target: { branch: 'main', snapshot: null },
  columns: ['name', 'note'],
  rows: [
    { name: 'Alice', note: 'says "hi", twice' },
    { name: 'Bob', note: null },
  ],
  graphCommitId: 'c1',
});

describe('renderRead', () => {
  it('json is the full DTO', () => {
    expect(JSON.parse(renderRead(out, 'json'))).toEqual({ query_name: 'q', target: { branch: 'main', snapshot: null }, row_count: 2, columns: ['name', 'note'], rows: out.rows, graph_commit_id: 'c1' });
  });

  it('omits empty columns and wraps non-object rows', () => {
    const bare = readOutput({ queryName: 'q', target: { branch: null, snapshot: 's' }, columns: [], rows: [5], graphCommitId: null });
    expect('columns' in bare).toBe(false);
    expect(renderRead(bare, 'csv')).toBe('value\n5\n');
    expect(renderRead(bare, 'table').split('\n')[0]).toBe('1 rows from snapshot s via q');
  });

  it('jsonl, csv, kv, table', () => {
    expect(renderRead(out, 'jsonl').split('\n')[0]).toBe('{"kind":"metadata","query_name":"q","target":{"branch":"main","snapshot":null},"row_count":2}');
    expect(renderRead(out, 'csv')).toBe('name,note\nAlice,"says ""hi"", twice"\nBob,\n');
    expect(renderRead(out, 'kv')).toBe('2 rows from branch main via q\n\nrow 1\nname: Alice\nnote: says "hi", twice\n\nrow 2\nname: Bob\nnote: \n');
    expect(renderRead(out, 'table')).toBe(
      ['2 rows from branch main via q', 'name  | note', '------+-----------------', 'Alice | says "hi", twice', 'Bob   |', ''].join('\n'),
    );
  });

  it('caps table columns at the width (min 8) and wraps on request', () => {
    const wide = readOutput({ queryName: 'q', target: { branch: 'main', snapshot: null }, columns: ['x'], rows: [{ x: 'abcdefghijkl' }], graphCommitId: null });
    expect(renderRead(wide, 'table', { maxColumnWidth: 4 }).split('\n')[3]).toBe('abcdefg…');
    expect(renderRead(wide, 'table', { maxColumnWidth: 8, cellLayout: 'wrap' }).split('\n').slice(3, 5)).toEqual(['abcdefgh', 'ijkl']);
  });

  it('rejects an unknown format with a usage code', () => {
    expect(() => renderRead(out, 'xml')).toThrow(expect.objectContaining({ code: 'usage' }));
  });
});

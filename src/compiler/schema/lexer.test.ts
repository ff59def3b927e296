// Schema lexer: token classes, numbers versus range dots, comments, string escapes, enum mode and error tokens.
import { describe, expect, it } from 'vitest';
import { scanToken, tokenize } from './lexer.js';

const kinds = (text: string): string[] => tokenize(text).map((t) => (t.kind === 'punct' || t.kind === 'word' ? t.text : t.kind === 'error' ? `error:${t.code}` : t.kind));

describe('schema lexer', () => {
  it('splits words, punctuation and numbers', () => {
    expect(kinds('node Person { age: I32? }')).toEqual(['node', 'Person', '{', 'age', ':', 'I32', '?', '}', 'eof']);
    expect(kinds('edge E: A -> B')).toEqual(['edge', 'E', ':', 'A', '->', 'B', 'eof']);
  });

  it('reads 0..150 as integer, range dots, integer and 1.5 as a float', () => {
    const t = tokenize('0..150 1.5 -3 ..');
    expect(t.map((x) => [x.kind, x.text])).toEqual([
      ['int', '0'],
      ['punct', '..'],
      ['int', '150'],
      ['float', '1.5'],
      ['punct', '-'],
      ['int', '3'],
      ['punct', '..'],
      ['eof', ''],
    ]);
  });

  it('skips line and block comments', () => {
    expect(kinds('// hi\nnode /* a\nb */ P // end')).toEqual(['node', 'P', 'eof']);
  });

  it('decodes the five string escapes', () => {
    const [t] = tokenize(String.raw`"a\"b\\c\nd\re\tf"`);
    expect(t?.kind === 'string' && t.value).toBe('a"b\\c\nd\re\tf');
  });

  it('rejects other escapes, unterminated strings and comments with their codes', () => {
    expect(kinds(String.raw`"a\x"`)).toEqual(['error:S103']);
    expect(kinds('"abc')).toEqual(['error:S102']);
    expect(kinds('/* open')).toEqual(['error:S104']);
  });

  it('treats # as an unexpected character, not a comment', () => {
    expect(kinds('node # P')).toEqual(['node', 'error:S101']);
    expect(kinds('node P ; ')).toEqual(['node', 'P', 'error:S101']);
  });

  it('reads enum values that start with digits or contain dashes in enum mode only', () => {
    const t = scanToken('enum(1st-class)', 5, 'enum');
    expect([t.kind, t.text]).toEqual(['enum_value', '1st-class']);
    expect(scanToken('1st', 0, 'default').kind).toBe('int');
  });

  it('reports a non-BMP character as one unexpected character', () => {
    const [t] = tokenize('😀');
    expect(t?.kind).toBe('error');
    expect(t?.end).toBe(2);
  });
});

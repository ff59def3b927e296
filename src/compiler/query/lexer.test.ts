// Lexer: token classes, strings and escapes, comments, numbers without sign, spans, and the error token.
import { describe, expect, it } from 'vitest';
import { lex } from './lexer.js';

const kinds = (text: string): string[] => lex(text).tokens.map((t) => `${t.kind}:${t.text}`);

describe('query lexer', () => {
  it('classifies words, variables and punctuation', () => {
    expect(kinds('query q($a: String) { $p.name >= 1 }')).toEqual([
      'ident:query', 'ident:q', 'punct:(', 'var:a', 'punct::', 'type:String', 'punct:)', 'punct:{',
      'var:p', 'punct:.', 'ident:name', 'punct:>=', 'int:1', 'punct:}', 'eof:',
    ]);
  });

  it('reads every operator, longest first', () => {
    expect(kinds('!= <= >= < > = ? @ [ ] ,')).toEqual([
      'punct:!=', 'punct:<=', 'punct:>=', 'punct:<', 'punct:>', 'punct:=', 'punct:?', 'punct:@', 'punct:[', 'punct:]', 'punct:,', 'eof:',
    ]);
  });

  it('reads integers and floats, with no sign and no exponent', () => {
    expect(kinds('12 3.25 4. 1e5')).toEqual(['int:12', 'float:3.25', 'int:4', 'punct:.', 'int:1', 'ident:e5', 'eof:']);
    expect(kinds('-1')[0]).toBe('error:unexpected character `-`');
  });

  it('decodes the five string escapes and rejects others', () => {
    expect(lex('"a\\"b\\\\c\\nd\\re\\tf"').tokens[0]?.text).toBe('a"b\\c\nd\re\tf');
    expect(kinds('"bad \\q"')[0]).toBe('error:unsupported escape sequence');
    expect(kinds('"open')[0]).toBe('error:unterminated string literal');
  });

  it('skips line and block comments', () => {
    expect(kinds('a // x\n/* y\n z */ b')).toEqual(['ident:a', 'ident:b', 'eof:']);
    expect(kinds('a /* open')).toEqual(['ident:a', 'error:unterminated block comment', 'eof:']);
  });

  it('rejects upper-case and empty variable names', () => {
    expect(kinds('$Name')[0]).toMatch(/^error:invalid variable/);
    expect(kinds('$ x')[0]).toMatch(/^error:expected a variable name/);
    expect(kinds('$_ $_x')).toEqual(['var:_', 'var:_x', 'eof:']);
  });

  it('stops at the first bad character with a one-character span', () => {
    const { tokens } = lex('a\n  # b');
    expect(tokens.map((t) => t.kind)).toEqual(['ident', 'error', 'eof']);
    expect(tokens[1]?.span).toEqual({ line: 2, column: 3, start: 4, end: 5 });
  });

  it('gives 1-based line/column and 0-based offsets', () => {
    const { tokens } = lex('x\n  yy');
    expect(tokens[1]?.span).toEqual({ line: 2, column: 3, start: 4, end: 6 });
    expect(tokens.at(-1)?.span).toEqual({ line: 2, column: 5, start: 6, end: 6 });
  });
});

// The `.gq` lexer: text → tokens with spans; the first malformed character becomes one `error` token.
import { LineIndex } from '../diagnostics/diagnostic.js';
import { PUNCTUATION, type Token, type TokenKind } from './token.js';

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t' };

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || c === 95;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isWordChar(c: number): boolean {
  return isDigit(c) || isLower(c) || isUpper(c);
}

/** The lexer's output: tokens ending in `eof` (or in one `error` token then `eof`), and the text's line index. */
export interface LexResult {
  readonly tokens: readonly Token[];
  readonly lines: LineIndex;
}

/**
 * Split `.gq` text into tokens. Never throws: a malformed character, string or comment ends the stream with an
 * `error` token whose `text` is the message, so the parser reports it as a parse error at that span.
 * @example
 * lex('match { $p: Person }').tokens.map((t) => t.kind); // ['ident','punct','var','punct','type','punct','eof']
 */
export function lex(text: string): LexResult {
  const lines = new LineIndex(text);
  const tokens: Token[] = [];
  const push = (kind: TokenKind, value: string, start: number, end: number): void => {
    tokens.push(Object.freeze({ kind, text: value, span: lines.span({ start, end }) }));
  };
  let i = 0;
  const n = text.length;
  scan: while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        push('error', 'unterminated block comment', start, n);
        break;
      }
      i = close + 2;
      continue;
    }
    if (isLower(c) || isUpper(c)) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      push(isUpper(c) ? 'type' : 'ident', text.slice(start, i), start, i);
      continue;
    }
    if (c === 36) {
      i++;
      const first = text.charCodeAt(i);
      if (!isLower(first)) {
        while (i < n && isWordChar(text.charCodeAt(i))) i++;
        const bad = text.slice(start, i);
        const message = bad === '$' ? 'expected a variable name after `$`' : `invalid variable \`${bad}\`: names start with a lower-case letter or \`_\``;
        push('error', message, start, Math.max(i, start + 1));
        break;
      }
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      push('var', text.slice(start + 1, i), start, i);
      continue;
    }
    if (isDigit(c)) {
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(text.charCodeAt(i))) i++;
        push('float', text.slice(start, i), start, i);
      } else {
        push('int', text.slice(start, i), start, i);
      }
      continue;
    }
    if (c === 34) {
      i++;
      let value = '';
      while (i < n) {
        const ch = text.charCodeAt(i);
        if (ch === 34) {
          i++;
          push('string', value, start, i);
          continue scan;
        }
        if (ch === 92) {
          const esc = text[i + 1];
          const decoded = esc === undefined ? undefined : ESCAPES[esc];
          if (decoded === undefined) {
            push('error', 'unsupported escape sequence', i, Math.min(n, i + 2));
            break scan;
          }
          value += decoded;
          i += 2;
          continue;
        }
        value += text[i];
        i++;
      }
      push('error', 'unterminated string literal', start, n);
      break;
    }
    for (const p of PUNCTUATION) {
      if (text.startsWith(p, i)) {
        i += p.length;
        push('punct', p, start, i);
        continue scan;
      }
    }
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    push('error', `unexpected character \`${String.fromCodePoint(cp)}\``, start, start + width);
    break;
  }
  push('eof', '', n, n);
  return Object.freeze({ tokens: Object.freeze(tokens), lines });
}

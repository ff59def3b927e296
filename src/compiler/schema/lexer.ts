// The `.pg` lexer: a pure function from (text, offset, mode) to the next token; trivia and comments are skipped.
import type { LexMode, Punct, Token } from './token.js';

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_STAR = 42;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_GT = 62;
const CH_BACKSLASH = 92;

const SINGLE_PUNCT: ReadonlySet<string> = new Set(['{', '}', '(', ')', '[', ']', ':', ',', '?', '@', '=']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c);
}

function isEnumPart(c: number): boolean {
  return isWordPart(c) || c === CH_MINUS;
}

/**
 * Skip whitespace and comments from `offset`. Returns the offset of the next significant character, or an
 * error token for an unterminated block comment.
 */
export function skipTrivia(text: string, offset: number): number | Token {
  let i = offset;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR) {
      i++;
    } else if (c === CH_SLASH && text.charCodeAt(i + 1) === CH_SLASH) {
      const nl = text.indexOf('\n', i + 2);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === CH_SLASH && text.charCodeAt(i + 1) === CH_STAR) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        return { kind: 'error', text: text.slice(i, i + 2), code: 'S104', message: 'unterminated block comment', start: i, end: text.length };
      }
      i = close + 2;
    } else {
      return i;
    }
  }
}

function scanString(text: string, start: number): Token {
  let value = '';
  let i = start + 1;
  let runStart = i;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === CH_QUOTE) {
      value += text.slice(runStart, i);
      return { kind: 'string', text: text.slice(start, i + 1), value, start, end: i + 1 };
    }
    if (c === CH_BACKSLASH) {
      value += text.slice(runStart, i);
      const e = text[i + 1];
      const decoded = e === '"' ? '"' : e === '\\' ? '\\' : e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : undefined;
      if (decoded === undefined) {
        const shown = e === undefined ? '\\' : `\\${e}`;
        return { kind: 'error', text: shown, code: 'S103', message: `unsupported escape sequence '${shown}'`, start: i, end: Math.min(i + 2, text.length) };
      }
      value += decoded;
      i += 2;
      runStart = i;
      continue;
    }
    i++;
  }
  return { kind: 'error', text: text.slice(start, start + 1), code: 'S102', message: 'unterminated string literal', start, end: text.length };
}

function scanNumber(text: string, start: number): Token {
  let i = start;
  while (isDigit(text.charCodeAt(i))) i++;
  // `1.5` is a float; `1..5` is an integer followed by `..`.
  if (text.charCodeAt(i) === CH_DOT && isDigit(text.charCodeAt(i + 1))) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
    return { kind: 'float', text: text.slice(start, i), start, end: i };
  }
  return { kind: 'int', text: text.slice(start, i), start, end: i };
}

/**
 * Scan the token at `offset` (after trivia). Every non-`eof` token consumes at least one character, so a parser
 * that scans forward terminates within the input length.
 * @example
 * scanToken('node Person {', 0, 'default'); // {kind: 'word', text: 'node', start: 0, end: 4}
 */
export function scanToken(text: string, offset: number, mode: LexMode): Token {
  const at = skipTrivia(text, offset);
  if (typeof at !== 'number') return at;
  if (at >= text.length) return { kind: 'eof', text: '', start: text.length, end: text.length };
  const c = text.charCodeAt(at);
  if (mode === 'enum' && isEnumPart(c)) {
    let i = at + 1;
    while (isEnumPart(text.charCodeAt(i))) i++;
    return { kind: 'enum_value', text: text.slice(at, i), start: at, end: i };
  }
  if (isWordStart(c)) {
    let i = at + 1;
    while (isWordPart(text.charCodeAt(i))) i++;
    return { kind: 'word', text: text.slice(at, i), start: at, end: i };
  }
  if (isDigit(c)) return scanNumber(text, at);
  if (c === CH_QUOTE) return scanString(text, at);
  if (c === CH_MINUS) {
    if (text.charCodeAt(at + 1) === CH_GT) return punct('->', at);
    return punct('-', at);
  }
  if (c === CH_DOT && text.charCodeAt(at + 1) === CH_DOT) return punct('..', at);
  const ch = text[at] ?? '';
  if (SINGLE_PUNCT.has(ch)) return punct(ch as Punct, at);
  const cp = text.codePointAt(at) ?? c;
  const width = cp > 0xffff ? 2 : 1;
  const shown = String.fromCodePoint(cp);
  const message =
    c === CH_HASH ? "unexpected character '#': '#' does not start a comment in .pg files; use '//'" : `unexpected character '${shown}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
  return { kind: 'error', text: shown, code: 'S101', message, start: at, end: at + width };
}

function punct(text: Punct, start: number): Token {
  return { kind: 'punct', text, start, end: start + text.length };
}

/** Tokenize a whole text in the default mode (for tests and tools); stops at the first error token. */
export function tokenize(text: string): readonly Token[] {
  const out: Token[] = [];
  let offset = 0;
  for (;;) {
    const t = scanToken(text, offset, 'default');
    out.push(t);
    if (t.kind === 'eof' || t.kind === 'error') return out;
    offset = t.end;
  }
}

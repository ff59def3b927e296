// The schema parser's token cursor: bounded lookahead over the pull lexer, a work budget and failure helpers.
import type { SchemaDiagnosticCode } from '../diagnostics/codes.js';
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { NameNode } from './ast.js';
import { scanToken } from './lexer.js';
import { describeToken, type Punct, type Token } from './token.js';

/**
 * The parser may scan at most `WORK_PER_CHAR × (length + 1) + WORK_BASE` tokens. Every token but `eof` consumes at
 * least one character and each is scanned at most twice, so a correct parser never reaches the budget; reaching it
 * means a parser bug, reported as S109 instead of looping.
 */
export const WORK_PER_CHAR = 3;
/** Fixed part of the work budget. */
export const WORK_BASE = 32;

/** Thrown inside the parser to stop at the first problem; `parseSchema` turns it into a diagnostic. */
export class ParseFailure extends Error {
  constructor(
    readonly code: SchemaDiagnosticCode,
    readonly reason: string,
    readonly range: SourceRange,
  ) {
    super(reason);
  }
}

/** A forward-only token stream with up to three tokens of lookahead. */
export class ParseCursor {
  readonly #text: string;
  #offset = 0;
  #buffer: Token[] = [];
  #steps = 0;
  readonly #budget: number;

  constructor(text: string) {
    this.#text = text;
    this.#budget = WORK_PER_CHAR * (text.length + 1) + WORK_BASE;
  }

  /** Tokens scanned so far. */
  get steps(): number {
    return this.#steps;
  }

  /** End offset of the last consumed token (start of the text before any). */
  get consumedEnd(): number {
    return this.#offset;
  }

  /** The most tokens this input may take to scan. */
  get budget(): number {
    return this.#budget;
  }

  #scan(offset: number, mode: 'default' | 'enum'): Token {
    this.#steps++;
    if (this.#steps > this.#budget) {
      throw new ParseFailure('S109', `parser work budget of ${this.#budget} token scans exceeded`, { start: offset, end: offset });
    }
    const t = scanToken(this.#text, offset, mode);
    if (t.kind === 'error') throw new ParseFailure(t.code, t.message, { start: t.start, end: t.end });
    return t;
  }

  /** The token `k` (0–2) ahead of the cursor; `eof` repeats at the end. */
  peek(k = 0): Token {
    while (this.#buffer.length <= k) {
      const last = this.#buffer[this.#buffer.length - 1];
      if (last?.kind === 'eof') return last;
      this.#buffer.push(this.#scan(last === undefined ? this.#offset : last.end, 'default'));
    }
    return this.#buffer[k] as Token;
  }

  /** Consume and return the next token. */
  next(): Token {
    const t = this.peek();
    this.#buffer.shift();
    this.#offset = t.end;
    return t;
  }

  /** Consume the next token as an enum value (`[A-Za-z0-9_-]+`), dropping any default-mode lookahead. */
  nextEnumValue(): Token {
    this.#buffer = [];
    const t = this.#scan(this.#offset, 'enum');
    this.#offset = t.end;
    return t;
  }

  /** True when the next token is punctuation `p`. */
  atPunct(p: Punct, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }

  /** True when the next token is the word `w`. */
  atWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.text === w;
  }

  /** Consume punctuation `p` or fail. */
  expectPunct(p: Punct, context?: string): Token {
    const t = this.peek();
    if (t.kind === 'punct' && t.text === p) return this.next();
    return this.failExpected(`'${p}'${context === undefined ? '' : ` ${context}`}`, t);
  }

  /** Consume a type name (`[A-Z][A-Za-z0-9_]*`) or fail. */
  expectTypeName(role: string): NameNode {
    const t = this.peek();
    if (t.kind === 'word' && isTypeName(t.text)) {
      this.next();
      return { text: t.text, range: { start: t.start, end: t.end } };
    }
    if (t.kind === 'word') this.fail('S105', `${role} '${t.text}' must start with an upper-case letter`, t);
    return this.failExpected(role, t);
  }

  /** Consume an identifier (`[a-z_][A-Za-z0-9_]*`) or fail. */
  expectIdent(role: string): NameNode {
    const t = this.peek();
    if (t.kind === 'word' && isIdent(t.text)) {
      this.next();
      return { text: t.text, range: { start: t.start, end: t.end } };
    }
    if (t.kind === 'word') this.fail('S105', `${role} '${t.text}' must start with a lower-case letter or '_'`, t);
    return this.failExpected(role, t);
  }

  /** Stop parsing with a diagnostic. */
  fail(code: SchemaDiagnosticCode, message: string, range: SourceRange): never {
    throw new ParseFailure(code, message, { start: range.start, end: range.end });
  }

  /** Stop with `expected X, found Y` at token `t`. */
  failExpected(expected: string, t: Token): never {
    return this.fail('S105', `expected ${expected}, found ${describeToken(t)}`, t);
  }
}

/** `[A-Z][A-Za-z0-9_]*` */
export function isTypeName(text: string): boolean {
  const c = text.charCodeAt(0);
  return c >= 65 && c <= 90;
}

/** `[a-z_][A-Za-z0-9_]*` */
export function isIdent(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 97 && c <= 122) || c === 95;
}

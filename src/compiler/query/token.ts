// Token shapes of the `.gq` lexer and the span join helper of the parser.
import type { Span } from '../../errors/index.js';

/** Lexical classes. Keywords are plain `ident` tokens; the parser matches them by text. */
export type TokenKind =
  | 'ident'
  | 'type'
  | 'var'
  | 'string'
  | 'int'
  | 'float'
  | 'punct'
  | 'eof'
  | 'error';

/**
 * One token. `text` is the source slice, except: `var` holds the name without `$`, `string` the decoded value,
 * `error` the lexer's message.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
}

/** Punctuation and operators, longest first (the lexer tries them in this order). */
export const PUNCTUATION = Object.freeze([
  '!=', '<=', '>=', '(', ')', '{', '}', '[', ']', ',', ':', '.', '?', '@', '=', '<', '>',
] as const);

/** The smallest span covering both `a` and `b` (`a` must start first). */
export function joinSpans(a: Span, b: Span): Span {
  return Object.freeze({ line: a.line, column: a.column, start: a.start, end: Math.max(a.end, b.end) });
}

// Token shapes of the `.pg` lexer.
import type { SchemaDiagnosticCode } from '../diagnostics/codes.js';

/** Punctuation of the schema language (the lexer tries two-character ones first). */
export type Punct = '{' | '}' | '(' | ')' | '[' | ']' | ':' | ',' | '?' | '@' | '=' | '->' | '..' | '-';

/**
 * One token. `word` covers type names, identifiers and keywords (the parser classifies them by text);
 * `enum_value` exists only in the enum scanning mode; an `error` token carries the lexer's diagnostic.
 */
export type Token =
  | { readonly kind: 'word' | 'int' | 'float' | 'enum_value'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'punct'; readonly text: Punct; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly text: string; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'eof'; readonly text: ''; readonly start: number; readonly end: number }
  | { readonly kind: 'error'; readonly text: string; readonly code: SchemaDiagnosticCode; readonly message: string; readonly start: number; readonly end: number };

/** Lexer modes: `enum` reads `[A-Za-z0-9_-]+` enum values instead of ordinary words. */
export type LexMode = 'default' | 'enum';

/** Human rendering of a token for "expected …, found …" messages. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return 'a string literal';
    case 'error':
      return 'an invalid token';
    default:
      return `'${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}'`;
  }
}

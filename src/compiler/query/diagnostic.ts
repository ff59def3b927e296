// Diagnostics of the `.gq` compiler: a stable code, the rendered message and the source span of each problem.
import { CompileError, type Span } from '../../errors/index.js';
import type { DiagnosticInfo } from '../diagnostics/codes.js';

/**
 * Every `.gq` diagnostic code: `Q000` parse failure, the spec's T-codes (§9), and Q1xx for the errors the spec
 * lists without a code (§9 "un-coded type errors") plus a few intended-behaviour rejections. The messages of
 * Q1xx errors carry no code, as in the spec; the code exists so tests and tools can match. Never reuse a code.
 */
export const QUERY_DIAGNOSTICS = {
  Q000: { category: 'parse_error', severity: 'error', summary: 'The file does not parse (also lexical errors, duplicate query annotations, nesting deeper than 32).' },
  T1: { category: 'query_invalid', severity: 'error', summary: 'A binding names a type that is not a node type.' },
  T2: { category: 'query_invalid', severity: 'error', summary: 'An inline property match names an unknown property.' },
  T3: { category: 'query_invalid', severity: 'error', summary: 'Inline match or mutation literal does not fit the property (type, enum member, null, list equality, Blob).' },
  T4: { category: 'query_invalid', severity: 'error', summary: 'A traversal names an unknown edge.' },
  T5: { category: 'query_invalid', severity: 'error', summary: 'A bound variable\'s type is not an endpoint of the edge, or endpoint types conflict.' },
  T6: { category: 'query_invalid', severity: 'error', summary: 'Property access on an unbound variable or an unknown property.' },
  T7: { category: 'query_invalid', severity: 'error', summary: 'Filter or assignment operand types are incompatible (incl. non-scalar operands, `contains`/`starts_with` rules, `now()` on non-DateTime).' },
  T8: { category: 'query_invalid', severity: 'error', summary: '`sum`/`avg` on a non-number, `min`/`max` on a non-number non-String, or any of them on a list.' },
  T9: { category: 'query_invalid', severity: 'error', summary: 'A `not { }` references no outer variable, or an aggregate query projects something other than a property or variable.' },
  T10: { category: 'query_invalid', severity: 'error', summary: 'A mutation statement has no assignments or names an unknown type.' },
  T11: { category: 'query_invalid', severity: 'error', summary: 'A mutation names an unknown property, or a Blob property in `where`.' },
  T12: { category: 'query_invalid', severity: 'error', summary: 'An insert misses a required property or edge endpoint.' },
  T13: { category: 'query_invalid', severity: 'error', summary: 'A statement assigns the same property twice.' },
  T14: { category: 'query_invalid', severity: 'error', summary: 'A mutation value `$x` is not a declared parameter.' },
  T15: { category: 'query_invalid', severity: 'error', summary: 'Invalid or unbounded hop bounds; `nearest` target or query vector problems.' },
  T16: { category: 'query_invalid', severity: 'error', summary: '`update` on an edge type.' },
  T17: { category: 'query_invalid', severity: 'error', summary: '`nearest` ordering without `limit`.' },
  T18: { category: 'query_invalid', severity: 'error', summary: '`nearest` ordering combined with alias ordering.' },
  T19: { category: 'query_invalid', severity: 'error', summary: '`search`/`fuzzy` argument types (or used outside a match clause).' },
  T20: { category: 'query_invalid', severity: 'error', summary: '`match_text`/`bm25` argument types (or used where they are not allowed).' },
  T21: { category: 'query_invalid', severity: 'error', summary: '`rrf` misuse: bad `k`, missing `limit`, arms ranking different variables, or `rrf` outside `order`.' },
  T22: { category: 'query_invalid', severity: 'error', summary: 'Undirected traversal on an edge whose endpoint types differ.' },
  T23: { category: 'query_invalid', severity: 'error', summary: 'Edge-binding misuse (hop bounds, reused names, bare `$w`, edge variable as endpoint or search target).' },
  T24: { category: 'query_invalid', severity: 'error', summary: 'A Blob property or parameter used as a read value.' },
  Q101: { category: 'query_invalid', severity: 'error', summary: 'A variable is not bound (and is not a declared parameter).' },
  Q102: { category: 'query_invalid', severity: 'error', summary: 'A variable is rebound to a different type (or an edge variable rebound as a node).' },
  Q103: { category: 'query_invalid', severity: 'error', summary: 'Unknown parameter type (also `Vector(0)`).' },
  Q104: { category: 'query_invalid', severity: 'error', summary: 'The parameter name `$__nanograph_now` is reserved for `now()`.' },
  Q105: { category: 'query_invalid', severity: 'error', summary: 'List literal elements do not share a compatible scalar type.' },
  Q106: { category: 'query_invalid', severity: 'error', summary: 'Nested list literals are not supported.' },
  Q107: { category: 'query_invalid', severity: 'error', summary: 'A parameter is declared twice.' },
  Q108: { category: 'query_invalid', severity: 'error', summary: 'Two queries in one file share a name.' },
  Q109: { category: 'query_invalid', severity: 'error', summary: 'An inline match value `$x` in a read query is not a declared parameter.' },
  Q110: { category: 'query_invalid', severity: 'error', summary: 'Unsupported ordering expression (literal, parameter, aggregate, list or vector key, or not a projection of an aggregate query).' },
  Q111: { category: 'query_invalid', severity: 'error', summary: 'A ranking function (`nearest`, `bm25`, `rrf`) is not the first order key.' },
  Q112: { category: 'query_invalid', severity: 'error', summary: 'Malformed `date(…)`/`datetime(…)` literal or an integer literal out of range.' },
  Q113: { category: 'query_invalid', severity: 'error', summary: 'A bare identifier names no return alias, or appears outside `order`.' },
  Q114: { category: 'query_invalid', severity: 'error', summary: 'An aggregate outside `return`, nested, or over something other than a property or variable.' },
  Q115: { category: 'query_invalid', severity: 'error', summary: 'Two projections produce the same column name; alias one of them.' },
  Q116: { category: 'query_invalid', severity: 'error', summary: 'An `update` assigns a `@key` property (delete and re-insert instead).' },
  Q117: { category: 'query_invalid', severity: 'error', summary: 'A match variable reuses a parameter name.' },
  Q118: { category: 'query_invalid', severity: 'error', summary: '`limit` is larger than 2^53 − 1.' },
  Q119: { category: 'query_invalid', severity: 'error', summary: 'The anonymous variable `$_` is used where a named variable is needed (binding, value, target).' },
} as const satisfies Record<string, DiagnosticInfo>;

/** Every diagnostic code of the query compiler. */
export type QueryCode = keyof typeof QUERY_DIAGNOSTICS;

/** A spec T-code. */
export type TCode = Extract<QueryCode, `T${number}`>;

/** A code of an un-coded type error (Q1xx). */
export type UncodedCode = Extract<QueryCode, `Q1${string}`>;

/** The T-codes in numeric order. */
export const T_CODES: readonly TCode[] = Object.freeze(
  (Object.keys(QUERY_DIAGNOSTICS) as QueryCode[]).filter((c): c is TCode => c.startsWith('T')),
);

/** One problem found in `.gq` text. */
export interface QueryDiagnostic {
  readonly severity: 'error';
  readonly code: QueryCode;
  /** Rendered as the spec renders it: `parse error: …`, `type error: T3: …` or `type error: …`. */
  readonly message: string;
  readonly span: Span;
  /** The query the problem belongs to; absent for file-level parse failures. */
  readonly query?: string;
}

/** True for the spec's T-codes. */
function isTCode(code: QueryCode): code is TCode {
  return code.startsWith('T');
}

/** Build a frozen parse-failure diagnostic (`Q000`). */
export function parseDiagnostic(message: string, span: Span): QueryDiagnostic {
  return Object.freeze({ severity: 'error', code: 'Q000', message: `parse error: ${message}`, span });
}

/** Build a frozen type-check diagnostic; T-codes prefix the message with the code, as the spec renders them. */
export function typeDiagnostic(code: TCode | UncodedCode, message: string, span: Span, query?: string): QueryDiagnostic {
  const text = isTCode(code) ? `type error: ${code}: ${message}` : `type error: ${message}`;
  return Object.freeze(query === undefined ? { severity: 'error', code, message: text, span } : { severity: 'error', code, message: text, span, query });
}

/** Turn a diagnostic into the error the rest of the system throws (`parse_error` / `query_invalid`). */
export function diagnosticToError(d: QueryDiagnostic): CompileError {
  const details = d.query === undefined ? { span: d.span, diagnostic: d.code } : { span: d.span, diagnostic: d.code, query: d.query };
  return new CompileError(d.code === 'Q000' ? 'parse_error' : 'query_invalid', d.message, { details });
}

// Schema and load diagnostics: a stable code, a message, and where (a source span, or a load-file line).
import { CompileError, RequestError, type Span } from '../../errors/index.js';
import { LOAD_DIAGNOSTICS, SCHEMA_DIAGNOSTICS, type LoadDiagnosticCode, type SchemaDiagnosticCode, type Severity } from './codes.js';

/** A half-open range of UTF-16 offsets into one source text. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

/** One problem found in `.pg` text. `typeName`/`property` say which declaration it concerns, when known. */
export interface Diagnostic {
  readonly code: SchemaDiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly typeName?: string;
  readonly property?: string;
}

/** One problem found in a JSONL load line. `line` is 1-based in the file; `field` names the `data` member. */
export interface LoadDiagnostic {
  readonly code: LoadDiagnosticCode;
  readonly severity: 'error';
  readonly message: string;
  readonly line: number;
  /** 1-based column within the line, when the problem has a position (JSON syntax errors). */
  readonly column?: number;
  readonly field?: string;
  /** The earlier line a duplicate id was first seen on. */
  readonly relatedLine?: number;
}

/** Maps offsets of one text to 1-based line/column spans. */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.#starts.push(i + 1);
  }

  /** The span of `range` (line and column of its start). */
  span(range: SourceRange): Span {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= range.start) lo = mid;
      else hi = mid - 1;
    }
    return Object.freeze({ line: lo + 1, column: range.start - (this.#starts[lo] ?? 0) + 1, start: range.start, end: range.end });
  }
}

/** Context attached to a schema diagnostic. */
export interface DiagnosticContext {
  readonly typeName?: string;
  readonly property?: string;
}

/** Build a frozen schema diagnostic with the severity its code carries. */
export function schemaDiagnostic(code: SchemaDiagnosticCode, message: string, span: Span, context: DiagnosticContext = {}): Diagnostic {
  const d: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { code, severity: SCHEMA_DIAGNOSTICS[code].severity, message, span };
  if (context.typeName !== undefined) d.typeName = context.typeName;
  if (context.property !== undefined) d.property = context.property;
  return Object.freeze(d);
}

/** Build a frozen load diagnostic. */
export function loadDiagnostic(
  code: LoadDiagnosticCode,
  message: string,
  line: number,
  extra: { readonly column?: number; readonly field?: string; readonly relatedLine?: number } = {},
): LoadDiagnostic {
  return Object.freeze({ code, severity: 'error' as const, message, line, ...extra });
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly { readonly severity: Severity }[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * The error to throw for rejected schema text: the first error diagnostic decides the code (`parse_error` or
 * `schema_invalid`) and the span; `details.diagnostics` carries all of them.
 * @example
 * const { catalog, diagnostics } = compileSchema(text);
 * if (catalog === undefined) throw schemaError(diagnostics);
 */
export function schemaError(diagnostics: readonly Diagnostic[]): CompileError {
  const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
  if (first === undefined) return new CompileError('internal', 'schemaError called without diagnostics');
  const category = SCHEMA_DIAGNOSTICS[first.code].category;
  const prefix = category === 'parse_error' ? 'parse error' : 'schema error';
  return new CompileError(category, `${prefix} at ${first.span.line}:${first.span.column}: ${first.message}`, {
    details: { span: first.span, diagnostic: first.code, diagnostics },
  });
}

/** The error to throw for a rejected load file: `load_invalid`, naming the first bad line; all diagnostics in details. */
export function loadError(diagnostics: readonly LoadDiagnostic[]): RequestError {
  const first = diagnostics[0];
  if (first === undefined) return new RequestError('internal', 'loadError called without diagnostics');
  return new RequestError(LOAD_DIAGNOSTICS[first.code].category, `line ${first.line}: ${first.message}`, {
    details: { line: first.line, diagnostic: first.code, diagnostics },
  });
}

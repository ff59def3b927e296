// Collects schema diagnostics during catalog building, turning source ranges into line/column spans.
import type { SchemaDiagnosticCode } from '../diagnostics/codes.js';
import { LineIndex, schemaDiagnostic, type Diagnostic, type DiagnosticContext, type SourceRange } from '../diagnostics/diagnostic.js';

/** A diagnostic sink bound to one source text. */
export class Reporter {
  readonly #lines: LineIndex;
  readonly #diagnostics: Diagnostic[] = [];
  #errors = 0;

  constructor(text: string) {
    this.#lines = new LineIndex(text);
  }

  /** Record a diagnostic at `range`. */
  report(code: SchemaDiagnosticCode, message: string, range: SourceRange, context: DiagnosticContext = {}): void {
    const d = schemaDiagnostic(code, message, this.#lines.span(range), context);
    if (d.severity === 'error') this.#errors++;
    this.#diagnostics.push(d);
  }

  /** Errors recorded so far. */
  get errorCount(): number {
    return this.#errors;
  }

  /** Everything recorded, ordered by position then code. */
  sorted(): readonly Diagnostic[] {
    return Object.freeze(
      [...this.#diagnostics].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)),
    );
  }
}

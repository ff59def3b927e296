// `omnigraph lint` output (cli spec §6.13, QueryLintOutput) for a schema checked on its own: findings, no queries.
import { compileSchema } from '../catalog/compile-schema.js';
import type { Severity } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** One lint finding. `line`/`column` extend the spec's shape for schema findings. */
export interface LintFinding {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly type_name?: string;
  readonly property?: string;
  readonly query_names?: readonly string[];
  readonly line?: number;
  readonly column?: number;
}

/** One query's lint result (filled in when queries are linted too). */
export interface LintQueryResult {
  readonly name: string;
  readonly kind: 'read' | 'mutation';
  readonly status: 'ok' | 'error';
  readonly warnings?: readonly string[];
  readonly error?: string;
  readonly operation?: unknown;
}

/** The lint document (`--json`), snake_case as on the wire. */
export interface LintOutput {
  readonly status: 'ok' | 'error';
  readonly schema_source: { readonly kind: 'file'; readonly path: string } | { readonly kind: 'graph'; readonly uri: string };
  readonly query_path: string | null;
  readonly queries_processed: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly results: readonly LintQueryResult[];
  readonly findings: readonly LintFinding[];
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** A schema diagnostic as a lint finding. */
export function findingOf(d: Diagnostic): LintFinding {
  const f: { -readonly [K in keyof LintFinding]: LintFinding[K] } = { severity: d.severity, code: d.code, message: d.message };
  if (d.typeName !== undefined) f.type_name = d.typeName;
  if (d.property !== undefined) f.property = d.property;
  f.line = d.span.line;
  f.column = d.span.column;
  return Object.freeze(f);
}

/**
 * Lint a schema file offline: compile it and report every diagnostic as a finding (sorted by severity, then
 * position). `queries_processed` is 0 and `results` empty — queries join when `--query` is given.
 * @example
 * const out = lintSchema(text, 'schema.pg');
 * out.status; // 'error' iff some finding is an error
 */
export function lintSchema(text: string, path: string): LintOutput {
  const { diagnostics } = compileSchema(text);
  const findings = [...diagnostics]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.span.start - b.span.start)
    .map(findingOf);
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  return Object.freeze({
    status: errors > 0 ? 'error' : 'ok',
    schema_source: Object.freeze({ kind: 'file', path }),
    query_path: null,
    queries_processed: 0,
    errors,
    warnings: count('warning'),
    infos: count('info'),
    results: Object.freeze([]),
    findings: Object.freeze(findings),
  });
}

const LABEL: Readonly<Record<Severity, string>> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' };

/** The human rendering: one line per finding (or an OK line), then the `Lint complete` summary. */
export function renderLintText(out: LintOutput): string {
  const lines: string[] = [];
  const where = out.schema_source.kind === 'file' ? out.schema_source.path : out.schema_source.uri;
  if (out.findings.length === 0) lines.push(`OK    schema \`${where}\``);
  for (const f of out.findings) {
    const at = f.line === undefined ? where : `${where}:${f.line}:${f.column ?? 1}`;
    lines.push(`${LABEL[f.severity]} [${f.code}] ${at}: ${f.message}`);
  }
  lines.push(`INFO  Lint complete: ${out.queries_processed} queries processed (${out.errors} error(s), ${out.warnings} warning(s), ${out.infos} info item(s))`);
  return `${lines.join('\n')}\n`;
}

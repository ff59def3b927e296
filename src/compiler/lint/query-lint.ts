// The query linter (query spec §10): per-query status and operation summary, coverage findings (L201), Q000.
import type { Catalog } from '../catalog/types.js';
import type { QueryNode } from '../ir/node.js';
import type { ValueType } from '../ir/value-type.js';
import { walk } from '../ir/visitor.js';
import { viewOf, compileQueries } from '../query/compile-query.js';
import type { CatalogView } from '../query/check/catalog-view.js';

/** Lint finding codes beyond the T-codes: `Q000` parse failure, `L201` update coverage. */
export const QUERY_LINT_CODES = Object.freeze({
  Q000: { severity: 'error', summary: 'The query file failed to parse (single finding, no results).' },
  L201: { severity: 'warning', summary: 'A nullable, non-key, non-@embed property of a node type with update queries is set by none of them.' },
} as const);

/** Severity of a finding. */
export type LintSeverity = 'error' | 'warning' | 'info';

/** Where the schema came from. */
export type SchemaSource = { readonly kind: 'file'; readonly path: string } | { readonly kind: 'graph'; readonly uri: string };

/** One projection descriptor of `operation.result`. */
export interface ResultDescriptor {
  readonly name: string;
  readonly kind: 'string' | 'bool' | 'int' | 'bigint' | 'float' | 'date' | 'datetime' | 'blob' | 'vector' | 'list' | 'object';
  readonly nullable: boolean;
  readonly item_kind?: ResultDescriptor['kind'];
  readonly vector_dim?: number;
}

/** A type a query reads or writes. */
export interface TypeRef {
  readonly kind: 'node' | 'edge';
  readonly type_name: string;
}

/** The per-query entry of `results`. */
export interface QueryLintResult {
  readonly name: string;
  readonly kind: 'read' | 'mutation';
  readonly status: 'ok' | 'error';
  readonly warnings?: readonly string[];
  readonly error?: string;
  readonly operation?: { readonly result: readonly ResultDescriptor[]; readonly reads: readonly TypeRef[]; readonly writes: readonly TypeRef[] };
}

/** One finding (`line`/`column` locate a `Q000`, as schema-lint findings do). */
export interface QueryLintFinding {
  readonly severity: LintSeverity;
  readonly code: string;
  readonly message: string;
  readonly type_name?: string;
  readonly property?: string;
  readonly query_names?: readonly string[];
  readonly line?: number;
  readonly column?: number;
}

/** The whole lint document (`QueryLintOutput`). */
export interface QueryLintOutput {
  readonly status: 'ok' | 'error';
  readonly schema_source: SchemaSource;
  readonly query_path: string;
  readonly queries_processed: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly results: readonly QueryLintResult[];
  readonly findings: readonly QueryLintFinding[];
}

/** Per-query warning for a mutation without parameters. */
export const NO_PARAMS_WARNING = 'mutation declares no params; hardcoded mutations are easy to miss';

function descriptorKind(t: ValueType): ResultDescriptor['kind'] {
  switch (t.kind) {
    case 'enum':
      return 'string';
    case 'list':
      return 'list';
    case 'vector':
      return 'vector';
    case 'node':
      return 'object';
    case 'scalar':
      return (
        { String: 'string', Bool: 'bool', I32: 'int', U32: 'int', I64: 'bigint', U64: 'bigint', F32: 'float', F64: 'float', Date: 'date', DateTime: 'datetime', Blob: 'blob' } as const
      )[t.scalar];
  }
}

/** The descriptor of one result column. */
export function describeColumn(name: string, t: ValueType): ResultDescriptor {
  const d: { -readonly [K in keyof ResultDescriptor]: ResultDescriptor[K] } = { name, kind: descriptorKind(t), nullable: t.nullable };
  if (t.kind === 'list') d.item_kind = descriptorKind(t.element);
  if (t.kind === 'vector') d.vector_dim = t.dim;
  return d;
}

function sortRefs(refs: Map<string, TypeRef>): TypeRef[] {
  return [...refs.values()].sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? -1 : 1) : a.type_name < b.type_name ? -1 : a.type_name > b.type_name ? 1 : 0));
}

/** The types a checked query reads and writes (§10 `reads`/`writes`). */
export function operationRefs(ir: QueryNode, catalog: CatalogView): { reads: TypeRef[]; writes: TypeRef[] } {
  const reads = new Map<string, TypeRef>();
  const writes = new Map<string, TypeRef>();
  const add = (into: Map<string, TypeRef>, kind: TypeRef['kind'], type_name: string): void => void into.set(`${kind}:${type_name}`, { kind, type_name });
  const edgeWithEnds = (into: Map<string, TypeRef>, name: string): void => {
    add(into, 'edge', name);
    const e = catalog.edge(name);
    if (e !== undefined) [e.from, e.to].forEach((n) => add(reads, 'node', n));
  };
  walk(ir, (n) => {
    if (n.kind === 'scan') add(reads, 'node', n.typeName);
    else if (n.kind === 'expand') edgeWithEnds(reads, n.edgeType);
    else if (n.kind === 'insert' || n.kind === 'update' || n.kind === 'delete') {
      const kind = n.kind === 'update' ? 'node' : n.entity;
      add(reads, kind, n.typeName);
      add(writes, kind, n.typeName);
      if (n.kind === 'insert' && n.entity === 'edge') edgeWithEnds(reads, n.typeName);
      if (n.kind === 'delete' && n.entity === 'node') {
        for (const e of catalog.edges()) {
          if (e.from !== n.typeName && e.to !== n.typeName) continue;
          add(reads, 'edge', e.name);
          add(writes, 'edge', e.name);
        }
      }
    }
  });
  return { reads: sortRefs(reads), writes: sortRefs(writes) };
}

const SEVERITY_RANK: Readonly<Record<LintSeverity, number>> = { error: 0, warning: 1, info: 2 };
const cmp = (a: string | undefined, b: string | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** L201 over the queries that type-checked. */
function coverageFindings(ok: readonly QueryNode[], catalog: CatalogView): QueryLintFinding[] {
  const updates = new Map<string, { queries: Set<string>; assigned: Set<string> }>();
  for (const q of ok) {
    if (q.kind !== 'mutation-query') continue;
    for (const s of q.statements) {
      if (s.kind !== 'update') continue;
      const entry = updates.get(s.typeName) ?? { queries: new Set<string>(), assigned: new Set<string>() };
      entry.queries.add(q.name);
      for (const a of s.assignments) entry.assigned.add(a.property);
      updates.set(s.typeName, entry);
    }
  }
  const out: QueryLintFinding[] = [];
  for (const [typeName, { queries, assigned }] of updates) {
    const node = catalog.node(typeName);
    if (node === undefined) continue;
    const query_names = [...queries].sort();
    for (const p of node.properties.values()) {
      if (!p.type.nullable || node.key.includes(p.name) || p.embedSource !== null || assigned.has(p.name)) continue;
      out.push({ severity: 'warning', code: 'L201', message: `${typeName}.${p.name} exists in schema but no update query sets it`, type_name: typeName, property: p.name, query_names });
    }
  }
  return out;
}

/**
 * Lint a `.gq` file against a catalog: the pure core of `omnigraph lint --query`. Never throws for bad input.
 * @example
 * const out = lintQueries(gqText, catalog, { schemaSource: { kind: 'file', path: 's.pg' }, queryPath: 'q.gq' });
 * process.exitCode = out.status === 'error' ? 1 : 0;
 */
export function lintQueries(text: string, catalog: Catalog, where: { readonly schemaSource: SchemaSource; readonly queryPath: string }): QueryLintOutput {
  const view = viewOf(catalog);
  const file = compileQueries(text, view);
  const base = { status: 'ok' as 'ok' | 'error', schema_source: where.schemaSource, query_path: where.queryPath };
  if (!file.parsed) {
    const d = file.diagnostics[0];
    const findings: QueryLintFinding[] = d === undefined ? [] : [{ severity: 'error', code: 'Q000', message: d.message, line: d.span.line, column: d.span.column }];
    return { ...base, status: 'error', queries_processed: 0, errors: findings.length, warnings: 0, infos: 0, results: [], findings };
  }
  let queryWarnings = 0;
  const results: QueryLintResult[] = file.results.map((r) => {
    const warnings = r.kind === 'mutation' && r.ir?.params.length === 0 ? [NO_PARAMS_WARNING] : [];
    queryWarnings += warnings.length;
    const head = { name: r.name, kind: r.kind, status: r.ir === null ? ('error' as const) : ('ok' as const), ...(warnings.length > 0 ? { warnings } : {}) };
    if (r.ir === null) return { ...head, error: r.diagnostics[0]?.message ?? 'type error' };
    const result = r.ir.kind === 'read-query' ? r.ir.columns.map((c) => describeColumn(c.descriptorName, c.type)) : [];
    return { ...head, operation: { result, ...operationRefs(r.ir, view) } };
  });
  const findings = coverageFindings(
    file.results.flatMap((r) => (r.ir === null ? [] : [r.ir])),
    view,
  ).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || cmp(a.type_name, b.type_name) || cmp(a.property, b.property) || cmp(a.message, b.message));
  const count = (s: LintSeverity): number => findings.filter((f) => f.severity === s).length;
  const errors = results.filter((r) => r.status === 'error').length + count('error');
  return {
    ...base,
    status: errors > 0 ? 'error' : 'ok',
    queries_processed: results.length,
    errors,
    warnings: queryWarnings + count('warning'),
    infos: count('info'),
    results,
    findings,
  };
}

/**
 * The human rendering of cli §6.13: `OK    query …`, `ERROR query …`, `WARN  query …`, then findings in the
 * schema linter's `LABEL [code] file[:line:col]: message` form, then the summary line.
 */
export function renderLintHuman(out: QueryLintOutput): string {
  const label: Readonly<Record<LintSeverity, string>> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' };
  const lines: string[] = [];
  for (const r of out.results) {
    lines.push(r.status === 'ok' ? `OK    query \`${r.name}\` (${r.kind})` : `ERROR query \`${r.name}\`: ${r.error ?? ''}`);
    for (const w of r.warnings ?? []) lines.push(`WARN  query \`${r.name}\`: ${w}`);
  }
  for (const f of out.findings) {
    const at = f.line === undefined ? out.query_path : `${out.query_path}:${f.line}:${f.column ?? 1}`;
    const queries = f.query_names !== undefined ? ` (queries: ${f.query_names.join(', ')})` : '';
    lines.push(`${label[f.severity]} [${f.code}] ${at}: ${f.message}${queries}`);
  }
  lines.push(`INFO  Lint complete: ${out.queries_processed} queries processed (${out.errors} error(s), ${out.warnings} warning(s), ${out.infos} info item(s))`);
  return `${lines.join('\n')}\n`;
}

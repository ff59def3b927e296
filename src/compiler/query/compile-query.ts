// The `.gq` compiler entry: text + catalog → one checked IR root per query, with per-query diagnostics.
import { RequestError } from '../../errors/index.js';
import type { Catalog } from '../catalog/types.js';
import type { QueryNode } from '../ir/node.js';
import type { QueryDeclAst, QueryFileAst } from './ast.js';
import { catalogView, type CatalogView } from './check/catalog-view.js';
import { CheckContext, type ParamInfo } from './check/context.js';
import { checkMutationQuery } from './check/mutation.js';
import { checkParams } from './check/params.js';
import { checkReadQuery } from './check/read.js';
import { diagnosticToError, typeDiagnostic, type QueryDiagnostic } from './diagnostic.js';
import { parseQueryFile } from './parser.js';

/** The outcome of checking one query of a file. */
export interface QueryResult {
  readonly name: string;
  readonly kind: 'read' | 'mutation';
  /** The checked IR; null when the query has errors. */
  readonly ir: QueryNode | null;
  /** This query's errors, in source order. */
  readonly diagnostics: readonly QueryDiagnostic[];
}

/** The compiler's single output value for one file. */
export interface CompiledQueryFile {
  /** False when the file did not parse; `results` is then empty and `diagnostics` holds the `Q000`. */
  readonly parsed: boolean;
  /** One entry per query, in file order. */
  readonly results: readonly QueryResult[];
  /** Every diagnostic of the file, in source order. */
  readonly diagnostics: readonly QueryDiagnostic[];
}

const views = new WeakMap<Catalog, CatalogView>();

/** The (cached) checker view of a catalog. */
export function viewOf(catalog: Catalog): CatalogView {
  let v = views.get(catalog);
  if (v === undefined) {
    v = catalogView(catalog);
    views.set(catalog, v);
  }
  return v;
}

/** Type-check one parsed query against the catalog and build its IR. */
export function checkQueryDecl(decl: QueryDeclAst, catalog: CatalogView): QueryResult {
  const params = new Map<string, ParamInfo>();
  const ctx = new CheckContext(catalog, decl.name.text, params);
  const declared = checkParams(ctx, decl.params, params);
  const ir = decl.body.kind === 'read' ? checkReadQuery(ctx, decl, decl.body, declared) : checkMutationQuery(ctx, decl, decl.body, declared);
  const diagnostics = Object.freeze([...ctx.diagnostics].sort((a, b) => a.span.start - b.span.start));
  return Object.freeze({ name: decl.name.text, kind: decl.body.kind, ir: diagnostics.length === 0 ? ir : null, diagnostics });
}

/** Type-check every query of a parsed file; a repeated query name is an error on the later query (Q108). */
export function checkQueryFile(ast: QueryFileAst, catalog: CatalogView): readonly QueryResult[] {
  const seen = new Set<string>();
  return Object.freeze(
    ast.queries.map((decl) => {
      const result = checkQueryDecl(decl, catalog);
      const name = decl.name.text;
      if (!seen.has(name)) {
        seen.add(name);
        return result;
      }
      const dup = typeDiagnostic('Q108', `query \`${name}\` is declared more than once in this file`, decl.name.span, name);
      return Object.freeze({ ...result, ir: null, diagnostics: Object.freeze([dup, ...result.diagnostics]) });
    }),
  );
}

/**
 * Parse and check a `.gq` file. Never throws for bad input: parse failures are one `Q000` diagnostic, type errors
 * are per-query diagnostics with T-codes (or Q1xx for the spec's un-coded errors).
 * @example
 * const { results } = compileQueries(text, catalog);
 * const plan = results.find((r) => r.name === 'friends_of')?.ir;
 */
export function compileQueries(text: string, catalog: Catalog | CatalogView): CompiledQueryFile {
  const parsed = parseQueryFile(text);
  if (parsed.ast === null) return Object.freeze({ parsed: false, results: Object.freeze([]), diagnostics: parsed.diagnostics });
  const view = 'formatVersion' in catalog ? viewOf(catalog) : catalog;
  const results = checkQueryFile(parsed.ast, view);
  const diagnostics = Object.freeze(results.flatMap((r) => r.diagnostics).sort((a, b) => a.span.start - b.span.start));
  return Object.freeze({ parsed: true, results, diagnostics });
}

/**
 * Compile the file and return the IR of one query: `name`, or the only query when `name` is omitted (spec cli.md
 * §6, http-api.md §7.3). Throws `CompileError` (`parse_error` / `query_invalid`, span in details) for bad text, and
 * `RequestError` (`bad_request`) for a missing, unknown or ambiguous name.
 */
export function compileQuery(text: string, catalog: Catalog | CatalogView, name?: string): QueryNode {
  const file = compileQueries(text, catalog);
  if (!file.parsed) throw diagnosticToError(file.diagnostics[0] as QueryDiagnostic);
  let result: QueryResult | undefined;
  if (name === undefined) {
    if (file.results.length > 1) throw new RequestError('bad_request', 'query file contains multiple queries; pass --name');
    result = file.results[0];
    if (result === undefined) throw new RequestError('bad_request', 'query file contains no queries');
  } else {
    result = file.results.find((r) => r.name === name);
    if (result === undefined) throw new RequestError('bad_request', `query '${name}' not found`);
  }
  if (result.ir === null) throw diagnosticToError(result.diagnostics[0] as QueryDiagnostic);
  return result.ir;
}

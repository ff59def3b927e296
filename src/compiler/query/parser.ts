// The `.gq` parser: tokens → QueryFileAst, or one `Q000` diagnostic at the farthest failure (grammar §2).
import type { LineIndex } from '../diagnostics/diagnostic.js';
import type { MutationBodyAst, OrderAst, OrderKeyAst, ParamAst, ParamTypeAst, QueryDeclAst, QueryFileAst, ReadBodyAst, ReturnAst } from './ast.js';
import { parseDiagnostic, type QueryDiagnostic } from './diagnostic.js';
import { lex } from './lexer.js';
import { attempt, many, ParseAbort, ParseCursor, tokenName } from './parse-cursor.js';
import { parseExpr, parseNearest } from './parse-expr.js';
import { matchClause } from './parse-match.js';
import { mutationBody } from './parse-mutation.js';

/** The parser's single output value. */
export interface ParseResult {
  /** Present iff the text parsed. */
  readonly ast: QueryFileAst | null;
  /** Empty, or exactly one `Q000` diagnostic. */
  readonly diagnostics: readonly QueryDiagnostic[];
  /** Token inspections spent (bounded by `budget`). */
  readonly steps: number;
  /** The step budget of this input: linear in its token count. */
  readonly budget: number;
  /** Offsets → line/column for this text. */
  readonly lines: LineIndex;
}

function paramType(c: ParseCursor): ParamTypeAst | null {
  const start = c.current();
  let core: ParamTypeAst | null = null;
  if (c.isPunct('[')) {
    c.advance();
    const el = c.kind('type', 'type name');
    if (!el || !c.punct(']')) return null;
    core = { kind: 'list', element: tokenName(el), nullable: false, span: c.spanFrom(start) };
  } else if (c.isWord('Vector') && c.isPunct('(', 1)) {
    c.advance();
    c.advance();
    const dim = c.kind('int', 'integer');
    if (!dim || !c.punct(')')) return null;
    core = { kind: 'vector', dim: BigInt(dim.text), nullable: false, span: c.spanFrom(start) };
  } else {
    const t = c.kind('type', 'type name');
    if (!t) return null;
    core = { kind: 'scalar', name: tokenName(t), nullable: false, span: t.span };
  }
  if (c.isPunct('?')) {
    c.advance();
    return { ...core, nullable: true, span: c.spanFrom(start) };
  }
  return core;
}

function param(c: ParseCursor): ParamAst | null {
  const start = c.current();
  const v = c.kind('var', 'parameter');
  if (!v || !c.punct(':')) return null;
  const type = paramType(c);
  return type ? { name: tokenName(v), type, span: c.spanFrom(start) } : null;
}

function returnClause(c: ParseCursor): ReturnAst | null {
  const start = c.current();
  if (!c.word('return') || !c.punct('{')) return null;
  const projections = many(c, () => {
    const pStart = c.current();
    const expr = parseExpr(c);
    if (!expr) return null;
    const alias = attempt(c, () => (c.word('as') ? c.kind('ident', 'alias') : null));
    if (c.isPunct(',')) c.advance();
    return { expr, alias: alias ? tokenName(alias) : null, span: c.spanFrom(pStart) };
  });
  if (projections.length === 0) {
    c.expected('projection');
    return null;
  }
  return c.punct('}') ? { projections, span: c.spanFrom(start) } : null;
}

function ordering(c: ParseCursor): OrderKeyAst | null {
  const start = c.current();
  const nearest = attempt(c, () => parseNearest(c));
  if (nearest) return { expr: nearest, direction: null, span: nearest.span };
  const expr = parseExpr(c);
  if (!expr) return null;
  let direction: OrderKeyAst['direction'] = null;
  if (c.isWord('asc') || c.isWord('desc')) direction = c.advance().text as 'asc' | 'desc';
  return { expr, direction, span: c.spanFrom(start) };
}

function orderClause(c: ParseCursor): OrderAst | null {
  const start = c.current();
  if (!c.word('order') || !c.punct('{')) return null;
  const first = ordering(c);
  if (!first) return null;
  const keys = [first, ...many(c, () => (c.punct(',') ? ordering(c) : null))];
  return c.punct('}') ? { keys, span: c.spanFrom(start) } : null;
}

function readBody(c: ParseCursor): ReadBodyAst | null {
  const match = matchClause(c);
  if (!match) return null;
  const ret = returnClause(c);
  if (!ret) return null;
  const order = attempt(c, () => orderClause(c));
  const limit = attempt(c, () => {
    const start = c.current();
    if (!c.word('limit')) return null;
    const n = c.kind('int', 'integer');
    return n ? { value: BigInt(n.text), span: c.spanFrom(start) } : null;
  });
  return { kind: 'read', match, ret, order, limit };
}

function queryDecl(c: ParseCursor): QueryDeclAst | null {
  const start = c.current();
  if (!c.word('query')) return null;
  const n = c.kind('ident', 'query name');
  if (!n || !c.punct('(')) return null;
  const params: ParamAst[] = [];
  const first = attempt(c, () => param(c));
  if (first) params.push(first, ...many(c, () => (c.punct(',') ? param(c) : null)));
  if (!c.punct(')')) return null;
  let description: string | null = null;
  let instruction: string | null = null;
  for (;;) {
    const annot = attempt(c, () => {
      const at = c.current();
      if (!c.punct('@')) return null;
      const which = c.isWord('description') || c.isWord('instruction') ? c.advance() : null;
      if (!which) {
        c.expected('`description` or `instruction`');
        return null;
      }
      if (!c.punct('(')) return null;
      const s = c.kind('string', 'string');
      return s && c.punct(')') ? { which: which.text, value: s.text, span: c.spanFrom(at) } : null;
    });
    if (!annot) break;
    const seen = annot.which === 'description' ? description : instruction;
    if (seen !== null) throw new ParseAbort(`cannot include duplicate @${annot.which} annotations`, annot.span);
    if (annot.which === 'description') description = annot.value;
    else instruction = annot.value;
  }
  if (!c.punct('{')) return null;
  const body = attempt<ReadBodyAst | MutationBodyAst>(c, () => readBody(c)) ?? attempt(c, () => mutationBody(c));
  if (!body || !c.punct('}')) return null;
  return { name: tokenName(n), params, description, instruction, body, span: c.spanFrom(start) };
}

/**
 * Parse a `.gq` file. Never throws: malformed text yields exactly one `Q000` diagnostic with a span, and the work
 * done is bounded by a step budget linear in the token count.
 * @example
 * const { ast, diagnostics } = parseQueryFile('query q() { match { $p: Person } return { $p.name } }');
 */
export function parseQueryFile(text: string): ParseResult {
  const { tokens, lines } = lex(text);
  const c = new ParseCursor(tokens);
  const done = (ast: QueryFileAst | null, diagnostics: QueryDiagnostic[]): ParseResult =>
    Object.freeze({ ast, diagnostics: Object.freeze(diagnostics), steps: c.steps, budget: c.budget, lines });
  try {
    const queries = many(c, () => queryDecl(c));
    if (c.peek().kind !== 'eof') {
      c.expected('`query`');
      const f = c.failure();
      return done(null, [parseDiagnostic(f.message, f.span)]);
    }
    return done({ queries, span: lines.span({ start: 0, end: text.length }) }, []);
  } catch (err) {
    if (err instanceof ParseAbort) return done(null, [parseDiagnostic(err.reason, err.span)]);
    throw err;
  }
}

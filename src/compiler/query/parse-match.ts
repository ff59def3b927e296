// Parser productions of the `match` block: bindings, traversals, filters, text-search clauses and negation.
import type {
  BindingAst,
  ClauseAst,
  FilterAst,
  FilterOp,
  HopsAst,
  MatchAst,
  NegationAst,
  PropMatchAst,
  TextSearchClauseAst,
  TraversalAst,
} from './ast.js';
import { attempt, many, tokenName, type ParseCursor } from './parse-cursor.js';
import { parseExpr, parseTextCall, parseValue } from './parse-expr.js';
import type { Token } from './token.js';

const FILTER_WORD_OPS: readonly FilterOp[] = ['starts_with', 'contains'];
/** Comparison operators, longest first. */
export const COMP_OPS = Object.freeze(['>=', '<=', '!=', '>', '<', '='] as const);

function propMatch(c: ParseCursor): PropMatchAst | null {
  const start = c.current();
  const p = c.kind('ident', 'property name');
  if (!p || !c.punct(':')) return null;
  const value = parseValue(c);
  return value ? { name: tokenName(p), value, span: c.spanFrom(start) } : null;
}

function binding(c: ParseCursor): BindingAst | null {
  const start = c.current();
  const v = c.kind('var', 'variable');
  if (!v || !c.punct(':')) return null;
  const t = c.kind('type', 'type name');
  if (!t) return null;
  const props = attempt(c, (): PropMatchAst[] | null => {
    if (!c.punct('{')) return null;
    const first = propMatch(c);
    if (!first) return null;
    const list = [first, ...many(c, () => (c.punct(',') ? propMatch(c) : null))];
    if (c.isPunct(',')) c.advance();
    return c.punct('}') ? list : null;
  });
  return { kind: 'binding', variable: tokenName(v), typeName: tokenName(t), props: props ?? [], span: c.spanFrom(start) };
}

function edgeWord(c: ParseCursor): Token | null {
  const t = c.peek();
  if (t.kind === 'ident' && t.text !== 'not') return c.advance();
  c.expected('edge name');
  return null;
}

function hops(c: ParseCursor): HopsAst | null {
  const start = c.current();
  if (!c.punct('{')) return null;
  const min = c.kind('int', 'integer');
  if (!min || !c.punct(',')) return null;
  const max = c.isPunct('}') ? null : c.kind('int', 'integer');
  if (!c.punct('}')) return null;
  return { min: BigInt(min.text), max: max ? BigInt(max.text) : null, span: c.spanFrom(start) };
}

function traversal(c: ParseCursor): TraversalAst | null {
  const start = c.current();
  const left = c.kind('var', 'variable');
  if (!left) return null;
  const edgeVar = attempt(c, () => {
    const w = c.kind('var', 'edge variable');
    return w && c.punct(':') ? w : null;
  });
  let undirected = false;
  let edge: Token | null;
  if (c.isPunct('<')) {
    c.advance();
    edge = edgeWord(c);
    if (!edge || !c.punct('>')) return null;
    undirected = true;
  } else {
    edge = edgeWord(c);
    if (!edge) return null;
  }
  const h = attempt(c, () => hops(c));
  const right = c.kind('var', 'variable');
  if (!right) return null;
  return {
    kind: 'traversal',
    left: tokenName(left),
    edgeVariable: edgeVar ? tokenName(edgeVar) : null,
    edge: tokenName(edge),
    undirected,
    hops: h,
    right: tokenName(right),
    span: c.spanFrom(start),
  };
}

/** `FilterOp`, word operators first. */
function filterOp(c: ParseCursor): { op: FilterOp; tok: Token } | null {
  for (const w of FILTER_WORD_OPS) if (c.isWord(w)) return { op: w, tok: c.advance() };
  for (const p of COMP_OPS) if (c.isPunct(p)) return { op: p, tok: c.advance() };
  c.expected('comparison operator');
  return null;
}

function filter(c: ParseCursor): FilterAst | null {
  const start = c.current();
  const left = parseExpr(c);
  if (!left) return null;
  const op = filterOp(c);
  if (!op) return null;
  const right = parseExpr(c);
  return right ? { kind: 'filter', left, op: op.op, opSpan: op.tok.span, right, span: c.spanFrom(start) } : null;
}

function textSearch(c: ParseCursor): TextSearchClauseAst | null {
  for (const fn of ['search', 'fuzzy', 'match_text'] as const) {
    const call = attempt(c, () => parseTextCall(c, fn));
    if (call) return { kind: 'text-search', call, span: call.span };
  }
  return null;
}

function clauseBlock(c: ParseCursor): ClauseAst[] | null {
  if (!c.punct('{')) return null;
  const clauses = many(c, () => clause(c));
  if (clauses.length === 0) {
    c.expected('match clause');
    return null;
  }
  return c.punct('}') ? clauses : null;
}

function negation(c: ParseCursor): NegationAst | null {
  const start = c.current();
  if (!c.word('not')) return null;
  const clauses = c.nested(() => clauseBlock(c));
  return clauses ? { kind: 'not', clauses, span: c.spanFrom(start) } : null;
}

/** `Clause = Negation | Binding | Traversal | Filter | TextSearch` (tried in this order). */
function clause(c: ParseCursor): ClauseAst | null {
  return (
    attempt<ClauseAst>(c, () => negation(c)) ??
    attempt<ClauseAst>(c, () => binding(c)) ??
    attempt<ClauseAst>(c, () => traversal(c)) ??
    attempt<ClauseAst>(c, () => filter(c)) ??
    attempt<ClauseAst>(c, () => textSearch(c))
  );
}

/** `match { Clause { Clause } }` (grammar §2). */
export function matchClause(c: ParseCursor): MatchAst | null {
  const start = c.current();
  if (!c.word('match')) return null;
  const clauses = clauseBlock(c);
  return clauses ? { clauses, span: c.spanFrom(start) } : null;
}

// Parser productions for expressions, literals and values (grammar §2: Expr, calls, Literal, ListLit, Value).
import type {
  AggregateExprAst,
  AggregateFn,
  Bm25ExprAst,
  ExprAst,
  LiteralAst,
  LiteralExprAst,
  NearestExprAst,
  PropExprAst,
  RrfExprAst,
  TextCallAst,
  ValueAst,
  VarExprAst,
} from './ast.js';
import { attempt, type ParseCursor } from './parse-cursor.js';

const AGGREGATES: readonly AggregateFn[] = ['count', 'sum', 'avg', 'min', 'max'];
/** Token kinds an expression can start with (besides `[`). */
const EXPR_STARTS: ReadonlySet<string> = new Set(['var', 'ident', 'string', 'int', 'float']);

/** True when the cursor sits on `word(` — the only way a call alternative can start. */
function atCall(c: ParseCursor, word: string): boolean {
  return c.isWord(word) && c.isPunct('(', 1);
}

/** `now ( )` */
function parseNow(c: ParseCursor): ExprAst | null {
  const start = c.current();
  if (!atCall(c, 'now')) {
    c.expected('`now()`');
    return null;
  }
  c.advance();
  c.advance();
  if (!c.punct(')')) return null;
  return { kind: 'now', span: c.spanFrom(start) };
}

/** `$v . ident` */
export function parsePropAccess(c: ParseCursor): PropExprAst | null {
  const start = c.current();
  const v = c.kind('var', 'variable');
  if (!v || !c.punct('.')) return null;
  const p = c.kind('ident', 'property name');
  if (!p) return null;
  return { kind: 'prop', variable: { text: v.text, span: v.span }, property: { text: p.text, span: p.span }, span: c.spanFrom(start) };
}

/** Arguments `( a , b [, c] )` of a call whose name is the current token; `optionalThird` allows a third. */
function parseArgs(c: ParseCursor, optionalThird: boolean): [ExprAst, ExprAst, ExprAst | null] | null {
  return c.nested(() => {
    c.advance();
    c.advance();
    const a = parseExpr(c);
    if (!a || !c.punct(',')) return null;
    const b = parseExpr(c);
    if (!b) return null;
    let third: ExprAst | null = null;
    if (optionalThird && c.isPunct(',')) {
      const m = c.mark();
      c.advance();
      third = parseExpr(c);
      if (!third) c.reset(m);
    }
    if (!c.punct(')')) return null;
    return [a, b, third];
  });
}

/** `nearest ( $v.prop , Expr )` */
export function parseNearest(c: ParseCursor): NearestExprAst | null {
  const start = c.current();
  if (!atCall(c, 'nearest')) return null;
  return c.nested(() => {
    c.advance();
    c.advance();
    const target = parsePropAccess(c);
    if (!target || !c.punct(',')) return null;
    const query = parseExpr(c);
    if (!query || !c.punct(')')) return null;
    return { kind: 'nearest', target, query, span: c.spanFrom(start) };
  });
}

/** `search(f, q)` / `fuzzy(f, q[, e])` / `match_text(f, q)` */
export function parseTextCall(c: ParseCursor, fn: TextCallAst['kind']): TextCallAst | null {
  const start = c.current();
  if (!atCall(c, fn)) return null;
  const args = parseArgs(c, fn === 'fuzzy');
  if (!args) return null;
  return { kind: fn, field: args[0], query: args[1], maxEdits: args[2], span: c.spanFrom(start) };
}

function parseBm25(c: ParseCursor): Bm25ExprAst | null {
  const start = c.current();
  if (!atCall(c, 'bm25')) return null;
  const args = parseArgs(c, false);
  if (!args) return null;
  return { kind: 'bm25', field: args[0], query: args[1], span: c.spanFrom(start) };
}

/** `RankExpr = NearestCall | Bm25Call` */
function parseRank(c: ParseCursor): NearestExprAst | Bm25ExprAst | null {
  return attempt(c, () => parseNearest(c)) ?? attempt(c, () => parseBm25(c));
}

function parseRrf(c: ParseCursor): RrfExprAst | null {
  const start = c.current();
  if (!atCall(c, 'rrf')) return null;
  return c.nested(() => {
    c.advance();
    c.advance();
    const first = parseRank(c);
    if (!first || !c.punct(',')) return null;
    const second = parseRank(c);
    if (!second) return null;
    let k: ExprAst | null = null;
    if (c.isPunct(',')) {
      const m = c.mark();
      c.advance();
      k = parseExpr(c);
      if (!k) c.reset(m);
    }
    if (!c.punct(')')) return null;
    return { kind: 'rrf', first, second, k, span: c.spanFrom(start) };
  });
}

function parseAggregate(c: ParseCursor): AggregateExprAst | null {
  const start = c.current();
  const fn = AGGREGATES.find((f) => atCall(c, f));
  if (fn === undefined) return null;
  return c.nested(() => {
    c.advance();
    c.advance();
    const argument = parseExpr(c);
    if (!argument || !c.punct(')')) return null;
    return { kind: 'aggregate', fn, argument, span: c.spanFrom(start) };
  });
}

function parseVar(c: ParseCursor): VarExprAst | null {
  const v = c.kind('var', 'variable');
  return v ? { kind: 'var', name: { text: v.text, span: v.span }, span: v.span } : null;
}

/** `Literal` (list, `datetime("…")`, `date("…")`, string, float, integer, `true`, `false`). */
export function parseLiteral(c: ParseCursor): LiteralAst | null {
  const start = c.current();
  if (c.isPunct('[')) {
    return c.nested(() => {
      c.advance();
      const items: LiteralAst[] = [];
      if (!c.isPunct(']')) {
        const first = attempt(c, () => parseLiteral(c));
        if (first) {
          items.push(first);
          for (;;) {
            const m = c.mark();
            if (!c.punct(',')) break;
            const next = parseLiteral(c);
            if (!next) {
              c.reset(m);
              break;
            }
            items.push(next);
          }
        }
      }
      if (!c.punct(']')) return null;
      return { kind: 'list', items, span: c.spanFrom(start) };
    });
  }
  for (const fn of ['datetime', 'date'] as const) {
    if (atCall(c, fn)) {
      const m = c.mark();
      c.advance();
      c.advance();
      const s = c.kind('string', 'string');
      if (s && c.punct(')')) return { kind: fn, value: s.text, span: c.spanFrom(start) };
      c.reset(m);
    }
  }
  const t = c.peek();
  switch (t.kind) {
    case 'string':
      c.advance();
      return { kind: 'string', value: t.text, span: t.span };
    case 'float':
      c.advance();
      return { kind: 'float', value: Number(t.text), text: t.text, span: t.span };
    case 'int':
      c.advance();
      return { kind: 'int', value: BigInt(t.text), span: t.span };
    case 'ident':
      if (t.text === 'true' || t.text === 'false') {
        c.advance();
        return { kind: 'bool', value: t.text === 'true', span: t.span };
      }
      break;
    default:
      break;
  }
  c.expected('literal');
  return null;
}

function parseLiteralExpr(c: ParseCursor): LiteralExprAst | null {
  const lit = parseLiteral(c);
  return lit ? { kind: 'literal', literal: lit, span: lit.span } : null;
}

/** `Value = Literal | Variable | now()` */
export function parseValue(c: ParseCursor): ValueAst | null {
  return (
    attempt(c, () => parseLiteralExpr(c)) ??
    attempt(c, () => parseVar(c)) ??
    (attempt(c, () => parseNow(c)) as ValueAst | null)
  );
}

/** `Expr` — the alternatives of grammar §2 in their PEG order. */
export function parseExpr(c: ParseCursor): ExprAst | null {
  const first = c.peek();
  const canStart = EXPR_STARTS.has(first.kind) || (first.kind === 'punct' && first.text === '[');
  if (!canStart) {
    c.expected('expression');
    return null;
  }
  const alternatives: Array<() => ExprAst | null> = [
    () => parseNow(c),
    () => parseNearest(c),
    () => parseTextCall(c, 'search'),
    () => parseTextCall(c, 'fuzzy'),
    () => parseTextCall(c, 'match_text'),
    () => parseBm25(c),
    () => parseRrf(c),
    () => parseAggregate(c),
    () => parsePropAccess(c),
    () => parseVar(c),
    () => parseLiteralExpr(c),
    () => {
      const t = c.kind('ident', 'identifier');
      return t ? { kind: 'alias', name: { text: t.text, span: t.span }, span: t.span } : null;
    },
  ];
  for (const alt of alternatives) {
    const r = attempt(c, alt);
    if (r) return r;
  }
  return null;
}

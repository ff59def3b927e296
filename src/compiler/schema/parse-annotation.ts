// Parsing of annotations (`@name(arg, kw = lit)`), edge `@card(..)` and body constraints (`@key(a, b)` …).
import type { AnnotationNode, ArgNode, BodyConstraintNode, CardNode, ConstraintArgNode, ConstraintName, KwArgNode, SignedNumberNode } from './ast.js';
import { isIdent, type ParseCursor } from './parse-cursor.js';
import type { Token } from './token.js';

const CONSTRAINT_NAMES: ReadonlySet<string> = new Set<ConstraintName>(['key', 'unique', 'index', 'range', 'check']);

/** At `@key(`, `@unique(`, `@index(`, `@range(` or `@check(` — text the grammar reads as a body constraint. */
export function atBodyConstraint(c: ParseCursor): boolean {
  if (!c.atPunct('@')) return false;
  const name = c.peek(1);
  return name.kind === 'word' && CONSTRAINT_NAMES.has(name.text) && c.atPunct('(', 2);
}

/** At `@card(`. */
export function atCard(c: ParseCursor): boolean {
  return c.atPunct('@') && c.atWord('card', 1) && c.atPunct('(', 2);
}

/**
 * Parse annotations until the next token is not `@` or starts a body constraint. `cardMessage` is the error for a
 * `@card(..)` met here (it is only valid right after an edge's endpoints).
 */
export function parseAnnotations(c: ParseCursor, cardMessage: string): AnnotationNode[] {
  const out: AnnotationNode[] = [];
  while (c.atPunct('@') && !atBodyConstraint(c)) {
    if (atCard(c)) {
      const at = c.peek();
      c.fail('S108', cardMessage, { start: at.start, end: c.peek(1).end });
    }
    out.push(parseAnnotation(c));
  }
  return out;
}

function parseAnnotation(c: ParseCursor): AnnotationNode {
  const at = c.expectPunct('@');
  const name = c.expectIdent('annotation name');
  if (!c.atPunct('(')) return { name, hasParens: false, args: [], kwargs: [], range: { start: at.start, end: name.range.end } };
  c.next();
  const first = parseArg(c, true);
  const kwargs: KwArgNode[] = [];
  while (c.atPunct(',')) {
    c.next();
    const key = c.expectIdent('keyword argument name');
    c.expectPunct('=', `after keyword argument '${key.text}'`);
    const value = parseArg(c, false);
    kwargs.push({ name: key, value, range: { start: key.range.start, end: value.range.end } });
  }
  if (c.atPunct('=')) c.fail('S105', `the first argument of @${name.text} must be positional, not 'name = value'`, c.peek());
  const close = c.expectPunct(')', `to close @${name.text}(…)`);
  return { name, hasParens: true, args: [first], kwargs, range: { start: at.start, end: close.end } };
}

/** A literal (`"s"`, `12`, `1.5`, `true`) or, when `allowIdent`, a bare identifier. */
function parseArg(c: ParseCursor, allowIdent: boolean): ArgNode {
  const t = c.peek();
  const lit = literalOf(t);
  if (lit !== null) {
    c.next();
    return lit;
  }
  if (allowIdent && t.kind === 'word' && isIdent(t.text)) {
    c.next();
    return { kind: 'ident', value: t.text, range: { start: t.start, end: t.end } };
  }
  return c.failExpected(allowIdent ? 'a literal or an identifier' : 'a literal (string, number or true/false)', t);
}

function literalOf(t: Token): ArgNode | null {
  const range = { start: t.start, end: t.end };
  if (t.kind === 'string') return { kind: 'string', value: t.value, range };
  if (t.kind === 'int') return { kind: 'integer', value: t.text, range };
  if (t.kind === 'float') return { kind: 'float', value: t.text, range };
  if (t.kind === 'word' && (t.text === 'true' || t.text === 'false')) return { kind: 'bool', value: t.text, range };
  return null;
}

/** `@card(min..max)` / `@card(min..)` — integers only. */
export function parseCard(c: ParseCursor): CardNode {
  const at = c.expectPunct('@');
  c.next(); // `card`, checked by atCard
  c.expectPunct('(');
  const min = c.peek();
  if (min.kind !== 'int') c.failExpected('a non-negative integer lower bound in @card(min..max)', min);
  c.next();
  c.expectPunct('..', 'in @card(min..max)');
  let max: string | null = null;
  const t = c.peek();
  if (t.kind === 'int') {
    c.next();
    max = t.text;
  } else if (!(t.kind === 'punct' && t.text === ')')) {
    c.failExpected('an integer upper bound or \')\' in @card(min..max)', t);
  }
  const close = c.expectPunct(')', 'to close @card(…)');
  return { min: min.text, max, range: { start: at.start, end: close.end } };
}

/** `@key(a, b)` and friends; argument shapes are checked per constraint (S107). */
export function parseBodyConstraint(c: ParseCursor): BodyConstraintNode {
  const at = c.expectPunct('@');
  const nameTok = c.next();
  const name = nameTok.text as ConstraintName;
  c.expectPunct('(');
  const args: ConstraintArgNode[] = [parseConstraintArg(c)];
  while (c.atPunct(',')) {
    c.next();
    args.push(parseConstraintArg(c));
  }
  const close = c.expectPunct(')', `to close @${name}(…)`);
  const node: BodyConstraintNode = { name, nameRange: { start: nameTok.start, end: nameTok.end }, args, range: { start: at.start, end: close.end } };
  checkConstraintShape(c, node);
  return node;
}

function parseConstraintArg(c: ParseCursor): ConstraintArgNode {
  const t = c.peek();
  if (t.kind === 'punct' && t.text === '..') {
    c.next();
    const max = parseSignedNumber(c, 'an upper bound after \'..\'');
    return { kind: 'range', min: null, max, range: { start: t.start, end: max.range.end } };
  }
  if ((t.kind === 'punct' && t.text === '-') || t.kind === 'int' || t.kind === 'float') {
    const min = parseSignedNumber(c, 'a number');
    if (c.atPunct('..')) {
      const dots = c.next();
      const next = c.peek();
      const hasMax = (next.kind === 'punct' && next.text === '-') || next.kind === 'int' || next.kind === 'float';
      const max = hasMax ? parseSignedNumber(c, 'an upper bound') : null;
      return { kind: 'range', min, max, range: { start: min.range.start, end: max === null ? dots.end : max.range.end } };
    }
    if (min.text.startsWith('-')) c.fail('S107', 'a negative number may only appear as a @range bound (lo..hi)', min.range);
    return { kind: t.kind === 'float' ? 'float' : 'integer', value: min.text, range: min.range };
  }
  return parseArg(c, true);
}

function parseSignedNumber(c: ParseCursor, what: string): SignedNumberNode {
  const first = c.peek();
  let sign = '';
  if (first.kind === 'punct' && first.text === '-') {
    c.next();
    sign = '-';
  }
  const num = c.peek();
  if (num.kind !== 'int' && num.kind !== 'float') return c.failExpected(what, num);
  c.next();
  return { text: sign + num.text, range: { start: first.start, end: num.end } };
}

function checkConstraintShape(c: ParseCursor, node: BodyConstraintNode): void {
  const kinds = node.args.map((a) => a.kind);
  switch (node.name) {
    case 'key':
    case 'unique':
    case 'index':
      if (kinds.some((k) => k !== 'ident')) c.fail('S107', `@${node.name}(…) takes property names only, e.g. @${node.name}(a, b)`, node.range);
      return;
    case 'range':
      if (kinds.length !== 2 || kinds[0] !== 'ident' || kinds[1] !== 'range') c.fail('S107', '@range requires property name and bounds, e.g. @range(age, 0..150)', node.range);
      return;
    case 'check':
      if (kinds.length !== 2 || kinds[0] !== 'ident' || kinds[1] !== 'string') c.fail('S107', '@check requires property name and a pattern string, e.g. @check(code, "^[A-Z]+$")', node.range);
      return;
  }
}

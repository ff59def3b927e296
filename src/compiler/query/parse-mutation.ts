// Parser productions of mutation bodies: insert, update … set … where, delete … where.
import type { AssignAst, DeleteAst, InsertAst, MutationAst, MutationBodyAst, PredicateAst, UpdateAst } from './ast.js';
import { COMP_OPS } from './parse-match.js';
import { many, tokenName, type ParseCursor } from './parse-cursor.js';
import { parseValue } from './parse-expr.js';

function assign(c: ParseCursor): AssignAst | null {
  const start = c.current();
  const p = c.kind('ident', 'property name');
  if (!p || !c.punct(':')) return null;
  const value = parseValue(c);
  if (!value) return null;
  if (c.isPunct(',')) c.advance();
  return { name: tokenName(p), value, span: c.spanFrom(start) };
}

function predicate(c: ParseCursor): PredicateAst | null {
  const start = c.current();
  const p = c.kind('ident', 'property name');
  if (!p) return null;
  const op = COMP_OPS.find((o) => c.isPunct(o));
  if (op === undefined) {
    c.expected('comparison operator');
    return null;
  }
  c.advance();
  const value = parseValue(c);
  return value ? { property: tokenName(p), op, value, span: c.spanFrom(start) } : null;
}

function assignBlock(c: ParseCursor): AssignAst[] | null {
  if (!c.punct('{')) return null;
  const list = many(c, () => assign(c));
  return c.punct('}') ? list : null;
}

function mutation(c: ParseCursor): MutationAst | null {
  const start = c.current();
  if (c.isWord('insert')) {
    c.advance();
    const t = c.kind('type', 'type name');
    const assignments = t ? assignBlock(c) : null;
    if (!t || !assignments) return null;
    return { kind: 'insert', typeName: tokenName(t), assignments, span: c.spanFrom(start) } satisfies InsertAst;
  }
  if (c.isWord('update')) {
    c.advance();
    const t = c.kind('type', 'type name');
    if (!t || !c.word('set')) return null;
    const assignments = assignBlock(c);
    if (!assignments || !c.word('where')) return null;
    const where = predicate(c);
    return where ? ({ kind: 'update', typeName: tokenName(t), assignments, where, span: c.spanFrom(start) } satisfies UpdateAst) : null;
  }
  if (c.isWord('delete')) {
    c.advance();
    const t = c.kind('type', 'type name');
    if (!t || !c.word('where')) return null;
    const where = predicate(c);
    return where ? ({ kind: 'delete', typeName: tokenName(t), where, span: c.spanFrom(start) } satisfies DeleteAst) : null;
  }
  c.expected('`match`, `insert`, `update` or `delete`');
  return null;
}

/** `MutationBody = Mutation { Mutation }` (grammar §2; zero assignments parse, the checker reports T10). */
export function mutationBody(c: ParseCursor): MutationBodyAst | null {
  const statements = many(c, () => mutation(c));
  return statements.length > 0 ? { kind: 'mutation', statements } : null;
}

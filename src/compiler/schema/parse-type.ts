// Parsing of property types: base types, `[T]` lists, `enum(a, b)`, `Vector(N)` and the `?` suffix.
import { BASE_TYPE_NAMES, type BaseTypeName, type NameNode, type TypeRefNode } from './ast.js';
import type { ParseCursor } from './parse-cursor.js';

const BASE_TYPES: ReadonlySet<string> = new Set(BASE_TYPE_NAMES);

/** `TypeRef = CoreType [ "?" ]`. Each node is built in one literal (object spread here was the parser's hot spot). */
export function parseTypeRef(c: ParseCursor): TypeRefNode {
  const t = c.peek();
  const start = t.start;
  if (t.kind === 'punct' && t.text === '[') {
    c.next();
    const element = expectBaseType(c, 'lists may only contain scalar types (String, Bool, I32, …, Date); nested lists, vectors and enums are not expressible');
    c.expectPunct(']', 'to close the list type');
    const nullable = optionalMark(c);
    return { kind: 'list', element, nullable, range: { start, end: c.consumedEnd } };
  }
  if (t.kind === 'word' && t.text === 'enum') {
    c.next();
    c.expectPunct('(', "after 'enum'");
    const values = parseEnumValues(c);
    const nullable = optionalMark(c);
    return { kind: 'enum', values, nullable, range: { start, end: c.consumedEnd } };
  }
  if (t.kind === 'word' && t.text === 'Vector') {
    c.next();
    c.expectPunct('(', "after 'Vector'");
    const dim = c.peek();
    if (dim.kind !== 'int') c.failExpected('a vector dimension (a non-negative integer)', dim);
    c.next();
    c.expectPunct(')', 'to close Vector(N)');
    const nullable = optionalMark(c);
    return { kind: 'vector', dimension: dim.text, nullable, range: { start, end: c.consumedEnd } };
  }
  const base = expectBaseType(c, null);
  const nullable = optionalMark(c);
  return { kind: 'base', base, nullable, range: { start, end: c.consumedEnd } };
}

function optionalMark(c: ParseCursor): boolean {
  if (!c.atPunct('?')) return false;
  c.next();
  return true;
}

function expectBaseType(c: ParseCursor, notScalarMessage: string | null): BaseTypeName {
  const t = c.peek();
  if (t.kind === 'word' && BASE_TYPES.has(t.text)) {
    c.next();
    return t.text as BaseTypeName;
  }
  if (notScalarMessage !== null && ((t.kind === 'word' && (t.text === 'enum' || t.text === 'Vector')) || (t.kind === 'punct' && t.text === '['))) {
    c.fail('S106', notScalarMessage, t);
  }
  if (t.kind === 'word') c.fail('S106', `unknown property type '${t.text}' (expected String, Bool, I32, I64, U32, U64, F32, F64, Date, DateTime, Blob, Vector(N), enum(…) or [T])`, t);
  return c.failExpected('a property type', t);
}

function parseEnumValues(c: ParseCursor): NameNode[] {
  const values: NameNode[] = [];
  for (;;) {
    const v = c.nextEnumValue();
    if (v.kind !== 'enum_value') {
      c.failExpected(values.length === 0 ? 'an enum value (enum needs at least one value)' : 'an enum value', v);
    }
    values.push({ text: v.text, range: { start: v.start, end: v.end } });
    const sep = c.peek();
    if (sep.kind === 'punct' && sep.text === ',') {
      c.next();
      continue;
    }
    if (sep.kind === 'punct' && sep.text === ')') {
      c.next();
      return values;
    }
    c.failExpected("',' or ')' in enum(…)", sep);
  }
}

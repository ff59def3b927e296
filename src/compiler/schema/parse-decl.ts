// Parsing of the three declarations (`interface`, `node`, `edge`), their bodies and properties.
import type { BodyConstraintNode, EdgeDeclNode, InterfaceDeclNode, NameNode, NodeDeclNode, PropertyNode } from './ast.js';
import { atBodyConstraint, atCard, parseAnnotations, parseBodyConstraint, parseCard } from './parse-annotation.js';
import type { ParseCursor } from './parse-cursor.js';
import { parseTypeRef } from './parse-type.js';

const CARD_ON_PROPERTY = '@card(..) is only supported on edges, directly after the endpoints (edge E: A -> B @card(0..1))';

/** `interface Name { PropDecl* }` */
export function parseInterface(c: ParseCursor): InterfaceDeclNode {
  const kw = c.next();
  const name = c.expectTypeName('interface name');
  if (c.atPunct('@')) c.fail('S105', `interface ${name.text} cannot carry type-level annotations`, c.peek());
  c.expectPunct('{', `to open the body of interface ${name.text}`);
  const properties: PropertyNode[] = [];
  while (!c.atPunct('}')) {
    const t = c.peek();
    if (t.kind === 'punct' && t.text === '@') c.fail('S105', `interface ${name.text} may declare properties only; body constraints belong on nodes`, t);
    if (t.kind !== 'word') c.failExpected(`a property or '}' in interface ${name.text}`, t);
    properties.push(parseProperty(c));
  }
  const close = c.next();
  return { kind: 'interface', name, properties, range: { start: kw.start, end: close.end } };
}

/** `node Name @ann* [implements I, J] { (PropDecl | BodyConstraint)* }` */
export function parseNode(c: ParseCursor): NodeDeclNode {
  const kw = c.next();
  const name = c.expectTypeName('node type name');
  const annotations = parseAnnotations(c, '@card(..) is only supported on edges, not on node types');
  if (atBodyConstraint(c)) c.fail('S105', `@${c.peek(1).text}(…) is a body constraint; write it inside the body of node ${name.text}`, c.peek());
  const implementsList: NameNode[] = [];
  if (c.atWord('implements')) {
    c.next();
    implementsList.push(c.expectTypeName('interface name'));
    while (c.atPunct(',')) {
      c.next();
      implementsList.push(c.expectTypeName('interface name'));
    }
    if (c.atPunct('@')) c.fail('S105', `annotations of node ${name.text} must come before 'implements'`, c.peek());
  }
  const body = parseBody(c, `node ${name.text}`);
  return { kind: 'node', name, annotations, implements: implementsList, properties: body.properties, constraints: body.constraints, range: { start: kw.start, end: body.end } };
}

/** `edge Name: From -> To [@card(..)] @ann* [{ … }]` */
export function parseEdge(c: ParseCursor): EdgeDeclNode {
  const kw = c.next();
  const name = c.expectTypeName('edge type name');
  c.expectPunct(':', `after edge name ${name.text}`);
  const from = c.expectTypeName('source node type');
  c.expectPunct('->', 'between the edge endpoints');
  const to = c.expectTypeName('target node type');
  const card = atCard(c) ? parseCard(c) : null;
  const annotations = parseAnnotations(c, `@card(..) must come directly after the endpoints of edge ${name.text}, before any other annotation`);
  if (atBodyConstraint(c)) c.fail('S105', `@${c.peek(1).text}(…) is a body constraint; write it inside a body of edge ${name.text} ({ … })`, c.peek());
  if (!c.atPunct('{')) {
    return { kind: 'edge', name, from, to, card, annotations, properties: [], constraints: [], hasBody: false, range: { start: kw.start, end: c.consumedEnd } };
  }
  const body = parseBody(c, `edge ${name.text}`);
  return { kind: 'edge', name, from, to, card, annotations, properties: body.properties, constraints: body.constraints, hasBody: true, range: { start: kw.start, end: body.end } };
}

function parseBody(c: ParseCursor, owner: string): { properties: PropertyNode[]; constraints: BodyConstraintNode[]; end: number } {
  c.expectPunct('{', `to open the body of ${owner}`);
  const properties: PropertyNode[] = [];
  const constraints: BodyConstraintNode[] = [];
  for (;;) {
    const t = c.peek();
    if (t.kind === 'punct' && t.text === '}') {
      c.next();
      return { properties, constraints, end: t.end };
    }
    if (t.kind === 'word') {
      properties.push(parseProperty(c));
    } else if (t.kind === 'punct' && t.text === '@') {
      if (atCard(c)) c.fail('S108', CARD_ON_PROPERTY, { start: t.start, end: c.peek(1).end });
      if (!atBodyConstraint(c)) c.fail('S105', `only @key(…), @unique(…), @index(…), @range(…) and @check(…) may stand alone in the body of ${owner}`, t);
      constraints.push(parseBodyConstraint(c));
    } else {
      c.failExpected(`a property, a body constraint or '}' in ${owner}`, t);
    }
  }
}

/** `name: Type @ann*` */
function parseProperty(c: ParseCursor): PropertyNode {
  const name = c.expectIdent('property name');
  c.expectPunct(':', `after property name '${name.text}'`);
  const type = parseTypeRef(c);
  const annotations = parseAnnotations(c, CARD_ON_PROPERTY);
  return { name, type, annotations, range: { start: name.range.start, end: c.consumedEnd } };
}

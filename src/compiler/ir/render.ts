// Stable JSON rendering of IR (for `explain` and golden tests): fixed key order per kind, types as canonical strings.
import type { IrNode } from './node.js';
import type { LiteralValue, MutationPredicate } from './shared.js';
import { renderType } from './value-type.js';
import { visit, type IrVisitor } from './visitor.js';

/** A JSON value. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Render a literal value: integers as JSON numbers when exactly representable, else decimal strings. */
export function renderLiteralValue(v: LiteralValue): JsonValue {
  switch (v.kind) {
    case 'int':
      return v.value >= BigInt(Number.MIN_SAFE_INTEGER) && v.value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v.value) : v.value.toString();
    case 'list':
      return v.items.map(renderLiteralValue);
    default:
      return v.value;
  }
}

const r = (node: IrNode): JsonValue => visit(node, RENDER);
const predicate = (p: MutationPredicate): JsonValue => ({ property: p.property, op: p.op, type: renderType(p.type), value: r(p.value) });

const RENDER: IrVisitor<JsonValue> = {
  literal: (n) => ({ kind: n.kind, type: renderType(n.type), value: renderLiteralValue(n.value) }),
  param: (n) => ({ kind: n.kind, name: n.name, type: renderType(n.type) }),
  property: (n) => ({ kind: n.kind, variable: n.variable, entity: n.entity, typeName: n.typeName, property: n.property, type: renderType(n.type) }),
  variable: (n) => ({ kind: n.kind, variable: n.variable, typeName: n.typeName }),
  now: (n) => ({ kind: n.kind, type: renderType(n.type) }),
  compare: (n) => ({ kind: n.kind, op: n.op, left: r(n.left), right: r(n.right) }),
  'aggregate-call': (n) => ({ kind: n.kind, fn: n.fn, argument: r(n.argument), type: renderType(n.type) }),
  nearest: (n) => ({
    kind: n.kind,
    variable: n.variable,
    typeName: n.typeName,
    property: n.property,
    dim: n.dim,
    query: r(n.query),
    embed: n.embed,
  }),
  bm25: (n) => ({ kind: n.kind, variable: n.variable, typeName: n.typeName, property: n.property, query: r(n.query) }),
  column: (n) => ({ kind: n.kind, index: n.index, name: n.name, type: renderType(n.type) }),
  scan: (n) => ({ kind: n.kind, variable: n.variable, typeName: n.typeName, predicates: n.predicates.map(r) }),
  argument: (n) => ({ kind: n.kind, variables: [...n.variables] }),
  expand: (n) => ({
    kind: n.kind,
    from: n.from,
    to: n.to,
    toType: n.toType,
    toBound: n.toBound,
    edgeType: n.edgeType,
    direction: n.direction,
    minHops: n.minHops,
    maxHops: n.maxHops,
    edgeVariable: n.edgeVariable,
    input: r(n.input),
  }),
  'cross-join': (n) => ({ kind: n.kind, left: r(n.left), right: r(n.right) }),
  filter: (n) => ({ kind: n.kind, predicate: r(n.predicate), input: r(n.input) }),
  'text-search': (n) => ({
    kind: n.kind,
    mode: n.mode,
    variable: n.variable,
    typeName: n.typeName,
    property: n.property,
    query: r(n.query),
    maxEdits: n.maxEdits === null ? null : r(n.maxEdits),
    input: r(n.input),
  }),
  'anti-join': (n) => ({ kind: n.kind, subplan: r(n.subplan), input: r(n.input) }),
  'vector-search': (n) => ({ kind: n.kind, nearest: r(n.nearest), k: n.k, input: r(n.input) }),
  'text-rank': (n) => ({ kind: n.kind, bm25: r(n.bm25), input: r(n.input) }),
  fusion: (n) => ({ kind: n.kind, variable: n.variable, k: r(n.k), limit: n.limit, first: r(n.first), second: r(n.second) }),
  aggregate: (n) => ({ kind: n.kind, columns: n.columns.map((c) => ({ name: c.name, expr: r(c.expr) })), input: r(n.input) }),
  order: (n) => ({ kind: n.kind, keys: n.keys.map((k) => ({ expr: r(k.expr), direction: k.direction })), tieBreak: [...n.tieBreak], input: r(n.input) }),
  limit: (n) => ({ kind: n.kind, count: n.count, input: r(n.input) }),
  project: (n) => ({ kind: n.kind, columns: n.columns.map((c) => ({ name: c.name, expr: r(c.expr) })), input: r(n.input) }),
  insert: (n) => ({
    kind: n.kind,
    entity: n.entity,
    typeName: n.typeName,
    from: n.from === null ? null : r(n.from),
    to: n.to === null ? null : r(n.to),
    assignments: n.assignments.map((a) => ({ property: a.property, type: renderType(a.type), value: r(a.value) })),
  }),
  update: (n) => ({
    kind: n.kind,
    typeName: n.typeName,
    assignments: n.assignments.map((a) => ({ property: a.property, type: renderType(a.type), value: r(a.value) })),
    where: predicate(n.where),
  }),
  delete: (n) => ({ kind: n.kind, entity: n.entity, typeName: n.typeName, where: predicate(n.where) }),
  'read-query': (n) => ({
    kind: n.kind,
    name: n.name,
    params: n.params.map((p) => ({ name: p.name, type: renderType(p.type) })),
    description: n.description,
    instruction: n.instruction,
    ranking: n.ranking,
    columns: n.columns.map((c) => ({ name: c.name, descriptorName: c.descriptorName, type: renderType(c.type) })),
    plan: r(n.plan),
  }),
  'mutation-query': (n) => ({
    kind: n.kind,
    name: n.name,
    params: n.params.map((p) => ({ name: p.name, type: renderType(p.type) })),
    description: n.description,
    instruction: n.instruction,
    effect: n.effect,
    statements: n.statements.map(r),
  }),
};

/**
 * Render any IR node as plain JSON with a fixed key order per kind (inputs last, so plans read top-down).
 * @example
 * JSON.stringify(renderIr(query.plan), null, 2);
 */
export function renderIr(node: IrNode): JsonValue {
  return r(node);
}

/** `renderIr` as 2-space indented JSON text with a trailing newline. */
export function renderIrJson(node: IrNode): string {
  return `${JSON.stringify(renderIr(node), null, 2)}\n`;
}

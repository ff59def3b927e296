// The IR visitor: a `Record<Kind, handler>` table per pass, so adding a node kind fails to compile until every pass
// handles it; plus the generic child enumeration and pre-order walk built on it.
import type { IrKind, IrNode, IrNodeOf } from './node.js';

/** One handler per IR kind. A pass is a value of this type; a missing kind is a compile error. */
export type IrVisitor<R> = { readonly [K in IrKind]: (node: IrNodeOf<K>) => R };

/**
 * Dispatch `node` to the handler of its kind.
 * @example
 * const depth: IrVisitor<number> = { ...handlers };
 * visit(plan, depth);
 */
export function visit<R>(node: IrNode, visitor: IrVisitor<R>): R {
  return (visitor[node.kind] as (n: IrNode) => R)(node);
}

const none: readonly IrNode[] = Object.freeze([]);

/** The direct children of every kind, in rendering order. */
const CHILDREN: IrVisitor<readonly IrNode[]> = {
  literal: () => none,
  param: () => none,
  property: () => none,
  variable: () => none,
  now: () => none,
  compare: (n) => [n.left, n.right],
  'aggregate-call': (n) => [n.argument],
  nearest: (n) => [n.query],
  bm25: (n) => [n.query],
  column: () => none,
  scan: (n) => n.predicates,
  argument: () => none,
  expand: (n) => [n.input],
  'cross-join': (n) => [n.left, n.right],
  filter: (n) => [n.input, n.predicate],
  'text-search': (n) => (n.maxEdits === null ? [n.input, n.query] : [n.input, n.query, n.maxEdits]),
  'anti-join': (n) => [n.input, n.subplan],
  'vector-search': (n) => [n.input, n.nearest],
  'text-rank': (n) => [n.input, n.bm25],
  fusion: (n) => [n.first, n.second, n.k],
  aggregate: (n) => [n.input, ...n.columns.map((c) => c.expr)],
  order: (n) => [n.input, ...n.keys.map((k) => k.expr)],
  limit: (n) => [n.input],
  project: (n) => [n.input, ...n.columns.map((c) => c.expr)],
  insert: (n) => [...n.assignments.map((a) => a.value), ...(n.from === null ? [] : [n.from]), ...(n.to === null ? [] : [n.to])],
  update: (n) => [...n.assignments.map((a) => a.value), n.where.value],
  delete: (n) => [n.where.value],
  'read-query': (n) => [n.plan],
  'mutation-query': (n) => n.statements,
};

/** The direct children of `node` (plan inputs, operands, statements). */
export function children(node: IrNode): readonly IrNode[] {
  return visit(node, CHILDREN);
}

/** Call `fn` on `node` and every descendant, parents first, children in order. */
export function walk(node: IrNode, fn: (node: IrNode) => void): void {
  const stack: IrNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop() as IrNode;
    fn(n);
    const kids = children(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as IrNode);
  }
}

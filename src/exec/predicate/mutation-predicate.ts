// Mutation `where` predicates as filters, and the column resolver of one node or edge table.
import type { EdgeType, ExprNode, NodeType } from '../../compiler/index.js';
import type { CompareNode } from '../../compiler/ir/compare-node.js';
import type { MutationPredicate } from '../../compiler/ir/shared.js';
import type { FilterExpr } from './filter-expr.js';

type PropertyNode = Extract<ExprNode, { kind: 'property' }>;

/**
 * The filter of `update/delete Type where p op v`: a comparison of property `p` of `type` (or the edge endpoint
 * `from`/`to`) with the value. Rows are keyed by property name, with `id`, `from` and `to` for the physical columns.
 */
export function predicateFilter(type: NodeType | EdgeType, where: MutationPredicate): FilterExpr {
  const left: PropertyNode = Object.freeze({ kind: 'property', variable: '', entity: type.kind, typeName: type.name, property: where.property, type: where.type });
  const cmp: CompareNode = Object.freeze({ kind: 'compare', op: where.op, left, right: where.value, type: Object.freeze({ kind: 'scalar', scalar: 'Bool', nullable: false }) }) as CompareNode;
  return cmp;
}

/** Resolves a property of `type` to its physical column: properties to `p<id>`, `id`, and edge `from`/`to` to `src`/`dst`. */
export function typeColumnResolver(type: NodeType | EdgeType): (p: PropertyNode) => string | null {
  return (p) => {
    if (p.typeName !== type.name) return null;
    const prop = type.properties[p.property];
    if (prop !== undefined) return prop.column;
    if (p.property === 'id') return 'id';
    if (type.kind === 'edge' && p.property === 'from') return 'src';
    if (type.kind === 'edge' && p.property === 'to') return 'dst';
    return null;
  };
}

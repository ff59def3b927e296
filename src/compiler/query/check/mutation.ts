// Checking mutation bodies (§8): insert/update/delete targets, assignments, predicates, required properties, effect.
import { DeleteNode } from '../../ir/delete-node.js';
import { InsertNode } from '../../ir/insert-node.js';
import { MutationQueryNode } from '../../ir/mutation-query-node.js';
import type { MutationNode } from '../../ir/node.js';
import { NowNode } from '../../ir/now-node.js';
import type { Assignment, MutationEffect, MutationPredicate, MutationValue, ParamDecl } from '../../ir/shared.js';
import { UpdateNode } from '../../ir/update-node.js';
import { renderType, scalarType, withNullable } from '../../ir/value-type.js';
import type { AssignAst, DeleteAst, InsertAst, MutationBodyAst, PredicateAst, QueryDeclAst, UpdateAst, ValueAst } from '../ast.js';
import type { PropertyView } from './catalog-view.js';
import { assignable, comparable, isComparableScalar } from './compat.js';
import type { CheckContext } from './context.js';
import { fitLiteral } from './literals.js';

const STRING = scalarType('String');
const ENDPOINTS: ReadonlyMap<string, PropertyView> = new Map(
  ['from', 'to'].map((n) => [n, Object.freeze({ name: n, type: STRING, embedSource: null })] as const),
);

/** A mutation value: literal fitted to the property (T3), declared parameter (T14, T7) or `now()` (T7). */
function checkValue(ctx: CheckContext, prop: PropertyView, value: ValueAst, mode: 'assign' | 'compare'): MutationValue | null {
  const what = `property \`${prop.name}\``;
  const t = prop.type;
  if (value.kind === 'literal') return fitLiteral(ctx, value.literal, t, what);
  if (value.kind === 'now') {
    if (t.kind === 'scalar' && t.scalar === 'DateTime') return NowNode.create({ type: scalarType('DateTime') });
    ctx.error('T7', `cannot ${mode} DateTime with ${what} (${renderType(t)})`, value.span);
    return null;
  }
  if (value.name.text === '_') {
    ctx.error('Q119', 'the anonymous variable `$_` cannot be used as a value', value.span);
    return null;
  }
  const p = ctx.params.get(value.name.text);
  if (p === undefined) {
    if (ctx.poisonedParams.has(value.name.text)) return null;
    ctx.error('T14', `mutation value \`$${value.name.text}\` is not a declared parameter`, value.span);
    return null;
  }
  const pt = p.node.type;
  const fits = mode === 'assign' ? assignable(pt, t) : comparable(pt, t);
  if (!fits) {
    const verb = mode === 'assign' ? 'assign' : 'compare';
    ctx.error('T7', `cannot ${verb} parameter \`$${p.node.name}\` (${renderType(pt)}) ${mode === 'assign' ? 'to' : 'with'} ${what} (${renderType(t)})`, value.span);
    return null;
  }
  if (mode === 'assign' && pt.nullable && !t.nullable) {
    ctx.error('T3', `parameter \`$${p.node.name}\` is nullable but ${what} is not (null into non-nullable)`, value.span);
    return null;
  }
  return p.node;
}

/** Assignments against `props`: unknown (T11), duplicate (T13), ill-typed values; null entries failed. */
function checkAssignments(ctx: CheckContext, typeName: string, props: ReadonlyMap<string, PropertyView>, list: readonly AssignAst[]): Assignment[] {
  const seen = new Set<string>();
  const out: Assignment[] = [];
  for (const a of list) {
    if (seen.has(a.name.text)) {
      ctx.error('T13', `duplicate assignment of \`${a.name.text}\``, a.name.span);
      continue;
    }
    seen.add(a.name.text);
    const prop = props.get(a.name.text);
    if (prop === undefined) {
      ctx.error('T11', `type \`${typeName}\` has no property \`${a.name.text}\``, a.name.span);
      continue;
    }
    const value = checkValue(ctx, prop, a.value, 'assign');
    if (value !== null) out.push({ property: prop.name, type: prop.type, value });
  }
  return out;
}

function checkPredicate(ctx: CheckContext, typeName: string, props: ReadonlyMap<string, PropertyView>, p: PredicateAst): MutationPredicate | null {
  const prop = props.get(p.property.text);
  if (prop === undefined) {
    ctx.error('T11', `type \`${typeName}\` has no property \`${p.property.text}\``, p.property.span);
    return null;
  }
  if (prop.type.kind === 'scalar' && prop.type.scalar === 'Blob') {
    ctx.error('T11', `Blob property \`${prop.name}\` cannot be used in where`, p.property.span);
    return null;
  }
  if (!isComparableScalar(prop.type)) {
    ctx.error('T7', `${prop.type.kind} property \`${prop.name}\` cannot be compared`, p.property.span);
    return null;
  }
  const value = checkValue(ctx, { ...prop, type: withNullable(prop.type, false) }, p.value, 'compare');
  return value && { property: prop.name, op: p.op, type: prop.type, value };
}

function unknownType(ctx: CheckContext, s: InsertAst | UpdateAst | DeleteAst): null {
  ctx.error('T10', `${s.kind} on unknown type \`${s.typeName.text}\``, s.typeName.span);
  return null;
}

function checkInsert(ctx: CheckContext, s: InsertAst): InsertNode | null {
  const node = ctx.catalog.node(s.typeName.text);
  const edge = node === undefined ? ctx.catalog.edge(s.typeName.text) : undefined;
  if (node === undefined && edge === undefined) return unknownType(ctx, s);
  const typeName = (node ?? edge)?.name as string;
  if (s.assignments.length === 0) {
    ctx.error('T10', `insert for \`${typeName}\` has no assignments`, s.span);
    return null;
  }
  const props = new Map(node?.properties ?? edge?.properties);
  if (edge !== undefined) for (const [n, p] of ENDPOINTS) props.set(n, p);
  const all = checkAssignments(ctx, typeName, props, s.assignments);
  const assigned = new Set(s.assignments.map((a) => a.name.text));
  if (edge !== undefined) {
    for (const end of ['from', 'to']) {
      if (!assigned.has(end)) ctx.error('T12', `insert for \`${typeName}\` must provide required endpoint \`${end}\``, s.span);
    }
  }
  for (const p of (node ?? edge)?.properties.values() ?? []) {
    if (p.type.nullable || assigned.has(p.name)) continue;
    if (p.embedSource !== null && assigned.has(p.embedSource)) continue; // typecheck-only exemption (§8.1)
    ctx.error('T12', `insert for \`${typeName}\` must provide non-nullable property \`${p.name}\``, s.span);
  }
  const from = all.find((a) => edge !== undefined && a.property === 'from')?.value ?? null;
  const to = all.find((a) => edge !== undefined && a.property === 'to')?.value ?? null;
  const assignments = edge === undefined ? all : all.filter((a) => a.property !== 'from' && a.property !== 'to');
  return InsertNode.create({ entity: node ? 'node' : 'edge', typeName, assignments, from, to });
}

function checkUpdate(ctx: CheckContext, s: UpdateAst): UpdateNode | null {
  const node = ctx.catalog.node(s.typeName.text);
  if (node === undefined) {
    const edge = ctx.catalog.edge(s.typeName.text);
    if (edge === undefined) return unknownType(ctx, s);
    ctx.error('T16', `update mutation for edge type \`${edge.name}\` is not supported`, s.typeName.span);
    return null;
  }
  if (s.assignments.length === 0) {
    ctx.error('T10', `update for \`${node.name}\` has no assignments`, s.span);
    return null;
  }
  for (const a of s.assignments) {
    if (node.key.includes(a.name.text)) ctx.error('Q116', `cannot update @key property '${a.name.text}' — delete and re-insert instead`, a.name.span);
  }
  const assignments = checkAssignments(ctx, node.name, node.properties, s.assignments);
  const where = checkPredicate(ctx, node.name, node.properties, s.where);
  return where && UpdateNode.create({ typeName: node.name, assignments, where });
}

function checkDelete(ctx: CheckContext, s: DeleteAst): DeleteNode | null {
  const node = ctx.catalog.node(s.typeName.text);
  const edge = node === undefined ? ctx.catalog.edge(s.typeName.text) : undefined;
  if (node === undefined && edge === undefined) return unknownType(ctx, s);
  const props = node?.properties ?? new Map([...ENDPOINTS, ...(edge?.properties ?? [])]);
  const typeName = (node ?? edge)?.name as string;
  const where = checkPredicate(ctx, typeName, props, s.where);
  return where && DeleteNode.create({ entity: node ? 'node' : 'edge', typeName, where });
}

/** insert/update-only, delete-only, or both (the executor refuses `mixed`, §8.2). */
function mutationEffect(statements: readonly { readonly kind: string }[]): MutationEffect {
  const deletes = statements.filter((s) => s.kind === 'delete').length;
  return deletes === 0 ? 'insert-update' : deletes === statements.length ? 'delete' : 'mixed';
}

/** Check a mutation query and build its IR; null when any diagnostic was recorded. */
export function checkMutationQuery(ctx: CheckContext, decl: QueryDeclAst, body: MutationBodyAst, params: readonly ParamDecl[]): MutationQueryNode | null {
  const statements: MutationNode[] = [];
  for (const s of body.statements) {
    const n = s.kind === 'insert' ? checkInsert(ctx, s) : s.kind === 'update' ? checkUpdate(ctx, s) : checkDelete(ctx, s);
    if (n !== null) statements.push(n);
  }
  if (ctx.failed) return null;
  return MutationQueryNode.create({
    name: decl.name.text,
    params,
    description: decl.description,
    instruction: decl.instruction,
    statements,
    effect: mutationEffect(statements),
  });
}

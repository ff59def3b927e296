// IR modules: one sample per kind through the companions, the visitor table, child enumeration, walk order,
// freezing, value types and the stable JSON rendering.
import { describe, expect, it } from 'vitest';
import { AggregateCallNode } from './aggregate-call-node.js';
import { AggregateNode } from './aggregate-node.js';
import { AntiJoinNode } from './anti-join-node.js';
import { ArgumentNode } from './argument-node.js';
import { Bm25Node } from './bm25-node.js';
import { ColumnNode } from './column-node.js';
import { CompareNode } from './compare-node.js';
import { CrossJoinNode } from './cross-join-node.js';
import { DeleteNode } from './delete-node.js';
import { ExpandNode } from './expand-node.js';
import { FilterNode } from './filter-node.js';
import { FusionNode } from './fusion-node.js';
import { InsertNode } from './insert-node.js';
import { LimitNode } from './limit-node.js';
import { LiteralNode } from './literal-node.js';
import { MutationQueryNode } from './mutation-query-node.js';
import { NearestNode } from './nearest-node.js';
import { IR_KINDS, type IrNode } from './node.js';
import { NowNode } from './now-node.js';
import { OrderNode } from './order-node.js';
import { ParamNode } from './param-node.js';
import { ProjectNode } from './project-node.js';
import { PropertyNode } from './property-node.js';
import { ReadQueryNode } from './read-query-node.js';
import { renderIr, renderIrJson, renderLiteralValue } from './render.js';
import { ScanNode } from './scan-node.js';
import { TextRankNode } from './text-rank-node.js';
import { TextSearchNode } from './text-search-node.js';
import { UpdateNode } from './update-node.js';
import { enumType, isInteger, isNumeric, isStringLike, listType, nodeRefType, renderType, sameType, scalarType, vectorType, withNullable } from './value-type.js';
import { VariableNode } from './variable-node.js';
import { VectorSearchNode } from './vector-search-node.js';
import { children, visit, walk, type IrVisitor } from './visitor.js';

const S = scalarType('String');
const lit = LiteralNode.create({ type: S, value: { kind: 'string', value: 'x' } });
const param = ParamNode.create({ name: 'q', type: vectorType(3) });
const prop = PropertyNode.create({ variable: 'p', entity: 'node', typeName: 'P', property: 'name', type: S });
const variable = VariableNode.create({ variable: 'p', typeName: 'P', type: nodeRefType('P') });
const now = NowNode.create({ type: scalarType('DateTime') });
const compare = CompareNode.create({ op: '=', left: prop, right: lit });
const agg = AggregateCallNode.create({ fn: 'count', argument: variable, type: scalarType('I64') });
const nearest = NearestNode.create({ variable: 'p', typeName: 'P', property: 'v', dim: 3, query: param, embed: false, type: scalarType('F64') });
const bm25 = Bm25Node.create({ variable: 'p', typeName: 'P', property: 'name', query: lit, type: scalarType('F64') });
const column = ColumnNode.create({ index: 0, name: 'n', type: scalarType('I64') });
const scan = ScanNode.create({ variable: 'p', typeName: 'P', predicates: [compare] });
const argument = ArgumentNode.create({ variables: ['p'] });
const expand = ExpandNode.create({ input: scan, from: 'p', to: 'f', toType: 'P', toBound: false, edgeType: 'Knows', direction: 'out', minHops: 1, maxHops: 2, edgeVariable: null });
const cross = CrossJoinNode.create({ left: scan, right: scan });
const filter = FilterNode.create({ input: scan, predicate: compare });
const text = TextSearchNode.create({ input: scan, mode: 'fuzzy', variable: 'p', typeName: 'P', property: 'name', query: lit, maxEdits: null });
const anti = AntiJoinNode.create({ input: scan, subplan: argument });
const vs = VectorSearchNode.create({ input: scan, nearest, k: 2 });
const rank = TextRankNode.create({ input: scan, bm25 });
const fusion = FusionNode.create({ first: vs, second: rank, variable: 'p', k: lit, limit: 2 });
const aggregate = AggregateNode.create({ input: scan, columns: [{ name: 'n', expr: agg }] });
const order = OrderNode.create({ input: aggregate, keys: [{ expr: column, direction: 'desc' }], tieBreak: [] });
const limit = LimitNode.create({ input: order, count: 2 });
const project = ProjectNode.create({ input: scan, columns: [{ name: 'p.name', expr: prop }] });
const insert = InsertNode.create({ entity: 'edge', typeName: 'Knows', assignments: [{ property: 'since', type: S, value: lit }], from: lit, to: lit });
const update = UpdateNode.create({ typeName: 'P', assignments: [{ property: 'age', type: S, value: now }], where: { property: 'name', op: '=', type: S, value: lit } });
const del = DeleteNode.create({ entity: 'node', typeName: 'P', where: { property: 'name', op: '!=', type: S, value: lit } });
const read = ReadQueryNode.create({ name: 'r', params: [{ name: 'q', type: vectorType(3) }], description: null, instruction: 'i', plan: project, columns: [{ name: 'p.name', descriptorName: 'name', type: S }], ranking: null });
const mutation = MutationQueryNode.create({ name: 'm', params: [], description: 'd', instruction: null, statements: [insert, update, del], effect: 'mixed' });

/** One sample per kind; the `IrVisitor` type makes a missing kind a compile error here too. */
const SAMPLES: IrVisitor<IrNode> = {
  literal: () => lit,
  param: () => param,
  property: () => prop,
  variable: () => variable,
  now: () => now,
  compare: () => compare,
  'aggregate-call': () => agg,
  nearest: () => nearest,
  bm25: () => bm25,
  column: () => column,
  scan: () => scan,
  argument: () => argument,
  expand: () => expand,
  'cross-join': () => cross,
  filter: () => filter,
  'text-search': () => text,
  'anti-join': () => anti,
  'vector-search': () => vs,
  'text-rank': () => rank,
  fusion: () => fusion,
  aggregate: () => aggregate,
  order: () => order,
  limit: () => limit,
  project: () => project,
  insert: () => insert,
  update: () => update,
  delete: () => del,
  'read-query': () => read,
  'mutation-query': () => mutation,
};
const sample = (k: (typeof IR_KINDS)[number]): IrNode => (SAMPLES[k] as () => IrNode)();

describe('IR nodes', () => {
  it('IR_KINDS lists exactly the kinds of the visitor table', () => {
    expect([...IR_KINDS].sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each([...IR_KINDS])('%s: created frozen, tagged, and dispatched by visit', (k) => {
    const n = sample(k);
    expect(n.kind).toBe(k);
    expect(Object.isFrozen(n)).toBe(true);
    const kindOf: IrVisitor<string> = Object.fromEntries(IR_KINDS.map((kk) => [kk, (x: IrNode) => `${kk}:${x.kind}`])) as unknown as IrVisitor<string>;
    expect(visit(n, kindOf)).toBe(`${k}:${k}`);
  });

  it('companions recognise their own kind only', () => {
    expect([ScanNode.is(scan), ScanNode.is(filter), ExpandNode.is(expand), FusionNode.is(vs)]).toEqual([true, false, true, false]);
  });

  it('cloneWithInput swaps the input and keeps the rest', () => {
    const moved = FilterNode.cloneWithInput(filter, argument);
    expect([moved.input.kind, moved.predicate, Object.isFrozen(moved)]).toEqual(['argument', compare, true]);
  });

  it('arrays handed to create are copied and frozen', () => {
    const preds = [compare];
    const s = ScanNode.create({ variable: 'p', typeName: 'P', predicates: preds });
    preds.push(compare);
    expect([s.predicates.length, Object.isFrozen(s.predicates)]).toEqual([1, true]);
    expect(Object.isFrozen(update.assignments[0])).toBe(true);
  });

  it('children lists operands and inputs; walk is pre-order', () => {
    expect(children(compare)).toEqual([prop, lit]);
    expect(children(fusion)).toEqual([vs, rank, lit]);
    expect(children(mutation)).toEqual([insert, update, del]);
    const seen: string[] = [];
    walk(limit, (n) => seen.push(n.kind));
    expect(seen).toEqual(['limit', 'order', 'aggregate', 'scan', 'compare', 'property', 'literal', 'aggregate-call', 'variable', 'column']);
  });
});

describe('IR rendering', () => {
  it('is stable: kind first, inputs last, types as strings', () => {
    expect(Object.keys(renderIr(expand) as object)).toEqual(['kind', 'from', 'to', 'toType', 'toBound', 'edgeType', 'direction', 'minHops', 'maxHops', 'edgeVariable', 'input']);
    expect(renderIrJson(read)).toBe(renderIrJson(read));
    expect(renderIr(param)).toEqual({ kind: 'param', name: 'q', type: 'Vector(3)' });
  });

  it('renders exact integers as numbers when safe, else as decimal strings', () => {
    expect(renderLiteralValue({ kind: 'int', value: 42n })).toBe(42);
    expect(renderLiteralValue({ kind: 'int', value: 9007199254740993n })).toBe('9007199254740993');
    expect(renderLiteralValue({ kind: 'list', items: [{ kind: 'date', value: '2020-01-01', epochDays: 18262 }] })).toEqual(['2020-01-01']);
  });

  it('renders every kind to JSON', () => {
    for (const k of IR_KINDS) expect(JSON.parse(renderIrJson(sample(k))).kind).toBe(k);
  });
});

describe('value types', () => {
  it('render canonically', () => {
    expect([
      renderType(scalarType('I32', true)),
      renderType(listType(scalarType('String'), true)),
      renderType(vectorType(4)),
      renderType(enumType(['b', 'a', 'b'])),
      renderType(nodeRefType('Person')),
    ]).toEqual(['I32?', '[String]?', 'Vector(4)', 'enum(a, b)', 'node Person']);
  });

  it('classify numbers, integers and strings', () => {
    expect([isNumeric(scalarType('F32')), isInteger(scalarType('F32')), isInteger(scalarType('U64')), isStringLike(enumType(['a'])), isStringLike(scalarType('Blob'))]).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it('change nullability without touching node references', () => {
    expect(sameType(withNullable(scalarType('I32'), true), scalarType('I32', true))).toBe(true);
    expect(withNullable(nodeRefType('P'), true).nullable).toBe(false);
  });
});

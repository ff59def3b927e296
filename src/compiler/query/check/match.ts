// Checking a `match` block (§4): bindings, traversals with direction inference, filters, text search, negation.
import type { Span } from '../../../errors/index.js';
import { CompareNode } from '../../ir/compare-node.js';
import type { ExprNode } from '../../ir/node.js';
import { isStringLike, renderType } from '../../ir/value-type.js';
import type { BindingAst, ClauseAst, ExprAst, FilterAst, NegationAst, TraversalAst } from '../ast.js';
import { comparable, isComparableScalar } from './compat.js';
import { Scope, type CheckContext, type VarInfo } from './context.js';
import { checkOperand, checkTextCall, type TextCall } from './expr.js';
import { checkInlineMatch } from './inline-match.js';
import { TraversalOrder } from './traversal-order.js';

/** A traversal after type inference: `src`/`dst` play the edge's From/To roles. */
export interface BoundTraversal {
  readonly src: string;
  readonly dst: string;
  readonly srcType: string;
  readonly dstType: string;
  readonly edgeType: string;
  readonly undirected: boolean;
  readonly minHops: number;
  readonly maxHops: number;
  readonly edgeVariable: string | null;
}

/** A filter or text-search clause with the variables it reads. */
export type BoundFilter =
  | { readonly kind: 'compare'; readonly predicate: CompareNode; readonly variables: readonly string[] }
  | { readonly kind: 'text'; readonly call: TextCall; readonly variables: readonly string[] };

/** A checked match block, ready for planning. */
export interface BoundBlock {
  readonly scope: Scope;
  /** Inline-match predicates per variable (also for outer variables re-bound inside `not`). */
  readonly bindings: ReadonlyMap<string, readonly CompareNode[]>;
  /** Variables this block introduces, bindings first (source order), then traversal endpoints. */
  readonly newVars: readonly string[];
  readonly traversals: readonly BoundTraversal[];
  readonly filters: readonly BoundFilter[];
  readonly negations: readonly BoundBlock[];
}

/** The variables an expression reads. */
function exprVariables(e: ExprNode, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'property' || e.kind === 'variable') out.add(e.variable);
  else if (e.kind === 'compare') {
    exprVariables(e.left, out);
    exprVariables(e.right, out);
  }
  return out;
}

function mentions(clauses: readonly ClauseAst[], out: Set<string>): Set<string> {
  const expr = (e: ExprAst | null): void => {
    if (e === null) return;
    switch (e.kind) {
      case 'var':
        out.add(e.name.text);
        return;
      case 'prop':
        out.add(e.variable.text);
        return;
      case 'search':
      case 'fuzzy':
      case 'match_text':
        expr(e.field);
        return;
      default:
        return;
    }
  };
  for (const c of clauses) {
    if (c.kind === 'binding') out.add(c.variable.text);
    else if (c.kind === 'traversal') [c.left, c.right, c.edgeVariable].forEach((n) => n && out.add(n.text));
    else if (c.kind === 'filter') [c.left, c.right].forEach(expr);
    else if (c.kind === 'text-search') expr(c.call.field);
    else mentions(c.clauses, out);
  }
  out.delete('_');
  return out;
}

class BlockChecker {
  readonly scope: Scope;
  readonly bindings = new Map<string, CompareNode[]>();
  readonly newVars: string[] = [];
  readonly traversals: BoundTraversal[] = [];
  readonly filters: BoundFilter[] = [];
  readonly negations: BoundBlock[] = [];
  readonly #edgeVarNames: ReadonlySet<string>;

  constructor(
    readonly ctx: CheckContext,
    parent: Scope | null,
    clauses: readonly ClauseAst[],
  ) {
    this.scope = new Scope(parent);
    const edgeVars = clauses.flatMap((c) => (c.kind === 'traversal' && c.edgeVariable !== null ? [c.edgeVariable.text] : []));
    this.#edgeVarNames = new Set(edgeVars.filter((n) => n !== '_'));
  }

  #bindNew(name: string, kind: VarInfo['kind'], typeName: string | null, span: Span, anonymous = false): VarInfo {
    const info: VarInfo = Object.freeze({ name, kind, typeName, span, anonymous });
    this.scope.bind(info);
    if (kind === 'node') this.newVars.push(name);
    return info;
  }

  /** Names that cannot stand for a node variable here; reports and returns false. */
  #usableNodeName(name: string, span: Span, what: string): boolean {
    if (this.ctx.params.has(name)) {
      this.ctx.error('Q117', `\`$${name}\` is a parameter and cannot be used as a ${what}`, span);
      return false;
    }
    if (this.#edgeVarNames.has(name) || this.scope.get(name)?.kind === 'edge') {
      this.ctx.error('T23', `edge variable \`$${name}\` cannot be used as a ${what}`, span);
      return false;
    }
    return true;
  }

  binding(b: BindingAst): void {
    const name = b.variable.text;
    if (name === '_') {
      this.ctx.error('Q119', 'the anonymous variable `$_` cannot be bound to a type', b.variable.span);
      return;
    }
    if (!this.#usableNodeName(name, b.variable.span, 'node binding')) return;
    const existing = this.scope.get(name);
    const node = this.ctx.catalog.node(b.typeName.text);
    if (node === undefined) {
      const t = b.typeName.text;
      const cat = this.ctx.catalog;
      const why = cat.edge(t) ? `\`${t}\` is an edge type` : cat.isInterface(t) ? `\`${t}\` is an interface` : `unknown node type \`${t}\``;
      this.ctx.error('T1', `${why}; bindings need a node type`, b.typeName.span);
      if (existing === undefined) this.#bindNew(name, 'node', null, b.variable.span);
      return;
    }
    if (existing !== undefined && existing.typeName !== null && existing.typeName !== node.name) {
      this.ctx.error('Q102', `variable \`$${name}\` already bound to type \`${existing.typeName}\`, cannot rebind to \`${node.name}\``, b.typeName.span);
      return;
    }
    const info = existing ?? this.#bindNew(name, 'node', node.name, b.variable.span);
    if (info.typeName === null) return;
    const list = this.bindings.get(name) ?? [];
    for (const pm of b.props) {
      const pred = checkInlineMatch(this.ctx, info, node, pm);
      if (pred) list.push(pred);
    }
    this.bindings.set(name, list);
  }

  /** Traversals in dependency order: first one touching a bound variable, else the first remaining (§4.2). */
  traversalsInOrder(list: readonly TraversalAst[]): void {
    const ends = (t: TraversalAst): string[] => [t.left.text, t.right.text].filter((n) => n !== '_');
    const order = new TraversalOrder(list, ends);
    const markBound = (t: TraversalAst): void => {
      for (const n of ends(t)) if (this.scope.get(n) !== undefined) order.bound(n);
    };
    list.forEach(markBound);
    for (let t = order.next(); t !== undefined; t = order.next()) {
      this.#traversal(t);
      markBound(t);
    }
  }

  #traversal(t: TraversalAst): void {
    const ctx = this.ctx;
    const ends = [t.left, t.right];
    if (!ends.every((e) => e.text === '_' || this.#usableNodeName(e.text, e.span, 'traversal endpoint'))) return;
    const poisonEnds = (): void => {
      for (const e of ends) if (e.text !== '_' && this.scope.get(e.text) === undefined) this.#bindNew(e.text, 'node', null, e.span);
    };
    const edge = ctx.catalog.edgeByWord(t.edge.text);
    if (edge === undefined) {
      ctx.error('T4', `unknown edge \`${t.edge.text}\``, t.edge.span);
      poisonEnds();
      return;
    }
    let [minHops, maxHops] = [1, 1];
    if (t.hops !== null) {
      const { min, max } = t.hops;
      if (max === null) ctx.error('T15', 'unbounded traversal is disabled; use bounded traversal {min,max}', t.hops.span);
      else if (min < 1n) ctx.error('T15', `hop lower bound must be at least 1, got ${min}`, t.hops.span);
      else if (max < min) ctx.error('T15', `hop upper bound ${max} is below the lower bound ${min}`, t.hops.span);
      else if (max > 2_147_483_647n) ctx.error('T15', `hop upper bound ${max} is too large`, t.hops.span);
      else [minHops, maxHops] = [Number(min), Number(max)];
    }
    const sameType = edge.from === edge.to;
    if (t.undirected && !sameType) {
      ctx.error('T22', `undirected traversal needs an edge between one node type; \`${edge.name}\` is ${edge.from} -> ${edge.to}`, t.edge.span);
    }
    const w = t.edgeVariable !== null && t.edgeVariable.text !== '_' ? t.edgeVariable : null;
    let edgeVarOk = w === null;
    if (w !== null) {
      const name = `edge variable \`$${w.text}\``;
      if (t.hops !== null && !(t.hops.min === 1n && t.hops.max === 1n)) ctx.error('T23', 'an edge binding cannot be combined with hop bounds', t.hops.span);
      else if (w.text === t.left.text || w.text === t.right.text) ctx.error('T23', `${name} must differ from the endpoint names`, w.span);
      else if (this.scope.get(w.text) !== undefined || ctx.params.has(w.text)) ctx.error('T23', `${name} is already bound; use a fresh name`, w.span);
      else edgeVarOk = true;
    }
    const infoOf = (n: string): VarInfo | undefined => (n === '_' ? undefined : this.scope.get(n));
    const [l, r] = [infoOf(t.left.text), infoOf(t.right.text)];
    if ((l !== undefined && l.typeName === null) || (r !== undefined && r.typeName === null)) {
      poisonEnds();
      return;
    }
    let leftIsSrc = true;
    const notEndpoint = (v: VarInfo, span: Span): void =>
      ctx.error('T5', `\`$${v.name}\` is bound to \`${v.typeName}\`, which is not an endpoint of \`${edge.name}\` (${edge.from} -> ${edge.to})`, span);
    if (l !== undefined) {
      if (l.typeName === edge.from) leftIsSrc = true;
      else if (l.typeName === edge.to) leftIsSrc = false;
      else {
        notEndpoint(l, t.left.span);
        poisonEnds();
        return;
      }
    } else if (r !== undefined) {
      if (r.typeName === edge.to) leftIsSrc = true;
      else if (r.typeName === edge.from) leftIsSrc = false;
      else {
        notEndpoint(r, t.right.span);
        poisonEnds();
        return;
      }
    }
    const leftType = leftIsSrc ? edge.from : edge.to;
    const rightType = leftIsSrc ? edge.to : edge.from;
    if (l !== undefined && r !== undefined && r.typeName !== rightType) {
      ctx.error('T5', `endpoint type conflict: \`$${r.name}\` is \`${r.typeName}\` but \`${edge.name}\` needs \`${rightType}\` there`, t.right.span);
      return;
    }
    const bindEnd = (e: { text: string; span: Span }, info: VarInfo | undefined, typeName: string): string =>
      info?.name ?? (e.text === '_' ? this.#bindNew(this.ctx.anonName(), 'node', typeName, e.span, true).name : this.#bindNew(e.text, 'node', typeName, e.span).name);
    const left = bindEnd(t.left, l, leftType);
    const right = bindEnd(t.right, r, rightType);
    if (w !== null) this.scope.bind(Object.freeze({ name: w.text, kind: 'edge', typeName: edgeVarOk ? edge.name : null, span: w.span, anonymous: false }));
    if (!edgeVarOk || (t.undirected && !sameType)) return;
    this.traversals.push({
      src: leftIsSrc ? left : right,
      dst: leftIsSrc ? right : left,
      srcType: edge.from,
      dstType: edge.to,
      edgeType: edge.name,
      undirected: t.undirected,
      minHops,
      maxHops: sameType ? maxHops : Math.min(maxHops, 1),
      edgeVariable: w?.text ?? null,
    });
  }

  filter(f: FilterAst): void {
    const ctx = this.ctx;
    const left = checkOperand(ctx, this.scope, f.left);
    const right = checkOperand(ctx, this.scope, f.right);
    if (left === null || right === null) return;
    const [lt, rt] = [left.type, right.type];
    let op: CompareNode['op'] = f.op;
    if (lt.kind === 'node' || rt.kind === 'node') {
      ctx.error('T7', 'filter comparisons require scalar operands', (lt.kind === 'node' ? f.left : f.right).span);
      return;
    }
    if (f.op === 'contains') {
      if (lt.kind === 'list' && left.kind === 'property') {
        if (!isComparableScalar(rt) || !comparable(rt, lt.element)) {
          ctx.error('T7', `contains on list property \`${left.property}\` needs a ${renderType(lt.element)} value, got ${renderType(rt)}`, f.right.span);
          return;
        }
        op = 'member';
      } else if (isStringLike(lt) && isComparableScalar(lt)) {
        if (!isStringLike(rt)) {
          ctx.error('T7', `substring contains needs a String on the right, got ${renderType(rt)}`, f.right.span);
          return;
        }
      } else {
        ctx.error('T7', 'contains requires a list property (membership) or a String property (substring)', f.left.span);
        return;
      }
    } else if (f.op === 'starts_with') {
      if (!isStringLike(lt) || !isStringLike(rt)) {
        ctx.error('T7', `starts_with requires String operands, got ${renderType(lt)} and ${renderType(rt)}`, f.span);
        return;
      }
    } else if (!comparable(lt, rt)) {
      const why = !isComparableScalar(lt) || !isComparableScalar(rt) ? 'filter comparisons require scalar operands (lists, vectors and Blob cannot be compared)' : 'cannot compare';
      ctx.error('T7', `${why}: ${renderType(lt)} ${f.op} ${renderType(rt)}`, f.opSpan);
      return;
    }
    const predicate = CompareNode.create({ op, left, right });
    this.filters.push({ kind: 'compare', predicate, variables: [...exprVariables(predicate)] });
  }

  negation(n: NegationAst): void {
    const outer = [...mentions(n.clauses, new Set())].some((name) => this.scope.get(name) !== undefined);
    if (!outer) this.ctx.error('T9', 'negation block must reference at least one outer-bound variable', n.span);
    this.negations.push(checkBlock(this.ctx, n.clauses, this.scope));
  }
}

/**
 * Check the clauses of one block in the planner's order (bindings, traversals, filters and text search, then
 * negations) and return the typed block; errors go to `ctx`.
 */
export function checkBlock(ctx: CheckContext, clauses: readonly ClauseAst[], parent: Scope | null): BoundBlock {
  const b = new BlockChecker(ctx, parent, clauses);
  for (const c of clauses) if (c.kind === 'binding') b.binding(c);
  b.traversalsInOrder(clauses.filter((c): c is TraversalAst => c.kind === 'traversal'));
  for (const c of clauses) {
    if (c.kind === 'filter') b.filter(c);
    else if (c.kind === 'text-search') {
      const call = checkTextCall(ctx, b.scope, c.call);
      if (call) b.filters.push({ kind: 'text', call, variables: [call.target.variable] });
    }
  }
  for (const c of clauses) if (c.kind === 'not') b.negation(c);
  return { scope: b.scope, bindings: b.bindings, newVars: b.newVars, traversals: b.traversals, filters: b.filters, negations: b.negations };
}

// Planning a checked match block: component roots are scanned with pushed-down predicates, traversals expand from
// bound variables, disconnected parts cross-join, filters apply as soon as their variables are bound, `not` anti-joins.
import { AntiJoinNode } from '../../ir/anti-join-node.js';
import { ArgumentNode } from '../../ir/argument-node.js';
import type { CompareNode } from '../../ir/compare-node.js';
import { CrossJoinNode } from '../../ir/cross-join-node.js';
import { ExpandNode } from '../../ir/expand-node.js';
import { FilterNode } from '../../ir/filter-node.js';
import type { PlanNode } from '../../ir/node.js';
import { ScanNode } from '../../ir/scan-node.js';
import { TextSearchNode } from '../../ir/text-search-node.js';
import type { BoundBlock, BoundFilter, BoundTraversal } from './match.js';
import { TraversalOrder } from './traversal-order.js';

/** Where a ranking (`nearest`/`bm25`) is spliced in: right after its variable is bound and filtered. */
export interface RankHook {
  readonly variable: string;
  readonly apply: (input: PlanNode) => PlanNode;
}

class BlockPlanner {
  plan: PlanNode | null;
  readonly inPlan = new Set<string>();
  readonly #order: TraversalOrder<BoundTraversal>;
  /** Variables bound since the last `#applyReady` (their binding predicates are still to apply). */
  readonly #fresh: string[] = [];
  /** Per filter: how many of its variables are not bound yet; filters by variable. */
  readonly #missing: number[];
  readonly #filtersByVar = new Map<string, number[]>();
  readonly #ready: number[] = [];
  readonly #filterDone: boolean[];
  readonly #scanned = new Set<string>();
  #rootCursor = 0;
  #rank: RankHook | null;

  constructor(
    readonly block: BoundBlock,
    start: PlanNode | null,
    bound: Iterable<string>,
    rank: RankHook | null,
  ) {
    this.plan = start;
    this.#rank = rank;
    this.#order = new TraversalOrder(block.traversals, (t) => [t.src, t.dst]);
    this.#filterDone = block.filters.map(() => false);
    this.#missing = block.filters.map((f, i) => {
      for (const v of f.variables) {
        const list = this.#filtersByVar.get(v);
        if (list === undefined) this.#filtersByVar.set(v, [i]);
        else list.push(i);
      }
      if (f.variables.length === 0) this.#ready.push(i);
      return f.variables.length;
    });
    for (const v of bound) this.#bind(v);
  }

  #bind(v: string): void {
    if (this.inPlan.has(v)) return;
    this.inPlan.add(v);
    this.#fresh.push(v);
    this.#order.bound(v);
    for (const i of this.#filtersByVar.get(v) ?? []) {
      this.#missing[i] = (this.#missing[i] as number) - 1;
      if (this.#missing[i] === 0) this.#ready.push(i);
    }
  }

  /** Apply the binding predicates of newly bound variables, then ready filters in source order, then the ranking. */
  #applyReady(): void {
    if (this.plan === null) return;
    for (const v of this.#fresh.splice(0)) {
      if (this.#scanned.has(v)) continue;
      for (const p of this.block.bindings.get(v) ?? []) this.plan = FilterNode.create({ input: this.plan, predicate: p });
    }
    for (const i of this.#ready.splice(0).sort((a, b) => a - b)) {
      if (this.#filterDone[i]) continue;
      this.#filterDone[i] = true;
      this.plan = lowerFilter(this.plan, this.block.filters[i] as BoundFilter);
    }
    if (this.#rank !== null && this.inPlan.has(this.#rank.variable)) {
      this.plan = this.#rank.apply(this.plan);
      this.#rank = null;
    }
  }

  /** Scan a component root with its binding predicates and single-variable comparisons pushed down. */
  #scan(variable: string): void {
    const typeName = this.block.scope.get(variable)?.typeName as string;
    const predicates: CompareNode[] = [...(this.block.bindings.get(variable) ?? [])];
    for (const i of this.#filtersByVar.get(variable) ?? []) {
      const f = this.block.filters[i] as BoundFilter;
      if (f.kind !== 'compare' || f.variables.length !== 1 || this.#filterDone[i]) continue;
      predicates.push(f.predicate);
      this.#filterDone[i] = true;
    }
    this.#scanned.add(variable);
    const scan = ScanNode.create({ variable, typeName, predicates });
    this.plan = this.plan === null ? scan : CrossJoinNode.create({ left: this.plan, right: scan });
    this.#bind(variable);
  }

  #expand(t: BoundTraversal): void {
    const fromSrc = this.inPlan.has(t.src);
    const [from, to] = fromSrc ? [t.src, t.dst] : [t.dst, t.src];
    this.plan = ExpandNode.create({
      input: this.plan as PlanNode,
      from,
      to,
      toType: fromSrc ? t.dstType : t.srcType,
      toBound: this.inPlan.has(to),
      edgeType: t.edgeType,
      direction: t.undirected ? 'both' : fromSrc ? 'out' : 'in',
      minHops: t.minHops,
      maxHops: t.maxHops,
      edgeVariable: t.edgeVariable,
    });
    this.#bind(to);
    if (t.edgeVariable !== null) this.#bind(t.edgeVariable);
  }

  #nextRoot(): string | undefined {
    const vars = this.block.newVars;
    while (this.#rootCursor < vars.length && this.inPlan.has(vars[this.#rootCursor] as string)) this.#rootCursor++;
    return vars[this.#rootCursor];
  }

  run(): PlanNode {
    this.#applyReady();
    for (;;) {
      const t = this.#order.nextBound();
      if (t !== undefined) this.#expand(t);
      else {
        const root = this.#nextRoot();
        if (root === undefined) break;
        this.#scan(root);
      }
      this.#applyReady();
    }
    if (this.plan === null) {
      this.plan = ArgumentNode.create({ variables: [] });
      this.#applyReady();
    }
    let plan = this.#rank === null ? this.plan : this.#rank.apply(this.plan);
    if (this.block.negations.length > 0) {
      const outer = [...this.inPlan].sort();
      for (const neg of this.block.negations) {
        const subplan = new BlockPlanner(neg, ArgumentNode.create({ variables: outer }), outer, null).run();
        plan = AntiJoinNode.create({ input: plan, subplan });
      }
    }
    return plan;
  }
}

function lowerFilter(input: PlanNode, f: BoundFilter): PlanNode {
  if (f.kind === 'compare') return FilterNode.create({ input, predicate: f.predicate });
  const { call } = f;
  return TextSearchNode.create({
    input,
    mode: call.mode,
    variable: call.target.variable,
    typeName: call.target.typeName,
    property: call.target.property,
    query: call.query,
    maxEdits: call.maxEdits,
  });
}

/**
 * Plan a checked top-level match block; `rank` (when the query is ordered by `nearest`/`bm25`) is applied right
 * after the ranked variable is bound and its own filters ran — "scope first, rank second" (search spec §2.6).
 */
export function planMatch(block: BoundBlock, rank: RankHook | null): PlanNode {
  return new BlockPlanner(block, null, [], rank).run();
}

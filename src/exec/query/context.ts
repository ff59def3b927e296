// The execution context of one read query: slots per variable, parameters, `now()`, and the snapshot's graph data.
import type { Catalog, IrNode, PlanNode } from '../../compiler/index.js';
import { children, walk } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import type { ScanNode } from '../../compiler/ir/scan-node.js';
import { columnValues, type EdgeIndex, type GraphIndexCache, type NodeData, type PinnedTable, type TableData } from '../../graphindex/index.js';
import { andFilter, lowerFilter } from '../predicate/index.js';
import { filterValues } from './evaluate.js';
import { keyLookup } from './key-lookup.js';
import type { CellValue } from './values.js';

/** A matched row: one dense node id or edge row per variable slot (-1 = unbound). */
export type SlotRow = number[];

/** A computed row (after `aggregate` or `project`). */
export type ValueRow = CellValue[];

/** What the executor reads: pinned tables of a snapshot by entity kind and type name. */
export interface SnapshotSource {
  /** The pinned table of a type, or undefined when the snapshot has none. */
  table(kind: 'node' | 'edge', typeName: string): PinnedTable | undefined;
}

/** A stand-in for a type the snapshot has no table for: no rows (one per type, so cache keys never collide). */
function emptyPin(kind: 'node' | 'edge', typeName: string): PinnedTable {
  return { tableId: `(empty ${kind} ${typeName})`, branch: null, version: 0, open: async () => ({ scan: async () => ({ numRows: 0, getChild: () => null }) as never }) };
}

/** Everything operators need, resolved before the synchronous run. */
export class ExecContext {
  readonly slots = new Map<string, number>();
  readonly #nodes = new Map<string, NodeData>();
  readonly #edges = new Map<string, EdgeIndex>();
  readonly #pushed = new Map<ScanNode, Int32Array>();
  readonly #scratch = new Map<number, { visited: Int32Array; emitted: Int32Array; nextGen: () => number }>();
  /** Edge variable → edge type (for ids in tie-breaks). */
  readonly edgeVars = new Map<string, string>();
  /** Node variable → node type, as the top-level plan binds them. */
  readonly nodeVars = new Map<string, string>();

  constructor(
    readonly catalog: Catalog,
    readonly params: ReadonlyMap<string, CellValue>,
    readonly now: number,
  ) {}

  /** The slot of a variable. */
  slot(variable: string): number {
    let s = this.slots.get(variable);
    if (s === undefined) {
      s = this.slots.size;
      this.slots.set(variable, s);
    }
    return s;
  }

  /** Width of a slot row. */
  get width(): number {
    return this.slots.size;
  }

  /** The node table of a type (loaded by {@link prepare}). */
  nodes(typeName: string): NodeData {
    const n = this.#nodes.get(typeName);
    if (n === undefined) throw new OmniError('internal', `node type ${typeName} was not prepared`);
    return n;
  }

  /** The edge index of an edge type (loaded by {@link prepare}). */
  edges(edgeType: string): EdgeIndex {
    const e = this.#edges.get(edgeType);
    if (e === undefined) throw new OmniError('internal', `edge type ${edgeType} was not prepared`);
    return e;
  }

  /** The table holding an entity's properties. */
  table(entity: 'node' | 'edge', typeName: string): TableData {
    return entity === 'node' ? this.nodes(typeName) : this.edges(typeName).edges;
  }

  /** Load every table, edge index and property column the plan reads. */
  async prepare(plan: PlanNode, source: SnapshotSource, cache: GraphIndexCache): Promise<void> {
    const nodeTypes = new Set<string>();
    const edgeTypes = new Set<string>();
    const props: { entity: 'node' | 'edge'; typeName: string; property: string }[] = [];
    const scans: ScanNode[] = [];
    const edgeIdTypes = new Set<string>();
    const scanProps = new Set<IrNode>();
    walk(plan, (n: IrNode) => {
      switch (n.kind) {
        case 'scan':
          scans.push(n);
          for (const p of n.predicates) walk(p, (x) => scanProps.add(x));
          nodeTypes.add(n.typeName);
          this.slot(n.variable);
          break;
        case 'expand':
          edgeTypes.add(n.edgeType);
          this.slot(n.from);
          this.slot(n.to);
          if (n.edgeVariable !== null) {
            this.slot(n.edgeVariable);
            edgeIdTypes.add(n.edgeType);
          }
          break;
        case 'argument':
          for (const v of n.variables) this.slot(v);
          break;
        case 'property':
          if (!scanProps.has(n)) props.push(n);
          (n.entity === 'node' ? nodeTypes : edgeTypes).add(n.typeName);
          break;
        case 'variable':
          nodeTypes.add(n.typeName);
          break;
      }
    });
    this.#bindTypes(plan);
    const pinOf = (kind: 'node' | 'edge', typeName: string): PinnedTable => source.table(kind, typeName) ?? emptyPin(kind, typeName);
    for (const et of edgeTypes) {
      const t = this.catalog.edges[et];
      if (t === undefined) throw new OmniError('internal', `unknown edge type ${et}`);
      const from = this.catalog.nodes[t.from];
      const to = this.catalog.nodes[t.to];
      if (from === undefined || to === undefined) throw new OmniError('internal', `edge ${et} has unknown endpoints`);
      const idx = await cache.edgeIndex(
        { layout: t.table, pin: pinOf('edge', et) },
        { layout: from.table, pin: pinOf('node', t.from) },
        { layout: to.table, pin: pinOf('node', t.to) },
      );
      this.#edges.set(et, idx);
      this.#adopt(t.from, idx.from);
      this.#adopt(t.to, idx.to);
    }
    for (const nt of nodeTypes) {
      if (this.#nodes.has(nt)) continue;
      const t = this.catalog.nodes[nt];
      if (t === undefined) throw new OmniError('internal', `unknown node type ${nt}`);
      this.#nodes.set(nt, await cache.nodes(t.table, pinOf('node', nt)));
    }
    await Promise.all([...props.map((p) => this.table(p.entity, p.typeName).load(p.property)), ...[...edgeIdTypes].map((et) => this.edges(et).edges.load('id'))]);
    await Promise.all(scans.map((scan) => this.#prepareScan(scan, pinOf('node', scan.typeName))));
  }

  /**
   * A scan whose predicate columns are all in memory is evaluated in TS; otherwise its predicates go to Lance SQL
   * when they lower exactly (the columns are then not loaded for it), else its columns are loaded.
   */
  async #prepareScan(scan: ScanNode, pin: PinnedTable): Promise<void> {
    const nodes = this.nodes(scan.typeName);
    const cols = new Set<string>();
    for (const p of scan.predicates) for (const side of [p.left, p.right]) if (side.kind === 'property') cols.add(side.property);
    if ([...cols].every((c) => nodes.isLoaded(c))) return;
    if (!(await this.#pushDown(scan, pin))) await Promise.all([...cols].map((c) => nodes.load(c)));
  }

  /** Dense ids a scan's pushed-down Lance SQL selected (absent: the scan reads every row). */
  pushedDown(scan: ScanNode): Int32Array | undefined {
    return this.#pushed.get(scan);
  }

  /** Run a scan's predicates as Lance SQL when they lower exactly (and no key lookup serves the scan). */
  async #pushDown(scan: ScanNode, pin: PinnedTable): Promise<boolean> {
    if (scan.predicates.length === 0 || pin.version === 0 || keyLookup(this, scan) !== null) return false;
    const type = this.catalog.nodes[scan.typeName];
    const sql = lowerFilter(andFilter(scan.predicates), {
      column: (p) => (p.variable === scan.variable && p.entity === 'node' ? (type?.properties[p.property]?.column ?? null) : null),
      ...filterValues(this),
    });
    if (sql === null) return false;
    const nodes = this.nodes(scan.typeName);
    const ids = columnValues(await (await pin.open()).scan({ filter: sql, columns: ['id'] }), 'id', { kind: 'utf8' });
    const dense = new Int32Array(ids.length);
    for (let i = 0; i < ids.length; i++) dense[i] = nodes.denseId(ids[i] as string);
    this.#pushed.set(scan, dense);
    return true;
  }

  /** Per-query scratch marks for breadth-first searches over `size` nodes, with a fresh generation per search. */
  scratch(size: number): { visited: Int32Array; emitted: Int32Array; nextGen: () => number } {
    let s = this.#scratch.get(size);
    if (s === undefined) {
      let gen = 0;
      s = { visited: new Int32Array(size), emitted: new Int32Array(size), nextGen: () => ++gen };
      this.#scratch.set(size, s);
    }
    return s;
  }

  #adopt(typeName: string, data: NodeData): void {
    const had = this.#nodes.get(typeName);
    // Dense ids must agree across every index of one query; a mismatch means an eviction raced this query.
    if (had !== undefined && had !== data) throw new OmniError('internal', `graph index for ${typeName} changed during the query; retry`);
    this.#nodes.set(typeName, data);
  }

  /** Record the types of the variables the top-level plan binds (tie-breaks read their ids). */
  #bindTypes(plan: PlanNode): void {
    const visitPlan = (n: IrNode): void => {
      if (n.kind === 'anti-join') return visitPlan(n.input);
      if (n.kind === 'scan') this.nodeVars.set(n.variable, n.typeName);
      if (n.kind === 'expand') {
        this.nodeVars.set(n.to, n.toType);
        if (n.edgeVariable !== null) this.edgeVars.set(n.edgeVariable, n.edgeType);
      }
      for (const c of children(n)) if (c.kind !== 'compare') visitPlan(c);
    };
    visitPlan(plan);
  }

  /** The id of variable `v` in `row` (node id or edge id), or null. */
  idOf(row: SlotRow, v: string): string | null {
    const at = row[this.slot(v)] as number;
    if (at < 0) return null;
    const edgeType = this.edgeVars.get(v);
    if (edgeType !== undefined) return this.edges(edgeType).edges.ids[at] ?? null;
    const nodeType = this.nodeVars.get(v);
    return nodeType === undefined ? null : (this.nodes(nodeType).ids[at] ?? null);
  }
}

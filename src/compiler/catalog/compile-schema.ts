// The schema compiler's entry point: `.pg` text (plus the accepted catalog, if any) to a frozen Catalog.
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSchemaTree } from '../schema/parse-schema.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { resolveConstraints, type ResolvedConstraints } from './constraints.js';
import { collectDeclarations, type Declarations } from './declarations.js';
import type { PropertyDraft, TypeDraft } from './draft.js';
import { assignIdentities, type AssignedType, type IdentitySource } from './identity.js';
import { injectInterfaces } from './interfaces.js';
import { buildTableLayout, propertyColumnName } from './layout.js';
import { compareCodeUnits } from './property-type.js';
import { Reporter } from './reporter.js';
import { CATALOG_FORMAT_VERSION, type Catalog, type EdgeType, type InterfaceType, type NodeType, type Property } from './types.js';

/** Options of `compileSchema`. */
export interface CompileSchemaOptions {
  /**
   * The accepted catalog. Declarations keep its identities when they match by name or `@rename_from`; new ones
   * are allocated after its `nextIdentityId`. Omit on first init (rename hints are then inert).
   */
  readonly previous?: IdentitySource;
}

/** The compiler's answer: a catalog iff no diagnostic is an error (warnings may accompany a catalog). */
export interface CompileSchemaResult {
  readonly catalog: Catalog | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Compile `.pg` text to a frozen catalog, or explain precisely why not. Never throws for bad input: every problem
 * is a diagnostic with a stable code and a line/column span.
 * @example
 * const first = compileSchema('node Person { name: String @key  age: I32? }');
 * const accepted = first.catalog!;                    // Person: typeId 1, incarnation 2; age = p3, name = p4
 * const next = compileSchema('node Human @rename_from("Person") { name: String @key  age: I32? }', { previous: accepted });
 * next.catalog!.nodes['Human']!.typeId === accepted.nodes['Person']!.typeId; // true: a rename keeps identity
 */
export function compileSchema(text: string, options: CompileSchemaOptions = {}): CompileSchemaResult {
  const parsed = parseSchemaTree(text);
  if (parsed.ast === undefined) return Object.freeze({ catalog: undefined, diagnostics: parsed.diagnostics });
  const rep = new Reporter(text);
  const decls = collectDeclarations(rep, parsed.ast);
  for (const node of decls.nodes.values()) injectInterfaces(rep, node, decls.interfaces);
  checkEdges(rep, decls);
  const constraints = new Map<TypeDraft, ResolvedConstraints>();
  for (const t of [...decls.nodes.values(), ...decls.edges.values()]) constraints.set(t, resolveConstraints(rep, t));
  if (rep.errorCount > 0) return result(undefined, rep);
  const drafts = { interface: [...decls.interfaces.values()], node: [...decls.nodes.values()], edge: [...decls.edges.values()] };
  const ids = assignIdentities(rep, drafts, options.previous);
  if (rep.errorCount > 0) return result(undefined, rep);
  const byName = <T>(items: [string, T][]): Record<string, T> => Object.fromEntries(items.sort((a, b) => compareCodeUnits(a[0], b[0])));
  const typeIds = (t: TypeDraft): AssignedType => ids.types.get(t) as AssignedType;
  const catalog: Catalog = {
    formatVersion: CATALOG_FORMAT_VERSION,
    source: text,
    nextIdentityId: ids.nextIdentityId,
    interfaces: byName(drafts.interface.map((t) => [t.name.text, buildInterface(t, typeIds(t))])),
    nodes: byName(drafts.node.map((t) => [t.name.text, buildNode(t, typeIds(t), constraints.get(t) as ResolvedConstraints)])),
    edges: byName(drafts.edge.map((t) => [t.name.text, buildEdge(t, typeIds(t), constraints.get(t) as ResolvedConstraints)])),
  };
  return result(deepFreeze(catalog), rep);
}

function result(catalog: Catalog | undefined, rep: Reporter): CompileSchemaResult {
  const diagnostics = rep.sorted();
  return Object.freeze({ catalog: hasErrors(diagnostics) ? undefined : catalog, diagnostics });
}

/** Edge endpoints must be declared node types (S502); edge names must stay distinct after case folding (S503). */
function checkEdges(rep: Reporter, decls: Declarations): void {
  const folded = new Map<string, string>();
  for (const e of decls.edges.values()) {
    const name = e.name.text;
    const ctx = { typeName: name };
    if (e.from !== null && !decls.nodes.has(e.from.text)) rep.report('S502', `edge ${name} references unknown source type: ${e.from.text}`, e.from.range, ctx);
    if (e.to !== null && !decls.nodes.has(e.to.text)) rep.report('S502', `edge ${name} references unknown target type: ${e.to.text}`, e.to.range, ctx);
    const lower = name.toLowerCase();
    const other = folded.get(lower);
    if (other !== undefined) rep.report('S503', `edge name collision after case folding: '${name}' conflicts with '${other}'`, e.name.range, ctx);
    else folded.set(lower, name);
  }
}

function buildProperties(t: TypeDraft, ids: AssignedType, withColumns: boolean): Property[] {
  return t.properties
    .map((d: PropertyDraft): Property => {
      const id = ids.properties.get(d.name) as number;
      return {
        name: d.name,
        id,
        column: withColumns ? propertyColumnName(id) : '',
        type: d.type,
        origin: d.origin,
        interfaces: [...d.interfaces],
        description: d.description,
        renameFrom: d.renameFrom?.value ?? null,
        embed: d.embed === null ? null : { source: d.embed.source, model: d.embed.model },
        annotations: d.annotations,
      };
    })
    .sort((a, b) => a.id - b.id);
}

function record(props: readonly Property[]): Record<string, Property> {
  return Object.fromEntries(props.map((p) => [p.name, p]));
}

function buildInterface(t: TypeDraft, ids: AssignedType): InterfaceType {
  const props = buildProperties(t, ids, false);
  const drafts = new Map(t.properties.map((d) => [d.name, d]));
  const constraints = props.flatMap((p) => (['key', 'unique', 'index'] as const).filter((k) => drafts.get(p.name)?.[k] !== null).map((kind) => ({ kind, property: p.name })));
  return {
    kind: 'interface',
    name: t.name.text,
    typeId: ids.typeId,
    description: null,
    renameFrom: null,
    annotations: [],
    properties: record(props),
    constraints,
  };
}

function buildNode(t: TypeDraft, ids: AssignedType, c: ResolvedConstraints): NodeType {
  const props = buildProperties(t, ids, true);
  const idOf = (name: string): number => ids.properties.get(name) ?? 0;
  const identity = { stableTableId: ids.typeId, tableIncarnationId: ids.incarnationId };
  return {
    kind: 'node',
    name: t.name.text,
    typeId: ids.typeId,
    incarnationId: ids.incarnationId,
    description: t.meta.description,
    instruction: t.meta.instruction,
    renameFrom: t.meta.renameFrom?.value ?? null,
    annotations: t.meta.annotations,
    implements: [...new Set(t.implements.map((i) => i.text))].sort(compareCodeUnits),
    properties: record(props),
    key: c.key === null ? null : { properties: [...c.key].sort((a, b) => idOf(a) - idOf(b)) },
    uniques: c.uniques,
    indexes: c.indexes,
    ranges: c.ranges,
    checks: c.checks,
    table: buildTableLayout('node', t.name.text, identity, props),
  };
}

function buildEdge(t: TypeDraft, ids: AssignedType, c: ResolvedConstraints): EdgeType {
  const props = buildProperties(t, ids, true);
  const identity = { stableTableId: ids.typeId, tableIncarnationId: ids.incarnationId };
  return {
    kind: 'edge',
    name: t.name.text,
    typeId: ids.typeId,
    incarnationId: ids.incarnationId,
    description: t.meta.description,
    instruction: t.meta.instruction,
    renameFrom: t.meta.renameFrom?.value ?? null,
    annotations: t.meta.annotations,
    from: t.from?.text ?? '',
    to: t.to?.text ?? '',
    cardinality: c.cardinality,
    properties: record(props),
    uniques: c.uniques,
    indexes: c.indexes,
    table: buildTableLayout('edge', t.name.text, identity, props),
  };
}

// Per-type migration diff: rename, metadata, properties and constraints of one type present on both sides.
import { formatPropertyType } from '../catalog/property-type.js';
import type { Catalog, CatalogType, EdgeType, NodeType, Property } from '../catalog/types.js';
import type { DropMode, PlanStep, TypeKind } from './steps.js';

/** What a type diff needs besides the two versions of the type. */
export interface DiffContext {
  readonly accepted: Catalog;
  readonly next: Catalog;
  readonly mode: DropMode;
}

function unsupported(entity: string, reason: string, code?: 'OG-MF-103' | 'OG-MF-106'): PlanStep {
  return code === undefined ? { kind: 'unsupported_change', entity, reason } : { kind: 'unsupported_change', entity, reason, code };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Steps for a type that exists (by identity) in both catalogs, in the spec's order. */
export function diffType(kind: TypeKind, a: CatalogType, t: CatalogType, ctx: DiffContext): PlanStep[] {
  const steps: PlanStep[] = [];
  const entity = `${kind}:${t.name}`;
  if (a.name !== t.name) steps.push({ kind: 'rename_type', type_kind: kind, from: a.name, to: t.name });
  const meta: Record<string, string | null> = {};
  if (a.description !== t.description) meta['description'] = t.description;
  if (a.kind !== 'interface' && t.kind !== 'interface' && a.instruction !== t.instruction) meta['instruction'] = t.instruction;
  if (Object.keys(meta).length > 0) steps.push({ kind: 'update_type_metadata', type_kind: kind, name: t.name, annotations: meta });
  if (!same(a.annotations, t.annotations)) steps.push(unsupported(entity, `changing custom annotations of ${kind} '${t.name}' is not supported`));
  if (a.kind === 'node' && t.kind === 'node' && !same(a.implements, t.implements)) {
    steps.push(unsupported(entity, `changing the implements set of node '${t.name}' (${a.implements.join(', ') || 'none'} → ${t.implements.join(', ') || 'none'}) is not supported`));
  }
  if (a.kind === 'edge' && t.kind === 'edge') {
    const endpoint = (c: Catalog, name: string): number | undefined => (Object.hasOwn(c.nodes, name) ? c.nodes[name]?.typeId : undefined);
    if (endpoint(ctx.accepted, a.from) !== endpoint(ctx.next, t.from) || endpoint(ctx.accepted, a.to) !== endpoint(ctx.next, t.to)) {
      steps.push(unsupported(entity, `changing the endpoints of edge '${t.name}' (${a.from} -> ${a.to} to ${t.from} -> ${t.to}) is not supported`));
    }
    if (!same(a.cardinality, t.cardinality)) steps.push(unsupported(entity, `changing @card of edge '${t.name}' is not supported`));
  }
  steps.push(...diffProperties(kind, a, t, ctx.mode));
  if ((a.kind === 'node' && t.kind === 'node') || (a.kind === 'edge' && t.kind === 'edge')) steps.push(...diffConstraints(kind, a, t));
  return steps;
}

function diffProperties(kind: TypeKind, a: CatalogType, t: CatalogType, mode: DropMode): PlanStep[] {
  const steps: PlanStep[] = [];
  const before = new Map(Object.values(a.properties).map((p) => [p.id, p]));
  const after = new Map(Object.values(t.properties).map((p) => [p.id, p]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y);
  for (const id of ids) {
    const p = before.get(id);
    const q = after.get(id);
    if (p === undefined && q !== undefined) {
      if (q.type.nullable) {
        steps.push({ kind: 'add_property', type_kind: kind, type_name: t.name, property_name: q.name, property_type: formatPropertyType(q.type) });
      } else {
        steps.push(
          unsupported(`${kind}:${t.name}.${q.name}`, `adding required property '${t.name}.${q.name}' requires a backfill and is not supported in schema migration v1`, 'OG-MF-103'),
        );
      }
    } else if (p !== undefined && q === undefined) {
      steps.push({ kind: 'drop_property', type_kind: kind, type_name: t.name, property_name: p.name, mode });
    } else if (p !== undefined && q !== undefined) {
      steps.push(...diffProperty(kind, t.name, p, q));
    }
  }
  return steps;
}

function diffProperty(kind: TypeKind, typeName: string, p: Property, q: Property): PlanStep[] {
  const steps: PlanStep[] = [];
  const entity = `${kind}:${typeName}.${q.name}`;
  if (p.name !== q.name) steps.push({ kind: 'rename_property', type_kind: kind, type_name: typeName, from: p.name, to: q.name });
  const was = formatPropertyType(p.type);
  const now = formatPropertyType(q.type);
  if (was !== now) {
    const added = p.type.kind === 'enum' && q.type.kind === 'enum' ? q.type.values.filter((v) => !(p.type as { values: readonly string[] }).values.includes(v)) : [];
    const widening = p.type.kind === 'enum' && q.type.kind === 'enum' && p.type.nullable === q.type.nullable && p.type.values.every((v) => (q.type as { values: readonly string[] }).values.includes(v));
    if (widening) steps.push({ kind: 'extend_enum', type_kind: kind, type_name: typeName, property_name: q.name, added_values: added });
    else steps.push(unsupported(entity, `changing the type of '${typeName}.${q.name}' from ${was} to ${now} is not supported`, 'OG-MF-106'));
  }
  if (p.origin !== q.origin) steps.push(unsupported(entity, `moving '${typeName}.${q.name}' between direct declaration and interface injection is not supported`));
  if (!same(p.embed, q.embed)) steps.push(unsupported(entity, `changing @embed of '${typeName}.${q.name}' is not supported`));
  if (!same(p.annotations, q.annotations)) steps.push(unsupported(entity, `changing custom annotations of '${typeName}.${q.name}' is not supported`));
  if (p.description !== q.description) {
    steps.push({ kind: 'update_property_metadata', type_kind: kind, type_name: typeName, property_name: q.name, annotations: { description: q.description } });
  }
  return steps;
}

/** Constraint members in identity space: property ids, or `src`/`dst`. */
function idsOf(t: NodeType | EdgeType, members: readonly string[]): string[] {
  return members.map((m) => (Object.hasOwn(t.properties, m) ? `#${t.properties[m]?.id}` : m));
}

function setKey(t: NodeType | EdgeType, members: readonly string[]): string {
  return idsOf(t, members).sort().join(',');
}

function describe(name: string, members: readonly string[]): string {
  return `@${name}(${members.join(', ')})`;
}

function diffConstraints(kind: TypeKind, a: NodeType | EdgeType, t: NodeType | EdgeType): PlanStep[] {
  const steps: PlanStep[] = [];
  const entityFor = (members: readonly string[]): string => (members.length === 1 ? `${kind}:${t.name}.${members[0]}` : `${kind}:${t.name}`);
  // A constraint naming only dropped properties leaves with them (the drop step covers it); keys never do.
  const kept = new Set(Object.values(t.properties).map((p) => `#${p.id}`));
  const onlyDropped = (members: readonly string[]): boolean => idsOf(a, members).every((m) => m.startsWith('#') && !kept.has(m));
  if (a.kind === 'node' && t.kind === 'node') {
    const before = a.key === null ? null : setKey(a, a.key.properties);
    const after = t.key === null ? null : setKey(t, t.key.properties);
    if (before !== after) {
      if (a.key !== null) steps.push(unsupported(entityFor(a.key.properties), `removing ${describe('key', a.key.properties)} from node '${t.name}' is not supported`));
      if (t.key !== null) steps.push(unsupported(entityFor(t.key.properties), `adding ${describe('key', t.key.properties)} to node '${t.name}' is not supported`));
    }
  }
  const sets = (name: 'unique' | 'index'): void => {
    const before = new Map((name === 'unique' ? a.uniques : a.indexes).map((s) => [setKey(a, s.properties), s.properties]));
    const after = new Map((name === 'unique' ? t.uniques : t.indexes).map((s) => [setKey(t, s.properties), s.properties]));
    for (const [k, members] of before) {
      if (!after.has(k) && !onlyDropped(members)) steps.push(unsupported(entityFor(members), `removing ${describe(name, members)} from ${kind} '${t.name}' is not supported`));
    }
    for (const [k, members] of after) {
      if (before.has(k)) continue;
      if (name === 'index') steps.push({ kind: 'add_constraint', type_kind: kind, type_name: t.name, constraint: { kind: 'index', properties: members } });
      else steps.push(unsupported(entityFor(members), `adding ${describe(name, members)} to ${kind} '${t.name}' is not supported`));
    }
  };
  sets('unique');
  sets('index');
  if (a.kind === 'node' && t.kind === 'node') {
    type Entry = { readonly text: string; readonly property: string };
    const ranges = (n: NodeType): Map<string, Entry> =>
      new Map(n.ranges.map((r) => [`${idsOf(n, [r.property])[0]}|${r.min}|${r.max}`, { text: `@range(${r.property}, ${r.min ?? ''}..${r.max ?? ''})`, property: r.property }]));
    const checks = (n: NodeType): Map<string, Entry> =>
      new Map(n.checks.map((c) => [`${idsOf(n, [c.property])[0]}|${c.pattern}`, { text: `@check(${c.property}, ${JSON.stringify(c.pattern)})`, property: c.property }]));
    for (const [before, after] of [
      [ranges(a), ranges(t)],
      [checks(a), checks(t)],
    ] as const) {
      for (const [k, e] of before) {
        if (!after.has(k) && !onlyDropped([e.property])) steps.push(unsupported(`${kind}:${t.name}.${e.property}`, `removing ${e.text} from node '${t.name}' is not supported`));
      }
      for (const [k, e] of after) if (!before.has(k)) steps.push(unsupported(`${kind}:${t.name}.${e.property}`, `adding ${e.text} to node '${t.name}' is not supported`));
    }
  }
  return steps;
}
